"""Readers: formats, line numbers, streaming, encodings, and garbage that must not crash."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import armvalidate.files.records as file_records
from armvalidate.files import (
    InputError,
    Record,
    detect_format,
    format_from_name,
    pointer_line,
    pointer_lines,
    read_records,
)

CUSTOMER = {"customerNo": "1", "name": "Kari Nordmann"}


def _read(data: bytes | str, name: str = "in", **kwargs: Any) -> list[Record]:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return list(read_records(io.BytesIO(raw), name, **kwargs))


class _OneByteAtATime(io.RawIOBase):
    """A stream that hands out one byte per read, like a slow pipe."""

    def __init__(self, data: bytes) -> None:
        self._data = data

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if not self._data:
            return 0
        buffer[0] = self._data[0]
        self._data = self._data[1:]
        return 1


# -- detection -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("a.json", "json"), ("a.JSONL", "jsonl"), ("a.ndjson", "jsonl"), ("a.csv", "csv")],
)
def test_format_by_extension(name: str, fmt: str) -> None:
    assert format_from_name(name) == fmt


@pytest.mark.parametrize("name", ["-", "data.txt", "noext"])
def test_no_format_by_other_names(name: str) -> None:
    assert format_from_name(name) is None


@pytest.mark.parametrize(
    ("head", "fmt"),
    [
        (b"[1]", "json"),
        (b"  \r\n {", "json?"),
        (b"\xef\xbb\xbf{}", "json?"),
        (b"customerNo,name\n", "csv"),
        (b"customerNo;name\n", "csv"),
        (b"customerNo\tname\n", "csv"),
        (b'"customerNo","name"\r\n"1","Kari"', "csv"),
        (b'  "a ""quoted"" header";"name"\n', "csv"),
        (b'"just a JSON string"', "json"),
        (b"", "jsonl"),
        (b"hello world", None),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff", None),
        (b"\xff\xfec\x00u\x00", None),
        (b"\r\n\r\ncustomerNo;name\r\n", "csv"),  # the header after blank lines
    ],
)
def test_detect_format(head: bytes, fmt: str | None) -> None:
    assert detect_format(head) == fmt


# -- JSONL ---------------------------------------------------------------------------------


def test_jsonl_records_keep_their_line_numbers_and_skip_blank_lines() -> None:
    data = f"{json.dumps(CUSTOMER)}\r\n\r\n   \n{json.dumps(CUSTOMER)}\n"
    records = _read(data, "a.jsonl")
    assert [(r.index, r.line) for r in records] == [(1, 1), (2, 4)]
    assert records[0].payload == json.dumps(CUSTOMER)  # CRLF stripped
    assert records[0].format == "jsonl"


def test_a_bad_jsonl_line_is_a_record_not_the_end() -> None:
    data = f'{json.dumps(CUSTOMER)}\n{{"name": broken\n{json.dumps(CUSTOMER)}\n'
    records = _read(data, "a.jsonl")
    assert [r.line for r in records] == [1, 2, 3]
    assert records[1].payload == '{"name": broken'


def test_bom_is_skipped() -> None:
    records = _read(b"\xef\xbb\xbf" + json.dumps(CUSTOMER).encode(), "a.jsonl")
    assert json.loads(records[0].payload) == CUSTOMER


def test_undecodable_line_is_a_finding_for_that_line_only() -> None:
    data = b'{"name": "\xe6\xf8\xe5"}\n' + json.dumps(CUSTOMER).encode() + b"\n"
    first, second = _read(data, "a.jsonl")
    assert first.problem is not None and first.problem.rule == "schema.json"
    assert "UTF-8" in first.problem.message
    assert first.raw == b'{"name": "\xe6\xf8\xe5"}\n'
    assert second.problem is None


def test_oversized_line_is_a_finding_and_reading_goes_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(file_records, "MAX_RECORD_BYTES", 64)
    monkeypatch.setattr(file_records, "CHUNK", 16)
    big = json.dumps({"name": "x" * 500})
    data = f"{json.dumps(CUSTOMER)}\n{big}\n{json.dumps(CUSTOMER)}\n"
    records = _read(data, "a.jsonl")
    assert [r.line for r in records] == [1, 2, 3]
    assert records[1].problem is not None and records[1].problem.rule == "input.too-large"
    assert records[2].payload == json.dumps(CUSTOMER)


def test_jsonl_by_name_reads_every_line_even_a_first_line_of_prose() -> None:
    """A file named JSON Lines is JSON Lines (a split file's first line may be a broken
    record); only content whose format is sniffed must start like JSON."""
    first, second = _read("+47 99887766\n{}\n", "a.jsonl")
    assert (first.payload, first.line, second.payload, second.line) == ("+47 99887766", 1, "{}", 2)
    with pytest.raises(InputError):
        _read("hello there\n{}\n", "<stdin>")


def test_stdin_jsonl_is_told_from_a_json_document() -> None:
    jsonl = _read(f"{json.dumps(CUSTOMER)}\n\n{json.dumps(CUSTOMER)}\n", "<stdin>")
    assert [(r.format, r.line) for r in jsonl] == [("jsonl", 1), ("jsonl", 3)]
    single = _read(json.dumps(CUSTOMER) + "\n\n", "<stdin>")
    assert [r.format for r in single] == ["json"]
    pretty = _read(json.dumps(CUSTOMER, indent=2), "<stdin>")
    assert [r.format for r in pretty] == ["json"]


def test_reading_works_on_a_trickling_stream() -> None:
    data = (json.dumps(CUSTOMER) + "\n") * 3
    records = list(read_records(io.BufferedReader(_OneByteAtATime(data.encode())), "a.jsonl"))
    assert len(records) == 3


# -- JSON documents and arrays -------------------------------------------------------------


def test_single_document_and_batch_body() -> None:
    (one,) = _read(json.dumps({"customer": CUSTOMER}, indent=2), "a.json")
    assert not one.batch and one.line == 1 and one.multiline
    (batch,) = _read(json.dumps({"metadata": {}, "customers": [CUSTOMER]}), "b.json")
    assert batch.batch


@pytest.mark.parametrize("chunk", [5, 64, 1 << 20])
def test_json_array_streams_elements_with_their_start_lines(
    chunk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(file_records, "CHUNK", chunk)
    text = json.dumps([CUSTOMER, {"customer": CUSTOMER}, CUSTOMER] * 5, indent=2)
    records = _read(text, "a.json")
    assert [r.index for r in records] == list(range(1, 16))
    lines = text.split("\n")
    for record in records:
        assert lines[record.line - 1].strip() == "{"
        assert record.payload is not None and json.loads(record.payload) in (
            CUSTOMER,
            {"customer": CUSTOMER},
        )


def test_json_array_read_in_small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(file_records, "CHUNK", 7)
    items: list[Any] = [CUSTOMER, 12345678901234, -1.5e3, "x", None, [1, [2]], True]
    records = _read(json.dumps(items), "a.json")
    assert [json.loads(r.payload) for r in records] == items


@pytest.mark.parametrize(
    ("text", "good", "detail"),
    [
        ('[{"a": 1}, {"b": 2}', 2, "not closed"),
        ('[{"a": 1} {"b": 2}]', 1, "expected ','"),
        ('[{"a": 1}] trailing', 1, "extra data"),
    ],
)
def test_broken_arrays_end_with_a_schema_json_finding(text: str, good: int, detail: str) -> None:
    records = _read(text, "a.json")
    assert all(r.problem is None for r in records[:good])
    last = records[-1]
    assert last.problem is not None and last.problem.rule == "schema.json"
    assert detail in last.problem.message


def test_broken_element_goes_to_the_validator_as_text() -> None:
    records = _read('[\n{"a": 1},\n{"b": nope}\n]', "a.json")
    assert records[-1].line == 3
    assert records[-1].payload is not None and records[-1].payload.startswith('{"b": nope}')


def test_empty_array_has_no_records() -> None:
    assert _read("[ ]", "a.json") == []


def test_oversized_document_is_a_finding(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(file_records, "MAX_DOCUMENT_BYTES", 100)
    (record,) = _read(json.dumps({"customer": {"name": "x" * 200}}), "a.json")
    assert record.problem is not None and record.problem.rule == "input.too-large"


@pytest.mark.parametrize("data", [b"hello", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01"])
def test_not_json_at_all(data: bytes) -> None:
    with pytest.raises(InputError):
        _read(data, "a.json")


# -- CSV -----------------------------------------------------------------------------------


def test_csv_rows_with_numbers_and_typed_cells() -> None:
    data = "customerNo,name,dueDays,emailAddressDocument\r\n1,Kari,14,a@x.no;b@x.no\r\n"
    (record,) = _read(data, "a.csv")
    assert record.payload == {
        "customerNo": "1",
        "name": "Kari",
        "dueDays": 14,
        "emailAddressDocument": ["a@x.no", "b@x.no"],
    }
    assert (record.line, record.row, record.index) == (2, 2, 1)
    assert record.header == ("customerNo", "name", "dueDays", "emailAddressDocument")


def test_csv_semicolon_delimiter_bom_and_multiline_cells() -> None:
    data = '\ufeffcustomerNo;name;customerMessage\n1;Kari;"two\nlines"\n2;Ola;x\n'
    records = _read(data, "a.csv")
    assert [r.payload["name"] for r in records] == ["Kari", "Ola"]
    assert [(r.line, r.row) for r in records] == [(2, 2), (4, 3)]
    assert records[0].payload["customerMessage"] == "two\nlines"


def test_csv_extra_cells_and_short_rows() -> None:
    data = "customerNo,name\n1,Kari,oops\n2\n3,Ola,,\n"
    bad, short, trailing = _read(data, "a.csv")
    assert bad.problem is not None and bad.problem.rule == "schema.json"
    assert "beyond the last column" in bad.problem.message
    assert short.payload == {"customerNo": "2"}
    assert trailing.payload == {"customerNo": "3", "name": "Ola"}


def test_csv_blank_rows_and_trailing_empty_columns_are_ignored() -> None:
    data = "customerNo,name,,\n\n1,Kari,,\n,,,\n"
    (record,) = _read(data, "a.csv")
    assert record.payload == {"customerNo": "1", "name": "Kari"}


def test_csv_latin1_row_is_a_finding_not_a_crash() -> None:
    data = b"customerNo,name\n1,Tr\xf8ndelag\n2,Oslo\n"
    first, second = _read(data, "a.csv")
    assert first.problem is not None and first.problem.rule == "schema.json"
    assert second.payload == {"customerNo": "2", "name": "Oslo"}


def test_csv_header_with_a_column_twice_is_unreadable_input() -> None:
    with pytest.raises(InputError, match="twice"):
        _read("customerNo,name,customerNo\nx,y,z\n", "a.csv")


def test_csv_row_with_cells_in_a_and_a_dot_b_is_a_finding() -> None:
    data = "customerNo,distribution,distribution.type\n1,M,\n2,M,H\n3,,H\n"
    first, second, third = _read(data, "a.csv")
    assert first.payload == {"customerNo": "1", "distribution": "M"}
    assert second.problem is not None and second.problem.rule == "schema.json"
    assert "cells in both 'distribution' and 'distribution.type'" in second.problem.message
    assert third.payload == {"customerNo": "3", "distribution": {"type": "H"}}


def test_csv_metadata_column_makes_a_request_body() -> None:
    (record,) = _read("metadata.userId,customerNo\nTestUser,1\n", "a.csv")
    assert record.payload == {"metadata": {"userId": "TestUser"}, "customer": {"customerNo": "1"}}


@pytest.mark.parametrize(
    ("data", "header"),
    [
        ("\r\n \r\ncustomerNo;name\r\n1;Kari\r\n", ("customerNo", "name")),
        ('"name;x"\r\nKari\r\n', ("name;x",)),  # a quoted ';' is no delimiter
        ('"a,b";name\r\nx;Kari\r\n', ("a,b", "name")),  # nor a quoted ','
        ('"multi\nline",name\r\nx,Kari\r\n', ("multi\nline", "name")),
        ("customerNo\tname\r\n1\tKari\r\n", ("customerNo", "name")),
    ],
)
def test_csv_delimiter_comes_from_the_header_as_the_reader_reads_it(
    data: str, header: tuple[str, ...]
) -> None:
    (record,) = _read(data, "a.csv")
    assert record.header == header
    assert record.problem is None


def test_csv_header_cells_are_restored_like_data_cells() -> None:
    (record,) = _read("'-x,'=y,''z,name\r\n1,2,3,Kari\r\n", "a.csv")
    assert record.header == ("-x", "=y", "'z", "name")
    assert record.payload == {"-x": "1", "=y": "2", "'z": "3", "name": "Kari"}


def test_csv_header_cells_that_are_the_same_once_restored_appear_twice() -> None:
    with pytest.raises(InputError, match="appears twice"):
        _read("-x,'-x\r\n1,2\r\n", "a.csv")


def test_csv_cell_with_a_nul_byte_is_a_row_finding() -> None:
    first, second = _read(b"customerNo,name\r\n1,Ka\x00ri\r\n2,Ola\r\n", "a.csv")
    assert first.payload is None and first.problem is not None
    assert first.problem.rule == "schema.json" and "NUL" in first.problem.message
    assert first.cells == ("1", "Ka\x00ri")  # kept as read
    assert second.payload == {"customerNo": "2", "name": "Ola"}


# -- JSON Pointer to line ------------------------------------------------------------------


def test_pointer_lines_of_the_docs_example() -> None:
    from pathlib import Path

    text = (Path(__file__).parent.parent / "examples" / "post-customer.request.json").read_text()
    lines = pointer_lines(text)
    source = text.split("\n")
    assert '"bankAccountNo"' in source[lines["/customer/bankAccountNo"] - 1]
    assert '"987654321"' in source[lines["/customer/peppolBlockIds/0"] - 1]
    assert '"cityName"' in source[lines["/customer/postalAddress/cityName"] - 1]
    assert pointer_line(lines, "/customer/missing") == lines["/customer"]


def test_pointer_lines_escapes_keys() -> None:
    lines = pointer_lines('{\n"a/b": {\n"c~d": 1}}')
    assert lines["/a~1b"] == 2 and lines["/a~1b/c~0d"] == 3


# -- garbage -------------------------------------------------------------------------------


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.binary(max_size=300)
    | st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.sampled_from(["a.json", "a.jsonl", "a.csv", "<stdin>"]),
)
def test_any_bytes_give_records_or_input_error(data: bytes, name: str) -> None:
    try:
        records = _read(data, name)
    except InputError:
        return
    for record in records:
        assert record.payload is not None or record.problem is not None


@settings(max_examples=100, deadline=None)
@given(st.recursive(st.none() | st.integers() | st.text(max_size=5), st.lists, max_leaves=20))
def test_any_json_array_streams_back_exactly(value: Any) -> None:
    items = value if isinstance(value, list) else [value]
    text = json.dumps(items, indent=1)
    assert [json.loads(r.payload) for r in _read(text, "a.json")] == items
