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
- ``arm_faker``: a ``Faker("no_NO")`` seeded with ``arm_seed``.

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
    from armvalidate.strategies.fixtures import PayloadFactory


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
