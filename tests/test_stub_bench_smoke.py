"""The server benchmark runs (--quick: tiny counts, no timing asserted)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

pytest.importorskip("starlette")
pytest.importorskip("uvicorn")
pytest.importorskip("httpx")

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import bench_server  # noqa: E402


def test_bench_server_quick_runs_every_part(capsys: pytest.CaptureFixture[str]) -> None:
    bench_server.main(["--quick"])  # the verdicts depend on the machine: not asserted
    out = capsys.readouterr().out
    assert "in process, ASGI app, POST per CPU-second" in out
    assert "loopback keep-alive" in out and "wall clock" in out
    assert "5 clients for 1 s" in out and " 0 lost, 0 5xx" in out
    assert "no customer lost, no 500" in out and "PASS" in out.split("no customer lost")[1]
