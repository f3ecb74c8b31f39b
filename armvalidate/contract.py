"""The ARM customer contract, written down once: every other face is derived from this table.

The table says, for each key of the request bodies: its JSON type, when it is required, its
maximum length (our policy: the API publishes none), the maximum number of entries of a list,
the range of an integer, whether its values come from a per-client code list, and for nested
objects their keys. Derived from it, never copied by hand:

- the structure check (:mod:`armvalidate.checks.structure` compiles it to a pydantic-core
  validator),
- the pydantic models users may import (:mod:`armvalidate.models`),
- the exported JSON Schema (:func:`armvalidate.schema.json_schema`), and through it the CSV
  layout of the command line,
- the key tables of the checks and the profile (default maximum lengths, code-list fields),
- the strategies' key lists (``armvalidate.strategies``).

Room: the contract imports nothing of armvalidate (plain data and small dataclasses only), so
every other room may import it.

>>> sorted(CUSTOMER["customerNo"].required), sorted(CUSTOMER["name"].required)
(['create', 'update', 'upsert'], ['create'])
>>> CUSTOMER["dueDays"].minimum, CUSTOMER["dueDays"].maximum
(-2147483648, 2147483647)
>>> CUSTOMER["options"].max_items, CUSTOMER["options"].max_length
(100, 100)
>>> ADDRESS_KEYS[:2], DEFAULT_MAX_LENGTHS["postalAddress.cityName"]
(('addressLine1', 'addressLine2'), 100)
>>> "clientNo" in READ_ONLY_KEYS, REQUIRED_KEYS["update"]
(True, frozenset({'customerNo'}))
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

__all__ = [
    "ADDRESS_GROUP",
    "ADDRESS_KEYS",
    "BATCH_KEYS",
    "CODE_LIST_FIELDS",
    "CUSTOMER",
    "CUSTOMER_KEYS",
    "DEFAULT_MAX_LENGTHS",
    "DISTRIBUTION",
    "DISTRIBUTION_KEYS",
    "ENVELOPE_KEYS",
    "INT32_MAX",
    "INT32_MIN",
    "METADATA",
    "METADATA_KEYS",
    "OPERATIONS",
    "POSTAL_ADDRESS",
    "READ_ONLY_KEYS",
    "REQUIRED_KEYS",
    "Field",
    "JsonType",
]

JsonType = Literal["string", "integer", "number", "boolean", "array", "object"]

OPERATIONS: tuple[str, ...] = ("create", "update", "upsert")
"""``create`` is POST (customerNo and name required), ``update`` is PUT (only customerNo), and
``upsert`` is POST for a customer that may exist already (the docs: POST updates the customer
when its customerNo exists): only customerNo required, otherwise create's rules."""

INT32_MIN = -(1 << 31)
INT32_MAX = (1 << 31) - 1

_BOTH = frozenset(OPERATIONS)
_CREATE = frozenset({"create"})
_NONE: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Field:
    """One key of an object of the request bodies.

    ``type`` is the JSON type (an ``array`` holds strings; an ``object`` has ``keys``).
    ``required`` holds the operations that require the key present, not null and (a string)
    not blank. ``max_length`` is the default maximum length of a string (of each entry of an
    array), a policy a profile may change; ``max_items`` the most entries an array may have;
    ``minimum``/``maximum`` the range of an integer. ``code_list`` names the profile's code list
    the values come from (rule ``code.unknown``). ``date`` marks a ``YYYY-MM-DD`` string.
    """

    key: str
    type: JsonType
    title: str
    description: str
    required: frozenset[str] = _NONE
    max_length: int | None = None
    max_items: int | None = None
    minimum: int | None = None
    maximum: int | None = None
    code_list: str | None = None
    date: bool = False
    keys: Mapping[str, Field] | None = None


def _table(*fields: Field) -> Mapping[str, Field]:
    return MappingProxyType({f.key: f for f in fields})


def _s(
    key: str,
    title: str,
    description: str,
    max_length: int,
    *,
    required: frozenset[str] = _NONE,
    code_list: str | None = None,
    date: bool = False,
) -> Field:
    """A string key."""
    return Field(
        key,
        "string",
        title,
        description,
        required=required,
        max_length=max_length,
        code_list=code_list,
        date=date,
    )


def _list(
    key: str, title: str, description: str, max_length: int, *, code_list: str | None = None
) -> Field:
    """A list of strings (``max_length`` per entry)."""
    return Field(
        key,
        "array",
        title,
        description,
        max_length=max_length,
        max_items=_MAX_ITEMS,
        code_list=code_list,
    )


_MAX_ITEMS = 100
"""The most entries of a list key (policy: the API states none; one finding beyond it)."""

METADATA = _table(_s("userId", "User id", "The user who sends the request.", 100))

POSTAL_ADDRESS = _table(
    _s("addressLine1", "Address line 1", "First address line.", 100),
    _s("addressLine2", "Address line 2", "Second address line.", 100),
    _s("addressLine3", "Address line 3", "Third address line.", 100),
    _s("postalCode", "Postal code", "Postal code; four digits in Norway (a string: 0150).", 20),
    _s("cityName", "City", "Postal place (city) name.", 100),
    _s("countryText", "Country (text)", "The country in words.", 100),
    _s("countryCode", "Country code", "ISO 3166-1 alpha-2 country code, e.g. NO.", 20),
)

DISTRIBUTION = _table(
    _s(
        "type",
        "Distribution type",
        "Distribution type code (seen: M, H).",
        20,
        code_list="distribution.type",
    ),
    Field(
        "einvoiceCode",
        "integer",
        "E-invoice code",
        "E-invoice code (seen: 0, 90); a 32-bit integer.",
        minimum=INT32_MIN,
        maximum=INT32_MAX,
    ),
)

_DATE = "YYYY-MM-DD"

CUSTOMER = _table(
    _s(
        "customerNo",
        "Customer number",
        "The client's own customer number; the upsert key.",
        50,
        required=_BOTH,
    ),
    _s("name", "Name", "The customer's name.", 100, required=_CREATE),
    _s("informalName", "Informal name", "Informal name.", 100),
    Field(
        "postalAddress",
        "object",
        "Postal address",
        "One group: an update that sends any of it replaces all of it.",
        keys=POSTAL_ADDRESS,
    ),
    _s(
        "customerCategory",
        "Customer category",
        "Customer category code (seen: CONS).",
        50,
        code_list="customerCategory",
    ),
    _list("emailAddressDocument", "E-mail addresses", "E-mail addresses for documents.", 254),
    _list(
        "secondaryEmailAddress", "Secondary e-mail addresses", "Secondary e-mail addresses.", 254
    ),
    _s("phoneNo", "Phone number", "Phone number.", 50),
    _s("secondaryPhoneNo", "Secondary phone number", "Secondary phone number.", 50),
    _s("organizationNo", "Organisation number", "Norwegian organisasjonsnummer, 9 digits.", 50),
    _s(
        "ssn",
        "Personal number",
        "Fødselsnummer or D-number, 11 digits (personal data).",
        50,
    ),
    _s(
        "ssnCountry", "Country of the personal number", "ISO 3166-1 alpha-2 country of the ssn.", 20
    ),
    _s("dateOfBirth", "Date of birth", _DATE, 20, date=True),
    Field("yearOfBirth", "integer", "Year of birth", "Year of birth."),
    _s("customerGroupCode", "Customer group", "Client-defined customer group code.", 50),
    _s(
        "priceNetOrGross",
        "Price net or gross",
        "Price net or gross code (seen: B).",
        20,
        code_list="priceNetOrGross",
    ),
    _s("language", "Language", "ISO 639-1 language code (seen: no, en).", 20),
    _s("currency", "Currency", "ISO 4217 currency code (seen: NOK).", 20),
    Field(
        "distribution",
        "object",
        "Distribution",
        "How documents reach the customer.",
        keys=DISTRIBUTION,
    ),
    _s("sellerReference", "Seller's reference", "Seller's reference.", 100),
    _s("buyerReference", "Buyer's reference", "Buyer's reference.", 100),
    _s(
        "bankAccountNo",
        "Bank account number",
        "Norwegian kontonummer, 11 digits (personal data).",
        50,
    ),
    _s("stopReminderUntil", "Stop reminders until", _DATE, 20, date=True),
    _s("stopReminderMemo", "Why reminders are stopped", "Why reminders are stopped.", 1000),
    _s("stopDebtCollectionUntil", "Stop debt collection until", _DATE, 20, date=True),
    _s(
        "stopDebtCollectionMemo",
        "Why debt collection is stopped",
        "Why debt collection is stopped.",
        1000,
    ),
    _s("stopInterestCalcUntil", "Stop interest calculation until", _DATE, 20, date=True),
    _s(
        "stopInterestCalcMemo",
        "Why interest calculation is stopped",
        "Why interest calculation is stopped.",
        1000,
    ),
    _list(
        "efakturaBlockIds",
        "Blocked eFaktura ids",
        "Identifiers whose eFaktura delivery is blocked.",
        254,
    ),
    _list(
        "peppolBlockIds",
        "Blocked Peppol ids",
        "Organisation numbers whose Peppol delivery is blocked.",
        254,
    ),
    _list(
        "digipostBlockIds",
        "Blocked Digipost ids",
        "Digipost addresses whose delivery is blocked.",
        254,
    ),
    Field(
        "dueDays",
        "integer",
        "Due days",
        "Days until due; a 32-bit integer.",
        minimum=INT32_MIN,
        maximum=INT32_MAX,
    ),
    Field("vatLiable", "boolean", "VAT liable", "Whether the customer is liable for VAT."),
    Field("limitAmount", "number", "Credit limit", "Credit limit amount."),
    Field("discountRate", "number", "Discount rate", "Discount rate, percent."),
    _s(
        "activeStatusWeb",
        "Web status",
        "Web status code (seen: Passive).",
        50,
        code_list="activeStatusWeb",
    ),
    _s("customerMessage", "Message to the customer", "Message to the customer.", 1000),
    _list(
        "options", "Options", "Option codes (seen: NoUpdatePostalReturn).", 100, code_list="options"
    ),
)
"""Every key of the customer object, in the order of the API's documentation."""

ENVELOPE_KEYS: tuple[str, ...] = ("metadata", "customer")
"""The keys of a single request body (``customer`` required)."""
BATCH_KEYS: tuple[str, ...] = ("metadata", "customers")
"""The keys of a batch body (``customers`` required)."""

CUSTOMER_KEYS: tuple[str, ...] = tuple(CUSTOMER)
"""Every key of the customer object, in the order of the API's documentation."""
ADDRESS_KEYS: tuple[str, ...] = tuple(POSTAL_ADDRESS)
"""The keys of ``postalAddress``."""
ADDRESS_GROUP: tuple[str, ...] = ADDRESS_KEYS
"""The PUT group: an update that sends any of these replaces all of them."""
DISTRIBUTION_KEYS: tuple[str, ...] = tuple(DISTRIBUTION)
"""The keys of ``distribution``."""
METADATA_KEYS: tuple[str, ...] = tuple(METADATA)
"""The keys of ``metadata``."""

REQUIRED_KEYS: Mapping[str, frozenset[str]] = MappingProxyType(
    {op: frozenset(k for k, f in CUSTOMER.items() if op in f.required) for op in OPERATIONS}
)
"""The customer keys that must be present, not null and not blank, per operation."""

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
"""Keys that the docs show only in GET answers (answer-only): a request should not send them."""


def _lengths() -> dict[str, int]:
    out: dict[str, int] = {}
    for prefix, table in (("metadata.", METADATA), ("", CUSTOMER)):
        for key, field in table.items():
            if field.keys is not None:
                for sub, inner in field.keys.items():
                    if inner.max_length is not None:
                        out[f"{prefix}{key}.{sub}"] = inner.max_length
            elif field.max_length is not None:
                out[f"{prefix}{key}"] = field.max_length
    return out


DEFAULT_MAX_LENGTHS: Mapping[str, int] = MappingProxyType(_lengths())
"""Default maximum lengths in characters, for every string field (list fields: per entry), by
dotted field path. A policy: the API publishes none; a profile may change them."""

CODE_LIST_FIELDS: tuple[str, ...] = tuple(
    inner.code_list
    for field in CUSTOMER.values()
    for inner in (field.keys.values() if field.keys is not None else (field,))
    if inner.code_list is not None
)
"""The fields whose values come from ARM's per-client code lists (rule ``code.unknown``)."""
