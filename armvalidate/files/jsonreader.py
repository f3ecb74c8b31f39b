"""JSON and JSON Lines files: their records, and the line of a JSON Pointer in a record's text.

``json``
    One JSON document: a request body or a bare customer (one record), the batch body
    ``{"metadata": ..., "customers": [...]}`` (one record, checked as a batch), or a JSON array of
    request bodies or customers (one record per element, read incrementally, so an array of any
    size takes constant memory). Other documents are read whole, up to
    :data:`~armvalidate.files.records.MAX_DOCUMENT_BYTES`.
``jsonl`` (also ``.ndjson``)
    One JSON value per line, read line by line; blank lines are skipped. A line that is not
    JSON is a finding for that line (``schema.json``), not the end of the file. Every line of a
    file named JSON Lines is a record, JSON or not.

A record's text goes to the validator as it is: this module parses only as much as it must to
find where a record ends. It imports the standard library and this package's ``records``,
``source`` and ``sniff``; nothing of the CLI, nor the CSV modules.

>>> import io
>>> text = b'[{"customerNo": "1"},\\n {"customerNo": "2"}]'
>>> [(r.index, r.line, r.payload) for r in read_json(Source(io.BytesIO(text)), "in.json")]
[(1, 1, '{"customerNo": "1"}'), (2, 2, '{"customerNo": "2"}')]
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import replace
from typing import Any

import armvalidate.files.records as _records
from armvalidate.decode import line_breaks
from armvalidate.files.records import (
    InputError,
    Record,
    decode_utf8,
    encoding_problem,
    has_surrogates,
    syntax_problem,
    too_large_problem,
)
from armvalidate.files.sniff import JSON_START, SNIFF, first_significant
from armvalidate.files.source import BOM, Source

__all__ = ["pointer_line", "pointer_lines", "read_json", "read_json_or_jsonl", "read_jsonl"]


# -- JSON Lines --------------------------------------------------------------------------------


def _jsonl_record(raw: bytes, name: str, index: int, line: int, too_large: bool) -> Record:
    if too_large:
        problem = too_large_problem("the line", _records.MAX_RECORD_BYTES)
        return Record(name, index, line, None, "jsonl", problem=problem)
    text = decode_utf8(raw)
    if text is None:
        problem = encoding_problem("the line")
        return Record(name, index, line, None, "jsonl", raw=raw, problem=problem)
    text = text.rstrip("\r\n")
    return Record(name, index, line, text, "jsonl", text=text)


def read_jsonl(source: Source, name: str) -> Iterator[Record]:
    """Every non-blank line is a record, whatever it holds: the format was named (by the
    extension or by the caller), or sniffed from a first line that is JSON. So the split
    writer's JSONL file reads back even when its first line is not JSON."""
    index = 0
    line_no = 0
    while True:
        raw, too_large = source.readline_upto(_records.MAX_RECORD_BYTES)
        if not raw and not too_large:
            return
        line_no += 1
        if line_no == 1 and raw.startswith(BOM):
            raw = raw[3:]
        if not too_large and not raw.strip():
            continue
        index += 1
        yield _jsonl_record(raw, name, index, line_no, too_large)


def read_json_or_jsonl(source: Source, name: str) -> Iterator[Record]:
    """Content starting with ``{``: JSONL if its first line is a JSON value and another
    non-blank line follows, else one JSON document."""
    first, too_large = source.readline_upto(_records.MAX_RECORD_BYTES)
    if too_large:  # an oversized first line: certainly not a small JSON document
        yield _jsonl_record(b"", name, 1, 1, True)
        yield from _renumber(read_jsonl(source, name), index=1, line=1)
        return
    text = decode_utf8(first[3:] if first.startswith(BOM) else first)
    jsonl = False
    if text is not None and text.strip():
        try:
            json.loads(text)
        except (ValueError, RecursionError):
            pass
        else:
            following = source.peek_upto(SNIFF)
            jsonl = bool(following.strip())
    source.unread(first)
    if jsonl:
        yield from read_jsonl(source, name)
    else:
        yield from read_json(source, name)


def _renumber(records: Iterator[Record], *, index: int, line: int) -> Iterator[Record]:
    for r in records:
        yield replace(r, index=r.index + index, line=r.line + line)


# -- JSON documents --------------------------------------------------------------------------


def read_json(source: Source, name: str) -> Iterator[Record]:
    """One JSON document (one record; a batch body is marked), or the elements of a top-level
    array (one record each, streamed)."""
    head = source.peek_upto(SNIFF)
    first = first_significant(head)
    if first == ord("["):
        yield from _read_json_array(source, name)
        return
    if first is not None and first not in JSON_START:
        raise InputError("not JSON: the content does not start like a JSON value")
    data = source.read_upto(_records.MAX_DOCUMENT_BYTES + 1)
    if len(data) > _records.MAX_DOCUMENT_BYTES:
        problem = too_large_problem("the JSON document", _records.MAX_DOCUMENT_BYTES)
        yield Record(name, 1, 1, None, "json", problem=problem)
        return
    if data.startswith(BOM):
        data = data[3:]
    if not data.strip(b" \t\r\n"):
        return  # an empty file has no records, whatever its name says (like JSONL and CSV)
    text = decode_utf8(data)
    if text is None:
        yield Record(name, 1, 1, None, "json", problem=encoding_problem("the document"))
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

    def __init__(self, source: Source) -> None:
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
        data = self._source.read_upto(size or _records.CHUNK)
        if self._first:
            self._first = False
            if data.startswith(BOM):
                data = data[3:]
        if self.pos > _records.CHUNK:  # drop consumed text (but its last character, which
            self.line_at(self.pos)  # may be the CR of a CR LF that the next read completes)
            cut = self.pos - 1
            self.buf = self.buf[cut:]
            self._line_pos -= cut
            self.pos -= cut
        if not data:
            self.eof = True
            self.buf += self._decoder.decode(b"", final=True)
            return False
        self.buf += self._decoder.decode(data)
        return True

    def line_at(self, pos: int) -> int:
        """The 1-based line of ``buf[pos]`` (``pos`` never goes backwards)."""
        if pos > self._line_pos:
            self._line += line_breaks(self.buf, self._line_pos, pos)
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


def _read_json_array(source: Source, name: str) -> Iterator[Record]:
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
                if have > _records.MAX_RECORD_BYTES:
                    too_large = True
                    break
                if tb.fill(min(max(_records.CHUNK, have), _records.MAX_RECORD_BYTES + 1 - have)):
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
            problem = too_large_problem("the array element", _records.MAX_RECORD_BYTES)
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
        if has_surrogates(text):
            problem = encoding_problem("the array element")
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
        problem = syntax_problem(f"not valid JSON: {detail} (line {line})")
        return Record(name, index, line, None, "json", problem=problem)
    fragment = tb.buf[tb.pos : tb.pos + _records.MAX_RECORD_BYTES]
    if has_surrogates(fragment):
        return Record(name, index, line, None, "json", problem=encoding_problem("the array"))
    return Record(name, index, line, fragment, "json", text=fragment)


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
            line += line_breaks(tok)
            continue
        frame = stack[-1] if stack else None
        if frame is not None and frame[0] == "obj" and expect_key and tok[0] == '"':
            try:
                key = json.loads(tok)
            except ValueError:
                key = tok.strip('"')
            key_pointer = f"{frame[1]}/{_escape_pointer(str(key))}"
            lines[key_pointer] = line  # (a key given twice: json keeps the last value)
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
            lines[pointer] = line
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
