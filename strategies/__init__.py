"""Hypothesis strategies and fixture builders for ARM customer payloads (the test-data half of
armvalidate). Requires the ``strategies`` extra: ``pip install 'armvalidate[strategies]'``.

- :mod:`strategies.identifiers`: ``ssns``, ``org_numbers``, ``account_numbers``, ``kids``,
  ``emails``, ``phone_numbers``, ``postal_addresses``;
- :mod:`strategies.payloads`: ``customers``, ``customer_payloads`` (valid payloads);
- :mod:`strategies.mutations`: ``invalid_customer_payloads`` (labelled invalid payloads, one
  fault each) and the registry ``MUTATIONS`` (rule id -> mutations);
- :mod:`strategies.fixtures`: ``generate`` and ``PayloadFactory`` (seeded, on
  ``random.Random``: no Hypothesis or Faker needed);
- :mod:`strategies.pytest_plugin`: the fixtures ``arm_customer``, ``arm_payload_factory``,
  ``arm_faker``.

Every name is importable from ``strategies`` directly; they are loaded on first use, so
``import strategies`` (and the pytest plugin) does not import Hypothesis or Faker.

>>> import strategies
>>> strategies.generate  # doctest: +ELLIPSIS
<function generate at ...>
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from strategies._customer import ABSENT
    from strategies.fixtures import Fixture, PayloadFactory, generate
    from strategies.identifiers import (
        DEFAULT_TODAY,
        account_numbers,
        emails,
        kids,
        org_numbers,
        phone_numbers,
        postal_addresses,
        ssns,
    )
    from strategies.mutations import (
        MUTATIONS,
        InvalidPayload,
        Mutation,
        invalid_customer_payloads,
        mutation_rules,
    )
    from strategies.payloads import customer_payloads, customers

__all__ = [
    "ABSENT",
    "DEFAULT_TODAY",
    "MUTATIONS",
    "Fixture",
    "InvalidPayload",
    "Mutation",
    "PayloadFactory",
    "account_numbers",
    "customer_payloads",
    "customers",
    "emails",
    "generate",
    "invalid_customer_payloads",
    "kids",
    "mutation_rules",
    "org_numbers",
    "phone_numbers",
    "postal_addresses",
    "ssns",
]

_WHERE = {
    "ABSENT": "strategies._customer",
    "DEFAULT_TODAY": "strategies.identifiers",
    "MUTATIONS": "strategies.mutations",
    "Fixture": "strategies.fixtures",
    "InvalidPayload": "strategies.mutations",
    "Mutation": "strategies.mutations",
    "PayloadFactory": "strategies.fixtures",
    "account_numbers": "strategies.identifiers",
    "customer_payloads": "strategies.payloads",
    "customers": "strategies.payloads",
    "emails": "strategies.identifiers",
    "generate": "strategies.fixtures",
    "invalid_customer_payloads": "strategies.mutations",
    "kids": "strategies.identifiers",
    "mutation_rules": "strategies.mutations",
    "org_numbers": "strategies.identifiers",
    "phone_numbers": "strategies.identifiers",
    "postal_addresses": "strategies.identifiers",
    "ssns": "strategies.identifiers",
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'strategies' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
