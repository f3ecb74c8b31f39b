"""armvalidate.no.kid: MOD10, MOD11 (with '-'), "either", bounds, properties, python-stdnum."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum import luhn

from armvalidate import InvalidValue
from armvalidate.no import kid

SETTINGS = settings(max_examples=200, deadline=None)


def mod11(payload: str) -> str:
    """MOD11 as the reference states it: weights 2..7 from the right, 11 -> 0, 10 -> '-'."""
    weights = itertools.cycle(range(2, 8))
    total = sum(int(d) * w for d, w in zip(reversed(payload), weights, strict=False))
    k = 11 - total % 11
    return "0" if k == 11 else "-" if k == 10 else str(k)


def rule_of(value: object, **kwargs: object) -> str | None:
    try:
        kid.validate(value, **kwargs)  # type: ignore[arg-type]
    except InvalidValue as err:
        return err.rule
    return None


def test_mod10() -> None:
    assert kid.validate("1234567897") == "1234567897"
    assert kid.validate("12345 67897") == "1234567897"
    assert kid.calc_check_digit("123456789") == "7" == luhn.calc_check_digit("123456789")
    assert rule_of("1234567898") == "kid.checksum"


def test_mod11_with_hyphen() -> None:
    assert mod11("1234567890123") == "-"
    assert kid.validate("1234567890123-", algorithm="mod11") == "1234567890123-"
    assert kid.calc_check_digit("1234567890123", "mod11") == "-"
    # a hyphen is no MOD10 check character, and nowhere but at the end
    assert rule_of("1234567890123-") == "kid.format"
    assert rule_of("1234567890123-", algorithm="either") is None
    assert rule_of("12-4", algorithm="mod11") == "kid.format"
    assert rule_of("-", algorithm="mod11", min_length=2) == "kid.format"


def test_mod11_check_zero() -> None:
    payload = next(p for p in (f"{n}" for n in range(100, 1000)) if mod11(p) == "0")
    assert kid.validate(payload + "0", algorithm="mod11") == payload + "0"


def test_either() -> None:
    # "12343": MOD10 wants 4, MOD11 wants 3
    assert (kid.calc_check_digit("1234"), kid.calc_check_digit("1234", "mod11")) == ("4", "3")
    assert kid.is_valid("12343", algorithm="either")
    assert kid.is_valid("12344", algorithm="either")
    with pytest.raises(InvalidValue) as excinfo:
        kid.validate("12345", algorithm="either")
    assert excinfo.value.context == {"algorithm": "either", "expected": ("4", "3"), "found": "5"}


def test_checksum_error_context() -> None:
    with pytest.raises(InvalidValue) as excinfo:
        kid.validate("1234567898")
    assert excinfo.value.rule == "kid.checksum"
    assert excinfo.value.context == {"algorithm": "mod10", "expected": "7", "found": "8"}
    assert "expected 7 (MOD10)" in str(excinfo.value)


@pytest.mark.parametrize(
    ("value", "kwargs", "message"),
    [
        ("1", {}, "a KID must be 2 to 25 characters long, found 1"),
        ("1" * 26, {}, "a KID must be 2 to 25 characters long, found 26"),
        ("1234567897", {"max_length": 8}, "a KID must be 2 to 8 characters long, found 10"),
        ("18", {"min_length": 3}, "a KID must be 3 to 25 characters long, found 2"),
        ("18", {"min_length": 7, "max_length": 7}, "a KID must be 7 characters long, found 2"),
        ("", {}, "a KID must be 2 to 25 characters long, found 0"),
        ("12A4", {}, "a KID must be digits 0-9 (a MOD11 KID may end in '-'); character 3 is not"),
    ],
)
def test_format_errors(value: str, kwargs: dict[str, int], message: str) -> None:
    with pytest.raises(InvalidValue) as excinfo:
        kid.validate(value, **kwargs)  # type: ignore[arg-type]
    assert excinfo.value.rule == "kid.format"
    assert str(excinfo.value) == message


def test_bounds_are_inclusive() -> None:
    assert kid.is_valid("18")  # Luhn: 1 -> 8
    assert kid.is_valid("0" * 25)
    assert kid.is_valid("0" * 7, min_length=7, max_length=7)


def test_programming_errors_raise_value_error_not_invalid_value() -> None:
    for call in (
        lambda: kid.validate("18", algorithm="luhn"),  # type: ignore[arg-type]
        lambda: kid.is_valid("18", algorithm="MOD10"),  # type: ignore[arg-type]
        lambda: kid.is_valid("18", min_length=5, max_length=4),
        lambda: kid.is_valid("18", min_length=1),
        lambda: kid.calc_check_digit("123", "either"),
        lambda: kid.calc_check_digit("12a"),
    ):
        with pytest.raises(ValueError) as excinfo:
            call()
        assert not isinstance(excinfo.value, InvalidValue)


def test_either_is_weaker_about_one_typo_in_ten() -> None:
    """The docstring's claim, counted over every single-digit typo of 1000 MOD10 KIDs."""
    accepted = total = 0
    for n in range(100_000, 101_000):
        good = f"{n}{kid.calc_check_digit(str(n))}"
        for position, digit in itertools.product(range(len(good)), "0123456789"):
            if good[position] != digit:
                typo = good[:position] + digit + good[position + 1 :]
                total += 1
                assert not kid.is_valid(typo)  # told the algorithm: every typo caught
                accepted += kid.is_valid(typo, algorithm="either")
    assert 0.07 < accepted / total < 0.12


@st.composite
def kids(draw: st.DrawFn, algorithm: str) -> str:
    payload = draw(st.text("0123456789", min_size=1, max_size=24))
    return payload + kid.calc_check_digit(payload, algorithm)  # type: ignore[arg-type]


@SETTINGS
@given(kids("mod10"))
def test_mod10_agrees_with_stdnum_luhn(value: str) -> None:
    assert luhn.is_valid(value) and kid.is_valid(value)
    assert kid.validate(kid.format(value)) == value


@SETTINGS
@given(kids("mod11"))
def test_mod11_agrees_with_the_reference(value: str) -> None:
    assert value[-1] == mod11(value[:-1])
    assert kid.validate(value, algorithm="mod11") == value


@SETTINGS
@given(st.text("0123456789", max_size=30))
def test_differential_stdnum_luhn(value: str) -> None:
    # stdnum.luhn knows no length bounds: that is the one difference
    if 2 <= len(value) <= 25:
        assert kid.is_valid(value) == luhn.is_valid(value)
        assert kid.is_valid(value, algorithm="mod11") == (value[-1] == mod11(value[:-1]))
    else:
        assert not kid.is_valid(value)


def mutations(value: str) -> list[tuple[str, str]]:
    """Every single-digit substitution and adjacent transposition, labelled."""
    out = []
    for position in range(len(value)):
        for digit in "0123456789":
            if digit != value[position]:
                out.append((value[:position] + digit + value[position + 1 :], "substitution"))
    for position in range(len(value) - 1):
        a, b = value[position], value[position + 1]
        out.append((value[:position] + b + a + value[position + 2 :], f"swap {a}{b}"))
    return out


@SETTINGS
@given(kids("mod10"))
def test_mod10_catches_every_typo_but_09_swaps(value: str) -> None:
    # Luhn catches every single-digit substitution and every adjacent transposition except
    # 0<->9 (a doubled 9 and a doubled 0 contribute 9 and 0, just as undoubled), and, trivially,
    # swaps of equal digits.
    for mutated, label in mutations(value):
        if mutated == value:
            assert label[-2] == label[-1]
        elif label in ("swap 09", "swap 90"):
            assert kid.is_valid(mutated)
        else:
            assert rule_of(mutated) == "kid.checksum", label


@SETTINGS
@given(kids("mod11"))
def test_mod11_catches_every_typo(value: str) -> None:
    for mutated, label in mutations(value):
        if mutated == value:
            assert label[-2] == label[-1]
        elif "-" in mutated[:-1]:  # the '-' check character swapped into the payload
            assert rule_of(mutated, algorithm="mod11") == "kid.format"
        else:
            assert rule_of(mutated, algorithm="mod11") == "kid.checksum", label


@SETTINGS
@given(kids("mod10"))
def test_either_lets_through_exactly_the_typos_valid_under_mod11(value: str) -> None:
    for mutated, _ in mutations(value):
        expected = kid.is_valid(mutated) or mutated[-1] == mod11(mutated[:-1])
        assert kid.is_valid(mutated, algorithm="either") == expected
