"""Small helpers shared by the identifier modules (private: not part of the API).

>>> strip_separators(" 1201 56-417.79 ")
'12015641779'
>>> is_ascii_digits("0123"), is_ascii_digits("١٢٣"), is_ascii_digits("")
(True, False, False)
>>> weighted_sum("123", (1, 2, 3))
14
"""

from __future__ import annotations

import dataclasses
import re
import struct
from collections.abc import Callable
from operator import mul
from types import MemberDescriptorType
from typing import Any, NoReturn, TypeVar, cast

from armvalidate.catalog import Rule
from armvalidate.exceptions import InvalidValue

__all__ = [
    "MAX_RAW_LENGTH",
    "first_non_digit",
    "is_ascii_digits",
    "pair_sums",
    "raise_format",
    "require_str",
    "slots_constructor",
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

_T = TypeVar("_T")


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


def weighted_sum(digits: str, weights: tuple[int, ...]) -> int:
    """Σ weight·digit over ``digits`` (ASCII digits only, as long as ``weights``).

    Works on the bytes directly (the hot path of every checksum): Σw·(b − 48) = Σw·b − 48·Σw.
    """
    total: int = sum(map(mul, weights, digits.encode("ascii")))
    return total - _ZERO * sum(weights[: len(digits)])


def pair_sums(
    weights: tuple[int, ...],
) -> tuple[Callable[[bytes], tuple[int, ...]], tuple[dict[int, int], ...]]:
    """Tables for Σw·d mod 11 over a fixed, odd number of ASCII digits, a lookup per two digits.

    Returns ``unpack`` and ``tables``: ``unpack(raw)`` reads the bytes as little-endian byte
    pairs (``b[i] + 256·b[i+1]``) and the last byte alone, and ``tables[k]`` maps the k-th of
    those keys to its digits' share of Σw·d, reduced mod 11. Every key is made of ASCII digits,
    so the shares of a value known to be ASCII digits add up to Σw·d modulo 11 (and to at most
    10 per key). Unpacking and six lookups cost far fewer instructions than
    ``sum(map(mul, weights, raw))``, which multiplies and allocates per digit.

    >>> unpack, tables = pair_sums((1, 2, 3))
    >>> sum(table[key] for table, key in zip(tables, unpack(b"123"), strict=True)) % 11
    3
    """
    if len(weights) % 2 != 1:
        raise ValueError("pair_sums() needs an odd number of weights")
    digits = range(48, 58)
    pairs = zip(weights[0:-1:2], weights[1::2], strict=True)
    tables = (
        *(
            {
                low + 256 * high: (w0 * (low - 48) + w1 * (high - 48)) % 11
                for low in digits
                for high in digits
            }
            for w0, w1 in pairs
        ),
        {last: weights[-1] * (last - 48) % 11 for last in digits},
    )
    return struct.Struct(f"<{len(weights) // 2}HB").unpack, tables


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


def slots_constructor(cls: type[_T]) -> Callable[..., _T]:
    """A faster positional constructor for a frozen, slotted dataclass; ``cls`` itself otherwise.

    A frozen dataclass's generated ``__init__`` stores each field through
    ``object.__setattr__(self, name, value)``, a slow generic call per field (about half the cost
    of building an 11-field result). For a class with ``slots=True``, no ``__post_init__`` and
    only ``init`` fields, the function returned here stores the same values through the slots'
    own descriptors instead: the result is an ordinary instance of ``cls`` with the same fields
    (equal, same hash, same repr, still frozen). It takes every field, positionally, in order.

    >>> @dataclasses.dataclass(frozen=True, slots=True)
    ... class Point:
    ...     x: int
    ...     y: int
    >>> make = slots_constructor(Point)
    >>> make(1, 2), make(1, 2) == Point(1, 2), type(make(1, 2)) is Point
    (Point(x=1, y=2), True, True)
    """
    if not dataclasses.is_dataclass(cls) or hasattr(cls, "__post_init__"):
        return cls
    fields = dataclasses.fields(cls)
    params = getattr(cls, "__dataclass_params__", None)
    code = getattr(cls.__init__, "__code__", None)
    if code is None:
        return cls
    # The parameters of __init__ after self: exactly the fields (no InitVar, no init=False field).
    init = list(code.co_varnames[1 : code.co_argcount + code.co_kwonlyargcount])
    if (
        not fields
        or not getattr(params, "frozen", False)
        or not getattr(params, "init", False)
        or init != [field.name for field in fields]
        or not all(isinstance(vars(cls).get(field.name), MemberDescriptorType) for field in fields)
    ):
        return cls
    namespace: dict[str, Any] = {"new": object.__new__, "cls": cls}
    arguments = ", ".join(f"v{i}" for i in range(len(fields)))
    lines = [f"def make({arguments}):", "    obj = new(cls)"]
    for i, field in enumerate(fields):
        namespace[f"set{i}"] = vars(cls)[field.name].__set__
        lines.append(f"    set{i}(obj, v{i})")
    lines.append("    return obj")
    exec("\n".join(lines), namespace)  # a fixed template; the names come from the class
    make = cast("Callable[..., _T]", namespace["make"])
    make.__qualname__ = make.__name__ = f"_make_{cls.__name__}"
    return make
