"""armvalidate.no.orgnr: vectors, forms, properties and python-stdnum."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from stdnum.no import mva as stdnum_mva
from stdnum.no import orgnr as stdnum_orgnr

from armvalidate import InvalidValue
from armvalidate.no import orgnr

SETTINGS = settings(max_examples=200, deadline=None)
WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2, 1)


def checksum(number: str) -> int:
    return sum(w * int(d) for w, d in zip(WEIGHTS, number, strict=True)) % 11


def complete(first8: str) -> str | None:
    """``first8`` + the check digit that makes it valid, found by trying all ten."""
    found = [first8 + d for d in "0123456789" if checksum(first8 + d) == 0]
    assert len(found) <= 1
    return found[0] if found else None


def rule_of(value: object) -> str | None:
    try:
        orgnr.validate(value)
    except InvalidValue as err:
        return err.rule
    return None


@pytest.mark.parametrize(
    "value",
    [
        "984842252",  # the ARM API docs' organizationNo
        "988 077 917",  # python-stdnum's doctest
        "995525828",  # python-stdnum's MVA doctest
        "974760673",  # Brønnøysundregistrene
        "NO 995 525 828 MVA",
        "no995525828mva",
        "0192:984842252",
        "984.842.252",
        "984-842-252",
    ],
)
def test_valid(value: str) -> None:
    assert orgnr.is_valid(value)
    assert len(orgnr.validate(value)) == 9


@pytest.mark.parametrize(
    ("value", "rule"),
    [
        ("988 077 918", "orgnr.checksum"),
        ("984842253", "orgnr.checksum"),
        ("98484225", "orgnr.format"),
        ("9848422520", "orgnr.format"),
        ("98484225A", "orgnr.format"),
        ("", "orgnr.format"),
        ("٩٨٤٨٤٢٢٥٢", "orgnr.format"),
        ("0192:98484225", "orgnr.format"),
    ],
)
def test_invalid(value: str, rule: str) -> None:
    assert rule_of(value) == rule


def test_checksum_error_context() -> None:
    with pytest.raises(InvalidValue) as excinfo:
        orgnr.validate("984842253")
    assert excinfo.value.context == {"expected": "2", "found": "3"}
    # digits 1-8 whose check digit would be 10: no digit can be right
    first8 = next(f"{n:08d}" for n in range(10_000_000, 10_000_100) if complete(f"{n:08d}") is None)
    with pytest.raises(InvalidValue) as excinfo:
        orgnr.validate(first8 + "0")
    assert excinfo.value.context["expected"] is None
    with pytest.raises(ValueError, match="check digit 10"):
        orgnr.calc_check_digit(first8)


def test_forms() -> None:
    assert orgnr.format("984842252") == "984 842 252"
    assert orgnr.to_mva("984 842 252") == "NO984842252MVA"
    assert orgnr.to_peppol("984842252") == "0192:984842252"
    assert stdnum_mva.is_valid(orgnr.to_mva("984842252"))
    with pytest.raises(InvalidValue):
        orgnr.to_mva("984842253")
    with pytest.raises(InvalidValue):
        orgnr.to_peppol("98484225")


def test_synthetic_test_norge_organisations() -> None:
    for first in "23":
        n = next(c for c in (complete(first + f"{k:07d}") for k in range(100)) if c)
        assert orgnr.info(n).synthetic
        assert orgnr.is_valid(n)
    assert not orgnr.info("984842252").synthetic
    # a leading 2 or 3 does not excuse a wrong check digit
    bad = "31000010" + str((int(orgnr.calc_check_digit("31000010")) + 1) % 10)
    assert rule_of(bad) == "orgnr.checksum"


@st.composite
def valid_numbers(draw: st.DrawFn) -> str:
    n = complete(draw(st.text("0123456789", min_size=8, max_size=8)))
    assume(n is not None)
    assert n is not None
    return n


@SETTINGS
@given(valid_numbers())
def test_round_trips(n: str) -> None:
    assert orgnr.validate(n) == n
    assert orgnr.validate(orgnr.format(n)) == n
    assert orgnr.validate(orgnr.to_mva(n)) == n
    assert orgnr.validate(orgnr.to_peppol(n)) == n
    assert orgnr.calc_check_digit(n[:8]) == n[8]
    assert orgnr.info(n).synthetic == (n[0] in "23")


@SETTINGS
@given(valid_numbers())
def test_every_substitution_and_transposition_is_rejected(n: str) -> None:
    # No weight is divisible by 11 and neighbouring weights differ by 1 or 5: every changed
    # digit and every swap of two different neighbours breaks the sum. Equal neighbours swap
    # into the same number.
    for position in range(9):
        for digit in "0123456789":
            if digit != n[position]:
                assert rule_of(n[:position] + digit + n[position + 1 :]) == "orgnr.checksum"
    for position in range(8):
        a, b = n[position], n[position + 1]
        mutated = n[:position] + b + a + n[position + 2 :]
        assert mutated == n if a == b else rule_of(mutated) == "orgnr.checksum"


@SETTINGS
@given(st.text("0123456789 ", max_size=12) | valid_numbers() | valid_numbers().map(orgnr.format))
def test_differential_stdnum_agrees_on_plain_numbers(text: str) -> None:
    assert orgnr.is_valid(text) == stdnum_orgnr.is_valid(text)


@SETTINGS
@given(valid_numbers())
def test_differential_vat_and_peppol_forms(n: str) -> None:
    # The one documented difference: stdnum.no.orgnr takes no VAT or Peppol form (its
    # stdnum.no.mva takes the VAT form); armvalidate takes both.
    for form in (orgnr.to_mva(n), "NO " + orgnr.format(n) + " MVA", orgnr.to_peppol(n)):
        assert orgnr.is_valid(form) and not stdnum_orgnr.is_valid(form)
    assert stdnum_mva.is_valid(orgnr.to_mva(n))
