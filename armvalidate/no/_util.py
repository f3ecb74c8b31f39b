"""What the identifier modules share (private: not part of the API, except :class:`InvalidValue`,
which :mod:`armvalidate.exceptions` publishes).

Standard library only: :mod:`armvalidate.no` must import without the rest of armvalidate.

>>> strip_separators(" 1201 56-417.79 ")
'12015641779'
>>> is_ascii_digits("0123"), is_ascii_digits("١٢٣"), is_ascii_digits("")
(True, False, False)
>>> weighted_sum("123", (1, 2, 3))
14
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from operator import mul
from typing import Any, NamedTuple, NoReturn

__all__ = [
    "MAX_RAW_LENGTH",
    "InvalidValue",
    "RuleSpec",
    "compact_digits",
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


class InvalidValue(ValueError):
    """A value broke a rule.

    ``rule`` is the stable rule id (``"ssn.checksum"``), ``message`` explains what is wrong and
    what would be right, and ``context`` carries machine-readable details (``expected``,
    ``found``, ``length`` ...). Neither the message nor the context ever holds a full personal
    number: identifier modules mask what they echo.

    Defined here so that :mod:`armvalidate.no` needs nothing outside itself; its public name is
    :class:`armvalidate.exceptions.InvalidValue` (and ``armvalidate.InvalidValue``).

    >>> err = InvalidValue("the check digit is wrong", rule="ssn.checksum")
    >>> err.rule, str(err)
    ('ssn.checksum', 'the check digit is wrong')
    >>> isinstance(err, ValueError)
    True
    """

    rule: str
    message: str
    context: Mapping[str, Any]

    def __init__(
        self, message: str, *, rule: str, context: Mapping[str, Any] | None = None
    ) -> None:
        super().__init__(message)
        self.rule = rule
        self.message = message
        self.context = dict(context or {})

    def __repr__(self) -> str:
        return f"InvalidValue({self.message!r}, rule={self.rule!r})"


# Its public home (tracebacks, pickling and doctests name it there; that module re-exports it).
setattr(InvalidValue, "__module__", "armvalidate.exceptions")  # noqa: B010 (mypyc)


class RuleSpec(NamedTuple):
    """A rule an identifier module checks, declared beside the check as plain data.

    :mod:`armvalidate.catalog` turns each into its :class:`~armvalidate.catalog.Rule` (the
    identifier modules import nothing of the catalog, so that they load alone). ``severity`` is
    ``"error"`` or ``"warning"``; ``source`` and ``ref`` as in
    :func:`armvalidate.catalog.declare`.
    """

    id: str
    severity: str
    summary: str
    example: str
    source: str
    ref: str
    doc: str = ""


# Separators people put into numbers: spaces (also no-break and narrow no-break spaces, which
# Norwegian number formatting uses), tabs, hyphens and dots.
_SEPARATORS = str.maketrans("", "", " \t\u00a0\u202f-.")


def strip_separators(value: str) -> str:
    """Remove spaces, tabs, ``-`` and ``.`` anywhere in ``value``; never raises for a str."""
    return value.translate(_SEPARATORS)


def is_ascii_digits(text: str) -> bool:
    """True when ``text`` is non-empty and consists of ASCII digits 0-9 only.

    ``str.isdigit`` alone accepts Arabic-Indic, superscript and other Unicode digits.
    """
    return text.isascii() and text.isdigit()


_NON_DIGIT = re.compile("[^0-9]")


def first_non_digit(text: str) -> int:
    """The 1-based position of the first character that is not an ASCII digit (0 if none).

    >>> first_non_digit("12a4"), first_non_digit("1234"), first_non_digit("١")
    (3, 0, 1)
    """
    match = _NON_DIGIT.search(text)
    return 0 if match is None else match.start() + 1


# ASCII digits to the byte values 0-9 (bytes.translate), so that Σw·d is one sum over bytes.
_DIGIT_VALUES = bytes.maketrans(b"0123456789", bytes(range(10)))


def weighted_sum(digits: str, weights: tuple[int, ...]) -> int:
    """Σ weight·digit over ``digits`` (ASCII digits only, at most as many as ``weights``)."""
    total: int = sum(map(mul, weights, digits.encode("ascii").translate(_DIGIT_VALUES)))
    return total


def require_str(value: object, rule: RuleSpec, what: str) -> str:
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


def raise_format(rule: RuleSpec, what: str, number: str, expected_length: int) -> NoReturn:
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


def compact_digits(value: object, rule: RuleSpec, what: str, length: int) -> str:
    """``value`` as ``length`` ASCII digits after removing separators; else raise ``rule``.

    Plain digits of the right length come back as they are (the common case).
    """
    if isinstance(value, str) and len(value) == length and value.isascii() and value.isdigit():
        return value
    text = require_str(value, rule, what)
    if len(text) > MAX_RAW_LENGTH:
        raise_format(rule, what, text, length)
    number = strip_separators(text).strip()
    if len(number) != length or not is_ascii_digits(number):
        raise_format(rule, what, number, length)
    return number
