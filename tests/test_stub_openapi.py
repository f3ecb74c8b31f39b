"""The OpenAPI document: generated from the contract, self-contained, and the server conforms
to it (Schemathesis against a running stand-in on 127.0.0.1)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from armvalidate.stub import openapi as openapi_module
from armvalidate.stub.openapi import _date_as_pattern, _walk, openapi_document


def _refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                yield value
            else:
                yield from _refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from _refs(item)


def _resolves(doc: dict[str, Any], ref: str) -> bool:
    assert ref.startswith("#/"), ref
    node: Any = doc
    for part in ref[2:].split("/"):
        part = part.replace("~1", "/").replace("~0", "~")
        if not isinstance(node, dict) or part not in node:
            return False
        node = node[part]
    return True


def test_document_is_self_contained_and_uses_the_contract() -> None:
    import armvalidate

    doc = openapi_document(mode="strict")
    assert doc["openapi"] == "3.1.0"
    text = json.dumps(doc)
    assert "$defs" not in text and '"$schema"' not in text
    assert all(_resolves(doc, ref) for ref in _refs(doc))
    schemas = doc["components"]["schemas"]
    contract = armvalidate.json_schema(ref_template="#/$defs/{model}")
    assert schemas["CustomerRequest"]["properties"].keys() == contract["properties"].keys()
    customer = contract["$defs"]["Customer"]
    assert schemas["Customer"]["properties"].keys() == customer["properties"].keys()
    post = doc["paths"]["/clients/{clientno}/customers"]["post"]
    body = post["requestBody"]["content"]["application/json"]["schema"]
    assert body == {"$ref": "#/components/schemas/CustomerRequest"}
    # the contract itself, refs rewritten
    rewritten = json.loads(json.dumps(customer).replace("#/$defs/", "#/components/schemas/"))
    _walk(rewritten, _date_as_pattern)  # dates: YYYY-MM-DD or blank, as the server takes them
    assert schemas["Customer"] == rewritten
    lenient = openapi_document(mode="lenient")["components"]["schemas"]
    assert lenient["Customer"]["required"] == ["customerNo"]
    assert lenient["Customer"]["properties"].keys() == customer["properties"].keys()
    for path in doc["paths"].values():
        for method, op in path.items():
            if method == "parameters":
                continue
            codes = set(op["responses"])
            assert {"401", "403", "404", "429", "500", "503"} <= codes
            for answer in op["responses"].values():
                assert "application/json" in answer["content"]


def test_nested_defs_and_root_refs_are_hoisted(monkeypatch: pytest.MonkeyPatch) -> None:
    """A contract schema with limits, nested $defs and a self-reference (as a more complete
    contract may give) still makes a self-contained document."""

    def fake(
        operation: str = "create", *, batch: bool = False, ref_template: str = ""
    ) -> dict[str, Any]:
        customer = {
            "type": "object",
            "properties": {
                "customerNo": {"type": "string", "maxLength": 50},
                "postalAddress": {"$ref": "#/$defs/PostalAddress"},
                "self": {"$ref": "#"},
            },
            "required": ["customerNo"],
            "additionalProperties": False,
            "$defs": {"Inner": {"type": "string", "pattern": "^[0-9]+$"}},
        }
        root = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "type": "object",
            "properties": {"customer": {"$ref": "#/$defs/Customer"}},
            "$defs": {
                "Customer": customer,
                "PostalAddress": {
                    "type": "object",
                    "properties": {"postalCode": {"$ref": "#/$defs/Inner"}},
                },
            },
        }
        if batch:
            root["properties"] = {
                "customers": {"type": "array", "items": {"$ref": "#/$defs/Customer"}}
            }
        return root

    monkeypatch.setattr(openapi_module, "json_schema", fake)
    for mode in ("lenient", "strict"):
        doc = openapi_document(mode=mode)
        assert "$defs" not in json.dumps(doc)
        assert all(_resolves(doc, ref) for ref in _refs(doc))
    lenient = openapi_document(mode="lenient")["components"]["schemas"]
    assert "maxLength" not in lenient["Customer"]["properties"]["customerNo"]
    assert lenient["Customer"]["additionalProperties"] is True
    schemas = openapi_document(mode="strict")["components"]["schemas"]
    assert (
        schemas["Customer"]["properties"]["customerNo"]["maxLength"] == 50
    )  # requests keep limits
    stored = schemas["StoredCustomer"]
    assert "maxLength" not in stored["properties"]["customerNo"]  # answers are relaxed
    assert "pattern" not in schemas["StoredInner"]


# -- conformance ---------------------------------------------------------------------------

schemathesis = pytest.importorskip("schemathesis")
pytest.importorskip("starlette")
pytest.importorskip("uvicorn")

from hypothesis import HealthCheck, settings  # noqa: E402

from armvalidate.stub import serve  # noqa: E402


@pytest.fixture(scope="module")
def live() -> Iterator[Any]:
    with serve(token="conformance") as server:
        yield server


LENIENT = schemathesis.openapi.from_dict(openapi_document(mode="lenient"))


@LENIENT.parametrize()
@settings(
    max_examples=12,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_the_server_conforms_to_its_document(case: Any, live: Any) -> None:
    """Every check Schemathesis has (no 500s, documented status codes and content types,
    answers matching their schemas, schema-valid bodies accepted, invalid ones refused)."""
    case.call_and_validate(base_url=live.url, headers={"Authorization": f"Bearer {live.token}"})


@pytest.fixture(scope="module")
def live_strict() -> Iterator[Any]:
    with serve(token="conformance", mode="strict") as server:
        yield server


STRICT = schemathesis.openapi.from_dict(openapi_document(mode="strict"))


@STRICT.parametrize()
@settings(
    max_examples=6,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_the_strict_server_conforms_to_its_document(case: Any, live_strict: Any) -> None:
    """Strict mode refuses schema-valid bodies that break a rule (a checksum, a code: 422, as
    documented), so the one check left out is "every schema-valid body is accepted"."""
    from schemathesis.specs.openapi.checks import positive_data_acceptance

    case.call_and_validate(
        base_url=live_strict.url,
        headers={"Authorization": f"Bearer {live_strict.token}"},
        excluded_checks=[positive_data_acceptance],
    )
