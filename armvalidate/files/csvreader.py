"""CSV files: one customer per row, in the layout of :mod:`armvalidate.files.csvlayout`.

The delimiter is ``,``, or ``;`` or TAB when the header (the first row that is not blank) has
no comma outside quotes. Header cells are read like data cells: an apostrophe put in front by a
writer that neutralises formulas (:func:`armvalidate.files.csvlayout.restore`) is dropped. A
row larger than the profile's ``max-bytes`` is a finding (``input.too-large``); a row that
cannot be mapped onto the header (more cells than columns, cells in both ``a`` and ``a.b``, a
NUL byte in a cell) is a ``schema.json`` finding for that row: like unreadable JSON, it is not
checked. A header that names a column twice or has a NUL byte in a column name raises
:class:`~armvalidate.files.records.InputError`.

It imports the standard library, :class:`~armvalidate.report.Issue`, and this package's
``records``, ``source``, ``sniff`` and ``csvlayout``; nothing of the CLI, nor the JSON modules.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Sequence
from typing import IO, Any

import armvalidate.files.records as _records
from armvalidate.files.csvlayout import CsvLayout, LayoutError, ListTooLong, restore
from armvalidate.files.records import (
    InputError,
    Record,
    encoding_problem,
    has_surrogates,
    syntax_problem,
    too_large_problem,
)
from armvalidate.files.sniff import SNIFF
from armvalidate.files.source import BOM, Source
from armvalidate.report import Issue

__all__ = ["read_csv"]


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
        piece = text.readline(_records.CHUNK)
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


def read_csv(
    source: Source, name: str, layout: CsvLayout, max_row_bytes: int = _records.MAX_RECORD_BYTES
) -> Iterator[Record]:
    head = source.peek_upto(SNIFF)
    sniffed = _delimiter(head.removeprefix(BOM).decode("utf-8", errors="replace"))
    text = io.TextIOWrapper(
        io.BufferedReader(source), encoding="utf-8-sig", errors="surrogateescape", newline=""
    )
    limit = min(max_row_bytes, _records.MAX_RECORD_BYTES)
    row_limit = [_records.MAX_RECORD_BYTES]  # for the header; then ``limit``
    old_limit = csv.field_size_limit()
    csv.field_size_limit(_records.MAX_RECORD_BYTES + 2)
    try:
        header: tuple[str, ...] | None = None
        index = 0
        for start, _end, pieces, open_quote in _csv_rows(text, sniffed, row_limit):
            problem: Issue | None = None
            cells: list[str] = []
            if pieces is None:
                if header is None:
                    raise InputError("bad CSV header: the header row is too large to read")
                problem = too_large_problem("the row", limit)
            elif open_quote:
                if header is None:
                    raise InputError("not CSV: the header row ends inside a quoted cell")
                problem = _csv_problem(
                    "the file ends inside a quoted cell (a closing quote is missing)"
                )
            else:
                if header is not None and _row_bytes(pieces) > limit:
                    problem = too_large_problem("the row", limit)
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
    if any(has_surrogates(c) for c in header):
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
    return syntax_problem(f"the CSV row cannot be read: {detail}; the row was not checked")


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
    if any(has_surrogates(c) for c in row.values()):
        return record(None, encoding_problem("the row"))
    if any("\x00" in c for c in cells):
        return record(None, _csv_problem("a cell holds a NUL byte"))
    try:
        payload = layout.unflatten(row)
    except ListTooLong as exc:
        problem = too_large_problem("", 0, detail=f"{exc}; the row was not checked")
        return record(None, problem)
    except LayoutError as exc:
        return record(None, _csv_problem(str(exc)))
    return record(payload)
