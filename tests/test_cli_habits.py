"""The command-line habits users expect: colour, quiet, statistics, --extend-select, excludes,
.gitignore, per-file ignores, config typos, --encoding, python -m, shell completion, progress."""

from __future__ import annotations

import importlib
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, ClassVar

import pytest
from click.testing import CliRunner

from armvalidate.cli import cli
from armvalidate.cli.progress import ByteCounter, CountingReader, Progress, input_size

BAD = '{"customerNo": "1", "name": "Kari", "ssn": "12015641778", "phoneNo": "997755332"}\n'
RED = "\x1b[1;31m"


def run(*args: str, env: dict[str, str] | None = None) -> Any:
    return CliRunner().invoke(cli, ["check", "--today", "2025-06-01", *args], env=env)


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    (tmp_path / "bad.jsonl").write_text(BAD, encoding="utf-8")
    return tmp_path


# -- colour ------------------------------------------------------------------------------------


def test_color_always_and_never(work: Path) -> None:
    assert RED + "[error]" in run("bad.jsonl", "--color", "always", "--isolated").stdout
    assert "\x1b[" not in run("bad.jsonl", "--color", "never", "--isolated").stdout


def test_color_auto_honours_no_color_and_force_color(work: Path) -> None:
    # not a terminal under the test runner: auto means no colour ...
    assert "\x1b[" not in run("bad.jsonl", "--isolated").stdout
    # ... unless FORCE_COLOR says so; NO_COLOR wins over it
    assert RED in run("bad.jsonl", "--isolated", env={"FORCE_COLOR": "1"}).stdout
    out = run("bad.jsonl", "--isolated", env={"FORCE_COLOR": "1", "NO_COLOR": "1"}).stdout
    assert "\x1b[" not in out
    # --color always beats NO_COLOR (an explicit option wins over the environment)
    assert RED in run("bad.jsonl", "--isolated", "--color", "always", env={"NO_COLOR": "1"}).stdout


def test_color_is_never_in_machine_formats(work: Path) -> None:
    out = run("bad.jsonl", "--isolated", "--color", "always", "--format", "json").stdout
    json.loads(out)
    assert "\x1b[" not in out


# -- quiet, statistics, extend-select --------------------------------------------------------


def test_quiet_prints_the_findings_only(work: Path) -> None:
    result = run("bad.jsonl", "--isolated", "-q")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "bad.jsonl:1: /ssn ssn.checksum [error] ssn: the second check digit (digit 11) is 8, "
        "expected 9",
        "bad.jsonl:1: /phoneNo phone.invalid [warning] phoneNo '997755332' is no valid phone "
        "number (region NO): wrong length: +47 numbers have 5 or 8 digits, this one has 9",
    ]


def test_statistics(work: Path) -> None:
    (work / "more.jsonl").write_text(BAD * 3, encoding="utf-8")
    result = run("bad.jsonl", "more.jsonl", "--isolated", "--statistics")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0].split()[:3] == ["4", "phone.invalid", "warning"]
    assert lines[1].split()[:3] == ["4", "ssn.checksum", "error"]
    assert "check digits are wrong" in lines[1]
    rows = json.loads(run("bad.jsonl", "--isolated", "--statistics", "--format", "json").stdout)
    assert {r["rule"]: r["count"] for r in rows} == {"phone.invalid": 1, "ssn.checksum": 1}
    assert run("bad.jsonl", "--statistics", "--format", "sarif").exit_code == 2


def test_extend_select_adds_to_the_configured_selection(work: Path) -> None:
    (work / "pyproject.toml").write_text('[tool.armvalidate]\nselect = ["ssn"]\n', "utf-8")
    assert "phone.invalid" not in run("bad.jsonl").stdout
    out = run("bad.jsonl", "--extend-select", "phone").stdout
    assert "phone.invalid" in out and "ssn.checksum" in out
    # --select replaces; --extend-select adds to it
    out = run("bad.jsonl", "--select", "phone", "--extend-select", "ssn.checksum").stdout
    assert "phone.invalid" in out and "ssn.checksum" in out


# -- file selection ----------------------------------------------------------------------------


def test_exclude_patterns(work: Path) -> None:
    (work / "data").mkdir()
    (work / "data" / "package.json").write_text('{"name": "x", "version": "1"}', "utf-8")
    (work / "data" / "kunder.jsonl").write_text(BAD, "utf-8")
    result = run("data", "--isolated", "--exclude", "package.json")
    assert "package.json" not in result.stdout and "kunder.jsonl" in result.stdout
    # explicit files are excluded too, and excluding everything is no error
    result = run("data/package.json", "--isolated", "--exclude", "package.json")
    assert result.exit_code == 0 and "excluded" in result.stderr
    # from the configuration as well
    (work / "pyproject.toml").write_text(
        '[tool.armvalidate]\nexclude = ["data/package.json"]\n', "utf-8"
    )
    assert "package.json" not in run("data").stdout


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_directory_walk_honours_gitignore(work: Path) -> None:
    subprocess.run(["git", "init", "-q", str(work)], check=True)
    (work / ".gitignore").write_text("node_modules/\nbuild-*.json\n", "utf-8")
    (work / "node_modules" / "pkg").mkdir(parents=True)
    (work / "node_modules" / "pkg" / "package.json").write_text('{"name": "x"}', "utf-8")
    (work / "build-1.json").write_text('{"name": "x"}', "utf-8")
    out = run(".", "--isolated").stdout
    assert "node_modules" not in out and "build-1.json" not in out
    assert "bad.jsonl" in out


def test_gitignore_without_git(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "")  # no git to ask: the .gitignore files are read directly
    (work / "sub").mkdir()
    (work / "sub" / ".gitignore").write_text("skip-*.jsonl\n", "utf-8")
    (work / "sub" / "skip-me.jsonl").write_text(BAD, "utf-8")
    (work / "sub" / "keep.jsonl").write_text(BAD, "utf-8")
    out = run("sub", "--isolated").stdout
    assert "skip-me" not in out and "keep.jsonl" in out


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_excludes_and_unreadable_paths_together(work: Path) -> None:
    # docs' selection (--exclude, .gitignore) and hostile's expansion (a missing path reported
    # in its place, a FIFO skipped and named, the rest still checked, exit 2) in one walk
    (work / "data").mkdir()
    (work / "data" / "kunder.jsonl").write_text(BAD, "utf-8")
    (work / "data" / "package.json").write_text('{"name": "x"}', "utf-8")
    os.mkfifo(work / "data" / "pipe.jsonl")
    os.mkfifo(work / "data" / "skipped-pipe.jsonl")
    result = run(
        "data", "missing.jsonl", "--isolated", "--exclude", "package.json",
        "--exclude", "skipped-*", "--format", "json",
    )  # fmt: skip
    assert result.exit_code == 2
    doc = json.loads(result.stdout)
    assert {f["file"] for f in doc["findings"]} == {"data/kunder.jsonl"}
    assert [u["file"] for u in doc["unreadable"]] == ["missing.jsonl"]
    assert "data/pipe.jsonl: not a regular file" in result.stderr
    assert "skipped-pipe" not in result.stderr  # excluded before it is looked at


def test_per_file_ignores_keep_the_fatal_rules(work: Path) -> None:
    (work / "legacy").mkdir()
    (work / "legacy" / "old.jsonl").write_text("{not json\n", "utf-8")
    (work / "pyproject.toml").write_text(
        '[tool.armvalidate.per-file-ignores]\n"legacy/*.jsonl" = ["schema"]\n', "utf-8"
    )
    result = run("legacy/old.jsonl")
    assert "schema.json" in result.stdout and result.exit_code == 1


def test_per_file_ignores(work: Path) -> None:
    (work / "legacy").mkdir()
    (work / "legacy" / "old.jsonl").write_text(BAD, "utf-8")
    (work / "pyproject.toml").write_text(
        '[tool.armvalidate.per-file-ignores]\n"legacy/*.jsonl" = ["phone", "ssn.checksum"]\n',
        "utf-8",
    )
    result = run("legacy/old.jsonl", "bad.jsonl")
    assert "legacy/old.jsonl" not in result.stdout  # both findings ignored there
    assert "bad.jsonl:1: /ssn ssn.checksum" in result.stdout  # but not elsewhere
    doc = json.loads(run("legacy/old.jsonl", "--format", "json").stdout)
    assert doc["summary"]["errors"] == 0 and doc["findings"] == []


# -- configuration errors ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        ('fromat = "json"', "unknown key 'fromat' in [tool.armvalidate] (did you mean 'format'?)"),
        ('ignroe = ["phone"]', "(did you mean 'ignore'?)"),
        ('[tool.armvalidate.per-file-ignores]\n"a/*" = ["phnoe"]', "did you mean 'phone'?"),
        ('encoding = "klingon"', "encoding must be a text encoding"),
        ('[tool.armvalidate.ssn]\naccept-kind = ["fnr"]', "did you mean 'accept-kinds'?"),
    ],
)
def test_config_typos_name_the_file_and_suggest(work: Path, table: str, expected: str) -> None:
    if not table.startswith("[tool"):
        table = "[tool.armvalidate]\n" + table
    (work / "pyproject.toml").write_text(table + "\n", "utf-8")
    result = run("bad.jsonl")
    assert result.exit_code == 2
    assert "pyproject.toml" in result.stderr and expected in result.stderr, result.stderr


# -- encodings -----------------------------------------------------------------------------------


def test_encoding_cp1252_csv_from_excel(work: Path) -> None:
    text = (
        "customerNo;name;postalAddress.postalCode;postalAddress.cityName\r\n"
        "1;Åse Bø;9008;Tromsø\r\n"
    )
    (work / "excel.csv").write_bytes(text.encode("cp1252"))
    refused = run("excel.csv", "--isolated")
    assert refused.exit_code != 0  # not UTF-8: each row is refused ...
    result = run("excel.csv", "--isolated", "--encoding", "cp1252")
    assert result.exit_code == 0, result.output  # ... and read right with --encoding
    assert "All checks passed" in result.stdout
    split = work / "ok.csv"
    run("excel.csv", "--isolated", "--encoding", "cp1252", "--valid-out", str(split))
    assert "Tromsø" in split.read_text("utf-8")  # split files are UTF-8
    assert run("excel.csv", "--encoding", "nope").exit_code == 2


# -- python -m, completion, progress ---------------------------------------------------------


def test_python_dash_m(work: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "armvalidate", "check", "bad.jsonl", "--isolated", "-q"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1 and "ssn.checksum" in done.stdout
    version = subprocess.run(
        [sys.executable, "-m", "armvalidate", "--version"], capture_output=True, text=True
    )
    assert version.stdout.startswith("armvalidate ")


def test_shell_completion_scripts() -> None:
    exe = shutil.which("armvalidate")
    if exe is None:
        pytest.skip("the armvalidate script is not installed")
    for shell in ("bash", "zsh", "fish"):
        done = subprocess.run(
            [exe],
            env={**os.environ, "_ARMVALIDATE_COMPLETE": f"{shell}_source"},
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0 and "armvalidate" in done.stdout, shell
    done = subprocess.run(
        [exe],
        env={
            **os.environ,
            "_ARMVALIDATE_COMPLETE": "bash_complete",
            "COMP_WORDS": "armvalidate check --for",
            "COMP_CWORD": "2",
        },
        capture_output=True,
        text=True,
        check=False,
    )
    assert "--format" in done.stdout


def test_progress_counts_bytes_and_knows_the_size(tmp_path: Path) -> None:
    a = tmp_path / "a.jsonl"
    a.write_text(BAD * 10, "utf-8")
    assert input_size([str(a), str(a)]) == 2 * a.stat().st_size
    assert input_size([str(a), "-"]) is None
    counter = ByteCounter()
    with a.open("rb") as fh:
        assert io.BufferedReader(CountingReader(fh, counter)).read() == a.read_bytes()
    assert counter.read == a.stat().st_size


def test_progress_shows_percentage_and_eta() -> None:
    from rich.console import Console

    counter = ByteCounter()
    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=120)
    progress = Progress(enabled=True, delay=0, total=1000, counter=counter, console=console)
    progress.description = "big.jsonl"
    counter.read = 500
    progress.update(64)
    task = progress._progress.tasks[0]
    assert task.total == 1000 and task.completed == 500 and task.percentage == 50
    progress._progress.refresh()
    shown = screen.getvalue()
    assert "big.jsonl" in shown and "50%" in shown and "64 records" in shown and "ETA" in shown
    progress.stop()


def test_no_progress_when_stderr_is_no_terminal() -> None:
    assert Progress().enabled is sys.stderr.isatty()


# -- the progress display of generate ---------------------------------------------------------


class _Stream(io.TextIOWrapper):
    """A stand-in for sys.stdout/sys.stderr that is a terminal or not."""

    def __init__(self, *, tty: bool) -> None:
        super().__init__(io.BytesIO(), encoding="utf-8", write_through=True)
        self._tty = tty

    def isatty(self) -> bool:
        return self._tty

    def data(self) -> bytes:
        self.flush()
        return self.buffer.getvalue()  # type: ignore[attr-defined, no-any-return]


class _Watched(Progress):
    """The command's progress display, drawn at once (no delay), keeping its last state."""

    last: ClassVar[dict[str, Any]] = {}

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**{**kwargs, "delay": 0})

    def stop(self) -> None:
        if self._progress is not None:
            task = self._progress.tasks[0]
            _Watched.last = {"total": task.total, "completed": task.completed, **task.fields}
            self._progress.refresh()
        super().stop()


def _generate(
    monkeypatch: pytest.MonkeyPatch, *args: str, stdout_tty: bool = False, stderr_tty: bool = True
) -> tuple[bytes, str]:
    """Run `armvalidate generate ARGS` with stdout and stderr as given: (stdout, stderr)."""
    # (the package's attribute `generate` is the click command, not the module)
    command = importlib.import_module("armvalidate.cli.generate")
    out, err = _Stream(tty=stdout_tty), _Stream(tty=stderr_tty)
    _Watched.last = {}
    monkeypatch.setattr(command, "Progress", _Watched)
    with monkeypatch.context() as streams:
        streams.setattr(sys, "stdout", out)
        streams.setattr(sys, "stderr", err)
        cli.main(["generate", *args], standalone_mode=False)
    return out.data(), err.data().decode("utf-8")


def test_generate_shows_progress_with_percentage_and_eta(
    work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, shown = _generate(monkeypatch, "--count", "192", "--seed", "5", "-o", "f.jsonl")
    assert "generating" in shown and "fixtures" in shown and "ETA" in shown
    assert "%" in shown and "\x1b[" in shown  # drawn for a terminal
    assert _Watched.last == {"total": 192, "completed": 192, "records": 192}
    plain = CliRunner().invoke(cli, ["generate", "--count", "192", "--seed", "5", "-o", "g.jsonl"])
    assert plain.exit_code == 0 and plain.stderr == ""  # not a terminal: no progress
    assert (work / "f.jsonl").read_bytes() == (work / "g.jsonl").read_bytes()


def test_generate_progress_counts_both_passes_of_invalid_csv(
    work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    args = ("--count", "128", "--seed", "2", "--invalid-ratio", "0.5", "--format", "csv")
    _generate(monkeypatch, *args, "-o", "f.csv")
    assert _Watched.last["total"] == 256 and _Watched.last["completed"] == 256


def test_generate_progress_never_enters_piped_stdout(
    work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`-o -` into a pipe, stderr a terminal: the fixtures on stdout are exactly the file's."""
    args = ("--count", "192", "--seed", "7", "--format", "json")
    stdout, shown = _generate(monkeypatch, *args, "-o", "-")
    assert "ETA" in shown and _Watched.last["completed"] == 192
    assert not Path("-").exists()  # `-` is stdout, not a file named "-"
    CliRunner().invoke(cli, ["generate", *args, "-o", "f.json"])
    assert stdout == (work / "f.json").read_bytes()
    assert b"\x1b" not in stdout and b"ETA" not in stdout


@pytest.mark.parametrize(
    ("args", "stdout_tty"),
    [
        (("-q", "-o", "f.jsonl"), False),  # --quiet
        (("--quiet",), False),
        ((), True),  # the fixtures go to the terminal itself
        (("-o", "-"), True),
    ],
)
def test_generate_progress_is_off_when_quiet_or_the_fixtures_are_on_the_terminal(
    work: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...], stdout_tty: bool
) -> None:
    _, shown = _generate(monkeypatch, "--count", "128", *args, stdout_tty=stdout_tty)
    assert shown == "" and _Watched.last == {}


def test_generate_quiet_drops_the_csv_note(work: Path) -> None:
    args = ["generate", "--count", "200", "--seed", "1", "--invalid-ratio", "0.5"]
    args += ["--format", "csv", "-o", "f.csv"]
    loud = CliRunner().invoke(cli, args)
    assert loud.exit_code == 0 and "read back from CSV differently" in loud.stderr
    quiet = CliRunner().invoke(cli, [*args, "-q"])
    assert quiet.exit_code == 0 and quiet.stderr == ""
