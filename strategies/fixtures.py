"""Seeded fixtures: reproducible valid and labelled invalid payloads, without Hypothesis.

:func:`generate` yields :class:`Fixture` items, each a ``(payload, expected_rules,
description)`` named tuple. ``payload`` is a request body dict; ``expected_rules`` is empty for
a valid payload and, for an invalid one, the frozenset of rule ids the validator reports for it
(all of them, and only them). The rules travel beside the payload, never inside it, so the
payload is exactly what an API client would send.

The same arguments give the same fixtures on every machine and every day: the only source of
choices is ``random.Random(seed)`` (no wall clock, no hash-randomised ordering, no Faker), and
dates are relative to ``reference_date`` (default 2025-01-01). Ordinary-form fødselsnumre
never appear: consumers get synthetic Test-Norge numbers (month + 80). Validate the fixtures
with ``validate_customer(payload, operation=..., profile="test", today=reference_date)``.

>>> items = list(generate(3, seed=42, invalid_ratio=1 / 3))
>>> [len(item.expected_rules) > 0 for item in items].count(True)
1
>>> items == list(generate(3, seed=42, invalid_ratio=1 / 3))
True
>>> payload, expected_rules, description = items[0]
>>> sorted(payload)
['customer', 'metadata']
"""

from __future__ import annotations

import difflib
import random
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date
from typing import Any, NamedTuple

from armvalidate.strategies import _data
from armvalidate.strategies._customer import (
    CUSTOMER_KEYS,
    Config,
    build_customer,
    build_payload,
    config_for,
    today_problem,
)
from armvalidate.strategies._picker import RandomPicker

__all__ = [
    "DEFAULT_REFERENCE_DATE",
    "Fixture",
    "InvalidPayloadFactory",
    "PayloadFactory",
    "generate",
]

DEFAULT_REFERENCE_DATE = date(2025, 1, 1)
"""The default ``reference_date``: the "today" of generated dates (never the wall clock)."""

_OPERATIONS = ("create", "update")
# customerNo = (A * index + offset) mod 10**8 is a bijection on 0..10**8-1 (A is coprime to
# 10**8), so fixture customer numbers never repeat within one run of up to 10**8 fixtures.
_A = 48_271
_MOD = 10**8


class Fixture(NamedTuple):
    """One generated payload and what the validator must say about it."""

    payload: dict[str, Any]
    expected_rules: frozenset[str] = frozenset()
    description: str = "valid"

    @property
    def valid(self) -> bool:
        """True for a valid payload (no expected rules)."""
        return not self.expected_rules


def _customer_no(rng: random.Random, index: int, offset: int) -> str:
    number = (_A * index + offset) % _MOD
    form = rng.random()
    if form < 0.5:
        return str(number + 1)
    if form < 0.8:
        return f"K-{number:08d}"
    return f"ERP{number:08d}"


def _check_arguments(
    count: Any, seed: Any, invalid_ratio: Any, operation: Any, reference_date: Any
) -> None:
    if isinstance(count, bool) or not isinstance(count, int) or count < 0:
        raise ValueError(f"count must be a non-negative integer, not {count!r}")
    if isinstance(seed, bool) or not isinstance(seed, (int, str)):
        raise TypeError(f"seed must be an int or a str, not {seed!r}")
    if isinstance(invalid_ratio, bool) or not isinstance(invalid_ratio, (int, float)):
        raise TypeError(f"invalid_ratio must be a number from 0 to 1, not {invalid_ratio!r}")
    if not 0 <= invalid_ratio <= 1:
        raise ValueError(f"invalid_ratio must be from 0 to 1, not {invalid_ratio!r}")
    if operation not in _OPERATIONS:
        raise ValueError(f"operation must be 'create' or 'update', not {operation!r}")
    if type(reference_date) is not date:
        raise TypeError(f"reference_date must be a datetime.date, not {reference_date!r}")
    problem = today_problem(reference_date)
    if problem is not None:
        raise ValueError(f"reference_date={reference_date}: {problem}")


def generate(
    count: int,
    *,
    seed: int | str,
    invalid_ratio: float = 0.0,
    operation: str = "create",
    reference_date: date = DEFAULT_REFERENCE_DATE,
    verify: bool = False,
    accept: Callable[[Any], bool] | None = None,
) -> Iterator[Fixture]:
    """Yield ``count`` fixtures for ``operation`` ("create" or "update").

    ``round(count * invalid_ratio)`` of them (chosen at random positions) are invalid, each
    with exactly one fault made by a mutation of :mod:`armvalidate.strategies.mutations` (those
    whose
    payload is a JSON object: no NaN, no JSON text, no batch bodies). The test suite proves
    every mutation's labels exact over many seeds; ``verify=True`` also re-validates each
    invalid fixture before yielding it (and draws another on a miss), at about a third of the
    speed. Customer numbers are unique within one call. ``accept``: a test every invalid
    payload must pass (others are drawn again), e.g. "survives the trip through CSV unchanged":
    ``armvalidate generate --format csv`` uses it so that a label never claims a fault (a value
    of the wrong JSON type) that the file as written cannot hold.
    """
    _check_arguments(count, seed, invalid_ratio, operation, reference_date)
    rng = random.Random(seed)
    picker = RandomPicker(rng, texts=_data.FREE_TEXTS)
    cfg = config_for(operation=operation, today=reference_date)
    offset = rng.randrange(_MOD)
    invalid_left = round(count * invalid_ratio)
    maker = None
    if invalid_left:
        from armvalidate.strategies.mutations import _FixtureMutator

        maker = _FixtureMutator(operation, reference_date, cfg, verify=verify)
    for index in range(count):
        # Selection sampling: exactly invalid_left of the remaining positions are invalid.
        invalid = invalid_left > 0 and rng.random() * (count - index) < invalid_left
        overrides = {"customerNo": _customer_no(rng, index, offset)}
        if invalid and maker is not None:
            invalid_left -= 1
            example = maker.make(picker, overrides)
            tries = 1
            while accept is not None and not accept(example.payload):
                if tries >= 1000:
                    raise RuntimeError("no invalid payload passed accept() in 1000 draws")
                example = maker.make(picker, overrides)
                tries += 1
            yield Fixture(example.payload, example.expected_rules, example.description)
        else:
            yield Fixture(build_payload(picker, cfg, overrides))


class PayloadFactory:
    """A seeded maker of valid request bodies: ``factory(operation="create", **overrides)``.

    Overrides are plain values (or :data:`~armvalidate.strategies._customer.ABSENT`); ``metadata=``
    sets
    the envelope's metadata. The pytest fixture ``arm_payload_factory`` is one of these.

    >>> factory = PayloadFactory(seed=1)
    >>> payload = factory(currency="EUR")
    >>> payload["customer"]["currency"], sorted(payload)
    ('EUR', ['customer', 'metadata'])
    >>> PayloadFactory(seed=1)(currency="EUR") == payload
    True
    """

    def __init__(
        self,
        *,
        seed: int | str = 0,
        operation: str = "create",
        reference_date: date = DEFAULT_REFERENCE_DATE,
    ) -> None:
        _check_arguments(0, seed, 0.0, operation, reference_date)
        self._rng = random.Random(seed)
        self._picker = RandomPicker(self._rng, texts=_data.FREE_TEXTS)
        self.operation = operation
        self.reference_date = reference_date
        self._configs: dict[str, Config] = {}

    def __call__(
        self, operation: str | None = None, *, metadata: Any = None, **overrides: Any
    ) -> dict[str, Any]:
        _check_keys(overrides)
        cfg = self._cfg(operation)
        return build_payload(self._picker, cfg, overrides, metadata=metadata)

    def customer(self, operation: str | None = None, **overrides: Any) -> dict[str, Any]:
        """A valid customer object (without the envelope)."""
        _check_keys(overrides)
        return build_customer(self._picker, self._cfg(operation), overrides)

    def _cfg(self, operation: str | None) -> Config:
        operation = operation or self.operation
        cfg = self._configs.get(operation)
        if cfg is None:
            if operation not in _OPERATIONS:
                raise ValueError(f"operation must be 'create' or 'update', not {operation!r}")
            cfg = self._configs[operation] = config_for(
                operation=operation, today=self.reference_date
            )
        return cfg


def _check_keys(overrides: Mapping[str, Any]) -> None:
    """Refuse override keys that are no key of the customer object (a typo would otherwise
    be added silently and make the "valid" payload invalid).

    >>> _check_keys({"custmerNo": "1"})
    Traceback (most recent call last):
    ...
    TypeError: unknown customer key 'custmerNo' (did you mean 'customerNo'?)
    """
    for key in overrides:
        if key not in CUSTOMER_KEYS:
            close = difflib.get_close_matches(key, CUSTOMER_KEYS, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise TypeError(f"unknown customer key {key!r}{hint}")


class InvalidPayloadFactory:
    """A seeded maker of labelled invalid request bodies for one or more rules:
    ``factory()`` returns an :class:`~armvalidate.strategies.mutations.InvalidPayload` (with
    ``payload``, ``expected_rules``, ``description``) for one of ``rules``, in turn. The pytest
    fixture ``arm_invalid_payload_factory(rule)`` builds these.

    Each example is re-validated (``validate_customer(..., profile="test",
    today=reference_date)`` reports exactly ``expected_rules``) before it is returned; with all
    defaults (production profile, any later day) its errors are the expected error rules.

    >>> factory = InvalidPayloadFactory(["ssn.checksum"], seed=3)
    >>> example = factory()
    >>> sorted(example.expected_rules), example.validate().rules == example.expected_rules
    (['ssn.checksum'], True)
    """

    def __init__(
        self,
        rules: str | Iterable[str],
        *,
        seed: int | str = 0,
        operation: str = "create",
        reference_date: date = DEFAULT_REFERENCE_DATE,
    ) -> None:
        _check_arguments(0, seed, 0.0, operation, reference_date)
        from armvalidate.strategies import mutations

        names = (rules,) if isinstance(rules, str) else tuple(rules)
        try:
            chosen = mutations._select(names, operation)
        except mutations._NoMutation as exc:
            raise ValueError(str(exc)) from None
        self.rules, self._by_rule = mutations._by_rule(chosen)
        self._rng = random.Random(seed)
        self._picker = RandomPicker(self._rng, texts=_data.FREE_TEXTS)
        cfg = config_for(operation=operation, today=reference_date)
        self._ctx = mutations.MutationContext(operation=operation, today=reference_date, cfg=cfg)
        self._turn = 0

    def __call__(self) -> Any:
        from armvalidate.strategies import mutations

        rule = self.rules[self._turn % len(self.rules)]
        self._turn += 1
        for _ in range(50):
            mutation = self._picker.choice(self._by_rule[rule])
            example = mutations.apply_mutation(self._picker, mutation, self._ctx)
            if mutations.check(example):
                return example
        raise RuntimeError(f"no mutation of {rule!r} gave its expected rules 50 times in a row")
