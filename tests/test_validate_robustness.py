"""validate_customer never raises, never leaks a personal number, and keeps its limits."""

from __future__ import annotations

import copy
import datetime
import json
import math
import re
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from armvalidate import Profile, validate_batch, validate_customer
from armvalidate.decode import exceeds_depth
from armvalidate.models import CUSTOMER_KEYS, READ_ONLY_KEYS

TODAY = datetime.date(2026, 11, 26)

# --- never raises --------------------------------------------------------------------------

_OTHER_KEYS = ["customer", "metadata", "customers", "userId", "type", "einvoiceCode"]
_ADDRESS_KEYS = ["postalCode", "cityName", "countryCode", "countryText", "addressLine1"]
_KEYS = st.sampled_from([*CUSTOMER_KEYS, *READ_ONLY_KEYS, *_OTHER_KEYS, *_ADDRESS_KEYS]) | st.text(
    max_size=8
)
_IDENTIFIERS = st.sampled_from(
    ["12015641779", "52015641762", "12415641751", "17912099997", "83012345618", "984842252",
     "310000108", "86011117947", "NO9386011117947", "0150", "1234", "NO", "no", "nok", "CONS",
     "1956-01-12", "2023-02-30", "a@b.no", "a@ b.NO", "99887766", "", " ", "\ud800", "١٢"]
)  # fmt: skip
_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()  # huge integers: test_garbage_becomes_findings (hypothesis cannot print them)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=20)
    | _IDENTIFIERS
)
JSON_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_KEYS, inner, max_size=6),
    max_leaves=30,
)
CUSTOMERS = st.dictionaries(_KEYS, JSON_VALUES, max_size=12)
PAYLOADS = (
    JSON_VALUES
    | CUSTOMERS
    | st.fixed_dictionaries({"customer": CUSTOMERS}, optional={"metadata": JSON_VALUES})
    | st.text(max_size=60)
    | st.binary(max_size=60)
)


def _json_text(value: Any) -> str | None:
    try:
        return json.dumps(value)
    except (ValueError, TypeError):
        return None


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(payload=PAYLOADS, operation=st.sampled_from(["create", "update"]))
def test_no_input_makes_validate_customer_raise(payload: Any, operation: str) -> None:
    before = copy.deepcopy(payload)
    for profile in ("production", "test"):
        report = validate_customer(payload, operation=operation, profile=profile, today=TODAY)
        assert "input.unprocessable" not in report, report
        for issue in report.issues:
            assert issue.path == "" or issue.path.startswith("/")
            assert issue.message
    if not (isinstance(before, float) and math.isnan(before)):
        assert repr(payload) == repr(before)  # nothing mutated (repr: NaN != NaN)
    text = _json_text(payload)
    if text is not None:
        assert "input.unprocessable" not in validate_customer(text, today=TODAY)


@settings(max_examples=100, deadline=None)
@given(customers=st.lists(CUSTOMERS | JSON_VALUES, max_size=4), meta=JSON_VALUES)
def test_no_batch_makes_validate_batch_raise(customers: list[Any], meta: Any) -> None:
    report = validate_batch({"metadata": meta, "customers": customers}, today=TODAY)
    assert "input.unprocessable" not in report


@pytest.mark.parametrize(
    "payload",
    [
        None,
        42,
        3.5,
        [],
        object(),
        {1: "x", None: 2, (1, 2): 3},
        {"customer": {"customerNo": "1", "name": "A", 10**5000: 1}},
        {"customerNo": "1", "name": "A", "yearOfBirth": 10**5000, "dueDays": -(10**5000)},
        {"customerNo": "1", "name": "A", "limitAmount": 10**400},
        "{" * 100_000,
        "[" * 5000 + "]" * 5000,
        '{"customer": {"customerNo": "1", "name": "A", "limitAmount": Infinity}}',
        "1" * 5000,
        b"\x00\x01",
        memoryview(b'{"customerNo": "1", "name": "A"}'),
        "\ufeff{}",
    ],
)
def test_garbage_becomes_findings(payload: Any) -> None:
    report = validate_customer(payload, today=TODAY)
    assert "input.unprocessable" not in report
    assert report.issues or payload == "\ufeff{}" or isinstance(payload, memoryview)


def test_cyclic_and_deep_python_structures() -> None:
    cyclic: dict[str, Any] = {"customerNo": "1", "name": "A"}
    cyclic["self"] = cyclic
    report = validate_customer(cyclic, today=TODAY)
    assert report.rules == {"input.too-deep"}  # a cycle is infinitely deep
    listy: list[Any] = []
    listy.append(listy)
    report = validate_customer({"customerNo": "1", "name": "A", "options": listy}, today=TODAY)
    assert report.rules == {"input.too-deep"}
    deep: Any = "x"
    for _ in range(100_000):
        deep = [deep]
    report = validate_customer({"customerNo": "1", "name": "A", "x": deep}, today=TODAY)
    assert [(i.rule, i.path) for i in report] == [("input.too-deep", "")]


# --- limits --------------------------------------------------------------------------------


def test_input_too_large() -> None:
    text = json.dumps({"customerNo": "1", "name": "A"})
    small = Profile(max_bytes=len(text))
    assert validate_customer(text, profile=small, today=TODAY).ok
    report = validate_customer(text + " ", profile=small, today=TODAY)
    assert [(i.rule, i.severity.value, i.path) for i in report] == [
        ("input.too-large", "error", "")
    ]
    assert report.sanitized is None
    text = '"' + "æ" * 10 + '"'  # 12 characters, 22 bytes in UTF-8
    assert validate_customer(text, profile=Profile(max_bytes=21)).rules == {"input.too-large"}
    assert validate_customer(text, profile=Profile(max_bytes=22)).rules == {"schema.json"}


def test_input_too_deep_text_and_dict() -> None:
    nested: Any = 1
    for _ in range(30):
        nested = [nested]
    within = {"customerNo": "1", "name": "A", "options": nested}  # depth 1 + 30 = 31
    assert "input.too-deep" not in validate_customer(within, today=TODAY)
    assert "input.too-deep" not in validate_customer(json.dumps(within), today=TODAY)
    beyond = {"customerNo": "1", "name": "A", "options": [[nested]]}  # 33
    for payload in (beyond, json.dumps(beyond)):
        report = validate_customer(payload, today=TODAY)
        assert [(i.rule, i.path) for i in report] == [("input.too-deep", "")]
    shallow = Profile(max_depth=2)
    report = validate_customer({"customer": {"customerNo": "1", "name": "A"}}, profile=shallow)
    assert report.ok
    report = validate_customer({"customer": {"customerNo": "1", "name": "A", "options": []}},
                               profile=shallow)  # fmt: skip
    assert report.rules == {"input.too-deep"}


# Junk nested 0-7 deep, and where it can go in a valid payload: under an unknown key, in place
# of a value (of any type), as a list entry, inside the address, the metadata or the top level.
_NESTED = st.recursive(
    st.none() | st.integers() | st.text(max_size=3),
    lambda inner: (
        st.lists(inner, max_size=2) | st.dictionaries(st.text(max_size=2), inner, max_size=2)
    ),
    max_leaves=12,
)
_PLACES = [
    ("customer", "junk"),
    ("customer", "name"),
    ("customer", "dueDays"),
    ("customer", "postalAddress"),
    ("customer", "emailAddressDocument"),
    ("customer", "postalAddress", "cityName"),
    ("customer", "postalAddress", "junk"),
    ("metadata", "junk"),
    ("junk",),
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    junk=st.lists(st.tuples(st.sampled_from(_PLACES), _NESTED, st.booleans()), max_size=3),
    max_depth=st.integers(1, 8),
)
def test_too_deep_exactly_when_the_whole_payload_is(
    junk: list[tuple[tuple[str, ...], Any, bool]], max_depth: int
) -> None:
    # The pipeline measures a dict payload only where the structure stage found something;
    # the verdict must be that of measuring all of it.
    payload: dict[str, Any] = {
        "metadata": {"userId": "u"},
        "customer": {"customerNo": "1", "name": "A", "postalAddress": {"cityName": "OSLO"},
                     "emailAddressDocument": ["a@b.no"]},
    }  # fmt: skip
    for place, value, as_entry in junk:
        node = payload
        for key in place[:-1]:
            node = node[key] if isinstance(node.get(key), dict) else node.setdefault(key, {})
            if not isinstance(node, dict):
                break
        else:
            old = node.get(place[-1])
            node[place[-1]] = [*old, value] if as_entry and isinstance(old, list) else value
    for batch in (False, True):
        limit = max_depth + batch
        whole = exceeds_depth(payload if not batch else {"customers": [payload["customer"]]}, limit)
        if batch:
            report = validate_batch({"customers": [payload["customer"]]},
                                    profile=Profile(max_depth=max_depth), today=TODAY)  # fmt: skip
        else:
            report = validate_customer(payload, profile=Profile(max_depth=max_depth), today=TODAY)
        assert ("input.too-deep" in report.rules) == (whole is not None), (batch, payload)


def test_fatal_rules_cannot_be_silenced() -> None:
    quiet = Profile(ignore=("schema", "input"))
    assert validate_customer("nope", profile=quiet).rules == {"schema.json"}
    assert validate_customer({"customerNo": 1}, profile=quiet).rules == set()


def test_a_failing_check_becomes_input_unprocessable(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: Any) -> None:
        raise KeyError("12015641779")

    from armvalidate.checks import customer as pass_module

    monkeypatch.setattr(pass_module, "finish_category", broken)
    # the category rule runs only where there is a category to look at
    report = validate_customer(
        {"customerNo": "1", "name": "A", "customerCategory": "CONS"}, today=TODAY
    )
    assert [(i.rule, i.path) for i in report] == [("input.unprocessable", "")]
    assert "KeyError" in report.issues[0].message
    assert "12015641779" not in report.issues[0].message


# --- personal numbers never leak -----------------------------------------------------------

PERSONAL = ["12015641779", "12015641778", "52015641762", "86011117947", "815013665841"]
_ELEVEN = re.compile(r"[0-9]{11}")


def _texts(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for k, v in value.items() for t in (*_texts(k), *_texts(v))]
    if isinstance(value, (list, tuple)):
        return [t for v in value for t in _texts(v)]
    return [repr(value)]


def _assert_no_leak(payload: Any, **kw: Any) -> None:
    for report in (
        validate_customer(payload, today=TODAY, **kw),
        validate_customer(payload, profile="test", today=TODAY, **kw),
    ):
        for issue in report.issues:
            shown = " ".join([issue.message, *_texts(dict(issue.context))])
            digits = re.sub(r"[ .\-]", "", shown)
            assert not _ELEVEN.search(digits), (issue.rule, shown)


@pytest.mark.parametrize("number", PERSONAL)
@pytest.mark.parametrize("key", [k for k in CUSTOMER_KEYS if k not in ("postalAddress",)])
def test_no_personal_number_in_any_message(key: str, number: str) -> None:
    for value in (number, f"{number[:6]} {number[6:]}", [number], f"NO93{number}"):
        _assert_no_leak({"customer": {"customerNo": "1", "name": "A", key: value}})


@pytest.mark.parametrize("number", PERSONAL)
def test_no_personal_number_in_keys_addresses_or_pairs(number: str) -> None:
    _assert_no_leak({"customer": {"customerNo": "1", "name": "A", number: 1}})
    address = {"postalCode": number, "cityName": number}
    _assert_no_leak({"customer": {"customerNo": "1", "name": "A", "postalAddress": address}})
    same = {"customerNo": number, "ssn": number, "bankAccountNo": number}
    _assert_no_leak({"customer": {**same, "name": "A", "dateOfBirth": "1956-01-13"}})
    _assert_no_leak(json.dumps({"customer": {"customerNo": "1", "ssn": number}})[:-3])


@settings(max_examples=150, deadline=None)
@given(
    digits=st.text(alphabet="0123456789", min_size=11, max_size=11),
    key=st.sampled_from(CUSTOMER_KEYS),
    sep=st.sampled_from(["", " ", ".", "-"]),
)
def test_no_eleven_digit_number_survives_in_a_message(digits: str, key: str, sep: str) -> None:
    value = f"{digits[:4]}{sep}{digits[4:6]}{sep}{digits[6:]}"
    _assert_no_leak({"customerNo": "1", "name": "A", key: value, "ssn": digits})


def test_pii_values_travel_only_in_value() -> None:
    report = validate_customer({"customerNo": "1", "name": "A", "ssn": "12015641778"})
    (issue,) = report.issues
    assert issue.pii and issue.value == "12015641778"
    assert "12015641778" not in str(issue.to_dict())
    assert issue.to_dict(show_pii=True)["value"] == "12015641778"


def test_personal_numbers_of_the_wrong_type_or_length_are_pii() -> None:
    report = validate_customer({"customerNo": "1", "name": "A", "ssn": 12015641779})
    (issue,) = report.issues
    assert (issue.rule, issue.pii, issue.value) == ("schema.type", True, 12015641779)
    report = validate_customer({"customerNo": "1", "name": "A", "bankAccountNo": "8" * 51})
    (issue,) = report.issues
    assert (issue.rule, issue.pii) == ("length.max", True)
    assert "8" * 11 not in issue.message
