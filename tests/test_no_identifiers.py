"""Every identifier module: the same small interface, the same properties, and python-stdnum as
the oracle where it has the identifier.

Valid numbers are made by the library (``stdnum.no.*``, ``stdnum.luhn``), never by our own code,
so a wrong checksum here cannot hide behind a wrong generator.
"""

from __future__ import annotations

import datetime
import inspect
import sys
from collections.abc import Callable
from types import ModuleType
from typing import Any

import pytest
import stdnum.luhn
import stdnum.no.fodselsnummer
import stdnum.no.kontonr
import stdnum.no.orgnr
from hypothesis import given, settings
from hypothesis import strategies as st

import armvalidate.no
from armvalidate import InvalidValue
from armvalidate.no import fodselsnummer, kid, kontonr, orgnr

MODULES = [fodselsnummer, orgnr, kontonr, kid]
IDS = [m.__name__.rpartition(".")[2] for m in MODULES]
SETTINGS = settings(max_examples=400, deadline=None)


@st.composite
def _stdnum_fnr(draw: st.DrawFn) -> str:
    """A fødselsnummer python-stdnum accepts (a date in the past, classic check digits)."""
    date = draw(st.dates(datetime.date(1900, 1, 1), datetime.date(2020, 12, 31)))
    individual = draw(st.integers(0, 499) if date.year < 2000 else st.integers(500, 999))
    first9 = f"{date:%d%m}{date.year % 100:02d}{individual:03d}"
    k1 = stdnum.no.fodselsnummer.calc_check_digit1(first9)
    k2 = stdnum.no.fodselsnummer.calc_check_digit2(first9 + k1)
    number = first9 + k1 + k2
    if not stdnum.no.fodselsnummer.is_valid(number):
        return "12015641779"  # a check digit of 10: stdnum's own example instead
    return number


def _with_check_digit(calc: Callable[[str], str], size: int) -> st.SearchStrategy[str]:
    return st.text("0123456789", min_size=size, max_size=size).map(lambda base: base + calc(base))


def _orgnr_check(base: str) -> str:
    return str(-stdnum.no.orgnr.checksum(base + "0") % 11)


def _kontonr_check(base: str) -> str:
    return str(stdnum.no.kontonr._calc_check_digit(base))  # "10" when none exists: filtered


VALID: dict[ModuleType, st.SearchStrategy[str]] = {
    fodselsnummer: _stdnum_fnr(),
    orgnr: _with_check_digit(_orgnr_check, 8).filter(stdnum.no.orgnr.is_valid),
    kontonr: _with_check_digit(_kontonr_check, 10).filter(stdnum.no.kontonr.is_valid),
    kid: st.text("0123456789", min_size=1, max_size=24).map(
        lambda base: base + stdnum.luhn.calc_check_digit(base)
    ),
}
ORACLE: dict[ModuleType, Callable[[str], bool]] = {
    fodselsnummer: stdnum.no.fodselsnummer.is_valid,
    orgnr: stdnum.no.orgnr.is_valid,
    kontonr: stdnum.no.kontonr.is_valid,
    kid: stdnum.luhn.is_valid,
}


# --- the interface -----------------------------------------------------------------------------


@pytest.mark.parametrize("module", MODULES, ids=IDS)
def test_the_interface(module: ModuleType) -> None:
    for name in ("compact", "validate", "is_valid", "format", "RULES", "FORMAT", "CHECKSUM"):
        assert name in module.__all__ and hasattr(module, name), name
    assert module.FORMAT in module.RULES and module.CHECKSUM in module.RULES
    assert set(module.RULES) <= set(armvalidate.no.RULES)
    assert module.__doc__ and ">>>" in module.__doc__  # its doctests are its documentation
    for name in module.__all__:
        value = getattr(module, name)
        if inspect.isfunction(value):
            assert value.__doc__, name


@pytest.mark.parametrize("module", MODULES, ids=IDS)
def test_each_rule_example_breaks_its_rule(module: ModuleType) -> None:
    for rule in module.RULES:
        with pytest.raises(InvalidValue) as excinfo:
            module.validate(rule.example)
        assert excinfo.value.rule == rule.id


# --- properties, across modules --------------------------------------------------------------


@SETTINGS
@given(st.data())
@pytest.mark.parametrize("module", MODULES, ids=IDS)
def test_valid_numbers_round_trip(module: ModuleType, data: st.DataObject) -> None:
    number = data.draw(VALID[module])
    assert module.is_valid(number)
    assert module.validate(number) == number
    assert module.compact(number) == number
    shown = module.format(number)
    assert module.validate(shown) == number  # the display form is accepted back
    assert module.compact(module.compact(shown)) == module.compact(shown)


@SETTINGS
@given(st.data())
@pytest.mark.parametrize("module", MODULES, ids=IDS)
def test_every_single_digit_typo_is_caught(module: ModuleType, data: st.DataObject) -> None:
    number = data.draw(VALID[module])
    position = data.draw(st.integers(0, len(number) - 1))
    for digit in "0123456789":
        if digit != number[position]:
            typo = number[:position] + digit + number[position + 1 :]
            if module is fodselsnummer:
                # the second sum catches every typo (a 2032-rule first digit may pass the first)
                with pytest.raises(InvalidValue):
                    module.validate(typo)
            else:
                assert not module.is_valid(typo)


_ANYTHING = st.one_of(
    st.text(max_size=40),
    st.text("0123456789 -.", max_size=30),
    st.integers(),
    st.none(),
    st.binary(max_size=12),
    st.lists(st.integers(), max_size=3),
)


@SETTINGS
@given(_ANYTHING)
@pytest.mark.parametrize("module", MODULES, ids=IDS)
def test_anything_is_valid_or_an_invalid_value_of_its_rules(module: ModuleType, value: Any) -> None:
    ids = {rule.id for rule in module.RULES}
    try:
        number = module.validate(value)
    except InvalidValue as err:
        assert err.rule in ids
        assert not module.is_valid(value)
    else:
        assert module.is_valid(value) and module.validate(number) == number


# --- differential: python-stdnum ------------------------------------------------------------------


@SETTINGS
@given(st.data())
@pytest.mark.parametrize("module", MODULES, ids=IDS)
def test_what_stdnum_accepts_is_accepted(module: ModuleType, data: st.DataObject) -> None:
    number = data.draw(VALID[module])
    assert ORACLE[module](number)
    assert module.is_valid(number)


@SETTINGS
@given(st.text("0123456789", min_size=9, max_size=11))
def test_plain_digits_agree_with_stdnum_where_the_rules_are_the_same(digits: str) -> None:
    if len(digits) == 9:
        assert orgnr.is_valid(digits) == stdnum.no.orgnr.is_valid(digits)
    if len(digits) == 11:
        assert kontonr.is_valid(digits) == stdnum.no.kontonr.is_valid(digits)
        # (stdnum's fødselsnummer is stricter: see test_no_fodselsnummer's documented classes)
        if stdnum.no.fodselsnummer.is_valid(digits):
            assert fodselsnummer.is_valid(digits)
    assert kid.is_valid(digits) == stdnum.luhn.is_valid(digits)


@SETTINGS
@given(st.text("0123456789", min_size=10, max_size=10), st.sampled_from("0123456789"))
def test_kid_mod11_is_the_kontonr_checksum_on_eleven_digits(base: str, check: str) -> None:
    # A kontonummer's check digit is MOD11 with weights 2-7 from the right: for eleven digits
    # the KID MOD11 rule and stdnum's kontonr agree (a KID writes a check of 10 as '-').
    assert kid.is_valid(base + check, algorithm="mod11") == stdnum.no.kontonr.is_valid(base + check)


# --- the import wall ------------------------------------------------------------------------------


@pytest.mark.parametrize("module", ["armvalidate.no", *(m.__name__ for m in MODULES)])
def test_an_identifier_module_imports_nothing_of_the_pipeline(module: str) -> None:
    import subprocess

    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", f"import {module}"],
        capture_output=True,
        text=True,
        check=True,
    )
    loaded = {
        line.rpartition("|")[2].strip()
        for line in result.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }
    ours = {name for name in loaded if name.split(".")[0] == "armvalidate"}
    expected = {"armvalidate", "armvalidate._lazy", "armvalidate.no", "armvalidate.no._util"}
    expected |= {m.__name__ for m in MODULES}
    assert ours == expected
    heavy = {"pydantic", "phonenumbers", "email_validator", "hypothesis", "faker", "pycountry"}
    assert not {name.split(".")[0] for name in loaded} & heavy
