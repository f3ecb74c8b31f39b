"""The second round of hostile input (issue 17: nothing lost, nothing leaked).

Each test is one case the hostile tester reproduced: it failed before the fix. Tests that run
the command do so in a subprocess through ``armvalidate.cli.main`` of the importable package
(``sys.executable -c``), so they check whatever ``armvalidate`` is on the path.
"""

from __future__ import annotations

import contextlib
import io
import itertools
import json
import os
import re
import resource
import signal
import subprocess
import sys
import time
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from stdnum.no import fodselsnummer as stdnum_fnr

import armvalidate.files.records as file_records
from armvalidate import validate_customer
from armvalidate.cli import cli, main
from armvalidate.cli.engine import csv_column
from armvalidate.files import InputError, Record, read_records

SSN = "12015641779"  # the docs' example (valid)
SSN_BAD = "12015641778"  # wrong check digit
TODAY = "2026-01-01"
CMD = [sys.executable, "-c", "import sys; from armvalidate.cli import main; sys.exit(main())"]


def run(
    *args: str,
    cwd: Path,
    stdin: Any = subprocess.DEVNULL,
    timeout: float = 120,
    **kw: Any,
) -> subprocess.CompletedProcess[str]:
    raw = subprocess.run(
        [*CMD, *args],
        cwd=cwd,
        stdin=stdin,
        capture_output=True,
        check=False,
        timeout=timeout,
        **kw,
    )
    out = subprocess.CompletedProcess(
        raw.args,
        raw.returncode,
        raw.stdout.decode("utf-8", "replace"),
        raw.stderr.decode("utf-8", "replace"),
    )
    assert "Traceback" not in out.stderr, out.stderr
    return out


def records(data: bytes, name: str, **kw: Any) -> list[Record]:
    return list(read_records(io.BytesIO(data), name, **kw))


def customer(no: str, **extra: Any) -> dict[str, Any]:
    return {"customerNo": no, "name": "Kari Nordmann", **extra}


# -- data loss -------------------------------------------------------------------------------


def test_an_oversized_array_element_does_not_end_the_array(monkeypatch: Any) -> None:
    monkeypatch.setattr(file_records, "MAX_RECORD_BYTES", 1 << 20)
    big = json.dumps(customer("1", name="A" * (3 << 20)))
    data = f"[{big}, {json.dumps(customer('2', ssn=SSN_BAD))},\n {json.dumps(customer('3'))}]"
    got = records(data.encode(), "in.json")
    assert [r.index for r in got] == [1, 2, 3]
    assert got[0].problem is not None and got[0].problem.rule == "input.too-large"
    assert [json.loads(r.payload)["customerNo"] for r in got[1:]] == ["2", "3"]
    assert got[2].line == 2


@pytest.mark.parametrize(
    "element",
    [
        '"' + "x" * (2 << 20) + '"',  # a huge string
        "[" + ",".join(['"a\\"]}"'] * 300_000) + "]",  # brackets and escapes inside strings
        "1" * (2 << 20),  # a huge number
    ],
)
def test_an_oversized_element_of_any_kind_is_skipped_exactly(
    monkeypatch: Any, element: str
) -> None:
    monkeypatch.setattr(file_records, "MAX_RECORD_BYTES", 1 << 20)
    data = f'[{element} , {{"customerNo": "2"}}]'
    got = records(data.encode(), "in.json")
    assert len(got) == 2 and got[0].problem is not None
    assert got[1].problem is None and json.loads(got[1].payload) == {"customerNo": "2"}


def test_an_oversized_array_element_in_the_command(tmp_path: Path) -> None:
    """The reported case with the real limit: records 2 and 3 are checked, the bad ssn found."""
    big = json.dumps(customer("1", name="A" * (17 << 20)))
    body = f"[{big}, {json.dumps(customer('2', ssn=SSN_BAD))}, {json.dumps(customer('3'))}]"
    (tmp_path / "in.json").write_text(body)
    out = run(
        "check", "in.json", "--today", TODAY, "--format", "json", "--valid-out", "v.jsonl",
        "--invalid-out", "i.jsonl", cwd=tmp_path,
    )  # fmt: skip
    report = json.loads(out.stdout)
    assert report["summary"]["records"] == 3
    rules = {(f["record"], f["rule"]) for f in report["findings"]}
    assert (1, "input.too-large") in rules and (2, "ssn.checksum") in rules
    valid = (tmp_path / "v.jsonl").read_text().splitlines()
    invalid = (tmp_path / "i.jsonl").read_text().splitlines()
    assert [json.loads(line)["customerNo"] for line in valid] == ["3"]
    assert [json.loads(line)["customerNo"] for line in invalid] == ["2"]
    assert "left out" in out.stderr  # the too-large record, said on the log


def _phantom_csv(cell_size: int, closed: bool = True) -> bytes:
    cell = "A" * cell_size + "\n9,Phantom Person,injected\n"
    return (
        "customerNo,name,customerMessage\r\n"
        + f'1,Kari Nordmann,"{cell}{chr(34) if closed else ""}\r\n'
        + "2,Ola Nordmann,hello\r\n"
    ).encode()


def test_an_oversized_quoted_csv_cell_makes_no_phantom_rows() -> None:
    got = records(_phantom_csv(17 << 20), "in.csv")
    assert len(got) == 2
    assert got[0].problem is not None and got[0].problem.rule == "input.too-large"
    assert got[1].payload == {"customerNo": "2", "name": "Ola Nordmann", "customerMessage": "hello"}
    assert got[1].row == 3


def test_an_unclosed_quote_is_one_finding_not_a_record_per_line() -> None:
    data = b'customerNo,name\r\n1,"' + b"x\n" * 600_000  # 1.2 MB, no closing quote
    got = records(data, "in.csv")
    assert len(got) == 1 and got[0].problem is not None


def test_a_csv_that_ends_inside_an_open_quote_is_a_finding() -> None:
    got = records(b'customerNo,name\r\n1,"Kari\r\n2,Ola\r\n', "in.csv")
    assert len(got) == 1
    assert got[0].problem is not None and "quote" in got[0].problem.message


def test_the_phantom_row_never_reaches_the_valid_file(tmp_path: Path) -> None:
    (tmp_path / "in.csv").write_bytes(_phantom_csv(2 << 20))
    out = run(
        "check", "in.csv", "--valid-out", "v.csv", "--invalid-out", "i.csv", "--today", TODAY,
        cwd=tmp_path,
    )  # fmt: skip
    valid = (tmp_path / "v.csv").read_bytes()
    assert b"Phantom" not in valid and b"Ola Nordmann" in valid
    assert valid.count(b"\r\n") == 2  # the header and row 3
    assert (tmp_path / "i.csv").read_bytes() == b"customerNo,name,customerMessage\r\n"  # no blank
    assert "input.too-large" in out.stdout and "left out" in out.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("--valid-out", "v.jsonl", "--invalid-out", "v.jsonl"),
        ("--valid-out", "v.jsonl", "--invalid-out", "./sub/../v.jsonl"),
        ("-o", "out.txt", "--valid-out", "out.txt"),
        ("-o", "-", "--invalid-out", "-"),
        ("--valid-out", "-"),  # the findings go to stdout too
    ],
)
def test_outputs_that_name_the_same_file_are_refused(tmp_path: Path, args: tuple[str, ...]) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "in.jsonl").write_text(json.dumps(customer("1")) + "\n")
    out = run("check", "in.jsonl", *args, cwd=tmp_path)
    assert out.returncode == 2
    assert "both write to" in out.stderr
    assert not (tmp_path / "v.jsonl").exists() and not (tmp_path / "out.txt").exists()


def test_dash_means_stdout_for_every_output(tmp_path: Path) -> None:
    (tmp_path / "in.jsonl").write_text(
        json.dumps(customer("1")) + "\n" + json.dumps(customer("2", ssn=SSN_BAD)) + "\n"
    )
    out = run("check", "in.jsonl", "-o", "-", "--today", TODAY, cwd=tmp_path)
    assert "ssn.checksum" in out.stdout
    out = run(
        "check", "in.jsonl", "-o", "f.txt", "--valid-out", "-", "--today", TODAY, cwd=tmp_path
    )
    assert [json.loads(line)["customerNo"] for line in out.stdout.splitlines()] == ["1"]
    out = run(
        "check", "in.jsonl", "-o", "f.txt", "--invalid-out", "-", "--today", TODAY, cwd=tmp_path
    )
    assert [json.loads(line)["customerNo"] for line in out.stdout.splitlines()] == ["2"]
    assert not (tmp_path / "-").exists()


def _limit_file_size(limit: int) -> Any:
    def limit_it() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return limit_it


def _many(tmp_path: Path, n: int = 3000) -> None:
    lines = [json.dumps(customer(str(i), ssn=SSN_BAD if i % 2 else SSN)) for i in range(n)]
    (tmp_path / "in.jsonl").write_text("\n".join(lines) + "\n")


@pytest.mark.parametrize("fmt", ["json", "sarif", "text"])
def test_a_failed_write_leaves_no_file_that_looks_complete(tmp_path: Path, fmt: str) -> None:
    """A full disk (here: a file size limit, the same failed write): a plain message, exit 2,
    and no output file at all, neither under its name nor as a temporary file."""
    _many(tmp_path)
    out = run(
        "check", "in.jsonl", "--format", fmt, "-o", "out", "--valid-out", "v.jsonl",
        "--invalid-out", "i.jsonl", "--today", TODAY,
        cwd=tmp_path, preexec_fn=_limit_file_size(100_000),
    )  # fmt: skip
    assert out.returncode == 2
    assert "internal error" not in out.stderr and "cannot write" in out.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl"]


def test_a_full_device_is_a_plain_message(tmp_path: Path) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full")
    _many(tmp_path, 300)
    out = run("check", "in.jsonl", "-o", "/dev/full", cwd=tmp_path)
    assert out.returncode == 2
    assert "no space left" in out.stderr and "internal error" not in out.stderr


def test_sigterm_leaves_no_partial_outputs(tmp_path: Path) -> None:
    proc = subprocess.Popen(
        [*CMD, "check", "-", "--stdin-filename", "in.jsonl", "--format", "json",
         "-o", "out.json", "--valid-out", "v.jsonl", "--invalid-out", "i.jsonl"],
        cwd=tmp_path, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    assert proc.stdin is not None
    proc.stdin.write((json.dumps(customer("1")) + "\n").encode() * 2000)
    proc.stdin.flush()
    deadline = time.monotonic() + 60
    while len(list(tmp_path.iterdir())) < 3 and time.monotonic() < deadline:
        time.sleep(0.05)  # (the outputs are open: the run has started)
    time.sleep(0.5)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode in (143, -signal.SIGTERM)
    assert b"Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_closed_stdout_and_stdin_are_plain_messages(tmp_path: Path) -> None:
    (tmp_path / "in.jsonl").write_text(json.dumps(customer("1")) + "\n")
    closed = run("check", "in.jsonl", cwd=tmp_path, stdout=None, pass_fds=(), close_fds=True,
                 preexec_fn=lambda: os.close(1))  # fmt: skip
    assert closed.returncode == 2 and "stdout is closed" in closed.stderr
    no_stdin = run("check", "-", "-o", "f.txt", cwd=tmp_path, preexec_fn=lambda: os.close(0))
    assert no_stdin.returncode == 2 and "internal error" not in no_stdin.stderr


# -- resource exhaustion ---------------------------------------------------------------------


def test_csv_rows_are_held_to_the_record_limit() -> None:
    data = (
        f"customerNo,name,customerMessage\r\n1,Kari,{'x' * (2 << 20)}\r\n2,Ola,hello\r\n"
    ).encode()
    got = records(data, "in.csv")
    assert got[0].problem is not None and got[0].problem.rule == "input.too-large"
    assert got[1].payload == {"customerNo": "2", "name": "Ola", "customerMessage": "hello"}
    assert records(data, "in.csv", max_row_bytes=4 << 20)[0].problem is None


def test_a_list_cell_of_many_entries_is_one_finding() -> None:
    data = f"customerNo,name,emailAddressDocument\r\n1,Kari,{';' * 100_000}\r\n2,Ola,\r\n"
    got = records(data.encode(), "in.csv")
    assert got[0].problem is not None and got[0].problem.rule == "input.too-large"
    assert "entries" in got[0].problem.message
    assert got[1].problem is None


def test_a_list_cell_of_many_entries_in_the_command(tmp_path: Path) -> None:
    (tmp_path / "in.csv").write_text(
        "customerNo,name,emailAddressDocument\r\n" + f"1,Kari,{'x;' * 5000}\r\n"
    )
    out = run("check", "in.csv", "--format", "jsonl", cwd=tmp_path)
    assert len(out.stdout.splitlines()) == 1


class _CountingStr(str):
    hashes = 0

    def __hash__(self) -> int:
        _CountingStr.hashes += 1
        return super().__hash__()


def test_a_wide_header_is_not_hashed_per_finding() -> None:
    """Wide CSV was quadratic: every finding hashed the whole header (80k columns: 17 s)."""
    header = tuple(_CountingStr(f"unknown{i}") for i in range(2000))
    _CountingStr.hashes = 0
    for i in range(200):
        csv_column(f"/unknown{i}", header, False)
    assert _CountingStr.hashes < 3 * len(header)


def test_a_fifo_in_a_directory_is_skipped_not_waited_for(tmp_path: Path) -> None:
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "a.jsonl").write_text(json.dumps(customer("1")) + "\n")
    os.mkfifo(tmp_path / "d" / "b.json")
    out = run("check", "d", cwd=tmp_path, timeout=60)
    assert out.returncode == 0
    assert "b.json" in out.stderr and "not a regular file" in out.stderr


# -- leaks of personal numbers ---------------------------------------------------------------

_INVISIBLE = ("\u200b", "\u2060", "\u00ad", "\u0301", "\ufeff", "\u200d")
_SEPARATORS = ("_", "/", ",", ":", "+", "'", "   ", "x", "\\n", " - ")


def _normalised_digits(text: str) -> str:
    """The text as a reader would read it: NFKC, invisible characters gone, every digit as
    ASCII, everything else kept (as separators)."""
    out = []
    for ch in unicodedata.normalize("NFKC", text):
        if unicodedata.category(ch) in ("Cf", "Mn", "Me", "Mc"):
            continue
        d = unicodedata.decimal(ch, None)
        out.append(str(d) if d is not None else ch)
    return "".join(out)


def recoverable(text: str) -> set[str]:
    """Valid fødselsnumre (by python-stdnum) that a reader can put together from ``text``:
    eleven digits with at most a few characters (any) between neighbours."""
    norm = _normalised_digits(text.replace("\\n", " ").replace("\\u", " u"))
    found = set()
    digits = [(m.start(), m.group()) for m in re.finditer(r"[0-9]", norm)]
    for i in range(len(digits) - 10):
        window = digits[i : i + 11]
        if all(b[0] - a[0] <= 4 for a, b in itertools.pairwise(window)):
            number = "".join(d for _, d in window)
            if stdnum_fnr.is_valid(number):
                found.add(number)
    return found


def _disguised(number: str) -> Iterator[str]:
    for sep in _INVISIBLE + _SEPARATORS:
        yield number[:4] + sep + number[4:6] + sep + number[6:]
    yield "".join(chr(0xFF10 + int(d)) for d in number)  # fullwidth
    yield "".join(chr(0x0660 + int(d)) for d in number)  # Arabic-Indic
    yield "".join(d + "\u200b" for d in number)


@pytest.mark.parametrize("fmt", ["text", "json", "jsonl", "sarif", "github", "junit"])
def test_no_disguised_personal_number_survives_in_any_format(tmp_path: Path, fmt: str) -> None:
    lines = []
    for i, shown in enumerate(_disguised(SSN)):
        lines.append(
            json.dumps(
                {
                    "customerNo": str(i),
                    "name": "Kari",
                    f"x{shown}": 1,  # an unknown key
                    "phoneNo": shown,
                    "emailAddressDocument": [f"{shown}@", shown],
                    "languageCode": shown,
                    "currencyCode": shown,
                    "postalAddress": {"countryCode": shown, f"k{shown}": "v"},
                },
                ensure_ascii=False,
            )
        )
    (tmp_path / "in.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = run("check", "in.jsonl", "--format", fmt, "--today", TODAY, cwd=tmp_path)
    assert out.returncode == 1
    assert recoverable(out.stdout) == set(), out.stdout[:2000]
    assert recoverable(out.stderr) == set()


def test_the_scrub_masks_what_a_reader_can_normalise() -> None:
    from armvalidate.masking import scrub

    for shown in _disguised(SSN):
        assert recoverable(scrub(f"key {shown} here")) == set(), shown


def _candidates(shown: str, number_shown: str) -> int:
    """How many fødselsnumre fit what ``shown`` (one record's output) tells about a person whose
    number is shown masked as ``number_shown``: the visible digits, and a birth date or year
    printed next to it (a full date fixes the first six digits, a year the fifth and sixth)."""
    visible = {i: ch for i, ch in enumerate(number_shown) if ch.isdigit()}
    dates = set(re.findall(r"\b(19[0-9]{2})-([0-9]{2})-([0-9]{2})\b", shown))
    years = set(re.findall(r"\b(19[0-9]{2})\b", shown))
    count = 0
    for month in range(1, 13):
        for day in range(1, 32):
            for year in years or {str(y) for y in range(1900, 2000)}:
                if dates and (year, f"{month:02}", f"{day:02}") not in dates:
                    continue
                for individual in itertools.chain(range(0, 500), range(900, 1000)):
                    base = f"{day:02}{month:02}{year[2:]}{individual:03}"
                    try:
                        k1 = stdnum_fnr.calc_check_digit1(base)
                        k2 = stdnum_fnr.calc_check_digit2(base + k1)
                    except Exception:
                        continue
                    number = base + k1 + k2
                    if len(number) != 11 or any(number[i] != c for i, c in visible.items()):
                        continue
                    if stdnum_fnr.is_valid(number):
                        count += 1
    return count


def test_what_one_record_shows_leaves_a_thousand_candidates(tmp_path: Path) -> None:
    record = customer(
        "1", ssn="120156 41779", dateOfBirth="1956-01-12", yearOfBirth=1958, dueDays=10
    )
    (tmp_path / "in.jsonl").write_text(json.dumps(record) + "\n")
    out = run("check", "in.jsonl", "--today", TODAY, "--format", "json", cwd=tmp_path)
    masked = re.findall(r"\*+[0-9]{0,2}", out.stdout)
    assert masked, out.stdout
    shown_number = max(masked, key=len).rjust(11, "*")[-11:]
    assert _candidates(out.stdout, shown_number) >= 1000, out.stdout


def test_a_file_name_with_a_personal_number_is_masked(tmp_path: Path) -> None:
    name = f"kunde-{SSN}.jsonl"
    (tmp_path / name).write_text(json.dumps(customer("1", ssn=SSN_BAD)) + "\n")
    for fmt in ("text", "json", "sarif", "junit", "github", "jsonl"):
        out = run("check", name, "--format", fmt, cwd=tmp_path)
        assert SSN not in out.stdout and SSN not in out.stderr, fmt
        assert "kunde-" in out.stdout
    out = run("check", name, "--show-pii", cwd=tmp_path)
    assert SSN in out.stdout


# -- exit codes and messages -----------------------------------------------------------------


def test_an_unreadable_subdirectory_is_an_unreadable_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "d" / "locked").mkdir(parents=True)
    (tmp_path / "d" / "a.jsonl").write_text(json.dumps(customer("1")) + "\n")
    locked = str(tmp_path / "d" / "locked")
    real = os.scandir

    def scandir(path: Any = ".") -> Any:  # (the tests may run as root: chmod would not do)
        if os.fspath(path) == locked:
            raise PermissionError(13, "Permission denied", locked)
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = CliRunner().invoke(cli, ["check", str(tmp_path / "d")])
    assert result.exit_code == 2
    assert "locked" in result.output and "Permission denied" in result.output


def test_debug_keeps_the_exit_status_of_an_internal_error(monkeypatch: pytest.MonkeyPatch) -> None:
    check_module = sys.modules["armvalidate.cli.check"]  # (the package's "check" is the command)

    def broken(*args: Any, **kw: Any) -> Any:
        raise RuntimeError("boom")

    monkeypatch.setattr(check_module, "get_renderer", broken)
    monkeypatch.setenv("ARMVALIDATE_DEBUG", "1")
    example = str(Path(__file__).parent.parent / "examples" / "post-customer.request.json")
    with contextlib.redirect_stderr(io.StringIO()) as err:
        assert main(["check", example]) == 2
    assert "RuntimeError: boom" in err.getvalue()  # the traceback, as asked


def test_a_missing_path_among_several_checks_the_rest(tmp_path: Path) -> None:
    (tmp_path / "b.jsonl").write_text(json.dumps(customer("1", ssn=SSN_BAD)) + "\n")
    out = run("check", "missing.json", "b.jsonl", "--today", TODAY, cwd=tmp_path)
    assert out.returncode == 2
    assert "ssn.checksum" in out.stdout
    assert "missing.json" in out.stderr


def test_a_symlink_loop_is_named(tmp_path: Path) -> None:
    os.symlink("loop.json", tmp_path / "loop.json")
    out = run("check", "loop.json", cwd=tmp_path)
    assert out.returncode == 2
    assert "symbolic links" in out.stderr and "No such file" not in out.stderr


def test_utf32_is_called_utf32() -> None:
    for codec in ("utf-32", "utf-32-be"):
        data = json.dumps(customer("1")).encode(codec)
        if codec == "utf-32-be":
            data = b"\x00\x00\xfe\xff" + data
        with pytest.raises(InputError, match="UTF-32"):
            records(data, "in.json")


def test_jsonl_with_cr_line_ends_is_split_into_records() -> None:
    lines = [json.dumps(customer(str(i))) for i in range(3)]
    got = records("\r".join(lines).encode(), "in.jsonl")
    assert [json.loads(r.payload)["customerNo"] for r in got] == ["0", "1", "2"]
    assert [r.line for r in got] == [1, 2, 3]
    mixed = records(("\r".join(lines[:2]) + "\r\n" + lines[2] + "\n").encode(), "in.jsonl")
    assert len(mixed) == 3 and mixed[2].line == 3


def test_a_crlf_cut_by_the_read_chunk_is_one_line_end() -> None:
    first = json.dumps(customer("1", customerMessage="x" * ((1 << 20) - 80)))
    data = first.encode()
    pad = (1 << 20) - 1 - len(data)
    data = first[:-1].encode() + b" " * pad + b"}\r\n" + json.dumps(customer("2")).encode()
    assert data.index(b"\r") == (1 << 20) - 1
    got = records(data, "in.jsonl")
    assert [r.line for r in got] == [1, 2]


def test_empty_json_and_empty_jsonl_agree(tmp_path: Path) -> None:
    statuses = set()
    for name in ("e.json", "e.jsonl", "e.csv"):
        (tmp_path / name).write_bytes(b"")
        out = run("check", name, cwd=tmp_path)
        statuses.add(out.returncode)
        assert "no records" in out.stderr
    assert statuses == {0}


def test_a_lone_surrogate_key_is_an_unknown_key_with_its_path() -> None:
    report = validate_customer('{"customerNo": "1", "name": "Kari", "\\ud800": 1}')
    assert [(i.rule, i.path) for i in report.issues] == [("schema.unknown-field", "/\ud800")]
    report = validate_customer('{"customer": {"customerNo": "1", "name": "K", "\\udc80": 1}}')
    assert [(i.rule, i.path) for i in report.issues] == [
        ("schema.unknown-field", "/customer/\udc80")
    ]


def test_a_run_stopped_by_max_errors_writes_no_split_files(tmp_path: Path) -> None:
    """The records after the stop were never split: the files would look complete but miss
    them, so they are not written (and the findings say they are partial)."""
    _many(tmp_path, 50)
    out = run(
        "check", "in.jsonl", "--max-errors", "3", "--valid-out", "v.jsonl", "--invalid-out",
        "i.jsonl", "--today", TODAY, cwd=tmp_path,
    )  # fmt: skip
    assert out.returncode == 1
    assert "were not written" in out.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl"]


def test_a_birth_date_in_a_finding_shows_only_its_year(tmp_path: Path) -> None:
    (tmp_path / "in.jsonl").write_text(json.dumps(customer("1", dateOfBirth="2030-05-17")) + "\n")
    out = run("check", "in.jsonl", "--today", TODAY, cwd=tmp_path)
    assert "2030-**-**" in out.stdout and "05-17" not in out.stdout
    shown = run("check", "in.jsonl", "--today", TODAY, "--show-pii", cwd=tmp_path)
    assert "2030-05-17" in shown.stdout
