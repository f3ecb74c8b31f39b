"""pytest plugin (``pytest11`` entry point): fixtures for ARM payloads.

Loaded by pytest in every environment where armvalidate is installed, so it imports nothing
but pytest and the standard library at import time: it works without the ``armvalidate.strategies``
extra
(Hypothesis, Faker), and only ``arm_faker`` needs Faker (it skips the test without it).

Fixtures (all seeded: the same test gets the same data on every run and every machine):

- ``arm_seed``: the seed of the test, from ``--arm-seed`` (default 0) and the test's node id;
- ``arm_payload_factory``: a callable building valid request bodies,
  ``arm_payload_factory(currency="EUR", operation="update")``; each call gives a new payload;
- ``arm_customer``: one valid customer object (a dict);
- ``arm_invalid_payload_factory``: a callable ``(rule, operation="create")`` giving a labelled
  invalid payload (``InvalidPayload``: ``.payload``, ``.expected_rules``, ``.description``);
- ``arm_faker``: a ``Faker("no_NO")`` seeded with ``arm_seed``;
- ``arm_session_payload_factory``: like ``arm_payload_factory`` but session-scoped, so it may
  be used in a ``@given`` test (Hypothesis' ``function_scoped_fixture`` health check fails a
  ``@given`` test that asks for a function-scoped fixture, since the fixture is not reset
  between examples). Inside ``@given``, drawing from ``armvalidate.strategies`` is usually
  better still.

Unknown override keys are an error: ``arm_payload_factory(custmerNo="x")`` raises
``TypeError: unknown customer key 'custmerNo' (did you mean 'customerNo'?)``.

Example::

    def test_client_sends_customer(arm_payload_factory):
        payload = arm_payload_factory(language="en")
        assert my_client.build_request(payload).ok
"""

from __future__ import annotations

import zlib
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from collections.abc import Callable

    from armvalidate.strategies.fixtures import PayloadFactory
    from armvalidate.strategies.mutations import InvalidPayload


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("armvalidate")
    group.addoption(
        "--arm-seed",
        type=int,
        default=None,
        help="base seed of the armvalidate fixtures (arm_payload_factory, arm_faker); default 0",
    )
    parser.addini("arm_seed", "base seed of the armvalidate fixtures", default="0")


@pytest.fixture
def arm_seed(request: pytest.FixtureRequest) -> int:
    """The seed for this test: ``--arm-seed`` (or the ``arm_seed`` ini value) mixed with the
    test's node id, so tests get different but reproducible data."""
    base = request.config.getoption("--arm-seed", default=None)
    if base is None:
        base = int(str(request.config.getini("arm_seed") or 0))
    return (int(base) << 32) ^ zlib.crc32(request.node.nodeid.encode("utf-8"))


@pytest.fixture
def arm_payload_factory(arm_seed: int) -> PayloadFactory:
    """A callable ``(operation="create", **overrides) -> dict`` of valid request bodies."""
    from armvalidate.strategies.fixtures import PayloadFactory

    return PayloadFactory(seed=arm_seed)


@pytest.fixture
def arm_customer(arm_payload_factory: PayloadFactory) -> dict[str, Any]:
    """One valid customer object (create), as a dict."""
    customer: dict[str, Any] = arm_payload_factory()["customer"]
    return customer


@pytest.fixture
def arm_invalid_payload_factory(arm_seed: int) -> Callable[..., InvalidPayload]:
    """A callable ``(rule, operation="create") -> InvalidPayload``: a labelled invalid payload
    with one fault of ``rule`` (a rule id, e.g. ``"ssn.checksum"``), re-validated before it is
    returned. Each call gives a new payload."""
    from armvalidate.strategies.fixtures import InvalidPayloadFactory

    factories: dict[tuple[str, str], InvalidPayloadFactory] = {}

    def make(rule: str, operation: str = "create") -> InvalidPayload:
        factory = factories.get((rule, operation))
        if factory is None:
            factory = factories[(rule, operation)] = InvalidPayloadFactory(
                [rule], seed=f"{arm_seed}:{rule}:{operation}", operation=operation
            )
        example: InvalidPayload = factory()
        return example

    return make


@pytest.fixture(scope="session")
def arm_session_payload_factory(pytestconfig: pytest.Config) -> PayloadFactory:
    """A session-scoped :class:`PayloadFactory` (seeded by ``--arm-seed``): safe in ``@given``
    tests, where function-scoped fixtures trip Hypothesis' health check."""
    from armvalidate.strategies.fixtures import PayloadFactory

    base = pytestconfig.getoption("--arm-seed", default=None)
    if base is None:
        base = int(str(pytestconfig.getini("arm_seed") or 0))
    return PayloadFactory(seed=f"session:{base}")


@pytest.fixture
def arm_faker(arm_seed: int) -> Any:
    """A ``faker.Faker("no_NO")`` seeded for this test (skips the test without Faker).

    Faker's ``ssn()`` and date methods read today's date and its postcodes are random: use
    :mod:`armvalidate.strategies` for identifiers and addresses, and Faker for names and free text.
    """
    faker = pytest.importorskip("faker", reason="arm_faker needs Faker (the strategies extra)")
    fake = faker.Faker("no_NO")
    fake.seed_instance(arm_seed)
    return fake


# -- the ARM stand-in's fixtures (arm_server, arm_server_factory, arm_app) ----------------------
# Light import: the server stack is imported when a fixture runs (they skip without the extra).
from armvalidate.stub.pytest_fixtures import (  # noqa: E402, F401
    _arm_server_session,
    arm_app,
    arm_server,
    arm_server_factory,
)
