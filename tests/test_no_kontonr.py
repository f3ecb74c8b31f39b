"""armvalidate.no.kontonr: vectors, IBAN input, properties and python-stdnum."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from stdnum import iban as stdnum_iban
from stdnum import luhn
from stdnum.no import kontonr as stdnum_kontonr

from armvalidate import InvalidValue
from armvalidate.no import kontonr

SETTINGS = settings(max_examples=200, deadline=None)
WEIGHTS = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def complete(first10: str) -> str | None:
    """``first10`` + its check digit, computed the way the reference states it."""
    k = 11 - sum(w * int(d) for w, d in zip(WEIGHTS, first10, strict=True)) % 11
    if k == 10:
        return None
    return first10 + str(0 if k == 11 else k)


def iban_of(bban: str) -> str:
    """An independent MOD-97 (ISO 13616): move 'NO00' to the end, letters to numbers."""
    rearranged = bban + "2324" + "00"
    return f"NO{98 - int(rearranged) % 97:02d}{bban}"


def rule_of(value: object) -> str | None:
    try:
        kontonr.validate(value)
    except InvalidValue as err:
        return err.rule
    return None


@pytest.mark.parametrize(
    "value",
    [
        "86011117947",  # python-stdnum's doctest, the IBAN registry's example
        "8601 11 17947",
        "8601.11.17947",
        "NO9386011117947",  # the IBAN registry's Norwegian example
        "NO93 8601 1117 947",
        "no93 8601 1117 947",
    ],
)
def test_valid(value: str) -> None:
    assert kontonr.validate(value) == "86011117947"


def test_postgiro_with_bank_code_is_an_ordinary_eleven_digit_number() -> None:
    # python-stdnum's "0000.4090403" happens to pass the MOD11 check as well
    assert kontonr.validate("0000.4090403") == "00004090403"


@pytest.mark.parametrize(
    ("value", "rule"),
    [
        ("815013665841", "account.format"),  # the ARM API docs' example: 12 digits
        ("8601 11 17949", "account.checksum"),
        ("86011117948", "account.checksum"),
        ("NO9486011117947", "account.checksum"),  # IBAN check digits wrong
        ("NO9386011117948", "account.checksum"),  # account check digit wrong
        ("NO938601111794", "account.format"),
        ("SE9386011117947", "account.format"),  # not a Norwegian IBAN
        ("8601111794X", "account.format"),
        ("", "account.format"),
        ("٨٦٠١١١١٧٩٤٧", "account.format"),
    ],
)
def test_invalid(value: str, rule: str) -> None:
    assert rule_of(value) == rule


def test_error_contexts() -> None:
    with pytest.raises(InvalidValue) as excinfo:
        kontonr.validate("86011117948")
    assert excinfo.value.context == {"expected": "7", "found": "8"}
    with pytest.raises(InvalidValue) as excinfo:
        kontonr.validate("NO94 8601 1117 947")
    assert excinfo.value.context == {"expected": "93", "found": "94", "part": "iban"}
    assert "86011117947" not in str(excinfo.value)


def test_forms() -> None:
    assert kontonr.format("86011117947") == "8601.11.17947"
    assert kontonr.to_iban("8601.11.17947") == "NO9386011117947"
    assert kontonr.is_iban("NO93 8601 1117 947")
    assert not kontonr.is_iban("86011117947")
    assert not kontonr.is_iban(b"NO9386011117947")
    assert kontonr.calc_check_digit("8601111794") == "7"
    with pytest.raises(InvalidValue):
        kontonr.to_iban("86011117948")


def test_check_digit_ten_is_never_issued() -> None:
    first10 = next(f"{n:010d}" for n in range(10**9, 10**9 + 100) if complete(f"{n:010d}") is None)
    with pytest.raises(ValueError, match="check digit 10"):
        kontonr.calc_check_digit(first10)
    for digit in "0123456789":
        assert rule_of(first10 + digit) == "account.checksum"


@st.composite
def valid_numbers(draw: st.DrawFn) -> str:
    n = complete(draw(st.text("0123456789", min_size=10, max_size=10)))
    assume(n is not None)
    assert n is not None
    return n


@SETTINGS
@given(valid_numbers())
def test_round_trips(n: str) -> None:
    assert kontonr.validate(n) == n
    assert kontonr.validate(kontonr.format(n)) == n
    assert kontonr.to_iban(n) == iban_of(n)
    assert kontonr.validate(kontonr.to_iban(n)) == n
    assert kontonr.compact(kontonr.to_iban(n)) == n
    assert kontonr.calc_check_digit(n[:10]) == n[10]


@SETTINGS
@given(valid_numbers())
def test_every_substitution_and_transposition_is_rejected(n: str) -> None:
    # The weights (5 4 3 2 7 6 5 4 3 2, and 1 on the check digit) are never divisible by 11
    # and neighbours differ by 1 or 5: every changed digit and every swap of two different
    # neighbours breaks the sum. Equal neighbours swap into the same number.
    for position in range(11):
        for digit in "0123456789":
            if digit != n[position]:
                assert rule_of(n[:position] + digit + n[position + 1 :]) == "account.checksum"
    for position in range(10):
        a, b = n[position], n[position + 1]
        mutated = n[:position] + b + a + n[position + 2 :]
        assert mutated == n if a == b else rule_of(mutated) == "account.checksum"


@SETTINGS
@given(valid_numbers(), st.integers(2, 14), st.sampled_from("0123456789"))
def test_iban_typos_are_rejected(n: str, position: int, digit: str) -> None:
    iban = kontonr.to_iban(n)
    assume(iban[position] != digit)
    assert rule_of(iban[:position] + digit + iban[position + 1 :]) == "account.checksum"


def stdnum_difference(text: str) -> str:
    """Name the documented reason why python-stdnum 2.2 and armvalidate disagree on ``text``."""
    compacted = kontonr.compact(text)
    if kontonr.is_iban(text):
        assert kontonr.is_valid(text) and stdnum_iban.is_valid(text)
        return "iban"
    # stdnum also takes 7-digit postgiro numbers (Luhn), with or without a "0000" bank code
    stdnum_form = compacted[4:] if compacted.startswith("0000") else compacted
    if len(stdnum_form) == 7:
        assert luhn.is_valid(stdnum_form) != kontonr.is_valid(text)
        return "postgiro"
    raise AssertionError("undocumented difference")


@SETTINGS
@given(
    st.text("0123456789 .", max_size=16)
    | valid_numbers()
    | valid_numbers().map(kontonr.format)
    | st.text("0123456789", min_size=7, max_size=7).map(lambda s: "0000" + s)
)
def test_differential_stdnum(text: str) -> None:
    if kontonr.is_valid(text) != stdnum_kontonr.is_valid(text):
        stdnum_difference(text)


@pytest.mark.parametrize(
    ("text", "difference"),
    [
        ("NO9386011117947", "iban"),
        # a Luhn-valid postgiro number behind "0000" that fails the MOD11 check
        ("0000.4090429", "postgiro"),
        ("4090403", "postgiro"),  # python-stdnum's example, without the bank code
    ],
)
def test_each_difference_class_occurs(text: str, difference: str) -> None:
    assert kontonr.is_valid(text) != stdnum_kontonr.is_valid(text)
    assert stdnum_difference(text) == difference
