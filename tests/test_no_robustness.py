"""Junk in, no crash out: every identifier module, every public function that takes a value.

``is_valid`` returns False and never raises; ``validate``/``info``/``compact``/``format`` raise
nothing but :class:`~armvalidate.InvalidValue`, and ``compact`` never raises for a str.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from armvalidate import InvalidValue
from armvalidate.no import fodselsnummer, kid, kontonr, orgnr

TEN_MB = "1" * (10 * 1024 * 1024)

JUNK: list[object] = [
    None,
    True,
    0,
    12015641779,
    984842252,
    1.5,
    float("nan"),
    b"12015641779",
    bytearray(b"984842252"),
    memoryview(b"86011117947"),
    ["1", "2"],
    ("1",),
    {"ssn": "12015641779"},
    {1, 2},
    object(),
    "",
    " ",
    "\t\n",
    "-",
    "-" * 11,
    ".",
    "١٢٣",
    "١٢٠١٥٦٤١٧٧٩",  # Arabic-Indic digits: 12015641779
    "٩٨٤٨٤٢٢٥٢",
    "١٢٣٤٥٦٧٨٩٧",
    "１２０１５６４１７７９",  # fullwidth
    "¹²⁰¹⁵⁶⁴¹⁷⁷⁹",  # superscripts: str.isdigit() says True
    "\x00",
    "\x00" * 11,
    "\ud800",
    "\ud800" * 11,
    "1201564177\ud800",
    "NO",
    "NO MVA",
    "0192:",
    "NO93",
    "NO\ud800" * 5,
    "ß" * 9,
    TEN_MB,
    " " * 1000 + "12015641779",
    "1" * 1001,
]

VALIDATORS: dict[str, Callable[[object], object]] = {
    "fodselsnummer.validate": fodselsnummer.validate,
    "fodselsnummer.info": fodselsnummer.info,
    "orgnr.validate": orgnr.validate,
    "orgnr.info": orgnr.info,
    "orgnr.to_mva": orgnr.to_mva,
    "orgnr.to_peppol": orgnr.to_peppol,
    "kontonr.validate": kontonr.validate,
    "kontonr.to_iban": kontonr.to_iban,
    "kid.validate(mod10)": kid.validate,
    "kid.validate(mod11)": lambda v: kid.validate(v, algorithm="mod11"),
    "kid.validate(either)": lambda v: kid.validate(v, algorithm="either"),
}
IS_VALID: dict[str, Callable[[object], bool]] = {
    "fodselsnummer": fodselsnummer.is_valid,
    "orgnr": orgnr.is_valid,
    "kontonr": kontonr.is_valid,
    "kontonr.is_iban": kontonr.is_iban,
    "kid(mod10)": kid.is_valid,
    "kid(mod11)": lambda v: kid.is_valid(v, algorithm="mod11"),
    "kid(either)": lambda v: kid.is_valid(v, algorithm="either"),
}
TEXT_FUNCTIONS: dict[str, Callable[[Any], str]] = {
    "fodselsnummer.compact": fodselsnummer.compact,
    "fodselsnummer.format": fodselsnummer.format,
    "orgnr.compact": orgnr.compact,
    "orgnr.format": orgnr.format,
    "kontonr.compact": kontonr.compact,
    "kontonr.format": kontonr.format,
    "kid.compact": kid.compact,
    "kid.format": kid.format,
}


# Deterministic ids (no reprs with memory addresses), so pytest-xdist workers agree.
JUNK_IDS = [f"{index}-{type(value).__name__}" for index, value in enumerate(JUNK)]


@pytest.mark.parametrize("value", JUNK, ids=JUNK_IDS)
@pytest.mark.parametrize("name", IS_VALID)
def test_is_valid_says_false_and_never_raises(name: str, value: object) -> None:
    assert IS_VALID[name](value) is False


@pytest.mark.parametrize("value", JUNK, ids=JUNK_IDS)
@pytest.mark.parametrize("name", VALIDATORS)
def test_validate_raises_only_invalid_value(name: str, value: object) -> None:
    with pytest.raises(InvalidValue) as excinfo:
        VALIDATORS[name](value)
    assert excinfo.value.rule.endswith(".format")
    if isinstance(value, str) and len(value) > 3:
        assert value not in str(excinfo.value)


@pytest.mark.parametrize("value", JUNK, ids=JUNK_IDS)
@pytest.mark.parametrize("name", TEXT_FUNCTIONS)
def test_compact_and_format_take_any_str_and_refuse_the_rest(name: str, value: object) -> None:
    if isinstance(value, str):
        assert isinstance(TEXT_FUNCTIONS[name](value), str)
    else:
        with pytest.raises(InvalidValue) as excinfo:
            TEXT_FUNCTIONS[name](value)
        assert excinfo.value.rule.endswith(".format")


ANYTHING = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.binary(max_size=20),
    st.text(st.characters(exclude_categories=()), max_size=40),
    st.text("0123456789 -.NOMVA:٠١٢٣٤٥٦٧٨٩", max_size=20),
    st.lists(st.text(max_size=3), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)


@settings(max_examples=300, deadline=None)
@given(ANYTHING)
def test_fuzz_never_raises_anything_but_invalid_value(value: object) -> None:
    for check in IS_VALID.values():
        assert isinstance(check(value), bool)
    for validate in VALIDATORS.values():
        with contextlib.suppress(InvalidValue):
            validate(value)
    for function in TEXT_FUNCTIONS.values():
        try:
            assert isinstance(function(value), str)
        except InvalidValue:
            assert not isinstance(value, str)
