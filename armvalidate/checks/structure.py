"""The structure stage: keys, JSON types, required keys, list sizes and integer ranges.

It runs once per payload, first after decoding: :func:`check_structure` validates the body with
a pydantic-core validator compiled from :mod:`armvalidate.contract` (one per operation and form,
built on first use) and turns its errors into findings with our rule ids, never echoing the
input in a message. The field and cross-field rules run after it, on whatever it found.

Room: imports the catalog, the contract, the checks' context and the rule objects it reports
(``number.not-finite``, ``length.max-items``); pydantic-core only when the first payload comes.

>>> suggest("customerno", ["customerNo", "name"])
'customerNo'
>>> suggest("emailAdress", ["emailAddressDocument", "secondaryEmailAddress"])
'emailAddressDocument'
>>> suggest("customer_no", ["customerNo", "name"])
'customerNo'
>>> suggest("zzz", ["customerNo"]) is None
True
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from armvalidate.catalog import Severity, declare
from armvalidate.checks._context import PII_KEYS, Context
from armvalidate.checks.lengths import MAX_ITEMS
from armvalidate.checks.numbers import NOT_FINITE
from armvalidate.contract import (
    ADDRESS_KEYS,
    BATCH_KEYS,
    CUSTOMER,
    CUSTOMER_KEYS,
    DISTRIBUTION_KEYS,
    ENVELOPE_KEYS,
    METADATA,
    METADATA_KEYS,
    READ_ONLY_KEYS,
    Field,
)
from armvalidate.decode import JSON
from armvalidate.fields import Path, key_text

if TYPE_CHECKING:
    from pydantic_core import CoreSchema, SchemaValidator

__all__ = [
    "FORMS",
    "JSON",
    "RANGE",
    "READ_ONLY",
    "REQUIRED",
    "TYPE",
    "UNKNOWN_FIELD",
    "a_type",
    "check_blank_required",
    "check_structure",
    "json_type",
    "suggest",
    "translate_errors",
    "validator",
]
TYPE = declare(
    "schema.type",
    severity=Severity.ERROR,
    server_refusal=True,
    summary="A value has the wrong JSON type (a number where a string belongs, ...).",
    example='"yearOfBirth": "1956"',
    source="policy",
    ref=(
        'The docs give the JSON types only by example ("customerNo": "543210", '
        '"yearOfBirth": 1956); that a value of another type is refused is not stated.'
    ),
    doc=(
        "JSON types are strict: strings are strings (an integer is no customerNo or postal "
        'code: it has lost its leading zeros), integers are integers (not "17", not 17.5, '
        "not true), numbers accept integers, booleans are true or false, lists are arrays, "
        "postalAddress, distribution and metadata are objects. null is accepted for every key "
        "except the required ones, in create and update alike; list entries may not be null. "
        "The message names the expected and the found type, never the value."
    ),
)
REQUIRED = declare(
    "schema.required",
    severity=Severity.ERROR,
    server_refusal=True,
    summary="A required key is missing, null or blank (customerNo; name on create; customer).",
    example='{"customer": {"name": "Kari"}}',
    source="arm-docs",
    ref=(
        'customerNo: POST "create one customer; if customerNo exists already it is '
        'updated instead" (the key of the upsert), and the body is the envelope '
        '{"metadata": ..., "customer": {...}}. name on create is our policy: the docs '
        "list no required flags."
    ),
    doc=(
        "create (POST) requires customerNo and name, update (PUT) and upsert (POST for a "
        "customer that may exist) only customerNo; the envelope requires customer. The key "
        "must be present, not null, and (customerNo, name) not empty or only whitespace. "
        "Reported at the pointer the key would have, e.g. /customer/name. Under the arm "
        "profile a missing name is a warning: the docs state only customerNo (the upsert key)."
    ),
)
UNKNOWN_FIELD = declare(
    "schema.unknown-field",
    severity=Severity.ERROR,
    summary="A key the API does not know (a typo?): the data it holds may not arrive.",
    example='"emailAdress": ["kari@example.no"]',
    source="policy",
    ref=(
        "The keys are those of the docs' examples, and the docs state \"Keys are "
        'camelCase and case-sensitive"; what the server does with an unknown key '
        "(refuse, ignore) is not stated."
    ),
    doc=(
        "Keys are camelCase and case-sensitive. A key that is no key of its object (customer, "
        "postalAddress, distribution, metadata, the envelope) is an error; the message "
        "suggests the known key it most resembles (a case-insensitive match, the same letters "
        "without '_' or '-', or a close spelling). A customer key sent outside the customer "
        "object is named as such. Keys that are not strings (possible only in Python input) "
        "are reported here too."
    ),
)
READ_ONLY = declare(
    "schema.read-only",
    severity=Severity.WARNING,
    summary="A key that only GET answers carry (clientNo, accountNo, postalReturnStatus, ...).",
    example='"accountNo": 500002',
    source="policy",
    ref=(
        "The docs show clientNo, accountNo, postalReturnStatus, postalReturnDate, "
        "organizationNoScheme, registrationStatusCode, registrationStatusDate and "
        "postalAddressChanged only in answers; they do not say whether a request may "
        "send them."
    ),
    doc=(
        "clientNo, accountNo, postalReturnStatus, postalReturnDate, organizationNoScheme, "
        "registrationStatusCode, registrationStatusDate and postalAddressChanged are set by "
        "the server and carried by its answers (a GET answer fed back as a request sends "
        "them). The docs show "
        "them only in answers and do not say whether the server refuses, ignores or stores "
        "them in a request, so this is a warning (switch it off with severity "
        '"schema.read-only" = "off", or make it an error).'
    ),
)

RANGE = declare(
    "schema.range",
    severity=Severity.ERROR,
    summary="An integer is outside what its field holds (dueDays, einvoiceCode: 32 bits).",
    example='"dueDays": 9223372036854775808',
    source="policy",
    ref=(
        "The docs show dueDays and einvoiceCode as JSON integers (17; 0, 90) and state no range; "
        "32 bits is our assumption of what the server stores."
    ),
    doc=(
        "dueDays and distribution.einvoiceCode are 32-bit integers, -2147483648 to 2147483647 "
        "(the API states no range; a larger number cannot be a number of days or a code, and "
        "a server storing 32-bit integers cannot take it). A number outside is an error; the "
        "message names the range, not the value. Negative values inside the range are "
        "number.range warnings."
    ),
)

_ENVELOPE_KEYS = ENVELOPE_KEYS
_BATCH_KEYS = BATCH_KEYS
_KEYS_BY_PARENT: Mapping[str, Sequence[str]] = {
    "postalAddress": ADDRESS_KEYS,
    "distribution": DISTRIBUTION_KEYS,
    "metadata": METADATA_KEYS,
}
_CUSTOMER_KEY_SET = frozenset(CUSTOMER_KEYS)

_EXPECTED = {
    "string_type": "a string",
    "string_sub_type": "a string",
    "int_type": "an integer",
    "float_type": "a number",
    "bool_type": "true or false",
    "list_type": "an array",
    "dict_type": "an object",
    "model_type": "an object",
    "model_attributes_type": "an object",
}


def json_type(value: object) -> str:
    """The JSON name of a Python value's type, for messages that must not echo the value.

    >>> json_type(1), json_type(True), json_type(None), json_type([]), json_type(1.5)
    ('integer', 'boolean', 'null', 'array', 'number')
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, (list, tuple)):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


def _squash(key: str) -> str:
    return key.replace("_", "").replace("-", "").replace(" ", "").casefold()


# "Did you mean" hints cost a difflib comparison per unknown key (~0.1 ms): only keys of a
# plausible length get one, and only the first _MAX_HINTS unknown keys of one payload, so a
# record of thousands of junk keys (or one huge key) stays cheap.
_MAX_HINT_KEY_LENGTH = 40
_MAX_HINTS = 100


def suggest(key: str, known: Iterable[str]) -> str | None:
    """The known key that ``key`` most likely meant, or None.

    Keys longer than 40 characters get no suggestion.
    """
    if len(key) > _MAX_HINT_KEY_LENGTH:
        return None
    if key.__class__ is str:  # (a str subclass could spell itself otherwise: not cached)
        return _suggest_cached(key, tuple(known))
    return _suggest(key, list(known))


@functools.lru_cache(maxsize=1024)
def _suggest_cached(key: str, known: tuple[str, ...]) -> str | None:
    # The same misspelt key tends to come in every record of a file.
    return _suggest(key, known)


def _suggest(key: str, known: Sequence[str]) -> str | None:
    squashed = _squash(key)
    for candidate in known:
        if _squash(candidate) == squashed:
            return candidate
    lowered = {k.casefold(): k for k in known}
    match = difflib.get_close_matches(key.casefold(), list(lowered), n=1, cutoff=0.6)
    return lowered[match[0]] if match else None


def _describe_unknown(
    key: object, parent: str, batch: bool, *, hint: bool = True
) -> tuple[bool, str, dict[str, Any]]:
    """(read_only, message, context) for an unknown key below ``parent``; ``hint=False``
    leaves out the "did you mean" search."""
    text = key_text(key)
    if not isinstance(key, str):
        return False, f"object keys must be strings; {text} is {a_type(json_type(key))}", {}
    if parent == "customer" and key in READ_ONLY_KEYS:
        return (
            True,
            f"{key} is read-only: the docs show it only in answers (a request need not send it)",
            {"found": key},
        )
    if parent == "customer":
        known: Sequence[str] = CUSTOMER_KEYS
        where = "the customer object"
    elif parent in _KEYS_BY_PARENT:
        known = _KEYS_BY_PARENT[parent]
        where = f"{parent}"
    else:
        known = _BATCH_KEYS if batch else _ENVELOPE_KEYS
        where = "the request body"
    context: dict[str, Any] = {"found": key}
    if key == "customers" and not batch:
        message = "customers is the key of a batch body; validate it with validate_batch"
    elif parent != "customer" and parent not in _KEYS_BY_PARENT and key in _CUSTOMER_KEY_SET:
        message = f"{key} is a key of the customer object; put it inside customer"
    elif parent == "customer" and key in _KEYS_BY_PARENT["postalAddress"]:
        message = f"{key} belongs inside postalAddress"
    else:
        guess = suggest(key, known) if hint else None
        message = f"{where} has no key {key}; its data may not arrive"
        if guess is not None:
            message += f" (did you mean {guess}?)"
            context["expected"] = guess
    return False, message, context


def _parent_name(loc: Sequence[Any], root_is_customer: bool) -> str:
    """Which object holds the last key of ``loc`` (a path relative to the validated value)."""
    keys = [p for p in loc[:-1] if isinstance(p, str)]
    if root_is_customer:
        return keys[-1] if keys else "customer"
    if not keys:
        return "root"
    if keys[0] in ("customer", "customers"):
        return keys[-1] if len(keys) > 1 else "customer"
    return keys[-1]


def _server_severity(
    ctx: Context, loc: Sequence[Any], root_is_customer: bool, *, missing: bool = True
) -> Severity | None:
    """Under a profile that predicts the server (``arm``), a schema.required or schema.type
    finding stays an error only where the server cannot process the body: a missing or null
    customerNo (the upsert key; ``missing``), customer or customers, and a customer that is
    no object. Everything else (a missing name, a customerNo or any value of another type) is
    a warning. None: the rule's own severity (every other profile)."""
    if not ctx.tables.predict_server:
        return None
    if root_is_customer:
        keys = tuple(loc)
    elif loc[:1] == ("customer",):
        keys = tuple(loc[1:])
    elif loc[:1] == ("customers",):
        keys = tuple(loc[2:])
    else:
        return Severity.WARNING  # metadata
    if not keys or (missing and keys == ("customerNo",)):
        return None  # the customer (or a batch's customers, or one of them), its customerNo
    return Severity.WARNING


def _span(low: int | None, high: int | None) -> str:
    """The range of an integer field in words. The 32-bit bounds are written as powers of two:
    their twenty digits side by side would read as a personal number to the masking."""
    if (low, high) == (-(1 << 31), (1 << 31) - 1):
        return "a 32-bit integer, from -2^31 to 2^31-1"
    return f"an integer from {low} to {high}"


def _object_loc(loc: tuple[Any, ...]) -> bool:
    """Does ``loc`` point at an object (the root, a customer, a nested object)?"""
    if not loc:
        return True
    last = loc[-1]
    if isinstance(last, int):
        return len(loc) >= 2 and loc[-2] == "customers"
    return last == "customer" or last in _KEYS_BY_PARENT


def translate_errors(
    ctx: Context,
    base: Path,
    errors: Iterable[Mapping[str, Any]],
    *,
    root_is_customer: bool,
    batch: bool = False,
) -> None:
    """Turn pydantic's errors (``ValidationError.errors()``) into findings below ``base``."""
    hints = _MAX_HINTS
    for error in errors:
        loc = tuple(error["loc"])
        kind = error["type"]
        if kind == "string_unicode" and _object_loc(loc):
            # a key that is no text (a lone surrogate, "\ud800"): pydantic reports it at the
            # object that holds it, with the key as the input
            loc, kind = (*loc, error.get("input")), "invalid_key"
        path = base + loc
        found = error.get("input")
        value = _scalar(found)
        last = loc[-1] if loc else ""
        pii = any(part in PII_KEYS for part in loc if isinstance(part, str))
        if kind == "missing":
            ctx.emit(
                REQUIRED,
                path,
                f"{key_text(last)} is required",
                context={"expected": "present"},
                severity=_server_severity(ctx, loc, root_is_customer),
            )
        elif kind in ("extra_forbidden", "invalid_key"):
            read_only, message, context = _describe_unknown(
                last, _parent_name(loc, root_is_customer), batch, hint=hints > 0
            )
            hints -= 1
            rule = READ_ONLY if read_only else UNKNOWN_FIELD
            ctx.emit(rule, path, message, context=context, value=value, pii=pii)
        elif kind == "finite_number":
            message = f"{key_text(last)} must be a finite number, not NaN or Infinity"
            ctx.emit(NOT_FINITE, path, message, value=value)
        elif kind == "too_long":  # a list with more entries than allowed: one finding
            limits = error.get("ctx") or {}
            most, found_length = limits.get("max_length"), limits.get("actual_length")
            ctx.emit(
                MAX_ITEMS,
                path,
                f"{key_text(last)} has {found_length} entries; at most {most} are allowed",
                context={"expected": most, "found": found_length},
            )
        elif kind in _RANGE_ERRORS:
            field = _FIELDS.get(last) if isinstance(last, str) else None
            low, high = (field.minimum, field.maximum) if field is not None else (None, None)
            span = _span(low, high)
            ctx.emit(
                RANGE,
                path,
                f"{key_text(last)} is out of range; expected {span}",
                context={"expected": span},
                value=value,
            )
        else:
            expected = _EXPECTED.get(kind, "another type")
            if found is None and isinstance(last, str):
                ctx.emit(
                    REQUIRED,
                    path,
                    f"{last} is required and may not be null",
                    context={"expected": expected, "found": "null"},
                    severity=_server_severity(ctx, loc, root_is_customer),
                )
                continue
            what = key_text(last) if isinstance(last, str) else "this entry"
            message = f"{what} must be {expected}, not {a_type(json_type(found))}"
            if kind == "float_type" and isinstance(found, int) and not isinstance(found, bool):
                message = f"{what} is too large to be a number"
            ctx.emit(
                TYPE,
                path,
                message,
                context={"expected": expected, "found": json_type(found)},
                severity=_server_severity(ctx, loc, root_is_customer, missing=False),
                value=value,
                pii=pii,
            )


_HUGE = 10**4000  # Python refuses to print integers of more than 4300 digits


def _scalar(value: Any) -> Any:
    """The raw value for :attr:`Issue.value`, if it can be shown: a JSON scalar that renders.
    Containers (perhaps huge or cyclic) and unprintable integers are left out (None).

    >>> _scalar("x"), _scalar(1.5), _scalar([1]), _scalar(10**5000)
    ('x', 1.5, None, None)
    """
    if isinstance(value, (str, float, bool)) or value is None:
        return value
    if isinstance(value, int) and -_HUGE < value < _HUGE:
        return value
    return None


def a_type(type_name: str) -> str:
    """A JSON type's name with its article, for messages.

    >>> a_type("integer"), a_type("string"), a_type("null")
    ('an integer', 'a string', 'null')
    """
    if type_name == "null":
        return "null"
    return ("an " if type_name[:1] in "aeiou" else "a ") + type_name


def check_blank_required(ctx: Context, path: Path, value: str) -> None:
    """customerNo (and name, on create) must not be empty or whitespace only."""
    key = path[-1]
    if key == "customerNo" or (key == "name" and ctx.operation == "create"):
        ctx.emit(
            REQUIRED,
            path,
            f"{key} is required and may not be empty",
            context={"expected": "non-empty", "found": "empty" if not value else "whitespace"},
            # under the arm profile a blank name is a warning: the docs require only customerNo
            severity=Severity.WARNING if key == "name" and ctx.tables.predict_server else None,
        )


_RANGE_ERRORS = frozenset({"less_than_equal", "greater_than_equal", "less_than", "greater_than"})
_FIELDS: Mapping[str, Field] = {
    **{key: f for f in CUSTOMER.values() if f.keys for key, f in f.keys.items()},
    **CUSTOMER,
}  # (by the last key of a path: the nested keys are no customer keys)

FORMS: tuple[str, ...] = ("envelope", "customer", "batch")
"""The forms of a body: ``{"metadata", "customer"}``, a bare customer, ``{"metadata",
"customers"}``."""


def _core(field: Field, operation: str) -> CoreSchema:
    """The pydantic-core schema of one key, from the contract."""
    from pydantic_core import core_schema as cs

    kind = field.type
    schema: CoreSchema
    if kind == "string":
        schema = cs.str_schema(strict=True)
    elif kind == "integer":
        schema = cs.int_schema(strict=True, ge=field.minimum, le=field.maximum)
    elif kind == "number":
        schema = cs.float_schema(strict=True, allow_inf_nan=False)
    elif kind == "boolean":
        schema = cs.bool_schema(strict=True)
    elif kind == "array":
        schema = cs.list_schema(cs.str_schema(strict=True), max_length=field.max_items, strict=True)
    else:
        assert field.keys is not None
        schema = _object(field.keys, operation)
    if operation in field.required:
        return schema
    return cs.nullable_schema(schema, strict=True)


def _object(table: Mapping[str, Field], operation: str) -> CoreSchema:
    from pydantic_core import core_schema as cs

    return cs.typed_dict_schema(
        {
            key: cs.typed_dict_field(_core(field, operation), required=operation in field.required)
            for key, field in table.items()
        },
        extra_behavior="forbid",
        strict=True,
    )


def _compile(operation: str, form: str) -> SchemaValidator:
    from pydantic_core import SchemaValidator
    from pydantic_core import core_schema as cs

    customer = _object(CUSTOMER, operation)
    metadata = cs.nullable_schema(_object(METADATA, operation), strict=True)
    if form == "customer":
        schema = customer
    elif form == "envelope":
        schema = cs.typed_dict_schema(
            {
                "metadata": cs.typed_dict_field(metadata, required=False),
                "customer": cs.typed_dict_field(customer),
            },
            extra_behavior="forbid",
            strict=True,
        )
    elif form == "batch":
        schema = cs.typed_dict_schema(
            {
                "metadata": cs.typed_dict_field(metadata, required=False),
                "customers": cs.typed_dict_field(cs.list_schema(customer, strict=True)),
            },
            extra_behavior="forbid",
            strict=True,
        )
    else:
        raise ValueError(f"form must be one of {', '.join(FORMS)}, not {form!r}")
    return SchemaValidator(schema)


_VALIDATORS: dict[tuple[str, str], SchemaValidator] = {}
_RUNS: dict[tuple[str, str], Any] = {}  # (operation, form) -> the validator's validate_python


def validator(operation: str, form: str) -> SchemaValidator:
    """The compiled structure validator of ``operation`` and ``form`` (made on first use)."""
    found = _VALIDATORS.get((operation, form))
    if found is None:
        found = _VALIDATORS[operation, form] = _compile(operation, form)
        _RUNS[operation, form] = found.validate_python
    return found


def structure_errors(data: Any, operation: str, form: str) -> list[Any] | None:
    """pydantic-core's errors on ``data`` (None: the structure is right)."""
    from pydantic_core import ValidationError

    try:
        validator(operation, form).validate_python(data)
    except ValidationError as exc:
        return exc.errors(include_url=False)
    return None


def check_structure(ctx: Context, data: Any, form: str) -> tuple[Path, ...] | None:
    """Check the structure of ``data`` in ``form`` (see :data:`FORMS`) for ``ctx``'s operation;
    report what is wrong. Returns None when nothing was, else the locations of the values
    found wrong (missing keys left out): every other value has the contract's type, so only
    these can be nested deeper than the contract allows."""
    run = _RUNS.get((ctx.operation, form))
    if run is None:
        validator(ctx.operation, form)
        run = _RUNS[ctx.operation, form]
    try:
        run(data)
    except Exception as exc:  # (pydantic_core.ValidationError, not imported on each call)
        from pydantic_core import ValidationError

        if not isinstance(exc, ValidationError):
            raise
        errors = exc.errors(include_url=False)
        root_is_customer = form == "customer"
        translate_errors(ctx, (), errors, root_is_customer=root_is_customer, batch=form == "batch")
        return tuple(tuple(e["loc"]) for e in errors if e["type"] != "missing")
    return None
