"""Hypothesis strategies and fixture builders for ARM customer payloads (the test-data half of
armvalidate). Requires the ``armvalidate.strategies`` extra: ``pip install
'armvalidate[strategies]'``.

- :mod:`armvalidate.strategies.identifiers`: ``ssns``, ``org_numbers``, ``account_numbers``,
  ``kids``, ``emails``, ``phone_numbers``, ``postal_addresses``;
- :mod:`armvalidate.strategies.payloads`: ``customers``, ``customer_payloads`` (valid payloads);
- :mod:`armvalidate.strategies.mutations`: ``invalid_customer_payloads`` (labelled invalid
  payloads, one fault each), the registry ``MUTATIONS`` (rule id -> mutations), and
  ``examples_of_each_rule`` / ``cover_each_rule`` (one explicit example per rule);
- :mod:`armvalidate.strategies.fixtures`: ``generate``, ``PayloadFactory`` and
  ``InvalidPayloadFactory`` (seeded, on ``random.Random``: no Hypothesis or Faker needed);
- :mod:`armvalidate.pytest_plugin`: the fixtures ``arm_customer``, ``arm_payload_factory``,
  ``arm_invalid_payload_factory``, ``arm_session_payload_factory``, ``arm_faker``.

See docs/test-data.md for the contract (what "valid" and the labels promise, and on which
days), coverage of the rules, and the ``@given`` health-check note.

Every name is importable from ``armvalidate.strategies`` directly; they are loaded on first use, so
``import armvalidate.strategies`` (and the pytest plugin) does not import Hypothesis or Faker.

>>> from armvalidate import strategies
>>> strategies.generate  # doctest: +ELLIPSIS
<function generate at ...>
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from armvalidate._lazy import lazy_exports

if TYPE_CHECKING:
    from armvalidate.strategies._customer import ABSENT
    from armvalidate.strategies.fixtures import (
        Fixture,
        InvalidPayloadFactory,
        PayloadFactory,
        generate,
    )
    from armvalidate.strategies.identifiers import (
        DEFAULT_TODAY,
        account_numbers,
        emails,
        kids,
        org_numbers,
        phone_numbers,
        postal_addresses,
        ssns,
    )
    from armvalidate.strategies.mutations import (
        MUTATIONS,
        InvalidPayload,
        Mutation,
        cover_each_rule,
        examples_of_each_rule,
        invalid_customer_payloads,
        mutation_rules,
    )
    from armvalidate.strategies.payloads import customer_payloads, customers

__all__ = [
    "ABSENT",
    "DEFAULT_TODAY",
    "MUTATIONS",
    "Fixture",
    "InvalidPayload",
    "InvalidPayloadFactory",
    "Mutation",
    "PayloadFactory",
    "account_numbers",
    "cover_each_rule",
    "customer_payloads",
    "customers",
    "emails",
    "examples_of_each_rule",
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
    "ABSENT": "armvalidate.strategies._customer",
    "DEFAULT_TODAY": "armvalidate.strategies.identifiers",
    "MUTATIONS": "armvalidate.strategies.mutations",
    "Fixture": "armvalidate.strategies.fixtures",
    "InvalidPayloadFactory": "armvalidate.strategies.fixtures",
    "InvalidPayload": "armvalidate.strategies.mutations",
    "Mutation": "armvalidate.strategies.mutations",
    "PayloadFactory": "armvalidate.strategies.fixtures",
    "account_numbers": "armvalidate.strategies.identifiers",
    "customer_payloads": "armvalidate.strategies.payloads",
    "cover_each_rule": "armvalidate.strategies.mutations",
    "customers": "armvalidate.strategies.payloads",
    "examples_of_each_rule": "armvalidate.strategies.mutations",
    "emails": "armvalidate.strategies.identifiers",
    "generate": "armvalidate.strategies.fixtures",
    "invalid_customer_payloads": "armvalidate.strategies.mutations",
    "kids": "armvalidate.strategies.identifiers",
    "mutation_rules": "armvalidate.strategies.mutations",
    "org_numbers": "armvalidate.strategies.identifiers",
    "phone_numbers": "armvalidate.strategies.identifiers",
    "postal_addresses": "armvalidate.strategies.identifiers",
    "ssns": "armvalidate.strategies.identifiers",
}


__getattr__, __dir__ = lazy_exports(__name__, _WHERE, __all__)
