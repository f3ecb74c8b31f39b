"""Fødselsnummer: the Norwegian national identity number, and its whole family.

Eleven digits, ``DD MM YY III K1 K2``: a date, a three-digit individual number and two check
digits. The family shares the check digits and tells its members apart by offsets on the date:

==========================  ==========================  =======================================
what                        how to tell                 ``info()``
==========================  ==========================  =======================================
fødselsnummer               plain date                  kind ``"fnr"``
D-number                    day + 40                    kind ``"dnr"``
H-number / NAV Dolly        month + 40                  kind ``"hnr"``, synthetic ``"dolly"``,
                                                        ``ambiguous=True`` (see :class:`SsnInfo`)
FH-number                   first digit 8 or 9          kind ``"fhnr"``: no date at all
Test-Norge / Tenor          month + 80                  synthetic ``"tenor"``
NHN SyntPop                 month + 65                  synthetic ``"syntpop"``
==========================  ==========================  =======================================

The D offset combines with the synthetic ones (day + 40 and month + 80 is a synthetic
D-number). Sources: Skatteetaten ("Fødselsnummer", "Nytt fødselsnummer fra 2032", Tenor
test data), Norsk helsenett (FH-number, SyntPop), NAV (Dolly), UDI (D-number).

Check digits, with ``W1 = 3 7 6 1 8 9 4 5 2 1`` on digits 1-10 and ``W2 = 5 4 3 2 7 6 5 4 3 2 1``
on digits 1-11: ``ΣW2·d ≡ 0 (mod 11)`` always, and ``ΣW1·d mod 11`` is 0 (classic) or, under the
rule for numbers issued from 2032, any of 0, 1, 2, 3. Both are accepted: systems must accept the
new numbers now (Skatteetaten). A new-format number carries neither gender nor century.

>>> validate("120156 41779")
'12015641779'
>>> info("12015641779")  # doctest: +ELLIPSIS +NORMALIZE_WHITESPACE
SsnInfo(kind='fnr', synthetic=None, ambiguous=False, new_format=False,
        birth_date=datetime.date(1956, 1, 12), gender='male', ...)
>>> format("12015641779")
'120156 41779'

Numbers of the 2032 rule, synthetic numbers and numbers whose century the tables cannot give
are valid (python-stdnum rejects all three):

>>> is_valid("02013299997"), is_valid("17912099997"), is_valid("01015250026")
(True, True, True)
>>> info("17912099997").synthetic
'tenor'

Errors explain themselves, with the :mod:`armvalidate.catalog` rule id, and never echo the
number:

>>> validate("12015641778")
Traceback (most recent call last):
    ...
armvalidate.exceptions.InvalidValue: the second check digit (digit 11) is 8, expected 9
>>> validate("32015641710")
Traceback (most recent call last):
    ...
armvalidate.exceptions.InvalidValue: day 32 does not exist in month 01
>>> try:
...     validate("1201564177")
... except InvalidValue as err:
...     print(err.rule, err.context)
ssn.format {'expected_length': 11, 'length': 10}
>>> is_valid(12015641779), is_valid(None), is_valid("١٢٠١٥٦٤١٧٧٩")
(False, False, False)
"""

from __future__ import annotations

import datetime
import struct
from dataclasses import dataclass
from operator import mul
from typing import Literal, NoReturn

from armvalidate.catalog import Severity, declare
from armvalidate.exceptions import InvalidValue
from armvalidate.no._util import (
    MAX_RAW_LENGTH,
    is_ascii_digits,
    raise_format,
    require_str,
    slots_constructor,
    strip_separators,
    weighted_sum,
)

__all__ = [
    "CHECKSUM",
    "DATE",
    "FORMAT",
    "Gender",
    "Kind",
    "SsnInfo",
    "Synthetic",
    "calc_check_digits",
    "compact",
    "format",
    "info",
    "is_valid",
    "valid_check_digits",
    "validate",
]

FORMAT = declare(
    "ssn.format",
    severity=Severity.ERROR,
    summary="A fødselsnummer is not 11 ASCII digits after removing spaces, '-' and '.'.",
    example="1201564177",
    source="authority",
    ref=(
        "Skatteetaten (Folkeregisteret): the fødselsnummer and the D-number are 11 "
        "digits, DDMMYYIIIKK."
    ),
    doc=(
        "A fødselsnummer, D-, H- or FH-number is eleven digits 0-9, DDMMYYIIIKK. Spaces, "
        "hyphens and dots are ignored; any other character, another length, or a value that "
        "is not a string (an integer has lost its leading zero) breaks this rule."
    ),
)
CHECKSUM = declare(
    "ssn.checksum",
    severity=Severity.ERROR,
    summary="A fødselsnummer's check digits are wrong.",
    example="12015641778",
    source="authority",
    ref=(
        "Skatteetaten (Folkeregisteret): the two MOD11 check digits, and the rule for "
        "numbers issued from 2032 (first check digit remainder 0, 1, 2 or 3)."
    ),
    doc=(
        "With W1 = 3 7 6 1 8 9 4 5 2 1 on digits 1-10 and W2 = 5 4 3 2 7 6 5 4 3 2 1 on digits "
        "1-11, ΣW2·d must be 0 mod 11 and ΣW1·d mod 11 must be 0 (classic) or 1, 2 or 3 (the "
        "rule for numbers issued from 2032, accepted now). Every single-digit typo and every "
        "swap of two different neighbouring digits breaks the second sum."
    ),
)
DATE = declare(
    "ssn.date",
    severity=Severity.ERROR,
    summary="A fødselsnummer's date digits are no possible date.",
    example="32015641710",
    source="authority",
    ref=(
        "Skatteetaten (Folkeregisteret): the first six digits are the birth date "
        "(D-number: day + 40); the individual number gives the century."
    ),
    doc=(
        "After removing the D-number (+40 on the day), H-number/Dolly (+40 on the month), "
        "SyntPop (+65) and Tenor (+80) offsets, the day and month must exist; 29 February "
        "must be a leap day in at least one century the individual number allows (any century "
        "when it is unknown). FH-numbers (first digit 8 or 9) carry no date and are not checked. "
        "A number is never rejected because its century is unknown or lies in the future."
    ),
)

Kind = Literal["fnr", "dnr", "hnr", "fhnr"]
Synthetic = Literal["tenor", "dolly", "syntpop"]
Gender = Literal["female", "male"]

_W1 = (3, 7, 6, 1, 8, 9, 4, 5, 2, 1)
_W2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2, 1)
_W1_BASE = _W1[:9]
_W2_BASE = _W2[:10]
# ΣW1·d mod 11 may be any of these (0 is the classic rule, 1-3 the 2032 rule).
_K1_REMAINDERS = (0, 1, 2, 3)

# The longest a month can be, February counted at 29 (leap days are checked separately).
_MONTH_DAYS = (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_DIGIT_PAIR = 11 * 48  # b[i]*10 + b[i+1] - _DIGIT_PAIR is the number two ASCII digits spell
_TWO_DIGITS = tuple(f"{n:02d}" for n in range(100))  # f"{n:02d}" without parsing a format spec

# Month offsets by the tens of the month digits: (offset, synthetic reading, description).
_MONTH_OFFSETS: tuple[tuple[int, Synthetic | None, str], ...] = (
    (0, None, ""),
    (40, "dolly", "the H-number/Dolly offset 40"),
    (65, "syntpop", "the SyntPop offset 65"),
    (80, "tenor", "the Tenor offset 80"),
)


@dataclass(frozen=True, slots=True)
class SsnInfo:
    """What a valid number of the fødselsnummer family tells.

    ``kind`` is ``"fnr"`` (fødselsnummer), ``"dnr"`` (D-number: day + 40), ``"hnr"``
    (H-number: month + 40) or ``"fhnr"`` (FH-number: first digit 8 or 9, no date).

    ``synthetic`` names the synthetic population the number belongs to: ``"tenor"``
    (Skatteetaten's Test-Norge, month + 80), ``"syntpop"`` (Norsk helsenett, month + 65),
    ``"dolly"`` (NAV, month + 40) or None.

    ``ambiguous`` is True exactly when the month is offset by 40 and the day is not: such a
    number is an H-number *or* a NAV Dolly test person, and nothing in it tells which. Then
    ``kind="hnr"`` and ``synthetic="dolly"`` are the two readings; a caller decides which
    matters (a production check would treat it as possibly synthetic). With the D offset as well
    (day + 40, month + 40) it is a Dolly D-number: ``kind="dnr"``, ``synthetic="dolly"``, not
    ambiguous, since H-numbers have no day offset.

    ``new_format`` is True when the number passes only under the 2032 rule (ΣW1·d mod 11 is 1, 2
    or 3). Such a number encodes neither gender nor century: ``gender`` and ``birth_date`` are
    None.

    ``possible_birth_dates`` are the dates the individual-number tables allow (the classic
    table; for D-numbers also the table in use since November 2021), that exist and are not
    after ``today``. ``birth_date`` is the only one of them, or None when there is none or more
    than one. A D-number's date may be the date of registration rather than of birth (UDI).

    ``day`` and ``month`` are the date digits with the offsets removed, ``two_digit_year`` and
    ``individual`` the raw year and individual number (all None for FH-numbers). ``gender`` is
    ``"male"`` for an odd ninth digit and ``"female"`` for an even one, and None where the number
    does not encode it (new-format numbers and FH-numbers).
    """

    kind: Kind
    synthetic: Synthetic | None
    ambiguous: bool
    new_format: bool
    birth_date: datetime.date | None
    gender: Gender | None
    possible_birth_dates: tuple[datetime.date, ...]
    day: int | None
    month: int | None
    two_digit_year: int | None
    individual: int | None


_new_info = slots_constructor(SsnInfo)  # SsnInfo(...), positional, without the per-field setattr
# An FH-number tells nothing but its format: one shared result each (SsnInfo is immutable).
_FH_INFO = tuple(
    SsnInfo("fhnr", None, False, new_format, None, None, (), None, None, None, None)
    for new_format in (False, True)
)


def compact(value: str) -> str:
    """Remove spaces, ``-`` and ``.`` anywhere in the number.

    Never raises for a str; anything else raises :class:`~armvalidate.InvalidValue`
    (``ssn.format``).

    >>> compact("120156-417.79")
    '12015641779'
    """
    if type(value) is str and value.isascii() and value.isdigit():
        return value  # nothing to remove
    return strip_separators(require_str(value, FORMAT, "a fødselsnummer")).strip()


def format(value: str) -> str:
    """Format the number for display as ``DDMMYY IIIKK`` (no validation).

    >>> format("12015641779")
    '120156 41779'
    """
    number = compact(require_str(value, FORMAT, "a fødselsnummer"))
    return number[:6] + " " + number[6:]


def _compact_checked(value: object) -> str:
    """The compact form of ``value`` if it is eleven ASCII digits; else raise FORMAT."""
    text = require_str(value, FORMAT, "a fødselsnummer")
    if len(text) > MAX_RAW_LENGTH:
        raise_format(FORMAT, "a fødselsnummer", text, 11)
    number = compact(text)
    if len(number) != 11 or not is_ascii_digits(number):
        raise_format(FORMAT, "a fødselsnummer", number, 11)
    return number


def _checksums(number: str) -> tuple[int, int]:
    """(ΣW1·d mod 11, ΣW2·d mod 11) of an eleven-digit number."""
    sums: int = sum(map(mul, _W12, number.encode("ascii"))) - _W12_ZERO
    return (sums & 0xFFFF) % 11, (sums >> 16) % 11


def _k1_explained(base: int) -> tuple[tuple[str, ...], str, str]:
    """For ΣW1·d over digits 1-9 ≡ ``base`` (mod 11): the first check digits the 2032 rule
    allows (ascending), the classic one ("" if there is none) and the message's explanation."""
    options = tuple(str(d) for d in range(10) if (base + d) % 11 in _K1_REMAINDERS)
    classic = str((-base) % 11)
    if len(classic) == 1:
        others = [d for d in options if d != classic]
        detail = f"{classic} under the classic rule, " + (
            "or " + _or_list(others) + " under the 2032 rule"
        )
    else:
        classic = ""
        detail = "only under the 2032 rule; no classic check digit exists for digits 1-9"
    return options, classic, f", expected one of {_or_list(list(options))} ({detail})"


def _raise_checksum(number: str, remainder1: int, remainder2: int) -> NoReturn:
    """Explain which check digit is wrong and what it could be instead.

    ``remainder1`` and ``remainder2`` are ΣW1·d and ΣW2·d mod 11 over the whole number; the
    last weight of both is 1, so the sums without the check digit follow from them.
    """
    if remainder1 not in _K1_REMAINDERS:
        found = number[9]
        options, classic, explained = _K1_EXPLAINED[(remainder1 - ord(found) + 48) % 11]
        raise InvalidValue(
            f"the first check digit (digit 10) is {found}{explained}",
            rule=CHECKSUM.id,
            context={
                "digit": 10,
                "expected": options,
                "expected_classic": classic or None,
                "found": found,
            },
        )
    found = number[10]
    expected = (ord(found) - 48 - remainder2) % 11  # -ΣW2·d over digits 1-10, mod 11
    if expected == 10:
        raise InvalidValue(
            f"the second check digit (digit 11) is {found}, and no digit can be right: "
            "digits 1-10 are wrong (their check digit would be 10)",
            rule=CHECKSUM.id,
            context={"digit": 11, "expected": None, "found": found},
        )
    raise InvalidValue(
        f"the second check digit (digit 11) is {found}, expected {expected}",
        rule=CHECKSUM.id,
        context={"digit": 11, "expected": str(expected), "found": found},
    )


def _or_list(items: list[str]) -> str:
    """'1', '1 or 2', '1, 2 or 3'."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " or " + items[-1]


_K1_EXPLAINED = tuple(_k1_explained(base) for base in range(11))  # by the base sum mod 11


def _classic_years(individual: int, yy: int) -> tuple[int, ...]:
    """Birth years the classic individual-number table allows (Skatteetaten)."""
    if individual < 500:
        return (1900 + yy,)
    if individual < 750 and yy >= 54:
        return (1800 + yy,)
    if yy < 40:
        return (2000 + yy,)
    if individual >= 900:
        return (1900 + yy,)
    return ()


def _dnr_2021_years(individual: int, yy: int) -> tuple[int, ...]:
    """Birth years the D-number table in use since 16 November 2021 allows."""
    if yy < 40:
        return (1900 + yy,) if individual < 200 else (2000 + yy,)
    if individual < 500 or individual >= 600:
        return (1900 + yy,)
    if yy >= 58:
        return (1800 + yy,)
    return ()


def _candidate_years(individual: int, yy: int, dnr: bool) -> tuple[int, ...]:
    """Every birth year the tables in force allow, ascending, without duplicates."""
    years = _classic_years(individual, yy)
    if dnr:
        years = tuple(sorted(set(years + _dnr_2021_years(individual, yy))))
    return years


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _date_parts(number: str) -> tuple[int, int, int, Synthetic | None]:
    """(day, month, day offset, synthetic reading of the month offset); raise DATE if none.

    Only for numbers that are not FH-numbers. 29 February is accepted here; the caller checks
    it against the possible centuries.
    """
    raw = number.encode("ascii")
    raw_day = raw[0] * 10 + raw[1] - _DIGIT_PAIR
    raw_month = raw[2] * 10 + raw[3] - _DIGIT_PAIR
    day_offset = 40 if raw_day >= 40 else 0
    month_offset, synthetic, how = _MONTH_OFFSETS[
        0 if raw_month < 40 else 1 if raw_month < 65 else 2 if raw_month < 80 else 3
    ]
    day = raw_day - day_offset
    month = raw_month - month_offset
    if not 1 <= month <= 12:
        removed = f" (the month digits are {number[2:4]}, {how} removed)" if how else ""
        raise InvalidValue(
            f"month {_TWO_DIGITS[month]} does not exist{removed}",
            rule=DATE.id,
            context={"month": month, "month_digits": raw_month},
        )
    if not 1 <= day <= _MONTH_DAYS[month]:
        removed = (
            f" (the day digits are {number[0:2]}, the D-number offset 40 removed)"
            if day_offset
            else ""
        )
        raise InvalidValue(
            f"day {_TWO_DIGITS[day]} does not exist in month {_TWO_DIGITS[month]}{removed}",
            rule=DATE.id,
            context={"day": day, "month": month, "day_digits": raw_day},
        )
    return day, month, day_offset, synthetic


def _check_leap_day(yy: int, years: tuple[int, ...]) -> None:
    """Raise DATE when 29 February is in none of ``years`` (any century if there are none)."""
    if not years:
        years = (1800 + yy, 1900 + yy, 2000 + yy)
    if not any(_is_leap(year) for year in years):
        which = " or ".join(str(year) for year in years)
        raise InvalidValue(
            f"day 29 does not exist in month 02 of {which}",
            rule=DATE.id,
            context={"day": 29, "month": 2, "years": years},
        )


# --- the fast path ----------------------------------------------------------------------------
#
# Most numbers arrive as eleven plain ASCII digits and are valid. _plain() decides those in one
# pass over the bytes and a few table lookups; anything it does not accept (separators, any
# error, 29 February, any other type) goes to the full path above, which stays the authority for
# every error and its message. The tests check the two paths against each other.

# Both weighted sums in one pass over the bytes: ΣW1·b in the low 16 bits and ΣW2·b above them
# (every partial sum is far below 2**16, so nothing carries), less the ASCII offset 48 per digit.
_W12 = tuple(w1 + (w2 << 16) for w1, w2 in zip((*_W1, 0), _W2, strict=True))
_W12_ZERO = 48 * sum(_W12)

# The same two sums by table, for the fast paths (fewer instructions than the pass above):
# _PAIRS reads the eleven ASCII bytes as five little-endian byte pairs (b[i] + 256·b[i+1]) and
# the last byte; _PAIR_SUMS[k][pair] holds the pair's share of the two sums mod 11, packed as
# ΣW1·d mod 11 + 64·(ΣW2·d mod 11) (the last byte has weight 0 in W1). Six shares add up to at
# most 60 + 64·60, so the packed fields never carry, and _REMAINDER1[total] is ΣW1·d mod 11 of
# the whole number if that is 0-3 and ΣW2·d is 0 mod 11 (a valid number), else -1. Every key
# is a pair of ASCII digits, so a value known to be eleven ASCII digits never misses a key.
_PAIRS = struct.Struct("<5HB").unpack
_PAIR_SUMS: tuple[dict[int, int], ...] = tuple(
    {
        high * 256 + low: (_W1[k] * (low - 48) + _W1[k + 1] * (high - 48)) % 11
        + 64 * ((_W2[k] * (low - 48) + _W2[k + 1] * (high - 48)) % 11)
        for low in range(48, 58)
        for high in range(48, 58)
    }
    for k in range(0, 10, 2)
)
_LAST_SUMS = {last: 64 * ((last - 48) % 11) for last in range(48, 58)}
_REMAINDER1 = tuple(
    total % 64 % 11 if total % 64 % 11 <= 3 and total // 64 % 11 == 0 else -1
    for total in range(64 * 61)
)


def _valid_remainder1(raw: bytes) -> int:
    """ΣW1·d mod 11 (0-3) of eleven ASCII digits if both check digits pass, else -1.

    Exactly _checksums()'s verdict (the tests compare the two on every edge digit and on random
    numbers); :func:`_facts` inlines the same expression.
    """
    h0, h1, h2, h3, h4, last = _PAIRS(raw)
    p0, p1, p2, p3, p4 = _PAIR_SUMS
    return _REMAINDER1[p0[h0] + p1[h1] + p2[h2] + p3[h3] + p4[h4] + _LAST_SUMS[last]]


# Raw month digits 00-99 → the month with its offset removed (0: no month) and the synthetic
# reading of that offset.
_MONTH_OF = tuple(
    raw - _MONTH_OFFSETS[band][0] if 1 <= raw - _MONTH_OFFSETS[band][0] <= 12 else 0
    for raw in range(100)
    for band in (0 if raw < 40 else 1 if raw < 65 else 2 if raw < 80 else 3,)
)
_SYNTHETIC_OF = tuple(
    _MONTH_OFFSETS[0 if raw < 40 else 1 if raw < 65 else 2 if raw < 80 else 3][1]
    for raw in range(100)
)
# The century tables change only at individual numbers that are multiples of 50 and at the
# years 40, 54 and 58: _CENTURIES[dnr][individual // 50][_YY_BAND[yy]] + yy are the candidate
# years of _candidate_years(individual, yy, dnr), in the same (ascending) order.
_YY_BAND = tuple(0 if yy < 40 else 1 if yy < 54 else 2 if yy < 58 else 3 for yy in range(100))
_CENTURIES = tuple(
    tuple(
        tuple(
            tuple(year - yy for year in _candidate_years(block * 50, yy, dnr))
            for yy in (0, 40, 54, 58)
        )
        for block in range(20)
    )
    for dnr in (False, True)
)
_DATE = datetime.date
_GENDER: tuple[Gender, Gender] = ("female", "male")  # by the parity of the ninth digit

# By the day offset (0, or 100 for a D-number) plus the raw month digits 00-99: what the month
# digits say, as (kind, synthetic, ambiguous, month, the month's last day, D-number), or None
# when they name no month. The same readings as _date_parts() and _info_full().
_MONTH_FACTS: tuple[tuple[Kind, Synthetic | None, bool, int, int, bool] | None, ...] = tuple(
    (
        "dnr" if dnr else "hnr" if synthetic == "dolly" else "fnr",
        synthetic,
        synthetic == "dolly" and not dnr,
        month,
        _MONTH_DAYS[month],
        dnr,
    )
    if month
    else None
    for dnr in (False, True)
    for month, synthetic in zip(_MONTH_OF, _SYNTHETIC_OF, strict=True)
)
# The same readings by the byte pairs of _PAIRS (b[i] + 256·b[i+1] for the digits i and i+1), so
# that _facts() reads a two-digit field with one lookup: the number the pair spells, the
# _MONTH_FACTS entry of a month pair without and with the D offset, and individual // 50 of the
# pair that starts the individual number ((10·a + b) // 5 for the digits a b c, whatever c is).
_PAIR_NUMBER = {
    tens + 48 + 256 * (ones + 48): tens * 10 + ones for tens in range(10) for ones in range(10)
}
_PAIR_MONTH_FACTS = {pair: _MONTH_FACTS[number] for pair, number in _PAIR_NUMBER.items()}
_PAIR_MONTH_FACTS_DNR = {pair: _MONTH_FACTS[number + 100] for pair, number in _PAIR_NUMBER.items()}
_PAIR_BLOCK = {pair: number // 5 for pair, number in _PAIR_NUMBER.items()}

SsnFacts = tuple[Kind, Synthetic | None, bool, int, int, int, int | None]
"""(kind, synthetic, ambiguous, day, month, two-digit year, birth year or None): what
:mod:`armvalidate.checks.ssn` needs of an :class:`SsnInfo` with a date."""


def _plain(value: object) -> int:
    """ΣW1·d mod 11 (0-3) if ``value`` is a valid number written as eleven plain ASCII digits,
    not dated 29 February; -1 for anything else (which the full path decides)."""
    if type(value) is not str or len(value) != 11 or not value.isascii() or not value.isdigit():
        return -1
    raw = value.encode("ascii")
    remainder1 = _valid_remainder1(raw)
    if remainder1 < 0:
        return -1
    if raw[0] >= 56:  # an FH-number (first digit 8 or 9): no date
        return remainder1
    month = _MONTH_OF[raw[2] * 10 + raw[3] - _DIGIT_PAIR]
    day = raw[0] * 10 + raw[1] - _DIGIT_PAIR
    if day >= 40:
        day -= 40
    if not month or not 1 <= day <= _MONTH_DAYS[month] or (day == 29 and month == 2):
        return -1
    return remainder1


def _info_plain(value: object, today: datetime.date | None) -> SsnInfo | None:
    """info() of what _plain() accepts (the same checks, inlined); None for anything else."""
    if type(value) is not str or len(value) != 11 or not value.isascii() or not value.isdigit():
        return None
    raw = value.encode("ascii")
    remainder1 = _valid_remainder1(raw)
    if remainder1 < 0:
        return None
    if raw[0] >= 56:
        return _FH_INFO[remainder1 != 0]
    raw_day = raw[0] * 10 + raw[1] - _DIGIT_PAIR
    raw_month = raw[2] * 10 + raw[3] - _DIGIT_PAIR
    dnr = raw_day >= 40
    day = raw_day - 40 if dnr else raw_day
    month = _MONTH_OF[raw_month]
    if not month or not 1 <= day <= _MONTH_DAYS[month] or (day == 29 and month == 2):
        return None
    synthetic = _SYNTHETIC_OF[raw_month]
    yy = raw[4] * 10 + raw[5] - _DIGIT_PAIR
    individual = raw[6] * 100 + raw[7] * 10 + raw[8] - 111 * 48
    ambiguous = synthetic == "dolly" and not dnr
    kind: Kind = "dnr" if dnr else "hnr" if ambiguous else "fnr"
    if remainder1:  # the 2032 rule: no gender, no century
        return _new_info(
            kind, synthetic, ambiguous, True, None, None, (), day, month, yy, individual
        )
    if today is None:
        today = datetime.date.today()
    centuries = _CENTURIES[dnr][individual // 50][_YY_BAND[yy]]
    dates: tuple[datetime.date, ...]
    if len(centuries) == 1:
        date = datetime.date(centuries[0] + yy, month, day)
        dates = (date,) if date <= today else ()
    else:
        dates = tuple(
            date
            for century in centuries
            if (date := datetime.date(century + yy, month, day)) <= today
        )
    return _new_info(
        kind,
        synthetic,
        ambiguous,
        False,
        dates[0] if len(dates) == 1 else None,
        _GENDER[raw[8] & 1],
        dates,
        day,
        month,
        yy,
        individual,
    )


def _facts(value: str, today: datetime.date) -> SsnFacts | None:
    """What :func:`armvalidate.checks.ssn.finish_ssn` needs of ``info(value, today=today)``,
    without building the :class:`SsnInfo`; None when this shortcut does not decide.

    It decides a valid number written as eleven plain ASCII digits that is no FH-number, for a
    ``today`` of the exact type :class:`datetime.date`, except 29 February of a two-digit year
    that is 00 or no multiple of 4. For those the result is exact: (``kind``, ``synthetic``,
    ``ambiguous``, ``day``, ``month``, ``two_digit_year``, ``birth_date.year`` or None) of
    :func:`info`. Why:

    - the check sums are :func:`_checksums`'s (by :func:`_valid_remainder1`'s tables), and the
      date readings come from the tables made from :data:`_MONTH_OFFSETS` that _date_parts()
      and _info_full() read, so what passes here
      passes :func:`_validate` and gets the same kind, synthetic reading and day and month;
    - 29 February is then the only date that can fail :func:`_check_leap_day` or
      :func:`_date_or_none`. With a two-digit year that is a nonzero multiple of 4, every
      possible year (18yy, 19yy, 20yy) is a leap year, so neither rejects any of them; the
      rest go to the full path;
    - so every candidate year of the century table gives an existing date, and ``date <=
      today`` is the comparison of (year, month, day) with today's: ``birth_date`` is the date
      of the only candidate year that passes it, exactly when there is one. A number of the
      2032 rule has no birth date.
    """
    if value.__class__ is not str or len(value) != 11 or not value.isdigit() or not value.isascii():
        return None
    # _valid_remainder1(), inlined; encode() is UTF-8, the same bytes as ASCII for this value.
    h0, h1, h2, h3, h4, last = _PAIRS(value.encode())
    p0, p1, p2, p3, p4 = _PAIR_SUMS
    remainder1 = _REMAINDER1[p0[h0] + p1[h1] + p2[h2] + p3[h3] + p4[h4] + _LAST_SUMS[last]]
    raw_day = _PAIR_NUMBER[h0]
    if remainder1 < 0 or raw_day >= 80 or today.__class__ is not _DATE:
        return None  # an error, an FH-number (first digit 8 or 9), an odd today
    if raw_day >= 40:
        facts = _PAIR_MONTH_FACTS_DNR[h1]
        day = raw_day - 40
    else:
        facts = _PAIR_MONTH_FACTS[h1]
        day = raw_day
    if facts is None:
        return None
    kind, synthetic, ambiguous, month, last_day, dnr = facts
    if not 0 < day <= last_day:
        return None
    yy = _PAIR_NUMBER[h2]
    if day == 29 and month == 2 and (yy & 3 or not yy):
        return None
    if remainder1:  # the 2032 rule: no century, no birth date
        return kind, synthetic, ambiguous, day, month, yy, None
    centuries = _CENTURIES[dnr][_PAIR_BLOCK[h3]][_YY_BAND[yy]]
    this_year = today.year
    birth: int | None = None
    for century in centuries:
        year = century + yy
        if year < this_year or (
            year == this_year
            and (month < today.month or (month == today.month and day <= today.day))
        ):
            if birth is not None:
                return kind, synthetic, ambiguous, day, month, yy, None  # more than one
            birth = year
    return kind, synthetic, ambiguous, day, month, yy, birth


def _validate(value: object) -> tuple[str, int]:
    """Validate; return the compact number and ΣW1·d mod 11."""
    number = _compact_checked(value)
    remainder1, remainder2 = _checksums(number)
    if remainder2 or remainder1 > 3:
        _raise_checksum(number, remainder1, remainder2)
    if number[0] < "8":  # FH-numbers (first digit 8 or 9) have no date
        day, month, day_offset, _ = _date_parts(number)
        if day == 29 and month == 2:
            yy = int(number[4:6])
            years = () if remainder1 else _candidate_years(int(number[6:9]), yy, day_offset > 0)
            _check_leap_day(yy, years)
    return number, remainder1


def validate(value: object) -> str:
    """Check a number of the fødselsnummer family; return its compact form.

    Raises :class:`~armvalidate.InvalidValue` with rule ``ssn.format`` (not eleven ASCII digits),
    ``ssn.checksum`` (a check digit is wrong) or ``ssn.date`` (the day or month cannot exist).
    A number is never rejected because its century is unknown or would lie in the future.

    >>> validate("52015641762")  # a D-number
    '52015641762'
    >>> validate("83012345618")  # an FH-number
    '83012345618'
    >>> validate("12135641888")
    Traceback (most recent call last):
        ...
    armvalidate.exceptions.InvalidValue: month 13 does not exist
    >>> validate("29020048806")
    Traceback (most recent call last):
        ...
    armvalidate.exceptions.InvalidValue: day 29 does not exist in month 02 of 1900
    >>> validate("12015641739")  # doctest: +NORMALIZE_WHITESPACE
    Traceback (most recent call last):
        ...
    armvalidate.exceptions.InvalidValue: the first check digit (digit 10) is 3, expected one of
    7, 8 or 9 (7 under the classic rule, or 8 or 9 under the 2032 rule)
    """
    if _plain(value) >= 0:
        return value  # type: ignore[return-value]  # _plain() accepts only a str
    return _validate(value)[0]


def is_valid(value: object) -> bool:
    """True when ``value`` is a valid number of the family; never raises.

    >>> is_valid("12015641779"), is_valid("12015641778"), is_valid(b"12015641779")
    (True, False, False)
    """
    if _plain(value) >= 0:
        return True
    try:
        _validate(value)
    except InvalidValue:
        return False
    return True


def info(value: object, *, today: datetime.date | None = None) -> SsnInfo:
    """Validate ``value`` and tell what it is (see :class:`SsnInfo`).

    ``today`` (default: :meth:`datetime.date.today`) decides which birth dates lie in the
    future. Raises :class:`~armvalidate.InvalidValue` as :func:`validate` does.

    >>> i = info("52015641762")
    >>> i.kind, i.synthetic, i.birth_date, i.gender
    ('dnr', None, datetime.date(1956, 1, 12), 'male')
    >>> i = info("12415641751")  # month + 40: an H-number or a NAV Dolly person
    >>> i.kind, i.synthetic, i.ambiguous
    ('hnr', 'dolly', True)
    >>> i = info("52815641728")  # day + 40 and month + 80: a synthetic Tenor D-number
    >>> i.kind, i.synthetic, i.ambiguous
    ('dnr', 'tenor', False)
    >>> info("12665641889").synthetic  # month + 65: NHN SyntPop
    'syntpop'
    >>> i = info("83012345618")
    >>> i.kind, i.birth_date, i.gender
    ('fhnr', None, None)
    >>> i = info("12015641787")  # passes only under the 2032 rule
    >>> i.new_format, i.birth_date, i.gender
    (True, None, None)
    >>> info("02013299997", today=datetime.date(2025, 1, 1)).birth_date is None  # 2032: future
    True
    >>> info("02013299997", today=datetime.date(2032, 1, 2)).birth_date
    datetime.date(2032, 1, 2)
    """
    plain = _info_plain(value, today)
    if plain is not None:
        return plain
    return _info_full(value, today=today)


def _info_full(value: object, *, today: datetime.date | None = None) -> SsnInfo:
    """info() by the full path: the reference for _info_plain()."""
    number, remainder1 = _validate(value)
    new_format = remainder1 != 0
    if number[0] >= "8":
        return SsnInfo(
            kind="fhnr",
            synthetic=None,
            ambiguous=False,
            new_format=new_format,
            birth_date=None,
            gender=None,
            possible_birth_dates=(),
            day=None,
            month=None,
            two_digit_year=None,
            individual=None,
        )
    day, month, day_offset, synthetic = _date_parts(number)
    yy = int(number[4:6])
    individual = int(number[6:9])
    dnr = day_offset > 0
    ambiguous = synthetic == "dolly" and not dnr
    kind: Kind = "dnr" if dnr else "hnr" if ambiguous else "fnr"
    gender: Gender | None = None
    dates: tuple[datetime.date, ...] = ()
    if not new_format:
        gender = "male" if (ord(number[8]) - 48) % 2 else "female"
        if today is None:
            today = datetime.date.today()
        dates = tuple(
            date
            for year in _candidate_years(individual, yy, dnr)
            if (date := _date_or_none(year, month, day)) is not None and date <= today
        )
    return SsnInfo(
        kind=kind,
        synthetic=synthetic,
        ambiguous=ambiguous,
        new_format=new_format,
        birth_date=dates[0] if len(dates) == 1 else None,
        gender=gender,
        possible_birth_dates=dates,
        day=day,
        month=month,
        two_digit_year=yy,
        individual=individual,
    )


def _date_or_none(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def calc_check_digits(first9: str) -> str:
    """The classic check digits ``K1 K2`` for the first nine digits.

    Raises ``ValueError`` when no classic check digits exist (one of them would be 10).

    >>> calc_check_digits("120156417")
    '79'
    """
    if len(first9) != 9 or not is_ascii_digits(first9):
        raise ValueError("calc_check_digits() needs exactly nine ASCII digits")
    k1 = (-weighted_sum(first9, _W1_BASE)) % 11
    if k1 == 10:
        raise ValueError("no classic first check digit exists for these nine digits")
    k2 = (-weighted_sum(first9 + str(k1), _W2_BASE)) % 11
    if k2 == 10:
        raise ValueError("no classic second check digit exists for these nine digits")
    return f"{k1}{k2}"


def valid_check_digits(first9: str) -> tuple[str, ...]:
    """Every ``K1 K2`` the first nine digits allow, the 2032 rule included.

    In the order of ΣW1·d mod 11 = 0, 1, 2, 3: the classic check digits come first when they
    exist. Useful for generating new-format test numbers.

    >>> valid_check_digits("120156417")
    ('79', '87', '95')
    """
    if len(first9) != 9 or not is_ascii_digits(first9):
        raise ValueError("valid_check_digits() needs exactly nine ASCII digits")
    base = weighted_sum(first9, _W1_BASE)
    result = []
    for remainder in _K1_REMAINDERS:
        k1 = (remainder - base) % 11
        if k1 == 10:
            continue
        k2 = (-weighted_sum(first9 + str(k1), _W2_BASE)) % 11
        if k2 != 10:
            result.append(f"{k1}{k2}")
    return tuple(result)
