"""One contract, many faces: the exported JSON Schema, the structure check, the models, the
profile's tables, the CSV layout and the strategies' key lists all come from
:mod:`armvalidate.contract`, and they agree.

The agreement of the schema and the validator is tested both ways: payloads drawn from the
exported schema itself get no structure or length finding, and payloads mutated away from valid
ones are schema-valid exactly when the validator reports no ``schema.*`` and no ``length.*``
finding.

(The drawing is done by :func:`from_schema` below, a small interpreter of the keywords the
exported schema uses, checked against ``jsonschema`` on every draw: hypothesis-jsonschema 0.23.1,
the current release, fails on the Hypothesis this project uses, ``'many' object has no
attribute 'more'``.)
"""

from __future__ import annotations

import copy
import datetime
import json
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from armvalidate import contract, json_schema, validate_batch, validate_customer
from armvalidate.profile import DEFAULT_MAX_LENGTHS, PRODUCTION, Profile
from armvalidate.strategies.payloads import customers

TODAY = datetime.date(2026, 1, 1)
OPERATIONS = ("create", "update")
SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                           HealthCheck.filter_too_much],
)  # fmt: skip


def structure_findings(report: Any) -> list[tuple[str, str]]:
    """The findings a JSON Schema can express: structure and lengths."""
    return [
        (i.rule, i.path)
        for i in report
        if i.rule.startswith(("schema.", "length.")) or i.rule == "number.not-finite"
    ]


def schema_valid(instance: Any, schema: dict[str, Any]) -> bool:
    return jsonschema.Draft202012Validator(schema).is_valid(instance)


# --- drawn from the schema ---------------------------------------------------------------------

_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
_KNOWN = {"type", "properties", "required", "additionalProperties", "anyOf", "items",
          "maxLength", "minLength", "pattern", "maxItems", "minimum", "maximum", "format",
          "title", "description", "default", "$schema", "$defs", "x-armvalidate-source",
          "x-armvalidate-policy"}  # fmt: skip


def from_schema(schema: dict[str, Any]) -> st.SearchStrategy[Any]:
    """Instances of ``schema`` (the keywords the exported schema uses, no other)."""
    assert set(schema) <= _KNOWN, set(schema) - _KNOWN
    if "anyOf" in schema:
        return st.one_of([from_schema(branch) for branch in schema["anyOf"]])
    kind = schema["type"]
    if kind == "null":
        return st.none()
    if kind == "boolean":
        return st.booleans()
    if kind == "number":
        return st.integers() | st.floats(allow_nan=False, allow_infinity=False)
    if kind == "integer":
        low, high = schema.get("minimum"), schema.get("maximum")
        edges = [v for v in (low, high) if v is not None]
        return st.integers(low, high) | st.sampled_from(edges or [0])
    if kind == "string":
        high = schema.get("maxLength")
        low = schema.get("minLength", 0)
        strings = _TEXT | st.text(max_size=high or 12).map(lambda s: s * 40)
        if high is not None:
            strings = strings.map(lambda s: s[:high]) | st.just("x" * high)
        if schema.get("format") == "date":
            strings = strings | st.dates().map(datetime.date.isoformat)
        if schema.get("pattern") == "\\S":
            strings = strings.filter(lambda s: not s.isspace())
        else:
            assert "pattern" not in schema
        return strings.filter(lambda s: len(s) >= low)
    if kind == "array":
        items = from_schema(schema["items"])
        most = schema.get("maxItems", 4)
        full = st.builds(lambda item: [item] * most, items)  # (just at the limit)
        return st.lists(items, max_size=min(most, 4)) | full
    assert kind == "object" and schema.get("additionalProperties") is False
    properties = {key: from_schema(sub) for key, sub in schema["properties"].items()}
    required = set(schema.get("required", ()))
    return st.fixed_dictionaries(
        {k: v for k, v in properties.items() if k in required},
        optional={k: v for k, v in properties.items() if k not in required},
    )


def _drawn(data: st.DataObject, schema: dict[str, Any]) -> Any:
    instance = data.draw(from_schema(schema))
    assert schema_valid(instance, schema), instance  # (the drawer draws only instances)
    return instance


@pytest.mark.parametrize("operation", OPERATIONS)
@SETTINGS
@given(data=st.data())
def test_payloads_drawn_from_the_schema_pass_the_structure_check(
    operation: str, data: st.DataObject
) -> None:
    schema = json_schema(operation)
    payload = _drawn(data, schema)
    report = validate_customer(payload, operation=operation, today=TODAY)
    assert structure_findings(report) == [], (payload, report.issues)


@SETTINGS
@given(data=st.data())
def test_batches_drawn_from_the_schema_pass_the_structure_check(data: st.DataObject) -> None:
    schema = json_schema("update", batch=True)
    body = _drawn(data, schema)
    report = validate_batch(body, operation="update", today=TODAY)
    assert structure_findings(report) == [], (body, report.issues)


# --- mutated away from valid: schema-valid <=> no structure finding --------------------------

_KEYS = [*contract.CUSTOMER_KEYS, "clientNo", "emailAdress"]
_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**40), max_value=2**40),
    st.sampled_from([2**31 - 1, 2**31, -(2**31), -(2**31) - 1, 2**63, 0, -1]),
    st.floats(allow_nan=False, allow_infinity=False).filter(lambda f: not f.is_integer()),
    st.sampled_from(["", " ", "\t\n", "x", "K" * 51, "K" * 101, "1956-01-12", "0150"]),
    st.text(max_size=8),
    st.lists(st.sampled_from(["a@example.no", "", "x" * 255, 5]), max_size=3),
    st.sampled_from([["x"] * 100, ["x"] * 101, [None], []]),
    st.fixed_dictionaries({}, optional={"postalCode": st.sampled_from(["0150", 150, None]),
                                        "type": st.sampled_from(["M", 1]),
                                        "einvoiceCode": st.sampled_from([0, 2**31, "0"]),
                                        "zip": st.just("x")}),
)  # fmt: skip


@st.composite
def mutated_payloads(draw: st.DrawFn, operation: str) -> dict[str, Any]:
    customer = dict(draw(customers(operation=operation, today=TODAY)))
    for _ in range(draw(st.integers(1, 3))):
        key = draw(st.sampled_from(_KEYS))
        if draw(st.integers(0, 3)) == 0:
            customer.pop(key, None)
        else:
            customer[key] = draw(_VALUES)
    body: dict[str, Any] = {"customer": customer}
    metadata = draw(st.sampled_from([None, {"userId": "u"}, {"userId": "u" * 101}, {"x": 1}]))
    if metadata is not None:
        body["metadata"] = metadata
    return body


@pytest.mark.parametrize("operation", OPERATIONS)
@settings(SETTINGS, max_examples=300)
@given(data=st.data())
def test_schema_valid_exactly_when_no_structure_finding(
    operation: str, data: st.DataObject
) -> None:
    body = data.draw(mutated_payloads(operation))
    report = validate_customer(body, operation=operation, today=TODAY)
    found = structure_findings(report)
    assert schema_valid(body, json_schema(operation)) == (not found), (body, found)
    inline = json_schema(operation, ref_template="#/$defs/{model}")
    assert schema_valid(body, inline) == (not found)


def test_an_integral_float_is_the_one_known_difference() -> None:
    """JSON Schema cannot tell 14 from 14.0 (both are "integer"); the validator, reading JSON
    strictly, calls 14.0 a number where an integer belongs. Documented in armvalidate.schema."""
    body = {"customer": {"customerNo": "1", "name": "K", "dueDays": 14.0}}
    assert schema_valid(body, json_schema())
    assert structure_findings(validate_customer(body, today=TODAY)) == [
        ("schema.type", "/customer/dueDays")
    ]


def test_schemathesis_example_is_no_longer_schema_valid() -> None:
    body = {"customer": {"customerNo": "", "name": ""}}
    assert not schema_valid(body, json_schema())
    assert structure_findings(validate_customer(body, today=TODAY))
    blank = {"customer": {"customerNo": " ", "name": "\t"}}
    assert not schema_valid(blank, json_schema())


def test_the_docs_request_is_schema_valid() -> None:
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "examples" / "post-customer.request.json"
    body = json.loads(path.read_text(encoding="utf-8"))
    for operation in OPERATIONS:
        assert schema_valid(body, json_schema(operation))


# --- the schema itself ---------------------------------------------------------------------------


def _refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        return [v for k, v in node.items() if k == "$ref"] + [
            r for v in node.values() for r in _refs(v)
        ]
    if isinstance(node, list):
        return [r for v in node for r in _refs(v)]
    return []


@pytest.mark.parametrize("operation", OPERATIONS)
@pytest.mark.parametrize("batch", [False, True])
def test_the_schema_resolves_when_embedded_in_an_openapi_document(
    operation: str, batch: bool
) -> None:
    schema = json_schema(operation, batch=batch)
    assert _refs({k: v for k, v in schema.items() if k != "$defs"}) == []  # self-contained
    # With refs into components, every ref points at a schema the caller can put there.
    referenced = json_schema(operation, batch=batch, ref_template="#/components/schemas/{model}")
    defs = referenced.pop("$defs")
    document = {"components": {"schemas": {**defs, "Body": referenced}}}
    for ref in _refs(document):
        name = ref.removeprefix("#/components/schemas/")
        assert name in document["components"]["schemas"], ref
    body = {"customers" if batch else "customer": [] if batch else {"customerNo": "1"}}
    resolver_schema = {**referenced, "components": document["components"]}
    assert jsonschema.Draft202012Validator(resolver_schema).is_valid(body) == (
        batch or operation == "update"
    )


def test_titles_are_readable_and_policy_is_marked() -> None:
    customer = json_schema()["properties"]["customer"]
    props = customer["properties"]
    assert props["customerNo"]["title"] == "Customer number"
    assert all(p["title"][0].isupper() for p in props.values())
    assert "Customerno" not in json.dumps(json_schema())
    name = props["name"]
    assert name["maxLength"] == 100 and name["minLength"] == 1
    assert name["x-armvalidate-source"] == "policy"
    assert set(name["x-armvalidate-policy"]) == {"maxLength", "minLength", "pattern"}
    due = props["dueDays"]["anyOf"][0]
    assert (due["minimum"], due["maximum"]) == (-(2**31), 2**31 - 1)
    assert props["dueDays"]["x-armvalidate-policy"] == ["maximum", "minimum"]
    assert props["options"]["anyOf"][0]["maxItems"] == 100
    assert props["vatLiable"].get("x-armvalidate-source") is None  # type only: the docs'
    einvoice = props["distribution"]["anyOf"][0]["properties"]["einvoiceCode"]
    assert einvoice["anyOf"][0]["maximum"] == 2**31 - 1


def test_a_profile_sets_the_schema_lengths() -> None:
    short = Profile(max_lengths={"name": 5})
    name = json_schema(profile=short)["properties"]["customer"]["properties"]["name"]
    assert name["maxLength"] == 5
    body = {"customer": {"customerNo": "1", "name": "Kari Nordmann"}}
    assert not schema_valid(body, json_schema(profile=short))
    assert structure_findings(validate_customer(body, profile=short, today=TODAY))


# --- the other faces -----------------------------------------------------------------------------


def test_the_profile_defaults_are_the_contract() -> None:
    assert DEFAULT_MAX_LENGTHS is contract.DEFAULT_MAX_LENGTHS
    assert PRODUCTION.max_lengths == dict(contract.DEFAULT_MAX_LENGTHS)
    assert set(PRODUCTION.code_lists) == set(contract.CODE_LIST_FIELDS)


def test_the_models_are_the_contract() -> None:
    from armvalidate import models

    assert tuple(models.Customer.model_fields) == contract.CUSTOMER_KEYS
    assert tuple(models.PostalAddress.model_fields) == contract.ADDRESS_KEYS
    assert tuple(models.Distribution.model_fields) == contract.DISTRIBUTION_KEYS
    assert models.READ_ONLY_KEYS is contract.READ_ONLY_KEYS
    for key, field in contract.CUSTOMER.items():
        assert models.Customer.model_fields[key].title == field.title
        assert models.Customer.model_fields[key].is_required() == ("create" in field.required)


def test_the_csv_layout_has_a_column_for_every_key() -> None:
    from armvalidate.files import default_layout

    columns = set(default_layout().kinds)
    expected = {f"metadata.{k}" for k in contract.METADATA_KEYS}
    for key, field in contract.CUSTOMER.items():
        if field.keys is None:
            expected.add(key)
        else:
            expected.update(f"{key}.{sub}" for sub in field.keys)
    assert columns == expected


def test_the_strategies_key_lists_are_the_contract() -> None:
    from armvalidate.strategies import _customer

    assert _customer.CUSTOMER_KEYS is contract.CUSTOMER_KEYS


@SETTINGS
@given(customer=customers(operation="create", today=TODAY))
def test_every_key_the_strategies_draw_is_in_the_contract(customer: dict[str, Any]) -> None:
    assert set(customer) <= set(contract.CUSTOMER_KEYS)
    for key, value in customer.items():
        keys = contract.CUSTOMER[key].keys
        if keys is not None and isinstance(value, dict):
            assert set(value) <= set(keys)


def test_the_schema_is_a_fresh_copy_each_time() -> None:
    first = json_schema()
    second = copy.deepcopy(json_schema())
    first["properties"]["customer"]["properties"]["name"]["maxLength"] = 1
    assert json_schema() == second
