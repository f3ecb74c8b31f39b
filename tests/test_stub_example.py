"""The end-to-end example (examples/arm_client.py) runs in the suite: its client against the
stand-in, fuzzed with valid and invalid payloads and fault plans."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

pytest.importorskip("starlette")
pytest.importorskip("httpx")
pytest.importorskip("hypothesis")

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "arm_client.py"


@pytest.fixture(scope="module")
def example() -> ModuleType:
    spec = importlib.util.spec_from_file_location("arm_client_example", EXAMPLE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_no_customer_lost_or_duplicated_under_faults(example: ModuleType) -> None:
    example._properties()["no_customer_lost_or_duplicated"]()


def test_refusals_are_not_retried(example: ModuleType) -> None:
    example._properties()["refusals_are_not_retried"]()


def test_the_client_gives_up_after_its_attempts(example: ModuleType) -> None:
    from armvalidate.stub import InProcessServer

    server = InProcessServer(faults="*:503(0)")
    waits: list[float] = []
    with (
        example.ArmClient(
            server.url,
            server.token,
            transport=server.sync_transport(),
            sleep=waits.append,
            max_attempts=3,
        ) as client,
        pytest.raises(example.ArmUnavailable),
    ):
        client.upsert(1, {"customer": {"customerNo": "1", "name": "A"}})
    assert len(server.requests) == 3 and waits == [0.0, 0.0, 0.0]


def test_the_demo_runs_against_a_real_server(
    example: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    example.demo()
    out = capsys.readouterr().out
    assert "CREATED after 2 attempts" in out or "UPDATED after" in out
    assert "stored customers: 1" in out
