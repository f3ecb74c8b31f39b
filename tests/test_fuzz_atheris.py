"""A short coverage-guided run of every atheris harness in fuzz/ (a few seconds each).

The long runs are ``python fuzz/run.py`` (see fuzz/run.py); this one proves the harnesses work
against the current code and finds the shallow bugs. It skips when atheris is not installed or
fuzz/ is not there (an sdist). The oracles of bugs that are known and open would be skipped
(``ARMVALIDATE_FUZZ_SKIP_KNOWN``; none is open): tests/test_regressions.py holds those.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FUZZ = ROOT / "fuzz"
HARNESSES = ("validate", "identifiers", "readers")

pytestmark = [
    pytest.mark.skipif(importlib.util.find_spec("atheris") is None, reason="atheris missing"),
    pytest.mark.skipif(not (FUZZ / "run.py").is_file(), reason="fuzz/ not in this checkout"),
]


def _corpus(harness: str, directory: Path) -> None:
    sys.path.insert(0, str(FUZZ))
    try:
        import run  # fuzz/run.py

        run.make_corpus(harness, directory, limit=20)
    finally:
        sys.path.remove(str(FUZZ))


def test_the_harnesses_find_nothing(tmp_path: Path) -> None:
    env = dict(os.environ)
    env["ARMVALIDATE_FUZZ_SKIP_KNOWN"] = "1"
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    env.pop("ARMVALIDATE_DEBUG", None)
    procs = {}
    for harness in HARNESSES:
        corpus = tmp_path / harness
        _corpus(harness, corpus)
        assert any(corpus.iterdir())
        log = open(tmp_path / f"{harness}.log", "wb")  # noqa: SIM115
        procs[harness] = (
            subprocess.Popen(
                [
                    sys.executable,
                    str(FUZZ / f"fuzz_{harness}.py"),
                    str(corpus),
                    "-seed=1",
                    "-max_total_time=3",
                    "-runs=20000",
                    "-max_len=4096",
                    "-timeout=20",
                    f"-artifact_prefix={tmp_path}/{harness}-",
                    "-print_final_stats=1",
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
                env=env,
            ),
            log,
        )
    for harness, (proc, log) in procs.items():
        proc.wait(timeout=180)
        log.close()
        text = (tmp_path / f"{harness}.log").read_text("utf-8", "replace")
        assert "Uncaught Python exception" not in text, text[-3000:]
        assert proc.returncode == 0, text[-3000:]
        assert "stat::number_of_executed_units" in text  # it ran
    assert not list(tmp_path.glob("*-crash-*"))


def test_the_oracles_can_fail() -> None:
    """The harnesses' oracles bite: a planted leak and a planted crash are reported."""
    sys.path.insert(0, str(FUZZ))
    try:
        import _oracles
    finally:
        sys.path.remove(str(FUZZ))
    from armvalidate import Issue, Report, Severity

    raw = b'{"customerNo": "1", "ssn": "12015641779"}'
    leak = Issue("ssn.checksum", Severity.ERROR, "/ssn", "Ssn", "ssn 120156 41779 is wrong")
    with pytest.raises(AssertionError, match="unmasked"):
        _oracles.check_report(Report(issues=(leak,)), raw)
    crash = Issue("input.unprocessable", Severity.ERROR, "", "", "failed (KeyError)")
    with pytest.raises(AssertionError, match="crashed"):
        _oracles.check_report(Report(issues=(crash,)), raw)
    masked = Issue("ssn.checksum", Severity.ERROR, "/ssn", "Ssn", "ssn *********79 is wrong")
    _oracles.check_report(Report(issues=(masked,)), raw)
    from armvalidate.no import orgnr

    _oracles.check_identifier(orgnr, "984842252")
    _oracles.check_identifier(orgnr, "984842253")
