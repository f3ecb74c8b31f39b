"""The field and cross-field rules of one customer object: the dispatch from key to check, and
the one pass over the object's keys.

The structure stage (:mod:`armvalidate.checks.structure`) has run before and reported wrong
types, unknown keys and over-long lists; this pass looks only at values of the right JSON type
(and leaves the rest alone), so it never judges structure. It calls each key's field check
(ssn, organisation number, e-mail, phone, codes, dates, numbers ...), measures strings against
the profile's maximum lengths, then runs the cross-field rules (dates against the ssn and the
year of birth, the category against the identity, phones against the address country).

:class:`CustomerChecks` is the pass compiled for one profile's tables (which check, which
maximum length, which values a code-list check has nothing to say about, per key); the
pipeline (:mod:`armvalidate.validate`) owns and caches it.

Room: imports the contract, the checks' context and the check modules of the fields.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from collections.abc import Set as AbstractSet
from typing import Any

from armvalidate.checks import codes, contact, dates, identifiers, numbers, postal, ssn
from armvalidate.checks._context import Context
from armvalidate.checks.category import finish_category
from armvalidate.checks.lengths import check_metadata, too_long
from armvalidate.checks.structure import check_blank_required
from armvalidate.contract import CUSTOMER, REQUIRED_KEYS
from armvalidate.fields import Path
from armvalidate.profile import Tables

__all__ = ["ENTRY_CHECKS", "NUMBER_CHECKS", "OBJECT_CHECKS", "TEXT_CHECKS", "CustomerChecks"]

Check = Callable[[Context, Path, Any, Mapping[str, Any]], None]

# The dispatch: the check of each key's value, by the key's JSON type in the contract.
# Strings arrive within their maximum length and not blank; list entries within theirs.
TEXT_CHECKS: Mapping[str, Check] = {
    "customerCategory": codes.code_list("customerCategory"),
    "organizationNo": identifiers.check_orgnr,
    "ssn": ssn.note_ssn,
    "ssnCountry": codes.check_ssn_country,
    "dateOfBirth": dates.check_date_of_birth,
    "priceNetOrGross": codes.code_list("priceNetOrGross"),
    "language": codes.check_language,
    "currency": codes.check_currency,
    "phoneNo": contact.note_phone,
    "secondaryPhoneNo": contact.note_phone,
    "bankAccountNo": identifiers.check_account,
    "activeStatusWeb": codes.code_list("activeStatusWeb"),
    **{until: dates.check_stop_date for until, _ in dates.STOP_DATES},
    **{memo: dates.check_memo for _, memo in dates.STOP_DATES},
}
ENTRY_CHECKS: Mapping[str, Check] = {
    "emailAddressDocument": contact.check_email_entry,
    "secondaryEmailAddress": contact.check_email_entry,
    "peppolBlockIds": identifiers.check_peppol_entry,
    "options": codes.code_list("options"),
}
OBJECT_CHECKS: Mapping[str, Check] = {
    "postalAddress": postal.check_address,
    "distribution": codes.check_distribution,
}
NUMBER_CHECKS: Mapping[str, Check] = {
    "yearOfBirth": dates.check_year_of_birth,
    "dueDays": numbers.check_non_negative,
    "limitAmount": numbers.check_non_negative,
    "discountRate": numbers.check_discount_rate,
}

_REQUIRED_TEXT = REQUIRED_KEYS["create"]  # blank: schema.required (check_blank_required decides)
_TEXT_KEYS = tuple(key for key, field in CUSTOMER.items() if field.type == "string")
_LIST_KEYS = tuple(key for key, field in CUSTOMER.items() if field.type == "array")
_MAX_ITEMS: Mapping[str, int] = {
    key: field.max_items for key, field in CUSTOMER.items() if field.max_items is not None
}
assert set(TEXT_CHECKS) <= set(_TEXT_KEYS) and set(ENTRY_CHECKS) <= set(_LIST_KEYS)
assert set(OBJECT_CHECKS) == {k for k, f in CUSTOMER.items() if f.type == "object"}
assert set(NUMBER_CHECKS) == {k for k, f in CUSTOMER.items() if f.type in ("integer", "number")}
assert _REQUIRED_TEXT.isdisjoint(TEXT_CHECKS)

_REQUIRED: Any = object()  # the plan's "check" of a required text key (checked when blank)
_NO_LIMIT = 1 << 62  # (a key without a maximum length: no string is that long)
_NOTHING: AbstractSet[str] = frozenset()

# The paths of the keys (and of the first entries of the lists) of a customer object, made
# once, for the two places a single payload has it: the envelope's customer and a bare one.
_PATHS: Mapping[Path, Mapping[str, Path]] = {
    base: {key: (*base, key) for key in CUSTOMER} for base in ((), ("customer",))
}
_ENTRY_PATHS: Mapping[Path, Mapping[str, tuple[Path, ...]]] = {
    base: {key: tuple((*base, key, i) for i in range(8)) for key in _LIST_KEYS}
    for base in ((), ("customer",))
}


class _BatchPaths(dict[str, Path]):
    """The paths of a batch customer's keys, made when first asked for."""

    __slots__ = ("base",)

    def __init__(self, base: Path) -> None:
        super().__init__()
        self.base = base

    def __missing__(self, key: str) -> Path:
        path = self[key] = (*self.base, key)
        return path


_Plan = dict[str, tuple[Any, int, AbstractSet[str]]]


class CustomerChecks:
    """The pass over a customer object, compiled for one profile's :class:`Tables`: per key,
    (check, maximum length, the values the check has nothing to say about, which the pass
    does not call it for)."""

    __slots__ = ("lists", "tables", "text")

    def __init__(self, tables: Tables) -> None:
        self.tables = tables
        limits = tables.max_lengths

        def silent(check: Any) -> AbstractSet[str]:
            return codes.silent_values(check, tables) if callable(check) else _NOTHING

        self.text: _Plan = {}
        for key in _TEXT_KEYS:
            check = _REQUIRED if key in _REQUIRED_TEXT else TEXT_CHECKS.get(key)
            self.text[key] = (check, limits.get(key, _NO_LIMIT), silent(check))
        self.lists: _Plan = {
            key: (ENTRY_CHECKS.get(key), limits[key], silent(ENTRY_CHECKS.get(key)))
            for key in _LIST_KEYS
            if key in limits
        }

    def check_body(self, ctx: Context, data: dict[str, Any], envelope: bool) -> None:
        """The field and cross-field rules of a request body (``envelope``) or a bare
        customer object."""
        if envelope:
            metadata = data.get("metadata")
            if metadata is not None:
                check_metadata(ctx, ("metadata",), metadata)
            customer = data.get("customer")
            if isinstance(customer, dict):
                self.check_customer(ctx, ("customer",), customer)
        else:
            self.check_customer(ctx, (), data)

    def check_customer(self, ctx: Context, base: Path, customer: Mapping[Any, Any]) -> None:
        """Every field and cross-field rule on one customer object: one pass over its keys,
        then the cross-field rules. ``ctx`` holds no facts of another customer (a new
        context, or :meth:`Context.reset_facts`)."""
        text_plan = self.text
        list_plan = self.lists
        paths = _PATHS.get(base) or _BatchPaths(base)
        entry_paths = _ENTRY_PATHS.get(base)
        for key, value in customer.items():
            if key.__class__ is not str:  # (another key can equal a string key: no plan)
                _check_value(ctx, base, key, value, customer)
                continue
            # The exact JSON types inline (the same findings as _check_value, which does the
            # rest: subclasses, unknown keys, values of another type).
            cls = value.__class__
            if cls is str:
                try:
                    check, limit, silent = text_plan[key]
                except KeyError:  # an unknown key, or a string where another type belongs
                    _check_value(ctx, base, key, value, customer)
                    continue
                if len(value) > limit:
                    too_long(ctx, paths[key], key, value, limit)
                elif check is None or (silent and value in silent):  # nothing to check or say
                    pass
                elif value and not value.isspace():  # blank: no value
                    if check is not _REQUIRED:
                        check(ctx, paths[key], value, customer)
                elif check is _REQUIRED:
                    check_blank_required(ctx, paths[key], value)
            elif cls is list:
                try:
                    check, limit, silent = list_plan[key]
                except KeyError:
                    _check_value(ctx, base, key, value, customer)
                    continue
                if len(value) > _MAX_ITEMS[key]:
                    continue  # length.max-items (the structure stage): no entry is checked
                item_paths = entry_paths[key] if entry_paths else ()
                for i, item in enumerate(value):
                    if not isinstance(item, str):
                        continue  # schema.type
                    if len(item) > limit:
                        too_long(ctx, (*base, key, i), key, item, limit)
                    elif check is not None and not (silent and item in silent):
                        path = item_paths[i] if i < 8 and item_paths else (*base, key, i)
                        check(ctx, path, item, customer)
            elif cls is dict:
                object_check = OBJECT_CHECKS.get(key)
                if object_check is not None:
                    object_check(ctx, paths[key], value, customer)
            elif cls is int or cls is float:
                number_check = NUMBER_CHECKS.get(key)
                if number_check is not None:
                    number_check(ctx, paths[key], value, customer)
            elif value is None or cls is bool:
                pass  # null, or a boolean: nothing to check (or schema.type)
            else:
                _check_value(ctx, base, key, value, customer)
        # The cross-field rules, each only where it has something to look at.
        if ctx.yob is not None:
            dates.finish_birth(ctx)
        if ctx.ssn is not None:
            ssn.finish_ssn(ctx, base, customer)
        if ctx.phones:
            contact.finish_phones(ctx)
        if "customerCategory" in customer:
            finish_category(ctx, base, customer)


def _check_value(
    ctx: Context, base: Path, key: Any, value: Any, customer: Mapping[str, Any]
) -> None:
    """The checks of one key's value, whatever its type (the pass inlines the exact JSON
    types under known keys, and comes here for the rest: a key that is no exact str, an
    unknown key, a subclass of str, list or dict, ...)."""
    cls = value.__class__
    tables = ctx.tables
    limits = tables.max_lengths
    if cls is int or cls is float:
        check = NUMBER_CHECKS.get(key)
        if check is not None:
            check(ctx, (*base, key), value, customer)
    elif isinstance(value, str):
        if len(value) > tables.shortest_max_length:
            limit = limits.get(key)
            if limit is not None and len(value) > limit:
                too_long(ctx, (*base, key), key, value, limit)
                return
        if not value or value.isspace():  # blank: no value
            if key in _REQUIRED_TEXT:
                check_blank_required(ctx, (*base, key), value)
            return
        check = TEXT_CHECKS.get(key)
        if check is not None:
            check(ctx, (*base, key), value, customer)
    elif isinstance(value, list):
        limit = limits.get(key)
        if limit is None or len(value) > _MAX_ITEMS.get(key, _NO_LIMIT):
            return
        check = ENTRY_CHECKS.get(key)
        for i, item in enumerate(value):
            if isinstance(item, str):
                if len(item) > limit:
                    too_long(ctx, (*base, key, i), key, item, limit)
                elif check is not None:
                    check(ctx, (*base, key, i), item, customer)
    elif isinstance(value, dict):
        object_check = OBJECT_CHECKS.get(key)
        if object_check is not None:
            object_check(ctx, (*base, key), value, customer)
    # null, booleans, and whatever the structure stage reported: nothing to check
