"""Valid payloads: the validator finds nothing wrong, and every kind of customer is reachable."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import email_validator
import phonenumbers
import pytest
from hypothesis import HealthCheck, event, given, seed, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from armvalidate import models, validate_customer
from armvalidate.profile import TEST
from armvalidate.strategies import ABSENT
from armvalidate.strategies.identifiers import ssns
from armvalidate.strategies.payloads import DEFAULT_TODAY, customer_payloads, customers

SETTINGS = settings(
    max_examples=120,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def kinds_of(customer: dict[str, Any], operation: str) -> set[str]:
    """Labels for what a customer object shows (for reachability and event statistics)."""
    out: set[str] = set()
    ssn = customer.get("ssn")
    if isinstance(ssn, str):
        out.add("d-number" if ssn[0] in "4567" else "fødselsnummer")
    if customer.get("organizationNo"):
        out.add("organisation")
    optional = [k for k in models.CUSTOMER_KEYS if k not in ("customerNo", "name")]
    if not any(k in customer for k in optional):
        out.add("no optional key")
    if all(k in customer for k in optional if k not in ("ssn", "organizationNo")):
        out.add("every optional key")
    if any(v is None for v in customer.values()):
        out.add("null")
    name = customer.get("name") or ""
    if re.search("[æøåÆØÅ]", name):
        out.add("name with æøå")
    born = customer.get("dateOfBirth")
    if isinstance(born, str) and born.endswith("-02-29"):
        out.add("29 February")
    if born == DEFAULT_TODAY.isoformat():
        out.add("born today")
    if len(customer.get("emailAddressDocument") or []) > 1:
        out.add("several e-mails")
    if customer.get("peppolBlockIds") or customer.get("efakturaBlockIds"):
        out.add("block ids")
    if len(str(customer.get("name") or "")) == TEST.max_lengths["name"]:
        out.add("name at its maximum length")
    if any(not str(customer.get(k, "")).isascii() for k in ("customerMessage",)):
        out.add("unicode free text")
    return out


@pytest.mark.parametrize("operation", ["create", "update"])
def test_customer_payloads_are_valid(operation: str) -> None:
    @SETTINGS
    @given(customer_payloads(operation))
    def check(payload: dict[str, Any]) -> None:
        for label in kinds_of(payload["customer"], operation):
            event(label)
        report = validate_customer(
            payload, operation=operation, profile="test", today=DEFAULT_TODAY
        )
        assert report.errors == (), str(report)
        # Not even a warning: the strategies draw clean data.
        assert report.issues == (), str(report)
        # A later day can only add stop.past warnings, never an error.
        later = validate_customer(payload, operation=operation, profile="test")
        assert later.errors == ()

    check()


def _reach(strategy: st.SearchStrategy[Any], expected: set[str], labels: Any) -> set[str]:
    """The labels seen in up to three seeded runs of 400 examples, stopping once all of
    ``expected`` are seen. Several runs, because Hypothesis also draws constants it finds in
    the project's imported modules, so that one run's examples depend on which test modules
    were imported before (the order of the suite, pytest-xdist)."""
    seen: set[str] = set()
    for run in range(3):

        @seed(run)
        @settings(max_examples=400, database=None, deadline=None)
        @given(strategy)
        def collect(value: Any) -> None:
            seen.update(labels(value))

        collect()
        if expected <= seen:
            break
    return seen


def test_every_kind_is_reachable() -> None:
    expected = {
        "fødselsnummer",
        "d-number",
        "organisation",
        "no optional key",
        "every optional key",
        "name with æøå",
        "29 February",
        "born today",
        "several e-mails",
        "block ids",
        "name at its maximum length",
        "unicode free text",
    }
    seen = _reach(customers(), expected, lambda customer: kinds_of(customer, "create"))
    assert expected <= seen, expected - seen


def test_updates_reach_null_and_nothing() -> None:
    def labels(customer: dict[str, Any]) -> set[str]:
        out = kinds_of(customer, "update")
        if set(customer) == {"customerNo"}:
            out.add("only the key")
        if "name" not in customer:
            out.add("no name")
        return out

    expected = {"null", "only the key", "no name"}
    seen = _reach(customers(operation="update"), expected, labels)
    assert expected <= seen, expected - seen


@SETTINGS
@given(customers())
def test_contact_data_passes_independent_oracles(customer: dict[str, Any]) -> None:
    for key in ("emailAddressDocument", "secondaryEmailAddress"):
        for address in customer.get(key) or []:
            email_validator.validate_email(address, check_deliverability=False)
    address = customer.get("postalAddress") or {}
    region = address.get("countryCode") or "NO"
    for key in ("phoneNo", "secondaryPhoneNo"):
        if customer.get(key):
            assert phonenumbers.is_valid_number(phonenumbers.parse(customer[key], region))


@SETTINGS
@given(
    customers(
        currency="EUR",
        ssn=ssns(kinds=("dnr",)),
        language=st.sampled_from(["en", "sv"]),
        vatLiable=ABSENT,
    )
)
def test_overrides(customer: dict[str, Any]) -> None:
    assert customer["currency"] == "EUR"
    assert customer["ssn"][0] in "4567"
    assert customer["language"] in ("en", "sv")
    assert "vatLiable" not in customer
    # Overriding ssn leaves out the birth date and year, so nothing disagrees.
    assert "dateOfBirth" not in customer and "yearOfBirth" not in customer
    assert validate_customer(customer, profile="test", today=DEFAULT_TODAY).errors == ()


@settings(max_examples=30, deadline=None, database=None)
@given(customer_payloads("update", metadata=ABSENT, name="Kari Nordmann"))
def test_payload_overrides(payload: dict[str, Any]) -> None:
    assert "metadata" not in payload
    assert payload["customer"]["name"] == "Kari Nordmann"


@pytest.mark.parametrize(
    ("strategy", "kwargs"),
    [
        (customers, {"nmae": "x"}),
        (customers, {"operation": "delete"}),
        (customers, {"today": "2025-01-01"}),
        (customers, {"customerNo": ABSENT}),
        (customers, {"name": ABSENT}),
        (customer_payloads, {"operation": "upsert"}),
        (customer_payloads, {"emailAdress": ["x@example.com"]}),
    ],
)
def test_arguments_are_checked_eagerly(strategy: Any, kwargs: dict[str, Any]) -> None:
    with pytest.raises(InvalidArgument):
        strategy(**kwargs)


@settings(max_examples=20, deadline=None, database=None)
@given(customer=customers(operation="update", name=ABSENT))
def test_name_may_be_absent_on_update(customer: dict[str, Any]) -> None:
    assert "name" not in customer
    report = validate_customer(
        {"customer": customer}, operation="update", profile=TEST, today=DEFAULT_TODAY
    )
    assert report.ok, report.issues


def test_future_today_keeps_dates_consistent() -> None:
    today = date(2031, 6, 30)

    @settings(max_examples=40, deadline=None, database=None)
    @given(customer_payloads(today=today))
    def check(payload: dict[str, Any]) -> None:
        report = validate_customer(payload, profile="test", today=today)
        assert report.issues == (), str(report)

    check()


@pytest.mark.parametrize(
    "model",
    [
        models.Customer,
        models.CustomerUpdate,
        models.CustomerRequest,
        models.CustomerUpdateRequest,
        models.CustomerBatchRequest,
        models.PostalAddress,
        models.Distribution,
        models.Metadata,
    ],
)
def test_from_type_works_for_the_models(model: type) -> None:
    """Registered through the `hypothesis` entry point, without importing strategies."""

    @settings(max_examples=10, deadline=None, database=None)
    @given(st.from_type(model))
    def check(instance: Any) -> None:
        assert isinstance(instance, model)
        if model in (models.CustomerRequest, models.CustomerUpdateRequest):
            operation = "create" if model is models.CustomerRequest else "update"
            body = instance.model_dump(exclude_unset=True)
            assert validate_customer(body, operation=operation, profile="test").ok

    check()


def test_strategy_keys_are_the_model_keys() -> None:
    from armvalidate.strategies._customer import CUSTOMER_KEYS

    assert CUSTOMER_KEYS == models.CUSTOMER_KEYS
