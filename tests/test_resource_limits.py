"""Resource limits: an over-size or over-deep record is a finding, never a MemoryError or a
RecursionError; a giant line does not make the command line hold it; every regular expression
completes on its worst inputs (benchmarks/redos.py; no time is asserted here).
"""

from __future__ import annotations

import datetime
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from armvalidate import profile_from_mapping, validate_batch, validate_customer
from armvalidate.cli import cli
from armvalidate.decode import DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH
from armvalidate.files import MAX_RECORD_BYTES

ROOT = Path(__file__).resolve().parents[1]
TODAY = datetime.date(2026, 1, 1)
CUSTOMER = {"customerNo": "1", "name": "Kari"}


def only(report: Any) -> tuple[str, str]:
    """The one finding of a fatal report: (rule, path)."""
    assert len(report.issues) == 1, [(i.rule, i.path) for i in report.issues]
    (issue,) = report.issues
    assert report.sanitized is None
    return issue.rule, issue.path


def nested(depth: int, leaf: Any = "x", kind: str = "list") -> Any:
    value = leaf
    for _ in range(depth):
        value = [value] if kind == "list" else {"a": value}
    return value


# -- size ----------------------------------------------------------------------------------------


def test_default_limits_are_the_documented_ones() -> None:
    assert DEFAULT_MAX_BYTES == 1 << 20
    assert DEFAULT_MAX_DEPTH == 32


@pytest.mark.parametrize("encode", [False, True])
def test_an_over_size_record_is_one_finding(encode: bool) -> None:
    text = json.dumps({**CUSTOMER, "name": "x" * DEFAULT_MAX_BYTES})
    payload: Any = text.encode() if encode else text
    report = validate_customer(payload, today=TODAY)
    assert only(report) == ("input.too-large", "")
    (issue,) = report.issues
    assert issue.context["expected"] == DEFAULT_MAX_BYTES
    assert issue.context["found"] == len(text.encode())


def test_the_size_limit_counts_utf8_bytes() -> None:
    """Two-byte characters: under the limit in characters, over it in bytes."""
    text = json.dumps({**CUSTOMER, "name": "ø" * (DEFAULT_MAX_BYTES // 2 + 10)}, ensure_ascii=False)
    assert len(text) < DEFAULT_MAX_BYTES < len(text.encode())
    assert only(validate_customer(text, today=TODAY))[0] == "input.too-large"


def test_just_under_the_size_limit_is_read() -> None:
    base = json.dumps({**CUSTOMER, "name": ""})
    text = json.dumps({**CUSTOMER, "name": "x" * (DEFAULT_MAX_BYTES - len(base))})
    assert len(text.encode()) == DEFAULT_MAX_BYTES
    report = validate_customer(text, today=TODAY)
    assert "input.too-large" not in report.rules
    assert "length.max" in report.rules  # read, and the name's length reported


def test_the_profile_sets_the_limits() -> None:
    small = profile_from_mapping(
        {"limits": {"max-bytes": 100, "max-depth": 4, "max-batch-bytes": 200}}
    )
    assert only(validate_customer(json.dumps({**CUSTOMER, "x": "y" * 100}), profile=small))[0] == (
        "input.too-large"
    )
    deep = json.dumps({**CUSTOMER, "options": nested(4)})
    assert only(validate_customer(deep, profile=small))[0] == "input.too-deep"
    batch = json.dumps({"customers": [CUSTOMER] * 10})
    assert only(validate_batch(batch, profile=small))[0] == "input.too-large"


def test_a_huge_python_string_is_no_problem() -> None:
    report = validate_customer({**CUSTOMER, "name": "x" * 20_000_000}, today=TODAY)
    assert report.rules == {"length.max"}


# -- depth ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("depth", [DEFAULT_MAX_DEPTH + 1, 10_000, 150_000])
@pytest.mark.parametrize("bracket", ["[]", "{}"])
def test_an_over_deep_text_is_one_finding(depth: int, bracket: str) -> None:
    if bracket == "[]":
        text = '{"customerNo": "1", "options": ' + "[" * depth + "]" * depth + "}"
    else:
        text = '{"customerNo": "1", "x": ' + '{"a":' * depth + "1" + "}" * depth + "}"
    assert only(validate_customer(text, today=TODAY)) == ("input.too-deep", "")


@pytest.mark.parametrize("depth", [DEFAULT_MAX_DEPTH + 1, 100_000])
@pytest.mark.parametrize("kind", ["list", "dict"])
def test_an_over_deep_python_value_is_one_finding(depth: int, kind: str) -> None:
    payload = {"customer": {**CUSTOMER, "options": nested(depth, kind=kind)}}
    assert only(validate_customer(payload, today=TODAY)) == ("input.too-deep", "")
    assert only(validate_batch({"customers": [payload["customer"]]}, today=TODAY))[0] == (
        "input.too-deep"
    )


def test_the_deepest_allowed_is_read() -> None:
    # envelope 1, customer 2, options 3, then 29 more arrays: 32 levels in all
    payload = {"customer": {**CUSTOMER, "options": nested(DEFAULT_MAX_DEPTH - 2)}}
    report = validate_customer(payload, today=TODAY)
    assert "input.too-deep" not in report.rules
    assert "input.unprocessable" not in report.rules
    report = validate_customer(json.dumps(payload), today=TODAY)
    assert "input.too-deep" not in report.rules


def test_unclosed_deep_nesting_is_one_finding() -> None:
    report = validate_customer("[" * 1_000_000, today=TODAY)
    assert only(report)[0] in ("input.too-deep", "schema.json")


def test_wide_structures_are_read() -> None:
    wide = {**CUSTOMER, "options": ["NoUpdatePostalReturn"] * 50_000}
    report = validate_customer(wide, today=TODAY)
    assert "input.unprocessable" not in report.rules


# -- the command line ----------------------------------------------------------------------------

_MAXRSS = (
    "import resource, sys\n"
    "from armvalidate.cli import main\n"
    "status = main(sys.argv[1:])\n"
    "print('MAXRSS', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
    "sys.exit(status)\n"
)


def _run(*args: str) -> tuple[int, str, str, int]:
    """The CLI in a real process: status, stdout, stderr, peak RSS in KiB."""
    env = {k: v for k, v in os.environ.items() if k != "ARMVALIDATE_DEBUG"}
    proc = subprocess.run(
        [sys.executable, "-c", _MAXRSS, *args],
        capture_output=True,
        timeout=300,
        env=env,
        check=False,
    )
    stderr = proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in stderr, stderr
    rss = int(stderr.rsplit("MAXRSS", 1)[1].split()[0])
    return proc.returncode, proc.stdout.decode(), stderr, rss


@pytest.mark.skipif(sys.platform != "linux", reason="ru_maxrss in KiB is Linux's")
def test_the_cli_on_one_giant_line(tmp_path: Path) -> None:
    """A 48 MiB line among small ones: one input.too-large finding for it, the others checked,
    and the process never holds the line (its peak memory stays far below the line's size)."""
    small = tmp_path / "small.jsonl"
    small.write_bytes(json.dumps(CUSTOMER).encode() + b"\n")
    giant = tmp_path / "giant.jsonl"
    size = 3 * MAX_RECORD_BYTES
    with open(giant, "wb") as fh:
        fh.write(json.dumps(CUSTOMER).encode() + b"\n")
        fh.write(b'{"customerNo": "2", "name": "')
        chunk = b"x" * (1 << 20)
        for _ in range(size // len(chunk)):
            fh.write(chunk)
        fh.write(b'"}\n')
        fh.write(json.dumps({**CUSTOMER, "ssn": "12015641778"}).encode() + b"\n")
    _, _, _, baseline = _run("check", str(small), "--isolated")
    status, out, _, rss = _run("check", str(giant), "--isolated", "--format", "jsonl")
    assert status == 1
    findings = [json.loads(line) for line in out.splitlines()]
    assert [(f["line"], f["rule"]) for f in findings] == [
        (2, "input.too-large"),
        (3, "ssn.checksum"),
    ]
    assert rss - baseline < 24 * 1024, (baseline, rss)  # KiB: far below the 48 MiB line


def test_the_cli_on_a_line_over_the_validator_limit(tmp_path: Path) -> None:
    """Under the reader's 16 MiB record limit, over the validator's 1 MiB: a finding too."""
    path = tmp_path / "big.jsonl"
    path.write_text(
        json.dumps({**CUSTOMER, "name": "x" * (2 << 20)}) + "\n" + json.dumps(CUSTOMER) + "\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["check", str(path), "--isolated", "--format", "jsonl"])
    assert result.exit_code == 1
    findings = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(f["line"], f["rule"]) for f in findings] == [(1, "input.too-large")]


def test_the_cli_on_deep_nesting(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_bytes(b'{"customerNo": "1", "options": ' + b"[" * 500_000 + b"]" * 500_000 + b"}")
    result = CliRunner().invoke(cli, ["check", str(path), "--isolated", "--format", "jsonl"])
    assert result.exit_code == 1, result.stderr
    assert [json.loads(line)["rule"] for line in result.stdout.splitlines()] == ["input.too-deep"]


# -- regular expressions -------------------------------------------------------------------------


def test_every_regex_is_found() -> None:
    sys.path.insert(0, str(ROOT))
    from benchmarks import redos

    found = redos.collect()
    literal = redos.scan_source()
    assert len(literal) >= 10
    sources = {f.pattern.pattern for f in found}
    for _, source, _ in literal:  # the scan's patterns are all measured
        assert source in sources
    names = {f.where for f in found}
    assert "armvalidate.phones._norway()" in names  # built at run time from metadata
    assert any(f.methods != redos.METHODS for f in found)  # the methods the code uses


@pytest.mark.slow  # about 5 s; still run in CI
def test_every_regex_completes_on_its_worst_inputs() -> None:
    # 1,000 characters: a catastrophic (exponential) pattern never completes at this size
    # either, and how the time grows is the benchmark's to measure (benchmarks/redos.py, up to
    # 100,000). At 4,000 this test took 10 s here (26 s in CI), nearly all of it one
    # quadratic pattern: email-validator's DOMAIN_NAME_REGEX under `search`, which the code
    # applies to a domain of at most 253 characters.
    sys.path.insert(0, str(ROOT))
    from benchmarks import redos

    calls = 0
    for found in redos.collect():
        calls += redos.run_all(found, 1000)
    assert calls > 100
