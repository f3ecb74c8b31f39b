"""Inputs that found bugs (by the fuzzers of tests/test_fuzz_*.py and fuzz/, or by the privacy
and CSV audits), kept as tests so that the bugs stay fixed.

A bug that is still open is marked ``xfail(strict=True)`` with the reason; when the fix lands,
the test passes, pytest reports XPASS as a failure, and the marker must go.
"""

from __future__ import annotations

import base64
import datetime
import difflib
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import armvalidate
from armvalidate import validate_customer
from armvalidate.cli import cli
from armvalidate.files import InputError, read_records

TODAY = datetime.date(2026, 1, 1)
SSN = "12015641779"  # the docs' example (valid)
SSN_BAD = "12015641778"  # wrong check digit


def _invoke(*args: str) -> Any:
    result = CliRunner().invoke(cli, [*args, "--isolated", "--today", "2026-01-01"])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result


# -- personal numbers in keys --------------------------------------------------------------------


def test_a_personal_number_as_a_key_is_masked_in_path_and_field() -> None:
    report = validate_customer({"customerNo": "1", "name": "K", SSN: "x"}, today=TODAY)
    (issue,) = report.issues
    assert issue.rule == "schema.unknown-field"
    assert SSN not in issue.path
    assert SSN not in issue.field


@pytest.mark.parametrize("fmt", ["text", "json", "jsonl", "sarif", "junit", "github"])
def test_a_personal_number_as_a_csv_column_is_masked(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / "in.csv"
    path.write_text(f"customerNo,name,{SSN}\r\n1,K,x\r\n", encoding="utf-8")
    result = _invoke("check", str(path), "--format", fmt)
    assert result.exit_code == 1
    assert SSN not in result.stdout


# fuzz/crashes/validate-crash-490853ac...: digits with separators the scrub does not know.


@pytest.mark.parametrize("sep", ["\u00a0", "\u202f", "\t", "  ", " - "])
def test_a_personal_number_with_other_separators_is_masked(sep: str) -> None:
    from armvalidate.no import fodselsnummer

    spaced = f"120156{sep}41779"
    assert fodselsnummer.is_valid(spaced)  # a valid fødselsnummer, as written
    payload = {"customerNo": "1", "name": "K", "currency": spaced, "customerGroupCode": spaced}
    report = validate_customer(payload, today=TODAY)
    assert report.rules >= {"currency.unknown"}
    for issue in report.issues:
        shown = issue.message + json.dumps(dict(issue.context), ensure_ascii=False)
        escaped = r"(?:\\x[0-9a-f]{2}|\\u[0-9a-f]{4}|\\t|[^0-9])"  # also as repr escapes
        assert not re.search(rf"120156{escaped}{{0,3}}41779", shown), shown


# -- repr of a report ----------------------------------------------------------------------------


def test_repr_of_a_report_shows_no_personal_number() -> None:
    report = validate_customer({"customerNo": "1", "name": "K", "ssn": SSN_BAD}, today=TODAY)
    assert report.rules == {"ssn.checksum"}
    assert SSN_BAD not in repr(report)


# -- configuration files -------------------------------------------------------------------------


# Fixed. A --config file (or a pyproject.toml found on the way up) that was not UTF-8 ended
# in 'internal error (UnicodeDecodeError)' (armvalidate/cli/config.py _read_toml).
def test_a_config_file_that_is_not_utf8_is_a_usage_error(tmp_path: Path) -> None:
    config = tmp_path / "armvalidate.toml"
    config.write_bytes(b"\x80")  # the fuzzer's input
    data = tmp_path / "in.json"
    data.write_text('{"customerNo": "1", "name": "K"}', encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(data), "--config", str(config)])
    assert result.exit_code == 2
    assert "internal error" not in result.stderr
    assert "armvalidate.toml" in result.stderr + result.stdout


# -- the CSV round trip --------------------------------------------------------------------------


def _split(tmp_path: Path, data: bytes, suffix: str) -> tuple[Any, Path, Path, Path]:
    """``data`` as ``in.<suffix>``, checked with ``--valid-out`` and ``--invalid-out``: the
    result, the input and the two split files (which may not exist)."""
    source = tmp_path / f"in.{suffix}"
    source.write_bytes(data)
    valid, invalid = tmp_path / f"valid.{suffix}", tmp_path / f"invalid.{suffix}"
    result = _invoke("check", str(source), "--valid-out", str(valid), "--invalid-out", str(invalid))
    return result, source, valid, invalid


def _records(*paths: Path) -> list[Any]:
    """The records of the files that exist, in turn."""
    out: list[Any] = []
    for path in paths:
        if path.exists():
            with open(path, "rb") as fh:
                out.extend(read_records(fh, path.name))
    return out


# fuzz/crashes/readers-crash-91a385e7...: a CSV header cell starting with '-' (the first byte
# picks the target "in.csv"; the header is "c!ustomer<TAB>fNm<TAB>-neapostalAddress.postalCode").
READERS_CRASH_1 = base64.b64decode(
    "A2MhdXN0b21lcglmTm0JLW5lYXBvc3RhbEFkZHJlc3MucG9zdGFsQ29kZQorNDcJJwkwMTUwCg=="
)


# Fixed. The split-file writer neutralised header cells but the reader did not restore them,
# so a column named '-x' came back as "'-x".
def test_csv_header_cells_survive_the_split_round_trip(tmp_path: Path) -> None:
    result, source, valid, invalid = _split(tmp_path, READERS_CRASH_1[1:], "csv")
    assert result.exit_code in (0, 1)
    written = [r.payload for r in _records(valid, invalid)]
    assert written == [r.payload for r in _records(source)]


# fuzz/crashes/readers-crash-516e09c4...: NUL bytes in a CSV cell.
READERS_CRASH_2 = base64.b64decode(
    "A2N1c3RvbWVyTm87bmFtZTtkdWVEYXlzCictMTtAU1UDY3VzdG9tZXJObztuYW1lO2R1ZURheXMKJwgtMSk7QFNV"
    "YWN0aXZlc3RhdHVzd2ViQFNVTShBMSk7CTE0KjI7ImE7YiIzIngNTShTVU0oQTEpOwkxAAAAAAAAAAAAAAAAAAAA"
    "AAAAAAAAAAAAAAAAAAAAAAAANAoyOyJhO2IiOyJ4DQp5Igo="
)


# Fixed. A CSV cell holding NUL bytes was read and kept in the split file, which the reader then
# refused as binary: the tool wrote a file it could not read.
def test_a_csv_split_file_with_nul_bytes_reads_back(tmp_path: Path) -> None:
    result, _, valid, invalid = _split(tmp_path, READERS_CRASH_2[1:], "csv")
    assert result.exit_code in (0, 1)
    for path in (valid, invalid):
        if path.exists() and path.stat().st_size:
            assert _invoke("check", str(path)).exit_code != 2, path.name


# fuzz/crashes/readers-crash-74884a6a...: blank lines before a header with ';'.
READERS_CRASH_3 = base64.b64decode(
    "CgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgAAAAAAAABHY3VzdG9OOwoKCgoKEQp+eSIDY3VzdG9OOwoKCgoKeSI="
)


# Fixed. The CSV reader took the delimiter from the first physical line, not from the header
# after any blank lines: a ';' file starting with a blank line was read as one column.
def test_blank_lines_before_the_header_keep_the_delimiter() -> None:
    data = b"\r\n\r\ncustomerNo;name\r\n1;Kari\r\n"
    records = list(read_records(io.BytesIO(data), "in.csv"))
    assert [r.payload for r in records] == [{"customerNo": "1", "name": "Kari"}]
    # The fuzzer's input (its NUL bytes made letters: a header with NUL is refused, see below).
    fuzzed = list(read_records(io.BytesIO(READERS_CRASH_3[1:].replace(b"\x00", b"x")), "in.csv"))
    assert len(fuzzed[0].header or ()) == 2  # ';' is its delimiter


# Fixed. The split-file writer writes ',' but a header whose cells hold ';' (and no ',') was
# read back with ';' (the delimiter was looked for anywhere in the line, quoted or not).
def test_csv_with_semicolons_in_the_header_survives_the_split_round_trip(tmp_path: Path) -> None:
    # one column, its name has a ';'
    result, source, valid, invalid = _split(tmp_path, b'"name;x"\r\nKari\r\n', "csv")
    assert result.exit_code in (0, 1)
    written = [r.payload for r in _records(valid, invalid)]
    assert [r.payload for r in _records(source)] == [{"name;x": "Kari"}]
    assert written == [r.payload for r in _records(source)]


# Fixed. A JSON string with a lone-surrogate escape (\\ud800, legal JSON text) ended in
# 'internal error (UnicodeEncodeError)' when the split writer re-serialised the record
# (armvalidate/cli/split.py _compact now writes such characters as escapes again).
@pytest.mark.parametrize(
    ("name", "sanitize"), [("in.json", False), ("in.jsonl", True), ("in.json", True)]
)
def test_a_lone_surrogate_escape_survives_the_split_files(
    tmp_path: Path, name: str, sanitize: bool
) -> None:
    source = tmp_path / name
    source.write_text('{"customerNo": "1", "name": "K\\ud800"}\n', encoding="utf-8")
    valid, invalid = tmp_path / "valid.jsonl", tmp_path / "invalid.jsonl"
    args = ["check", str(source), "--valid-out", str(valid), "--invalid-out", str(invalid)]
    result = _invoke(*args, *(["--sanitize"] if sanitize else []))
    assert "internal error" not in result.stderr
    assert result.exit_code in (0, 1)
    written = b"".join(p.read_bytes() for p in (valid, invalid) if p.exists())
    assert json.loads(written)["name"] == "K\ud800"


# Fixed. The --invalid-out file of a JSON Lines input could not be read back when its first
# line did not start like JSON (the JSON Lines reader, now in armvalidate/files/jsonreader.py,
# checked the first line of a file named JSON Lines too).
def test_the_invalid_split_file_of_jsonl_reads_back(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_bytes(b'{"customerNo": "1", "name": "K"}\n+47 99887766\n')
    valid, invalid = tmp_path / "valid.jsonl", tmp_path / "invalid.jsonl"
    result = _invoke("check", str(source), "--valid-out", str(valid), "--invalid-out", str(invalid))
    assert result.exit_code == 1
    assert invalid.read_bytes() == b"+47 99887766\n"
    again = _invoke("check", str(invalid))
    assert again.exit_code == 1, again.stderr  # one schema.json finding, not "cannot read"


# Fixed. A broken JSON document spanning lines was put on one line in --invalid-out with its
# line breaks turned into spaces, which could repair it (armvalidate/cli/split.py _one_line
# now uses TABs, which JSON treats as it treats line breaks).
def test_a_broken_record_stays_broken_in_the_invalid_file(tmp_path: Path) -> None:
    source = tmp_path / "in.json"
    source.write_bytes(b'{"customerNo": "1", "name": "Kari\nNordmann"}')
    valid, invalid = tmp_path / "valid.jsonl", tmp_path / "invalid.jsonl"
    result = _invoke("check", str(source), "--valid-out", str(valid), "--invalid-out", str(invalid))
    assert result.exit_code == 1
    assert "schema.json" in result.stdout
    again = _invoke("check", str(invalid))
    assert again.exit_code != 0, again.stdout  # still an error, not "All checks passed"


# fuzz/crashes/readers-crash-3c74cf07...: NUL bytes in a CSV header.
READERS_CRASH_4 = base64.b64decode("CgoBAAAACgpWCgoKCgoKCgoKCgoKCgoKCgoKCgoi")


# Fixed. A CSV header cell holding NUL bytes was accepted (the file has enough other bytes to
# pass the binary sniffing) and written to the split files, which the reader then refused as
# binary: the tool wrote a file it could not read. Such a header is now refused (exit 2).
def test_a_csv_header_with_nul_bytes_does_not_make_unreadable_split_files(
    tmp_path: Path,
) -> None:
    source = tmp_path / "in.csv"
    source.write_bytes(READERS_CRASH_4[1:])
    valid, invalid = tmp_path / "valid.csv", tmp_path / "invalid.csv"
    result = _invoke("check", str(source), "--valid-out", str(valid), "--invalid-out", str(invalid))
    assert result.exit_code == 2, result.stdout
    assert "NUL" in result.output
    for path in (valid, invalid):
        assert not path.exists() or not path.stat().st_size, path.name
    with pytest.raises(InputError, match="NUL"):
        list(read_records(io.BytesIO(b"customerNo,na\x00me\r\n1,Kari\r\n"), "in.csv"))


# -- work per unknown key ------------------------------------------------------------------------


def test_the_work_on_unknown_keys_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = {"n": 0, "chars": 0}
    real = difflib.get_close_matches

    def counting(word: Any, *args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        calls["chars"] += len(word)
        return real(word, *args, **kwargs)

    monkeypatch.setattr(difflib, "get_close_matches", counting)
    payload: dict[str, Any] = {f"k{i}": 1 for i in range(5_000)}
    payload.update({"customerNo": "1", "name": "K", "x" * 100_000: 1})
    report = validate_customer(json.dumps(payload), today=TODAY)
    assert "schema.unknown-field" in report.rules
    assert calls["n"] <= 1_000, calls
    assert calls["chars"] <= 100_000, calls


# -- strict JSON ---------------------------------------------------------------------------------


def _strict(text: str) -> Any:
    def refuse(name: str) -> Any:
        raise ValueError(f"{name} is not JSON")

    return json.loads(text, parse_constant=refuse)


# Fixed. With --show-pii the json and jsonl formats wrote NaN/Infinity values as bare tokens,
# which is not JSON (RFC 8259): strict parsers refused the whole output.
@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_show_pii_output_is_strict_json(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text(
        '{"customerNo": "1", "name": "K", "limitAmount": NaN, "discountRate": Infinity}\n',
        encoding="utf-8",
    )
    result = _invoke("check", str(path), "--format", fmt, "--show-pii")
    assert result.exit_code == 1
    assert "number.not-finite" in result.stdout
    for text in [result.stdout] if fmt == "json" else result.stdout.splitlines():
        _strict(text)


# -- output injection ------------------------------------------------------------------------------

FORGED = "x\nkunder.jsonl:9: /ssn ssn.checksum [error] forged"


# Fixed. In the text format a key with a line break (it is in the finding's path) broke the
# finding's line, so a file could forge finding lines that CI problem matchers parse.
def test_a_key_cannot_forge_a_line_of_text_output(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"customerNo": "1", "name": "K", FORGED: 1}) + "\n", "utf-8")
    result = _invoke("check", str(path))
    assert result.exit_code == 1
    assert not [line for line in result.stdout.splitlines() if line.startswith("kunder.jsonl")]


# Fixed. Control characters from the file (ESC, BEL, ...; in keys and in quoted values) reached
# the text and github outputs raw: terminal escape sequences for whoever reads the findings.
@pytest.mark.parametrize("fmt", ["text", "github"])
def test_no_terminal_control_character_reaches_the_output(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / "in.jsonl"
    payload = {"customerNo": "1", "name": "K", "\x1b[2J\x1b]0;pwned\x07": 1, "currency": "\x1b[31m"}
    path.write_text(json.dumps(payload) + "\n", "utf-8")
    result = _invoke("check", str(path), "--format", fmt)
    assert result.exit_code == 1
    assert "schema.unknown-field" in result.stdout
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", result.stdout)


# -- generated fixtures --------------------------------------------------------------------------

_ELEVEN = re.compile(r"^[0-9]{11}$")


def _strings(value: Any) -> Any:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


# Fixed. About one generated bankAccountNo in 17 was also a valid fødselsnummer of the ordinary
# form (e.g. 28014979478 in generate(400, seed=0)): indistinguishable from a real person's.
def test_no_generated_value_is_an_ordinary_fodselsnummer() -> None:
    from armvalidate.no import fodselsnummer
    from armvalidate.strategies.fixtures import generate

    found = []
    for fixture in generate(400, seed=0, invalid_ratio=0.3):
        for text in _strings(fixture.payload):
            digits = re.sub(r"[ .\-]", "", text)
            if not _ELEVEN.match(digits) or not fodselsnummer.is_valid(digits):
                continue
            day, month = int(digits[:2]), int(digits[2:4])
            if 1 <= month <= 12 and (1 <= day <= 31 or 41 <= day <= 71):
                found.append(digits)
    assert found == []


# -- stays fixed ---------------------------------------------------------------------------------


def test_readers_crash_1_reads_cleanly() -> None:
    records = list(read_records(io.BytesIO(READERS_CRASH_1[1:]), "in.csv"))
    assert len(records) == 1
    assert records[0].payload == {
        "c!ustomer": "+47",
        "fNm": "",  # a lone apostrophe is the neutralised empty string
        "-neapostalAddress": {"postalCode": "0150"},
    }
    report = armvalidate.validate_customer(records[0].payload, today=TODAY)
    assert "input.unprocessable" not in report.rules


# fuzz/crashes/readers-crash-59cb0db2...: a JSONL line with many NUL bytes, ending in CRLF.
READERS_CRASH_4 = base64.b64decode(
    "AXsiY3VzAQAAAAAAAAAibmFtZSI6bWVyZXVvKGFtZW5hbWUgAQAAAAAAAAAiS1x1MDAwMFx1fQ0K"
)


# Fixed. The line was read (its NUL bytes were just under a quarter of the file, the reader's
# mark of a binary file) and written to the split file with LF for CRLF: one byte less, and
# the reader refused the split file as binary. A JSON text with a raw NUL byte is never JSON
# and is not checked, so, as a CSV row with one, it is now left out and counted on the log.
def test_a_jsonl_split_file_with_nul_bytes_reads_back(tmp_path: Path) -> None:
    result, _, valid, invalid = _split(tmp_path, READERS_CRASH_4[1:], "jsonl")
    assert result.exit_code == 1  # read, and a schema.json finding
    assert "1 record(s) with NUL bytes were left out" in result.stderr
    for path in (valid, invalid):
        assert not path.exists() or b"\x00" not in path.read_bytes()
        if path.exists() and path.stat().st_size:
            assert _invoke("check", str(path)).exit_code != 2, path.name


# Found by tests/test_fuzz_cli.py (Hypothesis): `check -o "\x00"`.
# Fixed. A file name holding a NUL byte reached os.stat, whose ValueError click does not catch:
# an internal error instead of a usage error. Every file-name option now refuses it.
@pytest.mark.parametrize(
    "args",
    [
        ["check", "-", "-o", "\x00"],
        ["check", "-", "--valid-out", "a\x00b"],
        ["check", "-", "--invalid-out", "\x00"],
        ["check", "-", "--config", "\x00"],
        ["generate", "--count", "1", "-o", "\x00"],
        ["generate", "--count", "1", "--labels", "\x00"],
    ],
)
def test_a_file_name_with_a_nul_byte_is_a_usage_error(args: list[str]) -> None:
    result = CliRunner().invoke(cli, args, input=b'{"customerNo": "1"}')
    assert result.exit_code == 2
    assert "a file name cannot hold a NUL byte" in result.output
    assert "internal error" not in result.output


# fuzz/crashes/readers-crash-8f130087...: a CSV header that is a lone apostrophe.
READERS_CRASH_5 = base64.b64decode("CgoKCgoKCgonCgoK/////////////ywKICAibmN0CgsKMAo=")


# Fixed. The header "'" reads as one column with an empty name (a leading apostrophe is the
# split writer's guard against formulas); the split file's header, '""', then read as a blank
# line, and the rows after it vanished. A header that names no column is now refused.
def test_a_csv_header_that_names_no_column_is_refused(tmp_path: Path) -> None:
    for data in (READERS_CRASH_5[1:], b"'\r\nKari\r\n", b"' ;'\r\nKari\r\n"):
        with pytest.raises(InputError, match="no column has a name"):
            list(read_records(io.BytesIO(data), "in.csv"))
    source = tmp_path / "in.csv"
    source.write_bytes(READERS_CRASH_5[1:])
    result = _invoke("check", str(source), "--valid-out", str(tmp_path / "v.csv"))
    assert result.exit_code == 2 and "no column has a name" in result.output


# fuzz/crashes/readers-crash-d9ba3e53... and -be7a5b2f...: CSV rows with a blank cell (TABs)
# beyond the header or under a column without a name.
READERS_CRASH_6 = base64.b64decode(
    "O2IiLjsieAp5Igo7eCINIjEiIjogIjkzNzkoKTsJMTQKMjsiYXBvc3RhbGFkZGJlc3M7YiIqIngNMDcKMwozOyJh"
    "IiI6ICI5Mzc5OCk7CQo0MjE7IGE7YiAuOyJ4CngiCg=="
)
READERS_CRASH_7 = base64.b64decode(
    "AmN1c3RvbUNvZGUiMTUwMTM2NjU4NDEiLAogICAgICAgICJzdG9wUmVtaW5kZXJVbnRpHmwiOiAiMjAyNi0wMS0w"
    "MSIsCiAgICAgICAgInN0b3BSZW1pbmRlck1lbW8iOiAiQWdyZWVkIHdvdW50Tm8iOiAiOTcxMDQxNzc2MDciLCAi"
    "c3RvcEludGVyZXN0bWVyTWVzc2FnZSIKJy0xO0BTVU0oQTEpOwkxNAoyO21pbmRlclVudGlsIjogIjIwMjYtMDEt"
    "MDEiLAogICAgICAgICJzdG9wUmVtaW5kZXJNZW1vaCB1c2N0b21lciIsCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJ"
    "CQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJ"
    "CQkJCQkJCQkJCQkJCQkKImE7YiI7IngNCnkiCg=="
)


# Fixed. A cell that is only whitespace may stand beyond the header (or under a column without
# a name); the split writer guards it with an apostrophe (a TAB can start a formula), and the
# reader, judging the cell as written, took the row for one with a cell beyond the last column:
# a record the input had was unreadable in the split file. The reader now judges such a cell
# as it reads the others, with the writer's apostrophe removed.
@pytest.mark.parametrize("data", [READERS_CRASH_6[1:], READERS_CRASH_7[1:], b"a\r\nx,\t\r\n"])
def test_a_blank_cell_beyond_the_header_survives_the_split_round_trip(
    tmp_path: Path, data: bytes
) -> None:
    result, source, valid, invalid = _split(tmp_path, data, "csv")
    assert result.exit_code in (0, 1)

    def readable(*paths: Path) -> list[str]:  # (two files: in no common order)
        return sorted(repr(r.payload) for r in _records(*paths) if r.problem is None)

    assert readable(source)
    assert readable(valid, invalid) == readable(source)
