"""The OpenAPI 3.1 document of the stand-in, generated from the single contract.

The request bodies are :func:`armvalidate.json_schema` (create, update, and their batches);
their ``$defs`` move to ``components/schemas`` and every ``$ref`` is rewritten, so the document
is self-contained whatever the contract's schema nests. Customers in answers use a relaxed copy
of the contract (types kept, limits dropped: lenient mode stores what it only warns about).
Standard library only: no server stack needed.

>>> doc = openapi_document()
>>> doc["openapi"], sorted(doc["paths"])[0]
('3.1.0', '/clients/{clientno}/batches/{batchuuid}')
>>> "$defs" in str(doc)
False
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

from armvalidate.schema import json_schema

__all__ = ["openapi_document"]

_DEFS = "#/$defs/"
_COMPONENTS = "#/components/schemas/"
# Keywords a relaxed (answer) schema drops: lenient mode stores values it only warns about.
_LIMITS = frozenset(
    {
        "maxLength",
        "minLength",
        "pattern",
        "format",
        "maxItems",
        "minItems",
        "uniqueItems",
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "multipleOf",
        "enum",
        "const",
        "required",
        "examples",
        "default",
    }
)


def _walk(node: Any, fn: Callable[[dict[str, Any]], None]) -> None:
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            fn(item)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def _hoist(schema: dict[str, Any], root_name: str, into: dict[str, Any], prefix: str = "") -> None:
    """Move ``schema`` (a root JSON Schema) and all its ``$defs`` (at any depth) into ``into``,
    named ``root_name`` and ``prefix + def name``; rewrite the refs. A def whose name is taken
    by a different schema is named ``<root_name>_<name>`` instead."""
    original = copy.deepcopy(schema)
    original.pop("$schema", None)
    found_defs: dict[str, Any] = {}

    def collect(node: dict[str, Any]) -> None:
        found = node.pop("$defs", None)
        if isinstance(found, dict):
            for name, sub in found.items():
                found_defs[name] = sub
                _walk(sub, collect)

    _walk(original, collect)
    names = {name: prefix + name for name in found_defs}
    for _ in range(len(names) + 1):
        root, defs = copy.deepcopy(original), copy.deepcopy(found_defs)

        def rewrite(node: dict[str, Any]) -> None:
            ref = node.get("$ref")
            if not isinstance(ref, str):
                return
            if ref == "#":
                node["$ref"] = _COMPONENTS + root_name
            elif ref.startswith(_DEFS):
                name = ref[len(_DEFS) :].split("/", 1)[0]
                rest = ref[len(_DEFS) + len(name) :]
                node["$ref"] = _COMPONENTS + names.get(name, prefix + name) + rest
            elif ref.startswith("#/"):
                node["$ref"] = _COMPONENTS + root_name + ref[1:]

        _walk(root, rewrite)
        for sub in defs.values():
            _walk(sub, rewrite)
        clashes = [n for n, sub in defs.items() if names[n] in into and into[names[n]] != sub]
        if not clashes:
            break
        for name in clashes:
            names[name] = f"{root_name}_{name}"
    else:  # pragma: no cover - each round renames at least one def
        raise ValueError(f"cannot name the schemas of {root_name!r} apart")
    for name, sub in defs.items():
        into[names[name]] = sub
    into[root_name] = root


def _nullable(schema: Any) -> Any:
    """``schema`` or null (the server reads a null value as an absent key)."""
    if not isinstance(schema, dict):
        return schema
    kind = schema.get("type")
    if isinstance(kind, str):
        return schema if kind == "null" else {**schema, "type": [kind, "null"]}
    if isinstance(kind, list):
        return schema if "null" in kind else {**schema, "type": [*kind, "null"]}
    for key in ("anyOf", "oneOf"):
        options = schema.get(key)
        if isinstance(options, list):
            if any(isinstance(o, dict) and o.get("type") == "null" for o in options):
                return schema
            return {**schema, key: [*options, {"type": "null"}]}
    if "$ref" in schema:
        return {"anyOf": [schema, {"type": "null"}]}
    return schema


def _relaxed(schema: Any) -> Any:
    """A copy with limits dropped, any extra key allowed, and every property nullable."""
    if isinstance(schema, list):
        return [_relaxed(s) for s in schema]
    if not isinstance(schema, dict):
        return schema
    out: dict[str, Any] = {}
    for key, value in schema.items():
        if key in _LIMITS:
            continue
        if key == "properties" and isinstance(value, dict):
            out[key] = {k: _nullable(_relaxed(v)) for k, v in value.items()}
        elif key == "additionalProperties":
            out[key] = True
        else:
            out[key] = _relaxed(value)
    return out


def _answer_schemas(schemas: dict[str, Any]) -> None:
    """``StoredCustomer`` and its parts: relaxed copies of the create contract."""
    create = json_schema("create", ref_template=_REFS)
    tmp: dict[str, Any] = {}
    _hoist(create, "CustomerRequest", tmp, prefix="Stored")
    root = tmp.pop("CustomerRequest")
    customer = root.get("properties", {}).get("customer", {})
    ref = _find_ref(customer)
    if ref is not None:
        customer = tmp[ref]
    stored_name = "StoredCustomer"
    body = _relaxed(customer)

    def rename(node: dict[str, Any]) -> None:
        r = node.get("$ref")
        if isinstance(r, str) and ref is not None and r == _COMPONENTS + ref:
            node["$ref"] = _COMPONENTS + stored_name

    for name, sub in tmp.items():
        if name == ref:
            continue
        relaxed = _relaxed(sub)
        _walk(relaxed, rename)
        schemas[name] = relaxed
    _walk(body, rename)
    body.setdefault("type", "object")
    body.setdefault("properties", {}).update(
        {
            "clientNo": {"type": "integer", "description": "The client number (answers only)."},
            "accountNo": {"type": "integer", "description": "Assigned by the server, stable."},
            "organizationNoScheme": {"type": "string", "description": "0192 with organizationNo."},
        }
    )
    body["properties"]["customerNo"] = {"type": "string"}
    body["required"] = ["clientNo", "accountNo", "customerNo"]
    body["additionalProperties"] = True
    schemas[stored_name] = body


def _find_ref(schema: Any) -> str | None:
    if isinstance(schema, dict):
        ref = schema.get("$ref")
        if isinstance(ref, str) and ref.startswith(_COMPONENTS):
            return ref[len(_COMPONENTS) :]
        for key in ("anyOf", "oneOf", "allOf"):
            for sub in schema.get(key, []) or []:
                found = _find_ref(sub)
                if found is not None:
                    return found
    return None


def _ref(name: str) -> dict[str, str]:
    return {"$ref": _COMPONENTS + name}


_STR = {"type": "string"}
_INT = {"type": "integer"}

_FIXED_SCHEMAS: dict[str, Any] = {
    "Warning": {
        "type": "object",
        "description": "A finding the server only warns about; field is the key in PascalCase.",
        "properties": {"field": _STR, "message": _STR},
        "required": ["field", "message"],
    },
    "Finding": {
        "type": "object",
        "description": "A finding that refused the request (rule: armvalidate's rule id).",
        "properties": {"field": _STR, "rule": _STR, "path": _STR, "message": _STR},
        "required": ["field", "rule", "message"],
    },
    "Error": {
        "type": "object",
        "description": "The one shape of every error answer.",
        "properties": {
            "status": {"type": "string", "enum": ["ERROR"]},
            "code": {"type": "integer", "description": "The HTTP status."},
            "error": {"type": "string", "description": "A stable slug, e.g. validation-failed."},
            "message": _STR,
            "errors": {"type": "array", "items": _ref("Finding")},
        },
        "required": ["status", "code", "error", "message", "errors"],
    },
    "CustomerAnswer": {
        "type": "object",
        "description": "The answer to POST and PUT of one customer (the docs' example).",
        "properties": {
            "status": {"type": "string", "enum": ["PROCESSED"]},
            "result": {"type": "string", "enum": ["CREATED", "UPDATED"]},
            "message": _STR,
            "clientNo": _INT,
            "accountNo": _INT,
            "customerNo": _STR,
            "warnings": {"type": "array", "items": _ref("Warning")},
        },
        "required": [
            "status",
            "result",
            "message",
            "clientNo",
            "accountNo",
            "customerNo",
            "warnings",
        ],
    },
    "DeleteAnswer": {
        "type": "object",
        "properties": {
            "status": {"type": "string", "enum": ["PROCESSED"]},
            "result": {"type": "string", "enum": ["DELETED"]},
            "message": _STR,
            "clientNo": _INT,
            "accountNo": _INT,
            "customerNo": _STR,
        },
        "required": ["status", "result", "message", "clientNo", "accountNo", "customerNo"],
    },
    "Summary": {
        "type": "object",
        "properties": {
            "pageNo": _INT,
            "currentPageSize": _INT,
            "pageSizeLimit": _INT,
            "totalPages": _INT,
            "totalCount": _INT,
            "maximumCount": _INT,
            "nextPage": {"type": ["integer", "null"], "description": "The next pageno, or null."},
            "lastPage": {"type": "boolean", "description": "Whether this is the last page."},
            "queryId": _STR,
        },
        "required": [
            "pageNo",
            "currentPageSize",
            "pageSizeLimit",
            "totalPages",
            "totalCount",
            "maximumCount",
            "nextPage",
            "lastPage",
            "queryId",
        ],
    },
    "CustomerList": {
        "type": "object",
        "properties": {
            "summary": _ref("Summary"),
            "customers": {"type": "array", "items": _ref("StoredCustomer")},
        },
        "required": ["summary", "customers"],
    },
    "BatchAccepted": {
        "type": "object",
        "properties": {
            "status": {"type": "string", "enum": ["ACCEPTED"]},
            "message": _STR,
            "batchUuid": {"type": "string", "format": "uuid"},
            "clientNo": _INT,
            "totalCount": _INT,
        },
        "required": ["status", "message", "batchUuid", "clientNo", "totalCount"],
    },
    "BatchItemResult": {
        "type": "object",
        "properties": {
            "index": _INT,
            "customerNo": {"type": ["string", "null"]},
            "status": {"type": "integer", "description": "The status a single request got."},
            "result": {"type": "string", "enum": ["CREATED", "UPDATED", "FAILED"]},
            "accountNo": {"type": ["integer", "null"]},
            "message": _STR,
            "warnings": {"type": "array", "items": _ref("Warning")},
            "errors": {"type": "array", "items": _ref("Finding")},
        },
        "required": [
            "index",
            "customerNo",
            "status",
            "result",
            "accountNo",
            "message",
            "warnings",
            "errors",
        ],
    },
    "BatchStatus": {
        "type": "object",
        "properties": {
            "status": {
                "type": "string",
                "enum": ["PROCESSING", "PROCESSED", "PARTIALLY_PROCESSED"],
            },
            "batchUuid": _STR,
            "clientNo": _INT,
            "totalCount": _INT,
            "processedCount": _INT,
            "failedCount": _INT,
            "results": {"type": "array", "items": _ref("BatchItemResult")},
        },
        "required": [
            "status",
            "batchUuid",
            "clientNo",
            "totalCount",
            "processedCount",
            "failedCount",
            "results",
        ],
    },
}

_ERRORS = {
    "400": (
        "The body is no JSON object (not JSON, not UTF-8, a duplicate key, NaN, nested too "
        "deep), or a bad query parameter."
    ),
    "401": "No valid Bearer token.",
    "403": "The token is not granted this client number.",
    "404": "No such customer, batch, query, page or client number (client numbers are 1-9 digits).",
    "413": "The body is larger than the limit (1 MiB; batches 16 MiB).",
    "415": "A Content-Type that is not JSON.",
    "422": (
        "The content is refused: no customer object, no customerNo, a wrong JSON type; in "
        "strict mode any armvalidate error."
    ),
    "429": "Injected fault: too many requests (see Retry-After).",
    "500": "Injected fault: internal server error (nothing was stored).",
    "503": "Injected fault: service unavailable (see Retry-After).",
}
_RETRY_AFTER = {
    "Retry-After": {"description": "Seconds to wait before retrying.", "schema": {"type": "string"}}
}


def _json(
    schema_name: str, description: str, headers: dict[str, Any] | None = None
) -> dict[str, Any]:
    out: dict[str, Any] = {
        "description": description,
        "content": {"application/json": {"schema": _ref(schema_name)}},
    }
    if headers:
        out["headers"] = headers
    return out


def _operation(
    op_id: str,
    summary: str,
    answers: dict[str, tuple[str, str]],
    errors: tuple[str, ...],
    *,
    body: str | None = None,
    parameters: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    responses = {code: _json(name, text) for code, (name, text) in answers.items()}
    for code in errors:
        responses[code] = _json(
            "Error", _ERRORS[code], _RETRY_AFTER if code in ("429", "503") else None
        )
    out: dict[str, Any] = {"operationId": op_id, "summary": summary, "responses": responses}
    if parameters:
        out["parameters"] = parameters
    if body is not None:
        out["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": _ref(body)}},
        }
    return out


def _param(name: str, where: str, schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {
        "name": name,
        "in": where,
        "required": where == "path",
        "schema": schema,
        "description": description,
    }


NON_BLANK = "[^\\s]"
"""The pattern of a customerNo the server can use: at least one character that is no white
space (the server's own test is the same: :data:`armvalidate.stub.service.BLANK`)."""


#: The contract's objects as ``$defs`` with refs (its default inlines them), so that they can be
#: moved into ``components/schemas`` under their own names (see :func:`_hoist`).
_REFS = "#/$defs/{model}"


DATE_PATTERN = "^(\\s*|[0-9]{4}-[0-9]{2}-[0-9]{2})$"
"""A date field as the stand-in takes it: ``YYYY-MM-DD``, or blank (not set)."""


def _date_as_pattern(node: dict[str, Any]) -> None:
    """The contract marks dates ``format: date``; the server reads a blank date as "not set"
    and refuses any other text that is no ``YYYY-MM-DD`` date (``date.format``). Schema tools
    enforce ``format`` on blank values too, so the request schemas say it with a pattern."""
    if node.get("format") == "date":
        del node["format"]
        for branch in node.get("anyOf", [node]):
            if branch.get("type") == "string":
                branch["pattern"] = DATE_PATTERN


def _request_schemas(schemas: dict[str, Any], mode: str) -> None:
    """The request bodies from the contract. ``strict``: the contract as it is. ``lenient``:
    what lenient mode accepts: the same keys and JSON types, but no limits, no required key
    except ``customer`` and its ``customerNo`` (not blank), and unknown keys allowed (they are
    dropped with a warning). Batch bodies: an object with a ``customers`` array of at most
    10000 entries; each entry is checked when the batch is processed (its result says)."""
    raw: dict[str, Any] = {}
    singles = {"CustomerRequest": "create", "CustomerUpdateRequest": "update"}
    for name, operation in singles.items():
        _hoist(json_schema(operation, ref_template=_REFS), name, raw)
    customer_defs = {_find_ref(raw[n].get("properties", {}).get("customer")) for n in singles}
    for name, operation in (
        ("CustomerBatchRequest", "create"),
        ("CustomerUpdateBatchRequest", "update"),
    ):
        batch = copy.deepcopy(json_schema(operation, batch=True, ref_template=_REFS))
        batch.pop("$defs", None)
        batch.pop("$schema", None)
        props = batch.setdefault("properties", {})
        props["metadata"] = {"description": "As in a single request; not checked on submit."}
        props["customers"] = {
            "type": "array",
            "maxItems": 10000,
            "items": {"description": "A customer object, checked when the batch is processed."},
        }
        batch["type"] = "object"
        batch["required"] = ["customers"]
        batch["additionalProperties"] = True
        raw[name] = batch
    _walk(raw, _date_as_pattern)
    if mode == "strict":
        schemas.update(raw)
        return
    for name, sub in raw.items():
        if name in ("CustomerBatchRequest", "CustomerUpdateBatchRequest"):
            schemas[name] = sub
            continue
        relaxed = _relaxed(sub)
        if name in singles:
            relaxed["required"] = ["customer"]
            customer = sub.get("properties", {}).get("customer")
            relaxed["properties"]["customer"] = _relaxed(customer)  # an object: never null
        if name in customer_defs:
            relaxed["required"] = ["customerNo"]
            number = relaxed.setdefault("properties", {}).get("customerNo", {})
            number = {k: v for k, v in number.items() if k not in ("type", "anyOf")}
            relaxed["properties"]["customerNo"] = {**number, "type": "string", "pattern": NON_BLANK}
        schemas[name] = relaxed


def openapi_document(
    *, server_url: str = "http://127.0.0.1:8080/arm/v1", mode: str = "lenient"
) -> dict[str, Any]:
    """The OpenAPI 3.1 document of the stand-in in ``mode`` (lenient or strict: the request
    bodies differ, see :func:`_request_schemas`). Paths are relative to the base URL
    (``server_url``, the URL ``armvalidate serve`` prints, base path included)."""
    if mode not in ("lenient", "strict"):
        raise ValueError(f"mode must be 'lenient' or 'strict', not {mode!r}")
    schemas: dict[str, Any] = {}
    _request_schemas(schemas, mode)
    _answer_schemas(schemas)
    schemas.update(copy.deepcopy(_FIXED_SCHEMAS))
    client = _param(
        "clientno",
        "path",
        {"type": "integer", "minimum": 0, "maximum": 999999999},
        "Client number.",
    )
    customer_no = _param("customerno", "path", {"type": "string"}, "The customerNo.")
    batch_id = _param("batchuuid", "path", {"type": "string"}, "The batchUuid of a batch.")
    common = ("401", "403", "404", "429", "500", "503")
    writes = ("400", "413", "415", "422")
    list_params = [
        _param(
            "pageSize", "query", _INT, "Page size: default 100, at most 1000; below 5 gives 10."
        ),
        _param(
            "maximumCount", "query", _INT, "Most customers in the query: default and cap 10000."
        ),
        _param("query", "query", _STR, "The queryId of an earlier answer (later pages)."),
        _param("pageno", "query", {"type": "integer", "minimum": 1}, "The page to read (from 1)."),
    ]
    customers = "/clients/{clientno}/customers"
    paths: dict[str, Any] = {
        customers: {
            "parameters": [client],
            "post": _operation(
                "postCustomer",
                "Create a customer, or update it when customerNo exists (upsert).",
                {"200": ("CustomerAnswer", "Processed: CREATED or UPDATED, with warnings.")},
                (*writes, *common),
                body="CustomerRequest",
            ),
            "put": _operation(
                "putCustomer",
                "Update a customer: missing or null keys are kept; postalAddress is one group.",
                {"200": ("CustomerAnswer", "Processed: UPDATED, with warnings.")},
                (*writes, *common),
                body="CustomerUpdateRequest",
            ),
            "get": _operation(
                "listCustomers",
                "List the client's customers, paged.",
                {"200": ("CustomerList", "A page of customers and the query's summary.")},
                ("400", *common),
                parameters=list_params,
            ),
        },
        customers + "/batches": {
            "parameters": [client],
            "post": _operation(
                "postCustomerBatch",
                "Create (upsert) many customers; processed later.",
                {
                    "202": (
                        "BatchAccepted",
                        "Accepted: poll GET /clients/{clientno}/batches/{batchUuid}.",
                    )
                },
                (*writes, *common),
                body="CustomerBatchRequest",
            ),
            "put": _operation(
                "putCustomerBatch",
                "Update many customers; processed later.",
                {
                    "202": (
                        "BatchAccepted",
                        "Accepted: poll GET /clients/{clientno}/batches/{batchUuid}.",
                    )
                },
                (*writes, *common),
                body="CustomerUpdateBatchRequest",
            ),
        },
        customers + "/{customerno}": {
            "parameters": [client, customer_no],
            "get": _operation(
                "getCustomer",
                "Read one customer.",
                {"200": ("StoredCustomer", "The customer, with clientNo and accountNo.")},
                common,
            ),
            "delete": _operation(
                "deleteCustomer",
                "Delete one customer.",
                {"200": ("DeleteAnswer", "Deleted.")},
                common,
            ),
        },
        "/clients/{clientno}/batches/{batchuuid}": {
            "parameters": [client, batch_id],
            "get": _operation(
                "getBatch",
                "The state of a batch: 202 while processing, 200 done, 206 some items failed.",
                {
                    "200": ("BatchStatus", "Every item processed."),
                    "202": ("BatchStatus", "Still processing; poll again."),
                    "206": ("BatchStatus", "Processed; some items failed (see results)."),
                },
                common,
            ),
        },
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "ARM customer API: armvalidate's local stand-in",
            "version": "1",
            "description": (
                "The customer endpoints of the Amili ARM REST API as armvalidate's stand-in "
                "server (armvalidate serve) implements them. Request bodies are armvalidate's "
                f"contract (armvalidate.json_schema), as {mode} mode accepts them. See "
                "docs/server.md."
            ),
        },
        "servers": [{"url": server_url}],
        "security": [{"bearerAuth": []}],
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}},
        },
    }


def openapi_json(*, server_url: str = "http://127.0.0.1:8080/arm/v1", mode: str = "lenient") -> str:
    """The document as JSON text (keys in reading order)."""
    doc = openapi_document(server_url=server_url, mode=mode)
    return json.dumps(doc, indent=2, ensure_ascii=False)
