"""The pytest plugin (pytest11 entry point), the hypothesis entry point, and the import walls."""

from __future__ import annotations

import importlib.metadata
import subprocess
import sys
import textwrap
import zlib
from datetime import date
from typing import Any

import pytest

from armvalidate import validate_customer
from armvalidate.strategies.fixtures import PayloadFactory


def test_entry_points_are_installed() -> None:
    hypothesis = {e.value for e in importlib.metadata.entry_points(group="hypothesis")}
    pytest11 = {e.value for e in importlib.metadata.entry_points(group="pytest11")}
    assert "armvalidate._hypothesis_hook:_hypothesis_setup_hook" in hypothesis
    assert "armvalidate.pytest_plugin" in pytest11


def test_arm_customer(arm_customer: dict[str, Any]) -> None:
    assert arm_customer["customerNo"] and arm_customer["name"]
    report = validate_customer(arm_customer, profile="test", today=date(2025, 1, 1))
    assert report.issues == ()


def test_arm_payload_factory(arm_payload_factory: Any, arm_seed: int) -> None:
    payload = arm_payload_factory(currency="EUR")
    assert payload["customer"]["currency"] == "EUR"
    assert validate_customer(payload, profile="test", today=date(2025, 1, 1)).ok
    # Seeded: the same seed gives the same payloads.
    assert PayloadFactory(seed=arm_seed)(currency="EUR") == payload
    update = arm_payload_factory("update")
    assert validate_customer(update, operation="update", profile="test", today=date(2025, 1, 1)).ok


def test_arm_seed_is_the_base_seed_mixed_with_the_node_id(
    arm_seed: int, request: pytest.FixtureRequest
) -> None:
    base = request.config.getoption("--arm-seed") or 0
    assert arm_seed == (base << 32) ^ zlib.crc32(request.node.nodeid.encode("utf-8"))


def test_arm_faker(arm_faker: Any, arm_seed: int) -> None:
    import faker

    assert isinstance(arm_faker, faker.Faker)
    assert "no_NO" in arm_faker.locales
    again = faker.Faker("no_NO")
    again.seed_instance(arm_seed)
    assert arm_faker.name() == again.name()


_NO_EXTRAS = textwrap.dedent(
    """
    import sys
    sys.modules["hypothesis"] = None  # the strategies extra is not installed
    sys.modules["faker"] = None
    import armvalidate
    from armvalidate import strategies
    import armvalidate.pytest_plugin
    from armvalidate.strategies.fixtures import PayloadFactory, generate
    items = list(generate(20, seed=1, invalid_ratio=0.5))
    assert sum(1 for i in items if i.expected_rules) == 10
    assert PayloadFactory(seed=1)()["customer"]["customerNo"]
    try:
        strategies.ssns
    except ImportError:
        print("ok")
    """
)


def test_plugin_and_fixtures_work_without_hypothesis_and_faker() -> None:
    out = subprocess.run(
        [sys.executable, "-c", _NO_EXTRAS], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "ok"


def test_import_armvalidate_imports_neither_hypothesis_nor_faker() -> None:
    code = (
        "import sys, armvalidate, armvalidate.validate;"
        "print(sorted(m for m in ('hypothesis', 'faker', 'strategies', 'armvalidate.strategies') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_lazy_package_attributes() -> None:
    from armvalidate import strategies

    assert strategies.customers is not None and strategies.generate is not None
    assert set(strategies.__all__) <= set(dir(strategies))
    with pytest.raises(AttributeError):
        strategies.no_such_thing  # noqa: B018


def test_arm_payload_factory_refuses_unknown_keys_with_a_suggestion(
    arm_payload_factory: Any,
) -> None:
    with pytest.raises(TypeError, match=r"'custmerNo' \(did you mean 'customerNo'\?\)"):
        arm_payload_factory(custmerNo="x")
    with pytest.raises(TypeError, match="unknown customer key 'zzz'"):
        arm_payload_factory.customer(zzz=1)


@pytest.mark.parametrize("rule", ["ssn.checksum", "email.invalid", "dob.range"])
def test_arm_invalid_payload_factory(arm_invalid_payload_factory: Any, rule: str) -> None:
    first = arm_invalid_payload_factory(rule)
    second = arm_invalid_payload_factory(rule, "update")
    for example in (first, second):
        assert example.rule == rule
        assert example.validate().rules == example.expected_rules
        # With all defaults (production profile, today's date) too: the errors hold.
        errors = {
            i.rule for i in validate_customer(example.payload, operation=example.operation).errors
        }
        assert rule in errors
    with pytest.raises(ValueError, match="no mutation is registered"):
        arm_invalid_payload_factory("no.such-rule")


_GIVEN_PROJECT = textwrap.dedent(
    """
    from hypothesis import given, settings, strategies as st

    @settings(max_examples=3, database=None, deadline=None)
    @given(st.integers())
    def test_function_scoped(arm_payload_factory, n):
        arm_payload_factory()

    @settings(max_examples=3, database=None, deadline=None)
    @given(st.integers())
    def test_session_scoped(arm_session_payload_factory, n):
        assert arm_session_payload_factory(currency="EUR")["customer"]["currency"] == "EUR"
    """
)


def test_given_with_function_scoped_fixture_trips_the_health_check_session_one_does_not(
    tmp_path: Any,
) -> None:
    """What docs/test-data.md says: a plugin fixture in @given trips Hypothesis'
    function_scoped_fixture health check; arm_session_payload_factory does not."""
    (tmp_path / "test_given.py").write_text(_GIVEN_PROJECT, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_given.py"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert "function_scoped_fixture" in result.stdout, result.stdout
    assert "1 failed, 1 passed" in result.stdout, result.stdout
