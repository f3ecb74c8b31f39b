"""Kontonummer: the Norwegian bank account number (BBAN).

Eleven digits: bank register number (4), account group (2), customer part (4), check digit (1),
displayed ``8601.11.17947``. With the weights ``5 4 3 2 7 6 5 4 3 2`` on digits 1-10, the check
digit is ``11 − (Σw·d mod 11)``, with 11 written as 0; a result of 10 is never issued.

A Norwegian IBAN (``NO`` + two MOD-97 check digits + the eleven digits) is accepted as input:
its check digits are verified and the account number returned. :func:`is_iban` tells whether the
input was given in that form (an API that wants the plain number may want to warn).

>>> validate("8601.11.17947")
'86011117947'
>>> validate("NO93 8601 1117 947")
'86011117947'
>>> format("86011117947"), to_iban("86011117947")
('8601.11.17947', 'NO9386011117947')
>>> validate("815013665841")  # the ARM API docs' own example has twelve digits
Traceback (most recent call last):
    ...
armvalidate.exceptions.InvalidValue: an account number must be 11 digits, found 12 characters
>>> validate("86011117948")
Traceback (most recent call last):
    ...
armvalidate.exceptions.InvalidValue: the check digit (digit 11) is 8, expected 7
>>> is_valid(86011117947), is_valid("٨٦٠١١١١٧٩٤٧")
(False, False)
"""

from __future__ import annotations

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
    "calc_check_digit",
    "compact",
    "format",
    "is_iban",
    "is_valid",
    "to_iban",
    "validate",
]

FORMAT = RuleSpec(
    "account.format",
    severity="error",
    summary="An account number is not 11 ASCII digits (or a Norwegian IBAN) after removing "
    "spaces, '-' and '.'.",
    example="815013665841",
    source="authority",
    ref=(
        "Bits AS (the Norwegian banks' standards body, formerly BBS/Nets): a "
        "kontonummer is 11 digits (4.2.5)."
    ),
    doc=(
        "A Norwegian kontonummer is eleven digits 0-9 (4.2.5). Spaces, hyphens and dots are "
        "ignored, and a Norwegian IBAN (NO + 13 digits) is accepted; any other character, "
        "another length, or a value that is not a string breaks this rule."
    ),
)
CHECKSUM = RuleSpec(
    "account.checksum",
    severity="error",
    summary="An account number's check digit (or its IBAN's MOD-97 check digits) is wrong.",
    example="86011117948",
    source="authority",
    ref=(
        "Bits AS: the MOD11 check digit of the Norwegian kontonummer (weights 5 4 3 2 "
        "7 6 5 4 3 2); ISO 13616/ISO 7064 MOD 97-10 for the IBAN form."
    ),
    doc=(
        "With the weights 5 4 3 2 7 6 5 4 3 2 on digits 1-10, the check digit is "
        "11 − (Σw·d mod 11), 11 written as 0; numbers whose check digit would be 10 are never "
        "issued. Given as an IBAN, the MOD-97 check digits must be right too. Every single-digit "
        "typo and every swap of two different neighbouring digits breaks the check."
    ),
)

#: The rules this module checks (declared in the catalog by :mod:`armvalidate.catalog`).
RULES = (FORMAT, CHECKSUM)

_WEIGHTS = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2, 1)
_IBAN_LENGTH = 15
# "NO" as IBAN digits (N = 23, O = 24), moved to the end for the MOD-97 check (ISO 13616).
_NO_DIGITS = "2324"


def _iban_bban(text: str) -> str | None:
    """The eleven digits if ``text`` (separators removed) has the Norwegian IBAN form."""
    if len(text) == _IBAN_LENGTH and text[:2] in ("NO", "no", "No", "nO"):
        rest = text[2:]
        if is_ascii_digits(rest):
            return rest[2:]
    return None


def compact(value: object) -> str:
    """Remove spaces, ``-`` and ``.``; turn a Norwegian IBAN into its eleven digits.

    ``compact`` does not check the IBAN's check digits (it never raises for a str):
    :func:`validate` does. Anything but a str raises :class:`~armvalidate.InvalidValue`
    (``account.format``).

    >>> compact("8601 11 17947"), compact("no93 8601 1117 947")
    ('86011117947', '86011117947')
    """
    text = strip_separators(require_str(value, FORMAT, "an account number")).strip()
    bban = _iban_bban(text)
    return text if bban is None else bban


def is_iban(value: object) -> bool:
    """True when ``value`` has the form of a Norwegian IBAN (``NO`` + 13 digits, any spacing).

    The check digits are not verified here; never raises.

    >>> is_iban("NO93 8601 1117 947"), is_iban("86011117947"), is_iban(None)
    (True, False, False)
    """
    return isinstance(value, str) and _iban_bban(strip_separators(value).strip()) is not None


def _iban_check_digits(bban: str) -> str:
    return f"{98 - int(bban + _NO_DIGITS + '00') % 97:02d}"


def calc_check_digit(first10: str) -> str:
    """The check digit for the first ten digits.

    Raises ``ValueError`` when it would be 10: no account number starts with those digits.

    >>> calc_check_digit("8601111794")
    '7'
    """
    if len(first10) != 10 or not is_ascii_digits(first10):
        raise ValueError("calc_check_digit() needs exactly ten ASCII digits")
    check = (-weighted_sum(first10, _WEIGHTS)) % 11
    if check == 10:
        raise ValueError("no account number starts with these ten digits (check digit 10)")
    return str(check)


def validate(value: object) -> str:
    """Check an account number (or a Norwegian IBAN); return its eleven digits.

    Raises :class:`~armvalidate.InvalidValue` with rule ``account.format`` or
    ``account.checksum``.

    >>> validate("NO94 8601 1117 947")
    Traceback (most recent call last):
        ...
    armvalidate.exceptions.InvalidValue: the IBAN check digits are 94, expected 93
    """
    text = require_str(value, FORMAT, "an account number")
    bban: str | None = None
    if len(text) == 11 and text.isascii() and text.isdigit():
        number = text  # plain digits: nothing to compact
    else:
        if len(text) > MAX_RAW_LENGTH:
            raise_format(FORMAT, "an account number", text, 11)
        text = strip_separators(text).strip()
        bban = _iban_bban(text)
        number = text if bban is None else bban
        if len(number) != 11 or not is_ascii_digits(number):
            raise_format(FORMAT, "an account number", number, 11)
    total = weighted_sum(number, _WEIGHTS)
    if total % 11:
        found = number[10]
        expected = (ord(found) - 48 - total) % 11  # -Σw·d over digits 1-10 (the last weight is 1)
        if expected == 10:
            raise InvalidValue(
                f"the check digit (digit 11) is {found}, and no digit can be right: "
                "digits 1-10 are wrong (their check digit would be 10)",
                rule=CHECKSUM.id,
                context={"expected": None, "found": found},
            )
        raise InvalidValue(
            f"the check digit (digit 11) is {found}, expected {expected}",
            rule=CHECKSUM.id,
            context={"expected": str(expected), "found": found},
        )
    if bban is not None:
        found = text[2:4]
        expected_iban = _iban_check_digits(number)
        if found != expected_iban:
            raise InvalidValue(
                f"the IBAN check digits are {found}, expected {expected_iban}",
                rule=CHECKSUM.id,
                context={"expected": expected_iban, "found": found, "part": "iban"},
            )
    return number


def is_valid(value: object) -> bool:
    """True when ``value`` is a valid account number or Norwegian IBAN; never raises.

    >>> is_valid("86011117947"), is_valid("86011117948"), is_valid(None)
    (True, False, False)
    """
    try:
        validate(value)
    except InvalidValue:
        return False
    return True


def format(value: object) -> str:
    """Format the number for display as ``8601.11.17947`` (no validation).

    >>> format("NO9386011117947")
    '8601.11.17947'
    """
    number = compact(value)
    return f"{number[:4]}.{number[4:6]}.{number[6:]}"


def to_iban(value: object) -> str:
    """The Norwegian IBAN of the account, without spaces; validates first.

    >>> to_iban("8601.11.17947")
    'NO9386011117947'
    """
    number = validate(value)
    return f"NO{_iban_check_digits(number)}{number}"
