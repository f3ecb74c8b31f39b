"""The JSON Schema of the request bodies, generated from :mod:`armvalidate.contract`.

>>> schema = json_schema()
>>> schema["required"], schema["additionalProperties"]
(['customer'], False)
>>> schema["$defs"]["Customer"]["required"]
['customerNo', 'name']
>>> json_schema("update")["$defs"]["CustomerUpdate"]["required"]
['customerNo']
>>> json_schema(batch=True)["required"]
['customers']
>>> customer_no = schema["properties"]["customer"]["properties"]["customerNo"]
>>> customer_no["title"], customer_no["minLength"], customer_no["maxLength"]
('Customer number', 1, 50)
>>> customer_no["x-armvalidate-source"], customer_no["x-armvalidate-policy"]
('policy', ['maxLength', 'minLength', 'pattern'])

The schema carries what the validator enforces as structure: keys, JSON types, required keys,
``null`` where it is accepted, the most entries of a list (``maxItems``) and the range of
``dueDays`` and ``distribution.einvoiceCode`` (32-bit integers); and the maximum length of each
string (the profile's, default the contract's), ``minLength: 1`` and ``pattern: "\\S"`` (not
blank) on the required strings, dates as ``format: date``. A payload is valid against it exactly
when the validator reports no ``schema.*`` and no ``length.*`` finding (``date.format``, the
identifier, code and cross-field rules are the validator's alone), with one exception JSON
Schema cannot express: it counts ``14.0`` as an integer, the validator does not.

The API's documentation states the keys and JSON types, but no lengths, list sizes or ranges:
those are our policy. Each property that carries such a constraint says so with
``"x-armvalidate-source": "policy"`` and lists the keywords in ``"x-armvalidate-policy"``, so
that a schema-driven tool may drop them to test against the server's own contract.

By default every definition is inlined where it is used (the schema has no ``$ref`` and stays
valid wherever it is embedded, e.g. in an OpenAPI document); the definitions are listed under
``$defs`` as well. With ``ref_template`` (e.g. ``"#/components/schemas/{model}"``) the objects
are referenced instead, and the caller puts ``$defs`` where the template points.

Room: imports the contract (and, for ``profile``, the profile's maximum lengths); no pydantic.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from armvalidate.contract import CUSTOMER, DEFAULT_MAX_LENGTHS, METADATA, OPERATIONS, Field

if TYPE_CHECKING:
    from armvalidate.profile import Profile

__all__ = ["POLICY_KEYWORDS", "json_schema"]

_DIALECT = "https://json-schema.org/draft/2020-12/schema"

POLICY_KEYWORDS: tuple[str, ...] = (
    "maxLength",
    "minLength",
    "pattern",
    "maxItems",
    "minimum",
    "maximum",
)
"""The keywords that carry our policy, not the API docs' contract (see the module docstring)."""

_MODEL_NAMES: Mapping[tuple[str, str], str] = {
    ("create", "customer"): "Customer",
    ("update", "customer"): "CustomerUpdate",
    ("create", "envelope"): "CustomerRequest",
    ("update", "envelope"): "CustomerUpdateRequest",
    ("create", "batch"): "CustomerBatchRequest",
    ("update", "batch"): "CustomerUpdateBatchRequest",
    # upsert has update's structure (only customerNo required); it differs in rules only
    ("upsert", "customer"): "CustomerUpdate",
    ("upsert", "envelope"): "CustomerUpdateRequest",
    ("upsert", "batch"): "CustomerUpdateBatchRequest",
}
_DOCS: Mapping[str, str] = {
    "Metadata": "The request's metadata object.",
    "PostalAddress": "postalAddress: one group; an update that sends any of it replaces all of it.",
    "Distribution": "distribution: how documents reach the customer.",
    "Customer": "A customer object as POST sends it: customerNo and name are required.",
    "CustomerUpdate": "A customer object as PUT sends it: only customerNo is required.",
    "CustomerRequest": "The body of POST /clients/{clientno}/customers.",
    "CustomerUpdateRequest": "The body of PUT /clients/{clientno}/customers.",
    "CustomerBatchRequest": "The body of POST /clients/{clientno}/customers/batches.",
    "CustomerUpdateBatchRequest": "The body of PUT /clients/{clientno}/customers/batches.",
}
_NESTED_NAMES = {"postalAddress": "PostalAddress", "distribution": "Distribution"}


class _Builder:
    def __init__(self, lengths: Mapping[str, int], ref_template: str | None) -> None:
        self.lengths = lengths
        self.ref_template = ref_template
        self.defs: dict[str, Any] = {}

    def use(self, name: str, schema: dict[str, Any]) -> dict[str, Any]:
        """A definition where it is used: inline, or a reference to ``$defs``."""
        self.defs.setdefault(name, schema)
        if self.ref_template is None:
            return schema
        return {"$ref": self.ref_template.format(model=name)}

    def field(self, field: Field, path: str, operation: str) -> dict[str, Any]:
        policy: list[str] = []
        branch: dict[str, Any]
        if field.type == "object":
            assert field.keys is not None
            name = _NESTED_NAMES[field.key]
            branch = self.use(name, self.obj(name, field.keys, f"{path}.", operation))
        else:
            branch = {"type": field.type}
            length = self.lengths.get(path)
            if field.type == "string":
                if length is not None:
                    branch["maxLength"] = length
                    policy.append("maxLength")
                if operation in field.required:
                    branch["minLength"] = 1
                    branch["pattern"] = "\\S"
                    policy += ["minLength", "pattern"]
                if field.date:
                    branch["format"] = "date"
            elif field.type == "array":
                items: dict[str, Any] = {"type": "string"}
                if length is not None:
                    items["maxLength"] = length
                    policy.append("maxLength")
                branch["items"] = items
                if field.max_items is not None:
                    branch["maxItems"] = field.max_items
                    policy.append("maxItems")
            elif field.type == "integer":
                if field.minimum is not None:
                    branch["minimum"] = field.minimum
                    policy.append("minimum")
                if field.maximum is not None:
                    branch["maximum"] = field.maximum
                    policy.append("maximum")
        out: dict[str, Any]
        if operation in field.required:
            out = {**branch}
        else:
            out = {"anyOf": [branch, {"type": "null"}], "default": None}
        out["title"] = field.title
        out["description"] = field.description
        if field.date:
            out["format"] = "date"
        if policy:
            out["x-armvalidate-source"] = "policy"
            out["x-armvalidate-policy"] = sorted(set(policy))
        return out

    def obj(
        self, name: str, table: Mapping[str, Field], prefix: str, operation: str
    ) -> dict[str, Any]:
        required = [key for key, field in table.items() if operation in field.required]
        out: dict[str, Any] = {
            "title": name,
            "description": _DOCS[name],
            "type": "object",
            "properties": {
                key: self.field(field, f"{prefix}{key}", operation) for key, field in table.items()
            },
            "additionalProperties": False,
        }
        if required:
            out["required"] = required
        return out


def json_schema(
    operation: str = "create",
    *,
    batch: bool = False,
    ref_template: str | None = None,
    profile: Profile | str | None = None,
) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the request body of ``operation`` (``"create"``:
    POST, ``"update"``: PUT), or of the batch body with ``batch=True``.

    ``ref_template`` (e.g. ``"#/components/schemas/{model}"``): refer to the objects' schemas
    instead of inlining them (see the module docstring). ``profile``: the maximum lengths of
    this profile (default: the contract's, as the production profile has them).
    """
    if operation not in OPERATIONS:
        raise ValueError(f"operation must be one of {', '.join(OPERATIONS)}, not {operation!r}")
    if profile is None:
        lengths: Mapping[str, int] = DEFAULT_MAX_LENGTHS
    else:
        from armvalidate.profile import get_profile

        lengths = get_profile(profile).max_lengths
    build = _Builder(lengths, ref_template)
    customer_name = _MODEL_NAMES[operation, "customer"]
    customer = build.use(customer_name, build.obj(customer_name, CUSTOMER, "", operation))
    metadata = build.use("Metadata", build.obj("Metadata", METADATA, "metadata.", operation))
    name = _MODEL_NAMES[operation, "batch" if batch else "envelope"]
    key, value = (
        ("customers", {"type": "array", "items": customer}) if batch else ("customer", customer)
    )
    schema: dict[str, Any] = {
        "$schema": _DIALECT,
        "title": name,
        "description": _DOCS[name],
        "type": "object",
        "properties": {
            "metadata": {"anyOf": [metadata, {"type": "null"}], "default": None},
            key: value,
        },
        "required": [key],
        "additionalProperties": False,
        "$defs": build.defs,
    }
    return schema
