"""The JSON Schema of the request bodies, generated from :mod:`armvalidate.models`.

>>> schema = json_schema()
>>> schema["required"], schema["additionalProperties"]
(['customer'], False)
>>> schema["$defs"]["Customer"]["required"]
['customerNo', 'name']
>>> json_schema("update")["$defs"]["CustomerUpdate"]["required"]
['customerNo']
>>> json_schema(batch=True)["required"]
['customers']

The schema covers structure and types only (keys, JSON types, required keys, dates as
``format: date``); the rules (checksums, codes, cross-field checks) are the validator's.
"""

from __future__ import annotations

from typing import Any

__all__ = ["json_schema"]

_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def json_schema(operation: str = "create", *, batch: bool = False) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the request body of ``operation`` (``"create"``:
    POST, ``"update"``: PUT), or of the batch body with ``batch=True``.

    The models (and pydantic) are imported on the first call, not with ``armvalidate``."""
    from armvalidate.models import (
        CustomerBatchRequest,
        CustomerRequest,
        CustomerUpdateBatchRequest,
        CustomerUpdateRequest,
    )

    if operation == "create":
        model: Any = CustomerBatchRequest if batch else CustomerRequest
    elif operation == "update":
        model = CustomerUpdateBatchRequest if batch else CustomerUpdateRequest
    else:
        raise ValueError(f"operation must be 'create' or 'update', not {operation!r}")
    schema: dict[str, Any] = {"$schema": _DIALECT}
    schema.update(model.model_json_schema())
    return schema
