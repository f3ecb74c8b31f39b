"""Labelled invalid payloads: every error rule has a mutation, and each mutation makes exactly
one fault whose rules the validator reports (all of them, and nothing else)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, find, given, settings
from hypothesis.errors import InvalidArgument

from armvalidate import rules, validate_customer
from armvalidate.strategies import _data
from armvalidate.strategies._customer import config_for
from armvalidate.strategies._picker import RandomPicker
from armvalidate.strategies.mutations import (
    MUTATIONS,
    UNREACHABLE,
    InvalidPayload,
    MutationContext,
    apply_mutation,
    invalid_customer_payloads,
    mutation_rules,
)

TODAY = date(2025, 1, 1)
ERROR_RULES = sorted(r.id for r in rules() if r.severity.value == "error")
ALL_MUTATIONS = [
    (op, m) for rule in sorted(MUTATIONS) for m in MUTATIONS[rule] for op in sorted(m.operations)
]


def test_every_error_rule_of_the_catalog_has_a_mutation() -> None:
    missing = [r for r in ERROR_RULES if r not in MUTATIONS and r not in UNREACHABLE]
    assert missing == [], f"error rules without a mutation: {missing}"
    # The exceptions are few, named, and truly errors of the catalog.
    assert set(UNREACHABLE) <= set(ERROR_RULES)
    assert set(UNREACHABLE) == {"kid.format", "kid.checksum", "input.unprocessable"}
    # And mutation_rules() lists them for parametrization.
    assert set(mutation_rules(severity="error")) == set(ERROR_RULES) - set(UNREACHABLE)


def test_registry_keys_are_catalog_rules() -> None:
    catalog = {r.id for r in rules()}
    for rule_id, mutations in MUTATIONS.items():
        assert rule_id in catalog
        for m in mutations:
            assert m.rule == rule_id and rule_id in m.expected
            assert m.expected <= catalog


@pytest.mark.parametrize(
    ("operation", "mutation"), ALL_MUTATIONS, ids=[f"{op}-{m.name}" for op, m in ALL_MUTATIONS]
)
def test_each_mutation_makes_exactly_its_fault(operation: str, mutation: Any) -> None:
    """Seeded (no Hypothesis, no filtering): 30 different bases per mutation, every one exact."""
    ctx = MutationContext(
        operation=operation, today=TODAY, cfg=config_for(operation=operation, today=TODAY)
    )
    for seed in range(30):
        example = apply_mutation(RandomPicker(seed, texts=_data.FREE_TEXTS), mutation, ctx)
        report = example.validate()
        assert report.rules == example.expected_rules, (
            example.description,
            [(i.rule, i.path, i.message) for i in report.issues],
        )
        assert example.description and example.rule == mutation.rule


@pytest.mark.parametrize("operation", ["create", "update"])
@pytest.mark.parametrize("rule", mutation_rules())
def test_invalid_payloads_per_rule(rule: str, operation: str) -> None:
    if rule not in mutation_rules(operation=operation):
        with pytest.raises(InvalidArgument):
            invalid_customer_payloads([rule], operation)
        return

    @settings(
        max_examples=8,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(invalid_customer_payloads([rule], operation))
    def check(example: InvalidPayload) -> None:
        assert rule in example.expected_rules
        report = example.validate()
        assert report.rules == example.expected_rules
        errors = {i.rule for i in report.errors}
        if example.batch:
            assert errors == {rule}
        else:
            # The same answer from the public function as from InvalidPayload.validate.
            again = validate_customer(
                example.payload, operation=operation, profile="test", today=TODAY
            )
            assert again.rules == example.expected_rules

    check()


def test_default_draws_only_error_rules_of_single_payloads() -> None:
    seen: set[str] = set()

    @settings(max_examples=60, deadline=None, database=None, derandomize=True)
    @given(invalid_customer_payloads())
    def check(example: InvalidPayload) -> None:
        seen.add(example.rule)
        assert not example.batch
        assert {i.rule for i in example.validate().errors}, example.description

    check()
    error_rules = set(mutation_rules(severity="error"))
    assert seen <= error_rules
    assert len(seen) > 5


@pytest.mark.parametrize(
    ("rule", "condition"),
    [
        ("ssn.checksum", lambda e: e.payload["customer"].get("emailAddressDocument")),
        (
            "email.invalid",
            lambda e: len(e.payload["customer"].get("emailAddressDocument") or []) > 1,
        ),
        ("schema.unknown-field", lambda e: "postalAddress" in e.payload["customer"]),
    ],
)
def test_shrinking_keeps_the_fault(rule: str, condition: Any) -> None:
    example = find(
        invalid_customer_payloads([rule]),
        condition,
        # No explain phase: find() would return the variation it last saw while explaining.
        settings=settings(
            max_examples=300,
            database=None,
            deadline=None,
            phases=[Phase.generate, Phase.shrink],
        ),
    )
    assert example.validate().rules == example.expected_rules
    assert rule in example.expected_rules


def test_misspelled_required_key_is_two_findings_of_one_fault() -> None:
    [mutation] = [m for m in MUTATIONS["schema.unknown-field"] if m.name.endswith("name")]
    assert mutation.expected == {"schema.unknown-field", "schema.required"}


def test_the_docs_faults_are_among_the_mutations() -> None:
    names = {m.name for ms in MUTATIONS.values() for m in ms}
    assert "account.format:account_12_digits" in names  # the API docs' own bankAccountNo
    assert any(n.startswith("schema.unknown-field:misspelled") for n in names)
    assert any(n.startswith("schema.type:") for n in names)
    assert any(n.startswith("schema.required:missing") for n in names)


def test_batch_duplicates() -> None:
    @settings(max_examples=5, deadline=None, database=None)
    @given(invalid_customer_payloads(["batch.duplicate-customer-no"]))
    def check(example: InvalidPayload) -> None:
        assert example.batch
        assert set(example.payload) == {"metadata", "customers"}
        assert example.validate().rules == {"batch.duplicate-customer-no"}

    check()


def test_fixture_mutations_are_json_objects() -> None:
    ctx = MutationContext(operation="create", today=TODAY, cfg=config_for(today=TODAY))
    for rule in mutation_rules(fixture=True):
        for m in MUTATIONS[rule]:
            if not m.fixture or "create" not in m.operations:
                continue
            example = apply_mutation(RandomPicker(1), m, ctx)
            text = json.dumps(example.payload, allow_nan=False)
            assert isinstance(json.loads(text), dict)


@pytest.mark.parametrize(
    ("args", "kwargs"),
    [
        ((["no.such-rule"],), {}),
        (("ssn.checksum",), {}),
        ((["kid.checksum"],), {}),
        ((None, "delete"), {}),
        ((), {"today": "2025-01-01"}),
        ((["update.partial-address"], "create"), {}),
    ],
)
def test_arguments_are_checked_eagerly(args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    with pytest.raises(InvalidArgument):
        invalid_customer_payloads(*args, **kwargs)
