"""The pipeline's fast paths decide nothing the reference path would decide differently.

``armvalidate.checks._shape.fits`` lets a payload skip the pydantic models when it surely fits
them. These tests hold it against the models themselves (the authority) on valid, mutated,
wrongly typed and adversarial payloads, and check that the whole Report (issues, their values
and ``pii`` flags, and ``sanitized``) is the same with the fast path on and off.
"""

from __future__ import annotations

import datetime
import math
import sys
from collections.abc import Callable
from functools import partial
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from armvalidate import Report, validate_batch, validate_customer
from armvalidate import models as m
from armvalidate import validate as validate_module
from armvalidate.checks import _shape
from armvalidate.checks._shape import CUSTOMER_TYPES, NUMBER, STRINGS, fits
from armvalidate.strategies.mutations import invalid_customer_payloads
from armvalidate.strategies.payloads import customer_payloads, customers

TODAY = datetime.date(2025, 1, 1)
OPERATIONS = ("create", "update")
FORMS = ("envelope", "customer", "batch")
SETTINGS = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def model_clean(body: Any, operation: str, form: str) -> bool:
    """The authority: the pydantic model of ``operation`` and ``form`` reports nothing."""
    return validate_module._model_errors(operation, form, body) is None


def fingerprint(report: Report) -> tuple[Any, ...]:
    """Everything a Report says, including what ``Issue.__eq__`` leaves out (value, pii)."""
    issues = [(i.to_dict(show_pii=True), i.pii, repr(i.value)) for i in report.issues]
    return tuple(issues), repr(report.sanitized)


def with_and_without_fast_path(run: Callable[[], Report]) -> tuple[Report, Report]:
    assert validate_module._FAST_STRUCTURE is True
    fast = run()
    validate_module._FAST_STRUCTURE = False
    try:
        slow = run()
    finally:
        validate_module._FAST_STRUCTURE = True
    return fast, slow


# --- the shape tables are the models' own -----------------------------------------------------


def _kind(annotation: Any) -> Any:
    """The _shape kind of a model field's annotation (``X | None`` or ``X``)."""
    args = [a for a in getattr(annotation, "__args__", (annotation,)) if a is not type(None)]
    assert len(args) == 1, annotation
    (arg,) = args
    if arg is float:
        return NUMBER
    if getattr(arg, "__origin__", None) is list:
        assert arg.__args__ == (str,)
        return STRINGS
    if isinstance(arg, type) and issubclass(arg, m.BaseModel):
        return {name: _kind(f.annotation) for name, f in arg.model_fields.items()}
    return arg


@pytest.mark.parametrize("model", [m.Customer, m.CustomerUpdate])
def test_shape_tables_are_the_models_fields(model: type[m.BaseModel]) -> None:
    kinds = {name: _kind(field.annotation) for name, field in model.model_fields.items()}
    assert kinds == dict(CUSTOMER_TYPES)
    assert list(kinds) == list(_shape.CUSTOMER_KEYS) == list(m.CUSTOMER_KEYS)
    required = {name for name, field in model.model_fields.items() if field.is_required()}
    assert required == _shape.REQUIRED_KEYS["create" if model is m.Customer else "update"]
    assert list(m.PostalAddress.model_fields) == list(_shape.ADDRESS_KEYS)
    assert list(m.Distribution.model_fields) == list(_shape.DISTRIBUTION_KEYS)
    assert list(m.Metadata.model_fields) == list(_shape.METADATA_KEYS)
    assert m.READ_ONLY_KEYS is _shape.READ_ONLY_KEYS


def test_import_armvalidate_leaves_pydantic_and_the_libraries_unloaded() -> None:
    import subprocess

    code = (
        "import sys, armvalidate, datetime\n"
        "r = armvalidate.validate_customer({'customer': {'customerNo': '1', 'name': 'Kari'}},"
        " today=datetime.date(2025, 1, 1))\n"
        "assert r.issues == (), r\n"
        "mods = ('pydantic', 'email_validator', 'phonenumbers', 'pycountry',"
        " 'armvalidate.models')\n"
        "print(','.join(m for m in mods if m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == ""


def test_json_schema_still_comes_from_the_models() -> None:
    from armvalidate import json_schema

    assert json_schema()["$defs"]["Customer"]["required"] == ["customerNo", "name"]


# --- adversarial payloads -----------------------------------------------------------------


class Text(str):
    """A str subclass: the models accept it, the fast path leaves it to them."""


class Mapping_(dict):
    """A dict subclass."""


class Key:
    """A key that equals (and hashes like) a known key but is no string."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __hash__(self) -> int:
        return hash(self.text)

    def __eq__(self, other: object) -> bool:
        return other == self.text or (isinstance(other, Key) and other.text == self.text)

    def __repr__(self) -> str:
        return f"Key({self.text!r})"


_BIG = 1 << 1000
_ODD_VALUES: list[Any] = [
    None, True, False, 0, -1, 17, 1956, 2**63, -(2**63) - 1, _BIG - 1, _BIG, 2**1023,
    2**1024, 10**400, 1.5, -0.0, 1e308, math.inf, -math.inf, math.nan, "", " ", "x",
    "1956", "\ud800", Text("x"), b"x", (), ("x",), [], ["x"], ["x", None], ["x", 1],
    [Text("x")], {}, {"x": 1}, Mapping_(), {"postalCode": "0150"}, {"type": "M"},
    {"einvoiceCode": 0}, {"einvoiceCode": True}, {"userId": "u"}, {1: "x"},
]  # fmt: skip
_ODD_SCALARS = st.sampled_from(_ODD_VALUES)


def _value_for(kind: Any) -> st.SearchStrategy[Any]:
    """A value of the right type for ``kind``, or (often) anything else."""
    if kind is str:
        right: st.SearchStrategy[Any] = st.text(max_size=6)
    elif kind is int:
        right = st.integers(min_value=-(2**70), max_value=2**70)
    elif kind is bool:
        right = st.booleans()
    elif kind is NUMBER:
        right = st.integers(min_value=-(2**70), max_value=2**70) | st.floats()
    elif kind is STRINGS:
        right = st.lists(st.text(max_size=4) | _ODD_SCALARS, max_size=3)
    else:
        right = st.dictionaries(
            st.sampled_from([*kind, "zip", "Type"]),
            st.sampled_from([None, "x", "", 0, 90, True, 1.5, ["x"]]),
            max_size=4,
        )
    return st.one_of(right, right, st.none(), _ODD_SCALARS)


_KEYS = st.sampled_from([*CUSTOMER_TYPES, "clientNo", "emailAdress", "customer", "metadata"])


@st.composite
def odd_customers(draw: st.DrawFn) -> dict[Any, Any]:
    """A customer object near the shape: mostly known keys, values right or wrong, and now and
    then a non-string key, a str subclass key, or a dict subclass."""
    out: dict[Any, Any] = {}
    if draw(st.booleans()):
        out["customerNo"] = draw(_value_for(str))
    if draw(st.booleans()):
        out["name"] = draw(_value_for(str))
    for key in draw(st.lists(_KEYS, max_size=8)):
        out[key] = draw(_value_for(CUSTOMER_TYPES.get(key, str)))
    odd = draw(st.integers(0, 9))
    if odd == 0:
        out[draw(st.sampled_from([1, None, ("x",), Key("name"), Text("name"), Key("ssn")]))] = "x"
    elif odd == 1:
        return Mapping_(out)
    return out


def _envelope(customer: Any, metadata: Any, shape: int) -> Any:
    if shape == 0:
        return {"customer": customer}
    if shape == 1:
        return {"metadata": metadata, "customer": customer}
    if shape == 2:
        return {"metadata": metadata}
    return {"customer": customer, "metadata": metadata, "extra": 1}


METADATA = st.sampled_from(
    [None, {}, {"userId": "u"}, {"userId": None}, {"userId": 1}, {"user": "u"}, [], "u"]
)


@st.composite
def mutated(draw: st.DrawFn, operation: str) -> dict[str, Any]:
    """A valid customer object with a few keys replaced by odd values, deleted, or added."""
    customer = dict(draw(customers(operation=operation, today=TODAY)))
    for _ in range(draw(st.integers(1, 3))):
        key = draw(_KEYS)
        action = draw(st.integers(0, 2))
        if action == 0:
            customer.pop(key, None)
        else:
            customer[key] = draw(_value_for(CUSTOMER_TYPES.get(key, str)))
    return customer


def _assert_fits_only_when_clean(body: Any, operation: str, form: str) -> bool:
    verdict = fits(body, operation, form)
    if verdict:
        assert model_clean(body, operation, form), (operation, form, body)
    return verdict


_FULL = {
    "customerNo": "1", "name": "Kari", "informalName": "K",
    "postalAddress": {"addressLine1": "Gate 1", "postalCode": "0150", "cityName": "Oslo",
                      "countryCode": "NO"},
    "emailAddressDocument": ["kari@example.no"], "yearOfBirth": 1956,
    "distribution": {"type": "M", "einvoiceCode": 0}, "dueDays": 14, "vatLiable": True,
    "limitAmount": 2000, "discountRate": 5.5, "options": ["NoUpdatePostalReturn"],
}  # fmt: skip


_NESTED_SPOTS = [
    ("postalAddress", "postalCode"),
    ("distribution", "type"),
    ("distribution", "einvoiceCode"),
    ("postalAddress", "zip"),
]


@pytest.mark.parametrize("operation", OPERATIONS)
@pytest.mark.parametrize("key", [*CUSTOMER_TYPES, "clientNo", "nested"])
def test_every_single_odd_value_at_every_key(operation: str, key: str) -> None:
    """Exhaustive: one odd value (or an odd entry, or an odd nested value) at one key of a full,
    valid customer; the fast path never says clean when the model objects, and is exact on plain
    JSON values."""
    bodies = []
    for value in _ODD_VALUES:
        if key == "nested":
            for nested, inner in _NESTED_SPOTS:
                bodies.append({**_FULL, nested: {**_FULL[nested], inner: value}})
            bodies.append({**_FULL, "options": ["x", value]})
        else:
            bodies.append({**_FULL, key: value})
    for customer in bodies:
        for body, form in [
            (customer, "customer"),
            ({"metadata": {"userId": "u"}, "customer": customer}, "envelope"),
            ({"customers": [customer]}, "batch"),
        ]:
            verdict = _assert_fits_only_when_clean(body, operation, form)
            if _plain_json(body):
                assert verdict == model_clean(body, operation, form), body
    for metadata in _ODD_VALUES:
        body = {"metadata": metadata, "customer": _FULL}
        verdict = _assert_fits_only_when_clean(body, operation, "envelope")
        if _plain_json(body):
            assert verdict == model_clean(body, operation, "envelope"), body


@SETTINGS
@given(
    customer=odd_customers() | mutated("create") | mutated("update"),
    metadata=METADATA,
    shape=st.integers(0, 3),
    operation=st.sampled_from(OPERATIONS),
)
def test_fits_only_what_the_models_accept(
    customer: Any, metadata: Any, shape: int, operation: str
) -> None:
    _assert_fits_only_when_clean(customer, operation, "customer")
    _assert_fits_only_when_clean(_envelope(customer, metadata, shape), operation, "envelope")
    batch = {"metadata": metadata, "customers": [customer, customer]}
    _assert_fits_only_when_clean(batch, operation, "batch")
    _assert_fits_only_when_clean({"customers": customer}, operation, "batch")


_EXACT_TYPES = (str, int, float, bool, list, dict, type(None))


def _plain_json(value: Any) -> bool:
    """Exact JSON types throughout, string keys, integers the fast path takes as numbers."""
    if value.__class__ not in _EXACT_TYPES:
        return False
    if value.__class__ is int:
        return -_BIG < value < _BIG
    if value.__class__ is list:
        return all(_plain_json(v) for v in value)
    if value.__class__ is dict:
        return all(k.__class__ is str and _plain_json(v) for k, v in value.items())
    return True


@SETTINGS
@given(
    customer=odd_customers() | mutated("create") | mutated("update"),
    metadata=METADATA,
    shape=st.integers(0, 3),
    operation=st.sampled_from(OPERATIONS),
)
def test_fits_everything_plain_the_models_accept(
    customer: Any, metadata: Any, shape: int, operation: str
) -> None:
    """On plain JSON values the fast path is exact: it sends no clean payload to the models."""
    for body, form in [
        (customer, "customer"),
        (_envelope(customer, metadata, shape), "envelope"),
        ({"metadata": metadata, "customers": [customer]}, "batch"),
    ]:
        if _plain_json(body):
            assert fits(body, operation, form) == model_clean(body, operation, form), body


@pytest.mark.parametrize("operation", OPERATIONS)
@SETTINGS
@given(data=st.data())
def test_valid_payloads_take_the_fast_path(operation: str, data: st.DataObject) -> None:
    payload = data.draw(customer_payloads(operation, today=TODAY))
    assert fits(payload, operation, "envelope")
    assert fits(payload["customer"], operation, "customer")
    assert fits({"customers": [payload["customer"]]}, operation, "batch")


# --- the final Report is the same with the fast path on and off ---------------------------


def _same_reports(run: Callable[[], Report]) -> None:
    fast, slow = with_and_without_fast_path(run)
    assert fingerprint(fast) == fingerprint(slow)


@SETTINGS
@given(
    customer=odd_customers() | mutated("create") | mutated("update"),
    metadata=METADATA,
    shape=st.integers(0, 3),
    operation=st.sampled_from(OPERATIONS),
)
def test_reports_are_the_same_with_and_without_the_fast_path(
    customer: Any, metadata: Any, shape: int, operation: str
) -> None:
    for body in (customer, _envelope(customer, metadata, shape)):
        _same_reports(partial(validate_customer, body, operation=operation, today=TODAY))
    batch = {"metadata": metadata, "customers": [customer, {"customerNo": "1"}]}
    _same_reports(lambda: validate_batch(batch, operation=operation, today=TODAY))


@pytest.mark.parametrize("operation", OPERATIONS)
@SETTINGS
@given(data=st.data())
def test_mutated_payloads_report_the_same_either_way(operation: str, data: st.DataObject) -> None:
    example = data.draw(invalid_customer_payloads(None, operation, today=TODAY))
    payload = example.payload
    profile = data.draw(st.sampled_from(["production", "test"]))
    _same_reports(
        lambda: validate_customer(payload, operation=operation, profile=profile, today=TODAY)
    )
    if isinstance(payload, dict) and isinstance(payload.get("customer"), dict):
        bare = payload["customer"]
        _same_reports(lambda: validate_customer(bare, operation=operation, today=TODAY))


# --- the check pass: its fit verdict, and its inlined branches ------------------------------


def _pass_verdict(body: Any, operation: str) -> bool:
    """What the check pass of validate_customer says: the body surely fits the models."""
    ctx = validate_module.Context(validate_module.get_profile(None).tables, operation, TODAY)
    envelope = "customer" in body or "metadata" in body
    return validate_module._check_body(ctx, body, envelope)


@SETTINGS
@given(
    customer=odd_customers() | mutated("create") | mutated("update"),
    metadata=METADATA,
    shape=st.integers(0, 3),
    operation=st.sampled_from(OPERATIONS),
)
def test_the_check_pass_says_fit_only_when_the_models_accept(
    customer: Any, metadata: Any, shape: int, operation: str
) -> None:
    for body in (customer, _envelope(customer, metadata, shape)):
        if not isinstance(body, dict):
            continue
        envelope = "customer" in body or "metadata" in body
        form = "envelope" if envelope else "customer"
        verdict = _pass_verdict(body, operation)
        if verdict:
            assert model_clean(body, operation, form), body
        if _plain_json(body):
            assert verdict == model_clean(body, operation, form), body


@pytest.mark.parametrize("operation", OPERATIONS)
@pytest.mark.parametrize("key", [*CUSTOMER_TYPES, "clientNo", "nested"])
def test_the_check_pass_on_every_single_odd_value(operation: str, key: str) -> None:
    for value in _ODD_VALUES:
        if key == "nested":
            customers = [{**_FULL, n: {**_FULL[n], i: value}} for n, i in _NESTED_SPOTS]
        else:
            customers = [{**_FULL, key: value}]
        for customer in customers:
            for body, form in [
                (customer, "customer"),
                ({"metadata": {"userId": "u"}, "customer": customer}, "envelope"),
                ({"metadata": value, "customer": _FULL}, "envelope"),
            ]:
                verdict = _pass_verdict(body, operation)
                if verdict:
                    assert model_clean(body, operation, form), body
                if _plain_json(body):
                    assert verdict == model_clean(body, operation, form), body


_ODD_KEYS = [1, None, ("x",), Key("name"), Text("name"), Key("ssn"), Text("ssn"), Key("zzz")]


@pytest.mark.parametrize("operation", OPERATIONS)
@pytest.mark.parametrize("odd_key", _ODD_KEYS, ids=repr)
def test_odd_keys_never_pass_as_known_ones(operation: str, odd_key: Any) -> None:
    """A key that is no string (even one equal to a known key) is the models' to judge."""
    plain = {k: v for k, v in _FULL.items() if k != "ssn"}
    for customer in ({**plain, odd_key: "12015641779"}, {odd_key: "Kari", "customerNo": "1"}):
        for body, form in [
            (customer, "customer"),
            ({"customer": customer}, "envelope"),
            ({odd_key: customer}, "envelope"),
            ({"customer": plain, "metadata": {odd_key: "u"}}, "envelope"),
            ({"customer": {**plain, "postalAddress": {odd_key: "0150"}}}, "envelope"),
        ]:
            for verdict in (fits(body, operation, form), _pass_verdict(body, operation)):
                if verdict:
                    assert model_clean(body, operation, form), body


def _reference_pass(ctx: Any, base: Any, customer: Any) -> None:
    """The check pass without its inlined branches: _check_value for every key."""
    for key, value in customer.items():
        validate_module._check_value(ctx, base, key, value, customer)
    validate_module.dates.finish_birth(ctx)
    validate_module.ssn.finish_ssn(ctx, base, customer)
    validate_module.contact.finish_phones(ctx)
    validate_module.finish_category(ctx, base, customer)


@SETTINGS
@given(
    customer=odd_customers() | mutated("create") | mutated("update"),
    operation=st.sampled_from(OPERATIONS),
    profile=st.sampled_from(["production", "test"]),
)
def test_the_inlined_pass_finds_what_the_reference_pass_finds(
    customer: Any, operation: str, profile: str
) -> None:
    if not isinstance(customer, dict):
        return
    tables = validate_module.get_profile(profile).tables
    fast = validate_module.Context(tables, operation, TODAY)
    validate_module._check_customer(fast, ("customer",), customer)
    slow = validate_module.Context(tables, operation, TODAY)
    _reference_pass(slow, ("customer",), customer)

    def seen(ctx: Any) -> Any:
        return [(p, i.to_dict(show_pii=True), i.pii) for p, i in ctx.issues], repr(ctx.changes)

    assert seen(fast) == seen(slow)


def test_new_issue_and_new_report_make_what_the_constructors_make() -> None:
    from armvalidate.report import Issue, Severity, new_issue, new_report

    args = ("ssn.checksum", Severity.ERROR, "/ssn", "Ssn", "m", {"k": 1}, "12015641779", True)
    fast, slow = new_issue(*args), Issue(*args)
    assert vars(fast) == vars(slow) and fast == slow and repr(fast) == repr(slow)
    assert type(fast) is Issue and fast.pii is True and fast.value == "12015641779"
    report = new_report((fast,), {"a": 1})
    assert vars(report) == vars(Report((slow,), {"a": 1})) and report == Report((slow,), {"a": 1})


def test_a_key_equal_to_a_string_key_does_not_change_later_paths() -> None:
    """The pointer cache is not fooled by a key object that equals (and hashes like) "ssn"."""
    from armvalidate.checks._context import _names

    odd = validate_customer({"customerNo": "1", "name": "K", Key("ssn"): "123"}, today=TODAY)
    assert [i.path for i in odd if i.rule == "ssn.format"] == ["/Key('ssn')"]
    plain = validate_customer({"customerNo": "1", "name": "K", "ssn": "123"}, today=TODAY)
    assert [i.path for i in plain if i.rule == "ssn.format"] == ["/ssn"]
    assert _names(("customer", Key("ssn")))[1] == "/customer/Key('ssn')"
    assert _names(("customer", "ssn"))[1] == "/customer/ssn"
    assert _names(("customer", Key("ssn")))[1] == "/customer/Key('ssn')"
    # and the other way round: the plain path cached first, then an equal odd one
    odd = validate_customer({"customerNo": "1", "name": "K", Key("ssn"): "123"}, today=TODAY)
    assert [i.path for i in odd if i.rule == "ssn.format"] == ["/Key('ssn')"]


def test_each_profile_checks_with_its_own_maximum_lengths() -> None:
    """The pass's plans (check and maximum length per key) are made per profile: a profile's
    lengths apply after another profile's plans were made, and do not leak back."""
    from armvalidate import Profile

    short = Profile(max_lengths={"name": 5, "emailAddressDocument": 10})
    payload = {
        "customer": {
            "customerNo": "1",
            "name": "Kari Nordmann",
            "emailAddressDocument": ["kari@example.no"],
        }
    }
    assert validate_customer(payload, today=TODAY).issues == ()  # production's plans first
    found = validate_customer(payload, profile=short, today=TODAY)
    assert [(i.rule, i.path) for i in found] == [
        ("length.max", "/customer/name"),
        ("length.max", "/customer/emailAddressDocument/0"),
    ]
    assert validate_customer(payload, today=TODAY).issues == ()
    batch = {"customers": [payload["customer"], dict(payload["customer"], customerNo="2")]}
    assert [i.path for i in validate_batch(batch, profile=short, today=TODAY)] == [
        "/customers/0/name",
        "/customers/0/emailAddressDocument/0",
        "/customers/1/name",
        "/customers/1/emailAddressDocument/0",
    ]


# --- smaller fast paths ---------------------------------------------------------------------


def _parse_date_reference(text: str) -> datetime.date:
    """parse_date as it was before its fast path: the regex first, then fromisoformat."""
    import calendar
    import re

    if not re.match(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z", text):
        raise ValueError("a date is written YYYY-MM-DD, e.g. 1956-01-12")
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        pass
    year, month = int(text[:4]), int(text[5:7])
    if year == 0:
        raise ValueError(f"{text} is no date: there is no year 0000")
    if not 1 <= month <= 12:
        raise ValueError(f"{text} is no date: there is no month {month:02d}")
    days = calendar.monthrange(year, month)[1]
    name = calendar.month_name[month]
    raise ValueError(f"{text} is no date: {name} {year:04d} has {days} days")


def _outcome(parse: Callable[[str], datetime.date], text: str) -> Any:
    try:
        return parse(text)
    except ValueError as exc:
        return str(exc)


DATE_TEXTS = (
    st.dates().map(datetime.date.isoformat)
    | st.from_regex(r"\A[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
    | st.text(alphabet="0123456789-+ WT:Z.\n\u0660\u0661\ufeff", max_size=12)
    | st.sampled_from(["2024-W01-1", "2024-060", "20240229", "2024-02-29\n", "0000-01-01"])
)


@SETTINGS
@given(text=DATE_TEXTS)
def test_parse_date_reads_what_the_regex_reads(text: str) -> None:
    from armvalidate.checks.dates import parse_date

    assert _outcome(parse_date, text) == _outcome(_parse_date_reference, text)


def test_suggest_is_the_same_cached_or_not() -> None:
    from armvalidate.checks.schema import _suggest, suggest

    known = list(CUSTOMER_TYPES)
    for key in ["emailAdress", "message", "Name", "zzz", "customer_no", "ssn", "x" * 40]:
        first, again = suggest(key, known), suggest(key, iter(known))
        assert first == again == _suggest(key, known)
        assert suggest(Text(key), known) == first


def test_the_message_cache_keeps_no_number_and_scrubs_as_before() -> None:
    from armvalidate.checks import _context

    for message in ["ssn is a synthetic test number", "account 8150 13 66584 is wrong", "x"]:
        for _ in range(2):
            assert _context._scrub_message(message) == _context.scrub(message)
    assert "account 8150 13 66584 is wrong" not in _context._CLEAN
    assert "ssn is a synthetic test number" in _context._CLEAN


@SETTINGS
@given(customer=customers(today=TODAY), data=st.data())
def test_sanitized_one_copies_what_sanitized_copies(customer: Any, data: st.DataObject) -> None:
    for root, base in (({"metadata": {"userId": "u"}, "customer": customer}, ("customer",)),
                       (customer, ())):  # fmt: skip
        paths = [(*base, k) for k, v in customer.items() if not isinstance(v, (list, dict))]
        paths += [
            (*base, key, 0) for key, value in customer.items() if isinstance(value, list) and value
        ]
        paths += [
            (*base, key, sub)
            for key, value in customer.items()
            if isinstance(value, dict)
            for sub in value
        ]
        picked = data.draw(st.lists(st.sampled_from(paths), unique=True) if paths else st.just([]))
        changes = [(path, f"new {i}") for i, path in enumerate(picked)]
        one = validate_module._sanitized_one(root, base, changes)
        general = validate_module._sanitized(root, changes, [base])
        assert one == general and one is not root
        for key, value in one.items():  # the same containers shared with the input
            assert (value is root[key]) == (general[key] is root[key])
        inner_one, inner_general = (one[base[0]], general[base[0]]) if base else (one, general)
        inner_root = root[base[0]] if base else root
        assert inner_one is not inner_root
        for key in inner_root:
            assert (inner_one[key] is inner_root[key]) == (inner_general[key] is inner_root[key])


@pytest.mark.parametrize("profile", ["production", "test", "custom"])
def test_every_profile_limits_exactly_the_address_keys(profile: str) -> None:
    """check_address takes the keys of its length table for the keys of postalAddress."""
    from armvalidate import Profile

    prof = Profile(max_lengths={"cityName": 3}) if profile == "custom" else profile
    tables = validate_module.get_profile(prof).tables
    assert set(tables.nested_max_lengths["postalAddress"]) == set(_shape.ADDRESS_KEYS)


# --- today, remembered until midnight ---------------------------------------------------------


class _Clock:
    """A stand-in for the ``time`` module as armvalidate.validate uses it."""

    def __init__(self, now: float) -> None:
        self.now = now

    def time(self) -> float:
        return self.now


def test_the_current_date_is_date_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(validate_module, "_day_window", (0.0, 0.0, datetime.date.min))
    assert validate_module._current_date() == datetime.date.today()
    assert validate_module._current_date() == datetime.date.today()  # (from the window)


@pytest.mark.parametrize("day", [datetime.date(2026, 3, 29), datetime.date(2026, 12, 31)])
def test_the_remembered_date_changes_at_local_midnight(
    monkeypatch: pytest.MonkeyPatch, day: datetime.date
) -> None:
    """Across a midnight and back (a clock set back): always what date.fromtimestamp says,
    which is what date.today() is for that moment."""
    midnight = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time())
    at = midnight.timestamp()
    clock = _Clock(at - 0.5)
    monkeypatch.setattr(validate_module, "time", clock)
    monkeypatch.setattr(validate_module, "_day_window", (0.0, 0.0, datetime.date.min))
    for now in (at - 0.5, at - 0.25, at, at + 3600, at - 1, at - 86_000, at + 0.5, at + 86_400):
        clock.now = now
        assert validate_module._current_date() == datetime.date.fromtimestamp(now), now
    clock.now = at - 10
    payload = {"customerNo": "1", "name": "K", "stopReminderUntil": day.isoformat()}
    assert validate_customer(payload).issues == ()  # a stop date of today is no finding
    clock.now = at + 10
    assert [i.rule for i in validate_customer(payload)] == ["stop.past"]
