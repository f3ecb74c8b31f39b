"""Pydantic models of the ARM customer request bodies, built from :mod:`armvalidate.contract`.

For users who want model instances (and for ``st.from_type``): the validator itself checks
structure with a pydantic-core validator compiled from the same contract
(:mod:`armvalidate.checks.structure`), so the two cannot drift apart.

The keys are the API's camelCase keys, exactly. Every model forbids unknown keys, and every model
is strict about JSON types: a string where an integer is expected is an error, an integer is fine
where a number is expected, ``true`` is not an integer, and NaN or Infinity is no number. Lists
hold at most the contract's number of entries, and ``dueDays``/``einvoiceCode`` are 32-bit
integers. Dates are strings here; whether they are real ``YYYY-MM-DD`` dates is the rule
``date.format``. There are no business rules in these models: those live in
:mod:`armvalidate.checks`, where each has a rule id.

``null`` is accepted for every key except the required ones (``customerNo``; ``name`` on create):
on an update it means "leave the stored value unchanged", and on a create it means the same as
leaving the key out.

>>> body = {"metadata": {"userId": "TestUser"}, "customer": {"customerNo": "1", "name": "Kari"}}
>>> CustomerRequest.model_validate(body).customer.name
'Kari'
>>> sorted(CustomerRequest.model_fields)
['customer', 'metadata']
>>> "clientNo" in READ_ONLY_KEYS
True

Room: imports pydantic and the contract only.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, create_model
from pydantic import Field as PydanticField

from armvalidate.contract import (
    CUSTOMER,
    CUSTOMER_KEYS,
    DISTRIBUTION,
    METADATA,
    POSTAL_ADDRESS,
    READ_ONLY_KEYS,
    Field,
)

__all__ = [
    "CUSTOMER_KEYS",
    "READ_ONLY_KEYS",
    "Customer",
    "CustomerBatchRequest",
    "CustomerRequest",
    "CustomerUpdate",
    "CustomerUpdateBatchRequest",
    "CustomerUpdateRequest",
    "Distribution",
    "Metadata",
    "PostalAddress",
]

_CONFIG = ConfigDict(extra="forbid", strict=True, allow_inf_nan=False)


def _annotation(field: Field, nested: Mapping[str, type[BaseModel]]) -> Any:
    if field.type == "string":
        return str
    if field.type == "integer":
        return Annotated[int, PydanticField(ge=field.minimum, le=field.maximum)]
    if field.type == "number":
        return float
    if field.type == "boolean":
        return bool
    if field.type == "array":
        return Annotated[list[str], PydanticField(max_length=field.max_items)]
    return nested[field.key]


def _model(
    name: str,
    doc: str,
    table: Mapping[str, Field],
    operation: str = "update",
    nested: Mapping[str, type[BaseModel]] | None = None,
) -> type[BaseModel]:
    fields: dict[str, Any] = {}
    for key, field in table.items():
        annotation = _annotation(field, nested or {})
        extra: dict[str, Any] | None = {"format": "date"} if field.date else None
        if operation in field.required:
            info = PydanticField(
                title=field.title, description=field.description, json_schema_extra=extra
            )
            fields[key] = (annotation, info)
        else:
            info = PydanticField(
                None, title=field.title, description=field.description, json_schema_extra=extra
            )
            fields[key] = (annotation | None, info)
    model: type[BaseModel] = create_model(
        name, __config__=_CONFIG, __doc__=doc, __module__=__name__, **fields
    )
    return model


Metadata = _model("Metadata", "The request's ``metadata`` object.", METADATA)
PostalAddress = _model(
    "PostalAddress",
    "``postalAddress``: one group; an update that sends any of it replaces all of it.",
    POSTAL_ADDRESS,
)
Distribution = _model(
    "Distribution", "``distribution``: how documents reach the customer.", DISTRIBUTION
)
_NESTED = {"postalAddress": PostalAddress, "distribution": Distribution}
CustomerUpdate = _model(
    "CustomerUpdate",
    "A customer object as ``PUT`` sends it: only ``customerNo`` is required.",
    CUSTOMER,
    "update",
    _NESTED,
)
Customer = _model(
    "Customer",
    "A customer object as ``POST`` sends it: ``customerNo`` and ``name`` are required.",
    CUSTOMER,
    "create",
    _NESTED,
)


def _body(name: str, doc: str, key: str, annotation: Any) -> type[BaseModel]:
    fields: dict[str, Any] = {"metadata": (Metadata | None, None), key: (annotation, ...)}
    model: type[BaseModel] = create_model(
        name, __config__=_CONFIG, __doc__=doc, __module__=__name__, **fields
    )
    return model


CustomerRequest = _body(
    "CustomerRequest", "The body of ``POST /clients/{clientno}/customers``.", "customer", Customer
)
CustomerUpdateRequest = _body(
    "CustomerUpdateRequest",
    "The body of ``PUT /clients/{clientno}/customers``.",
    "customer",
    CustomerUpdate,
)
CustomerBatchRequest = _body(
    "CustomerBatchRequest",
    "The body of ``POST /clients/{clientno}/customers/batches`` (the docs' shape for document "
    "batches, by analogy).",
    "customers",
    list[Customer],  # type: ignore[valid-type]
)
CustomerUpdateBatchRequest = _body(
    "CustomerUpdateBatchRequest",
    "The body of ``PUT /clients/{clientno}/customers/batches``.",
    "customers",
    list[CustomerUpdate],  # type: ignore[valid-type]
)

# CUSTOMER_KEYS and READ_ONLY_KEYS: the contract's (imported above), offered here as before.
