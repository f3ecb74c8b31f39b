"""Organisasjonsnummer: the Norwegian organisation number (Brønnøysundregistrene).

Nine digits; with the weights ``3 2 7 6 5 4 3 2 1``, ``Σw·d ≡ 0 (mod 11)``. A number whose
check digit would be 10 is never issued. Numbers in use start with 8 or 9; Test-Norge's
synthetic organisations (searchable in Tenor) start with 2 or 3 and pass the same checksum
(observed practice, not a written rule), so a leading 2 or 3 is reported as synthetic by
:func:`info`, never as an error.

>>> validate("984 842 252")
'984842252'
>>> format("984842252")
'984 842 252'
>>> to_mva("984842252"), to_peppol("984842252")
('NO984842252MVA', '0192:984842252')

The VAT (MVA) form and the Peppol participant id are accepted as input:

>>> compact("NO 984 842 252 MVA"), compact("0192:984842252")
('984842252', '984842252')
>>> validate("984842253")
Traceback (most recent call last):
    ...
armvalidate.exceptions.InvalidValue: the check digit (digit 9) is 3, expected 2
>>> is_valid("98484225"), is_valid(984842252), is_valid("٩٨٤٨٤٢٢٥٢")
(False, False, False)
"""

from __future__ import annotations

from typing import NamedTuple

from armvalidate.no._util import (
    MAX_RAW_LENGTH,
    InvalidValue,
    RuleSpec,
    is_ascii_digits,
    raise_format,
    require_str,
    strip_separators,
    weighted_sum,
)

__all__ = [
    "CHECKSUM",
    "FORMAT",
    "RULES",
    "OrgnrInfo",
    "calc_check_digit",
    "compact",
    "format",
    "info",
    "is_valid",
    "to_mva",
    "to_peppol",
    "validate",
]

FORMAT = RuleSpec(
    "orgnr.format",
    severity="error",
    summary="An organisation number is not 9 ASCII digits after removing spaces, '-' and '.'.",
    example="98484225",
    source="authority",
    ref=("Brønnøysundregistrene: an organisasjonsnummer is nine digits."),
    doc=(
        "An organisasjonsnummer is nine digits 0-9. Spaces, hyphens and dots are ignored, and "
        "the VAT form (NO 984 842 252 MVA) and the Peppol id (0192:984842252) are accepted; "
        "any other character, another length, or a value that is not a string breaks this rule."
    ),
)
CHECKSUM = RuleSpec(
    "orgnr.checksum",
    severity="error",
    summary="An organisation number's check digit is wrong.",
    example="984842253",
    source="authority",
    ref=(
        "Brønnøysundregistrene: MOD11 check digit of the organisasjonsnummer (weights "
        "3 2 7 6 5 4 3 2)."
    ),
    doc=(
        "With the weights 3 2 7 6 5 4 3 2 1, Σw·d must be 0 mod 11 (Brønnøysundregistrene). "
        "Numbers whose check digit would be 10 are never issued. Every single-digit typo and "
        "every swap of two different neighbouring digits breaks it."
    ),
)

#: The rules this module checks (declared in the catalog by :mod:`armvalidate.catalog`).
RULES = (FORMAT, CHECKSUM)

_WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2, 1)
_PEPPOL_PREFIX = "0192:"


class OrgnrInfo(NamedTuple):
    """What a valid organisation number tells.

    ``synthetic`` is True for a leading 2 or 3: a synthetic Test-Norge organisation (Tenor).
    """

    number: str
    synthetic: bool


def compact(value: object) -> str:
    """Remove spaces, ``-`` and ``.``, the VAT form's ``NO``/``MVA`` and the Peppol ``0192:``.

    Never raises for a str; anything else raises :class:`~armvalidate.InvalidValue`
    (``orgnr.format``).

    >>> compact("984.842.252")
    '984842252'
    >>> compact("no984842252mva")
    '984842252'
    """
    text = require_str(value, FORMAT, "an organisation number")
    number = strip_separators(text).strip().upper()
    if number.startswith(_PEPPOL_PREFIX):
        number = number[len(_PEPPOL_PREFIX) :]
    if number.startswith("NO"):
        number = number[2:]
    if number.endswith("MVA"):
        number = number[:-3]
    return number


def format(value: object) -> str:
    """Format the number for display as ``984 842 252`` (no validation).

    >>> format("NO984842252MVA")
    '984 842 252'
    """
    number = compact(value)
    return f"{number[:3]} {number[3:6]} {number[6:]}"


def calc_check_digit(first8: str) -> str:
    """The check digit for the first eight digits.

    Raises ``ValueError`` when it would be 10: no organisation number starts with those digits.

    >>> calc_check_digit("98484225")
    '2'
    """
    if len(first8) != 8 or not is_ascii_digits(first8):
        raise ValueError("calc_check_digit() needs exactly eight ASCII digits")
    check = (-weighted_sum(first8, _WEIGHTS)) % 11
    if check == 10:
        raise ValueError("no organisation number starts with these eight digits (check digit 10)")
    return str(check)


def validate(value: object) -> str:
    """Check an organisation number; return its nine digits.

    Raises :class:`~armvalidate.InvalidValue` with rule ``orgnr.format`` or ``orgnr.checksum``.

    >>> validate("0192:984842252")
    '984842252'
    >>> validate("9848422520")  # doctest: +NORMALIZE_WHITESPACE
    Traceback (most recent call last):
        ...
    armvalidate.exceptions.InvalidValue: an organisation number must be 9 digits,
    found 10 characters
    """
    text = require_str(value, FORMAT, "an organisation number")
    if len(text) == 9 and text.isascii() and text.isdigit():
        number = text  # plain digits: nothing to compact
    else:
        if len(text) > MAX_RAW_LENGTH:
            raise_format(FORMAT, "an organisation number", text, 9)
        number = compact(text)
        if len(number) != 9 or not is_ascii_digits(number):
            raise_format(FORMAT, "an organisation number", number, 9)
    total = weighted_sum(number, _WEIGHTS)
    if total % 11:
        found = number[8]
        expected = (ord(found) - 48 - total) % 11  # -Σw·d over digits 1-8 (the last weight is 1)
        if expected == 10:
            raise InvalidValue(
                f"the check digit (digit 9) is {found}, and no digit can be right: "
                "digits 1-8 are wrong (their check digit would be 10)",
                rule=CHECKSUM.id,
                context={"expected": None, "found": found},
            )
        raise InvalidValue(
            f"the check digit (digit 9) is {found}, expected {expected}",
            rule=CHECKSUM.id,
            context={"expected": str(expected), "found": found},
        )
    return number


def is_valid(value: object) -> bool:
    """True when ``value`` is a valid organisation number; never raises.

    >>> is_valid("984842252"), is_valid("984842253"), is_valid(None)
    (True, False, False)
    """
    try:
        validate(value)
    except InvalidValue:
        return False
    return True


def info(value: object) -> OrgnrInfo:
    """Validate ``value`` and tell what it is.

    >>> info("984842252")
    OrgnrInfo(number='984842252', synthetic=False)
    >>> info("310000108").synthetic  # Test-Norge
    True
    """
    number = validate(value)
    return OrgnrInfo(number, number[0] in "23")


def to_mva(value: object) -> str:
    """The VAT (MVA) form: ``NO`` + number + ``MVA``; validates first.

    >>> to_mva("984 842 252")
    'NO984842252MVA'
    """
    return f"NO{validate(value)}MVA"


def to_peppol(value: object) -> str:
    """The Peppol participant id (ISO 6523 scheme 0192); validates first.

    >>> to_peppol("984 842 252")
    '0192:984842252'
    """
    return _PEPPOL_PREFIX + validate(value)
