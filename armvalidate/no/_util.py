"""Small helpers shared by the identifier modules (private: not part of the API).

>>> strip_separators(" 1201 56-417.79 ")
'12015641779'
>>> is_ascii_digits("0123"), is_ascii_digits("١٢٣"), is_ascii_digits("")
(True, False, False)
>>> weighted_sum("123", (1, 2, 3))
14
"""

from __future__ import annotations

from operator import mul
from typing import NoReturn

from armvalidate.catalog import Rule
from armvalidate.exceptions import InvalidValue

__all__ = [
    "MAX_RAW_LENGTH",
    "first_non_digit",
    "is_ascii_digits",
    "raise_format",
    "require_str",
    "strip_separators",
    "weighted_sum",
]

#: Inputs longer than this are rejected before any work is done on them: no identifier,
#: however generously spaced, comes near it.
MAX_RAW_LENGTH = 1000

# Separators people put into numbers: spaces (also no-break and narrow no-break spaces, which
# Norwegian number formatting uses), tabs, hyphens and dots.
_SEPARATORS = str.maketrans("", "", " \t\u00a0\u202f-.")

_ZERO = ord("0")


def strip_separators(value: str) -> str:
    """Remove spaces, tabs, ``-`` and ``.`` anywhere in ``value``; never raises for a str."""
    return value.translate(_SEPARATORS)


def is_ascii_digits(text: str) -> bool:
    """True when ``text`` is non-empty and consists of ASCII digits 0-9 only.

    ``str.isdigit`` alone accepts Arabic-Indic, superscript and other Unicode digits.
    """
    return text.isascii() and text.isdigit()


def first_non_digit(text: str) -> int:
    """The 1-based position of the first character that is not an ASCII digit (0 if none)."""
    for position, char in enumerate(text, 1):
        if not ("0" <= char <= "9"):
            return position
    return 0


def weighted_sum(digits: str, weights: tuple[int, ...]) -> int:
    """Σ weight·digit over ``digits`` (ASCII digits only, as long as ``weights``).

    Works on the bytes directly (the hot path of every checksum): Σw·(b − 48) = Σw·b − 48·Σw.
    """
    total: int = sum(map(mul, weights, digits.encode("ascii")))
    return total - _ZERO * sum(weights[: len(digits)])


def require_str(value: object, rule: Rule, what: str) -> str:
    """Return ``value`` if it is a str, else raise :class:`InvalidValue` for ``rule``.

    Anything but a string is invalid: an int has lost its leading zeros, bytes have no encoding.
    The message names the type, never the value.
    """
    if isinstance(value, str):
        return value
    raise InvalidValue(
        f"expected {what} as a string, got {type(value).__name__}",
        rule=rule.id,
        context={"type": type(value).__name__},
    )


def raise_format(rule: Rule, what: str, number: str, expected_length: int) -> NoReturn:
    """Raise the format error for a compacted ``number`` that is not ``expected_length`` digits.

    The message says which length was expected and found, or which position holds a character
    that is not a digit; it never echoes the value.
    """
    length = len(number)
    if length != expected_length:
        raise InvalidValue(
            f"{what} must be {expected_length} digits, found {length} characters",
            rule=rule.id,
            context={"expected_length": expected_length, "length": length},
        )
    position = first_non_digit(number)
    raise InvalidValue(
        f"{what} must consist of the digits 0-9 only; character {position} is not one",
        rule=rule.id,
        context={"position": position},
    )
