"""Fuzzing the validator: every value, text or byte string gets a report, never an exception.

The safety net ``input.unprocessable`` (a check that crashed inside, caught by the pipeline)
counts as a failure here: it means an input found a bug. Every finding names a rule of the
catalog, and every report turns into text and JSON.
"""

from __future__ import annotations

import codecs
import datetime
import json
import math
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import armvalidate
from armvalidate import Report, validate_batch, validate_customer, validate_customers
from armvalidate.checks.limits import UNPROCESSABLE
from armvalidate.models import CUSTOMER_KEYS

TODAY = datetime.date(2026, 1, 1)
RULE_IDS = frozenset(rule.id for rule in armvalidate.rules())
FUZZ = settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# -- strategies ------------------------------------------------------------------------------

NUMBERS = [
    "12015641779", "120156 41779", "52015641762", "17912099997", "12015641778", "1201564177",
    "984842252", "984 842 252", "86011117947", "8601.11.17947", "NO9386011117947",
    "815013665841", "1234567897", "99887766", "+47 99887766", "0150", "NO", "nok", "CONS",
    "1956-01-12", "2023-02-29", "owea@ testarmrest.no", "\ud800", "١٢٠١٥٦٤١٧٧٩", "=1+1",
]  # fmt: skip
KEYS = st.sampled_from(
    [*CUSTOMER_KEYS, "customer", "metadata", "customers", "userId", "postalCode", "cityName",
     "countryCode", "type", "einvoiceCode", "clientNo", "12015641779", "ssN", "a/b~c", ""]
) | st.text(max_size=12)  # fmt: skip
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=-(10**40), max_value=10**40)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30)
    | st.sampled_from(NUMBERS)
)
JSON_VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(KEYS, inner, max_size=8),
    max_leaves=40,
)
CUSTOMERS = st.dictionaries(KEYS, JSON_VALUES, max_size=14)
ENVELOPES = st.fixed_dictionaries(
    {"customer": CUSTOMERS | JSON_VALUES}, optional={"metadata": JSON_VALUES}
)
BATCHES = st.fixed_dictionaries(
    {"customers": st.lists(CUSTOMERS | JSON_VALUES, max_size=5) | JSON_VALUES},
    optional={"metadata": JSON_VALUES},
)
VALUES = JSON_VALUES | CUSTOMERS | ENVELOPES


def json_text(value: Any) -> str:
    """JSON text of any value (NaN/Infinity as JavaScript literals, huge ints as digits)."""
    try:
        return json.dumps(value, ensure_ascii=False)
    except ValueError:  # an int with too many digits for str()
        return "1" + "0" * 5000


@st.composite
def texts_of(draw: st.DrawFn, values: st.SearchStrategy[Any] = VALUES) -> str:
    """JSON text, then maybe broken in one of the ways real files are broken."""
    text = json_text(draw(values))
    how = draw(st.integers(0, 9))
    if how == 1:
        text = "\ufeff" + text
    elif how == 2:
        text = text.replace(",", ",\r\n").replace("{", "{\r\n")
    elif how == 3 and len(text) > 1:
        at = draw(st.integers(0, len(text) - 1))
        text = (
            text[:at]
            + draw(st.sampled_from(["\x00", "\ud800", "\udfff", "\\ud800", "\r"]))
            + text[at:]
        )
    elif how == 4 and text.startswith("{") and len(text) > 2:
        key = draw(st.sampled_from(["customerNo", "name", "ssn", "customer"]))
        text = f'{{"{key}": 1, "{key}": "x", {text[1:]}'
    elif how == 5:
        text = text[: draw(st.integers(0, len(text)))]
    elif how == 6:
        text = text.replace("null", "NaN").replace("0", "Infinity", 1)
    return text


@st.composite
def bytes_of(draw: st.DrawFn) -> bytes:
    """JSON text in some encoding (with or without BOM), or mixed/invalid bytes."""
    text = draw(texts_of())
    how = draw(st.integers(0, 7))
    if how == 0:
        return text.encode("utf-8", "surrogatepass")
    if how <= 3:
        name = ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")[draw(st.integers(0, 3))]
        bom = {
            "utf-16-le": codecs.BOM_UTF16_LE,
            "utf-16-be": codecs.BOM_UTF16_BE,
            "utf-32-le": codecs.BOM_UTF32_LE,
            "utf-32-be": codecs.BOM_UTF32_BE,
        }[name]
        body = text.encode(name, "surrogatepass")
        return bom + body if draw(st.booleans()) else body
    if how == 4:
        return codecs.BOM_UTF8 + text.encode("utf-8", "surrogatepass")
    if how == 5:  # latin-1 inside UTF-8: mixed encodings
        return text.encode("utf-8", "replace").replace(b"a", "æ".encode("latin-1"))
    if how == 6:
        raw = bytearray(text.encode("utf-8", "replace"))
        for _ in range(draw(st.integers(1, 4))):
            if raw:
                raw[draw(st.integers(0, len(raw) - 1))] = draw(st.integers(0x80, 0xFF))
        return bytes(raw)
    return draw(st.binary(max_size=200))


# -- the oracle ------------------------------------------------------------------------------


def check(report: Any) -> Report:
    """What every report must be."""
    assert isinstance(report, Report)
    for issue in report.issues:
        assert issue.rule in RULE_IDS, issue.rule
        assert issue.rule != UNPROCESSABLE.id, f"a check crashed: {issue.message}"
        assert isinstance(issue.message, str) and issue.message
        assert issue.path == "" or issue.path.startswith("/")
    str(report)
    repr(report.issues)
    json.dumps(report.to_dict(), default=str)
    json.dumps(report.to_dict(show_pii=True), default=str)
    report.to_api_warnings()
    assert report.sanitized is None or isinstance(report.sanitized, dict)
    return report


OPERATIONS = st.sampled_from(["create", "update"])
PROFILES = st.sampled_from(["production", "test"])

# -- Hypothesis ------------------------------------------------------------------------------


@FUZZ
@given(payload=VALUES, operation=OPERATIONS, profile=PROFILES)
def test_any_python_value(payload: Any, operation: str, profile: str) -> None:
    check(validate_customer(payload, operation=operation, profile=profile, today=TODAY))


@FUZZ
@given(payload=texts_of(), operation=OPERATIONS)
def test_any_json_text(payload: str, operation: str) -> None:
    check(validate_customer(payload, operation=operation, today=TODAY))


@FUZZ
@given(payload=bytes_of(), operation=OPERATIONS)
def test_any_bytes(payload: bytes, operation: str) -> None:
    check(validate_customer(payload, operation=operation, today=TODAY))
    check(validate_customer(bytearray(payload), operation=operation, today=TODAY))
    check(validate_customer(memoryview(payload), operation=operation, today=TODAY))


@FUZZ
@given(text=st.text(max_size=300))
def test_any_text(text: str) -> None:
    check(validate_customer(text, today=TODAY))


@settings(FUZZ, max_examples=60)
@given(body=BATCHES | JSON_VALUES, as_text=st.booleans(), operation=OPERATIONS)
def test_any_batch(body: Any, as_text: bool, operation: str) -> None:
    payload = json_text(body) if as_text else body
    check(validate_batch(payload, operation=operation, today=TODAY))


@settings(FUZZ, max_examples=25)
@given(payloads=st.lists(VALUES | texts_of() | bytes_of(), max_size=6))
def test_any_stream(payloads: list[Any]) -> None:
    reports = list(validate_customers(iter(payloads), today=TODAY))
    assert len(reports) == len(payloads)
    for report in reports:
        check(report)


@settings(FUZZ, max_examples=40)
@given(payload=VALUES)
def test_the_payload_is_never_changed(payload: Any) -> None:
    before = json_text(payload)
    check(validate_customer(payload, today=TODAY))
    assert json_text(payload) == before


# -- the hard cases, one by one ----------------------------------------------------------------


def _nested_list(depth: int) -> Any:
    value: Any = "x"
    for _ in range(depth):
        value = [value]
    return value


def _nested_dict(depth: int) -> Any:
    value: Any = "x"
    for _ in range(depth):
        value = {"a": value}
    return value


HARD: dict[str, Callable[[], Any]] = {
    "deep text 10^4": lambda: "[" * 10_000 + "]" * 10_000,
    "deep text 10^5": lambda: "[" * 100_000 + "]" * 100_000,
    "deep object text 10^5": lambda: '{"a":' * 100_000 + "1" + "}" * 100_000,
    "deep unclosed text": lambda: '{"customer": ' + "[" * 100_000,
    "deep list value": lambda: {"customerNo": "1", "name": "K", "options": _nested_list(100_000)},
    "deep dict value": lambda: {"customer": {"customerNo": "1", "name": _nested_dict(100_000)}},
    "deep dict root": lambda: _nested_dict(100_000),
    "huge string 10 MB": lambda: {"customerNo": "1", "name": "x" * 10_000_000},
    "huge string text": lambda: '{"customerNo": "1", "name": "' + "x" * 10_000_000 + '"}',
    "huge key": lambda: {"customerNo": "1", "name": "K", "k" * 1_000_000: 1},
    "huge int text": lambda: '{"customerNo": "1", "dueDays": 1' + "0" * 5000 + "}",
    "huge int text in string key": lambda: '{"customerNo": 1' + "0" * 5000 + "}",
    "huge int value": lambda: {"customerNo": "1", "name": "K", "dueDays": 10**5000},
    "huge int everywhere": lambda: {k: 10**5000 for k in CUSTOMER_KEYS},
    "huge int ssn": lambda: {"customerNo": "1", "name": "K", "ssn": 10**5000},
    "huge float text": lambda: '{"customerNo": "1", "limitAmount": 1e99999}',
    "NaN literals": lambda: (
        '{"customerNo": "1", "name": "K", "limitAmount": NaN, '
        '"discountRate": Infinity, "dueDays": -Infinity, "yearOfBirth": NaN}'
    ),
    "NaN values": lambda: {k: math.nan for k in CUSTOMER_KEYS},
    "duplicate keys": lambda: '{"customerNo": "1", "customerNo": 2, "name": "a", "name": null}',
    "BOM utf-8": lambda: b'\xef\xbb\xbf{"customerNo": "1", "name": "K"}',
    "BOM utf-16": lambda: '\ufeff{"customerNo": "1", "name": "K"}'.encode("utf-16"),
    "BOM utf-32": lambda: '\ufeff{"customerNo": "1", "name": "K"}'.encode("utf-32"),
    "double BOM": lambda: '\ufeff\ufeff{"customerNo": "1"}',
    "invalid utf-8": lambda: b'{"customerNo": "1\xff", "name": "\xc3\x28"}',
    "mixed encodings": lambda: '{"name": "Bjørn", "x": "'.encode() + "Bjørn".encode("latin-1"),
    "CRLF": lambda: '{\r\n"customerNo": "1",\r\n"name": "K"\r\n}\r\n',
    "NUL raw": lambda: '{"customerNo": "1\x00", "name": "\x00"}',
    "NUL escaped": lambda: '{"customerNo": "1\\u0000", "name": "\\u0000"}',
    "NUL bytes": lambda: b"\x00" * 1000,
    "lone surrogate raw": lambda: '{"customerNo": "\ud800", "name": "\udfff"}',
    "lone surrogate escaped": lambda: '{"customerNo": "\\ud800", "name": "\\udc80x"}',
    "lone surrogate key": lambda: {"\ud800": "\udc00", "customerNo": "\ud800"},
    "surrogate ssn": lambda: {"customerNo": "1", "name": "K", "ssn": "1201564177\ud800"},
    "empty": lambda: "",
    "whitespace": lambda: " \r\n\t",
    "empty bytes": lambda: b"",
    "not an object": lambda: "[1, 2, 3]",
    "tuple": lambda: ("customerNo", "1"),
    "set": lambda: {1, 2},
    "object": lambda: object(),
    "non-str keys": lambda: {1: "a", None: "b", (1, 2): "c", 10**5000: "d", 1.5: "e"},
    "bool keys": lambda: {"customer": {True: 1, "customerNo": "1", "name": "K"}},
}


@pytest.mark.parametrize("name", sorted(HARD))
def test_hard_input(name: str) -> None:
    payload = HARD[name]()
    for operation in ("create", "update"):
        check(validate_customer(payload, operation=operation, today=TODAY))
    check(validate_batch(payload, today=TODAY))


def test_cyclic_structures() -> None:
    customer: dict[str, Any] = {"customerNo": "1", "name": "K"}
    customer["postalAddress"] = customer
    items: list[Any] = []
    items.append(items)
    for payload in (customer, {"customer": customer}, {"customer": {"options": items}}):
        check(validate_customer(payload, today=TODAY))
    check(validate_batch({"customers": [customer, customer]}, today=TODAY))
