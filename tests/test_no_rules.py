"""The identifier rules: declared where they are checked (as plain data, which the catalog makes
into its rules), exported, triggered by their examples, and never echoing the number in a
message."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import armvalidate.no
from armvalidate import InvalidValue, Severity, get_rule
from armvalidate.no import fodselsnummer, kid, kontonr, orgnr
from armvalidate.no._util import RuleSpec

RULES: list[tuple[RuleSpec, str, Callable[[object], object]]] = [
    (fodselsnummer.FORMAT, "ssn.format", fodselsnummer.validate),
    (fodselsnummer.CHECKSUM, "ssn.checksum", fodselsnummer.validate),
    (fodselsnummer.DATE, "ssn.date", fodselsnummer.validate),
    (orgnr.FORMAT, "orgnr.format", orgnr.validate),
    (orgnr.CHECKSUM, "orgnr.checksum", orgnr.validate),
    (kontonr.FORMAT, "account.format", kontonr.validate),
    (kontonr.CHECKSUM, "account.checksum", kontonr.validate),
    (kid.FORMAT, "kid.format", kid.validate),
    (kid.CHECKSUM, "kid.checksum", kid.validate),
]


@pytest.mark.parametrize(("rule", "rule_id", "validate"), RULES, ids=[r[1] for r in RULES])
def test_rule_is_exported_catalogued_and_its_example_triggers_it(
    rule: RuleSpec, rule_id: str, validate: Callable[[object], object]
) -> None:
    assert rule.id == rule_id
    catalogued = get_rule(rule_id)
    assert (catalogued.summary, catalogued.example, catalogued.doc) == (
        rule.summary,
        rule.example,
        rule.doc,
    )
    assert catalogued.severity is Severity.ERROR and rule.severity == "error"
    assert rule.summary and rule.doc and "\n" not in rule.summary
    with pytest.raises(InvalidValue) as excinfo:
        validate(rule.example)
    assert excinfo.value.rule == rule_id
    assert excinfo.value.message == str(excinfo.value)


def test_the_identifier_modules_declare_nothing_else() -> None:
    # payload-level rules (ssn.synthetic, ...) may share a prefix, but are declared elsewhere
    declared_here = {
        value.id
        for module in (fodselsnummer, orgnr, kontonr, kid)
        for value in vars(module).values()
        if isinstance(value, RuleSpec)
    }
    assert declared_here == {r[1] for r in RULES}
    assert {rule.id for rule in armvalidate.no.RULES} == declared_here


VALIDATORS: list[Callable[[object], object]] = [
    fodselsnummer.validate,
    orgnr.validate,
    kontonr.validate,
    kid.validate,
    lambda v: kid.validate(v, algorithm="mod11"),
    lambda v: kid.validate(v, algorithm="either"),
]


@settings(max_examples=300, deadline=None)
@given(st.text("0123456789", min_size=6, max_size=30), st.sampled_from(["", " ", "-", "."]))
def test_messages_never_echo_the_number(digits: str, separator: str) -> None:
    value = separator.join([digits[:4], digits[4:]])
    for validate in VALIDATORS:
        try:
            validate(value)
        except InvalidValue as err:
            shown = err.message + repr(err.context)
            assert digits[:-2] not in shown
            assert value not in shown
