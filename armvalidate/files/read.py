"""Reading a file or a stream of customer records, in constant memory: the entry point, which
tells the format and hands the stream to the reader of that format.

Formats, by file extension or, failing that (stdin, other names), by content: ``json``,
``jsonl`` (also ``.ndjson``), ``csv`` (see :mod:`~armvalidate.files.jsonreader` and
:mod:`~armvalidate.files.csvreader` for what each holds).

Text is UTF-8 with or without a byte order mark; CRLF line ends are fine. Bytes that are not
UTF-8 make a finding (``schema.json``) for their record only. A record larger than
:data:`~armvalidate.files.records.MAX_RECORD_BYTES` is a finding (``input.too-large``), never
a memory exhaustion. A file that is not JSON, JSONL or CSV at all (a binary file; plain prose
whose format is sniffed, not named) raises :class:`~armvalidate.files.records.InputError`.

It imports this package's readers; nothing of the CLI.

>>> import io
>>> data = io.BytesIO(b'{"customerNo": "1", "name": "Kari"}\\n\\nnot json\\n')
>>> for r in read_records(data, "in.jsonl"):
...     print(r.index, r.line, r.payload)
1 1 {"customerNo": "1", "name": "Kari"}
2 3 not json
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO

from armvalidate.files.csvlayout import CsvLayout, default_layout
from armvalidate.files.csvreader import read_csv
from armvalidate.files.jsonreader import read_json, read_json_or_jsonl, read_jsonl
from armvalidate.files.records import Format, InputError, Record
from armvalidate.files.sniff import SNIFF, binary_reason, detect_format, format_from_name
from armvalidate.files.source import Source

__all__ = ["read_records"]


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
    Raises :class:`~armvalidate.files.records.InputError`, possibly after some
    records, when the content is not JSON, JSONL or CSV at all.
    """
    source = Source(stream)
    head = source.peek_upto(SNIFF)
    fmt = format or format_from_name(name)
    sniffed = detect_format(head)
    why = binary_reason(head)
    if why:
        raise InputError(f"not JSON, JSONL or CSV: {why}")
    if fmt is None:
        if sniffed is None:
            raise InputError("not JSON, JSONL or CSV: cannot tell the format of the content")
        if sniffed == "json?":
            yield from read_json_or_jsonl(source, name)
            return
        fmt = sniffed
    if fmt == "jsonl":
        yield from read_jsonl(source, name)
    elif fmt == "csv":
        yield from read_csv(source, name, layout or default_layout(), max_row_bytes)
    else:
        yield from read_json(source, name)
