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

Skatteetaten's own validator is the reference for what must pass: from 2032 the individual
number no longer gives the century, so 29 February is accepted in every two-digit year divisible
by 4, 00 included (2000 was a leap year), whatever the individual number says:

>>> is_valid("29020073150")
True
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
from operator import mul
from typing import Literal, NamedTuple, NoReturn

from armvalidate.no._util import (
    InvalidValue,
    RuleSpec,
    compact_digits,
    is_ascii_digits,
    require_str,
    strip_separators,
)

__all__ = [
    "CHECKSUM",
    "DATE",
    "FORMAT",
    "RULES",
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

FORMAT = RuleSpec(
    "ssn.format",
    severity="error",
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
CHECKSUM = RuleSpec(
    "ssn.checksum",
    severity="error",
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
DATE = RuleSpec(
    "ssn.date",
    severity="error",
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
        "needs a two-digit year divisible by 4 (00 included: from 2032 the individual number "
        "no longer gives the century, and Skatteetaten's validator reads 00 as 2000). "
        "FH-numbers (first digit 8 or 9) carry no date and are not checked. A number is never "
        "rejected because its century is unknown or lies in the future."
    ),
)
#: The rules this module checks (declared in the catalog by :mod:`armvalidate.catalog`).
RULES = (FORMAT, CHECKSUM, DATE)

Kind = Literal["fnr", "dnr", "hnr", "fhnr"]
Synthetic = Literal["tenor", "dolly", "syntpop"]
Gender = Literal["female", "male"]

_W1 = (3, 7, 6, 1, 8, 9, 4, 5, 2, 1)
_W2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2, 1)
# Both sums in one pass over the ASCII bytes: W1 in the low 16 bits of each weight, W2 above
# them (no partial sum comes near 2**16, so nothing carries), less the weighted "0"s.
_W12 = tuple(w1 + (w2 << 16) for w1, w2 in zip((*_W1, 0), _W2, strict=True))
_W12_ZERO = 48 * sum(_W12)
# ΣW1·d mod 11 may be any of these (0 is the classic rule, 1-3 the 2032 rule).
_K1_REMAINDERS = (0, 1, 2, 3)

# The longest a month can be, February counted at 29 (leap days are checked separately).
_MONTH_DAYS = (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


class SsnInfo(NamedTuple):
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

    ``date_exists`` is False for a day 29-31 beyond the end of its month (31 April, 30
    February): Skatteetaten's reference validator accepts such numbers (its date check lets
    JavaScript's ``Date`` roll 31 April over to 1 May), so :func:`validate` does too, and says
    so here; :func:`armvalidate.validate_customer` reports them as an ``ssn.date`` warning.
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
    date_exists: bool = True


# An FH-number tells nothing but its format: one shared result each (SsnInfo is immutable).
_FH_INFO = tuple(
    SsnInfo("fhnr", None, False, new_format, None, None, (), None, None, None, None)
    for new_format in (False, True)
)


def compact(value: object) -> str:
    """Remove spaces, ``-`` and ``.`` anywhere in the number.

    Never raises for a str; anything else raises :class:`~armvalidate.InvalidValue`
    (``ssn.format``).

    >>> compact("120156-417.79")
    '12015641779'
    """
    return strip_separators(require_str(value, FORMAT, "a fødselsnummer")).strip()


def format(value: object) -> str:
    """Format the number for display as ``DDMMYY IIIKK`` (no validation).

    >>> format("12015641779")
    '120156 41779'
    """
    number = compact(value)
    return number[:6] + " " + number[6:]


def _sums(raw: bytes) -> tuple[int, int]:
    """(ΣW1·d, ΣW2·d) over eleven ASCII digits (W1 has no weight for digit 11): the module's one
    checksum computation, for checking and for making check digits."""
    both: int = sum(map(mul, _W12, raw)) - _W12_ZERO
    return both & 0xFFFF, both >> 16


def _raise_checksum(number: str, remainder1: int, remainder2: int) -> NoReturn:
    """Explain which check digit is wrong and what it could be instead.

    ``remainder1`` and ``remainder2`` are ΣW1·d and ΣW2·d mod 11 over the whole number; the
    last weight of both is 1, so the sums without the check digit follow from them.
    """
    if remainder1 not in _K1_REMAINDERS:
        found = number[9]
        base = (remainder1 - ord(found) + 48) % 11  # ΣW1·d over digits 1-9, mod 11
        options = tuple(str(d) for d in range(10) if (base + d) % 11 in _K1_REMAINDERS)
        classic = str((-base) % 11)
        if len(classic) == 1:
            others = [d for d in options if d != classic]
            detail = f"{classic} under the classic rule, or {_or_list(others)} under the 2032 rule"
        else:
            classic = ""
            detail = "only under the 2032 rule; no classic check digit exists for digits 1-9"
        raise InvalidValue(
            f"the first check digit (digit 10) is {found}, expected one of "
            f"{_or_list(list(options))} ({detail})",
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


def _classic_years(individual: int, yy: int) -> tuple[int, ...]:
    """Birth years the classic individual-number table allows (Skatteetaten).

    >>> _classic_years(417, 56), _classic_years(600, 70), _classic_years(800, 45)
    ((1956,), (1870,), ())
    """
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


# Month offsets by the tens of the month digits: (offset, synthetic reading, description).
_MONTH_OFFSETS: tuple[tuple[int, Synthetic | None, str], ...] = (
    (0, None, ""),
    (40, "dolly", "the H-number/Dolly offset 40"),
    (65, "syntpop", "the SyntPop offset 65"),
    (80, "tenor", "the Tenor offset 80"),
)


_Parts = tuple[int, int, bool, "Synthetic | None", int, int]
"""What the date digits say: (day, month, D-number?, synthetic reading of the month offset,
two-digit year, individual number)."""


def _date_parts(number: str, raw: bytes, remainder1: int) -> _Parts:
    """The :data:`_Parts` of a number that is no FH-number (``raw``: its ASCII bytes); raise
    DATE if its digits name no possible date."""
    raw_day = raw[0] * 10 + raw[1] - 528  # two ASCII digits: 528 = 11 * ord("0")
    raw_month = raw[2] * 10 + raw[3] - 528
    yy = raw[4] * 10 + raw[5] - 528
    individual = raw[6] * 100 + raw[7] * 10 + raw[8] - 5328  # 5328 = 111 * ord("0")
    dnr = raw_day >= 40
    day = raw_day - 40 if dnr else raw_day
    offset, synthetic, how = _MONTH_OFFSETS[
        0 if raw_month < 40 else 1 if raw_month < 65 else 2 if raw_month < 80 else 3
    ]
    month = raw_month - offset
    if not 1 <= month <= 12:
        removed = f" (the month digits are {number[2:4]}, {how} removed)" if how else ""
        raise InvalidValue(
            f"month {month:02d} does not exist{removed}",
            rule=DATE.id,
            context={"month": month, "month_digits": raw_month},
        )
    # Day 01-31 in any month passes, as it does in Skatteetaten's reference validator, which
    # accepts 31 April and 30 February (``new Date`` rolls them over); info() flags them.
    if not 1 <= day <= 31:
        removed = (
            f" (the day digits are {number[0:2]}, the D-number offset 40 removed)" if dnr else ""
        )
        raise InvalidValue(
            f"day {day:02d} does not exist in month {month:02d}{removed}",
            rule=DATE.id,
            context={"day": day, "month": month, "day_digits": raw_day},
        )
    # 29 February exists in 18yy, 19yy or 20yy exactly when yy is divisible by 4 (00: in 2000).
    # Since the 2032 rule the individual number does not fix the century, so that is the test
    # (Skatteetaten's validator makes the same one).
    if day == 29 and month == 2 and yy % 4:
        years = () if remainder1 else _candidate_years(individual, yy, dnr)
        if not years:
            years = (1800 + yy, 1900 + yy, 2000 + yy)
        raise InvalidValue(
            f"day 29 does not exist in month 02 of {' or '.join(str(y) for y in years)}",
            rule=DATE.id,
            context={"day": 29, "month": 2, "years": years},
        )
    return day, month, dnr, synthetic, yy, individual


def _check(value: object) -> tuple[str, int, _Parts | None]:
    """Validate; return the compact number, ΣW1·d mod 11 and the date parts (None for an
    FH-number). The one path behind :func:`validate`, :func:`is_valid` and :func:`info`."""
    number = compact_digits(value, FORMAT, "a fødselsnummer", 11)
    raw = number.encode("ascii")
    sum1, sum2 = _sums(raw)
    remainder1, remainder2 = sum1 % 11, sum2 % 11
    if remainder2 or remainder1 > 3:
        _raise_checksum(number, remainder1, remainder2)
    if raw[0] >= 56:  # FH-numbers (first digit 8 or 9) have no date
        return number, remainder1, None
    return number, remainder1, _date_parts(number, raw, remainder1)


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
    >>> validate("29025748873")
    Traceback (most recent call last):
        ...
    armvalidate.exceptions.InvalidValue: day 29 does not exist in month 02 of 1957
    >>> validate("12015641739")  # doctest: +NORMALIZE_WHITESPACE
    Traceback (most recent call last):
        ...
    armvalidate.exceptions.InvalidValue: the first check digit (digit 10) is 3, expected one of
    7, 8 or 9 (7 under the classic rule, or 8 or 9 under the 2032 rule)
    """
    return _check(value)[0]


def is_valid(value: object) -> bool:
    """True when ``value`` is a valid number of the family; never raises.

    >>> is_valid("12015641779"), is_valid("12015641778"), is_valid(b"12015641779")
    (True, False, False)
    """
    try:
        _check(value)
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
    >>> info("29020048806").possible_birth_dates  # 29.02.1900 never was: century unknown
    ()
    >>> i = info("31045640100")  # 31 April: accepted, as by Skatteetaten's validator; flagged
    >>> i.date_exists, i.birth_date
    (False, None)
    """
    number, remainder1, parts = _check(value)
    if parts is None:
        return _FH_INFO[remainder1 != 0]
    day, month, dnr, synthetic, yy, individual = parts
    ambiguous = synthetic == "dolly" and not dnr
    kind: Kind = "dnr" if dnr else "hnr" if ambiguous else "fnr"
    exists = day <= _MONTH_DAYS[month]  # (29 February of a year yy % 4 != 0: refused already)
    if remainder1:  # the 2032 rule: no gender, no century
        return SsnInfo(
            kind, synthetic, ambiguous, True, None, None, (), day, month, yy, individual, exists
        )
    if today is None:
        today = datetime.date.today()
    dates: tuple[datetime.date, ...] = ()
    for year in _candidate_years(individual, yy, dnr) if exists else ():
        if day == 29 and month == 2 and not (year % 4 == 0 and (year % 100 or year % 400 == 0)):
            continue  # 29 February of a common year (1900): no such date
        date = datetime.date(year, month, day)
        if date <= today:
            dates = (*dates, date)
    return SsnInfo(
        kind,
        synthetic,
        ambiguous,
        False,
        dates[0] if len(dates) == 1 else None,
        "male" if number[8] in "13579" else "female",
        dates,
        day,
        month,
        yy,
        individual,
        exists,
    )


def calc_check_digits(first9: str) -> str:
    """The classic check digits ``K1 K2`` for the first nine digits.

    Raises ``ValueError`` when no classic check digits exist (one of them would be 10).

    >>> calc_check_digits("120156417")
    '79'
    """
    if len(first9) != 9 or not is_ascii_digits(first9):
        raise ValueError("calc_check_digits() needs exactly nine ASCII digits")
    k1 = -_sums(f"{first9}00".encode())[0] % 11
    if k1 == 10:
        raise ValueError("no classic first check digit exists for these nine digits")
    k2 = -_sums(f"{first9}{k1}0".encode())[1] % 11
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
    base = _sums(f"{first9}00".encode())[0]
    result = []
    for remainder in _K1_REMAINDERS:
        k1 = (remainder - base) % 11
        if k1 == 10:
            continue
        k2 = -_sums(f"{first9}{k1}0".encode())[1] % 11
        if k2 != 10:
            result.append(f"{k1}{k2}")
    return tuple(result)
