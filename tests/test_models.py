"""The pydantic models: the API's keys exactly, strict JSON types, and the exported schema."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from armvalidate import json_schema
from armvalidate import models as m

API_CUSTOMER_KEYS = [
    "customerNo", "name", "informalName", "postalAddress", "customerCategory",
    "emailAddressDocument", "secondaryEmailAddress", "phoneNo", "secondaryPhoneNo",
    "organizationNo", "ssn", "ssnCountry", "dateOfBirth", "yearOfBirth", "customerGroupCode",
    "priceNetOrGross", "language", "currency", "distribution", "sellerReference",
    "buyerReference", "bankAccountNo", "stopReminderUntil", "stopReminderMemo",
    "stopDebtCollectionUntil", "stopDebtCollectionMemo", "stopInterestCalcUntil",
    "stopInterestCalcMemo", "efakturaBlockIds", "peppolBlockIds", "digipostBlockIds", "dueDays",
    "vatLiable", "limitAmount", "discountRate", "activeStatusWeb", "customerMessage", "options",
]  # fmt: skip
ADDRESS_KEYS = [
    "addressLine1", "addressLine2", "addressLine3", "postalCode", "cityName", "countryText",
    "countryCode",
]  # fmt: skip


def test_models_carry_the_api_keys_exactly() -> None:
    assert sorted(m.CUSTOMER_KEYS) == sorted(API_CUSTOMER_KEYS)
    assert list(m.Customer.model_fields) == list(m.CustomerUpdate.model_fields)
    assert list(m.PostalAddress.model_fields) == ADDRESS_KEYS
    assert list(m.Distribution.model_fields) == ["type", "einvoiceCode"]
    assert list(m.Metadata.model_fields) == ["userId"]
    assert not m.READ_ONLY_KEYS & set(m.CUSTOMER_KEYS)


def test_the_docs_request_fits_the_models() -> None:
    path = Path(__file__).resolve().parent.parent / "examples" / "post-customer.request.json"
    body = json.loads(path.read_text(encoding="utf-8"))
    assert m.CustomerRequest.model_validate(body).customer.ssn == "12015641779"
    assert m.CustomerUpdateRequest.model_validate(body).customer.yearOfBirth == 1956


def _errors(model: type[BaseModel], data: Any) -> list[tuple[Any, str]]:
    try:
        model.model_validate(data)
    except ValidationError as exc:
        return [(e["loc"], e["type"]) for e in exc.errors()]
    return []


@pytest.mark.parametrize(
    ("key", "bad", "good"),
    [
        ("customerNo", 543210, "543210"),
        ("yearOfBirth", "1956", 1956),
        ("yearOfBirth", True, 1956),
        ("yearOfBirth", 1956.0, 1956),
        ("limitAmount", "2000", 2000),
        ("limitAmount", float("nan"), 2000.5),
        ("limitAmount", False, 0),
        ("vatLiable", 1, True),
        ("vatLiable", "true", False),
        ("emailAddressDocument", "a@b.no", ["a@b.no"]),
        ("emailAddressDocument", ["a@b.no", 1], []),
        ("postalAddress", "Storgata 1", {"postalCode": "0150"}),
        ("distribution", {"einvoiceCode": "0"}, {"einvoiceCode": 0}),
        ("dateOfBirth", 19560112, "1956-01-12"),
    ],
)
def test_json_types_are_strict(key: str, bad: Any, good: Any) -> None:
    assert _errors(m.CustomerUpdate, {"customerNo": "1", key: bad})
    assert _errors(m.CustomerUpdate, {"customerNo": "1", key: good}) == []


def test_unknown_keys_are_forbidden_at_every_level() -> None:
    body = {
        "metadata": {"userId": "u", "x": 1},
        "customer": {"customerNo": "1", "name": "A", "clientNo": 1,
                     "postalAddress": {"zip": "0150"}, "distribution": {"kind": "M"}},
        "extra": 1,
    }  # fmt: skip
    assert sorted(_errors(m.CustomerRequest, body)) == sorted(
        [
            (("metadata", "x"), "extra_forbidden"),
            (("customer", "clientNo"), "extra_forbidden"),
            (("customer", "postalAddress", "zip"), "extra_forbidden"),
            (("customer", "distribution", "kind"), "extra_forbidden"),
            (("extra",), "extra_forbidden"),
        ]
    )


def test_required_keys_per_operation() -> None:
    assert _errors(m.Customer, {}) == [(("customerNo",), "missing"), (("name",), "missing")]
    assert _errors(m.CustomerUpdate, {}) == [(("customerNo",), "missing")]
    assert _errors(m.CustomerUpdate, {"customerNo": "1", "name": None}) == []
    assert _errors(m.CustomerRequest, {"metadata": None}) == [(("customer",), "missing")]
    assert _errors(m.CustomerBatchRequest, {"customers": [{"customerNo": "1"}]}) == [
        (("customers", 0, "name"), "missing")
    ]


def test_models_hold_no_business_rules() -> None:
    for model in (m.Customer, m.CustomerUpdate, m.PostalAddress, m.Distribution, m.Metadata):
        decorators = model.__pydantic_decorators__
        assert not decorators.field_validators and not decorators.model_validators
    assert (
        _errors(m.CustomerUpdate, {"customerNo": "1", "ssn": "x", "dateOfBirth": "1956-02-30"})
        == []
    )


def test_json_schema_of_the_request_bodies() -> None:
    schema = json_schema()
    assert schema["$schema"].endswith("2020-12/schema")
    assert schema["additionalProperties"] is False and schema["required"] == ["customer"]
    customer = schema["$defs"]["Customer"]
    assert customer["required"] == ["customerNo", "name"]
    assert customer["additionalProperties"] is False
    assert sorted(customer["properties"]) == sorted(API_CUSTOMER_KEYS)
    date = customer["properties"]["dateOfBirth"]
    assert date["format"] == "date"
    assert {"type": "integer"} in customer["properties"]["yearOfBirth"]["anyOf"]
    assert sorted(schema["$defs"]["PostalAddress"]["properties"]) == sorted(ADDRESS_KEYS)
    update = json_schema("update")
    assert update["$defs"]["CustomerUpdate"]["required"] == ["customerNo"]
    batch = json_schema(batch=True)
    assert batch["properties"]["customers"]["type"] == "array"
    json.dumps(schema)  # serializable
    with pytest.raises(ValueError, match="operation"):
        json_schema("delete")
