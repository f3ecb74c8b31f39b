"""Where records and findings are: the line ends ``Source`` finds (``bytes.find``, with the
positions kept between lines), the records' and findings' own ``__init__``, the Issues a
worker sends back, and the lines ``check`` gives findings in odd inputs (BOM, CRLF, lone CR,
multi-line records, duplicate keys, text beyond Latin-1), the same with one job and two."""

from __future__ import annotations

import dataclasses
import inspect
import io
import json
import pickle
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import armvalidate.files.records as records
from armvalidate.catalog import Severity
from armvalidate.cli import cli, engine
from armvalidate.cli.workers import _dumps
from armvalidate.files.read import read_records
from armvalidate.files.records import Record
from armvalidate.files.source import Source
from armvalidate.render.model import Finding, RecordResult
from armvalidate.report import Issue

# -- line ends -------------------------------------------------------------------------------

_LINE = re.compile(rb"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
"""A line as the readers define it: ended by LF, CRLF or a lone CR (the last may have none)."""


def _lines(source: Source, limit: int = 1 << 20) -> list[tuple[bytes, bool]]:
    out = []
    while True:
        line, too_large = source.readline_upto(limit)
        if not line and not too_large:
            return out
        out.append((line, too_large))


@settings(max_examples=300, deadline=None)
@given(
    st.binary(max_size=60).map(lambda b: bytes(b"a\r\n\xc3"[x % 4] for x in b)),
    st.integers(1, 9),
)
def test_lines_end_at_lf_crlf_and_lone_cr_across_chunks(data: bytes, chunk: int) -> None:
    saved = records.CHUNK
    records.CHUNK = chunk  # (the module's setting, read as the source reads)
    try:
        got = _lines(Source(io.BytesIO(data)))
    finally:
        records.CHUNK = saved
    assert got == [(line, False) for line in _LINE.findall(data)]


def test_a_file_of_lone_crs_and_a_file_without_line_ends_read_whole() -> None:
    data = b"x" * 5000 + b"\r" + b"y" * 3 + b"\r"
    assert _lines(Source(io.BytesIO(data))) == [(b"x" * 5000 + b"\r", False), (b"yyy\r", False)]
    assert _lines(Source(io.BytesIO(b"z" * 3000))) == [(b"z" * 3000, False)]


def test_a_line_over_the_limit_is_skipped_and_the_next_found() -> None:
    source = Source(io.BytesIO(b"short\n" + b"L" * 50 + b"\r\nafter\rend"))
    assert _lines(source, limit=20) == [
        (b"short\n", False),
        (b"", True),
        (b"after\r", False),
        (b"end", False),
    ]


def test_unread_bytes_are_searched_again() -> None:
    source = Source(io.BytesIO(b"one\ntwo\n"))
    first, _ = source.readline_upto(100)
    source.unread(b"zero\r" + first)
    assert _lines(source) == [(b"zero\r", False), (b"one\n", False), (b"two\n", False)]


# -- the dataclasses' own __init__ -------------------------------------------------------------


@pytest.mark.parametrize("cls", [Record, Finding, RecordResult])
def test_init_takes_the_fields_in_order_with_their_defaults(cls: type) -> None:
    params = list(inspect.signature(cls).parameters.values())
    fields = dataclasses.fields(cls)
    assert [p.name for p in params] == [f.name for f in fields]
    for p, f in zip(params, fields, strict=True):
        default = f.default if f.default is not dataclasses.MISSING else inspect.Parameter.empty
        assert p.default == default
    args = [object() for _ in fields]
    made = cls(*args)
    assert all(getattr(made, f.name) is a for f, a in zip(fields, args, strict=True))
    assert dataclasses.replace(made) == made
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.line = 1  # type: ignore[misc]


# -- issues a worker sends --------------------------------------------------------------------


def test_an_issue_from_a_worker_has_every_field_of_the_one_sent() -> None:
    issue = Issue(
        "ssn.checksum",
        Severity.ERROR,
        "/ssn",
        "Ssn",
        "wrong check digit",
        context={"found": "x", "n": 2},
        value="12015641778",
        pii=True,
    )
    back = pickle.loads(_dumps([issue, issue], {Issue: engine._reduce_issue}))
    assert back[0] == issue and vars(back[0]) == vars(issue)  # (value, pii: not compared)
    assert back[0].value == "12015641778" and back[0].pii is True
    assert back[0].severity is Severity.ERROR
    assert pickle.loads(_dumps((1, "a"), {})) == (1, "a")


# -- lines of findings in odd inputs ----------------------------------------------------------

_CUSTOMER = {
    "customerNo": "1",
    "name": "Åse Ødegård 😀",
    "phoneNo": "997755332",  # phone.invalid
    "postalAddress": {"addressLine1": "Gate 1", "postalCode": "0150", "cityName": "BERGEN"},
}


def _check(path: Path, jobs: int) -> list[dict[str, Any]]:
    result = CliRunner().invoke(
        cli,
        ["check", str(path), "--format", "jsonl", "--jobs", str(jobs), "--today", "2025-06-01"],
    )
    assert result.exit_code in (0, 1), result.output
    return [json.loads(line) for line in result.output.splitlines()]


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_findings_of_a_pretty_printed_array_are_on_their_keys_lines(
    tmp_path: Path, newline: str, bom: bytes
) -> None:
    body = json.dumps([{"customer": _CUSTOMER}, {"customer": _CUSTOMER}], indent=2)
    # the first element with a duplicate key before the real one (the last one counts)
    body = body.replace('"customerNo": "1"', '"phoneNo": "x",\n      "customerNo": "1"', 1)
    text = body.replace("\n", newline)
    path = tmp_path / "in.json"
    path.write_bytes(bom + text.encode("utf-8"))
    lines = body.split("\n")

    def line_of(key: str, nth: int) -> int:
        hits = [i + 1 for i, line in enumerate(lines) if line.strip().startswith(f'"{key}"')]
        return hits[nth]

    found = _check(path, 1)
    phones = [f["line"] for f in found if f["path"].endswith("/phoneNo")]
    cities = [f["line"] for f in found if f["path"].endswith("/cityName")]
    # a lone CR ends a line as LF and CR LF do; a key given twice: its finding is about the
    # value json keeps, the last, so it is on that one's line
    assert phones == [line_of("phoneNo", 1), line_of("phoneNo", 2)]
    assert cities == [line_of("cityName", 0), line_of("cityName", 1)]
    assert _check(path, 2) == found


@pytest.mark.parametrize("newline", [b"\n", b"\r\n"])
def test_findings_of_jsonl_are_on_their_records_lines(tmp_path: Path, newline: bytes) -> None:
    one = json.dumps({"customer": _CUSTOMER}, ensure_ascii=False).encode("utf-8")
    path = tmp_path / "in.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + one + newline + newline + b"{broken" + newline + one)
    found = _check(path, 1)
    assert sorted({f["line"] for f in found}) == [1, 3, 4]
    assert {f["record"] for f in found} == {1, 2, 3}
    assert _check(path, 2) == found
    with path.open("rb") as fh:
        texts = [r.text for r in read_records(fh, str(path))]
    assert texts[0] == one.decode("utf-8") and texts[1] == "{broken"


def _array_lines(data: bytes) -> list[int]:
    return [r.line for r in read_records(io.BytesIO(data), "in.json")]


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_array_elements_start_on_the_same_lines_whatever_the_line_ends_and_chunks(
    monkeypatch: pytest.MonkeyPatch, newline: str
) -> None:
    # blank lines and indented elements, so that some chunk boundary falls inside a CR LF
    body = json.dumps([{"customerNo": str(i), "name": "x" * i} for i in range(5)], indent=1)
    body = body.replace("},\n", "},\n\n \n")
    expected = [i + 1 for i, line in enumerate(body.split("\n")) if line.startswith(" {")]
    data = body.replace("\n", newline).encode("utf-8")
    assert _array_lines(body.encode("utf-8")) == expected
    for chunk in range(1, len(data) + 2):
        monkeypatch.setattr(records, "CHUNK", chunk)
        assert _array_lines(data) == expected, chunk


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(["{", "}", "[", "]", ",", ":", '"a"', "1", " ", "\n"]), max_size=30)
)
def test_a_syntax_error_has_the_same_line_and_column_with_any_line_ends(parts: list[str]) -> None:
    from armvalidate.decode import decode
    from armvalidate.exceptions import InvalidValue

    def where(text: str) -> tuple[Any, ...] | None:
        try:
            decode(text)
        except InvalidValue as exc:
            return (exc.message, exc.context)
        return None

    text = "".join(parts)
    found = where(text)
    assert where(text.replace("\n", "\r\n")) == found
    assert where(text.replace("\n", "\r")) == found
