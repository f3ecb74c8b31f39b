"""The order of the findings (:mod:`armvalidate.collate`): ``position`` and ``ordered`` against
the order as it is defined, written here the plain way (the test's oracle): each part's index
is the index, among its container's keys as the container iterates them, of the key the
container's own lookup finds (a dict of the keys and their indexes, made per container), a
list entry's is its index, -1 for what is not there; the findings sorted by these tuples,
stable.

The payloads are the odd ones too: keys of every hashable built-in type, keys equal to
another part without being the same object (``1``, ``1.0`` and ``True``; a ``str`` and a
``str`` subclass; an object equal to a string), missing keys, list indexes out of range,
paths through scalars, and dict subclasses whose iteration or ``in`` are their own.
"""

from __future__ import annotations

import datetime
import math
from collections import OrderedDict
from collections.abc import Iterator
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from odd_keys import Key, Mapping_, Text

import armvalidate.validate as validate_module
from armvalidate import validate_customer
from armvalidate.catalog import Severity
from armvalidate.collate import ordered, position
from armvalidate.report import Issue
from armvalidate.strategies.mutations import invalid_customer_payloads
from armvalidate.strategies.payloads import customers
from benchmarks.messy import messy_payloads

TODAY = datetime.date(2025, 6, 1)
SETTINGS = settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


# -- the oracle ------------------------------------------------------------------------------


def reference_position(path: tuple[Any, ...], root: Any) -> tuple[int, ...]:
    """Each part's index in its container, by the definition (see the module docstring)."""
    out = []
    node = root
    for part in path:
        index = -1
        if isinstance(node, dict):
            indexes = {}
            for i, key in enumerate(node):
                indexes[key] = i
            index = indexes.get(part, -1)
        elif isinstance(node, list) and type(part) is int and 0 <= part < len(node):
            index = part
        out.append(index)
        node = node[part] if index >= 0 else None
    return tuple(out)


def reference_order(issues: list[tuple[tuple[Any, ...], Issue]], root: Any) -> list[Issue]:
    return [issue for _, issue in sorted(issues, key=lambda it: reference_position(it[0], root))]


# -- odd keys and containers -----------------------------------------------------------------


class Backwards(dict[Any, Any]):
    """A dict subclass that iterates its keys backwards."""

    def __iter__(self) -> Iterator[Any]:
        return reversed(list(super().__iter__()))


class Claims(dict[Any, Any]):
    """A dict subclass whose ``in`` claims every key."""

    def __contains__(self, key: object) -> bool:
        return True


_NAN = math.nan
_TEXT = st.text(alphabet="abAB1é", max_size=3)
KEYS = st.one_of(
    _TEXT,
    st.integers(-2, 3),
    st.sampled_from([0.0, -0.0, 1.0, 2.5, True, False, None, _NAN, (), ("a",), (1, "a")]),
    st.builds(Text, _TEXT),
    st.builds(Key, _TEXT),
    st.builds(float, st.just("nan")),  # a NaN of its own: equal to nothing, itself included
)
CONTAINERS = st.sampled_from([dict, dict, dict, Mapping_, OrderedDict, Backwards, Claims])


def _containers(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    mappings = st.builds(
        lambda kind, pairs: kind(pairs),
        CONTAINERS,
        st.lists(st.tuples(KEYS, children), max_size=6),
    )
    return st.lists(children, max_size=4) | mappings


TREES = st.recursive(st.sampled_from([None, 0, "x", 1.5]), _containers, max_leaves=25)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every path into ``node`` (the containers' own keys and indexes)."""
    yield prefix
    if isinstance(node, dict):
        for key in list(node):
            yield from _paths(dict.__getitem__(node, key), (*prefix, key))
    elif isinstance(node, list):
        for index, child in enumerate(node):
            yield from _paths(child, (*prefix, index))


def _odd_part(part: Any, draw: st.DrawFn) -> Any:
    """Another part that may find the same key, or none: an equal object of another type, a
    key that is not there, an index out of range."""
    choices: list[Any] = [draw(KEYS), "missing", -1, 99]
    if isinstance(part, str):
        choices += [Text(part), "".join([part, ""]), Key(part)]
    if isinstance(part, Key):
        choices.append(part.text)
    if type(part) is Text:
        choices.append(str(part))
    if type(part) in (int, bool, float) and math.isfinite(part):
        choices += [float(part), int(part), bool(part), part + 1]
    return draw(st.sampled_from(choices))


@st.composite
def roots_and_paths(draw: st.DrawFn) -> tuple[Any, list[tuple[Any, ...]]]:
    root = draw(TREES | st.builds(dict, st.lists(st.tuples(KEYS, TREES), max_size=5)))
    known = list(_paths(root))
    paths = []
    for _ in range(draw(st.integers(0, 8))):
        path = draw(st.sampled_from(known))
        how = draw(st.sampled_from(["as is", "as is", "odd part", "longer"]))
        if how == "odd part" and path:
            at = draw(st.integers(0, len(path) - 1))
            path = (*path[:at], _odd_part(path[at], draw), *path[at + 1 :])
        elif how == "longer":  # below a leaf, or a key missing from a container
            path = (*path, draw(KEYS | st.integers(-1, 5)))
        paths.append(path)
    return root, paths


def _issues(paths: list[tuple[Any, ...]]) -> list[tuple[tuple[Any, ...], Issue]]:
    return [(path, Issue(f"r{i}", Severity.ERROR, "", "", "")) for i, path in enumerate(paths)]


@SETTINGS
@given(roots_and_paths())
def test_positions_and_order_are_the_defined_ones(case: tuple[Any, list[Any]]) -> None:
    root, paths = case
    for path in paths:
        assert position(path, root, {}) == reference_position(path, root), path
    issues = _issues(paths)
    assert list(ordered(issues, root)) == reference_order(issues, root)


# -- the cases by name -----------------------------------------------------------------------


def _order_of(root: Any, paths: list[tuple[Any, ...]]) -> list[str]:
    return [issue.rule for issue in ordered(_issues(paths), root)]


@pytest.mark.parametrize(
    ("root", "path", "expected"),
    [
        ({"a": 0, 1: {"b": 2}}, (1.0, "b"), (1, 0)),  # 1.0 finds the key 1
        ({"a": 0, 1: {"b": 2}}, (True, "b"), (1, 0)),  # and so does True
        ({"a": 0, 1.0: 1}, (1,), (1,)),
        ({"a": 0, "b": 1}, (Text("b"),), (1,)),  # a str subclass finds the str key
        ({"a": 0, Text("b"): 1}, ("b",), (1,)),  # and the other way round
        ({"a": 0, Key("b"): 1}, ("b",), (1,)),  # a string finds a key equal to it
        ({"a": 0, _NAN: 1}, (_NAN,), (1,)),  # the same NaN is the key
        ({"a": 0, _NAN: 1}, (float("nan"),), (-1,)),  # another NaN is not
        ({"a": {"b": 1}}, ("a", "missing"), (0, -1)),  # a missing key (schema.required)
        ({"a": {"b": 1}}, ("missing", "b"), (-1, -1)),  # and what is below it
        ({"a": [1, 2]}, ("a", 2), (0, -1)),  # an index out of range
        ({"a": [1, 2]}, ("a", -1), (0, -1)),
        ({"a": [1, 2]}, ("a", True), (0, -1)),  # a bool is no list index
        ({"a": [1, 2]}, ("a", "0"), (0, -1)),
        ({"a": "text"}, ("a", 0, "b"), (0, -1, -1)),  # through a scalar
        ("text", ("a",), (-1,)),
        (Backwards(a=0, b=1, c=2), ("a",), (2,)),  # a subclass's own iteration
        (Claims(a=0), ("b",), (-1,)),  # ... and not its `in`
        ({"x": Backwards(a=0, b=1)}, ("x", "b"), (0, 0)),
    ],
)
def test_the_odd_cases(root: Any, path: tuple[Any, ...], expected: tuple[int, ...]) -> None:
    assert position(path, root, {}) == expected == reference_position(path, root)


def test_a_missing_key_comes_first_in_its_object_and_a_whole_object_before_its_keys() -> None:
    root = {"customer": {"name": "K", "postalAddress": {"postalCode": "x"}}}
    paths = [
        ("customer", "postalAddress", "postalCode"),
        ("customer", "postalAddress"),
        ("customer", "customerNo"),  # missing
        ("customer", "name"),
        ("customer", "postalAddress", "cityName"),  # missing
    ]
    assert _order_of(root, paths) == ["r2", "r3", "r1", "r4", "r0"]


def test_findings_at_one_path_keep_their_order() -> None:
    root = {"a": 1, "b": 2}
    assert _order_of(root, [("b",), ("a",), ("b",), ("a",)]) == ["r1", "r3", "r0", "r2"]


# -- the validator's own findings ------------------------------------------------------------


def _validated_in_order(payload: Any) -> int:
    """Validate ``payload``, checking the order the validator asks for against the oracle;
    how many findings were ordered."""
    seen = []

    def checked(issues: list[tuple[Any, Issue]], root: Any) -> tuple[Issue, ...]:
        got = ordered(issues, root)
        assert list(got) == reference_order(issues, root)
        seen.append(len(issues))
        return got

    with mock.patch.object(validate_module, "ordered", checked):
        validate_customer(payload, profile="production", today=TODAY)
    return sum(seen)


def test_the_messy_corpus_is_in_the_defined_order() -> None:
    ordered_findings = sum(_validated_in_order(p) for p in messy_payloads(400, seed=19))
    assert ordered_findings > 400  # (the corpus has about two findings a payload)


@SETTINGS
@given(st.data())
def test_generated_payloads_are_in_the_defined_order(data: st.DataObject) -> None:
    if data.draw(st.booleans()):
        payload = data.draw(invalid_customer_payloads(None, "create", today=TODAY)).payload
    else:
        customer = dict(data.draw(customers(today=TODAY)))
        # moved about, and a few keys wrong or missing
        keys = data.draw(st.permutations(list(customer)))
        customer = {key: customer[key] for key in keys}
        for key in data.draw(st.lists(st.sampled_from(keys), max_size=4)):
            customer[key] = data.draw(st.sampled_from([None, "x", 5, [], {"a": 1}]))
        payload = {"customer": customer}
    _validated_in_order(payload)
