"""Dates: the ``YYYY-MM-DD`` form, the birth date and year, stop dates and their memos.

>>> parse_date("2024-02-29")
datetime.date(2024, 2, 29)
>>> parse_date("2023-02-29")
Traceback (most recent call last):
    ...
ValueError: 2023-02-29 is no date: February 2023 has 28 days
>>> parse_date("12.01.1956")
Traceback (most recent call last):
    ...
ValueError: a date is written YYYY-MM-DD, e.g. 1956-01-12

Room: imports the catalog and the checks' context.
"""

from __future__ import annotations

import calendar
import datetime
import re
from collections.abc import Mapping
from typing import Any

from armvalidate.catalog import Severity, declare
from armvalidate.checks._context import Context, blank
from armvalidate.fields import Path

__all__ = [
    "DATE_FORMAT",
    "DOB_RANGE",
    "EARLIEST_BIRTH_YEAR",
    "MEMO_WITHOUT_DATE",
    "STOP_DATES",
    "STOP_PAST",
    "YEAR_MISMATCH",
    "check_date_of_birth",
    "check_memo",
    "check_stop_date",
    "check_year_of_birth",
    "finish_birth",
    "parse_date",
]

DATE_FORMAT = declare(
    "date.format",
    severity=Severity.ERROR,
    summary="A date is not YYYY-MM-DD, or is no real date (2023-02-30).",
    example='"dateOfBirth": "12.01.1956"',
    source="authority",
    ref=(
        "RFC 3339 full-date / ISO 8601 calendar date (YYYY-MM-DD), the form of every "
        "date in the docs' examples; the docs state no format rule."
    ),
    doc=(
        "dateOfBirth and the stop dates (stopReminderUntil, stopDebtCollectionUntil, "
        "stopInterestCalcUntil) are strings of exactly four, two and two ASCII digits joined "
        "by '-', naming a day that exists (29 February only in leap years; year 0000 does not "
        "exist). No time part, no other separators, no surrounding spaces. An empty string "
        "means no date and is not checked."
    ),
)
YEAR_MISMATCH = declare(
    "dob.year-mismatch",
    severity=Severity.ERROR,
    summary="yearOfBirth is not the year of dateOfBirth.",
    example='"dateOfBirth": "1956-01-12", "yearOfBirth": 1965',
    source="policy",
    ref=(
        'The docs send both dateOfBirth and yearOfBirth ("1956-01-12", 1956) but '
        "state no rule between them."
    ),
    doc=(
        "When both dateOfBirth (a valid date) and yearOfBirth are given they must agree; "
        "reported at yearOfBirth. Not checked when yearOfBirth breaks dob.range."
    ),
)
EARLIEST_BIRTH_YEAR = 1854
"""The earliest birth year a fødselsnummer can encode (individual numbers 500-749, 1854-1899)."""

DOB_RANGE = declare(
    "dob.range",
    severity=Severity.ERROR,
    summary="A birth date or year lies in the future or before 1854.",
    example='"dateOfBirth": "2999-01-01"',
    source="policy",
    ref=(
        "Our plausibility bounds: not in the future, not before 1854 (the earliest "
        "year Skatteetaten's individual-number ranges encode)."
    ),
    doc=(
        "dateOfBirth must not be after today (the `today` argument, default the current "
        "date) nor before 1854-01-01; yearOfBirth must lie from 1854 to today's year. 1854 is "
        "the earliest year a fødselsnummer encodes."
    ),
)
STOP_PAST = declare(
    "stop.past",
    severity=Severity.WARNING,
    summary="A stop date (stop...Until) lies before today: the stop has no effect any more.",
    example='"stopReminderUntil": "2020-01-01"',
    source="policy",
    ref=("A stop date in the past stops nothing; the docs state no rule about it."),
    doc=(
        "stopReminderUntil, stopDebtCollectionUntil and stopInterestCalcUntil are the last day "
        "of a stop. A date before today (the `today` argument) stops nothing; today itself is "
        "fine. A warning: the server accepts it, but it is probably a stale value."
    ),
)
MEMO_WITHOUT_DATE = declare(
    "stop.memo-without-date",
    severity=Severity.WARNING,
    summary="A stop memo (stop...Memo) is given without its stop date (stop...Until).",
    example='"stopReminderMemo": "Agreed with customer"',
    source="policy",
    ref=(
        "The docs pair each stop date with its memo "
        "(stopReminderUntil/stopReminderMemo ...) but state no rule between them."
    ),
    doc=(
        "stopReminderMemo, stopDebtCollectionMemo and stopInterestCalcMemo explain a stop; a "
        "non-empty memo whose date is missing, null or empty explains nothing. Checked on "
        "create only: an update that leaves the date out leaves the stored date as it is. "
        "Reported at the memo."
    ),
)

STOP_DATES: tuple[tuple[str, str], ...] = (
    ("stopReminderUntil", "stopReminderMemo"),
    ("stopDebtCollectionUntil", "stopDebtCollectionMemo"),
    ("stopInterestCalcUntil", "stopInterestCalcMemo"),
)
"""The stop dates with their memos."""

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")


_fromisoformat = datetime.date.fromisoformat


def parse_date(text: str) -> datetime.date:
    """Read a ``YYYY-MM-DD`` date; raise :class:`ValueError` saying what is wrong."""
    if len(text) == 10 and text[4] == "-" and text[7] == "-" and text.isascii():
        # The common case without the regex: of the ISO forms fromisoformat reads, only
        # YYYY-MM-DD has these two hyphens in ten characters, and it takes ASCII digits only.
        try:
            return _fromisoformat(text)
        except ValueError:
            pass  # say why below
    if not _DATE.match(text):
        raise ValueError("a date is written YYYY-MM-DD, e.g. 1956-01-12")
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        pass  # say why below
    year, month, day = int(text[:4]), int(text[5:7]), int(text[8:10])
    if year == 0:
        raise ValueError(f"{text} is no date: there is no year 0000")
    if not 1 <= month <= 12:
        raise ValueError(f"{text} is no date: there is no month {month:02d}")
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        name = calendar.month_name[month]
        raise ValueError(f"{text} is no date: {name} {year:04d} has {days} days")
    return datetime.date(year, month, day)  # pragma: no cover - fromisoformat took it


_UNTIL_OF_MEMO = {memo: until for until, memo in STOP_DATES}


def _date(ctx: Context, path: Path, key: str, text: str) -> datetime.date | None:
    try:
        return parse_date(text)
    except ValueError as exc:
        ctx.emit(
            DATE_FORMAT,
            path,
            f"{key}: {exc}",
            context={"expected": "YYYY-MM-DD", "found": text},
        )
        return None


def check_date_of_birth(ctx: Context, path: Path, value: str, customer: Mapping[str, Any]) -> None:
    """dateOfBirth: a real date, not in the future, not before 1854. Sets the fact ``dob``."""
    dob = _date(ctx, path, "dateOfBirth", value)
    if dob is None:
        return
    today = ctx.today
    if dob > today:
        ctx.emit(
            DOB_RANGE,
            path,
            f"dateOfBirth {value} lies in the future (today is {today.isoformat()})",
            context={"expected": f"<= {today.isoformat()}", "found": value},
        )
    elif dob.year < EARLIEST_BIRTH_YEAR:
        ctx.emit(
            DOB_RANGE,
            path,
            f"dateOfBirth {value} lies before {EARLIEST_BIRTH_YEAR}",
            context={"expected": f">= {EARLIEST_BIRTH_YEAR}-01-01", "found": value},
        )
    else:
        ctx.dob = dob


def check_year_of_birth(ctx: Context, path: Path, value: Any, customer: Mapping[str, Any]) -> None:
    """yearOfBirth: from 1854 to this year. Sets the fact ``yob``."""
    if type(value) is not int:
        return  # schema.type
    if EARLIEST_BIRTH_YEAR <= value <= ctx.today.year:
        ctx.yob = (path, value)
    else:
        ctx.emit(
            DOB_RANGE,
            path,
            f"yearOfBirth must lie from {EARLIEST_BIRTH_YEAR} to {ctx.today.year}",
            context={"expected": f"{EARLIEST_BIRTH_YEAR}-{ctx.today.year}"},
        )


def finish_birth(ctx: Context) -> None:
    """After the pass: yearOfBirth against dateOfBirth."""
    dob, yob = ctx.dob, ctx.yob
    if dob is not None and yob is not None and dob.year != yob[1]:
        ctx.emit(
            YEAR_MISMATCH,
            yob[0],
            f"yearOfBirth {yob[1]} does not match dateOfBirth {dob.isoformat()}; "
            f"expected {dob.year}",
            context={"expected": dob.year, "found": yob[1]},
        )


def check_stop_date(ctx: Context, path: Path, value: str, customer: Mapping[str, Any]) -> None:
    """stop...Until: a real date, not before today."""
    key = path[-1]
    until = _date(ctx, path, key, value)
    if until is not None and until < ctx.today:
        today = ctx.today.isoformat()
        ctx.emit(
            STOP_PAST,
            path,
            f"{key} {value} lies before today ({today}): the stop has already ended",
            context={"expected": f">= {today}", "found": value},
        )


def check_memo(ctx: Context, path: Path, value: str, customer: Mapping[str, Any]) -> None:
    """stop...Memo: not without its date (on create)."""
    if ctx.update:
        return
    memo_key = path[-1]
    until_key = _UNTIL_OF_MEMO[memo_key]
    until = customer.get(until_key)
    if until.__class__ is str and until and not until.isspace():
        return  # the common case, decided without blank()
    if blank(until):
        ctx.emit(
            MEMO_WITHOUT_DATE,
            path,
            f"{memo_key} is given without {until_key}; the memo explains a stop that has no date",
            context={"expected": until_key},
        )
