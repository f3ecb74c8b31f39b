"""Fuzzing the readers: any bytes, as any file name or forced format, on streams and files.

The only exception a reader may raise is ``InputError`` (the CLI turns it into a clean exit 2);
every record it yields is well-formed, and every payload it yields validates without the
validator's safety net (``input.unprocessable``).
"""

from __future__ import annotations

import codecs
import datetime
import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import armvalidate
from armvalidate.checks.limits import UNPROCESSABLE
from armvalidate.files import InputError, Record, read_records

TODAY = datetime.date(2026, 1, 1)
RULE_IDS = frozenset(rule.id for rule in armvalidate.rules())
FUZZ = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
TARGETS = [
    ("in.json", None),
    ("in.jsonl", None),
    ("in.ndjson", None),
    ("in.csv", None),
    ("-", None),
    ("data.txt", None),
    ("data.txt", "json"),
    ("data.txt", "jsonl"),
    ("data.txt", "csv"),
]


class Trickle(io.RawIOBase):
    """A non-seekable stream that hands out at most ``step`` bytes per read (a pipe)."""

    def __init__(self, data: bytes, step: int) -> None:
        self._data = memoryview(data)
        self._step = step

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        n = min(len(buffer), self._step, len(self._data))
        buffer[:n] = self._data[:n]
        self._data = self._data[n:]
        return n


def read_all(stream: Any, name: str, fmt: Any) -> tuple[list[Record], bool]:
    """The records, and whether the reader refused the input; checks every record."""
    records: list[Record] = []
    try:
        for record in read_records(stream, name, format=fmt):
            assert isinstance(record, Record)
            assert record.index == len(records) + 1
            assert record.line >= 1
            assert record.format in ("json", "jsonl", "csv")
            if record.problem is not None:
                assert record.payload is None
                assert record.problem.rule in RULE_IDS
            else:
                assert isinstance(record.payload, (str, dict))
            records.append(record)
    except InputError as exc:
        assert str(exc) and "Traceback" not in str(exc)
        return records, True
    return records, False


def validate_records(records: list[Record]) -> None:
    for record in records:
        if record.problem is not None:
            continue
        validate = armvalidate.validate_batch if record.batch else armvalidate.validate_customer
        report = validate(record.payload, today=TODAY)
        for issue in report.issues:
            assert issue.rule in RULE_IDS
            assert issue.rule != UNPROCESSABLE.id, (record, issue.message)


# -- strategies --------------------------------------------------------------------------------

SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=12)
    | st.sampled_from(["12015641779", "=1+1", "-5", "@x", "\t", "'", "a;b", 'q"q', "a\r\nb"])
)
KEYS = st.sampled_from(
    ["customerNo", "name", "ssn", "dueDays", "vatLiable", "emailAddressDocument", "customer",
     "metadata", "customers", "postalAddress", "x"]
) | st.text(max_size=6)  # fmt: skip
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=6),
    max_leaves=20,
)
LINE_ENDS = st.sampled_from(["\n", "\r\n", "\r", "\n\n", "\n \n"])
DAMAGE = st.sampled_from(
    [
        b"",
        b"\x00",
        b"\xff",
        b"\xc3",
        b"\xef\xbb\xbf",
        b"\r",
        b'"',
        b"[",
        b"{",
        b"\\",
        b"\xed\xa0\x80",
    ]
)


@st.composite
def json_files(draw: st.DrawFn) -> bytes:
    values = draw(st.lists(VALUES, max_size=6))
    texts = []
    for value in values:
        try:
            texts.append(json.dumps(value, ensure_ascii=draw(st.booleans())))
        except ValueError:
            texts.append("1" + "0" * 5000)
    shape = draw(st.integers(0, 2))
    end = draw(LINE_ENDS)
    if shape == 0:
        text = end.join(texts)  # JSON Lines
    elif shape == 1:
        text = "[" + ("," + end).join(texts) + "]"  # an array
    else:
        text = texts[0] if texts else "{}"  # one document
    data = text.encode("utf-8", "surrogatepass")
    if draw(st.booleans()):
        data = codecs.BOM_UTF8 + data
    if data and draw(st.booleans()):
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(DAMAGE) + data[at:]
    return data


CELLS = st.text(max_size=10) | st.sampled_from(
    ["", "=SUM(A1)", "+47 99887766", "-1", "@x", "\tx", "\rx", "'", "''", "'=x", "a;b", "a\\;b",
     "\\e", 'a"b', "a\nb", "12015641779", "true", "1e999", "1" + "0" * 5000, "\x00"]
)  # fmt: skip
COLUMNS = st.sampled_from(
    ["customerNo", "name", "ssn", "dueDays", "vatLiable", "limitAmount", "emailAddressDocument",
     "postalAddress.postalCode", "postalAddress.cityName", "metadata.userId", "customer.name",
     "distribution.einvoiceCode", "unknown", "=cmd", " name ", ""]
)  # fmt: skip


@st.composite
def csv_files(draw: st.DrawFn) -> bytes:
    header = draw(st.lists(COLUMNS, min_size=1, max_size=6))
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    rows = draw(st.lists(st.lists(CELLS, min_size=0, max_size=len(header) + 1), max_size=5))
    out = io.StringIO()
    import csv

    writer = csv.writer(out, delimiter=delimiter, lineterminator=draw(LINE_ENDS))
    writer.writerow(header)
    for row in rows:
        writer.writerow(row)
    data = out.getvalue().encode("utf-8", "surrogatepass")
    if draw(st.booleans()):
        data = codecs.BOM_UTF8 + data
    if data and draw(st.booleans()):
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(DAMAGE) + data[at:]
    return data


FILES = json_files() | csv_files() | st.binary(max_size=300)

# -- tests ---------------------------------------------------------------------------------------


@FUZZ
@given(data=FILES, target=st.sampled_from(TARGETS), step=st.sampled_from([1, 7, 4096]))
def test_any_stream(data: bytes, target: tuple[str, Any], step: int) -> None:
    name, fmt = target
    records, refused = read_all(io.BytesIO(data), name, fmt)
    validate_records(records)
    trickled, refused_too = read_all(Trickle(data, step), name, fmt)
    assert refused_too == refused
    assert [r.payload for r in trickled] == [r.payload for r in records]


@settings(FUZZ, max_examples=40)
@given(data=FILES, target=st.sampled_from(TARGETS))
def test_any_file(tmp_path_factory: pytest.TempPathFactory, data: bytes, target: Any) -> None:
    name, fmt = target
    path = tmp_path_factory.mktemp("in") / ("stdin.bin" if name == "-" else name)
    path.write_bytes(data)
    with open(path, "rb") as fh:
        records, _ = read_all(fh, name, fmt)
    validate_records(records)


@FUZZ
@given(data=csv_files())
def test_any_csv(data: bytes) -> None:
    records, _ = read_all(io.BytesIO(data), "in.csv", None)
    validate_records(records)


@FUZZ
@given(data=json_files(), name=st.sampled_from(["in.json", "in.jsonl", "-"]))
def test_any_json(data: bytes, name: str) -> None:
    records, _ = read_all(io.BytesIO(data), name, None)
    validate_records(records)


# -- the hard cases ------------------------------------------------------------------------------

CUSTOMER = b'{"customerNo": "1", "name": "Kari"}'
HARD = {
    "empty": b"",
    "only BOM": codecs.BOM_UTF8,
    "only newlines": b"\r\n\r\n\n",
    "utf-16 with BOM": codecs.BOM_UTF16_LE + CUSTOMER.decode().encode("utf-16-le"),
    "utf-16 without BOM": CUSTOMER.decode().encode("utf-16-le"),
    "utf-32 with BOM": codecs.BOM_UTF32_BE + CUSTOMER.decode().encode("utf-32-be"),
    "NUL bytes": b"\x00" * 64,
    "NUL in a line": CUSTOMER[:-1] + b'"x": "\x00"}\n' + CUSTOMER,
    "NUL in a CSV cell": b"customerNo,name\n1,K\x00x\n2,K\n",
    "invalid utf-8 line": CUSTOMER + b"\n" + b'{"name": "\xff\xfe"}\n' + CUSTOMER,
    "invalid utf-8 in array": b"[" + CUSTOMER + b', {"name": "\xc3\x28"}, ' + CUSTOMER + b"]",
    "invalid utf-8 in CSV": b"customerNo,name\n1,\xff\n",
    "invalid utf-8 header": b"customerNo,\xff\n1,2\n",
    "CR only": b"customerNo,name\r1,K\r2,L\r",
    "CRLF jsonl": CUSTOMER + b"\r\n" + CUSTOMER + b"\r\n",
    "deep array": b"[" * 100_000 + b"]" * 100_000,
    "deep array element": b"[" + b"[" * 100_000 + b"]" * 100_000 + b"]",
    "deep jsonl line": CUSTOMER + b"\n" + b"[" * 100_000 + b"\n",
    "deep object": b'{"a":' * 50_000 + b"1" + b"}" * 50_000,
    "huge int": b'{"customerNo": 1' + b"0" * 5000 + b"}",
    "huge int jsonl": CUSTOMER + b"\n" + b'{"dueDays": 1' + b"0" * 5000 + b"}\n",
    "huge int in array": b"[1" + b"0" * 5000 + b"]",
    "NaN": b'{"customerNo": "1", "limitAmount": NaN, "dueDays": -Infinity}',
    "duplicate keys": b'{"customerNo": "1", "customerNo": "2"}\n{"a": 1, "a": 2}\n',
    "unclosed array": b"[" + CUSTOMER + b",",
    "unclosed string": b'["abc',
    "garbage after array": b"[" + CUSTOMER + b"] xyz",
    "lone surrogate escape": b'{"customerNo": "\\ud800"}\n{"name": "\\udc80"}\n',
    "encoded surrogate": b'{"customerNo": "\xed\xa0\x80"}\n',
    "quote in CSV": b'customerNo,name\n1,"unterminated\n2,K\n',
    "too many cells": b"customerNo,name\n1,K,extra,more\n",
    "duplicate column": b"name,name\n1,2\n",
    "colliding columns": b"distribution,distribution.type\n1,2\n",
    "header only": b"customerNo,name\r\n",
    "blank header": b",,,\n1,2,3\n",
    "prose": b"Dear customer,\nplease pay.\n",
    "png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    "batch": b'{"metadata": {"userId": "u"}, "customers": [' + CUSTOMER + b"]}",
}


@pytest.mark.parametrize("name", sorted(HARD))
@pytest.mark.parametrize("target", TARGETS, ids=lambda t: f"{t}")
def test_hard_file(name: str, target: tuple[str, Any]) -> None:
    records, _ = read_all(io.BytesIO(HARD[name]), *target)
    validate_records(records)


def test_one_giant_line_is_a_finding_not_a_memory_error(tmp_path: Path) -> None:
    from armvalidate.files import MAX_RECORD_BYTES

    path = tmp_path / "big.jsonl"
    with open(path, "wb") as fh:
        fh.write(CUSTOMER + b"\n")
        fh.write(b'{"name": "' + b"x" * (MAX_RECORD_BYTES + 10) + b'"}\n')
        fh.write(CUSTOMER + b"\n")
    with open(path, "rb") as fh:
        records, refused = read_all(fh, "big.jsonl", None)
    assert not refused
    assert [r.problem.rule if r.problem else None for r in records] == [
        None,
        "input.too-large",
        None,
    ]
    assert [r.line for r in records] == [1, 2, 3]
