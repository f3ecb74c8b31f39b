"""Ruff and mypy are part of the suite, so `.ci/run` keeps the code base clean."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, check=False
    )


def test_ruff_check_is_clean() -> None:
    res = _run("ruff", "check", "armvalidate", "strategies", "tests", "benchmarks")
    assert res.returncode == 0, res.stdout + res.stderr


def test_ruff_format_is_clean() -> None:
    res = _run("ruff", "format", "--check", "armvalidate", "strategies", "tests", "benchmarks")
    assert res.returncode == 0, res.stdout + res.stderr


def test_mypy_strict_on_armvalidate_is_clean() -> None:
    res = _run("mypy", "armvalidate")
    assert res.returncode == 0, res.stdout + res.stderr
