"""The pipeline: validate one customer payload, a stream of them, or a batch body.

>>> import datetime, json
>>> from armvalidate import validate_customer
>>> report = validate_customer(
...     {"customer": {"customerNo": "1", "name": "Kari", "currency": "nok",
...                   "emailAddressDocument": ["kari@ Example.no"]}},
...     today=datetime.date(2026, 1, 1))
>>> report.ok
True
>>> [(i.severity.value, i.path, i.rule) for i in report]
[('warning', '/customer/emailAddressDocument/0', 'email.sanitized')]
>>> print(report.issues[0].message)  # doctest: +NORMALIZE_WHITESPACE
Email address kari@ Example.no will be sanitized to kari@example.no
(removed whitespace, lower-cased the domain)
>>> report.sanitized["customer"]["currency"], report.sanitized["customer"]["emailAddressDocument"]
('NOK', ['kari@example.no'])
>>> validate_customer('{"customer": ').issues[0].rule
'schema.json'

Order of the findings: by where they stand in the payload, keys in the order the input has them,
list entries by index; a finding about a whole object (``update.partial-address``) comes before
those inside it, and a missing key (``schema.required``) first within its object. Cross-field
rules stand at the field they are reported at (``ssn.dob-mismatch`` at ``dateOfBirth``,
``dob.year-mismatch`` at ``yearOfBirth``, ``category.identity`` at ``customerCategory``, ...).
Several findings at one path keep the order of the checks: structure, length, then content.

The structure (keys, JSON types, required keys) is the pydantic models' to judge
(:mod:`armvalidate.models`), but they run only when needed: the one pass of the checks over a
customer object also notes whether the object surely fits them (see
:mod:`armvalidate.checks._shape`), and only if it does not are its findings dropped and the
models run, then the checks again. pydantic is imported then, not with ``armvalidate``.
"""

from __future__ import annotations

import datetime
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from collections.abc import Set as AbstractSet
from functools import partial
from itertools import count
from typing import Any

from armvalidate.catalog import Rule
from armvalidate.checks import codes, contact, dates, identifiers, numbers, postal, ssn
from armvalidate.checks._context import Context
from armvalidate.checks._shape import (
    CUSTOMER_TYPES,
    METADATA_TYPES,
    NUMBER,
    STRINGS,
    fits,
    object_fits,
)
from armvalidate.checks.batch import DUPLICATE_CUSTOMER_NO, customer_no_key
from armvalidate.checks.category import finish_category
from armvalidate.checks.lengths import check_metadata, too_long
from armvalidate.checks.limits import UNPROCESSABLE
from armvalidate.checks.schema import (
    JSON,
    a_type,
    check_blank_required,
    json_type,
    translate_errors,
)
from armvalidate.decode import decode, exceeds_depth, too_deep
from armvalidate.exceptions import InvalidValue
from armvalidate.fields import Path
from armvalidate.profile import PRODUCTION as _PRODUCTION
from armvalidate.profile import Profile, Tables, get_profile
from armvalidate.report import Issue, Report, new_report

__all__ = ["OPERATIONS", "validate_batch", "validate_customer", "validate_customers"]

OPERATIONS = ("create", "update", "upsert")
"""``create`` is POST (customerNo and name required), ``update`` is PUT (only customerNo), and
``upsert`` is POST for a customer that may exist already (the docs: POST updates the customer
when its customerNo exists): only customerNo required, otherwise create's rules."""

# The model of each (operation, form) by its name in armvalidate.models, which (with pydantic)
# is imported only when a payload does not fit the shape (see armvalidate.checks._shape).
_MODEL_NAMES: Mapping[tuple[str, str], str] = {
    ("create", "envelope"): "CustomerRequest",
    ("create", "customer"): "Customer",
    ("create", "batch"): "CustomerBatchRequest",
    ("update", "envelope"): "CustomerUpdateRequest",
    ("update", "customer"): "CustomerUpdate",
    ("update", "batch"): "CustomerUpdateBatchRequest",
    ("upsert", "envelope"): "CustomerUpdateRequest",  # upsert: update's structure (no name)
    ("upsert", "customer"): "CustomerUpdate",
    ("upsert", "batch"): "CustomerUpdateBatchRequest",
}
_FAST_STRUCTURE = True
"""Whether a payload that surely fits the models skips them (off only in differential tests)."""

Check = Callable[[Context, Path, Any, Mapping[str, Any]], None]

# The one pass over a customer object dispatches on the key and the JSON type of the value.
# A value of the wrong type finds no check here: the models reported it (schema.type).
# Strings arrive within their maximum length and not blank; list entries within their maximum.
_TEXT_CHECKS: Mapping[str, Check] = {
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
_REQUIRED_TEXT = frozenset({"customerNo", "name"})
assert not _REQUIRED_TEXT & _TEXT_CHECKS.keys()  # _check_customer relies on it
_ENTRY_CHECKS: Mapping[str, Check] = {
    "emailAddressDocument": contact.check_email_entry,
    "secondaryEmailAddress": contact.check_email_entry,
    "peppolBlockIds": identifiers.check_peppol_entry,
    "options": codes.code_list("options"),
}
ObjectCheck = Callable[[Context, Path, Any, Any], bool]  # returns: surely fits its model
_OBJECT_CHECKS: Mapping[str, ObjectCheck] = {
    "postalAddress": postal.check_address,
    "distribution": codes.check_distribution,
}
_NUMBER_CHECKS: Mapping[str, Check] = {
    "yearOfBirth": dates.check_year_of_birth,
    "dueDays": numbers.check_non_negative,
    "limitAmount": numbers.check_non_negative,
    "discountRate": numbers.check_discount_rate,
}

# The same checks by the JSON type the models give each key (a check of None: none), for the
# pass over a customer object, which also notes whether the object surely fits the models.
_REQUIRED: Any = object()  # a required text key (checked when blank)
_TEXT_PLAN: Mapping[str, Check | None] = {
    key: _REQUIRED if key in _REQUIRED_TEXT else _TEXT_CHECKS.get(key)
    for key, kind in CUSTOMER_TYPES.items()
    if kind is str
}
_LIST_PLAN: Mapping[str, Check | None] = {
    key: _ENTRY_CHECKS.get(key) for key, kind in CUSTOMER_TYPES.items() if kind is STRINGS
}
_OBJECT_PLAN: Mapping[str, ObjectCheck] = {
    key: _OBJECT_CHECKS[key] for key, kind in CUSTOMER_TYPES.items() if isinstance(kind, dict)
}
_NUMBER_PLAN: Mapping[str, tuple[Check, Any]] = {
    key: (_NUMBER_CHECKS[key], kind)
    for key, kind in CUSTOMER_TYPES.items()
    if kind is int or kind is NUMBER
}
_BOOL_KEYS = frozenset(key for key, kind in CUSTOMER_TYPES.items() if kind is bool)
assert set(_TEXT_CHECKS) <= set(_TEXT_PLAN) and set(_ENTRY_CHECKS) <= set(_LIST_PLAN)
# The paths of the keys (and of the first entries of the arrays) of a customer object, made
# once, for the two places a single payload has it: the envelope's customer and a bare one.
_PATHS: Mapping[Path, Mapping[str, Path]] = {
    base: {key: (*base, key) for key in CUSTOMER_TYPES} for base in ((), ("customer",))
}
_ENTRY_PATHS: Mapping[Path, Mapping[str, tuple[Path, ...]]] = {
    base: {key: tuple((*base, key, i) for i in range(8)) for key in _LIST_PLAN}
    for base in ((), ("customer",))
}
# An int in a number field surely converts to a float below this bound (see _shape).
_FLOAT_INT_BOUND = 1 << 1000

_TEXT_TYPES = (str, bytes, bytearray, memoryview)
# A structurally valid payload is at most this deep (envelope, customer, postalAddress/lists),
# so the depth of a dict payload needs counting only when the models found something wrong.
_VALID_DEPTH = 3


def _operation(operation: str) -> str:
    if operation not in OPERATIONS:
        raise ValueError(f"operation must be 'create', 'update' or 'upsert', not {operation!r}")
    return operation


# (first instant of the day, first instant of the next, that day): see _current_date
_day_window: tuple[float, float, datetime.date] = (0.0, 0.0, datetime.date.min)


def _current_date() -> datetime.date:
    """``datetime.date.today()``, remembered until the next local midnight.

    ``date.today()`` costs about as much as several checks (it asks for the local time); a
    program validating one payload after another without ``today`` would pay it each time.
    Kept is the day with the span of time stamps from its local midnight to the next; a time
    stamp outside that span (the next day, or a clock set back) is read afresh. A change of
    the process's time zone while it runs (``time.tzset``) is seen at the next midnight.
    """
    global _day_window
    now = time.time()
    start, end, day = _day_window
    if start <= now < end:
        return day
    day = datetime.date.fromtimestamp(now)  # what date.today() is
    midnight = datetime.time()
    start = datetime.datetime.combine(day, midnight).timestamp()
    end = datetime.datetime.combine(day + datetime.timedelta(days=1), midnight).timestamp()
    _day_window = (start, end, day)
    return day


def _today(today: datetime.date | None) -> datetime.date:
    if today.__class__ is datetime.date:
        return today
    if today is None:
        return _current_date()
    if isinstance(today, datetime.datetime):
        return today.date()
    if not isinstance(today, datetime.date):
        raise TypeError(f"today must be a datetime.date, not {type(today).__name__}")
    return today


def _fatal(tables: Tables, rule: Rule | str, message: str, context: Any = None) -> Report:
    """A report of one finding about the whole input, which was not checked further."""
    ctx = Context(tables, "create", datetime.date.min)
    ctx.emit_id(rule if isinstance(rule, str) else rule.id, (), message, context=context)
    return Report(issues=tuple(issue for _, issue in ctx.issues), sanitized=None)


def _read(
    payload: Any, profile: Profile, *, max_bytes: int, max_depth: int
) -> tuple[dict[str, Any], bool] | Report:
    """The payload as a dict and whether it came as text, or the fatal report saying why not."""
    tables = profile.tables
    text = isinstance(payload, _TEXT_TYPES)
    if text:
        try:
            data = decode(payload, max_bytes=max_bytes, max_depth=max_depth)
        except InvalidValue as exc:
            return _fatal(tables, exc.rule, exc.message, exc.context)
    else:
        data = payload
    if isinstance(data, dict):
        return data, text
    if isinstance(data, Mapping):
        return dict(data), text
    return _fatal(tables, JSON, f"expected a JSON object, not {a_type(json_type(data))}")


def _model_errors(operation: str, form: str, data: dict[str, Any]) -> list[Any] | None:
    """The errors of the model of ``operation`` and ``form`` on ``data`` (None: it fits)."""
    from pydantic import ValidationError

    from armvalidate import models

    model = getattr(models, _MODEL_NAMES[operation, form])
    try:
        model.model_validate(data)
    except ValidationError as exc:
        return exc.errors(include_url=False)
    return None


def _structure(
    ctx: Context,
    form: str,
    data: dict[str, Any],
    profile: Profile,
    *,
    fitted: bool,
    text: bool,
    root_is_customer: bool,
    batch: bool = False,
    max_depth: int,
) -> Report | None:
    """Validate with the model (unless ``fitted``: the payload surely fits it); a fatal report
    if a dict payload turns out too deep."""
    errors = None if fitted else _model_errors(ctx.operation, form, data)
    if not text and (errors is not None or max_depth < _VALID_DEPTH + batch):
        found = exceeds_depth(data, max_depth, max_nodes=max(profile.max_bytes // 2, 1024))
        if found is not None:
            error = too_deep(found, max_depth)
            return _fatal(ctx.tables, error.rule, error.message, error.context)
    if errors:
        translate_errors(ctx, (), errors, root_is_customer=root_is_customer, batch=batch)
    return None


def _check_value(
    ctx: Context, base: Path, key: Any, value: Any, customer: Mapping[str, Any]
) -> None:
    """The checks of one key's value, whatever its type (the pass below inlines the exact
    JSON types under known keys, and comes here for the rest: a key that is no exact str, an
    unknown key, a subclass of str, list or dict, ...)."""
    cls = value.__class__
    tables = ctx.tables
    limits = tables.max_lengths
    if cls is int or cls is float:
        check = _NUMBER_CHECKS.get(key)
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
        check = _TEXT_CHECKS.get(key)
        if check is not None:
            check(ctx, (*base, key), value, customer)
    elif isinstance(value, list):
        limit = limits.get(key)
        if limit is None:
            return
        check = _ENTRY_CHECKS.get(key)
        for i, item in enumerate(value):
            if isinstance(item, str):
                if len(item) > limit:
                    too_long(ctx, (*base, key, i), key, item, limit)
                elif check is not None:
                    check(ctx, (*base, key, i), item, customer)
    elif isinstance(value, dict):
        object_check = _OBJECT_CHECKS.get(key)
        if object_check is not None:
            object_check(ctx, (*base, key), value, customer)
    # null, booleans, and whatever the models reported: nothing to check


_NO_LIMIT = 1 << 62  # (a key without a maximum length: no string is that long)


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


def _plans(tables: Tables) -> tuple[_Plan, _Plan]:
    """The text and list plans with the profile's maximum lengths, made once per profile
    (kept in ``tables.plans``): key -> (check, maximum length, the values the check has
    nothing to say about, which the pass does not call it for); a list key without a maximum
    has no entry."""

    def silent(check: Any) -> AbstractSet[str]:
        return codes.silent_values(check, tables) if callable(check) else frozenset()

    limits = tables.max_lengths
    text = {
        key: (check, limits.get(key, _NO_LIMIT), silent(check)) for key, check in _TEXT_PLAN.items()
    }
    lists = {
        key: (check, limits[key], silent(check))
        for key, check in _LIST_PLAN.items()
        if key in limits
    }
    plans = tables.plans["customer"] = (text, lists)
    return plans


def _check_customer(ctx: Context, base: Path, customer: Mapping[str, Any]) -> bool:
    """Every rule on one customer object: one pass over its keys, then the cross-field rules.
    ``ctx`` holds no facts of another customer (a new context, or :meth:`Context.reset_facts`).

    Returns whether the object surely fits the models (as :func:`~armvalidate.checks._shape.fits`
    decides: every key known and a string, every value of its key's exact JSON type or null, the
    required keys there); the findings do not depend on it.
    """
    try:
        text_plan, list_plan = ctx.tables.plans["customer"]
    except KeyError:
        text_plan, list_plan = _plans(ctx.tables)
    paths = _PATHS.get(base) or _BatchPaths(base)
    entry_paths = _ENTRY_PATHS.get(base)
    fit = True
    for key, value in customer.items():
        if key.__class__ is not str:  # (another key can equal a string key: no plan, no paths)
            fit = False
            _check_value(ctx, base, key, value, customer)
            continue
        # The exact JSON types inline (the same findings as _check_value, which does the rest).
        cls = value.__class__
        if cls is str:
            try:
                check, limit, silent = text_plan[key]
            except KeyError:  # an unknown key, or a string where another type belongs
                fit = False
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
                fit = False
                _check_value(ctx, base, key, value, customer)
                continue
            item_paths = entry_paths[key] if entry_paths else ()
            i = 0
            for item in value:
                if item.__class__ is not str:
                    fit = False
                    if not isinstance(item, str):
                        i += 1
                        continue
                if len(item) > limit:
                    too_long(ctx, (*base, key, i), key, item, limit)
                elif check is not None and not (silent and item in silent):
                    check(
                        ctx,
                        item_paths[i] if i < 8 and item_paths else (*base, key, i),
                        item,
                        customer,
                    )
                i += 1
        elif cls is dict:
            object_check = _OBJECT_PLAN.get(key)
            if object_check is None:
                fit = False  # (no check: _check_value would find none either)
            elif not object_check(ctx, paths[key], value, customer):
                fit = False
        elif cls is int or cls is float:
            number = _NUMBER_PLAN.get(key)
            if number is None:
                fit = False  # (no check: _check_value would find none either)
            else:
                if cls is float:
                    if number[1] is not NUMBER or value - value != 0.0:  # NaN or Infinity
                        fit = False
                elif number[1] is NUMBER and not -_FLOAT_INT_BOUND < value < _FLOAT_INT_BOUND:
                    fit = False
                number[0](ctx, paths[key], value, customer)
        elif value is None:
            if key not in CUSTOMER_TYPES:
                fit = False  # (null in a required key: below)
        elif cls is bool:
            if key not in _BOOL_KEYS:
                fit = False
        else:
            fit = False
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
    return (
        fit
        and customer.get("customerNo").__class__ is str
        and (ctx.update or customer.get("name").__class__ is str)
    )


def _position(path: Path, root: Any, orders: dict[int, dict[Any, int]]) -> tuple[int, ...]:
    """Each part's index in its container (-1: not there, such as a missing key)."""
    out: list[int] = []
    node = root
    for part in path:
        index = -1
        if isinstance(node, dict):
            order = orders.get(id(node))
            if order is None:
                order = orders[id(node)] = dict(zip(node, count()))
            index = order.get(part, -1)
            node = node[part] if index >= 0 else None
        elif isinstance(node, list) and type(part) is int and 0 <= part < len(node):
            index = part
            node = node[part]
        else:
            node = None
        out.append(index)
    return tuple(out)


def _ordered(issues: list[tuple[Path, Issue]], root: Any) -> tuple[Issue, ...]:
    """The issues in payload order (see the module docstring); stable within one path."""
    if len(issues) < 2:
        return (issues[0][1],) if issues else ()
    orders: dict[int, dict[Any, int]] = {}
    keys: dict[Path, tuple[int, ...]] = {}
    for path, _ in issues:
        if path not in keys:
            keys[path] = _position(path, root, orders)
    return tuple(issue for _, issue in sorted(issues, key=lambda item: keys[item[0]]))


def _container(copies: dict[Path, Any], path: Path) -> Any:
    """The copy of the container at ``path`` in ``copies[()]``, made (with those on the way)
    if it is not there yet."""
    node = copies.get(path)
    if node is None:
        up = path[:-1]
        parent = copies.get(up)
        if parent is None:
            parent = _container(copies, up)
        child = parent[path[-1]]
        node = dict(child) if isinstance(child, dict) else list(child)
        parent[path[-1]] = node
        copies[path] = node
    return node


def _sanitized(root: dict[str, Any], changes: list[tuple[Path, Any]], bases: Iterable[Path]) -> Any:
    """A new payload: ``root`` with ``changes`` applied, copying only the containers on the way
    (and always the top level and each customer object), never touching ``root``."""
    top = dict(root)
    copies: dict[Path, Any] = {(): top}
    for base in bases:
        if base not in copies:
            _container(copies, base)
    for path, value in changes:
        parent = copies.get(path[:-1])
        if parent is None:
            parent = _container(copies, path[:-1])
        parent[path[-1]] = value
    return top


def _sanitized_one(root: dict[str, Any], base: Path, changes: list[tuple[Path, Any]]) -> Any:
    """:func:`_sanitized` with one base, ``()`` or ``("customer",)`` (a customer object)."""
    top = dict(root)
    if base:
        obj = top[base[0]] = dict(root[base[0]])
    else:
        obj = top
    if changes:
        copies: dict[Path, Any] = {(): top, base: obj}
        for path, value in changes:
            parent = copies.get(path[:-1])
            if parent is None:
                parent = _container(copies, path[:-1])
            parent[path[-1]] = value
    return top


_ENVELOPE_BASE: Path = ("customer",)
_METADATA_BASE: Path = ("metadata",)


def _check_body(ctx: Context, data: dict[str, Any], envelope: bool) -> bool:
    """The checks of a request body (``envelope``) or a bare customer object; returns whether
    it surely fits the models (see :func:`_check_customer`)."""
    fit = True
    if envelope:
        customer = data.get("customer")
        for key in data:
            if key.__class__ is not str or (key != "customer" and key != "metadata"):
                fit = False
        metadata = data.get("metadata")
        if metadata is None:
            pass
        elif (
            metadata.__class__ is dict
            and len(metadata) == 1
            and metadata.get("userId").__class__ is str
            and len(metadata["userId"]) <= ctx.tables.shortest_max_length
        ):
            pass  # the common metadata, decided inline: fits, and within every length limit
        else:
            check_metadata(ctx, _METADATA_BASE, metadata)
            if fit and not object_fits(metadata, METADATA_TYPES):
                fit = False
        base = _ENVELOPE_BASE
    else:
        customer = data
        base = ()
    if customer.__class__ is dict:
        return _check_customer(ctx, base, customer) and fit
    if isinstance(customer, dict):
        _check_customer(ctx, base, customer)
    return False


def _validate_payload(
    payload: Any, profile: Profile, operation: str, today: datetime.date
) -> Report:
    if payload.__class__ is dict:
        data: dict[str, Any] = payload
        text = False
    else:
        read = _read(payload, profile, max_bytes=profile.max_bytes, max_depth=profile.max_depth)
        if isinstance(read, Report):
            return read
        data, text = read
    tables = profile.tables
    ctx = Context(tables, operation, today)
    envelope = "customer" in data or "metadata" in data
    # The checks run first; when the payload surely fits the models (nearly always), those
    # have nothing to say and do not run at all. Else the findings are dropped, and the models
    # run first and the checks again: their order is structure, then content.
    if not (_FAST_STRUCTURE and (text or profile.max_depth >= _VALID_DEPTH)) or not _check_body(
        ctx, data, envelope
    ):
        ctx = Context(tables, operation, today)
        fatal = _structure(
            ctx,
            "envelope" if envelope else "customer",
            data,
            profile,
            fitted=False,
            text=text,
            root_is_customer=not envelope,
            max_depth=profile.max_depth,
        )
        if fatal is not None:
            return fatal
        _check_body(ctx, data, envelope)
    customer = data.get("customer") if envelope else data
    if isinstance(customer, dict):
        sanitized = _sanitized_one(data, _ENVELOPE_BASE if envelope else (), ctx.changes)
    else:
        sanitized = _sanitized(data, ctx.changes, ())
    issues = ctx.issues  # (_ordered, with its common cases inline)
    ordered = (issues[0][1],) if len(issues) == 1 else _ordered(issues, data) if issues else ()
    return new_report(ordered, sanitized)


def _unprocessable(profile: Profile, exc: Exception) -> Report:
    """The report of a validator that failed (the promise: never raise for any input)."""
    return _fatal(
        profile.tables,
        UNPROCESSABLE,
        f"armvalidate failed on this input ({type(exc).__name__}); please report it",
        {"exception": type(exc).__name__},
    )


def _guarded(run: Callable[[], Report], profile: Profile) -> Report:
    try:
        return run()
    except Exception as exc:  # the promise: never raise for any input
        return _unprocessable(profile, exc)


def validate_customer(
    payload: Any,
    *,
    operation: str = "create",
    profile: Profile | str | None = None,
    today: datetime.date | None = None,
) -> Report:
    """Validate one customer request body and return a :class:`~armvalidate.Report`.

    ``payload`` is ``{"metadata": {...}, "customer": {...}}`` or a bare customer object (then
    paths are relative to it: ``/name``), as a dict or as JSON text or bytes. ``operation`` is
    ``"create"`` (POST), ``"update"`` (PUT) or ``"upsert"`` (POST for a customer that may
    exist: name not required). ``profile`` is None (production), a built-in
    profile's name (``"production"``, ``"test"``) or a :class:`~armvalidate.Profile`. ``today``
    (default: the current date, read once) is the date stop dates and birth dates are compared
    with.

    Never raises for any payload and never changes it; ``report.sanitized`` is a new payload
    (nested containers it did not change are shared with the input). A bad ``operation``,
    ``profile`` or ``today`` is a programming error and raises.
    """
    # (the common arguments decided inline: this runs once per payload)
    if profile is None or (profile.__class__ is str and profile == "production"):
        prof = _PRODUCTION
    else:
        prof = get_profile(profile)
    op = operation if operation == "create" else _operation(operation)
    day = today if today.__class__ is datetime.date else _today(today)
    try:
        return _validate_payload(payload, prof, op, day)
    except Exception as exc:  # the promise: never raise for any input
        return _unprocessable(prof, exc)


def validate_customers(
    payloads: Iterable[Any],
    *,
    operation: str = "create",
    profile: Profile | str | None = None,
    today: datetime.date | None = None,
) -> Iterator[Report]:
    """Validate each payload of ``payloads`` (as :func:`validate_customer`); yield the reports
    lazily, in order. The arguments are checked and ``today`` is read once, at the call."""
    prof = get_profile(profile)
    op = _operation(operation)
    day = _today(today)

    def reports() -> Iterator[Report]:
        for payload in payloads:
            try:
                report = _validate_payload(payload, prof, op, day)
            except Exception as exc:  # the promise: never raise for any input
                report = _unprocessable(prof, exc)
            yield report

    return reports()


def _validate_batch(body: Any, profile: Profile, operation: str, today: datetime.date) -> Report:
    max_depth = profile.max_depth + 1
    read = _read(body, profile, max_bytes=profile.max_batch_bytes, max_depth=max_depth)
    if isinstance(read, Report):
        return read
    data, text = read
    ctx = Context(profile.tables, operation, today)
    fatal = _structure(
        ctx,
        "batch",
        data,
        profile,
        fitted=_FAST_STRUCTURE and fits(data, operation, "batch"),
        text=text,
        root_is_customer=False,
        batch=True,
        max_depth=max_depth,
    )
    if fatal is not None:
        return fatal
    check_metadata(ctx, ("metadata",), data.get("metadata"))
    customers = data.get("customers")
    bases: list[Path] = []
    if isinstance(customers, list):
        first: dict[str, int] = {}
        for i, customer in enumerate(customers):
            if not isinstance(customer, dict):
                continue
            base: Path = ("customers", i)
            ctx.reset_facts()
            _check_customer(ctx, base, customer)
            bases.append(base)
            number = customer.get("customerNo")
            if not isinstance(number, str) or not number.strip():
                continue
            key = customer_no_key(number)
            if key in first:
                ctx.emit(
                    DUPLICATE_CUSTOMER_NO,
                    (*base, "customerNo"),
                    f"customerNo {number!r} is also the customerNo of /customers/{first[key]}, "
                    "its first occurrence in this batch",
                    context={"first_index": first[key], "found": number},
                    value=number,
                )
            else:
                first[key] = i
    return Report(issues=_ordered(ctx.issues, data), sanitized=_sanitized(data, ctx.changes, bases))


def validate_batch(
    body: Any,
    *,
    operation: str = "create",
    profile: Profile | str | None = None,
    today: datetime.date | None = None,
) -> Report:
    """Validate a batch body ``{"metadata": {...}, "customers": [...]}`` and return one
    :class:`~armvalidate.Report` with paths such as ``/customers/3/ssn``.

    Every customer is checked as by :func:`validate_customer`; across the batch, a customerNo
    used twice is ``batch.duplicate-customer-no`` at every later occurrence. The text limit is
    the profile's ``max_batch_bytes``, and the nesting limit one more than ``max_depth``.
    Never raises for any body.
    """
    prof = get_profile(profile)
    op = _operation(operation)
    day = _today(today)
    return _guarded(partial(_validate_batch, body, prof, op, day), prof)
