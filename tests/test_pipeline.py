"""The pipeline: structure once and first, then the field and cross-field rules, in order.

- The structure stage (a pydantic-core validator compiled from the contract) reports what the
  public pydantic models (built from the same contract) report, on valid, mutated, wrongly
  typed and adversarial payloads: the two faces of the contract agree.
- The findings of the structure stage come first at their path, and the field rules never judge
  structure (a value of the wrong type gets a schema finding and no other).
- The pass over a customer object (with its exact types inline) finds what the plain dispatch
  (``_check_value`` for every key) finds.
- The smaller pieces: the sanitized copy, the pointer cache, per-profile lengths, ``today``.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from odd_keys import Key, Mapping_, Text
from pydantic import ValidationError

from armvalidate import Report, validate_batch, validate_customer
from armvalidate import models as m
from armvalidate.checks import customer as pass_module
from armvalidate.checks._context import Context
from armvalidate.checks.structure import FORMS, structure_errors
from armvalidate.collate import sanitized, sanitized_one
from armvalidate.contract import ADDRESS_KEYS, CUSTOMER
from armvalidate.profile import get_profile
from armvalidate.strategies.mutations import invalid_customer_payloads
from armvalidate.strategies.payloads import customers

TODAY = datetime.date(2025, 1, 1)
OPERATIONS = ("create", "update")
SETTINGS = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
NUMBER = "number"
STRINGS = "array of strings"


def _kind(field: Any) -> Any:
    """The JSON type of a contract field, as the generators below want it."""
    if field.type == "string":
        return str
    if field.type == "integer":
        return int
    if field.type == "boolean":
        return bool
    if field.type == "number":
        return NUMBER
    if field.type == "array":
        return STRINGS
    return {key: _kind(inner) for key, inner in field.keys.items()}


CUSTOMER_TYPES: dict[str, Any] = {key: _kind(field) for key, field in CUSTOMER.items()}

_MODELS = {
    ("create", "envelope"): m.CustomerRequest,
    ("create", "customer"): m.Customer,
    ("create", "batch"): m.CustomerBatchRequest,
    ("update", "envelope"): m.CustomerUpdateRequest,
    ("update", "customer"): m.CustomerUpdate,
    ("update", "batch"): m.CustomerUpdateBatchRequest,
}


def model_errors(body: Any, operation: str, form: str) -> list[tuple[Any, str]]:
    """The public pydantic model's errors (loc, type), in a comparable form."""
    try:
        _MODELS[operation, form].model_validate(body)
    except ValidationError as exc:
        return [(tuple(e["loc"]), _same_kind(e["type"])) for e in exc.errors()]
    except Exception as exc:  # (a model may refuse a key it cannot hash or compare)
        return [((), type(exc).__name__)]
    return []


def stage_errors(body: Any, operation: str, form: str) -> list[tuple[Any, str]]:
    """The structure stage's errors (loc, type), in the same form."""
    try:
        errors = structure_errors(body, operation, form)
    except Exception as exc:
        return [((), type(exc).__name__)]
    return [(tuple(e["loc"]), _same_kind(e["type"])) for e in errors or ()]


def _same_kind(kind: str) -> str:
    # A model object and a typed dict name a non-object differently; the message is the same.
    return "dict_type" if kind in ("model_type", "model_attributes_type") else kind


def fingerprint(report: Report) -> tuple[Any, ...]:
    """Everything a Report says, including what ``Issue.__eq__`` leaves out (value, pii)."""
    issues = [(i.to_dict(show_pii=True), i.pii, repr(i.value)) for i in report.issues]
    return tuple(issues), repr(report.sanitized)


# --- adversarial payloads -----------------------------------------------------------------


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


def _agree(body: Any, operation: str, form: str) -> None:
    assert sorted(map(repr, stage_errors(body, operation, form))) == sorted(
        map(repr, model_errors(body, operation, form))
    ), (operation, form, body)


@pytest.mark.parametrize("operation", OPERATIONS)
@pytest.mark.parametrize("key", [*CUSTOMER_TYPES, "clientNo", "nested"])
def test_every_single_odd_value_at_every_key(operation: str, key: str) -> None:
    """Exhaustive: one odd value (or an odd entry, or an odd nested value) at one key of a full,
    valid customer; the structure stage and the models find the same errors."""
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
            _agree(body, operation, form)
    for metadata in _ODD_VALUES:
        _agree({"metadata": metadata, "customer": _FULL}, operation, "envelope")


@SETTINGS
@given(
    customer=odd_customers() | mutated("create") | mutated("update"),
    metadata=METADATA,
    shape=st.integers(0, 3),
    operation=st.sampled_from(OPERATIONS),
)
def test_the_structure_stage_finds_what_the_models_find(
    customer: Any, metadata: Any, shape: int, operation: str
) -> None:
    _agree(customer, operation, "customer")
    _agree(_envelope(customer, metadata, shape), operation, "envelope")
    _agree({"metadata": metadata, "customers": [customer, customer]}, operation, "batch")
    _agree({"customers": customer}, operation, "batch")


@pytest.mark.parametrize("operation", OPERATIONS)
@SETTINGS
@given(data=st.data())
def test_valid_payloads_have_no_structure_error(operation: str, data: st.DataObject) -> None:
    customer = data.draw(customers(operation=operation, today=TODAY))
    for body, form in [
        ({"metadata": {"userId": "u"}, "customer": customer}, "envelope"),
        (customer, "customer"),
        ({"customers": [customer]}, "batch"),
    ]:
        assert structure_errors(body, operation, form) is None


def test_the_forms_are_the_three_bodies() -> None:
    assert FORMS == ("envelope", "customer", "batch")
    with pytest.raises(ValueError, match="form"):
        structure_errors({}, "create", "nothing")


def test_over_long_lists_and_huge_integers_are_one_finding_each() -> None:
    emails = [f"a{i}@example.no" for i in range(10**5)] + [5]
    customer = {"customerNo": "1", "name": "K", "emailAddressDocument": emails,
                "dueDays": 2**63, "distribution": {"einvoiceCode": -(10**20)}}  # fmt: skip
    found = validate_customer({"customer": customer}, today=TODAY)
    assert [(i.rule, i.path) for i in found] == [
        ("length.max-items", "/customer/emailAddressDocument"),
        ("schema.range", "/customer/dueDays"),
        ("schema.range", "/customer/distribution/einvoiceCode"),
    ]
    assert found.issues[0].context == {"expected": 100, "found": 10**5 + 1}
    assert "from -2^31 to 2^31-1" in found.issues[1].message
    assert str(2**63) not in "".join(i.message for i in found)  # the value is not echoed
    just = {"customerNo": "1", "name": "K", "dueDays": 2**31 - 1, "options": [""] * 100}
    assert validate_customer({"customer": just}, today=TODAY).issues == ()


# --- the order of the stages ------------------------------------------------------------------


@pytest.mark.parametrize("operation", OPERATIONS)
@SETTINGS
@given(data=st.data())
def test_a_value_of_the_wrong_type_gets_a_structure_finding_and_no_other(
    operation: str, data: st.DataObject
) -> None:
    customer = dict(data.draw(customers(operation=operation, today=TODAY)))
    key = data.draw(st.sampled_from(sorted(k for k in CUSTOMER_TYPES if k != "customerNo")))
    kind = CUSTOMER_TYPES[key]
    wrong = ["x"] if isinstance(kind, dict) else {str: 5, int: "5", bool: "true", NUMBER: "5",
                                                 STRINGS: "x"}[kind]  # fmt: skip
    customer[key] = wrong
    report = validate_customer({"customer": customer}, operation=operation, today=TODAY)
    at_key = [i.rule for i in report if i.path == f"/customer/{key}"]
    assert at_key == ["schema.type"], (key, wrong, report.issues)


@pytest.mark.parametrize("operation", OPERATIONS)
@SETTINGS
@given(data=st.data())
def test_structure_findings_come_first_at_their_path(operation: str, data: st.DataObject) -> None:
    example = data.draw(invalid_customer_payloads(None, operation, today=TODAY))
    report = validate_customer(example.payload, operation=operation, today=TODAY)
    seen_content: set[str] = set()
    for issue in report:
        if issue.rule.startswith("schema."):
            assert issue.path not in seen_content, report.issues
        else:
            seen_content.add(issue.path)


# --- the pass: its inlined branches ---------------------------------------------------------


_ODD_KEYS = [1, None, ("x",), Key("name"), Text("name"), Key("ssn"), Text("ssn"), Key("zzz")]


@pytest.mark.parametrize("operation", OPERATIONS)
@pytest.mark.parametrize("odd_key", _ODD_KEYS, ids=repr)
def test_odd_keys_are_reported_and_never_pass_as_known_ones(operation: str, odd_key: Any) -> None:
    """A key that is no string (even one equal to a known key) is a structure finding; a str
    subclass key is a string. Either way no personal number is shown."""
    plain = {k: v for k, v in _FULL.items() if k != "ssn"}
    for customer in ({**plain, odd_key: "12015641779"}, {odd_key: "Kari", "customerNo": "1"}):
        kept = any(key is odd_key for key in customer)  # (an equal key keeps the first object)
        for body in (customer, {"customer": customer}):
            report = validate_customer(body, operation=operation, today=TODAY)
            if kept and not isinstance(odd_key, str):
                assert any(i.rule.startswith("schema.") for i in report), body
            assert "12015641779" not in repr([i.to_dict() for i in report])


def _reference_pass(ctx: Any, base: Any, customer: Any) -> None:
    """The pass without its inlined branches: _check_value for every key."""
    for key, value in customer.items():
        pass_module._check_value(ctx, base, key, value, customer)
    pass_module.dates.finish_birth(ctx)
    pass_module.ssn.finish_ssn(ctx, base, customer)
    pass_module.contact.finish_phones(ctx)
    pass_module.finish_category(ctx, base, customer)


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
    tables = get_profile(profile).tables
    fast = Context(tables, operation, TODAY)
    pass_module.CustomerChecks(tables).check_customer(fast, ("customer",), customer)
    slow = Context(tables, operation, TODAY)
    _reference_pass(slow, ("customer",), customer)

    def seen(ctx: Any) -> Any:
        return [(p, i.to_dict(show_pii=True), i.pii) for p, i in ctx.issues], repr(ctx.changes)

    assert seen(fast) == seen(slow)


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
    from armvalidate.checks.structure import _suggest, suggest

    known = list(CUSTOMER_TYPES)
    for key in ["emailAdress", "message", "Name", "zzz", "customer_no", "ssn", "x" * 40]:
        first, again = suggest(key, known), suggest(key, iter(known))
        assert first == again == _suggest(key, known)
        assert suggest(Text(key), known) == first


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
        one = sanitized_one(root, base, changes)
        general = sanitized(root, changes, [base])
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
    tables = get_profile(prof).tables
    assert set(tables.nested_max_lengths["postalAddress"]) == set(ADDRESS_KEYS)


# --- today: passed in, or read once per call ---------------------------------------------------


def test_without_today_the_current_date_is_read_at_the_call() -> None:
    day = datetime.date.today()
    payload = {"customerNo": "1", "name": "K", "stopReminderUntil": day.isoformat()}
    if datetime.date.today() == day:  # (not across a midnight)
        assert validate_customer(payload).issues == ()
    yesterday = (day - datetime.timedelta(days=1)).isoformat()
    past = {**payload, "stopReminderUntil": yesterday}
    assert [i.rule for i in validate_customer(past)] == ["stop.past"]
    assert [i.rule for i in validate_customer(past, today=day - datetime.timedelta(days=2))] == []


def test_the_pipeline_keeps_no_clock() -> None:
    from armvalidate import validate as validate_module

    assert not hasattr(validate_module, "_current_date")
    assert not hasattr(validate_module, "_day_window")
    assert "time" not in vars(validate_module)
