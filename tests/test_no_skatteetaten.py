"""Fødselsnummer fidelity: Skatteetaten's own validator is the reference.

Skatteetaten publishes a reference validator for the fødselsnummer and the D-number (the
JavaScript ``foedselsEllerDNummerValidator.js`` of the Folkeregisteret API documentation, "Nytt
fødselsnummer fra 2032"). No number it accepts may be rejected by
:mod:`armvalidate.no.fodselsnummer`, except the one documented class below.

The validator is run with node over a corpus of over 100,000 numbers: every date from
1 January 1854 to 31 December 2039 as a fødselsnummer and as a D-number (with classic and 2032
check digits), synthetic Tenor numbers, 29 February of every two-digit year with many individual
numbers, H-, SyntPop- and FH-numbers, numbers with valid check digits and random dates, and
random digit strings. The file is not redistributable (no licence is stated), so the node
comparison is skipped unless it is present (see ``tests/data/skatteetaten/README.md``). The other
tests run always, against :func:`skatteetaten_accepts`, a statement of the same rule, which the
node test proves equal to the JavaScript on the whole corpus.

**Rolled-over dates**: the JavaScript checks the date with ``new Date("20yy/MM/dd")``, which
rolls 31 April over to 1 May instead of failing, so it accepts 30 and 31 February or 31 April.
Nothing it accepts may be rejected here (issue 16), so the identifier module accepts them too
and says so (``SsnInfo.date_exists`` False); a payload gets an ``ssn.date`` warning.

**Deliberately accepted beyond it**: the kinds that validator does not handle, which
:func:`~armvalidate.no.fodselsnummer.info` tells apart (H-numbers and NAV Dolly, month + 40;
NHN SyntPop, month + 65; FH-numbers, first digit 8 or 9), and any spelling with separators.
"""

from __future__ import annotations

import calendar
import datetime
import functools
import os
import random
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from armvalidate import InvalidValue
from armvalidate.no import fodselsnummer

JS_FILE = Path(
    os.environ.get(
        "ARMVALIDATE_SKATTEETATEN_JS",
        Path(__file__).parent / "data" / "skatteetaten" / "foedselsEllerDNummerValidator.js",
    )
)

# Skatteetaten's own test numbers, published beside the validator (foedselsnummer.csv):
# (number, synthetic, valid, description).
OFFICIAL = [
    ("30108299939", False, True, "real 2032 number"),
    ("30908299902", True, True, "synthetic 2032 number"),
    ("20036914700", False, True, "real 1964 number"),
    ("03851598730", True, True, "synthetic 1964 number"),
    ("20036914712", False, False, "real 1964 number"),
    ("29020073150", False, True, "real 1964 number (leap day in a leap year)"),
    ("29020105729", False, False, "real 1964 number (leap day in a common year)"),
    ("55102499947", False, True, "real 2032 D-number"),
    ("41819077906", True, True, "synthetic 2032 D-number"),
    ("41819077302", True, True, "synthetic 1964 D-number"),
]


# --- Skatteetaten's rule, stated ---------------------------------------------------------------


def skatteetaten_accepts(number: str) -> bool:
    """Whether Skatteetaten's validator accepts ``number`` as a real or as a synthetic number.

    Its rule: eleven ASCII digits; the first digit 4-7 marks a D-number (day + 40); a synthetic
    number has month + 80; the date must parse in year 20yy, where 29 February needs yy divisible
    by 4 and any day 01-31 of a month 01-12 parses otherwise (JavaScript's ``Date`` rolls
    31 April over to 1 May); ΣW1·d mod 11 is 0-3 and ΣW2·d mod 11 is 0.
    """
    if len(number) != 11 or not (number.isascii() and number.isdigit()):
        return False
    digits = [int(c) for c in number]
    k1 = sum(w * d for w, d in zip((3, 7, 6, 1, 8, 9, 4, 5, 2, 1), digits, strict=False)) % 11
    k2 = sum(w * d for w, d in zip((5, 4, 3, 2, 7, 6, 5, 4, 3, 2, 1), digits, strict=True)) % 11
    if k1 > 3 or k2:
        return False
    day = int(number[0:2]) - (40 if number[0] in "4567" else 0)
    year = int(number[4:6])
    for month in (int(number[2:4]), int(number[2:4]) - 80):
        if 1 <= month <= 12 and 1 <= day <= 31 and not (day == 29 and month == 2 and year % 4):
            return True
    return False


def rolled_over(number: str) -> bool:
    """Whether Skatteetaten's validator accepts ``number`` only through ``Date`` rollover: its
    day (D offset removed) lies past the end of its month (synthetic offset removed) in 20yy."""
    day = int(number[0:2]) - (40 if number[0] in "4567" else 0)
    month = int(number[2:4]) % 80
    year = 2000 + int(number[4:6])
    return 1 <= month <= 12 and calendar.monthrange(year, month)[1] < day <= 31


# --- the corpus ----------------------------------------------------------------------------------


def _classic_individuals(year: int) -> range:
    if year < 1900:
        return range(500, 750)
    if year < 2000:
        return range(0, 500)
    return range(500, 1000)


def _with_check_digits(first9: str, choice: int) -> str | None:
    options = fodselsnummer.valid_check_digits(first9)
    return first9 + options[choice % len(options)] if options else None


def _dated(rng: random.Random, date: datetime.date, day_offset: int, month_offset: int) -> str:
    individuals = _classic_individuals(date.year)
    prefix = f"{date.day + day_offset:02d}{date.month + month_offset:02d}{date.year % 100:02d}"
    while True:
        found = _with_check_digits(f"{prefix}{rng.choice(individuals):03d}", rng.randrange(4))
        if found is not None:
            return found


def _corpus() -> Iterator[str]:
    rng = random.Random(2032)
    date, last = datetime.date(1854, 1, 1), datetime.date(2039, 12, 31)
    index = 0
    while date <= last:  # every date of the calendar, 1854-2039
        yield _dated(rng, date, 0, 0)  # fødselsnummer
        yield _dated(rng, date, 40, 0)  # D-number
        if index % 2 == 0:
            yield _dated(rng, date, 0, 80)  # Tenor
        if index % 5 == 0:
            yield _dated(rng, date, 40, 80)  # Tenor D-number
        if index % 20 == 0:
            yield _dated(rng, date, 0, 40)  # H-number / NAV Dolly
            yield _dated(rng, date, 0, 65)  # SyntPop
        date += datetime.timedelta(days=1)
        index += 1
    for yy in range(100):  # 29 February of every two-digit year, many individual numbers
        for individual in range(0, 1000, 13):
            for day in ("29", "69"):
                found = _with_check_digits(f"{day}02{yy:02d}{individual:03d}", individual)
                if found is not None:
                    yield found
    for _ in range(3000):  # FH-numbers: first digit 8 or 9, no date
        first9 = f"{rng.choice('89')}{rng.randrange(10**8):08d}"
        found = _with_check_digits(first9, rng.randrange(4))
        if found is not None:
            yield found
    for _ in range(20_000):  # valid check digits, any date digits: impossible dates included
        first9 = f"{rng.randrange(80):02d}{rng.randrange(100):02d}{rng.randrange(10**5):05d}"
        found = _with_check_digits(first9, rng.randrange(4))
        if found is not None:
            yield found
    for _ in range(20_000):  # any eleven digits
        yield f"{rng.randrange(10**11):011d}"
    yield from (number for number, *_ in OFFICIAL)


@functools.cache
def corpus() -> tuple[str, ...]:
    return tuple(dict.fromkeys(_corpus()))


# --- node ----------------------------------------------------------------------------------------

_RUNNER = r"""
const fs = require("fs"), vm = require("vm");
const context = {};
vm.createContext(context);
vm.runInContext(fs.readFileSync(process.argv[1], "utf8"), context);
const accepts = (number, synthetic) => {
  try { context.validerId(number, synthetic); return true; } catch (e) { return false; }
};
const numbers = fs.readFileSync(0, "utf8").split("\n").filter((n) => n.length > 0);
const verdict = (n) => (accepts(n, false) || accepts(n, true) ? "1" : "0");
process.stdout.write(numbers.map(verdict).join(""));
"""


@functools.cache
def skatteetaten_by_node() -> dict[str, bool]:
    """Skatteetaten's verdict on every number of the corpus, by its own JavaScript."""
    node = shutil.which("node")
    if node is None or not JS_FILE.is_file():
        pytest.skip(f"needs node and {JS_FILE} (see tests/data/skatteetaten/README.md)")
    numbers = corpus()
    result = subprocess.run(
        [node, "-e", _RUNNER, str(JS_FILE)],
        input="\n".join(numbers),
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    assert len(result.stdout) == len(numbers), result.stderr
    return {number: flag == "1" for number, flag in zip(numbers, result.stdout, strict=True)}


def _rule_of(number: str) -> str | None:
    try:
        fodselsnummer.validate(number)
    except InvalidValue as err:
        return err.rule
    return None


# --- the tests -----------------------------------------------------------------------------------


def test_the_corpus_covers_every_date_and_is_big_enough() -> None:
    numbers = corpus()
    assert len(numbers) >= 100_000
    dates = {n[:6] for n in numbers if n[0] in "0123" and n[2] in "01" and skatteetaten_accepts(n)}
    assert len(dates) >= 366 * 100 * 0.99  # (ddmmyy: 1854-2039 folds onto 100 two-digit years)


def test_the_statement_is_skatteetatens_validator() -> None:
    verdicts = skatteetaten_by_node()
    differ = [n for n, accepted in verdicts.items() if accepted != skatteetaten_accepts(n)]
    assert differ == []
    assert sum(verdicts.values()) > 100_000


def _check_no_rejection(accepted: dict[str, bool]) -> None:
    rejected = [n for n, ok in accepted.items() if ok and not fodselsnummer.is_valid(n)]
    assert rejected == []
    # what it accepts only by Date rollover is accepted here too, and flagged
    rolled = [n for n, ok in accepted.items() if ok and rolled_over(n)]
    assert rolled and not any(fodselsnummer.info(n).date_exists for n in rolled)


def test_nothing_skatteetatens_validator_accepts_is_rejected() -> None:
    _check_no_rejection(skatteetaten_by_node())


def test_nothing_skatteetatens_rule_accepts_is_rejected() -> None:
    _check_no_rejection({n: skatteetaten_accepts(n) for n in corpus()})


def test_what_we_accept_beyond_it_is_a_documented_kind() -> None:
    beyond = [n for n in corpus() if fodselsnummer.is_valid(n) and not skatteetaten_accepts(n)]
    assert beyond, "the corpus holds H-, SyntPop- and FH-numbers"
    for number in beyond:
        info = fodselsnummer.info(number, today=datetime.date(2025, 1, 1))
        assert info.kind in ("hnr", "fhnr") or info.synthetic in ("dolly", "syntpop"), number


@pytest.mark.parametrize(("number", "synthetic", "valid", "description"), OFFICIAL)
def test_skatteetatens_own_test_numbers(
    number: str, synthetic: bool, valid: bool, description: str
) -> None:
    assert skatteetaten_accepts(number) == valid
    assert fodselsnummer.is_valid(number) == valid
    if valid:
        info = fodselsnummer.info(number, today=datetime.date(2040, 1, 1))
        assert (info.synthetic == "tenor") == synthetic
        assert info.kind == ("dnr" if number[0] in "4567" else "fnr")


def test_leap_day_of_year_00_is_valid_whatever_the_individual_number() -> None:
    # The known divergence this module was written for: 29.02.00 with an individual number that
    # the classic table puts in 1900 (no 29 February). From 2032 the individual number no longer
    # gives the century; Skatteetaten reads 00 as 2000.
    for individual in range(0, 1000, 7):
        for day in ("29", "69"):
            options = fodselsnummer.valid_check_digits(f"{day}0200{individual:03d}")
            for check in options:
                number = f"{day}0200{individual:03d}{check}"
                assert skatteetaten_accepts(number)
                assert fodselsnummer.is_valid(number), number


def test_rolled_over_dates_are_accepted_and_warned_about() -> None:
    """31 April, 30 February: Skatteetaten's validator accepts them (Date rollover), so the
    identifier module does; a payload gets an ssn.date warning, not an error."""
    from armvalidate import validate_customer

    for first4 in ("3002", "3102", "3104", "3106", "3109", "3111", "7104", "3182"):
        options = fodselsnummer.valid_check_digits(f"{first4}01417")
        number = f"{first4}01417{options[0]}"
        assert skatteetaten_accepts(number) and rolled_over(number)
        assert fodselsnummer.is_valid(number) and not fodselsnummer.info(number).date_exists
        report = validate_customer(
            {"customerNo": "1", "name": "Kari", "ssn": number}, profile="test"
        )
        found = [(i.rule, str(i.severity)) for i in report.issues if i.rule == "ssn.date"]
        assert found == [("ssn.date", "warning")], report.issues
        assert number not in str(report.issues)  # masked


def test_days_past_31_and_months_past_12_stay_errors() -> None:
    for first4 in ("3201", "0005", "1513", "1500", "7201"):
        options = fodselsnummer.valid_check_digits(f"{first4}01417")
        if options:
            number = f"{first4}01417{options[0]}"
            assert not skatteetaten_accepts(number)
            assert _rule_of(number) == "ssn.date"


def test_the_2032_rule_applies_to_h_and_fh_numbers_too() -> None:
    # Decided: H-numbers (month + 40; the same form as NAV Dolly's test persons) and FH-numbers
    # (Norsk helsenett) are accepted with 2032-rule check digits, reported as new_format. Their
    # issuers state no rule of their own, Dolly numbers follow Folkeregisteret's, and a wrong
    # acceptance costs little: ssn.kind rejects both kinds in production payloads.
    for first9 in ("124156417", "834567891"):
        for check in fodselsnummer.valid_check_digits(first9)[1:]:
            info = fodselsnummer.info(first9 + check)
            assert info.new_format and info.kind in ("hnr", "fhnr")
