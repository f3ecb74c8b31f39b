"""The installed ``armvalidate`` command, run as a user and a CI pipeline would."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "post-customer.request.json"
COMMAND = Path(sys.executable).with_name("armvalidate")

pytestmark = pytest.mark.skipif(not COMMAND.exists(), reason="the console script is not installed")


def armvalidate(
    *args: str, cwd: Path = ROOT, input: bytes | None = None
) -> subprocess.CompletedProcess[str]:
    raw = subprocess.run(
        [str(COMMAND), *args],
        cwd=cwd,
        input=input if input is not None else b"",
        capture_output=True,
        check=False,
        timeout=300,
    )
    result = subprocess.CompletedProcess(
        raw.args,
        raw.returncode,
        raw.stdout.decode("utf-8", "replace"),
        raw.stderr.decode("utf-8", "replace"),
    )
    assert "Traceback" not in result.stderr, result.stderr
    assert "Traceback" not in result.stdout
    return result


def test_the_readme_command_on_the_shipped_example() -> None:
    result = armvalidate("check", "examples/post-customer.request.json")
    assert result.returncode == 1
    assert "/customer/bankAccountNo account.format [error]" in result.stdout
    assert "/customer/secondaryPhoneNo phone.invalid [warning]" in result.stdout
    assert result.stdout.startswith("examples/post-customer.request.json:")


def test_version_and_help() -> None:
    assert armvalidate("--version").stdout.startswith("armvalidate ")
    help_text = armvalidate("check", "--help").stdout
    for option in ("--max-errors", "--valid-out", "--jobs", "--show-pii", "--format"):
        assert option in help_text


def _records(n: int) -> list[dict[str, object]]:
    base = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    rng = random.Random(5)
    out: list[dict[str, object]] = []
    for i in range(n):
        customer = dict(base["customer"])
        customer["customerNo"] = str(i)
        customer["bankAccountNo"] = rng.choice(["86011117947", "86011117948", "815013665841"])
        customer["phoneNo"] = rng.choice(["99887766", "997755332", "+47 22 33 44 55"])
        if i % 7 == 0:
            customer.pop("name")
        out.append({"metadata": base["metadata"], "customer": customer})
    return out


def test_jobs_2_output_is_identical_to_one_job(tmp_path: Path) -> None:
    path = tmp_path / "many.jsonl"
    lines = [json.dumps(r) for r in _records(2000)]
    lines[1234] = '{"customer": {"customerNo": broken'
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for fmt in ("json", "text"):
        one = armvalidate(
            "check", str(path), "--format", fmt, "--today", "2025-01-01", cwd=tmp_path
        )
        two = armvalidate(
            "check", str(path), "--format", fmt, "--today", "2025-01-01", "-j", "2", cwd=tmp_path
        )
        assert one.returncode == two.returncode == 1
        assert one.stdout == two.stdout
        if fmt == "json":
            doc = json.loads(one.stdout)
            assert doc["summary"]["records"] == 2000
            assert {f["line"] for f in doc["findings"] if f["rule"] == "schema.json"} == {1235}


def test_max_errors_with_jobs_is_identical_too(tmp_path: Path) -> None:
    path = tmp_path / "many.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in _records(800)), encoding="utf-8")
    args = ["check", str(path), "--format", "jsonl", "--today", "2025-01-01", "--max-errors", "300"]
    one = armvalidate(*args, cwd=tmp_path)
    two = armvalidate(*args, "--jobs", "2", cwd=tmp_path)
    assert one.stdout == two.stdout
    assert sum('"severity": "error"' in line for line in one.stdout.splitlines()) == 300
    assert "partial" in one.stderr


GARBAGE = {
    "binary.json": bytes(range(256)) * 8,
    "empty.json": b"",
    "empty.csv": b"",
    "truncated.json": EXAMPLE.read_bytes()[:333],
    "one-bad-line.jsonl": b'{"customerNo": "1", "name": "A"}\n{oops\n',
    "latin1.csv": b"customerNo,name\n1,Tr\xf8ndelag\n",
    "crlf-bom.jsonl": b'\xef\xbb\xbf{"customerNo": "1", "name": "A"}\r\n',
    "nul.jsonl": b'{"customerNo": "1\x00"}\n',
}


def test_garbage_input_never_gives_a_traceback(tmp_path: Path) -> None:
    for name, data in GARBAGE.items():
        (tmp_path / name).write_bytes(data)
    for fmt in ("text", "sarif"):
        result = armvalidate("check", *sorted(GARBAGE), "--format", fmt, cwd=tmp_path)
        assert result.returncode == 2  # binary.json is unreadable; the others are findings
        assert "binary.json" in result.stderr
    sarif = json.loads(result.stdout)
    files = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in sarif["runs"][0]["results"]
    }
    assert files == {  # (empty.json has no records: nothing to find, issue 17)
        "truncated.json",
        "one-bad-line.jsonl",
        "latin1.csv",
        "nul.jsonl",
    }
    for name in ("binary.json", "truncated.json", "latin1.csv"):
        stdin = armvalidate("check", "-", cwd=tmp_path, input=GARBAGE[name])
        assert stdin.returncode == (2 if name == "binary.json" else 1)


def test_exit_codes_of_the_real_command(tmp_path: Path) -> None:
    good = tmp_path / "good.jsonl"
    good.write_text('{"customerNo": "1", "name": "Kari"}\n', encoding="utf-8")
    assert armvalidate("check", "good.jsonl", cwd=tmp_path).returncode == 0
    assert armvalidate("check", "missing.json", cwd=tmp_path).returncode == 2
    binary = tmp_path / "x.json"
    binary.write_bytes(bytes(range(256)))
    unreadable = armvalidate("check", "x.json", cwd=tmp_path)
    assert unreadable.returncode == 2 and "x.json" in unreadable.stderr


def test_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    path = tmp_path / "many.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in _records(2000)), encoding="utf-8")
    with subprocess.Popen(
        [str(COMMAND), "check", str(path)],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.readline()
        proc.stdout.close()
        err = proc.stderr.read().decode("utf-8", "replace")
        proc.wait(timeout=120)
    assert "Traceback" not in err and "internal error" not in err


def test_pre_commit_hook_definition() -> None:
    text = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert "- id: armvalidate-check" in text
    assert "entry: armvalidate check" in text
    assert "language: python" in text
    assert "require_serial: true" in text  # the file selection: tests/test_precommit.py
