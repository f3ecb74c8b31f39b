"""Fuzzing the identifier modules: any value into every function, only InvalidValue out.

For every module of ``armvalidate.no`` and any value (text made of the characters numbers are
made of, any Unicode, lone surrogates, huge strings, ints, floats, bytes, None, containers):
``is_valid`` returns a bool and never raises; ``validate`` and ``info`` return or raise
``InvalidValue`` with one of the module's rule ids, and nothing else; ``compact`` and ``format``
take any str. They agree: ``is_valid`` is True exactly when ``validate`` returns; ``validate``
is idempotent; ``format`` and the other forms (IBAN, MVA, Peppol) validate back to the number;
one wrong digit is always caught.
No message repeats a run of eleven digits from the input.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import armvalidate
from armvalidate import InvalidValue
from armvalidate.no import fodselsnummer, kid, kontonr, orgnr

MODULES = [fodselsnummer, orgnr, kontonr, kid]
PREFIX = {fodselsnummer: "ssn.", orgnr: "orgnr.", kontonr: "account.", kid: "kid."}
RULE_IDS = frozenset(rule.id for rule in armvalidate.rules())
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

NUMBER_TEXT = st.text(alphabet="0123456789 -.\t\u00a0\u202fNOMVA:", max_size=30)
VALUES = (
    NUMBER_TEXT
    | st.text(max_size=40)
    | st.text(alphabet=st.characters(categories=["Nd", "Zs", "Cs", "Cc"]), max_size=20)
    | st.integers()
    | st.floats(allow_nan=True)
    | st.binary(max_size=15)
    | st.none()
    | st.booleans()
    | st.lists(st.text(max_size=11), max_size=2)
    | st.sampled_from(
        ["12015641779", "120156 41779", "17912099997", "984842252", "NO984842252MVA",
         "0192:984842252", "86011117947", "NO93 8601 1117 947", "1234567897", "1234567890123-",
         "x" * 2000, "1" * 2000, "١٢٠١٥٦٤١٧٧٩", "\ud800" * 11, "0" * 11]
    )
)  # fmt: skip


@st.composite
def valid_numbers(draw: st.DrawFn, module: Any) -> str:
    """A valid number of ``module``, written with separators."""
    from armvalidate.strategies import account_numbers, kids, org_numbers, ssns

    strategy = {
        fodselsnummer: ssns(),
        orgnr: org_numbers(),
        kontonr: account_numbers(),
        kid: kids(),
    }[module]
    number: str = draw(strategy)
    if module is kid:
        return number
    sep = draw(st.sampled_from(["", " ", ".", "-", "\u00a0"]))
    cut = draw(st.integers(1, len(number) - 1))
    return number[:cut] + sep + number[cut:]


def _digits(text: str) -> str:
    return re.sub(r"[^0-9]", "", text)


def check(module: Any, value: object, **kw: Any) -> str | None:
    """The promises for one value; the compact number if it is valid."""
    valid = module.is_valid(value, **kw)
    assert valid is True or valid is False
    try:
        number = module.validate(value, **kw)
    except InvalidValue as exc:
        assert not valid
        assert exc.rule.startswith(PREFIX[module]) and exc.rule in RULE_IDS, exc.rule
        assert isinstance(exc.message, str) and exc.message
        if isinstance(value, str):
            digits = _digits(value)
            for text in (str(exc), repr(exc), str(exc.context)):
                for run in re.findall(r"[0-9]{11,}", _digits(text)):
                    assert run not in digits, (text, value)
        if hasattr(module, "info"):
            with pytest.raises(InvalidValue):
                module.info(value, **kw)
        return None
    assert valid
    assert isinstance(number, str) and number.isascii()
    assert module.validate(number, **kw) == number
    assert module.compact(number) == number
    assert module.validate(module.format(number), **kw) == number
    if hasattr(module, "info"):
        module.info(value)
    return number


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__.rsplit(".", 1)[-1])
@FUZZ
@given(value=VALUES)
def test_any_value(module: Any, value: object) -> None:
    check(module, value)
    if isinstance(value, str):
        assert isinstance(module.compact(value), str)
        assert isinstance(module.format(value), str)
    else:
        for function in (module.compact, module.format):
            with pytest.raises(InvalidValue):
                function(value)


@FUZZ
@given(
    value=VALUES,
    algorithm=st.sampled_from(kid.ALGORITHMS),
    low=st.integers(2, 30),
    extra=st.integers(0, 30),
)
def test_any_kid_and_bounds(value: object, algorithm: str, low: int, extra: int) -> None:
    check(kid, value, algorithm=algorithm, min_length=low, max_length=low + extra)


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__.rsplit(".", 1)[-1])
@settings(FUZZ, max_examples=60)
@given(data=st.data())
def test_valid_numbers_round_trip(module: Any, data: st.DataObject) -> None:
    written = data.draw(valid_numbers(module))
    number = check(module, written)
    assert number is not None, written
    assert number == module.compact(written)
    if module is kontonr:
        iban = kontonr.to_iban(number)
        assert kontonr.is_iban(iban) and check(kontonr, iban) == number
    if module is orgnr:
        assert check(orgnr, orgnr.to_mva(number)) == number
        assert check(orgnr, orgnr.to_peppol(number)) == number


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__.rsplit(".", 1)[-1])
@settings(FUZZ, max_examples=60)
@given(data=st.data())
def test_one_changed_digit_is_caught(module: Any, data: st.DataObject) -> None:
    """Every check digit here (mod 11 with non-zero weights, Luhn) catches any one wrong digit."""
    number = module.compact(data.draw(valid_numbers(module)))
    at = data.draw(st.integers(0, len(number) - 1))
    if not number[at].isdigit():
        return
    digit = data.draw(st.sampled_from([d for d in "0123456789" if d != number[at]]))
    changed = number[:at] + digit + number[at + 1 :]
    assert check(module, changed) is None, (number, changed)


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__.rsplit(".", 1)[-1])
@pytest.mark.parametrize(
    "value",
    ["", " ", "\x00" * 11, "\ud800" * 11, "1" * 1_000_000, " " * 1_000_000, "١" * 11, "𝟏" * 11],
    ids=["empty", "blank", "nul", "surrogates", "huge", "huge-blank", "arabic", "math"],
)
def test_hard_values(module: Any, value: str) -> None:
    assert check(module, value) is None
    assert isinstance(module.compact(value), str)
