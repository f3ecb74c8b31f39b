"""Fuzzing the command line: any file, any format, any option file; never a traceback.

Every input ends in exit status 0 (no errors), 1 (errors found) or 2 (unreadable input or a
usage error), with findings on stdout in the chosen format (well-formed JSON, SARIF, JUnit XML)
and no ``Traceback`` and no ``internal error`` anywhere. Through click's ``CliRunner`` for
speed, and a few real processes for what only a real process shows.
"""

from __future__ import annotations

import codecs
import json
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from armvalidate.cli import cli

FORMATS = ["text", "json", "jsonl", "sarif", "junit", "github"]
FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def strict_json(text: str) -> Any:
    """Parse ``text`` as standard JSON: NaN and Infinity are refused."""
    return json.loads(text, parse_constant=_no_constants)


def check_output(fmt: str, out: str) -> None:
    """The findings are well-formed in their format."""
    if fmt in ("json", "sarif"):
        doc = strict_json(out)
        assert isinstance(doc, dict)
    elif fmt == "jsonl":
        for line in out.splitlines():
            strict_json(line)
    elif fmt == "junit":
        ET.fromstring(out)
    elif fmt == "github":
        for line in out.splitlines():
            assert line.startswith("::"), line


def invoke(args: list[str], input: bytes | None = None) -> Result:
    result = CliRunner().invoke(cli, args, input=input, catch_exceptions=True)
    shown = result.output + result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in shown
    assert "internal error" not in shown, result.stderr
    assert result.exit_code in (0, 1, 2), (result.exit_code, result.stderr)
    return result


def check(path: Path | str, fmt: str = "text", *more: str, input: bytes | None = None) -> Result:
    args = ["check", str(path), "--isolated", "--today", "2026-01-01", "--format", fmt, *more]
    result = invoke(args, input)
    if result.exit_code != 2 or result.stdout:
        check_output(fmt, result.stdout)
    if result.exit_code == 2:
        assert result.stderr.strip(), "exit 2 without a word on stderr"
    return result


# -- strategies ----------------------------------------------------------------------------------

SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=10)
    | st.sampled_from(["12015641779", "81501366584", "=1+1", "\ud800", "a\r\nb", "\x00"])
)
KEYS = st.sampled_from(
    ["customerNo", "name", "ssn", "customer", "metadata", "customers"]
) | st.text(max_size=5)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(KEYS, inner, max_size=5),
    max_leaves=15,
)


@st.composite
def files(draw: st.DrawFn) -> bytes:
    kind = draw(st.integers(0, 4))
    if kind == 0:
        return draw(st.binary(max_size=200))
    if kind == 1:  # CSV
        rows = draw(st.lists(st.lists(st.text(max_size=8), max_size=4), max_size=4))
        header = draw(st.sampled_from(["customerNo,name,ssn", "customerNo;name", "a,a", "x"]))
        text = header + "\r\n" + "\r\n".join(",".join(r) for r in rows)
        return text.encode("utf-8", "surrogatepass")
    values = draw(st.lists(VALUES, max_size=4))
    texts = []
    for value in values:
        try:
            texts.append(json.dumps(value))
        except ValueError:
            texts.append("1" + "0" * 5000)
    if kind == 2:
        text = "\n".join(texts)
    elif kind == 3:
        text = "[" + ",\r\n".join(texts) + "]"
    else:
        text = texts[0] if texts else ""
    data = text.encode("utf-8", "surrogatepass")
    if draw(st.booleans()):
        data = draw(st.sampled_from([codecs.BOM_UTF8, codecs.BOM_UTF16_LE, b""])) + data
    if data and draw(st.booleans()):
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.sampled_from([b"\x00", b"\xff", b"\r", b"]"])) + data[at:]
    return data


# -- Hypothesis ----------------------------------------------------------------------------------


@FUZZ
@given(
    data=files(),
    ext=st.sampled_from([".json", ".jsonl", ".csv", ".txt", ".ndjson"]),
    fmt=st.sampled_from(FORMATS),
    pii=st.sampled_from([[], ["--show-pii"]]),
    operation=st.sampled_from(["create", "update"]),
)
def test_any_file(
    tmp_path_factory: pytest.TempPathFactory,
    data: bytes,
    ext: str,
    fmt: str,
    pii: list[str],
    operation: str,
) -> None:
    path = tmp_path_factory.mktemp("in") / f"input{ext}"
    path.write_bytes(data)
    check(path, fmt, "--operation", operation, *pii)


@FUZZ
@given(
    data=files(),
    fmt=st.sampled_from(FORMATS),
    forced=st.sampled_from([[], ["--input-format", "json"], ["--input-format", "jsonl"],
                            ["--input-format", "csv"], ["--stdin-filename", "x.csv"]]),
)  # fmt: skip
def test_any_stdin(data: bytes, fmt: str, forced: list[str]) -> None:
    check("-", fmt, *forced, input=data)


@settings(FUZZ, max_examples=40)
@given(data=files(), ext=st.sampled_from([".json", ".jsonl", ".csv"]), sanitize=st.booleans())
def test_any_file_split(
    tmp_path_factory: pytest.TempPathFactory, data: bytes, ext: str, sanitize: bool
) -> None:
    where = tmp_path_factory.mktemp("split")
    path = where / f"input{ext}"
    path.write_bytes(data)
    out_ext = ".csv" if ext == ".csv" else ".jsonl"
    extra = ["--valid-out", str(where / f"valid{out_ext}"), "--invalid-out"]
    extra.append(str(where / f"invalid{out_ext}"))
    if sanitize:
        extra.append("--sanitize")
    check(path, "json", *extra)
    for name in (f"valid{out_ext}", f"invalid{out_ext}"):
        if (where / name).exists():  # what the tool writes, it reads again
            check(where / name, "json")


TOML_BITS = st.sampled_from(
    ['base = "test"', 'base = "nope"', "select = []", 'select = ["ssn"]', 'ignore = ["x.y"]',
     "max-bytes = -1", "max-bytes = 1", "max-depth = 0", "max-depth = 100000", 'max-depth = "a"',
     "[severity]", '"ssn.checksum" = "warning"', '"ssn.checksum" = 3', "[code-lists]",
     'currency = ["NOK"]', "customerCategory = []", "[max-lengths]", "name = 0", "name = -5",
     "[tool.armvalidate]", 'format = "sarif"', 'format = "nope"', "jobs = -1", "strict = 1",
     "max-errors = 0", 'operation = "delete"', "[[x]]", "= broken", '"\\ud800" = 1']
)  # fmt: skip


@FUZZ
@given(
    lines=st.lists(TOML_BITS | st.text(max_size=20), max_size=8),
    raw=st.binary(max_size=40),
    how=st.sampled_from(["--profile", "--config"]),
)
def test_any_profile_or_config_file(
    tmp_path_factory: pytest.TempPathFactory, lines: list[str], raw: bytes, how: str
) -> None:
    where = tmp_path_factory.mktemp("cfg")
    profile = where / "profile.toml"
    profile.write_bytes("\n".join(lines).encode("utf-8", "surrogatepass") + raw)
    data = where / "in.jsonl"
    data.write_bytes(b'{"customerNo": "1", "name": "K", "ssn": "12015641778"}\n')
    args = ["check", str(data), "--today", "2026-01-01", how, str(profile)]
    result = invoke(args)
    if result.exit_code == 2:
        assert result.stderr.strip()


@settings(FUZZ, max_examples=30)
@given(
    args=st.lists(
        st.sampled_from(
            ["--format", "--max-errors", "0", "-1", "--jobs", "--today", "2026-02-30", "x",
             "--select", "--ignore", "ssn", "--strict", "--exit-zero", "--operation", "-o", "",
             "--valid-out", "--sanitize", "--input-format", "\x00", "--profile", "-"]
        ) | st.text(max_size=6),
        max_size=6,
    )
)  # fmt: skip
def test_any_command_line(args: list[str]) -> None:
    here = os.getcwd()
    with tempfile.TemporaryDirectory() as where:  # (an output named by the fuzzer lands there)
        os.chdir(where)
        try:
            invoke(["check", *args], input=b'{"customerNo": "1"}')
        finally:
            os.chdir(here)


# -- real processes ------------------------------------------------------------------------------


def run(*args: str, input: bytes | None = None, cwd: Path | None = None) -> Any:
    env = dict(os.environ)
    env.pop("ARMVALIDATE_DEBUG", None)
    code = "import sys; from armvalidate.cli import main; sys.exit(main())"
    proc = subprocess.run(
        [sys.executable, "-c", code, *args],
        input=input,
        capture_output=True,
        env=env,
        cwd=cwd,
        timeout=120,
        check=False,
    )
    stderr = proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in stderr, stderr
    assert "internal error" not in stderr, stderr
    assert proc.returncode in (0, 1, 2), (proc.returncode, stderr)
    return proc


def test_process_binary_and_garbage(tmp_path: Path) -> None:
    png = tmp_path / "image.json"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    proc = run("check", str(png), "--isolated")
    assert proc.returncode == 2
    assert b"image.json" in proc.stderr
    proc = run("check", "-", "--isolated", "--format", "sarif", input=os.urandom(4096))
    if proc.stdout:
        strict_json(proc.stdout.decode())


def test_process_deep_nesting_and_huge_numbers(tmp_path: Path) -> None:
    path = tmp_path / "deep.jsonl"
    path.write_bytes(
        b"[" * 200_000 + b"\n" + b'{"customerNo": 1' + b"0" * 10_000 + b"}\n"
        b'{"customerNo": "1", "name": "K", "limitAmount": NaN}\n'
    )
    proc = run("check", str(path), "--isolated", "--format", "json")
    assert proc.returncode == 1
    doc = strict_json(proc.stdout.decode())
    assert {f["rule"] for f in doc["findings"]} >= {"schema.json", "number.not-finite"}


def test_process_stdout_closed_early(tmp_path: Path) -> None:
    path = tmp_path / "many.jsonl"
    path.write_bytes(b'{"customerNo": "1", "ssn": "12015641778"}\n' * 20_000)
    code = "import sys; from armvalidate.cli import main; sys.exit(main())"
    shell = f'"{sys.executable}" -c "{code}" check "{path}" --isolated | head -n 1'
    proc = subprocess.run(
        ["bash", "-o", "pipefail", "-c", shell], capture_output=True, timeout=120, check=False
    )
    assert b"Traceback" not in proc.stderr, proc.stderr
    assert proc.stdout.count(b"\n") == 1


def test_unwritable_output(tmp_path: Path) -> None:
    data = tmp_path / "in.json"
    data.write_bytes(b'{"customerNo": "1", "name": "K"}')
    for option in ("-o", "--valid-out", "--invalid-out"):
        result = invoke(["check", str(data), "--isolated", option, str(tmp_path / "no" / "x")])
        assert result.exit_code == 2
        result = invoke(["check", str(data), "--isolated", option, str(data)])
        assert result.exit_code == 2
    assert data.read_bytes() == b'{"customerNo": "1", "name": "K"}'
    assert invoke(["check", str(tmp_path / "missing.json"), "--isolated"]).exit_code == 2
    proc = run("check", str(data), "--isolated", "-o", str(tmp_path / "no" / "x"))
    assert proc.returncode == 2


def test_process_unreadable_input(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        directory = tmp_path / "dir.json"
        directory.mkdir()
        (directory / "x.json").write_bytes(b"{}")
        proc = run("check", str(directory / "x.json" / "y"), "--isolated")
    else:  # pragma: no cover - not root
        path = tmp_path / "secret.json"
        path.write_bytes(b"{}")
        path.chmod(0)
        proc = run("check", str(path), "--isolated")
    assert proc.returncode == 2
