"""The shape of the request bodies as plain tables, and a fast check that a payload has it.

The pydantic models (:mod:`armvalidate.models`) are the authority on structure: keys, JSON
types, required keys. Building model instances is the most expensive step of validating a
well-formed payload, and importing pydantic the most expensive part of ``import armvalidate``.
This module holds the same keys and types as plain data (``tests/test_validate_fastpath.py``
proves that they are the models' own), so that :func:`fits` can say, for the common well-formed
payload, "the model would report nothing" without importing pydantic at all. It says True only
then: an unknown key, a type it is not sure of (a ``str`` subclass, a huge integer in a number
field), a missing required key or anything else makes it answer False, and the validator runs
the model, whose errors are the findings. So the fast path decides nothing the model would
report; ``tests/test_validate_fastpath.py`` checks that against the models on generated, mutated
and adversarial payloads.

:func:`armvalidate.validate_batch` asks :func:`fits`; :func:`armvalidate.validate_customer` gets
the same verdict from its one pass over the customer object (which looks at every key and value
anyway), with :func:`object_fits` for the nested objects, and runs the model only when that pass
was not sure.

>>> fits({"customer": {"customerNo": "1", "name": "Kari", "dueDays": 14}}, "create", "envelope")
True
>>> fits({"customer": {"customerNo": "1"}}, "create", "envelope")  # name is required on create
False
>>> fits({"customer": {"customerNo": "1"}}, "update", "envelope")
True
>>> fits({"customerNo": "1", "name": "Kari", "dueDays": "14"}, "create", "customer")
False
>>> fits({"customers": [{"customerNo": "1", "name": "Kari"}]}, "create", "batch")
True
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = [
    "ADDRESS_KEYS",
    "CUSTOMER_KEYS",
    "CUSTOMER_TYPES",
    "DISTRIBUTION_KEYS",
    "METADATA_KEYS",
    "METADATA_TYPES",
    "NUMBER",
    "READ_ONLY_KEYS",
    "REQUIRED_KEYS",
    "STRINGS",
    "fits",
    "object_fits",
]

# The JSON type of each key, as the models declare it: str, int or bool (exactly that Python
# type), NUMBER (an int or a finite float), STRINGS (an array of strings), or the table of a
# nested object. null is accepted for every key except the required ones (checked apart).
NUMBER = "number"
STRINGS = "array of strings"

_ADDRESS: Mapping[str, Any] = {
    "addressLine1": str,
    "addressLine2": str,
    "addressLine3": str,
    "postalCode": str,
    "cityName": str,
    "countryText": str,
    "countryCode": str,
}
_DISTRIBUTION: Mapping[str, Any] = {"type": str, "einvoiceCode": int}
_METADATA: Mapping[str, Any] = {"userId": str}

CUSTOMER_TYPES: Mapping[str, Any] = {
    "customerNo": str,
    "name": str,
    "informalName": str,
    "postalAddress": _ADDRESS,
    "customerCategory": str,
    "emailAddressDocument": STRINGS,
    "secondaryEmailAddress": STRINGS,
    "phoneNo": str,
    "secondaryPhoneNo": str,
    "organizationNo": str,
    "ssn": str,
    "ssnCountry": str,
    "dateOfBirth": str,
    "yearOfBirth": int,
    "customerGroupCode": str,
    "priceNetOrGross": str,
    "language": str,
    "currency": str,
    "distribution": _DISTRIBUTION,
    "sellerReference": str,
    "buyerReference": str,
    "bankAccountNo": str,
    "stopReminderUntil": str,
    "stopReminderMemo": str,
    "stopDebtCollectionUntil": str,
    "stopDebtCollectionMemo": str,
    "stopInterestCalcUntil": str,
    "stopInterestCalcMemo": str,
    "efakturaBlockIds": STRINGS,
    "peppolBlockIds": STRINGS,
    "digipostBlockIds": STRINGS,
    "dueDays": int,
    "vatLiable": bool,
    "limitAmount": NUMBER,
    "discountRate": NUMBER,
    "activeStatusWeb": str,
    "customerMessage": str,
    "options": STRINGS,
}
"""Every key of the customer object with its JSON type, in the order of the API's docs."""

REQUIRED_KEYS: Mapping[str, frozenset[str]] = {
    "create": frozenset({"customerNo", "name"}),
    "update": frozenset({"customerNo"}),
    "upsert": frozenset({"customerNo"}),
}
"""The keys that must be present and not null, per operation (checked by name in ``fits``)."""

CUSTOMER_KEYS: tuple[str, ...] = tuple(CUSTOMER_TYPES)
"""Every key of the customer object, in the order of the API's documentation."""
ADDRESS_KEYS: tuple[str, ...] = tuple(_ADDRESS)
"""The keys of ``postalAddress``."""
DISTRIBUTION_KEYS: tuple[str, ...] = tuple(_DISTRIBUTION)
"""The keys of ``distribution``."""
METADATA_KEYS: tuple[str, ...] = tuple(_METADATA)
"""The keys of ``metadata``."""
METADATA_TYPES: Mapping[str, Any] = _METADATA
"""The JSON type of each key of ``metadata``."""

READ_ONLY_KEYS: frozenset[str] = frozenset(
    {
        "clientNo",
        "accountNo",
        "postalReturnStatus",
        "postalReturnDate",
        "organizationNoScheme",
        "registrationStatusCode",
        "registrationStatusDate",
        "postalAddressChanged",
    }
)
"""Keys that GET answers carry and requests must not send."""

# An int in a number field is converted to a float by the model; below this bound it surely
# converts (larger ones are left to the model, which rejects those past the float range).
_FLOAT_INT_BOUND = 1 << 1000


# The class of a plain value of each key (an int in a number field, null, and the entries of
# arrays and nested objects are looked at apart).
def _plain(kind: Any) -> type:
    if kind is NUMBER:
        return float
    if kind is STRINGS:
        return list
    if isinstance(kind, dict):
        return dict
    return kind  # type: ignore[no-any-return]


_PLAIN: Mapping[str, type] = {key: _plain(kind) for key, kind in CUSTOMER_TYPES.items()}


def object_fits(obj: Any, types: Mapping[str, Any]) -> bool:
    """Whether a nested object (postalAddress, distribution, metadata; ``types`` is its table,
    e.g. ``CUSTOMER_TYPES["postalAddress"]``) surely fits: a dict of known keys whose values are
    null or exactly of the key's type (str or int).

    >>> object_fits({"type": "M", "einvoiceCode": 0}, CUSTOMER_TYPES["distribution"])
    True
    >>> object_fits({"type": "M", "einvoiceCode": True}, CUSTOMER_TYPES["distribution"])
    False
    """
    if obj.__class__ is not dict:
        return False
    for key, value in obj.items():
        if key.__class__ is not str:
            return False
        kind = types.get(key)
        if kind is None or (value.__class__ is not kind and value is not None):
            return False
    return True


def _fits_customer(customer: Any, create: bool) -> bool:
    if customer.__class__ is not dict:
        return False
    if customer.get("customerNo").__class__ is not str:
        return False  # missing, null or not a string
    if create and customer.get("name").__class__ is not str:
        return False
    plain = _PLAIN
    for key, value in customer.items():
        if key.__class__ is not str:
            return False
        expected = plain.get(key)
        if expected is None:
            return False  # an unknown or read-only key
        cls = value.__class__
        if cls is expected:
            if cls is list:
                for item in value:
                    if item.__class__ is not str:
                        return False
            elif cls is dict:
                if not object_fits(value, CUSTOMER_TYPES[key]):
                    return False
            elif cls is float and value - value != 0.0:  # NaN or Infinity
                return False
        elif value is not None and (
            cls is not int
            or expected is not float
            or not -_FLOAT_INT_BOUND < value < _FLOAT_INT_BOUND
        ):
            return False  # the wrong type (a bool is no int here), or a huge int as a number
    return True


def fits(body: Any, operation: str, form: str) -> bool:
    """True only if the model of ``operation`` (``"create"``, ``"update"``) would find nothing
    wrong with ``body``, a dict in ``form``: ``"envelope"`` (``{"metadata", "customer"}``),
    ``"customer"`` (a bare customer object) or ``"batch"`` (``{"metadata", "customers"}``).

    False means "not sure": the model decides.
    """
    if body.__class__ is not dict:
        return False
    create = operation == "create"
    if form == "customer":
        return _fits_customer(body, create)
    if form == "envelope":
        for key in body:
            if key.__class__ is not str or (key != "customer" and key != "metadata"):
                return False
        customers: Any = [body.get("customer")]
    elif form == "batch":
        for key in body:
            if key.__class__ is not str or (key != "customers" and key != "metadata"):
                return False
        customers = body.get("customers")
        if customers.__class__ is not list:
            return False
    else:
        raise ValueError(f"form must be 'envelope', 'customer' or 'batch', not {form!r}")
    metadata = body.get("metadata")
    if metadata is not None and not object_fits(metadata, _METADATA):
        return False
    return all(_fits_customer(customer, create) for customer in customers)
