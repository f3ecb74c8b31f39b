"""Seeded fixtures: reproducible to the byte, labelled right, fast, and never a real person."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from collections import Counter
from datetime import date
from typing import Any

import pytest

from armvalidate import validate_customer
from armvalidate.strategies.fixtures import (
    DEFAULT_REFERENCE_DATE,
    Fixture,
    PayloadFactory,
    generate,
)


def dump(items: list[Fixture]) -> str:
    return "\n".join(
        json.dumps(
            {"payload": f.payload, "expected": sorted(f.expected_rules)},
            sort_keys=True,
            ensure_ascii=False,
        )
        for f in items
    )


def test_same_arguments_same_bytes() -> None:
    a = dump(list(generate(300, seed=7, invalid_ratio=0.3)))
    b = dump(list(generate(300, seed=7, invalid_ratio=0.3)))
    assert a == b
    assert a != dump(list(generate(300, seed=8, invalid_ratio=0.3)))
    assert a != dump(list(generate(300, seed=7, invalid_ratio=0.3, operation="update")))


def test_string_seeds() -> None:
    assert dump(list(generate(20, seed="ci-run"))) == dump(list(generate(20, seed="ci-run")))


_CHILD = textwrap.dedent(
    """
    import datetime, hashlib, json, sys

    class _NoClock(datetime.date):
        @classmethod
        def today(cls):
            raise AssertionError("the fixtures read the wall clock")

    class _NoClockDT(datetime.datetime):
        @classmethod
        def now(cls, tz=None):
            raise AssertionError("the fixtures read the wall clock")

        @classmethod
        def today(cls):
            raise AssertionError("the fixtures read the wall clock")

    datetime.date = _NoClock
    datetime.datetime = _NoClockDT
    from armvalidate.strategies.fixtures import generate
    text = "\\n".join(
        json.dumps([x.payload, sorted(x.expected_rules)], sort_keys=True, ensure_ascii=False)
        for x in generate(200, seed=11, invalid_ratio=0.25)
    )
    print(hashlib.sha256(text.encode()).hexdigest())
    """
)


def test_same_bytes_in_other_processes_whatever_the_hash_seed() -> None:
    """No hash-randomised ordering and no clock: two fresh interpreters with different
    PYTHONHASHSEED, whose date.today() and datetime.now() raise, give the same bytes."""
    digests = set()
    for hash_seed in ("1", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        out = subprocess.run(
            [sys.executable, "-c", _CHILD], env=env, capture_output=True, text=True, check=True
        )
        digests.add(out.stdout.strip())
    assert len(digests) == 1


def test_valid_fixtures_are_valid() -> None:
    for operation in ("create", "update"):
        for item in generate(300, seed=3, operation=operation):
            assert item.valid and item.expected_rules == frozenset()
            report = validate_customer(
                item.payload, operation=operation, profile="test", today=DEFAULT_REFERENCE_DATE
            )
            assert report.issues == (), str(report)


@pytest.mark.parametrize("operation", ["create", "update"])
def test_invalid_fixtures_carry_exactly_their_rules(operation: str) -> None:
    items = list(generate(600, seed=5, invalid_ratio=0.5, operation=operation))
    invalid = [i for i in items if i.expected_rules]
    assert len(invalid) == 300
    rules_seen: Counter[str] = Counter()
    for item in invalid:
        report = validate_customer(
            item.payload, operation=operation, profile="test", today=DEFAULT_REFERENCE_DATE
        )
        assert report.rules == item.expected_rules, (item.description, str(report))
        assert report.errors, item.description
        rules_seen.update(item.expected_rules)
        # The labels travel beside the payload, never inside it.
        assert "expected_rules" not in json.dumps(item.payload)
    assert len(rules_seen) > 15


def test_invalid_ratio_is_exact() -> None:
    for count, ratio in ((10, 0.1), (7, 0.5), (100, 0.25), (5, 1.0), (5, 0.0)):
        items = list(generate(count, seed=1, invalid_ratio=ratio))
        assert len(items) == count
        assert sum(1 for i in items if i.expected_rules) == round(count * ratio)


def test_customer_numbers_are_unique() -> None:
    numbers = [i.payload["customer"].get("customerNo") for i in generate(5000, seed=9)]
    assert len(set(numbers)) == len(numbers)


def ssn_values(items: list[Fixture]) -> list[str]:
    return [
        i.payload["customer"]["ssn"]
        for i in items
        if isinstance(i.payload.get("customer"), dict)
        and isinstance(i.payload["customer"].get("ssn"), str)
    ]


def test_no_ordinary_fodselsnummer_ever() -> None:
    """Fixtures carry only synthetic numbers (Test-Norge month + 80, or NHN SyntPop month + 65;
    never month + 40, which is also a real H-number's form): never a real person's number.
    Invalid ones may break the number (even its date), but keep the month offset."""
    items = list(generate(3000, seed=2, invalid_ratio=0.2))
    values = ssn_values(items)
    assert len(values) > 500
    for value in values:
        head = value.replace(" ", "").replace("-", "")[:4]
        if head.isascii() and head.isdigit():  # (a format fault may put a letter here)
            assert int(head[2:4]) >= 65, value  # month + 80 or + 65; no FH, no H


def test_fixtures_are_plain_json() -> None:
    for item in generate(500, seed=4, invalid_ratio=0.5):
        assert isinstance(item.payload, dict)
        json.dumps(item.payload, allow_nan=False)
        _, expected, description = item  # a named tuple
        assert isinstance(expected, frozenset) and isinstance(description, str)


def test_reference_date_moves_the_dates() -> None:
    later = date(2030, 6, 1)
    for item in generate(200, seed=6, reference_date=later):
        report = validate_customer(item.payload, profile="test", today=later)
        assert report.issues == ()
        customer = item.payload["customer"]
        for key in ("stopReminderUntil", "stopDebtCollectionUntil", "stopInterestCalcUntil"):
            if customer.get(key):
                assert customer[key] >= later.isoformat()


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"count": -1, "seed": 1}, ValueError),
        ({"count": 1.5, "seed": 1}, ValueError),
        ({"count": 1, "seed": 1.5}, TypeError),
        ({"count": 1, "seed": 1, "invalid_ratio": 1.5}, ValueError),
        ({"count": 1, "seed": 1, "operation": "delete"}, ValueError),
        ({"count": 1, "seed": 1, "reference_date": "2025-01-01"}, TypeError),
    ],
)
def test_arguments_are_checked(kwargs: dict[str, Any], error: type[Exception]) -> None:
    with pytest.raises(error):
        list(generate(**kwargs))


def test_payload_factory() -> None:
    factory = PayloadFactory(seed=3)
    first = factory(currency="SEK")
    assert first["customer"]["currency"] == "SEK"
    assert factory() != first  # each call draws a new payload
    assert PayloadFactory(seed=3)(currency="SEK") == first
    update = factory("update", name="Kari")
    assert update["customer"]["name"] == "Kari"
    assert validate_customer(update, operation="update", profile="test", today=date(2025, 1, 1)).ok
    assert "metadata" in factory() and "customerNo" in factory.customer()


def test_generation_is_fast_enough_to_measure() -> None:
    """Not a timing assertion (timings flake): the count of a large run, to exercise the path
    the benchmark measures. The measured rate is in docs/readme/strategies.md."""
    assert sum(1 for _ in generate(5000, seed=0, invalid_ratio=0.1)) == 5000
