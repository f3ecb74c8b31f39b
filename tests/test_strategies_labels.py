"""Labels that hold on any day and with any profile, eager refusal of an unsupported ``today``,
short reprs, synthetic personal numbers only by default, and the coverage helpers."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, find, given, settings
from hypothesis.errors import InvalidArgument

from armvalidate import get_rule, validate_batch, validate_customer
from armvalidate.no import fodselsnummer
from armvalidate.strategies import (
    PayloadFactory,
    cover_each_rule,
    customer_payloads,
    customers,
    examples_of_each_rule,
    generate,
    invalid_customer_payloads,
    mutation_rules,
)
from armvalidate.strategies.mutations import InvalidPayload, _select

_SETTINGS = settings(
    max_examples=8,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


def _errors(rules: frozenset[str]) -> set[str]:
    return {r for r in rules if get_rule(r).severity.value == "error"}


def _default_report(example: InvalidPayload) -> Any:
    """Validated with all defaults: production profile, today's date (the wall clock)."""
    validate = validate_batch if example.batch else validate_customer
    return validate(example.payload, operation=example.operation)


@pytest.mark.parametrize(
    ("operation", "rule"),
    [(op, rule) for op in ("create", "update") for rule in mutation_rules(operation=op)],
)
def test_labels_hold_with_all_defaults_and_under_the_test_profile(
    operation: str, rule: str
) -> None:
    @_SETTINGS
    @given(invalid_customer_payloads([rule], operation))
    def check(example: InvalidPayload) -> None:
        # Any day, production profile: the errors are exactly the expected error rules.
        assert {i.rule for i in _default_report(example).errors} == _errors(
            example.expected_rules
        ), example
        # The strategies' contract: test profile, their today: exactly the expected rules.
        assert example.validate(profile="test").rules == example.expected_rules, example

    check()


@pytest.mark.parametrize("operation", ["create", "update"])
def test_the_simplest_dob_range_example_keeps_its_error_on_any_day(operation: str) -> None:
    simplest = settings(database=None, phases=[Phase.generate, Phase.shrink])
    for condition in (
        lambda e: True,
        lambda e: "yearOfBirth" in e.payload["customer"],
        lambda e: "future" in e.description,
    ):
        example = find(
            invalid_customer_payloads(["dob.range"], operation), condition, settings=simplest
        )
        assert "dob.range" in _default_report(example).rules, example
        for day in (date(2026, 1, 1), date(2100, 1, 1), date(2999, 12, 31)):
            report = validate_customer(example.payload, operation=operation, today=day)
            assert "dob.range" in report.rules, (day, example)


@pytest.mark.parametrize(
    "make",
    [
        lambda today: customers(today=today),
        lambda today: customer_payloads(today=today),
        lambda today: invalid_customer_payloads(today=today),
        lambda today: invalid_customer_payloads(["dob.range"], "update", today=today),
    ],
)
@pytest.mark.parametrize("today", [date(2040, 1, 1), date(2045, 6, 1), date(1899, 12, 31)])
def test_an_unsupported_today_is_refused_eagerly(make: Any, today: date) -> None:
    with pytest.raises(InvalidArgument, match=r"2039-12-31.*2032 rule"):
        make(today)


def test_fixtures_refuse_an_unsupported_reference_date() -> None:
    with pytest.raises(ValueError, match="2039-12-31"):
        list(generate(1, seed=1, reference_date=date(2045, 6, 1)))
    with pytest.raises(ValueError, match="2039-12-31"):
        PayloadFactory(reference_date=date(2045, 6, 1))


def test_the_last_supported_today_works() -> None:
    last = date(2039, 12, 31)

    @settings(max_examples=20, deadline=None, database=None)
    @given(customer_payloads(today=last), invalid_customer_payloads(today=last))
    def check(payload: dict[str, Any], example: InvalidPayload) -> None:
        assert validate_customer(payload, profile="test", today=last).issues == ()
        assert example.validate().rules == example.expected_rules

    check()


def test_repr_stays_short_for_a_one_megabyte_payload() -> None:
    simplest = settings(database=None, phases=[Phase.generate, Phase.shrink])
    example = find(
        invalid_customer_payloads(["input.too-large"]), lambda e: True, settings=simplest
    )
    assert len(example.payload) > 1 << 20
    text = repr(example)
    assert len(text) < 1000
    assert "input.too-large" in text and "characters)" in text


def test_default_invalid_payloads_hold_only_synthetic_numbers() -> None:
    """No FH-number (no synthetic form) unless ssn.kind is asked for by name."""
    assert all(m.synthetic for m in _select(None, "create"))
    assert all(m.rule != "ssn.kind" for m in _select(None, "update"))

    @settings(max_examples=300, deadline=None, database=None)
    @given(invalid_customer_payloads())
    def check(example: InvalidPayload) -> None:
        ssn = example.payload["customer"].get("ssn") if isinstance(example.payload, dict) else None
        if isinstance(ssn, str) and fodselsnummer.is_valid(ssn):
            info = fodselsnummer.info(ssn)
            assert info.kind != "fhnr" and info.synthetic in ("tenor", "syntpop"), ssn

    check()
    # Asked for by name, ssn.kind still gives FH-numbers.
    simplest = settings(database=None, phases=[Phase.generate, Phase.shrink])
    example = find(invalid_customer_payloads(["ssn.kind"]), lambda e: True, settings=simplest)
    assert fodselsnummer.info(example.payload["customer"]["ssn"]).kind == "fhnr"


@pytest.mark.parametrize("operation", ["create", "update"])
def test_examples_of_each_rule_cover_every_default_rule(operation: str) -> None:
    examples = examples_of_each_rule(operation=operation)
    rules = {m.rule for m in _select(None, operation)}
    assert [e.rule for e in examples] == sorted(rules)
    for example in examples:
        assert example.validate().rules == example.expected_rules


def test_cover_each_rule_meets_every_rule_in_one_run() -> None:
    seen: set[str] = set()

    @settings(max_examples=5, deadline=None, database=None)
    @given(invalid_customer_payloads())
    @cover_each_rule()
    def check(example: InvalidPayload) -> None:
        seen.add(example.rule)

    check()
    assert seen == {m.rule for m in _select(None, "create")}
