"""The fast paths of armvalidate.checks.codes and .category against the plain logic they
shortcut (a copy of it below): the same findings, changes and results on generated values,
case variants, whitespace and look-alikes, for the default code lists and for lists with
several spellings of one code."""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Mapping
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from armvalidate.checks._context import Context
from armvalidate.checks.category import CONSUMER, IDENTITY, finish_category
from armvalidate.checks.codes import CODE_UNKNOWN, check_distribution, code_list
from armvalidate.checks.lengths import too_long
from armvalidate.checks.numbers import check_non_negative
from armvalidate.fields import Path
from armvalidate.profile import Tables, get_profile

_TODAY = datetime.date(2025, 6, 1)
_PRODUCTION = get_profile("production").tables


def _tables(lists: Mapping[str, list[str]]) -> Tables:
    codes: dict[str, dict[str, str]] = {}
    for key, values in lists.items():
        table = codes[key] = {}
        for value in values:
            table.setdefault(value.casefold(), value)
    return dataclasses.replace(_PRODUCTION, codes=codes)


_ODD = _tables(
    {
        "customerCategory": ["CONS", "cons", "Firma", "ǅ", "ß"],
        "activeStatusWeb": ["Active"],
        "distribution.type": ["M", "m", "H", "K"],
        "options": [f"opt{i}" for i in range(12)],  # longer than the scanned lists
    }
)
_ALL_TABLES = [_PRODUCTION, _ODD]
_KEYS = ["customerCategory", "priceNetOrGross", "activeStatusWeb", "options", "distribution.type"]

_SEEDS = [
    "CONS", "cons", "Cons", "B", "b", "N", "M", "m", "H", "h", "K", "Active", "active",
    "ACTIVE", "Passive", "NoUpdatePostalReturn", "noupdatepostalreturn", "Firma", "ǅ", "ǆ",
    "Ǆ", "ß", "SS", "ss", "opt3", "OPT11", "", " ", "\t", " CONS", "CONS ", "ＣＯＮＳ", "СONS",
    "Ⅿ", "Ｍ", "K", "İ", "ı",
]  # fmt: skip
_VALUES = st.one_of(st.sampled_from(_SEEDS), st.text(max_size=6))


def _old_code_list(list_key: str, ctx: Context, path: Path, value: str) -> None:
    if not value or value.isspace():
        return
    table = ctx.tables.codes.get(list_key)
    if not table:
        return
    canonical = table.get(value.casefold())
    if canonical is None:
        allowed = list(dict.fromkeys(table.values()))
        ctx.emit(
            CODE_UNKNOWN,
            path,
            f"{list_key} {value!r} is not in the profile's code list ({', '.join(allowed)})",
            context={"expected": allowed, "found": value},
        )
    elif canonical != value:
        ctx.change(path, canonical)


def _old_distribution(ctx: Context, path: Path, distribution: Mapping[str, Any]) -> None:
    kind = distribution.get("type")
    if isinstance(kind, str):
        limit = ctx.tables.nested_max_lengths["distribution"]["type"]
        if len(kind) > limit:
            too_long(ctx, (*path, "type"), "type", kind, limit)
        else:
            _old_code_list("distribution.type", ctx, (*path, "type"), kind)
    code = distribution.get("einvoiceCode")
    if code is not None:
        check_non_negative(ctx, (*path, "einvoiceCode"), code, {})


def _old_category(ctx: Context, base: Path, customer: Mapping[str, Any]) -> None:
    category = customer.get("customerCategory")
    if not isinstance(category, str) or not category or category.isspace():
        return
    ssn = customer.get("ssn")
    has_ssn = isinstance(ssn, str) and bool(ssn) and not ssn.isspace()
    if category.strip().casefold() == CONSUMER.casefold():
        if ctx.update or has_ssn:
            return
        org = customer.get("organizationNo")
        if isinstance(org, str) and org and not org.isspace():
            ctx.emit(
                IDENTITY,
                (*base, "customerCategory"),
                "customerCategory is CONS (a consumer), but the customer has an organizationNo "
                "and no ssn: a business filed as a consumer?",
                context={"found": CONSUMER},
            )
    elif has_ssn:
        ctx.emit(
            IDENTITY,
            (*base, "customerCategory"),
            f"customerCategory {category!r} is no consumer category, but the customer has an "
            "ssn: a person filed as a business?",
            context={"found": category},
        )


def _contexts(tables: Tables, operation: str = "create") -> tuple[Context, Context]:
    return Context(tables, operation, _TODAY), Context(tables, operation, _TODAY)


def _same(new: Context, old: Context) -> None:
    assert new.issues == old.issues
    assert new.changes == old.changes


class _Str(str):
    pass


@settings(max_examples=400, deadline=None)
@given(value=_VALUES, key=st.sampled_from(_KEYS), odd=st.booleans(), sub=st.booleans())
def test_code_list_agrees_with_plain_logic(value: str, key: str, odd: bool, sub: bool) -> None:
    if sub:
        value = _Str(value)
    for tables in _ALL_TABLES if odd else _ALL_TABLES[:1]:
        new, old = _contexts(tables)
        code_list(key)(new, ("customer", key), value, {})
        _old_code_list(key, old, ("customer", key), value)
        _same(new, old)


@pytest.mark.parametrize("value", _SEEDS)
@pytest.mark.parametrize("key", _KEYS)
@pytest.mark.parametrize("tables", _ALL_TABLES)
def test_code_list_agrees_on_seeds(value: str, key: str, tables: Tables) -> None:
    new, old = _contexts(tables)
    code_list(key)(new, ("customer", key), value, {})
    _old_code_list(key, old, ("customer", key), value)
    _same(new, old)


_CODES = st.one_of(
    st.none(), st.integers(-3, 3), st.floats(allow_nan=True), st.booleans(), st.sampled_from(["1"])
)


@settings(max_examples=400, deadline=None)
@given(
    kind=st.one_of(st.none(), _VALUES, st.sampled_from(["M" * 25]), st.integers()),
    code=_CODES,
    extra=st.booleans(),
    drop_type=st.booleans(),
    drop_code=st.booleans(),
    odd=st.booleans(),
)
def test_distribution_agrees_with_plain_logic(
    kind: Any, code: Any, extra: bool, drop_type: bool, drop_code: bool, odd: bool
) -> None:
    distribution: dict[Any, Any] = {}
    if not drop_type:
        distribution["type"] = kind
    if not drop_code:
        distribution["einvoiceCode"] = code
    if extra:
        distribution["other"] = 1
    new, old = _contexts(_ODD if odd else _PRODUCTION)
    path = ("customer", "distribution")
    check_distribution(new, path, distribution, {})
    _old_distribution(old, path, distribution)
    _same(new, old)


_TEXTS = st.one_of(st.none(), st.integers(), st.sampled_from(["", " ", "x", "984842252"]))


@settings(max_examples=400, deadline=None)
@given(
    category=st.one_of(st.none(), st.integers(), _VALUES, st.sampled_from([" cons ", "ＣＯＮＳ"])),
    ssn=_TEXTS,
    org=_TEXTS,
    update=st.booleans(),
    sub=st.booleans(),
)
def test_finish_category_agrees_with_plain_logic(
    category: Any, ssn: Any, org: Any, update: bool, sub: bool
) -> None:
    if sub and isinstance(category, str):
        category = _Str(category)
    customer = {"customerCategory": category, "ssn": ssn, "organizationNo": org}
    new, old = _contexts(_PRODUCTION, "update" if update else "create")
    finish_category(new, ("customer",), customer)
    _old_category(old, ("customer",), customer)
    _same(new, old)


# --- the values a check has nothing to say about (the validator skips the call) ---------------


def _says_nothing(check: Any, tables: Tables, key: str, value: str) -> bool:
    ctx = Context(tables, "create", _TODAY)
    facts = {name: getattr(ctx, name) for name in Context.__slots__}
    check(ctx, ("customer", key), value, {key: value})
    return (
        not ctx.issues
        and not ctx.changes
        and facts == {name: getattr(ctx, name) for name in Context.__slots__}
    )


def _checks() -> list[tuple[str, Any]]:
    from armvalidate.checks.codes import check_currency, check_language, check_ssn_country

    lists = [(key, code_list(key)) for key in _KEYS]
    others = [("currency", check_currency), ("language", check_language)]
    return [*lists, *others, ("ssnCountry", check_ssn_country)]


@pytest.mark.parametrize("tables", _ALL_TABLES)
@pytest.mark.parametrize(("key", "check"), _checks())
def test_silent_values_are_those_the_check_says_nothing_about(
    tables: Tables, key: str, check: Any
) -> None:
    from armvalidate.checks.codes import silent_values

    _says_nothing(check, tables, key, "NOK")  # (the ISO lists are filled at the first check)
    silent = silent_values(check, tables)
    for value in silent:  # every one: no finding, no change, no fact
        assert value.__class__ is str and _says_nothing(check, tables, key, value), value
    # and on look-alikes, other cases and garbage: in the set only if the check is silent
    probes = {*_SEEDS, *(v.swapcase() for v in silent), *(v + " " for v in silent), "nok", "EN"}
    for value in probes:
        if value in silent:
            assert _says_nothing(check, tables, key, value), value
    if key == "ssnCountry":
        assert not silent  # it notes the fact ssn_country: never skipped
    elif key in ("currency", "language"):
        assert not silent  # the ISO tables load only when a value comes: never skipped
    elif tables.codes.get(key):
        assert silent  # the canonical spellings at least


@settings(max_examples=300, deadline=None)
@given(
    values=st.dictionaries(
        st.sampled_from(["customerCategory", "priceNetOrGross", "activeStatusWeb", "currency",
                         "language", "options"]),
        st.one_of(_VALUES, st.sampled_from(["NOK", "nok", "EUR", "en", "nb", "NB", "xx"])),
    ),
    odd=st.booleans(),
)  # fmt: skip
def test_the_pass_skipping_silent_values_finds_what_the_checks_find(
    values: dict[str, str], odd: bool
) -> None:
    """The pass (which skips the silent values) against every check called."""
    from armvalidate.checks import customer as pass_module

    tables = _ODD if odd else _PRODUCTION
    customer: dict[str, Any] = {"customerNo": "1", "name": "K"}
    for key, value in values.items():
        customer[key] = [value, value.upper()] if key == "options" else value
    fast = Context(tables, "create", _TODAY)
    pass_module.CustomerChecks(tables).check_customer(fast, ("customer",), customer)
    slow = Context(tables, "create", _TODAY)
    for key, value in customer.items():
        pass_module._check_value(slow, ("customer",), key, value, customer)
    if "customerCategory" in customer:
        finish_category(slow, ("customer",), customer)
    assert [(p, i.rule, i.message) for p, i in fast.issues] == [
        (p, i.rule, i.message) for p, i in slow.issues
    ]
    assert fast.changes == slow.changes
