"""Readers: turn a file or a stream into customer records, in constant memory.

Formats, by file extension or, failing that (stdin, other names), by content:

``json``
    One JSON document: a request body or a bare customer (one record), the batch body
    ``{"metadata": ..., "customers": [...]}`` (one record, checked as a batch), or a JSON array of
    request bodies or customers (one record per element, read incrementally, so an array of any
    size takes constant memory). Other documents are read whole, up to
    :data:`MAX_DOCUMENT_BYTES`.
``jsonl`` (also ``.ndjson``)
    One JSON value per line, read line by line; blank lines are skipped. A line that is not
    JSON is a finding for that line (``schema.json``), not the end of the file.
``csv``
    One customer per row, in the layout of :mod:`armvalidate.csvlayout`. The delimiter is ``,``,
    or ``;`` or TAB when the header (the first row that is not blank) has no comma outside
    quotes. Header cells are read like data cells: an apostrophe put in front by a writer that
    neutralises formulas (:func:`armvalidate.csvlayout.restore`) is dropped.

Text is UTF-8 with or without a byte order mark; CRLF line ends are fine. Bytes that are not
UTF-8 make a finding (``schema.json``) for their record only. A record larger than
:data:`MAX_RECORD_BYTES` is a finding (``input.too-large``), never a memory exhaustion. A CSV row
that cannot be mapped onto the header (more cells than columns, cells in both ``a`` and ``a.b``,
a NUL byte in a cell) is a ``schema.json`` finding for that row: like unreadable JSON, it is not
checked. A file that is not JSON, JSONL or CSV at all (a binary file; plain prose whose format
is sniffed, not named) raises :class:`InputError`; so does a CSV header that names a column
twice or has a NUL byte in a column name. Every line of a file named JSON Lines is a record,
JSON or not.

>>> import io
>>> data = io.BytesIO(b'{"customerNo": "1", "name": "Kari"}\\n\\nnot json\\n')
>>> for r in read_records(data, "in.jsonl"):
...     print(r.index, r.line, r.payload)
1 1 {"customerNo": "1", "name": "Kari"}
2 3 not json
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import IO, Any, Literal

from armvalidate.checks.limits import TOO_LARGE
from armvalidate.csvlayout import (
    CsvLayout,
    LayoutError,
    ListTooLong,
    layout_from_json_schema,
    restore,
)
from armvalidate.decode import JSON as SCHEMA_JSON
from armvalidate.report import Issue

__all__ = [
    "MAX_DOCUMENT_BYTES",
    "MAX_RECORD_BYTES",
    "Format",
    "InputError",
    "Record",
    "default_layout",
    "detect_format",
    "format_from_name",
    "pointer_line",
    "pointer_lines",
    "read_records",
]

Format = Literal["json", "jsonl", "csv"]

MAX_RECORD_BYTES = 16 * 1024 * 1024
"""The largest record (a JSONL line, an element of a JSON array, a CSV row) that is read."""

MAX_DOCUMENT_BYTES = 64 * 1024 * 1024
"""The largest JSON document read whole (a single object or a batch body; arrays stream)."""

_CHUNK = 1024 * 1024
_SNIFF = 8192
_BOM = b"\xef\xbb\xbf"
_JSON_START = frozenset(b'{["-0123456789tfnIN"')
_EOL = re.compile(rb"[\r\n]")
_QUOTED_CSV_CELL = re.compile(rb'\s*"(?:[^"\r\n]|"")*"\s*[,;\t]')


class InputError(Exception):
    """The input cannot be read at all: not JSON, JSONL or CSV (the CLI exits with 2).

    The message never quotes the content of the file.
    """


@dataclass(frozen=True)
class Record:
    """One record to validate, with where it came from.

    ``payload`` is what the validator gets: JSON text (``str``) for JSON inputs, a dict for CSV
    rows, or ``None`` when the record could not be read (``problem`` then says why). ``line`` is
    the 1-based line where the record (and ``text``) starts; ``row`` the CSV row number as a
    spreadsheet shows it (the header is row 1). For writing the record out again: ``text`` is
    its original JSON text, ``raw`` its bytes when they are not UTF-8, ``header`` and ``cells``
    the CSV header and the row's cells as read. ``batch`` marks a batch body
    (``{"metadata": ..., "customers": [...]}``).
    """

    source: str
    index: int
    line: int
    payload: Any
    format: Format
    text: str | None = field(default=None, repr=False)
    row: int | None = None
    header: tuple[str, ...] | None = field(default=None, repr=False)
    cells: tuple[str, ...] | None = field(default=None, repr=False)
    raw: bytes | None = field(default=None, repr=False)
    batch: bool = False
    problem: Issue | None = None

    @property
    def multiline(self) -> bool:
        """Does the record's text span several lines (so findings get their own lines)?"""
        return self.text is not None and "\n" in self.text


# -- format detection ------------------------------------------------------------------------

_EXTENSIONS: Mapping[str, Format] = {
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
}


def format_from_name(name: str) -> Format | None:
    """The format a file name's extension says.

    >>> format_from_name("kunder.ndjson"), format_from_name("a.CSV"), format_from_name("-")
    ('jsonl', 'csv', None)
    """
    return _EXTENSIONS.get(os.path.splitext(name)[1].lower())


def _first_significant(head: bytes) -> int | None:
    body = head[3:] if head.startswith(_BOM) else head
    stripped = body.lstrip(b" \t\r\n")
    return stripped[0] if stripped else None


def detect_format(head: bytes) -> Format | Literal["json?"] | None:
    """Guess the format from the first bytes of the content.

    ``"json?"`` means a JSON object that may be one document or the first line of JSONL (the
    reader decides by reading on); ``None`` means not JSON, JSONL or CSV. Empty content is
    JSONL (no records).

    >>> detect_format(b'[{"name": "x"}]'), detect_format(b'\\xef\\xbb\\xbf{"a": 1}')
    ('json', 'json?')
    >>> detect_format(b"customerNo;name\\r\\n1;Kari\\r\\n"), detect_format(b"\\x89PNG\\x00")
    ('csv', None)
    >>> detect_format(b'"customerNo","name"\\n"1","Kari"\\n'), detect_format(b'"text"')
    ('csv', 'json')
    """
    if _binary(head):
        return None
    first = _first_significant(head)
    if first is None:
        return "jsonl"
    if first == ord("["):
        return "json"
    if first == ord("{"):
        return "json?"
    if first == ord('"') and _QUOTED_CSV_CELL.match(head.removeprefix(_BOM)):
        return "csv"  # a quoted header cell: "customerNo","name"
    if first in _JSON_START:
        return "json"
    text = _first_text_line(head)
    if any(d in text for d in ",;\t") and text.replace("\t", " ").isprintable():
        return "csv"
    return None


def _first_text_line(head: bytes) -> str:
    """The first line of ``head`` that is not blank (without its line end), as text."""
    body = head[3:] if head.startswith(_BOM) else head
    for raw in body.split(b"\n"):
        if raw.strip():
            return raw.rstrip(b"\r").decode("utf-8", errors="replace")
    return ""


def _binary(head: bytes) -> str | None:
    """Why ``head`` is not UTF-8 text (``None`` if it may be): UTF-16, or NUL bytes in
    something that is not UTF-8, or more NUL bytes than text has."""
    if head.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "UTF-32 text; save the file as UTF-8"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16 text; save the file as UTF-8"
    nul = head.count(b"\x00")
    if not nul:
        return None
    if nul * 4 > len(head):
        return "binary content (many NUL bytes)"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 3:  # not just a character cut by the sniff window
            return "binary content (NUL bytes, not UTF-8)"
    return None


# -- a byte source with push-back ------------------------------------------------------------


class _Source(io.RawIOBase):
    """A readable binary stream over another, with ``unread`` (push-back) and ``peek``.

    Pending bytes are consumed by moving an offset, never by slicing the buffer per line.
    """

    def __init__(self, stream: IO[bytes]) -> None:
        super().__init__()
        self._stream = stream
        self._pending = b""
        self._pos = 0

    def readable(self) -> bool:
        return True

    def unread(self, data: bytes) -> None:
        self._pending = data + self._pending[self._pos :]
        self._pos = 0

    def _refill(self) -> bool:
        self._pending = self._stream.read(_CHUNK)
        self._pos = 0
        return bool(self._pending)

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        available = len(self._pending) - self._pos
        if available > 0:
            n = min(len(view), available)
            view[:n] = self._pending[self._pos : self._pos + n]
            self._pos += n
            return n
        data = self._stream.read(len(view))
        n = len(data)
        view[:n] = data
        return n

    def read_upto(self, size: int) -> bytes:
        """Up to ``size`` bytes: fewer only at the end of the stream."""
        parts: list[bytes] = []
        want = size
        while want > 0:
            chunk = self.read(min(want, _CHUNK))
            if not chunk:
                break
            parts.append(chunk)
            want -= len(chunk)
        return b"".join(parts)

    def peek_upto(self, size: int) -> bytes:
        data = self.read_upto(size)
        self.unread(data)
        return data

    def _line_end(self) -> tuple[int, int]:
        """Where the next line of the pending bytes ends: (start, end) of its line end (CR,
        LF or CRLF), or (-1, len) if the pending bytes hold none. A CR that ends the pending
        bytes is looked past, so that a CRLF cut by a chunk boundary stays one line end."""
        match = _EOL.search(self._pending, self._pos)
        if match is None:
            return -1, len(self._pending)
        cut = match.start()
        end = cut + 1
        if self._pending[cut] == 0x0D:
            if end == len(self._pending):
                more = self._stream.read(_CHUNK)
                if more:
                    self._pending = self._pending[self._pos :] + more
                    cut -= self._pos
                    end -= self._pos
                    self._pos = 0
            if end < len(self._pending) and self._pending[end] == 0x0A:
                end += 1
        return cut, end

    def readline_upto(self, limit: int) -> tuple[bytes, bool]:
        """One line (ended by LF, CRLF or a lone CR) of at most ``limit`` bytes; if longer,
        the rest of the line is skipped and the second value is True."""
        parts: list[bytes] = []
        size = 0
        while True:
            if self._pos >= len(self._pending) and not self._refill():
                return b"".join(parts), False
            cut, end = self._line_end()
            size += end - self._pos
            if size > limit:
                self._pos = end
                while cut < 0:  # too long: skip to the end of the line
                    if not self._refill():
                        break
                    cut, end = self._line_end()
                    self._pos = end
                return b"", True
            piece = self._pending[self._pos : end]
            self._pos = end
            if cut >= 0:
                if not parts:
                    return piece, False
                parts.append(piece)
                return b"".join(parts), False
            parts.append(piece)


# -- the entry point -------------------------------------------------------------------------


def read_records(
    stream: IO[bytes],
    name: str,
    *,
    format: Format | None = None,
    layout: CsvLayout | None = None,
    max_row_bytes: int = 1 << 20,
) -> Iterator[Record]:
    """Read ``stream`` (binary) and yield its records in file order.

    ``name`` is the file's display name (its extension gives the format unless ``format`` is
    given; otherwise the content decides). A CSV row larger than ``max_row_bytes`` (UTF-8,
    without its line end; the profile's ``max-bytes`` of a record, 1 MiB by default) is an
    ``input.too-large`` finding and is not read; JSON records are held to it by the validator.
    Raises :class:`InputError`, possibly after some
    records, when the content is not JSON, JSONL or CSV at all.
    """
    source = _Source(stream)
    head = source.peek_upto(_SNIFF)
    fmt = format or format_from_name(name)
    sniffed = detect_format(head)
    why = _binary(head)
    if why:
        raise InputError(f"not JSON, JSONL or CSV: {why}")
    if fmt is None:
        if sniffed is None:
            raise InputError("not JSON, JSONL or CSV: cannot tell the format of the content")
        if sniffed == "json?":
            yield from _read_json_or_jsonl(source, name)
            return
        fmt = sniffed
    if fmt == "jsonl":
        yield from _read_jsonl(source, name)
    elif fmt == "csv":
        yield from _read_csv(source, name, layout or default_layout(), max_row_bytes)
    else:
        yield from _read_json(source, name)


# -- JSONL -----------------------------------------------------------------------------------


def _decode(raw: bytes) -> str | None:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _encoding_problem(what: str) -> Issue:
    return Issue(
        rule=SCHEMA_JSON.id,
        severity=SCHEMA_JSON.severity,
        path="",
        field="",
        message=f"{what} is not valid UTF-8 text; save the file as UTF-8",
    )


def _too_large_problem(what: str, limit: int, *, detail: str | None = None) -> Issue:
    if detail is not None:
        return Issue(
            rule=TOO_LARGE.id, severity=TOO_LARGE.severity, path="", field="", message=detail
        )
    size = f"{limit // (1 << 20)} MiB" if limit % (1 << 20) == 0 else f"{limit:,} bytes"
    return Issue(
        rule=TOO_LARGE.id,
        severity=TOO_LARGE.severity,
        path="",
        field="",
        message=f"{what} is larger than {size} and was not read",
        context={"limit_bytes": limit},
    )


def _jsonl_record(raw: bytes, name: str, index: int, line: int, too_large: bool) -> Record:
    if too_large:
        problem = _too_large_problem("the line", MAX_RECORD_BYTES)
        return Record(name, index, line, None, "jsonl", problem=problem)
    text = _decode(raw)
    if text is None:
        problem = _encoding_problem("the line")
        return Record(name, index, line, None, "jsonl", raw=raw, problem=problem)
    text = text.rstrip("\r\n")
    return Record(name, index, line, text, "jsonl", text=text)


def _read_jsonl(source: _Source, name: str) -> Iterator[Record]:
    """Every non-blank line is a record, whatever it holds: the format was named (by the
    extension or by the caller), or sniffed from a first line that is JSON. So the split
    writer's JSONL file reads back even when its first line is not JSON."""
    index = 0
    line_no = 0
    while True:
        raw, too_large = source.readline_upto(MAX_RECORD_BYTES)
        if not raw and not too_large:
            return
        line_no += 1
        if line_no == 1 and raw.startswith(_BOM):
            raw = raw[3:]
        if not too_large and not raw.strip():
            continue
        index += 1
        yield _jsonl_record(raw, name, index, line_no, too_large)


def _read_json_or_jsonl(source: _Source, name: str) -> Iterator[Record]:
    """Content starting with ``{``: JSONL if its first line is a JSON value and another
    non-blank line follows, else one JSON document."""
    first, too_large = source.readline_upto(MAX_RECORD_BYTES)
    if too_large:  # an oversized first line: certainly not a small JSON document
        yield _jsonl_record(b"", name, 1, 1, True)
        yield from _renumber(_read_jsonl(source, name), index=1, line=1)
        return
    text = _decode(first[3:] if first.startswith(_BOM) else first)
    jsonl = False
    if text is not None and text.strip():
        try:
            json.loads(text)
        except (ValueError, RecursionError):
            pass
        else:
            following = source.peek_upto(_SNIFF)
            jsonl = bool(following.strip())
    source.unread(first)
    if jsonl:
        yield from _read_jsonl(source, name)
    else:
        yield from _read_json(source, name)


def _renumber(records: Iterator[Record], *, index: int, line: int) -> Iterator[Record]:
    for r in records:
        yield replace(r, index=r.index + index, line=r.line + line)


# -- JSON documents --------------------------------------------------------------------------


def _read_json(source: _Source, name: str) -> Iterator[Record]:
    head = source.peek_upto(_SNIFF)
    first = _first_significant(head)
    if first == ord("["):
        yield from _read_json_array(source, name)
        return
    if first is not None and first not in _JSON_START:
        raise InputError("not JSON: the content does not start like a JSON value")
    data = source.read_upto(MAX_DOCUMENT_BYTES + 1)
    if len(data) > MAX_DOCUMENT_BYTES:
        problem = _too_large_problem("the JSON document", MAX_DOCUMENT_BYTES)
        yield Record(name, 1, 1, None, "json", problem=problem)
        return
    if data.startswith(_BOM):
        data = data[3:]
    if not data.strip(b" \t\r\n"):
        return  # an empty file has no records, whatever its name says (like JSONL and CSV)
    text = _decode(data)
    if text is None:
        yield Record(name, 1, 1, None, "json", problem=_encoding_problem("the document"))
        return
    yield Record(name, 1, 1, text, "json", text=text, batch=_is_batch(text))


def _is_batch(text: str) -> bool:
    if '"customers"' not in text:
        return False
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        return False
    return (
        isinstance(value, dict)
        and isinstance(value.get("customers"), list)
        and "customer" not in value
    )


class _TextBuffer:
    """Incrementally decoded text of a byte stream, with line counting of consumed text.

    Undecodable bytes become lone surrogates (``surrogateescape``), found later per element.
    """

    def __init__(self, source: _Source) -> None:
        self._source = source
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="surrogateescape")
        self.buf = ""
        self.pos = 0
        self.eof = False
        self._line = 1
        self._line_pos = 0
        self._first = True

    def fill(self, size: int | None = None) -> bool:
        """Read more text; False at the end of the stream."""
        if self.eof:
            return False
        data = self._source.read_upto(size or _CHUNK)
        if self._first:
            self._first = False
            if data.startswith(_BOM):
                data = data[3:]
        if self.pos > _CHUNK:  # drop consumed text
            self.line_at(self.pos)
            self.buf = self.buf[self.pos :]
            self._line_pos -= self.pos
            self.pos = 0
        if not data:
            self.eof = True
            self.buf += self._decoder.decode(b"", final=True)
            return False
        self.buf += self._decoder.decode(data)
        return True

    def line_at(self, pos: int) -> int:
        """The 1-based line of ``buf[pos]`` (``pos`` never goes backwards)."""
        if pos > self._line_pos:
            self._line += self.buf.count("\n", self._line_pos, pos)
            self._line_pos = pos
        return self._line

    def skip_ws(self) -> str:
        """Skip whitespace; the next character, or ``""`` at the end."""
        while True:
            n = len(self.buf)
            while self.pos < n and self.buf[self.pos] in " \t\r\n":
                self.pos += 1
            if self.pos < n:
                return self.buf[self.pos]
            if not self.fill():
                return ""


_DECODER = json.JSONDecoder()


def _read_json_array(source: _Source, name: str) -> Iterator[Record]:
    """Stream the elements of a top-level JSON array, one record each."""
    tb = _TextBuffer(source)
    tb.skip_ws()
    tb.pos += 1  # the "["
    index = 0
    expect_value = True
    while True:
        ch = tb.skip_ws()
        if ch == "]" and (index == 0 or not expect_value):
            tb.pos += 1
            break
        if ch == "":
            yield _syntax_record(tb, name, index + 1, "the array is not closed with ']'")
            return
        if not expect_value:
            if ch != ",":
                yield _syntax_record(tb, name, index + 1, "expected ',' or ']' after an element")
                return
            tb.pos += 1
            expect_value = True
            continue
        start = tb.pos
        too_large = False
        while True:
            try:
                _, end = _DECODER.raw_decode(tb.buf, start)
            except (ValueError, RecursionError):
                have = len(tb.buf) - start
                if have > MAX_RECORD_BYTES:
                    too_large = True
                    break
                if tb.fill(min(max(_CHUNK, have), MAX_RECORD_BYTES + 1 - have)):
                    start = tb.pos
                    continue
                index += 1
                yield _syntax_record(tb, name, index, None)
                return
            if end == len(tb.buf) and tb.fill():
                start = tb.pos
                continue  # a number may go on, and the separator must be seen
            break
        index += 1
        if too_large:  # reported, skipped, and the array read on
            line = tb.line_at(start)
            problem = _too_large_problem("the array element", MAX_RECORD_BYTES)
            yield Record(name, index, line, None, "json", problem=problem)
            if not _skip_value(tb):
                yield _syntax_record(tb, name, index + 1, "the array is not closed with ']'")
                return
            expect_value = False
            continue
        text = tb.buf[start:end]
        line = tb.line_at(start)
        tb.pos = end
        expect_value = False
        if _has_surrogates(text):
            problem = _encoding_problem("the array element")
            yield Record(name, index, line, None, "json", problem=problem)
            continue
        yield Record(name, index, line, text, "json", text=text)
    if tb.skip_ws():
        yield _syntax_record(tb, name, index + 1, "extra data after the closing ']'")


_VALUE_EVENT = re.compile(r'["\[\]{}]')
_STRING_EVENT = re.compile(r'["\\]')
_SCALAR_END = re.compile(r"[,\]\s]")


def _skip_value(tb: _TextBuffer) -> bool:
    """Move ``tb.pos`` past the JSON value that starts there, without parsing or keeping it
    (an element too large to read): strings are skipped to their closing quote, brackets
    counted. False if the text ends first. Constant memory: ``tb`` drops what is consumed."""
    pos = tb.pos
    depth = 0
    in_string = False
    scalar = tb.buf[pos] not in '{["'
    while True:
        if scalar:
            match = _SCALAR_END.search(tb.buf, pos)
            if match is not None:
                tb.pos = match.start()
                return True
            tb.pos = len(tb.buf)
        elif in_string:
            match = _STRING_EVENT.search(tb.buf, pos)
            if match is not None and match.group() == "\\":
                if match.end() < len(tb.buf):
                    pos = match.end() + 1  # the escaped character
                    continue
                tb.pos = match.start()  # the escape is cut by the buffer's end: read on
            elif match is not None:
                in_string = False
                pos = match.end()
                if depth == 0:
                    tb.pos = pos
                    return True
                continue
            else:
                tb.pos = len(tb.buf)
        else:
            match = _VALUE_EVENT.search(tb.buf, pos)
            if match is not None:
                ch = match.group()
                pos = match.end()
                if ch == '"':
                    in_string = True
                elif ch in "[{":
                    depth += 1
                else:
                    depth -= 1
                    if depth <= 0:
                        tb.pos = pos
                        return True
                continue
            tb.pos = len(tb.buf)
        if not tb.fill():
            return scalar
        pos = tb.pos


def _syntax_record(tb: _TextBuffer, name: str, index: int, detail: str | None) -> Record:
    """A record for a syntax error at ``tb.pos``. With ``detail`` (an error between elements)
    the finding is made here; otherwise the element's text goes to the validator, which says
    exactly what is wrong (``schema.json``)."""
    line = tb.line_at(tb.pos)
    if detail is not None:
        problem = Issue(
            rule=SCHEMA_JSON.id,
            severity=SCHEMA_JSON.severity,
            path="",
            field="",
            message=f"not valid JSON: {detail} (line {line})",
        )
        return Record(name, index, line, None, "json", problem=problem)
    fragment = tb.buf[tb.pos : tb.pos + MAX_RECORD_BYTES]
    if _has_surrogates(fragment):
        return Record(name, index, line, None, "json", problem=_encoding_problem("the array"))
    return Record(name, index, line, fragment, "json", text=fragment)


def _has_surrogates(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


# -- CSV -------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def default_layout() -> CsvLayout:
    """The CSV layout of the request body, from the models' JSON Schema."""
    from armvalidate.schema import json_schema

    return layout_from_json_schema(json_schema("update"))


def _blank(cells: list[str]) -> bool:
    """A row the reader passes over: no cell holds more than whitespace."""
    return not any(c.strip() for c in cells)


def _delimiter(head: str) -> str:
    """The delimiter of the CSV text that starts with ``head``: ``,``, else ``;``, else TAB,
    whichever splits the header (the first row that is not blank, read as the reader will read
    it, quotes and all) into more than one cell; ``,`` for a header of one cell.

    >>> _delimiter("customerNo;name\\r\\n"), _delimiter("\\r\\n\\r\\na\\tb\\r\\n")
    (';', '\\t')
    >>> _delimiter('"name;x"\\r\\nKari\\r\\n'), _delimiter('"a,b";c\\r\\n')
    (',', ';')
    """
    for delimiter in (",", ";", "\t"):
        reader = csv.reader(io.StringIO(head, newline=""), delimiter=delimiter, strict=False)
        try:
            header = next((cells for cells in reader if not _blank(cells)), [])
        except csv.Error:  # a NUL byte (Python 3.10) or a cell cut by the sniff window
            continue
        if len(header) > 1:
            return delimiter
    return ","


_START, _FIELD, _QUOTED, _QUOTE_IN_QUOTED = range(4)


def _csv_state(
    piece: str, state: int, events: re.Pattern[str], fast: Sequence[re.Pattern[str]] = ()
) -> int:
    """The state of the CSV parser (:mod:`csv`, ``strict=False``) after ``piece``, a line or a
    part of one, read from ``state``: only quotes and delimiters matter. A quote opens a quoted
    cell only at the start of a cell; in one, a doubled quote is a quote and a single one ends
    the quoted part (what follows it up to the delimiter is read on as plain text)."""
    if '"' not in piece and piece[-1:] in ("\n", "\r"):  # the common case: no quote
        return _QUOTED if state == _QUOTED else _FIELD
    if fast and piece[-1:] in ("\n", "\r"):  # whole lines of common shapes, matched in C
        whole, opens, closes = fast
        if state == _START:
            if whole.fullmatch(piece):
                return _FIELD  # plain and well-quoted cells
            if opens.fullmatch(piece):
                return _QUOTED  # ... and a quoted cell that goes on in the next line
        elif state == _QUOTED:
            if '"' not in piece:
                return _QUOTED
            if closes.fullmatch(piece):
                return _FIELD  # the quoted cell ends, and plain or well-quoted cells follow
    begin = 0 if state == _START else -1
    quote_at = -1 if state == _QUOTE_IN_QUOTED else -2
    for match in events.finditer(piece):
        i = match.start()
        ch = piece[i]
        if state == _QUOTED:
            if ch == '"':
                state, quote_at = _QUOTE_IN_QUOTED, i
            continue
        if state == _QUOTE_IN_QUOTED:
            if ch == '"' and i == quote_at + 1:
                state = _QUOTED
                continue
            state = _FIELD
        if ch == '"':
            state = _QUOTED if state == _START and i == begin else _FIELD
        else:
            state, begin = _START, i + 1
    content = len(piece.rstrip("\r\n")) if state != _QUOTED else len(piece)
    if (state == _START and begin < content) or (
        state == _QUOTE_IN_QUOTED and quote_at + 1 < content
    ):
        state = _FIELD
    return state


_Row = tuple[int, int, list[str] | None, bool]


def _csv_rows(text: IO[str], delimiter: str, limit: list[int]) -> Iterator[_Row]:
    """The rows of CSV ``text`` as the parser will see them, cut at line ends outside quoted
    cells: (first line, last line, the row's text in pieces, the text ended inside a quoted
    cell). The pieces are ``None`` for a row longer than ``limit[0]`` (read as each row
    starts: the caller lowers it once the header is read): it is read to its end, not kept. So a
    quoted cell too large to read can neither end the reading nor make rows of its content."""
    events = re.compile(f'["{re.escape(delimiter)}]')
    d = re.escape(delimiter)
    plain = f'[^"{d}\\r\\n]*'
    quoted = '(?:[^"]|"")*'
    cell = f'(?:{plain}|"{quoted}")'
    end = "(?:\\r\\n|\\r|\\n)"
    fast = (
        re.compile(f"{cell}(?:{d}{cell})*{end}"),
        re.compile(f'(?:{cell}{d})*"{quoted}'),
        re.compile(f'{quoted}"{plain}(?:{d}{cell})*{end}'),
    )
    line = 0
    start = 1
    pieces: list[str] | None = []
    size = 0
    state = _START
    while True:
        piece = text.readline(_CHUNK)
        if not piece:
            if size:
                yield start, line, pieces, state == _QUOTED
            return
        state = _csv_state(piece, state, events, fast)
        size += len(piece)
        if pieces is not None:
            if size > limit[0] + 2:  # (+ the line end)
                pieces = None
            else:
                pieces.append(piece)
        if piece[-1] in "\r\n":
            line += 1
            if state != _QUOTED:
                yield start, line, pieces, False
                start, pieces, size, state = line + 1, [], 0, _START


def _read_csv(
    source: _Source, name: str, layout: CsvLayout, max_row_bytes: int = MAX_RECORD_BYTES
) -> Iterator[Record]:
    head = source.peek_upto(_SNIFF)
    sniffed = _delimiter(head.removeprefix(_BOM).decode("utf-8", errors="replace"))
    text = io.TextIOWrapper(
        io.BufferedReader(source), encoding="utf-8-sig", errors="surrogateescape", newline=""
    )
    limit = min(max_row_bytes, MAX_RECORD_BYTES)
    row_limit = [MAX_RECORD_BYTES]  # for the header; then ``limit``
    old_limit = csv.field_size_limit()
    csv.field_size_limit(MAX_RECORD_BYTES + 2)
    try:
        header: tuple[str, ...] | None = None
        index = 0
        for start, _end, pieces, open_quote in _csv_rows(text, sniffed, row_limit):
            problem: Issue | None = None
            cells: list[str] = []
            if pieces is None:
                if header is None:
                    raise InputError("bad CSV header: the header row is too large to read")
                problem = _too_large_problem("the row", limit)
            elif open_quote:
                if header is None:
                    raise InputError("not CSV: the header row ends inside a quoted cell")
                problem = _csv_problem(
                    "the file ends inside a quoted cell (a closing quote is missing)"
                )
            else:
                if header is not None and _row_bytes(pieces) > limit:
                    problem = _too_large_problem("the row", limit)
                else:
                    try:
                        rows = list(csv.reader(["".join(pieces)], delimiter=sniffed, strict=False))
                    except csv.Error:
                        if header is None:
                            raise InputError("not CSV: the header row cannot be read") from None
                        problem = _csv_problem("a NUL byte or bad quoting")
                    else:
                        if len(rows) > 1:  # (never, if _csv_state is right)
                            problem = _csv_problem("bad quoting")
                        cells = rows[0] if rows else []
            if problem is None and (not any(cells) if header is not None else _blank(cells)):
                continue
            if header is None:
                assert problem is None
                header = _read_header(cells, layout)
                row_limit[0] = limit
                continue
            index += 1
            if problem is not None:
                yield Record(
                    name, index, start, None, "csv", row=index + 1, header=header, problem=problem
                )
                continue
            yield _csv_record(name, index, start, header, cells, layout)
    finally:
        csv.field_size_limit(old_limit)


def _row_bytes(pieces: list[str]) -> int:
    """The size of a row in UTF-8, without its line end."""
    size = sum(len(p) for p in pieces)
    if len(pieces[-1]) and pieces[-1][-1] in "\r\n":
        size -= len(pieces[-1]) - len(pieces[-1].rstrip("\r\n"))
    if all(p.isascii() for p in pieces):
        return size
    return len("".join(pieces).rstrip("\r\n").encode("utf-8", "surrogateescape"))


def _read_header(cells: list[str], layout: CsvLayout) -> tuple[str, ...]:
    header = tuple(restore(c.strip()) for c in cells)
    if any(_has_surrogates(c) for c in header):
        raise InputError("bad CSV header: it is not valid UTF-8 text")
    if any("\x00" in c for c in header):
        # (a row with one is left out as unreadable; a header cannot be, and the split files
        # written under it would be refused as binary by this reader)
        raise InputError("bad CSV header: a column name holds a NUL byte")
    if not any(header):
        # (cells that are empty once unquoted, like a lone "'": no column to read, and the
        # header of a split file written from it would read as a blank line)
        raise InputError("bad CSV header: no column has a name")
    try:
        layout.check_header([c for c in header if c])
    except LayoutError as exc:
        raise InputError(f"bad CSV header: {exc}") from None
    return header


def _csv_problem(detail: str) -> Issue:
    """A row that cannot be read as a customer: like unreadable JSON, it is not checked."""
    return Issue(
        rule=SCHEMA_JSON.id,
        severity=SCHEMA_JSON.severity,
        path="",
        field="",
        message=f"the CSV row cannot be read: {detail}; the row was not checked",
    )


def _csv_record(
    name: str, index: int, line: int, header: tuple[str, ...], cells: list[str], layout: CsvLayout
) -> Record:
    def record(payload: Any, problem: Issue | None = None) -> Record:
        return Record(
            name,
            index,
            line,
            payload,
            "csv",
            row=index + 1,
            header=header,
            cells=tuple(cells),
            problem=problem,
        )

    row: dict[str, str] = {}
    for i, cell in enumerate(cells):
        column = header[i] if i < len(header) else ""
        if column:
            row[column] = cell
        elif restore(cell).strip():  # (as read: the split writer guards a blank cell with "'")
            detail = (
                f"cell {i + 1} is beyond the last column (the header has {len(header)})"
                if i >= len(header)
                else f"cell {i + 1} is under a column without a name"
            )
            return record(None, _csv_problem(detail))
    if any(_has_surrogates(c) for c in row.values()):
        return record(None, _encoding_problem("the row"))
    if any("\x00" in c for c in cells):
        return record(None, _csv_problem("a cell holds a NUL byte"))
    try:
        payload = layout.unflatten(row)
    except ListTooLong as exc:
        problem = _too_large_problem("", 0, detail=f"{exc}; the row was not checked")
        return record(None, problem)
    except LayoutError as exc:
        return record(None, _csv_problem(str(exc)))
    return record(payload)


# -- JSON Pointer to line --------------------------------------------------------------------

_TOKEN = re.compile(r'"(?:[^"\\\n]|\\.)*"?|[{}\[\]:,]|[^\s{}\[\]:,"]+|\s+')


def _escape_pointer(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


def pointer_lines(text: str) -> dict[str, int]:
    """The 1-based line of every JSON Pointer in a JSON text (of the key, for object members).

    Tolerant: on broken JSON it maps what it can.

    >>> lines = pointer_lines('{\\n "customer": {\\n  "ssn": "x",\\n  "a": [1,\\n 2]}}')
    >>> lines["/customer"], lines["/customer/ssn"], lines["/customer/a/1"]
    (2, 3, 5)
    """
    lines: dict[str, int] = {"": 1}
    # Each frame: [kind, pointer, next index, pending key pointer]
    stack: list[list[Any]] = []
    line = 1
    key_pointer: str | None = None
    expect_key = False
    for match in _TOKEN.finditer(text):
        tok = match.group()
        if tok[0] in " \t\r\n":
            line += tok.count("\n")
            continue
        frame = stack[-1] if stack else None
        if frame is not None and frame[0] == "obj" and expect_key and tok[0] == '"':
            try:
                key = json.loads(tok)
            except ValueError:
                key = tok.strip('"')
            key_pointer = f"{frame[1]}/{_escape_pointer(str(key))}"
            lines.setdefault(key_pointer, line)
            expect_key = False
            continue
        if tok == ":":
            continue
        if tok == ",":
            if frame is not None and frame[0] == "obj":
                expect_key = True
            continue
        if tok in "}]":
            if stack:
                stack.pop()
            expect_key = False
            continue
        # A value starts here.
        if frame is None:
            pointer = ""
        elif frame[0] == "arr":
            pointer = f"{frame[1]}/{frame[2]}"
            frame[2] += 1
            lines.setdefault(pointer, line)
        else:
            pointer = key_pointer or frame[1]
        if tok == "{":
            stack.append(["obj", pointer, 0])
            expect_key = True
        elif tok == "[":
            stack.append(["arr", pointer, 0])
    return lines


def pointer_line(lines: Mapping[str, int], pointer: str) -> int:
    """The line of ``pointer``, or of its nearest ancestor that is in ``lines``.

    >>> pointer_line({"": 1, "/customer": 2}, "/customer/name")
    2
    """
    while pointer:
        if pointer in lines:
            return lines[pointer]
        pointer = pointer.rsplit("/", 1)[0]
    return lines.get("", 1)
