"""Shared test fixtures: the dates the suite compares with, the built-in profiles' tables, and
the ``slow`` marker.

The dates are fixed (a test never reads the wall clock unless it tests that default): use the
``today`` fixture, or import the constants (``from conftest import TODAY``) where a strategy
needs them at import time.
"""

from __future__ import annotations

import datetime

import pytest

from armvalidate.profile import PRODUCTION, TEST, Tables

TODAY = datetime.date(2026, 1, 1)
"""The date most tests compare stop dates and birth dates with."""

REFERENCE_DATE = datetime.date(2025, 6, 1)
"""The fixtures' and the benchmark's reference date (``armvalidate.strategies.fixtures``)."""


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "slow: a test that takes a minute or more (still run in CI; deselect with "
        "-m 'not slow' while working)",
    )


@pytest.fixture
def today() -> datetime.date:
    """The fixed date of the suite (:data:`TODAY`)."""
    return TODAY


@pytest.fixture
def production_tables() -> Tables:
    """The compiled lookups of the production profile."""
    return PRODUCTION.tables


@pytest.fixture
def test_tables() -> Tables:
    """The compiled lookups of the test profile (synthetic numbers accepted)."""
    return TEST.tables
