"""Structure: pydantic's findings translated into rule ids, without echoing any input.

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
from typing import Any

from armvalidate.catalog import Severity, declare
from armvalidate.checks._context import PII_KEYS, Context
from armvalidate.checks._shape import (
    ADDRESS_KEYS,
    CUSTOMER_KEYS,
    DISTRIBUTION_KEYS,
    METADATA_KEYS,
    READ_ONLY_KEYS,
)
from armvalidate.checks.numbers import NOT_FINITE
from armvalidate.fields import Path, key_text

__all__ = [
    "JSON",
    "READ_ONLY",
    "REQUIRED",
    "TYPE",
    "UNKNOWN_FIELD",
    "a_type",
    "check_blank_required",
    "json_type",
    "suggest",
    "translate_errors",
]

JSON = declare(
    "schema.json",
    severity=Severity.ERROR,
    summary="The payload is no JSON object: not JSON, not decodable, or another top-level type.",
    example="{'customer': {",
    doc=(
        "The payload must be a JSON object (as text, bytes in UTF-8/16/32, or a dict). Text "
        "that does not parse (the message gives line and column), bytes that do not decode, a "
        "number with more than 4300 digits, or a top-level array, string or number is reported "
        "once, at the empty path, and nothing else is checked. Always an error; the profile "
        "cannot switch it off."
    ),
)
TYPE = declare(
    "schema.type",
    severity=Severity.ERROR,
    summary="A value has the wrong JSON type (a number where a string belongs, ...).",
    example='"yearOfBirth": "1956"',
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
    summary="A required key is missing, null or blank (customerNo; name on create; customer).",
    example='{"customer": {"name": "Kari"}}',
    doc=(
        "create (POST) requires customerNo and name, update (PUT) only customerNo; the "
        "envelope requires customer. The key must be present, not null, and (customerNo, name) "
        "not empty or only whitespace. Reported at the pointer the key would have, e.g. "
        "/customer/name."
    ),
)
UNKNOWN_FIELD = declare(
    "schema.unknown-field",
    severity=Severity.ERROR,
    summary="A key the API does not know: the server drops it silently, and the data is lost.",
    example='"emailAdress": ["kari@example.no"]',
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
    severity=Severity.ERROR,
    summary="A key that only GET answers carry (clientNo, accountNo, postalReturnStatus, ...).",
    example='"accountNo": 500002',
    doc=(
        "clientNo, accountNo, postalReturnStatus, postalReturnDate, organizationNoScheme, "
        "registrationStatusCode, registrationStatusDate and postalAddressChanged are set by "
        "the server; a request must not send them (a GET answer fed back as a request does)."
    ),
)

_ENVELOPE_KEYS = ("metadata", "customer")
_BATCH_KEYS = ("metadata", "customers")
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
            f"{key} is read-only: GET answers carry it, requests must not send it",
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
    elif parent not in ("customer", *_KEYS_BY_PARENT) and key in _CUSTOMER_KEY_SET:
        message = f"{key} is a key of the customer object; put it inside customer"
    elif parent == "customer" and key in _KEYS_BY_PARENT["postalAddress"]:
        message = f"{key} belongs inside postalAddress"
    else:
        guess = suggest(key, known) if hint else None
        message = f"{where} has no key {key}; the server would drop it silently"
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
                REQUIRED, path, f"{key_text(last)} is required", context={"expected": "present"}
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
        else:
            expected = _EXPECTED.get(kind, "another type")
            if found is None and isinstance(last, str):
                ctx.emit(
                    REQUIRED,
                    path,
                    f"{last} is required and may not be null",
                    context={"expected": expected, "found": "null"},
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
    if key == "customerNo" or (key == "name" and not ctx.update):
        ctx.emit(
            REQUIRED,
            path,
            f"{key} is required and may not be empty",
            context={"expected": "non-empty", "found": "empty" if not value else "whitespace"},
        )
