"""Fuzzing for what issue 17 found: records lost or invented on the way from the input to the
split files, outputs left half-written, personal numbers a reader can put together again.

The oracles are the harnesses' (``fuzz/_oracles.py``): :func:`split_accounting` (every record
read is in exactly one split file, or counted as left out; nothing is written that was not
read), :func:`recoverable` (no eleven digits of the input can be read from the output after
normalising it) and :func:`render_all`. Here the input is generated with a known number of
records, so that the reader too is held to it: a broken quoted cell must not turn into rows,
an oversized record must not end the reading.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import re
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from stdnum.no import fodselsnummer as stdnum_fnr

import armvalidate
import armvalidate.files.records as file_records
from armvalidate.cli import cli
from armvalidate.files import read_records

FUZZ_DIR = Path(__file__).resolve().parent.parent / "fuzz"
sys.path.insert(0, str(FUZZ_DIR))
import _oracles  # noqa: E402

sys.path.remove(str(FUZZ_DIR))

TODAY = datetime.date(2026, 1, 1)
FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
LIMIT = 300  # bytes: the record limit while fuzzing, so that oversized records are cheap

# -- inputs with a known number of records ----------------------------------------------------

CELLS = st.text(max_size=12) | st.sampled_from(
    ['a"b', '"', '""', "a\nb", "a\r\nb", "\r", "x\n9,Phantom,injected\n", "a;b", "=1", "'",
     "x" * (LIMIT + 50), "y\n" * 200, "12015641779", "\x00"]
)  # fmt: skip
LINE_ENDS = st.sampled_from(["\n", "\r\n", "\r"])


def _quoted(cell: str) -> str:
    """A CSV cell, quoted when it must be (csv.writer quotes only the line end it writes)."""
    if any(ch in cell for ch in ',"\r\n'):
        return '"' + cell.replace('"', '""') + '"'
    return cell


@st.composite
def csv_input(draw: st.DrawFn) -> tuple[bytes, int]:
    header = ["customerNo", "name", "customerMessage", "emailAddressDocument"]
    rows = draw(st.lists(st.lists(CELLS, min_size=1, max_size=4), max_size=6))
    rows = [r for r in rows if any(r)]  # (a row of empty cells is a blank line: no record)
    end = draw(LINE_ENDS)
    text = "".join(",".join(_quoted(c) for c in row) + end for row in [header, *rows])
    if rows and draw(st.booleans()):  # the last row loses its closing quote
        cut = text.rstrip("\r\n")
        if cut.endswith('"'):
            text = cut[:-1]
    return text.encode("utf-8", "surrogatepass"), len(rows)


VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=8,
)


@st.composite
def json_input(draw: st.DrawFn) -> tuple[bytes, str, int]:
    values = draw(
        st.lists(
            st.fixed_dictionaries({"customerNo": st.text(max_size=5), "x": VALUES})
            | st.just({"customerNo": "big", "name": "A" * (LIMIT * 2)}),
            max_size=6,
        )
    )
    texts = [json.dumps(v) for v in values]
    if draw(st.booleans()):
        end = draw(LINE_ENDS)
        return end.join(texts).encode(), "in.jsonl", len(texts)
    return ("[" + ",\n".join(texts) + "]").encode(), "in.json", len(texts)


def _read(data: bytes, name: str) -> list[Any]:
    return list(read_records(io.BytesIO(data), name, max_row_bytes=LIMIT))


@FUZZ
@given(case=csv_input())
def test_csv_records_are_neither_lost_nor_invented(
    monkeypatch: pytest.MonkeyPatch, case: tuple[bytes, int]
) -> None:
    monkeypatch.setattr(file_records, "MAX_RECORD_BYTES", LIMIT * 4)
    data, rows = case
    got = _read(data, "in.csv")
    assert len(got) == rows, [(r.row, r.payload, r.problem) for r in got]
    for record in got:
        assert record.problem is not None or record.payload.get("name") != "Phantom"
    _oracles.split_accounting(got)


@FUZZ
@given(case=json_input())
def test_json_records_are_neither_lost_nor_invented(
    monkeypatch: pytest.MonkeyPatch, case: tuple[bytes, str, int]
) -> None:
    monkeypatch.setattr(file_records, "MAX_RECORD_BYTES", LIMIT)
    data, name, count = case
    got = _read(data, name)
    assert len(got) == count
    _oracles.split_accounting(got)


_LEFT_OUT = re.compile(r"([0-9]+) record\(s\) (?:that could not be read whole|with NUL bytes)")


@settings(FUZZ, max_examples=25)
@given(case=csv_input(), fmt=st.sampled_from(["text", "json", "sarif"]))
def test_the_command_accounts_for_every_record(
    tmp_path_factory: pytest.TempPathFactory, case: tuple[bytes, int], fmt: str
) -> None:
    data, rows = case
    where = tmp_path_factory.mktemp("split")
    (where / "in.csv").write_bytes(data)
    args = ["check", str(where / "in.csv"), "--isolated", "--format", fmt, "-o", str(where / "f")]
    args += ["--valid-out", str(where / "v.csv"), "--invalid-out", str(where / "i.csv")]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code in (0, 1, 2), result.output
    names = sorted(p.name for p in where.iterdir())
    assert not [n for n in names if n.endswith(".partial")], names  # complete or absent
    if result.exit_code == 2:
        assert names == ["in.csv"], names
        return
    assert names == ["f", "i.csv", "in.csv", "v.csv"]
    written = sum(len(_read((where / n).read_bytes(), n)) for n in ("v.csv", "i.csv"))
    left_out = sum(int(n) for n in _LEFT_OUT.findall(result.stderr))
    assert written + left_out == rows, (written, left_out, rows, result.stderr)


# -- personal numbers in disguise --------------------------------------------------------------

INVISIBLE = st.sampled_from(["\u200b", "\u2060", "\u00ad", "\u0301", "\ufeff", "\u200d", ""])
SEPARATOR = st.sampled_from(["", " ", "   ", "_", "/", ",", ":", "+", "'", ".", "-", "\t", "x"])
DIGITS = st.sampled_from([0x30, 0xFF10, 0x0660, 0x06F0, 0x0966, 0x1D7CE])  # scripts of digits


@st.composite
def personal_numbers(draw: st.DrawFn) -> str:
    day = draw(st.integers(1, 28))
    month = draw(st.integers(1, 12))
    year = draw(st.integers(0, 99))
    individual = draw(st.integers(0, 499))
    base = f"{day:02}{month:02}{year:02}{individual:03}"
    k1 = stdnum_fnr.calc_check_digit1(base)
    k2 = stdnum_fnr.calc_check_digit2(base + k1)
    number = base + k1 + k2
    if len(number) != 11 or not stdnum_fnr.is_valid(number):
        return "12015641779"
    return number


@st.composite
def disguised(draw: st.DrawFn) -> tuple[str, str]:
    number = draw(personal_numbers())
    zero = draw(DIGITS)
    out = []
    for i, digit in enumerate(number):
        out.append(chr(zero + int(digit)))
        if i < 10:
            out.append(draw(SEPARATOR) + draw(INVISIBLE))
    return number, "".join(out)


@FUZZ
@given(
    case=disguised(),
    where=st.sampled_from(
        [
            "key",
            "phoneNo",
            "emailAddressDocument",
            "languageCode",
            "currencyCode",
            "ssn",
            "bankAccountNo",
            "countryCode",
            "nested-key",
            "customerNo",
        ]
    ),
)
def test_no_disguised_personal_number_can_be_read_back(case: tuple[str, str], where: str) -> None:
    _number, shown = case
    payload: dict[str, Any] = {"customerNo": "1", "name": "Kari"}
    if where == "key":
        payload[f"x{shown}"] = 1
    elif where == "nested-key":
        payload["postalAddress"] = {shown: "v"}
    elif where == "countryCode":
        payload["postalAddress"] = {"countryCode": shown}
    elif where == "emailAddressDocument":
        payload[where] = [shown, f"{shown}@example.no"]
    else:
        payload[where] = shown
    raw = json.dumps(payload, ensure_ascii=False)
    report = armvalidate.validate_customer(raw, today=TODAY)
    _oracles.check_report(report, raw)
    _oracles.render_all(report, raw, source=f"kunde-{shown}.json")


def test_the_new_oracles_can_fail() -> None:
    """The oracles bite: a planted leak in disguise, a lost record, an invented one."""
    raw = '{"customerNo": "1", "ssn": "12015641779"}'
    assert _oracles.recoverable("ssn 1201\u200b56_41\uff17\uff17\u0669", raw) == "12015641779"
    leak = armvalidate.Issue(
        "ssn.checksum", armvalidate.Severity.ERROR, "/ssn", "Ssn", "1201\u200b5641779"
    )
    with pytest.raises(AssertionError, match="unmasked"):
        _oracles.check_report(armvalidate.Report(issues=(leak,)), raw)
    got = _read(b"customerNo,name\r\n1,Kari\r\n", "in.csv")
    phantom = got[0].__class__(**{**got[0].__dict__, "index": 2})
    _oracles.split_accounting([*got, phantom])  # two records, two lines: fine
    lost = got[0].__class__(**{**got[0].__dict__, "cells": ("", "")})
    with pytest.raises(AssertionError):
        _oracles.split_accounting([lost])  # written as a blank line: no record comes back


CSV_TEXT = st.lists(
    st.sampled_from(['"', '""', ",", "a", "b c", "\n", "\r\n", "\r", "'", "x\ty", ";"]),
    max_size=40,
).map("".join)


@settings(FUZZ, max_examples=300)
@given(body=CSV_TEXT)
def test_rows_are_cut_where_the_csv_module_cuts_them(body: str) -> None:
    """Differential: the rows the reader makes of any text (quotes anywhere, any line ends) are
    the rows of Python's csv module (strict=False), as long as the text does not end inside a
    quoted cell (then the reader makes a finding of the last row, where csv makes a row of what
    it read, silently)."""
    text = "customerNo,name,customerMessage\r\n" + body
    expected = list(csv.reader(io.StringIO(text, newline=""), strict=False))[1:]
    expected = [row for row in expected if any(row)]
    got = _read(text.encode(), "in.csv")
    if got and got[-1].problem is not None and "quote" in got[-1].problem.message:
        got = got[:-1]  # csv made a row of what it read before the end, silently
        assert len(expected) - len(got) in (0, 1)
        expected = expected[: len(got)]
    assert len(got) == len(expected), (got, expected)
    for record, row in zip(got, expected, strict=True):
        if record.problem is None:
            assert list(record.cells or ()) == row
        else:
            assert len(row) > 3 or "quote" in record.problem.message, record.problem
