"""Update (PUT) semantics, validate_customers, and batch bodies."""

from __future__ import annotations

import copy
import datetime
import json
from typing import Any

import pytest

from armvalidate import Report, validate_batch, validate_customer, validate_customers

TODAY = datetime.date(2026, 11, 26)
FULL_ADDRESS = {
    "addressLine1": "Storgata 1",
    "addressLine2": "",
    "addressLine3": "",
    "postalCode": "0150",
    "cityName": "Oslo",
    "countryText": "Norge",
    "countryCode": "NO",
}


def found(report: Report) -> list[tuple[str, str, str]]:
    return [(i.rule, i.severity.value, i.path) for i in report.issues]


def update(customer: dict[str, Any]) -> Report:
    return validate_customer({"customer": customer}, operation="update", today=TODAY)


def test_update_needs_only_customer_no() -> None:
    assert found(update({"customerNo": "1"})) == []
    assert found(update({"name": "Kari"})) == [("schema.required", "error", "/customer/customerNo")]
    assert found(update({"customerNo": None})) == [
        ("schema.required", "error", "/customer/customerNo")
    ]


def test_update_accepts_null_everywhere_but_the_key() -> None:
    customer = {"customerNo": "1", "name": None, "ssn": None, "postalAddress": None}
    customer.update({k: None for k in ("emailAddressDocument", "yearOfBirth", "vatLiable")})
    assert found(update(customer)) == []


def test_create_requires_name() -> None:
    report = validate_customer({"customer": {"customerNo": "1"}}, today=TODAY)
    assert found(report) == [("schema.required", "error", "/customer/name")]


def test_a_partial_address_on_update_names_the_fields_to_be_blanked() -> None:
    report = update({"customerNo": "1", "postalAddress": {"postalCode": "0150", "cityName": None}})
    assert found(report) == [("update.partial-address", "warning", "/customer/postalAddress")]
    issue = report.issues[0]
    assert issue.field == "PostalAddress"
    assert issue.context["sent"] == ["postalCode"]
    assert issue.context["blanked"] == [
        "addressLine1",
        "addressLine2",
        "addressLine3",
        "cityName",
        "countryText",
        "countryCode",
    ]
    assert "addressLine1" in issue.message and "blanked" in issue.message


@pytest.mark.parametrize(
    "address",
    [FULL_ADDRESS, {}, dict.fromkeys(FULL_ADDRESS), None],
    ids=["full", "empty", "nulls", "null"],
)
def test_a_whole_or_absent_address_on_update_is_fine(address: Any) -> None:
    assert found(update({"customerNo": "1", "postalAddress": address})) == []


def test_a_partial_address_on_create_is_fine() -> None:
    body = {"customer": {"customerNo": "1", "name": "A", "postalAddress": {"postalCode": "0150"}}}
    assert found(validate_customer(body, today=TODAY)) == []


def test_memo_without_date_is_not_reported_on_update() -> None:
    customer = {"customerNo": "1", "stopReminderMemo": "agreed"}
    assert found(update(customer)) == []
    report = validate_customer({"customer": {**customer, "name": "A"}}, today=TODAY)
    assert found(report) == [("stop.memo-without-date", "warning", "/customer/stopReminderMemo")]


def test_consumer_without_ssn_is_not_reported_on_update() -> None:
    customer = {"customerNo": "1", "customerCategory": "CONS", "organizationNo": "984842252"}
    assert found(update(customer)) == []
    report = validate_customer({"customer": {**customer, "name": "A"}}, today=TODAY)
    assert found(report) == [("category.identity", "warning", "/customer/customerCategory")]


def test_bad_operation_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="operation"):
        validate_customer({}, operation="put")


def test_validate_customers_yields_one_report_per_payload_lazily() -> None:
    payloads = [{"customerNo": "1", "name": "A"}, "not json", {"customerNo": 2, "name": "B"}]
    seen: list[Any] = []

    def source() -> Any:
        for p in payloads:
            seen.append(p)
            yield p

    reports = validate_customers(source(), today=TODAY)
    assert seen == []
    assert [r.rules for r in reports] == [frozenset(), {"schema.json"}, {"schema.type"}]
    reports = list(validate_customers(payloads, operation="update", today=TODAY))
    assert [r.ok for r in reports] == [True, False, False]


def batch_body() -> dict[str, Any]:
    return {
        "metadata": {"userId": "TestUser"},
        "customers": [
            {"customerNo": "A-1", "name": "Kari", "currency": "nok"},
            {"customerNo": "A-2", "name": "Ola", "ssn": "12015641778"},
            {"customerNo": " a-1", "name": "Kari again"},
            "not a customer",
            {"customerNo": "A-1", "name": "Kari, third time"},
        ],
    }


def test_batch_paths_duplicates_and_sanitized() -> None:
    body = batch_body()
    before = copy.deepcopy(body)
    report = validate_batch(body, today=TODAY)
    assert body == before
    assert found(report) == [
        ("ssn.checksum", "error", "/customers/1/ssn"),
        ("batch.duplicate-customer-no", "error", "/customers/2/customerNo"),
        ("schema.type", "error", "/customers/3"),
        ("batch.duplicate-customer-no", "error", "/customers/4/customerNo"),
    ]
    duplicate = report.issues[1]
    assert duplicate.field == "CustomerNo"
    assert "/customers/0" in duplicate.message
    assert duplicate.context["first_index"] == 0
    assert report.issues[0].field == "Ssn" and report.issues[0].pii
    assert report.sanitized["customers"][0]["currency"] == "NOK"
    assert report.sanitized["customers"][3] == "not a customer"
    assert report.sanitized is not body


def test_batch_as_text_and_on_update() -> None:
    text = json.dumps(batch_body())
    assert found(validate_batch(text, today=TODAY)) == found(
        validate_batch(batch_body(), today=TODAY)
    )
    body = {
        "customers": [
            {"customerNo": "1"},
            {"customerNo": "2", "postalAddress": {"cityName": "Oslo"}},
        ]
    }
    assert found(validate_batch(body, operation="update", today=TODAY)) == [
        ("update.partial-address", "warning", "/customers/1/postalAddress")
    ]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"metadata": {}}, [("schema.required", "error", "/customers")]),
        ({"customers": {}}, [("schema.type", "error", "/customers")]),
        ({"customers": [], "customer": {}}, [("schema.unknown-field", "error", "/customer")]),
        ("[]", [("schema.json", "error", "")]),
        ({"customers": []}, []),
    ],
)
def test_batch_structure(body: Any, expected: list[tuple[str, str, str]]) -> None:
    assert found(validate_batch(body, today=TODAY)) == expected


def test_validate_customer_on_a_batch_body_says_so() -> None:
    report = validate_customer(batch_body(), today=TODAY)
    messages = {i.path: i.message for i in report}
    assert "validate_batch" in messages["/customers"]
    assert ("schema.required", "error", "/customer") in found(report)
