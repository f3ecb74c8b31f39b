"""What the ARM stand-in does, without HTTP: parse, authorize, validate, store, answer.

:class:`ArmService` turns (method, client number, body, query) into ``(status, body)``; the
ASGI app (:mod:`armvalidate.stub.app`) is only its HTTP face. Everything here is plain Python
and the standard library, plus armvalidate's validator.
"""

from __future__ import annotations

import datetime
import hmac
import json
import math
import re
import threading
import time
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from armvalidate.catalog import Severity
from armvalidate.checks.batch import customer_no_key
from armvalidate.checks.structure import READ_ONLY, REQUIRED, TYPE, UNKNOWN_FIELD
from armvalidate.decode import exceeds_depth
from armvalidate.profile import PRODUCTION, Profile, profile_from_mapping
from armvalidate.report import Report
from armvalidate.stub.faults import FaultPlan
from armvalidate.stub.store import Store
from armvalidate.validate import validate_customer

__all__ = [
    "DEFAULT_MAXIMUM_COUNT",
    "DEFAULT_PAGE_SIZE",
    "MAX_BATCH_BODY_BYTES",
    "MAX_BATCH_ITEMS",
    "MAX_BODY_BYTES",
    "MAX_DEPTH",
    "MODES",
    "ApiError",
    "ArmService",
    "error_body",
]

MODES = ("lenient", "strict")
MAX_BODY_BYTES = 1 << 20
"""The largest body of one customer request (1 MiB); larger: 413."""
MAX_BATCH_BODY_BYTES = 16 << 20
"""The largest body of a batch request (16 MiB); larger: 413."""
MAX_BATCH_ITEMS = 10_000
"""The most customers in one batch; more: 422."""
MAX_DEPTH = 32
"""The deepest nesting of arrays and objects in a body; deeper: 400."""
DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, MIN_PAGE_SIZE, SMALL_PAGE_SIZE = 100, 1000, 5, 10
DEFAULT_MAXIMUM_COUNT = 10_000
MAX_RECORDED = 1_000_000
"""Recorded requests kept (the oldest are dropped past this)."""

_CLIENT_NO = re.compile(r"[0-9]{1,9}")
BLANK = re.compile(r"\s*")
"""A customerNo that is empty or only white space cannot identify a customer (the OpenAPI
document's pattern for customerNo is the same test, negated)."""
_READ_ONLY_OR_UNKNOWN = frozenset({UNKNOWN_FIELD.id, READ_ONLY.id})
# In lenient mode these findings refuse the request; every other finding is a warning.
_LENIENT_REFUSES = frozenset({TYPE.id})


class ApiError(Exception):
    """An error answer: ``status`` (4xx/5xx), a stable ``error`` slug, a message and findings."""

    def __init__(
        self,
        status: int,
        error: str,
        message: str,
        errors: Iterable[Mapping[str, Any]] = (),
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.error = error
        self.message = message
        self.errors = [dict(e) for e in errors]
        self.headers = dict(headers or {})

    def body(self) -> dict[str, Any]:
        return error_body(self.status, self.error, self.message, self.errors)


def error_body(
    status: int, error: str, message: str, errors: Iterable[Mapping[str, Any]] = ()
) -> dict[str, Any]:
    """The one shape of every error answer (400, 401, 403, 404, 405, 413, 415, 422, 429, 5xx)."""
    return {
        "status": "ERROR",
        "code": status,
        "error": error,
        "message": message,
        "errors": [dict(e) for e in errors],
    }


WARNINGS = ("arm", "all")
"""What an answer's ``warnings`` hold: ``arm`` (default), what ARM itself would answer
(:meth:`~armvalidate.Report.to_api_warnings`: the docs show the server warning about sanitized
e-mail addresses only; the docs' request, with its 12-digit account, got one warning); ``all``,
every warning-level finding of the mode's profile in the same ``{field, message}`` shape (the
stand-in's own extension, for clients that want to see what armvalidate found)."""


def _api_warnings(report: Report, which: str) -> list[dict[str, str]]:
    if which == "arm":
        return report.to_api_warnings()
    return [
        {"field": issue.field, "message": issue.message}
        for issue in report.issues
        if issue.severity is Severity.WARNING
    ]


def _profile_for(mode: str) -> Profile:
    """The validator's profile of a mode: the one place that decides what each mode refuses.

    ``strict``: the production profile (every armvalidate error refuses the request).
    ``lenient``: the ``arm`` profile (armvalidate's prediction of the server: errors only for
    what it cannot process), with one deviation of the stand-in's own: a value of the wrong
    JSON type stays an error (``arm`` only warns, since the docs do not say whether ARM coerces
    or refuses it; the stand-in cannot store it). Input that is no JSON object at all is
    refused before the validator runs.
    """
    if mode == "strict":
        return PRODUCTION
    if mode == "lenient":
        return _LENIENT
    raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")


_LENIENT = profile_from_mapping(
    {"name": "stub-lenient", "base": "arm", "severity": dict.fromkeys(_LENIENT_REFUSES, "error")}
)


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _finite_float(text: str) -> float:
    value = float(text)
    if math.isinf(value):
        raise ValueError("a number is too large")
    return value


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKey(key)
            seen.add(key)
    return out


class _DuplicateKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def parse_json(body: bytes) -> Any:
    """Read a request body as strict JSON (UTF-8, no duplicate keys, no NaN/Infinity, finite
    numbers, at most :data:`MAX_DEPTH` deep) or raise :class:`ApiError` 400."""
    if body[:3] == b"\xef\xbb\xbf":
        body = body[3:]
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ApiError(
            400, "invalid-json", f"the body is not valid UTF-8 (byte {exc.start})"
        ) from None
    if not text.strip():
        raise ApiError(400, "invalid-json", "the body is empty; a JSON object is expected")
    try:
        value = json.loads(
            text,
            object_pairs_hook=_unique_keys,
            parse_constant=_reject_constant,
            parse_float=_finite_float,
        )
    except _DuplicateKey:
        raise ApiError(400, "duplicate-key", "an object in the body has a key twice") from None
    except json.JSONDecodeError as exc:
        raise ApiError(
            400,
            "invalid-json",
            f"the body is not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})",
        ) from None
    except RecursionError:
        raise ApiError(400, "too-deep", f"the body is nested more than {MAX_DEPTH} deep") from None
    except ValueError as exc:  # NaN/Infinity, a huge number, a float out of range
        reason = str(exc) if "JSON" in str(exc) or "large" in str(exc) else "unreadable number"
        raise ApiError(400, "invalid-json", f"the body is not valid JSON: {reason}") from None
    if exceeds_depth(value, MAX_DEPTH) is not None:
        raise ApiError(400, "too-deep", f"the body is nested more than {MAX_DEPTH} deep")
    return value


def parse_client_no(text: str) -> int:
    """A client number from the path: 1-9 ASCII digits, else 404."""
    if not _CLIENT_NO.fullmatch(text):
        raise ApiError(404, "unknown-client", "the client number must be 1 to 9 digits (0-9)")
    return int(text)


def _unescape(part: str) -> str:
    return part.replace("~1", "/").replace("~0", "~")


def _drop_path(root: Any, pointer: str) -> None:
    """Remove the key at a JSON Pointer (if it is there)."""
    parts = [_unescape(p) for p in pointer.split("/")[1:]]
    node = root
    for part in parts[:-1]:
        if isinstance(node, dict):
            node = node.get(part)
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return
    if isinstance(node, dict) and parts:
        node.pop(parts[-1], None)


def _finding(issue: Any) -> dict[str, str]:
    return {"field": issue.field, "rule": issue.rule, "path": issue.path, "message": issue.message}


def _strip_nulls(customer: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in customer.items():
        if value is None:
            continue
        if isinstance(value, dict):
            value = {k: v for k, v in value.items() if v is not None}
        out[key] = value
    return out


def _merge(stored: dict[str, Any], update: dict[str, Any]) -> dict[str, Any]:
    """PUT: missing and null keys leave the stored value; a postal address with any field
    given replaces the whole group (``""`` is a value)."""
    merged = dict(stored)
    for key, value in update.items():
        if value is None or key == "customerNo":
            continue
        if key == "postalAddress" and isinstance(value, dict):
            group = {k: v for k, v in value.items() if v is not None}
            if group:
                merged[key] = group
            continue
        if isinstance(value, dict):
            value = {k: v for k, v in value.items() if v is not None}
        merged[key] = value
    return merged


@dataclass(frozen=True)
class BatchTiming:
    """When a batch completes: after ``polls`` polls answered 202 and ``seconds`` elapsed."""

    polls: int = 1
    seconds: float = 0.0


class ArmService:
    """The stand-in's behaviour. Thread-safe: the store and the recording have their locks."""

    def __init__(
        self,
        *,
        mode: str = "lenient",
        tokens: Mapping[str, Iterable[int] | None] | None = None,
        store: Store | None = None,
        faults: FaultPlan | None = None,
        batch_timing: BatchTiming | None = None,
        today: datetime.date | None = None,
        warnings: str = "arm",
    ) -> None:
        if warnings not in WARNINGS:
            raise ValueError(f"warnings must be one of {', '.join(WARNINGS)}, not {warnings!r}")
        self.warnings = warnings
        self.profile = _profile_for(mode)
        self.today = today
        self.mode = mode
        self.tokens: dict[str, frozenset[int] | None] = {
            token: None if clients is None else frozenset(int(c) for c in clients)
            for token, clients in (tokens or {}).items()
        }
        if not self.tokens or any(not t for t in self.tokens):
            raise ValueError("at least one token is needed, and a token may not be empty")
        self.store = store if store is not None else Store()
        self.faults = faults if faults is not None else FaultPlan()
        self.batch_timing = batch_timing or BatchTiming()
        self._recorded: list[dict[str, Any]] = []
        self._record_lock = threading.Lock()
        self._seq = 0

    # -- recording ---------------------------------------------------------------------------

    def record(self, entry: dict[str, Any]) -> None:
        with self._record_lock:
            self._seq += 1
            entry["seq"] = self._seq
            self._recorded.append(entry)
            if len(self._recorded) > MAX_RECORDED:
                del self._recorded[: len(self._recorded) - MAX_RECORDED]

    @property
    def requests(self) -> list[dict[str, Any]]:
        """Every request so far, oldest first (a copy)."""
        with self._record_lock:
            return [dict(e) for e in self._recorded]

    def reset(self) -> None:
        """Empty the store and the recording; start the fault plan from its beginning."""
        self.store.reset()
        self.faults.reset()
        with self._record_lock:
            self._recorded.clear()
            self._seq = 0

    # -- auth --------------------------------------------------------------------------------

    def authorize(self, header: str | None, client_no: int | None) -> None:
        """401 without a valid ``Bearer`` token; 403 when the token is not granted the client."""
        challenge = {"WWW-Authenticate": 'Bearer realm="arm"'}
        if not header:
            raise ApiError(
                401, "unauthorized", "an Authorization: Bearer token is required", (), challenge
            )
        scheme, _, token = header.strip().partition(" ")
        token = token.strip()
        if scheme.lower() != "bearer" or not token:
            raise ApiError(
                401,
                "unauthorized",
                "the Authorization header must be 'Bearer <token>'",
                (),
                challenge,
            )
        granted: frozenset[int] | None = None
        found = False
        for known, clients in self.tokens.items():
            if hmac.compare_digest(
                known.encode("utf-8", "replace"), token.encode("utf-8", "replace")
            ):
                granted, found = clients, True
        if not found:
            raise ApiError(401, "unauthorized", "the token is not valid", (), challenge)
        if client_no is not None and granted is not None and client_no not in granted:
            raise ApiError(403, "forbidden", "the token is not granted this client number")

    # -- one customer ------------------------------------------------------------------------

    def _validated(
        self, payload: Any, operation: str, client_no: int | None = None
    ) -> tuple[dict[str, Any], str, Report]:
        """Check what cannot be processed, validate, and return ``(customer, key, report)``;
        raises 400/422. ``operation="upsert"`` (a POST) is checked as a create unless
        ``client_no`` has a customer with this customerNo already."""
        if not isinstance(payload, dict):
            raise ApiError(400, "not-an-object", "the body must be a JSON object")
        customer = payload.get("customer")
        if not isinstance(customer, dict):
            raise ApiError(
                422,
                "validation-failed",
                "the body has no customer object",
                [
                    {
                        "field": "Customer",
                        "rule": REQUIRED.id,
                        "path": "/customer",
                        "message": "customer is required and must be an object",
                    }
                ],
            )
        number = customer.get("customerNo")
        if not isinstance(number, str) or BLANK.fullmatch(number):
            what = (
                "missing or empty" if number is None or isinstance(number, str) else "not a string"
            )
            raise ApiError(
                422,
                "validation-failed",
                f"customerNo is {what}: the customer cannot be identified",
                [
                    {
                        "field": "CustomerNo",
                        "rule": REQUIRED.id if what == "missing or empty" else TYPE.id,
                        "path": "/customer/customerNo",
                        "message": f"customerNo is {what}",
                    }
                ],
            )
        if operation == "upsert" and (
            client_no is None or self.store.get(client_no, customer_no_key(number)) is None
        ):
            operation = "create"
        report = validate_customer(
            payload, operation=operation, profile=self.profile, today=self.today
        )
        if not report.ok:
            raise ApiError(
                422,
                "validation-failed",
                f"the customer has {len(report.errors)} error(s)",
                [_finding(i) for i in report.errors],
            )
        sanitized = report.sanitized
        stored = dict(sanitized["customer"]) if isinstance(sanitized, dict) else dict(customer)
        for issue in report.issues:
            if issue.rule in _READ_ONLY_OR_UNKNOWN and issue.path.startswith("/customer/"):
                _drop_path({"customer": stored}, issue.path)
        if not isinstance(stored.get("customerNo"), str) or BLANK.fullmatch(stored["customerNo"]):
            stored["customerNo"] = number
        return stored, customer_no_key(stored["customerNo"]), report

    def _answer(
        self, client_no: int, created: bool, account_no: int, customer_no: str, report: Report
    ) -> dict[str, Any]:
        return {
            "status": "PROCESSED",
            "result": "CREATED" if created else "UPDATED",
            "message": "Customer created" if created else "Customer updated",
            "clientNo": client_no,
            "accountNo": account_no,
            "customerNo": customer_no,
            "warnings": _api_warnings(report, self.warnings),
        }

    def post_customer(self, client_no: int, payload: Any) -> tuple[int, dict[str, Any]]:
        """POST: an upsert on customerNo, checked as a create, or as ``operation="upsert"``
        (no name required) when the customer exists; the customer sent replaces the stored one."""
        customer, key, report = self._validated(payload, "upsert", client_no)
        customer = _strip_nulls(customer)
        with self.store.transaction() as db:
            created, account_no = self.store.upsert(db, client_no, key, customer)
        return 200, self._answer(client_no, created, account_no, customer["customerNo"], report)

    def put_customer(self, client_no: int, payload: Any) -> tuple[int, dict[str, Any]]:
        """PUT: update a known customer; missing/null keys leave values unchanged."""
        update, key, report = self._validated(payload, "update")
        with self.store.transaction() as db:
            row = db.execute(
                "SELECT data FROM customers WHERE client_no = ? AND key = ?", (client_no, key)
            ).fetchone()
            if row is None:
                raise ApiError(404, "customer-not-found", "no customer with this customerNo")
            merged = _merge(json.loads(row[0]), update)
            _, account_no = self.store.upsert(db, client_no, key, merged)
        return 200, self._answer(client_no, False, account_no, merged["customerNo"], report)

    @staticmethod
    def _as_answer(client_no: int, account_no: int, customer: dict[str, Any]) -> dict[str, Any]:
        out = {"clientNo": client_no, "accountNo": account_no, **customer}
        if isinstance(customer.get("organizationNo"), str):
            out["organizationNoScheme"] = "0192"
        return out

    def get_customer(self, client_no: int, customer_no: str) -> tuple[int, dict[str, Any]]:
        found = self.store.get(client_no, customer_no_key(customer_no))
        if found is None:
            raise ApiError(404, "customer-not-found", "no customer with this customerNo")
        _, account_no, customer = found
        return 200, self._as_answer(client_no, account_no, customer)

    def delete_customer(self, client_no: int, customer_no: str) -> tuple[int, dict[str, Any]]:
        found = self.store.get(client_no, customer_no_key(customer_no))
        if found is None or not self.store.delete(client_no, customer_no_key(customer_no)):
            raise ApiError(404, "customer-not-found", "no customer with this customerNo")
        number, account_no, _ = found
        return 200, {
            "status": "PROCESSED",
            "result": "DELETED",
            "message": "Customer deleted",
            "clientNo": client_no,
            "accountNo": account_no,
            "customerNo": number,
        }

    # -- lists -------------------------------------------------------------------------------

    @staticmethod
    def _int_param(params: Mapping[str, str], *names: str) -> int | None:
        for name in names:
            if name in params:
                text = params[name].strip()
                if not re.fullmatch(r"[+-]?[0-9]{1,100}", text):
                    raise ApiError(400, "invalid-parameter", f"{name} must be an integer")
                return max(-(10**9), min(int(text), 10**9))  # beyond either way: the same
        return None

    def list_customers(
        self, client_no: int, params: Mapping[str, str]
    ) -> tuple[int, dict[str, Any]]:
        """A page of the client's customers; a new query, or a later page of a saved one."""
        page_no = self._int_param(params, "pageno", "pageNo")
        if page_no is None:
            page_no = 1
        if page_no < 1:
            raise ApiError(400, "invalid-parameter", "pageno must be 1 or more")
        query_id = params.get("query", params.get("queryId"))
        if query_id is not None:
            saved = self.store.query(query_id, client_no)
            if saved is None:
                raise ApiError(404, "query-not-found", "no such query (queryId) for this client")
            page_size, maximum, keys = saved
        else:
            size = self._int_param(params, "pageSize", "pagesize")
            page_size = DEFAULT_PAGE_SIZE if size is None else size
            if page_size < MIN_PAGE_SIZE:
                page_size = SMALL_PAGE_SIZE
            page_size = min(page_size, MAX_PAGE_SIZE)
            most = self._int_param(params, "maximumCount", "maximumcount")
            maximum = (
                DEFAULT_MAXIMUM_COUNT
                if most is None or most < 1
                else min(most, DEFAULT_MAXIMUM_COUNT)
            )
            keys = self.store.keys(client_no, maximum)
            query_id = str(uuid.uuid4())
            self.store.save_query(query_id, client_no, page_size, maximum, keys)
        total = len(keys)
        pages = max(1, math.ceil(total / page_size))
        if page_no > pages:
            raise ApiError(404, "page-not-found", f"the query has {pages} page(s)")
        chunk = keys[(page_no - 1) * page_size : page_no * page_size]
        customers = [
            self._as_answer(client_no, a, c) for _, a, c in self.store.many(client_no, chunk)
        ]
        summary = {
            "pageNo": page_no,
            "currentPageSize": len(customers),
            "pageSizeLimit": page_size,
            "totalPages": pages,
            "totalCount": total,
            "maximumCount": maximum,
            "nextPage": page_no + 1 if page_no < pages else None,
            "lastPage": page_no >= pages,
            "queryId": query_id,
        }
        return 200, {"summary": summary, "customers": customers}

    # -- batches -----------------------------------------------------------------------------

    def submit_batch(
        self, client_no: int, operation: str, payload: Any
    ) -> tuple[int, dict[str, Any]]:
        if not isinstance(payload, dict):
            raise ApiError(400, "not-an-object", "the body must be a JSON object")
        items = payload.get("customers")
        if not isinstance(items, list):
            raise ApiError(
                422,
                "validation-failed",
                "the batch has no customers array",
                [
                    {
                        "field": "Customers",
                        "rule": REQUIRED.id,
                        "path": "/customers",
                        "message": "customers is required and must be an array",
                    }
                ],
            )
        if len(items) > MAX_BATCH_ITEMS:
            raise ApiError(
                422, "batch-too-large", f"a batch holds at most {MAX_BATCH_ITEMS} customers"
            )
        batch_id = str(uuid.uuid4())
        self.store.save_batch(batch_id, client_no, operation, payload)
        return 202, {
            "status": "ACCEPTED",
            "message": "Batch accepted for processing",
            "batchUuid": batch_id,
            "clientNo": client_no,
            "totalCount": len(items),
        }

    def _process(
        self, client_no: int, batch_id: str, operation: str, body: dict[str, Any]
    ) -> list[dict[str, Any]]:
        results: list[dict[str, Any]] = []
        metadata = body.get("metadata")
        for index, item in enumerate(body.get("customers") or []):
            payload: dict[str, Any] = {"customer": item}
            if metadata is not None:
                payload["metadata"] = metadata
            number = item.get("customerNo") if isinstance(item, dict) else None
            entry: dict[str, Any] = {
                "index": index,
                "customerNo": number if isinstance(number, str) else None,
            }
            try:
                if operation == "create":
                    status, answer = self.post_customer(client_no, payload)
                else:
                    status, answer = self.put_customer(client_no, payload)
            except ApiError as exc:
                entry.update(
                    status=exc.status,
                    result="FAILED",
                    accountNo=None,
                    message=exc.message,
                    warnings=[],
                    errors=exc.errors,
                )
            else:
                entry.update(
                    status=status,
                    result=answer["result"],
                    accountNo=answer["accountNo"],
                    message=answer["message"],
                    warnings=answer["warnings"],
                    errors=[],
                )
            results.append(entry)
        return results

    def batch_status(self, client_no: int, batch_id: str) -> tuple[int, dict[str, Any]]:
        batch = self.store.batch(batch_id, client_no)
        if batch is None:
            raise ApiError(404, "batch-not-found", "no batch with this batchUuid for this client")
        results = batch["results"]
        total = len(batch["body"].get("customers") or [])
        if results is None:
            timing = self.batch_timing
            due = (
                batch["polls"] >= timing.polls and time.time() - batch["created"] >= timing.seconds
            )
            if not due:
                self.store.count_poll(batch_id)
                return 202, {
                    "status": "PROCESSING",
                    "batchUuid": batch_id,
                    "clientNo": client_no,
                    "totalCount": total,
                    "processedCount": 0,
                    "failedCount": 0,
                    "results": [],
                }
            results = self._process(client_no, batch_id, batch["operation"], batch["body"])
            with self.store.transaction() as db:
                self.store.finish_batch(db, batch_id, results)
        failed = sum(1 for r in results if r["result"] == "FAILED")
        return (206 if failed else 200), {
            "status": "PARTIALLY_PROCESSED" if failed else "PROCESSED",
            "batchUuid": batch_id,
            "clientNo": client_no,
            "totalCount": total,
            "processedCount": total - failed,
            "failedCount": failed,
            "results": results,
        }

    def customers(self, client_no: int) -> list[dict[str, Any]]:
        """The client's stored customers as GET answers them, oldest first."""
        return [self._as_answer(client_no, a, c) for _, a, c in self.store.all_customers(client_no)]
