"""KID (kundeidentifikasjon): the payment reference on Norwegian invoices.

A payload of digits and one check character, 2 to 25 characters in all by default (sources give
the minimum as 2, 3 or 4, so both bounds are parameters). The payee chooses the length(s) and
the algorithm in its agreement with the bank (Nets/Mastercard Payment Services):

* MOD10 is Luhn: weights 2, 1, 2, 1 ... from the digit left of the check digit, the digit sums of
  the products added, check digit ``(10 − Σ mod 10) mod 10``.
* MOD11: weights 2, 3, 4, 5, 6, 7, repeating, from the rightmost payload digit leftwards; check
  ``11 − (Σ mod 11)``, with 11 written ``0`` and 10 written ``-`` (a real KID can end in a
  hyphen).

``algorithm`` is ``"mod10"`` (the default), ``"mod11"`` or ``"either"``. A check told the payee's
algorithm catches every single-digit typo; ``"either"`` is weaker: it lets about one typo in ten
through (whatever breaks one algorithm often satisfies the other), so it is only ever an explicit
choice. An unknown algorithm is a programming error: ``ValueError``, not
:class:`~armvalidate.InvalidValue`, even from :func:`is_valid`.

>>> validate("1234567897")
'1234567897'
>>> validate("1234567890123-", algorithm="mod11")
'1234567890123-'
>>> calc_check_digit("123456789"), calc_check_digit("1234567890123", "mod11")
('7', '-')
>>> is_valid("1234567897", algorithm="mod11"), is_valid("1234567897", algorithm="either")
(False, True)
>>> validate("1234567898")
Traceback (most recent call last):
    ...
armvalidate.exceptions.InvalidValue: the check digit (character 10) is 8, expected 7 (MOD10)
>>> validate("1234567897", max_length=8)
Traceback (most recent call last):
    ...
armvalidate.exceptions.InvalidValue: a KID must be 2 to 8 characters long, found 10
>>> is_valid(1234567897), is_valid(None), is_valid("١٢٣٤٥٦٧٨٩٧")
(False, False, False)
"""

from __future__ import annotations

from typing import Literal

from armvalidate.no._util import (
    MAX_RAW_LENGTH,
    InvalidValue,
    RuleSpec,
    first_non_digit,
    is_ascii_digits,
    require_str,
    weighted_sum,
)

__all__ = [
    "ALGORITHMS",
    "CHECKSUM",
    "FORMAT",
    "RULES",
    "Algorithm",
    "calc_check_digit",
    "compact",
    "format",
    "is_valid",
    "validate",
]

FORMAT = RuleSpec(
    "kid.format",
    severity="error",
    summary="A KID has a character that is not a digit, or a length outside the agreed bounds.",
    example="12A4",
    source="authority",
    ref=(
        "Bits AS / Nets: KID (kundeidentifikasjon) on OCR giro, digits only (a MOD11 "
        "KID may end in '-'), length as agreed with the bank."
    ),
    doc=(
        "A KID is digits 0-9, except that a MOD11 KID may end in '-'. Its length, spaces "
        "ignored, must lie within the bounds agreed with the bank (2 to 25 by default). A value "
        "that is not a string breaks this rule too."
    ),
)
CHECKSUM = RuleSpec(
    "kid.checksum",
    severity="error",
    summary="A KID's check digit is wrong for its algorithm (MOD10 or MOD11).",
    example="1234567898",
    source="authority",
    ref=("Bits AS / Nets: the KID's MOD10 (Luhn) or MOD11 check digit, as agreed with the bank."),
    doc=(
        "MOD10 (Luhn) or MOD11 (weights 2-7 from the right; 10 written '-'), as the payee "
        "agreed with its bank; MOD10 is the default. Checked against one algorithm, every "
        "single-digit typo is caught; 'either' lets about one typo in ten through."
    ),
)

#: The rules this module checks (declared in the catalog by :mod:`armvalidate.catalog`).
RULES = (FORMAT, CHECKSUM)

Algorithm = Literal["mod10", "mod11", "either"]
#: The accepted values of ``algorithm``.
ALGORITHMS: tuple[Algorithm, ...] = ("mod10", "mod11", "either")

_ZERO = ord("0")
# Luhn: a doubled digit contributes the digit sum of its double (on the ASCII bytes).
_DOUBLED = bytes.maketrans(b"0123456789", b"0246813579")
# MOD11 weights from the rightmost payload digit leftwards; long enough for any allowed length.
_MOD11_WEIGHTS = (2, 3, 4, 5, 6, 7) * (MAX_RAW_LENGTH // 6 + 1)
_MOD11_CHECK = "0-987654321"  # indexed by Σ mod 11: 11 − r, 11 → "0", 10 → "-"
_CHECK_DIGITS = "0123456789"
_NAMES = {"mod10": "MOD10", "mod11": "MOD11"}


def _mod10(payload: str) -> str:
    raw = payload.encode("ascii")
    # From the right: the last payload digit and every second one before it are doubled.
    total = sum(raw[-1::-2].translate(_DOUBLED)) + sum(raw[-2::-2]) - _ZERO * len(raw)
    return _CHECK_DIGITS[-total % 10]


def _mod11(payload: str) -> str:
    return _MOD11_CHECK[weighted_sum(payload[::-1], _MOD11_WEIGHTS) % 11]


def _check_arguments(algorithm: str, min_length: int, max_length: int) -> None:
    if algorithm not in ALGORITHMS:
        raise ValueError(f"unknown KID algorithm {algorithm!r}; use one of {ALGORITHMS}")
    if not 2 <= min_length <= max_length <= MAX_RAW_LENGTH:
        raise ValueError(
            f"KID length bounds must satisfy 2 <= min_length <= max_length <= {MAX_RAW_LENGTH}"
        )


def compact(value: object) -> str:
    """Remove whitespace (a KID may end in ``-``, so hyphens stay).

    Never raises for a str; anything else raises :class:`~armvalidate.InvalidValue`
    (``kid.format``).

    >>> compact(" 1234 5678 97 ")
    '1234567897'
    """
    return "".join(require_str(value, FORMAT, "a KID").split())


def format(value: object) -> str:
    """The KID for display: its compact form (no grouping is standard).

    >>> format("1234 5678 97")
    '1234567897'
    """
    return compact(value)


def calc_check_digit(base: str, algorithm: Algorithm = "mod10") -> str:
    """The check character for the payload ``base`` (``"0"``-``"9"``, or ``"-"`` for MOD11).

    ``algorithm`` is ``"mod10"`` or ``"mod11"``; anything else raises ``ValueError``.

    >>> calc_check_digit("1234"), calc_check_digit("1234", "mod11")
    ('4', '3')
    """
    if algorithm not in _NAMES:
        raise ValueError(f"calc_check_digit() needs 'mod10' or 'mod11', not {algorithm!r}")
    if not is_ascii_digits(base) or len(base) >= MAX_RAW_LENGTH:
        raise ValueError("calc_check_digit() needs a payload of ASCII digits")
    return _mod10(base) if algorithm == "mod10" else _mod11(base)


def validate(
    value: object,
    *,
    algorithm: Algorithm = "mod10",
    min_length: int = 2,
    max_length: int = 25,
) -> str:
    """Check a KID; return its compact form.

    Raises :class:`~armvalidate.InvalidValue` with rule ``kid.format`` (a character that is not
    a digit, ``-`` anywhere but at the end of a MOD11 KID, a length outside
    ``min_length``..``max_length``) or ``kid.checksum``; ``ValueError`` for an unknown algorithm
    or impossible bounds.

    >>> validate("1234 5678 97", min_length=10, max_length=10)
    '1234567897'
    >>> validate("12343", algorithm="either")
    '12343'
    >>> validate("12-4", algorithm="mod11")  # doctest: +NORMALIZE_WHITESPACE
    Traceback (most recent call last):
        ...
    armvalidate.exceptions.InvalidValue: a KID must be digits 0-9 (a MOD11 KID may end in '-');
    character 3 is not
    >>> validate("12345", algorithm="either")  # doctest: +NORMALIZE_WHITESPACE
    Traceback (most recent call last):
        ...
    armvalidate.exceptions.InvalidValue: the check digit (character 5) is 5,
    expected 4 (MOD10) or 3 (MOD11)
    >>> validate("1234", algorithm="luhn")
    Traceback (most recent call last):
        ...
    ValueError: unknown KID algorithm 'luhn'; use one of ('mod10', 'mod11', 'either')
    """
    _check_arguments(algorithm, min_length, max_length)
    return _validate(value, algorithm, min_length, max_length)


def _validate(value: object, algorithm: str, min_length: int, max_length: int) -> str:
    """validate() once the arguments are checked."""
    text = require_str(value, FORMAT, "a KID")
    kid = compact(text) if len(text) <= MAX_RAW_LENGTH else text
    length = len(kid)
    if not min_length <= length <= max_length:
        bounds = f"{min_length}" if min_length == max_length else f"{min_length} to {max_length}"
        raise InvalidValue(
            f"a KID must be {bounds} characters long, found {length}",
            rule=FORMAT.id,
            context={"min_length": min_length, "max_length": max_length, "length": length},
        )
    payload, found = kid[:-1], kid[-1]
    if not is_ascii_digits(payload) or not ("0" <= found <= "9" or found == "-"):
        position = first_non_digit(kid)
        raise InvalidValue(
            f"a KID must be digits 0-9 (a MOD11 KID may end in '-'); character {position} is not",
            rule=FORMAT.id,
            context={"position": position},
        )
    if found == "-" and algorithm == "mod10":
        raise InvalidValue(
            f"a MOD10 KID must be digits 0-9; it ends in '-' (character {length}), "
            "which only MOD11 uses",
            rule=FORMAT.id,
            context={"position": length},
        )
    return _check_digit(kid, payload, found, algorithm)


def _check_digit(kid: str, payload: str, found: str, algorithm: str) -> str:
    """Return ``kid`` if its check character ``found`` is right for ``payload``; else raise."""
    length = len(kid)
    if algorithm == "either":
        expected10, expected11 = _mod10(payload), _mod11(payload)
        if found not in (expected10, expected11):
            raise InvalidValue(
                f"the check digit (character {length}) is {found}, "
                f"expected {expected10} (MOD10) or {expected11} (MOD11)",
                rule=CHECKSUM.id,
                context={
                    "algorithm": algorithm,
                    "expected": (expected10, expected11),
                    "found": found,
                },
            )
        return kid
    expected = _mod10(payload) if algorithm == "mod10" else _mod11(payload)
    if found != expected:
        raise InvalidValue(
            f"the check digit (character {length}) is {found}, "
            f"expected {expected} ({_NAMES[algorithm]})",
            rule=CHECKSUM.id,
            context={"algorithm": algorithm, "expected": expected, "found": found},
        )
    return kid


def is_valid(
    value: object,
    *,
    algorithm: Algorithm = "mod10",
    min_length: int = 2,
    max_length: int = 25,
) -> bool:
    """True when ``value`` is a valid KID; never raises for any ``value``.

    The keywords are those of :func:`validate`; an unknown algorithm or impossible bounds are a
    programming error and raise ``ValueError``.

    >>> is_valid("1234567897"), is_valid("1234567890123-"), is_valid([])
    (True, False, False)
    """
    _check_arguments(algorithm, min_length, max_length)
    try:
        _validate(value, algorithm, min_length, max_length)
    except InvalidValue:
        return False
    return True
