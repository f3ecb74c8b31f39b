"""The fast paths of armvalidate.no against the full paths they shortcut.

Each identifier module decides a plainly written, valid value on a fast path (``_plain``,
``_info_plain``) and leaves everything else to its full path, which raises every error. These
tests prove, on generated and adversarial input, that the public functions give exactly what
the full path gives (the same value, or the same rule, message and context), and check the
helpers rewritten for speed (check sums, error explanations, date parsing, century tables)
against plain reference versions written here.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import pickle
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from armvalidate import InvalidValue
from armvalidate.no import _util, kid, kontonr, orgnr
from armvalidate.no import fodselsnummer as fnr
from armvalidate.strategies.identifiers import ssns

TODAYS = (datetime.date(2025, 6, 1), datetime.date(1950, 1, 1), datetime.date(2040, 12, 31))
SETTINGS = settings(max_examples=400, deadline=None)


def outcome(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> tuple[Any, ...]:
    """What ``fn`` returns (with its exact type), or the exception it raises, comparably."""
    try:
        result = fn(*args, **kwargs)
    except InvalidValue as err:
        return ("invalid", err.rule, err.message, err.context)
    except Exception as err:
        return ("raised", type(err), str(err))
    return ("ok", type(result), result)


class Text(str):
    """A str subclass: never taken by a fast path (which checks the exact type)."""


def _digits(size: int) -> st.SearchStrategy[str]:
    return st.text(alphabet="0123456789", min_size=size, max_size=size)


def _spelled(draw: st.DrawFn, compact: str) -> object:
    """``compact`` as written, or spaced, or in another type, or with a stray character."""
    how = draw(st.integers(0, 9))
    if how <= 5:
        return compact
    if how == 6:
        at = draw(st.integers(0, len(compact)))
        sep = draw(st.sampled_from([" ", "-", ".", "\u00a0", "  ", "\t"]))
        return compact[:at] + sep + compact[at:]
    if how == 7:
        return Text(compact)
    if how == 8:
        at = draw(st.integers(0, len(compact)))
        odd = draw(st.sampled_from(["x", "٣", "０", "\x00", "+", "😀", "", "1", "1", "12"]))
        rest = compact[at + draw(st.integers(0, 1)) :]  # replace a character, or insert
        return compact[:at] + odd + rest
    return draw(st.sampled_from([None, 12015641779, b"12015641779", 1.5, ["1"], compact[:-1]]))


# --- fødselsnummer -------------------------------------------------------------------------------

W1 = (3, 7, 6, 1, 8, 9, 4, 5, 2, 1)
W2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2, 1)


def _wsum(digits: str, weights: tuple[int, ...]) -> int:
    return sum(w * int(d) for w, d in zip(weights, digits, strict=False))


# Day and month digits that cover every reading: plain, D (+40 day), H/Dolly (+40 month), SyntPop
# (+65), Tenor (+80), FH (first digit 8 or 9), and impossible or borderline dates.
_DAYS = [f"{d:02d}" for d in (1, 9, 12, 28, 29, 30, 31, 41, 52, 69, 70, 71, 0, 32, 40, 72)]
_DAYS += ["80", "83", "99"]
_MONTHS = [f"{m:02d}" for m in (1, 2, 4, 12, 13, 0, 41, 42, 52, 53, 66, 67, 77, 81, 82, 92, 93)]
_MONTHS += ["39", "40", "64", "65", "79", "80"]


@st.composite
def ssn_texts(draw: st.DrawFn) -> object:
    """Mostly eleven digits with check digits that pass (both rules), some with a digit changed."""
    first4 = draw(st.sampled_from(_DAYS)) + draw(st.sampled_from(_MONTHS))
    if draw(st.integers(0, 4)) == 0:
        first4 = draw(_digits(4))
    first9 = first4 + draw(_digits(5))
    checks = fnr.valid_check_digits(first9)
    how = draw(st.integers(0, 5))
    if checks and how >= 2:
        number = first9 + draw(st.sampled_from(checks))
    elif how == 1:  # any first check digit, with the second one right for it
        number = first9 + draw(st.sampled_from("0123456789"))
        number += str(-_wsum(number, W2) % 11)[-1]
    else:
        number = first9 + draw(_digits(2))
    if draw(st.integers(0, 5)) == 0:  # a typo somewhere
        at = draw(st.integers(0, 10))
        number = number[:at] + draw(st.sampled_from("0123456789")) + number[at + 1 :]
    return _spelled(draw, number)


def _check_ssn(value: object) -> None:
    remainder1 = fnr._plain(value)
    full = outcome(fnr._validate, value)
    if remainder1 >= 0:
        assert full == ("ok", tuple, (value, remainder1))
        assert type(value) is str and len(value) == 11
    assert outcome(fnr.validate, value) == outcome(lambda v: fnr._validate(v)[0], value)
    assert fnr.is_valid(value) == (full[0] == "ok")
    for today in TODAYS:
        fast = fnr._info_plain(value, today)
        reference = outcome(fnr._info_full, value, today=today)
        assert fast is None or reference == ("ok", fnr.SsnInfo, fast)
        assert outcome(fnr.info, value, today=today) == reference
    assert outcome(fnr.compact, value) == outcome(
        lambda v: _util.strip_separators(
            _util.require_str(v, fnr.FORMAT, "a fødselsnummer")
        ).strip(),
        value,
    )


def _check_ssn_quickly(value: str) -> None:
    remainder1 = fnr._plain(value)
    full = outcome(fnr._validate, value)
    if remainder1 >= 0:
        assert full == ("ok", tuple, (value, remainder1))
    fast = fnr._info_plain(value, TODAYS[0])
    reference = outcome(fnr._info_full, value, today=TODAYS[0])
    assert fast is None or reference == ("ok", fnr.SsnInfo, fast)
    assert (fast is None) == (remainder1 < 0)


@SETTINGS
@given(ssn_texts())
@example("12015641779")  # the API docs' number
@example("29020012345")
@example("29024012349")  # a D-number on a leap day
@example("17912099997")  # Tenor
@example("02013299997")  # the 2032 rule
@example("83012345618")  # FH
@example("١٢٠١٥٦٤١٧٧٩")
def test_ssn_fast_path_agrees_with_the_full_path(value: object) -> None:
    _check_ssn(value)


def test_ssn_fast_path_on_every_day_and_month() -> None:
    # Deterministic: every DDMM, with the first and the last passing check digits (classic and
    # 2032 rule where both exist), on a leap-year and on a common-year individual number.
    for day in range(100):
        for month in range(100):
            first9 = f"{day:02d}{month:02d}{56 if (day + month) % 2 else 0:02d}417"
            options = fnr.valid_check_digits(first9)
            for checks in {options[0], options[-1]} if options else ():
                _check_ssn(first9 + checks)
            for k1 in "0123456789":  # the second check digit right, the first one maybe not
                k2 = -_wsum(first9 + k1, W2) % 11
                if k2 < 10:
                    _check_ssn_quickly(f"{first9}{k1}{k2}")


def test_ssn_fast_path_decides_plain_valid_numbers(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*args: object, **kwargs: object) -> Any:
        raise AssertionError("the full path was called")

    expected = fnr.info("12015641779", today=TODAYS[0])
    monkeypatch.setattr(fnr, "_validate", boom)
    monkeypatch.setattr(fnr, "_info_full", boom)
    for value in ("12015641779", "52015641762", "12415641751", "17912099997", "83012345618"):
        assert fnr.validate(value) == value
        assert fnr.is_valid(value)
        fnr.info(value)
    assert fnr.info("12015641779", today=TODAYS[0]) == expected


def test_century_table_equals_the_individual_number_tables() -> None:
    for dnr in (False, True):
        for individual in range(1000):
            for yy in range(100):
                centuries = fnr._CENTURIES[dnr][individual // 50][fnr._YY_BAND[yy]]
                years = tuple(century + yy for century in centuries)
                assert years == fnr._candidate_years(individual, yy, dnr), (dnr, individual, yy)


# Reference versions of the full path's helpers as they were before they were made faster.


def _or_list(items: list[str]) -> str:
    return "".join(items) if len(items) <= 1 else ", ".join(items[:-1]) + " or " + items[-1]


def reference_raise_checksum(number: str, remainder1: int) -> None:
    if remainder1 not in (0, 1, 2, 3):
        found = number[9]
        base = _wsum(number[:9], W1)
        options = tuple(str(d) for d in range(10) if (base + d) % 11 in (0, 1, 2, 3))
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
            rule="ssn.checksum",
            context={
                "digit": 10,
                "expected": options,
                "expected_classic": classic or None,
                "found": found,
            },
        )
    found = number[10]
    expected = (-_wsum(number[:10], W2)) % 11
    if expected == 10:
        raise InvalidValue(
            f"the second check digit (digit 11) is {found}, and no digit can be right: "
            "digits 1-10 are wrong (their check digit would be 10)",
            rule="ssn.checksum",
            context={"digit": 11, "expected": None, "found": found},
        )
    raise InvalidValue(
        f"the second check digit (digit 11) is {found}, expected {expected}",
        rule="ssn.checksum",
        context={"digit": 11, "expected": str(expected), "found": found},
    )


def reference_date_parts(number: str) -> tuple[int, int, int, str | None]:
    raw_day, raw_month = int(number[0:2]), int(number[2:4])
    day_offset = 40 if raw_day >= 40 else 0
    band = 0 if raw_month < 40 else 1 if raw_month < 65 else 2 if raw_month < 80 else 3
    month_offset, synthetic, how = fnr._MONTH_OFFSETS[band]
    day, month = raw_day - day_offset, raw_month - month_offset
    if not 1 <= month <= 12:
        removed = f" (the month digits are {raw_month:02d}, {how} removed)" if how else ""
        raise InvalidValue(
            f"month {month:02d} does not exist{removed}",
            rule="ssn.date",
            context={"month": month, "month_digits": raw_month},
        )
    if not 1 <= day <= (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[month]:
        removed = (
            f" (the day digits are {raw_day:02d}, the D-number offset 40 removed)"
            if day_offset
            else ""
        )
        raise InvalidValue(
            f"day {day:02d} does not exist in month {month:02d}{removed}",
            rule="ssn.date",
            context={"day": day, "month": month, "day_digits": raw_day},
        )
    return day, month, day_offset, synthetic


@settings(max_examples=1000, deadline=None)
@given(_digits(11))
@example("12015641739")  # first check digit wrong, classic digit exists
@example("12015641778")
def test_ssn_checksum_errors_match_the_reference(number: str) -> None:
    remainder1, remainder2 = fnr._checksums(number)
    assert (remainder1, remainder2) == (_wsum(number[:10], W1) % 11, _wsum(number, W2) % 11)
    if remainder2 or remainder1 > 3:
        assert outcome(fnr._raise_checksum, number, remainder1, remainder2) == outcome(
            reference_raise_checksum, number, remainder1
        )


def test_ssn_date_parts_match_the_reference() -> None:
    for raw in range(10_000):
        number = f"{raw:04d}5641779"
        assert outcome(fnr._date_parts, number) == outcome(reference_date_parts, number), number


def test_first_non_digit_matches_the_reference() -> None:
    def reference(text: str) -> int:
        for position, char in enumerate(text, 1):
            if not ("0" <= char <= "9"):
                return position
        return 0

    for text in ("", "1", "a", "12a", "123", "١٢", "1\n", "\n1", "12345678901x", "0" * 999 + "/"):
        assert _util.first_non_digit(text) == reference(text)


# --- organisation numbers and account numbers ---------------------------------------------------


@st.composite
def orgnr_texts(draw: st.DrawFn) -> object:
    first8 = draw(_digits(8))
    number = first8 + draw(st.sampled_from("0123456789"))
    if draw(st.integers(0, 2)):
        with contextlib.suppress(ValueError):
            number = first8 + orgnr.calc_check_digit(first8)
    form = draw(st.sampled_from(["", "", "", "NO{}MVA", "0192:{}", "no {} mva", "{}MVA"]))
    return _spelled(draw, form.format(number) if form else number)


@SETTINGS
@given(orgnr_texts())
@example("984842252")
@example("984842253")
@example("9848422520")
@example("0984842252")
@example("٩٨٤٨٤٢٢٥٢")
def test_orgnr_fast_path_agrees_with_the_full_path(value: object) -> None:
    full = outcome(orgnr._validate_full, value)
    if orgnr._plain(value):
        assert full == ("ok", str, value)
    assert outcome(orgnr.validate, value) == full
    assert orgnr.is_valid(value) == (full[0] == "ok")
    expected_info = full
    if full[0] == "ok":
        number = full[2]
        expected_info = ("ok", orgnr.OrgnrInfo, orgnr.OrgnrInfo(number, number[0] in "23"))
    assert outcome(orgnr.info, value) == expected_info
    if full[0] == "invalid" and full[1] == "orgnr.checksum":  # the expected digit, as before
        number = orgnr.compact(value)  # type: ignore[arg-type]
        expected = (-_wsum(number[:8], (3, 2, 7, 6, 5, 4, 3, 2))) % 11
        assert full[3]["expected"] == (None if expected == 10 else str(expected))


@st.composite
def account_texts(draw: st.DrawFn) -> object:
    first10 = draw(_digits(10))
    number = first10 + draw(st.sampled_from("0123456789"))
    if draw(st.integers(0, 2)):
        with contextlib.suppress(ValueError):
            number = first10 + kontonr.calc_check_digit(first10)
    if draw(st.integers(0, 5)) == 0:
        number = kontonr.to_iban(number) if kontonr.is_valid(number) else "NO00" + number
    return _spelled(draw, number)


@SETTINGS
@given(account_texts())
@example("86011117947")
@example("86011117948")
@example("860111179470")
@example("NO9386011117947")
@example("815013665841")
def test_kontonr_fast_path_agrees_with_the_full_path(value: object) -> None:
    full = outcome(kontonr._validate_full, value)
    if kontonr._plain(value):
        assert full == ("ok", str, value)
    assert outcome(kontonr.validate, value) == full
    assert kontonr.is_valid(value) == (full[0] == "ok")
    if full[0] == "invalid" and full[1] == "account.checksum" and "part" not in full[3]:
        number = kontonr.compact(value)  # type: ignore[arg-type]
        expected = (-_wsum(number[:10], (5, 4, 3, 2, 7, 6, 5, 4, 3, 2))) % 11
        assert full[3]["expected"] == (None if expected == 10 else str(expected))


# --- KID ----------------------------------------------------------------------------------------


def reference_luhn(payload: str) -> str:
    total = 0
    for i, char in enumerate(reversed(payload)):
        d = int(char) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return str(-total % 10)


@st.composite
def kid_texts(draw: st.DrawFn) -> object:
    payload = draw(st.text(alphabet="0123456789", min_size=0, max_size=30))
    check = draw(st.sampled_from([*"0123456789", "-"]))
    if payload and draw(st.integers(0, 2)):
        check = kid.calc_check_digit(payload, draw(st.sampled_from(["mod10", "mod11"])))
    return _spelled(draw, payload + check)


@SETTINGS
@given(
    kid_texts(),
    st.sampled_from(["mod10", "mod10", "mod11", "either"]),
    st.sampled_from([(2, 25), (2, 25), (10, 10), (4, 30), (2, 1000)]),
)
@example("1234567897", "mod10", (2, 25))
@example("1234567890123-", "mod11", (2, 25))
def test_kid_fast_path_agrees_with_the_full_path(
    value: object, algorithm: kid.Algorithm, bounds: tuple[int, int]
) -> None:
    low, high = bounds
    full = outcome(kid._validate_full, value, algorithm, low, high)
    if kid._plain(value, low, high):  # the fast path: only the check digit is left to check
        assert full[0] != "invalid" or full[1] == "kid.checksum"
    kwargs = {"algorithm": algorithm, "min_length": low, "max_length": high}
    assert outcome(kid.validate, value, **kwargs) == full
    assert kid.is_valid(value, **kwargs) == (full[0] == "ok")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789", max_size=60))
def test_kid_mod10_matches_the_reference(payload: str) -> None:
    assert kid._mod10(payload) == reference_luhn(payload)


def test_kid_mod11_weights_are_unchanged() -> None:
    assert kid._MOD11_WEIGHTS[: _util.MAX_RAW_LENGTH] == tuple(
        2 + i % 6 for i in range(_util.MAX_RAW_LENGTH)
    )


# --- the constructor shortcut --------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, slots=True)
class Pair:
    left: object
    right: object = None


def test_slots_constructor_builds_the_same_object() -> None:
    make = _util.slots_constructor(Pair)
    assert make is not Pair
    built = make(1, [2])
    assert type(built) is Pair
    assert built == Pair(1, [2]) and repr(built) == repr(Pair(1, [2]))
    assert hash(make(1, "x")) == hash(Pair(1, "x"))
    assert pickle.loads(pickle.dumps(make(1, "x"))) == Pair(1, "x")
    assert dataclasses.replace(make(1, 2), right=3) == Pair(1, 3)
    with pytest.raises(dataclasses.FrozenInstanceError):
        built.left = 2  # type: ignore[misc]
    assert not hasattr(built, "__dict__")
    with pytest.raises(TypeError):
        make(1)  # every field, positionally


def test_slots_constructor_falls_back_to_the_class() -> None:
    @dataclasses.dataclass(frozen=True)
    class NoSlots:
        x: int

    @dataclasses.dataclass(slots=True)
    class NotFrozen:
        x: int

    @dataclasses.dataclass(frozen=True, slots=True)
    class PostInit:
        x: int

        def __post_init__(self) -> None:
            pass

    @dataclasses.dataclass(frozen=True, slots=True)
    class WithInitVar:
        x: int
        y: dataclasses.InitVar[int] = 0

    @dataclasses.dataclass(frozen=True, slots=True)
    class NotInInit:
        x: int
        y: int = dataclasses.field(default=0, init=False)

    for cls in (NoSlots, NotFrozen, PostInit, WithInitVar, NotInInit, int):
        assert _util.slots_constructor(cls) is cls


def test_the_result_types_use_the_shortcut() -> None:
    from armvalidate import emails, phones

    for make, cls in (
        (fnr._new_info, fnr.SsnInfo),
        (orgnr._new_info, orgnr.OrgnrInfo),
        (emails._new_check, emails.EmailCheck),
        (phones._new_check, phones.PhoneCheck),
    ):
        assert make is not cls
        values = tuple(range(len(dataclasses.fields(cls))))
        assert make(*values) == cls(*values)


# --- the finish_ssn shortcut (fnr._facts) ---------------------------------------------------------


def _facts_of_info(info: fnr.SsnInfo) -> tuple[Any, ...]:
    birth = info.birth_date
    return (
        info.kind,
        info.synthetic,
        info.ambiguous,
        info.day,
        info.month,
        info.two_digit_year,
        None if birth is None else birth.year,
    )


def _check_facts(value: object, today: datetime.date) -> bool:
    """``_facts`` is None or exactly what the full path's SsnInfo says; True when it decided."""
    facts = fnr._facts(value, today)  # type: ignore[arg-type]  # also fed non-str on purpose
    reference = outcome(fnr._info_full, value, today=today)
    if facts is None:
        return False
    assert reference[0] == "ok", (value, reference)
    assert facts == _facts_of_info(reference[2]), value
    assert type(value) is str and len(value) == 11 and value < "8"
    return True


@SETTINGS
@given(ssn_texts(), st.sampled_from(TODAYS))
@example("29020012345", TODAYS[0])
@example("29024012349", TODAYS[0])  # a D-number on a leap day
@example("29028412345", TODAYS[0])
@example("02013299997", TODAYS[0])  # the 2032 rule
@example("83012345618", TODAYS[0])  # FH: not decided
def test_ssn_facts_agree_with_the_full_path(value: object, today: datetime.date) -> None:
    _check_facts(value, today)


_ALL_KINDS = st.one_of(
    ssns(kinds=("fnr", "dnr"), synthetic="tenor"),
    ssns(kinds=("fnr", "dnr"), synthetic="syntpop"),
    ssns(kinds=("fnr", "dnr"), synthetic="dolly"),
    ssns(kinds=("fnr", "dnr", "hnr", "fhnr"), synthetic=None),
    ssns(synthetic=None, min_date=datetime.date(1854, 1, 1), max_date=datetime.date(2039, 12, 31)),
)


@SETTINGS
@given(_ALL_KINDS, st.sampled_from(TODAYS))
def test_ssn_facts_decide_the_projects_own_numbers(value: str, today: datetime.date) -> None:
    decided = _check_facts(value, today)
    if value[0] < "8" and not (value[:4] in ("2902", "6902") and int(value[4:6]) % 4 == 0):
        assert decided, value  # the common case takes the shortcut (29 Feb of 00 may not)


def test_ssn_facts_on_every_day_month_and_century_boundary() -> None:
    # Deterministic: every DDMM on years and individual numbers at the century tables'
    # boundaries, against three todays, including today's own date and its neighbours.
    todays = (*TODAYS, datetime.date(2024, 2, 29), datetime.date(2012, 3, 1))
    for day in range(80):
        for month in range(100):
            for yy, individual in ((0, "499"), (12, "750"), (24, "500"), (54, "749"), (58, "950")):
                first9 = f"{day:02d}{month:02d}{yy:02d}{individual}"
                for checks in fnr.valid_check_digits(first9)[:2]:
                    for today in todays:
                        _check_facts(first9 + checks, today)
    for today in todays:  # born on the very day, the day before and after
        for delta in (-1, 0, 1):
            born = today + datetime.timedelta(days=delta)
            first9 = f"{born.day:02d}{born.month + 80:02d}{born.year % 100:02d}" + (
                "499" if born.year < 2000 else "500"
            )
            for checks in fnr.valid_check_digits(first9):
                assert _check_facts(first9 + checks, today)


def test_ssn_facts_leave_odd_todays_and_types_to_the_full_path() -> None:
    class Day(datetime.date):
        pass

    assert fnr._facts("12015641779", Day(2025, 1, 1)) is None
    assert fnr._facts(Text("12015641779"), TODAYS[0]) is None
    assert fnr._facts("120156 41779", TODAYS[0]) is None
    assert fnr._facts("12015641779", TODAYS[0]) == ("fnr", None, False, 12, 1, 56, 1956)


@SETTINGS
@given(st.one_of(ssn_texts(), _ALL_KINDS), st.data())
def test_finish_ssn_finds_the_same_with_and_without_the_shortcut(
    value: object, data: st.DataObject
) -> None:
    from armvalidate.checks import ssn as ssn_checks
    from armvalidate.checks._context import Context
    from armvalidate.profile import get_profile

    profile = data.draw(st.sampled_from(["production", "test"]))
    today = data.draw(st.sampled_from(TODAYS))
    dob = data.draw(st.one_of(st.none(), st.dates(datetime.date(1850, 1, 1))))
    yob = data.draw(st.one_of(st.none(), st.integers(1850, 2040)))
    country = data.draw(st.sampled_from([None, "NO", "SE"]))
    customer: dict[str, Any] = {"ssn": value, "ssnCountry": country}
    if dob is not None:
        customer["dateOfBirth"] = dob.isoformat()
    if yob is not None:
        customer["yearOfBirth"] = yob

    def run() -> list[Any]:
        ctx = Context(get_profile(profile).tables, "create", today)
        ctx.ssn = (("customer", "ssn"), value)  # type: ignore[assignment]
        ctx.ssn_country, ctx.dob = country, dob
        ctx.yob = None if yob is None else (("customer", "yearOfBirth"), yob)
        ssn_checks.finish_ssn(ctx, ("customer",), customer)
        issues = [(p, i.to_dict(show_pii=True), i.pii, repr(i.value)) for p, i in ctx.issues]
        return [issues, ctx.changes]

    fast = run()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(fnr, "_facts", lambda value, today: None)
        slow = run()
    assert fast == slow


# --- the check-sum tables of the fast paths (fnr._valid_remainder1) -------------------------------


def _reference_remainder1(number: str) -> int:
    remainder1, remainder2 = _wsum(number[:10], W1) % 11, _wsum(number, W2) % 11
    return remainder1 if remainder1 <= 3 and remainder2 == 0 else -1


@settings(max_examples=2000, deadline=None)
@given(_digits(11))
@example("00000000000")
@example("99999999999")
@example("12015641779")
@example("02013299997")
def test_ssn_check_sum_tables_match_the_weighted_sums(number: str) -> None:
    assert fnr._valid_remainder1(number.encode("ascii")) == _reference_remainder1(number)


def test_ssn_check_sum_tables_on_every_digit_at_every_position() -> None:
    # Every digit at every position (the edge digits 0 and 9 included) over a few backgrounds,
    # and every last two digits: each table key is used and each sum is checked.
    for background in ("00000000000", "99999999999", "12015641779", "90909090909"):
        for at in range(11):
            for digit in "0123456789":
                number = background[:at] + digit + background[at + 1 :]
                assert fnr._valid_remainder1(number.encode()) == _reference_remainder1(number)
        for tail in range(100):
            number = f"{background[:9]}{tail:02d}"
            assert fnr._valid_remainder1(number.encode()) == _reference_remainder1(number)


ORGNR_WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2, 1)
KONTONR_WEIGHTS = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2, 1)


def _check_plain_sums(number: str) -> None:
    """orgnr/kontonr._plain on plain digits: exactly Σw·d ≡ 0 (mod 11), by the pair tables."""
    for module, weights in ((orgnr, ORGNR_WEIGHTS), (kontonr, KONTONR_WEIGHTS)):
        digits = number[: len(weights)]
        assert module._plain(digits) == (_wsum(digits, weights) % 11 == 0), (module, digits)
        unpack, tables = _util.pair_sums(weights)
        shares = sum(table[key] for table, key in zip(tables, unpack(digits.encode()), strict=True))
        assert shares % 11 == _wsum(digits, weights) % 11


@settings(max_examples=2000, deadline=None)
@given(_digits(11))
@example("00000000000")
@example("99999999999")
@example("98484225286")
def test_pair_sum_tables_match_the_weighted_sums(number: str) -> None:
    _check_plain_sums(number)


def test_pair_sum_tables_on_every_digit_at_every_position() -> None:
    for background in ("00000000000", "99999999999", "86011117947", "90909090909"):
        for at in range(11):
            for digit in "0123456789":
                _check_plain_sums(background[:at] + digit + background[at + 1 :])
        for tail in range(100):
            _check_plain_sums(f"{background[:7]}{tail:02d}{background[9:]}")
            _check_plain_sums(f"{background[:9]}{tail:02d}")


def test_pair_sums_needs_an_odd_number_of_weights() -> None:
    with pytest.raises(ValueError):
        _util.pair_sums((1, 2))
