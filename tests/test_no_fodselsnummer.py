"""armvalidate.no.fodselsnummer: reference vectors, the whole family, properties, stdnum."""

from __future__ import annotations

import datetime
import random

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from stdnum import exceptions as stdnum_exceptions
from stdnum.no import fodselsnummer as stdnum_fnr

from armvalidate import InvalidValue
from armvalidate.no import fodselsnummer as fnr

TODAY = datetime.date(2025, 6, 1)
SETTINGS = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.filter_too_much]
)

# --- an independent, brute-force oracle for the check digits --------------------------------

W1 = (3, 7, 6, 1, 8, 9, 4, 5, 2, 1)
W2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2, 1)


def sums(number: str) -> tuple[int, int]:
    digits = [int(c) for c in number]
    return (
        sum(w * d for w, d in zip(W1, digits[:10], strict=True)) % 11,
        sum(w * d for w, d in zip(W2, digits, strict=True)) % 11,
    )


def check_options(first9: str) -> dict[str, str]:
    """Every K1K2 completing ``first9``, labelled "classic" or "2032" (tried by brute force)."""
    out = {}
    for k in range(100):
        s1, s2 = sums(f"{first9}{k:02d}")
        if s2 == 0 and s1 <= 3:
            out[f"{k:02d}"] = "classic" if s1 == 0 else "2032"
    return out


def number(prefix6: str, individual: int, *, rule: str = "classic") -> str:
    """``prefix6`` + an individual number from ``individual`` upwards (same parity, so the
    same gender) whose check digits exist under ``rule``."""
    for ind in range(individual, 1000, 2):
        first9 = f"{prefix6}{ind:03d}"
        for k, label in check_options(first9).items():
            if label == rule:
                return first9 + k
    raise AssertionError(f"no {rule} number for {prefix6}")


def rule_of(value: object) -> str | None:
    try:
        fnr.validate(value)
    except InvalidValue as err:
        return err.rule
    return None


# --- vectors from public sources ---------------------------------------------------------------

# The ARM API docs' ssn; Skatteetaten's 2032 examples; Skatteetaten's Tenor example; the
# valid numbers of python-stdnum's tests/test_no_fodselsnummer.doctest.
PUBLIC_VALID = [
    "12015641779",
    "02013299997",
    "30108299920",
    "17912099997",
    "100487 45526",
    "10048744732",
    "10048745364",
    "111115984-03",
    "151086-95088",
    "18-06-15-92527",
    "231140-38547",
    "23114048690",
    "26 11 15 940 14",
    "26111593816",
    "26111594286",
    "26111594448",
]


@pytest.mark.parametrize("value", PUBLIC_VALID)
def test_public_vectors_are_valid(value: str) -> None:
    compacted = value.replace(" ", "").replace("-", "")
    assert fnr.validate(value) == compacted
    assert fnr.is_valid(value)
    assert fnr.compact(value) == compacted


@pytest.mark.parametrize(
    ("value", "born"),
    [
        # python-stdnum's birth-date vectors
        ("11111598403", datetime.date(2015, 11, 11)),
        ("151086-95088", datetime.date(1986, 10, 15)),
        ("180615 92527", datetime.date(2015, 6, 18)),
        ("10 04 87 44 732", datetime.date(1987, 4, 10)),
        ("13-04-99-58441", datetime.date(1899, 4, 13)),
        ("12015641779", datetime.date(1956, 1, 12)),
        ("30108299920", datetime.date(1982, 10, 30)),
    ],
)
def test_birth_dates_of_public_vectors(value: str, born: datetime.date) -> None:
    i = fnr.info(value, today=TODAY)
    assert i.birth_date == born
    assert i.possible_birth_dates == (born,)
    assert (i.kind, i.synthetic, i.ambiguous, i.new_format) == ("fnr", None, False, False)


def test_api_docs_ssn() -> None:
    i = fnr.info("12015641779", today=TODAY)
    assert i.gender == "male"  # ninth digit 7
    assert (i.day, i.month, i.two_digit_year, i.individual) == (12, 1, 56, 417)
    assert fnr.format("12015641779") == "120156 41779"


def test_2032_examples_born_in_2032_have_no_birth_date_yet() -> None:
    i = fnr.info("02013299997", today=TODAY)
    assert i.birth_date is None and i.possible_birth_dates == ()
    later = fnr.info("02013299997", today=datetime.date(2032, 1, 2))
    assert later.birth_date == datetime.date(2032, 1, 2)
    # python-stdnum rejects it: it puts the birth in the future
    assert not stdnum_fnr.is_valid("02013299997")


def test_tenor_example() -> None:
    i = fnr.info("17912099997", today=TODAY)
    assert (i.kind, i.synthetic, i.ambiguous) == ("fnr", "tenor", False)
    assert (i.day, i.month) == (17, 11)
    assert i.birth_date == datetime.date(2020, 11, 17)
    assert not stdnum_fnr.is_valid("17912099997")


@pytest.mark.parametrize(
    ("value", "rule"),
    [
        # python-stdnum's invalid vectors
        ("26111593817", "ssn.checksum"),
        ("26111593826", "ssn.checksum"),
        ("26111593875", "ssn.checksum"),
        ("42485176432123", "ssn.format"),
        ("a0gzaB30529", "ssn.format"),
        ("19575770838", "ssn.date"),  # month digits 57: month 17 with the +40 offset
        # stdnum's FH "example" fails both check digits
        ("82314251342", "ssn.checksum"),
        ("00000000000", "ssn.date"),  # passes both sums; only the date stops it
        ("1201564177", "ssn.format"),
        ("120156417790", "ssn.format"),
        ("", "ssn.format"),
        ("12015641778", "ssn.checksum"),
        ("12015641769", "ssn.checksum"),
    ],
)
def test_invalid_vectors(value: str, rule: str) -> None:
    assert rule_of(value) == rule
    assert not fnr.is_valid(value)


def test_stdnum_rejections_we_accept() -> None:
    # century unknown in the classic table (individual 540, year 40): valid, no birth date
    assert fnr.is_valid("45014054018")
    assert fnr.info("45014054018", today=TODAY).birth_date is None
    assert not stdnum_fnr.is_valid("45014054018")
    # the classic table puts it in 2039: valid, no birth date, never rejected for that
    assert fnr.is_valid("18103970861")
    assert fnr.info("18103970861", today=TODAY).birth_date is None
    assert not stdnum_fnr.is_valid("18103970861")


# --- the family, built with the independent oracle ----------------------------------------------


def test_d_number() -> None:
    n = number("520156", 417)  # 12.01.56, day + 40
    i = fnr.info(n, today=TODAY)
    assert (i.kind, i.synthetic, i.ambiguous) == ("dnr", None, False)
    assert (i.day, i.month) == (12, 1)
    assert i.birth_date == datetime.date(1956, 1, 12)  # both tables agree
    assert i.gender == "male"


def test_d_number_only_the_2021_table_dates() -> None:
    # individual 800, year 85: the classic table has no century; the 2021 table says 1985
    n = number("550385", 800)
    assert fnr.info(n, today=TODAY).birth_date == datetime.date(1985, 3, 15)
    with pytest.raises(stdnum_exceptions.InvalidComponent, match="century"):
        stdnum_fnr.validate(n)
    # individual 650, year 45: the same
    n = number("550345", 650)
    assert fnr.info(n, today=TODAY).birth_date == datetime.date(1945, 3, 15)
    assert not stdnum_fnr.is_valid(n)


def test_d_number_tables_disagree_so_no_birth_date() -> None:
    # individual 300, year 15: classic 1915, 2021 table 2015
    n = number("550315", 300)
    i = fnr.info(n, today=TODAY)
    assert i.birth_date is None
    assert i.possible_birth_dates == (datetime.date(1915, 3, 15), datetime.date(2015, 3, 15))
    # individual 650, year 70: classic 1870, 2021 table 1970
    n = number("550370", 650)
    assert fnr.info(n, today=TODAY).possible_birth_dates == (
        datetime.date(1870, 3, 15),
        datetime.date(1970, 3, 15),
    )
    # the same digits without the D offset are a plain fnr: the classic table alone, 1870
    plain = number("150370", 650)
    assert fnr.info(plain, today=TODAY).birth_date == datetime.date(1870, 3, 15)


def test_d_number_that_the_tables_put_in_the_future_is_valid() -> None:
    # individual 650, year 35: both tables say 2035
    n = number("550335", 650)
    assert fnr.is_valid(n)
    i = fnr.info(n, today=TODAY)
    assert i.birth_date is None and i.possible_birth_dates == ()
    with pytest.raises(stdnum_exceptions.InvalidComponent, match="not been born"):
        stdnum_fnr.validate(n)
    # once 2035 has come, the date is known
    assert fnr.info(n, today=datetime.date(2035, 3, 15)).birth_date == datetime.date(2035, 3, 15)
    # one of the tables in the past, the other in the future: the past one is the answer
    n = number("550326", 300)  # classic 1926, 2021 table 2026
    assert fnr.info(n, today=TODAY).birth_date == datetime.date(1926, 3, 15)


def exact(individual: int, yy: int, *, dnr: bool) -> tuple[str, int]:
    """A classic number born some day in March of ``yy`` with exactly this individual
    number (only the day varies to find check digits); returns (number, day)."""
    for day in range(1, 29):
        first9 = f"{day + 40 * dnr:02d}03{yy:02d}{individual:03d}"
        for k, label in check_options(first9).items():
            if label == "classic":
                return first9 + k, day
    raise AssertionError("no day works")


@pytest.mark.parametrize(
    ("dnr", "individual", "yy", "years"),
    [
        # the classic table (all kinds)
        (False, 0, 0, (1900,)),
        (False, 499, 99, (1999,)),
        (False, 500, 54, (1854,)),
        (False, 749, 99, (1899,)),
        (False, 500, 53, ()),  # 500-749 with year 40-53: no century
        (False, 750, 99, ()),  # 750-899 with year >= 40: no century
        (False, 899, 40, ()),
        (False, 900, 40, (1940,)),
        (False, 500, 24, (2024,)),
        (False, 999, 0, (2000,)),
        (False, 999, 39, ()),  # 2039: in the future
        # D-numbers: the classic table and the 2021 table
        (True, 199, 15, (1915,)),
        (True, 200, 15, (1915, 2015)),
        (True, 499, 15, (1915, 2015)),
        (True, 500, 15, (2015,)),
        (True, 499, 70, (1970,)),
        (True, 500, 70, (1870,)),
        (True, 599, 57, (1857,)),  # classic 1857; the 2021 table's 1858-1899 does not reach
        (True, 599, 58, (1858,)),
        (True, 600, 70, (1870, 1970)),
        (True, 750, 70, (1970,)),  # the classic table has no century, the 2021 table does
        (True, 900, 70, (1970,)),
        (True, 650, 45, (1945,)),
        (True, 500, 45, ()),  # neither table
        (True, 999, 26, ()),  # 2026: in the future
    ],
)
def test_century_tables(dnr: bool, individual: int, yy: int, years: tuple[int, ...]) -> None:
    n, day = exact(individual, yy, dnr=dnr)
    i = fnr.info(n, today=TODAY)
    assert i.individual == individual and i.kind == ("dnr" if dnr else "fnr")
    assert i.possible_birth_dates == tuple(datetime.date(y, 3, day) for y in years)
    assert i.birth_date == (datetime.date(years[0], 3, day) if len(years) == 1 else None)


def test_h_number_or_dolly_is_ambiguous() -> None:
    n = number("124156", 417)  # month + 40
    i = fnr.info(n, today=TODAY)
    assert (i.kind, i.synthetic, i.ambiguous) == ("hnr", "dolly", True)
    assert (i.day, i.month) == (12, 1)
    assert stdnum_fnr.is_valid(n)  # stdnum knows H-numbers


def test_dolly_d_number_is_not_ambiguous() -> None:
    n = number("524156", 417)  # day + 40 and month + 40
    i = fnr.info(n, today=TODAY)
    assert (i.kind, i.synthetic, i.ambiguous) == ("dnr", "dolly", False)


@pytest.mark.parametrize(
    ("prefix6", "kind", "synthetic", "day", "month"),
    [
        ("128156", "fnr", "tenor", 12, 1),
        ("528156", "dnr", "tenor", 12, 1),
        ("126656", "fnr", "syntpop", 12, 1),
        ("526656", "dnr", "syntpop", 12, 1),
        ("127756", "fnr", "syntpop", 12, 12),  # month 12 + 65
        ("319256", "fnr", "tenor", 31, 12),  # 31 December + 80
        ("719256", "dnr", "tenor", 31, 12),
    ],
)
def test_synthetic(prefix6: str, kind: str, synthetic: str, day: int, month: int) -> None:
    n = number(prefix6, 417)
    i = fnr.info(n, today=TODAY)
    assert (i.kind, i.synthetic, i.ambiguous) == (kind, synthetic, False)
    assert (i.day, i.month) == (day, month)
    assert i.birth_date == datetime.date(1956, month, day)
    assert not stdnum_fnr.is_valid(n)


@pytest.mark.parametrize("first", ["8", "9"])
def test_fh_number(first: str) -> None:
    n = number(first + "30123", 456)
    i = fnr.info(n, today=TODAY)
    assert (i.kind, i.synthetic, i.ambiguous) == ("fhnr", None, False)
    assert (i.birth_date, i.gender, i.day, i.month, i.individual) == (None, None, None, None, None)
    with pytest.raises(stdnum_exceptions.InvalidComponent, match="FH-number"):
        stdnum_fnr.validate(n)


def test_fh_number_has_no_date_check() -> None:
    # digits 2-9 are random: "99" as day and month is fine
    assert fnr.is_valid(number("999999", 901))


def test_new_format_number() -> None:
    n = number("120156", 417, rule="2032")
    i = fnr.info(n, today=TODAY)
    assert i.new_format
    assert (i.gender, i.birth_date, i.possible_birth_dates) == (None, None, ())
    assert (i.day, i.month, i.two_digit_year) == (12, 1, 56)
    with pytest.raises(stdnum_exceptions.InvalidChecksum):
        stdnum_fnr.validate(n)
    # the date check still applies to new-format numbers
    assert rule_of(number("321356", 417, rule="2032")) == "ssn.date"


def test_new_format_d_number_and_synthetic() -> None:
    i = fnr.info(number("528156", 417, rule="2032"), today=TODAY)
    assert (i.kind, i.synthetic, i.new_format) == ("dnr", "tenor", True)


# --- dates --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("prefix6", "message"),
    [
        ("320156", "day 32 does not exist in month 01"),
        ("000156", "day 00 does not exist in month 01"),
        ("400156", "day 00 does not exist in month 01 (the day digits are 40"),
        ("720156", "day 32 does not exist in month 01 (the day digits are 72"),
        ("121356", "month 13 does not exist"),
        ("120056", "month 00 does not exist"),
        ("125356", "month 13 does not exist (the month digits are 53"),
        ("126556", "month 00 does not exist (the month digits are 65"),
        ("127856", "month 13 does not exist (the month digits are 78"),
        ("128056", "month 00 does not exist (the month digits are 80"),
        ("129356", "month 13 does not exist (the month digits are 93"),
        ("290201", "day 29 does not exist in month 02 of 1901"),
    ],
)
def test_impossible_dates(prefix6: str, message: str) -> None:
    n = number(prefix6, 417)
    with pytest.raises(InvalidValue) as excinfo:
        fnr.validate(n)
    assert excinfo.value.rule == "ssn.date"
    assert str(excinfo.value).startswith(message)
    assert n not in str(excinfo.value)


@pytest.mark.parametrize("prefix6", ["310456", "300256", "310956"])
def test_days_past_the_end_of_the_month_are_accepted_and_flagged(prefix6: str) -> None:
    """Skatteetaten's reference validator accepts 31 April and 30 February (its date check
    rolls them over): accepted here too, with ``date_exists`` False and no birth date."""
    n = number(prefix6, 417)
    assert fnr.validate(n) == n
    info = fnr.info(n)
    assert not info.date_exists and info.birth_date is None and info.possible_birth_dates == ()


def test_leap_day_needs_a_year_divisible_by_4_whatever_the_individual_number() -> None:
    # 29.02.00, individual < 500: the classic table says 1900 (no leap year), but from 2032 the
    # individual number no longer gives the century, and Skatteetaten's validator accepts it
    # (2000 was a leap year). Its birth date is unknown.
    n = number("290200", 100)
    assert fnr.is_valid(n)
    assert fnr.info(n, today=TODAY).possible_birth_dates == ()
    # individual >= 500 and year < 40: 2000 (leap year)
    assert fnr.is_valid(number("290200", 600))
    # a D-number, individual 300: classic 1900, 2021 table 2000: accepted
    n = number("690200", 300)
    assert fnr.is_valid(n)
    assert fnr.info(n, today=TODAY).birth_date == datetime.date(2000, 2, 29)
    # a D-number, individual 100: 1900 in both tables, still valid, no birth date
    assert fnr.is_valid(number("690200", 100))
    assert fnr.info(number("690200", 100), today=TODAY).birth_date is None
    # new format: century unknown, 2000 could apply
    assert fnr.is_valid(number("290200", 100, rule="2032"))
    # classic table without a century (individual 800, year 48): 1848/1948/2048 all leap years
    assert fnr.is_valid(number("290248", 800))
    # ... but no century makes 29.02.49 exist
    with pytest.raises(InvalidValue, match="of 1849 or 1949 or 2049"):
        fnr.validate(number("290249", 800))
    # 29.02.96 in the 1900s: fine
    assert fnr.info(number("290296", 100), today=TODAY).birth_date == datetime.date(1996, 2, 29)


# --- errors -------------------------------------------------------------------------------------


def test_first_check_digit_error_lists_the_possibilities() -> None:
    with pytest.raises(InvalidValue) as excinfo:
        fnr.validate("12015641739")
    err = excinfo.value
    assert err.rule == "ssn.checksum"
    assert err.context["found"] == "3"
    assert err.context["expected"] == ("7", "8", "9")
    assert err.context["expected_classic"] == "7"
    assert "one of 7, 8 or 9" in err.message and "2032 rule" in err.message
    assert "12015641739" not in err.message


def test_first_check_digit_error_without_a_classic_digit() -> None:
    # digits 1-9 whose classic first check digit would be 10
    first9 = "121356417"
    assert all(label == "2032" for label in check_options(first9).values())
    with pytest.raises(InvalidValue) as excinfo:
        fnr.validate(first9 + "99")
    assert excinfo.value.context["expected_classic"] is None
    # K1 alone decides the first sum: the digits that make it 0-3 (here never 0)
    k1_options = tuple(d for d in "0123456789" if sums(first9 + d + "0")[0] <= 3)
    assert excinfo.value.context["expected"] == k1_options
    assert all(sums(first9 + d + "0")[0] != 0 for d in k1_options)
    assert "no classic check digit" in excinfo.value.message


def test_second_check_digit_error() -> None:
    with pytest.raises(InvalidValue) as excinfo:
        fnr.validate("12015641778")
    assert excinfo.value.context == {"digit": 11, "expected": "9", "found": "8"}


def test_non_strings_are_format_errors_without_echo() -> None:
    with pytest.raises(InvalidValue) as excinfo:
        fnr.validate(12015641779)
    assert excinfo.value.rule == "ssn.format"
    assert "12015641779" not in str(excinfo.value)
    assert "int" in str(excinfo.value)


def test_non_ascii_digits_are_rejected() -> None:
    assert rule_of("١٢٠١٥٦٤١٧٧٩") == "ssn.format"
    assert rule_of("１２０１５６４１７７９") == "ssn.format"  # fullwidth


def test_calc_check_digits() -> None:
    assert fnr.calc_check_digits("120156417") == "79"
    with pytest.raises(ValueError, match="no classic first"):
        fnr.calc_check_digits("121356417")
    with pytest.raises(ValueError):
        fnr.calc_check_digits("12015641")
    assert fnr.valid_check_digits("120156417") == ("79", "87", "95")


# --- properties ---------------------------------------------------------------------------------

DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


@st.composite
def first_nines(draw: st.DrawFn) -> str:
    """The first nine digits of a number of any kind (no 29 February)."""
    if draw(st.integers(0, 4)) == 0:
        return draw(st.sampled_from("89")) + draw(st.text("0123456789", min_size=8, max_size=8))
    month = draw(st.integers(1, 12))
    day = draw(st.integers(1, DAYS[month - 1]))
    day += draw(st.sampled_from((0, 40)))
    month += draw(st.sampled_from((0, 40, 65, 80)))
    return f"{day:02d}{month:02d}{draw(st.integers(0, 99)):02d}{draw(st.integers(0, 999)):03d}"


@st.composite
def valid_numbers(draw: st.DrawFn) -> str:
    first9 = draw(first_nines())
    options = sorted(check_options(first9))
    assume(options)
    return first9 + draw(st.sampled_from(options))


@SETTINGS
@given(valid_numbers(), st.lists(st.sampled_from([" ", "-", "."]), max_size=11), st.randoms())
def test_round_trips(n: str, separators: list[str], rnd: random.Random) -> None:
    assert fnr.validate(n) == n
    assert fnr.compact(fnr.format(n)) == n
    assert fnr.validate(fnr.format(n)) == n
    chars = list(n)
    for sep in separators:
        chars.insert(rnd.randrange(len(chars) + 1), sep)
    assert fnr.validate("".join(chars)) == n
    assert fnr.info(fnr.format(n), today=TODAY) == fnr.info(n, today=TODAY)


@SETTINGS
@given(valid_numbers())
def test_info_matches_the_digits(n: str) -> None:
    i = fnr.info(n, today=TODAY)
    s1, _ = sums(n)
    assert i.new_format == (s1 != 0)
    if n[0] in "89":
        assert i.kind == "fhnr" and i.synthetic is None and i.gender is None
        return
    day_digits, month_digits = int(n[:2]), int(n[2:4])
    d_offset = day_digits > 40
    assert i.day == day_digits - (40 if d_offset else 0)
    ranges = {None: (1, 12), "dolly": (41, 52), "syntpop": (66, 77), "tenor": (81, 92)}
    low, high = ranges[i.synthetic]
    assert low <= month_digits <= high and i.month == month_digits - low + 1
    assert i.ambiguous == (i.synthetic == "dolly" and not d_offset)
    assert i.kind == ("dnr" if d_offset else "hnr" if i.ambiguous else "fnr")
    if i.new_format:
        assert i.gender is None and i.birth_date is None
    else:
        assert i.gender == ("male" if int(n[8]) % 2 else "female")
    assert all(d <= TODAY and (d.day, d.month) == (i.day, i.month) for d in i.possible_birth_dates)
    assert all(d.year % 100 == int(n[4:6]) for d in i.possible_birth_dates)
    assert i.birth_date == (i.possible_birth_dates[0] if len(i.possible_birth_dates) == 1 else None)


@SETTINGS
@given(valid_numbers())
def test_every_single_digit_substitution_is_rejected(n: str) -> None:
    # W2 has no weight divisible by 11, so any one changed digit breaks ΣW2·d ≡ 0 — also under
    # the relaxed 2032 rule for K1, which leaves the second sum as strict as ever.
    for position in range(11):
        for digit in "0123456789":
            if digit == n[position]:
                continue
            mutated = n[:position] + digit + n[position + 1 :]
            assert sums(mutated)[1] != 0
            assert rule_of(mutated) == "ssn.checksum", (position, digit)


@SETTINGS
@given(valid_numbers())
def test_every_adjacent_transposition_is_rejected(n: str) -> None:
    # Neighbouring W2 weights differ by 1 or 5 (never by a multiple of 11), so swapping two
    # different neighbours breaks ΣW2·d ≡ 0. Swapping two equal digits changes nothing: that is
    # the one transposition no rule can see, and it is asserted as such.
    for position in range(10):
        a, b = n[position], n[position + 1]
        mutated = n[:position] + b + a + n[position + 2 :]
        if a == b:
            assert mutated == n and fnr.is_valid(mutated)
        else:
            assert rule_of(mutated) == "ssn.checksum", position


# --- differential: python-stdnum 2.2 ------------------------------------------------------------


def stdnum_reason(n: str) -> str | None:
    """Why python-stdnum rejects ``n`` (None if it accepts it)."""
    try:
        stdnum_fnr.validate(n)
    except stdnum_exceptions.InvalidChecksum:
        return "checksum"
    except stdnum_exceptions.InvalidComponent as err:
        text = str(err)
        if "FH-number" in text:
            return "fh"
        if "century" in text:
            return "century"
        if "not been born" in text:
            return "future"
        return "date"
    except stdnum_exceptions.ValidationError:
        return "format"
    return None


def assert_documented_difference(n: str) -> str:
    """``n`` is valid here and python-stdnum rejects it: name and verify the extension."""
    reason = stdnum_reason(n)
    i = fnr.info(n)  # today: stdnum's "future" is relative to today too
    if reason == "checksum":  # the 2032 rule
        assert i.new_format and 1 <= sums(n)[0] <= 3
        return "new_format"
    if reason == "fh":
        assert i.kind == "fhnr" and n[0] in "89"
        return "fh"
    if reason == "century":  # no classic century; not a reason to reject
        assert not i.new_format and i.kind != "fhnr"
        ind, yy = int(n[6:9]), int(n[4:6])
        assert (500 <= ind < 750 and 40 <= yy < 54) or (750 <= ind < 900 and yy >= 40)
        return "century"
    if reason == "future":  # the classic table puts the birth after today
        born = stdnum_fnr.get_birth_date(n)
        assert born > datetime.date.today() and born not in i.possible_birth_dates
        return "future"
    if reason == "date":
        if i.synthetic in ("tenor", "syntpop"):  # month + 65 / + 80
            assert int(n[2:4]) >= 66
            return "synthetic"
        # 29 February whose classic century is no leap year (stdnum's one century): of a
        # D-number whose 2021 table gives a leap year, or of year 00 (2000, Skatteetaten: from
        # 2032 the individual number no longer gives the century)
        assert (i.day, i.month) == (29, 2)
        assert i.kind == "dnr" or i.two_digit_year == 0
        return "leap_day"
    raise AssertionError(f"undocumented difference: stdnum says {reason}")


@SETTINGS
@given(valid_numbers())
def test_differential_valid_numbers(n: str) -> None:
    assert fnr.is_valid(n)
    if not stdnum_fnr.is_valid(n):
        assert_documented_difference(n)


@SETTINGS
@given(
    st.text("0123456789 -", min_size=0, max_size=14)
    | valid_numbers()
    | valid_numbers().map(fnr.format)
    | st.builds(
        lambda first9, k: first9 + k, first_nines(), st.text("0123456789", min_size=2, max_size=2)
    )
)
def test_differential_any_input(text: str) -> None:
    ours, theirs = fnr.is_valid(text), stdnum_fnr.is_valid(text)
    if ours != theirs:
        assert ours and not theirs, "stdnum accepts what armvalidate rejects"
        assert_documented_difference(fnr.compact(text))


@pytest.mark.parametrize(
    ("n", "difference"),
    [
        (number("120156", 417, rule="2032"), "new_format"),
        (number("830123", 456), "fh"),
        (number("550385", 800), "century"),
        (number("550335", 650), "future"),
        (number("128156", 417), "synthetic"),
        (number("126656", 417), "synthetic"),
        (number("690200", 300), "leap_day"),
        (number("290200", 100), "leap_day"),
    ],
)
def test_each_difference_class_occurs(n: str, difference: str) -> None:
    assert fnr.is_valid(n) and not stdnum_fnr.is_valid(n)
    assert assert_documented_difference(n) == difference
