"""The public API and the drivers of the pipeline: validate one customer payload, a stream of
them, or a batch body.

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

The pipeline runs in order, once, and data moves down only:

1. decode (:mod:`armvalidate.decode`): text or bytes to a dict, within the size and depth
   limits; a fatal finding ends the run there;
2. structure (:mod:`armvalidate.checks.structure`): keys, JSON types, required keys, list sizes
   and integer ranges, by a pydantic-core validator compiled from the contract;
3. field rules and 4. cross-field rules (:mod:`armvalidate.checks.customer`, one pass over each
   customer object, compiled per profile into a :class:`~armvalidate.checks.customer.
   CustomerChecks` this module owns);
5. profile: each finding goes through the profile's tables as it is made (rules off, severity
   overrides, masking: :class:`~armvalidate.checks._context.Context`);
6. report (:mod:`armvalidate.collate`): the findings in payload order and the sanitized copy.

No wall clock is read inside: ``today`` is passed in, or read once per call here.

Room: the drivers import every stage; nothing imports them but the package and the CLI.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import partial
from os import PathLike
from typing import Any

from armvalidate.catalog import Rule
from armvalidate.checks._context import Context
from armvalidate.checks.batch import DUPLICATE_CUSTOMER_NO, customer_no_key
from armvalidate.checks.customer import CustomerChecks
from armvalidate.checks.lengths import check_metadata
from armvalidate.checks.limits import UNPROCESSABLE
from armvalidate.checks.structure import a_type, check_structure, json_type
from armvalidate.collate import ordered, sanitized, sanitized_one
from armvalidate.contract import OPERATIONS
from armvalidate.decode import JSON, decode, exceeds_depth, exceeds_depth_at, too_deep
from armvalidate.exceptions import InvalidValue
from armvalidate.fields import Path
from armvalidate.profile import PRODUCTION as _PRODUCTION
from armvalidate.profile import Profile, Tables, get_profile
from armvalidate.report import Report, new_report

__all__ = ["OPERATIONS", "validate_batch", "validate_customer", "validate_customers"]

_TEXT_TYPES = (str, bytes, bytearray, memoryview)
# A structurally valid payload is at most this deep (envelope, customer, postalAddress/lists),
# so the depth of a dict payload needs counting only when the structure stage found something.
_VALID_DEPTH = 3


def _operation(operation: str) -> str:
    if operation not in OPERATIONS:
        raise ValueError(f"operation must be 'create', 'update' or 'upsert', not {operation!r}")
    return operation


def _today(today: datetime.date | None) -> datetime.date:
    """The date the run compares with: ``today``, or the current date (read here, once)."""
    if today.__class__ is datetime.date:
        return today
    if today is None:
        return datetime.date.today()
    if isinstance(today, datetime.datetime):
        return today.date()
    if not isinstance(today, datetime.date):
        raise TypeError(f"today must be a datetime.date, not {type(today).__name__}")
    return today


_COMPILED: dict[int, tuple[Tables, CustomerChecks]] = {}


def _checks(tables: Tables) -> CustomerChecks:
    """The field and cross-field pass compiled for ``tables`` (kept here, per profile)."""
    found = _COMPILED.get(id(tables))
    if found is not None and found[0] is tables:
        return found[1]
    if len(_COMPILED) >= 64:
        _COMPILED.clear()
    checks = CustomerChecks(tables)
    _COMPILED[id(tables)] = (tables, checks)  # (the tables are kept: their id stays theirs)
    return checks


def _fatal(tables: Tables, rule: Rule | str, message: str, context: Any = None) -> Report:
    """A report of one finding about the whole input, which was not checked further."""
    ctx = Context(tables, "create", datetime.date.min)
    ctx.emit_id(rule if isinstance(rule, str) else rule.id, (), message, context=context)
    return Report(issues=tuple(issue for _, issue in ctx.issues), sanitized=None)


def _read(
    payload: Any, profile: Profile, *, max_bytes: int, max_depth: int
) -> tuple[dict[str, Any], bool] | Report:
    """Stage 1: the payload as a dict and whether it came as text, or the fatal report."""
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


def _too_deep(
    ctx: Context,
    data: dict[str, Any],
    profile: Profile,
    max_depth: int,
    wrong: tuple[Path, ...] | None,
    valid_depth: int,
) -> Report | None:
    """The fatal report of a dict payload nested deeper than ``max_depth`` (text was measured
    by decode). A dict is measured only where the structure stage found something (``wrong``:
    the rest has the contract's types, at most ``valid_depth`` deep), or everywhere when the
    limit is below that depth."""
    max_nodes = max(profile.max_bytes // 2, 1024)
    if max_depth < valid_depth:
        found = exceeds_depth(data, max_depth, max_nodes=max_nodes)
    elif wrong:
        found = exceeds_depth_at(data, wrong, max_depth, max_nodes=max_nodes)
    else:
        return None
    if found is None:
        return None
    error = too_deep(found, max_depth)
    return _fatal(ctx.tables, error.rule, error.message, error.context)


_ENVELOPE_BASE: Path = ("customer",)


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
    wrong = check_structure(ctx, data, "envelope" if envelope else "customer")
    if not text and (wrong or profile.max_depth < _VALID_DEPTH):
        fatal = _too_deep(ctx, data, profile, profile.max_depth, wrong, _VALID_DEPTH)
        if fatal is not None:
            return fatal
    _checks(tables).check_body(ctx, data, envelope)
    customer = data.get("customer") if envelope else data
    if isinstance(customer, dict):
        copy = sanitized_one(data, _ENVELOPE_BASE if envelope else (), ctx.changes)
    else:
        copy = sanitized(data, ctx.changes, ())
    issues = ctx.issues
    found = (issues[0][1],) if len(issues) == 1 else ordered(issues, data) if issues else ()
    return new_report(found, copy)


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
    profile: Profile | str | PathLike[str] | None = None,
    today: datetime.date | None = None,
) -> Report:
    """Validate one customer request body and return a :class:`~armvalidate.Report`.

    ``payload`` is ``{"metadata": {...}, "customer": {...}}`` or a bare customer object (then
    paths are relative to it: ``/name``), as a dict or as JSON text or bytes. ``operation`` is
    ``"create"`` (POST), ``"update"`` (PUT) or ``"upsert"`` (POST for a customer that may
    exist: name not required). ``profile`` is None (production), a built-in
    profile's name (``"production"``, ``"test"``) or a :class:`~armvalidate.Profile`. ``today``
    (default: the current date, read at this call) is the date stop dates and birth dates are
    compared with.

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
    profile: Profile | str | PathLike[str] | None = None,
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
    wrong = check_structure(ctx, data, "batch")
    if not text and (wrong or max_depth < _VALID_DEPTH + 1):
        fatal = _too_deep(ctx, data, profile, max_depth, wrong, _VALID_DEPTH + 1)
        if fatal is not None:
            return fatal
    check_metadata(ctx, ("metadata",), data.get("metadata"))
    customers = data.get("customers")
    bases: list[Path] = []
    if isinstance(customers, list):
        checks = _checks(profile.tables)
        first: dict[str, int] = {}
        for i, customer in enumerate(customers):
            if not isinstance(customer, dict):
                continue
            base: Path = ("customers", i)
            ctx.reset_facts()
            checks.check_customer(ctx, base, customer)
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
    return Report(issues=ordered(ctx.issues, data), sanitized=sanitized(data, ctx.changes, bases))


def validate_batch(
    body: Any,
    *,
    operation: str = "create",
    profile: Profile | str | PathLike[str] | None = None,
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
