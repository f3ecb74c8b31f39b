"""The files users hand us and the files we write: reading JSON, JSON Lines and CSV into
records with their line numbers, and the CSV layout of a customer.

The rooms:

- :mod:`~armvalidate.files.read` — :func:`read_records`, the entry point: it tells the format
  (:mod:`~armvalidate.files.sniff`) and hands the stream to the reader of that format.
- :mod:`~armvalidate.files.jsonreader` — JSON documents, streamed JSON arrays, JSON Lines, and
  the line of a JSON Pointer in a record's text.
- :mod:`~armvalidate.files.csvreader` — CSV rows, in the layout of
  :mod:`~armvalidate.files.csvlayout` (the columns derived from the contract, row ↔ payload).
- :mod:`~armvalidate.files.records` — :class:`Record`, :class:`InputError`, the size limits and
  the findings a reader makes; :mod:`~armvalidate.files.source`, the byte stream with push-back.

What it may import: the standard library, and of armvalidate the contract's faces and the core's
rule objects and :class:`~armvalidate.report.Issue` (a reader's findings are ordinary issues).
The core never imports this package (the walls in ``tests/test_walls.py`` and
``tests/test_import_graph.py``), nor does anything here import the CLI.

The public names below are loaded on first use (PEP 562).

>>> import io
>>> from armvalidate.files import read_records
>>> [r.line for r in read_records(io.BytesIO(b'{"customerNo": "1"}\\n\\n{}\\n'), "in.jsonl")]
[1, 3]
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from armvalidate._lazy import lazy_exports

if TYPE_CHECKING:
    from armvalidate.files.csvlayout import (
        CsvLayout,
        LayoutError,
        ListTooLong,
        default_layout,
        layout_from_json_schema,
        row_to_payload,
    )
    from armvalidate.files.jsonreader import pointer_line, pointer_lines
    from armvalidate.files.read import read_records
    from armvalidate.files.records import (
        MAX_DOCUMENT_BYTES,
        MAX_RECORD_BYTES,
        Format,
        InputError,
        Record,
    )
    from armvalidate.files.sniff import detect_format, format_from_name

_LAZY = {
    "CsvLayout": "armvalidate.files.csvlayout",
    "Format": "armvalidate.files.records",
    "InputError": "armvalidate.files.records",
    "LayoutError": "armvalidate.files.csvlayout",
    "ListTooLong": "armvalidate.files.csvlayout",
    "MAX_DOCUMENT_BYTES": "armvalidate.files.records",
    "MAX_RECORD_BYTES": "armvalidate.files.records",
    "Record": "armvalidate.files.records",
    "default_layout": "armvalidate.files.csvlayout",
    "detect_format": "armvalidate.files.sniff",
    "format_from_name": "armvalidate.files.sniff",
    "layout_from_json_schema": "armvalidate.files.csvlayout",
    "pointer_line": "armvalidate.files.jsonreader",
    "pointer_lines": "armvalidate.files.jsonreader",
    "read_records": "armvalidate.files.read",
    "row_to_payload": "armvalidate.files.csvlayout",
}

__all__ = [
    "MAX_DOCUMENT_BYTES",
    "MAX_RECORD_BYTES",
    "CsvLayout",
    "Format",
    "InputError",
    "LayoutError",
    "ListTooLong",
    "Record",
    "default_layout",
    "detect_format",
    "format_from_name",
    "layout_from_json_schema",
    "pointer_line",
    "pointer_lines",
    "read_records",
    "row_to_payload",
]

__getattr__, __dir__ = lazy_exports(__name__, _LAZY, __all__)
