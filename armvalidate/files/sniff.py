"""Telling the format of a file: by its name's extension, else by its first bytes.

It reads nothing itself (it is given the name, or the first bytes) and imports only the
standard library and this package's :mod:`~armvalidate.files.records` (the format names) and
:mod:`~armvalidate.files.source` (the byte order mark).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from typing import Literal

from armvalidate.files.records import Format
from armvalidate.files.source import BOM

__all__ = [
    "JSON_START",
    "SNIFF",
    "binary_reason",
    "detect_format",
    "first_significant",
    "format_from_name",
]

SNIFF = 8192
"""How many bytes at the start of a file are looked at to tell its format."""

JSON_START = frozenset(b'{["-0123456789tfnIN"')
"""The bytes a JSON value may start with."""

_QUOTED_CSV_CELL = re.compile(rb'\s*"(?:[^"\r\n]|"")*"\s*[,;\t]')

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


def first_significant(head: bytes) -> int | None:
    """The first byte of ``head`` that is not whitespace (after a byte order mark), if any."""
    body = head[3:] if head.startswith(BOM) else head
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
    if binary_reason(head):
        return None
    first = first_significant(head)
    if first is None:
        return "jsonl"
    if first == ord("["):
        return "json"
    if first == ord("{"):
        return "json?"
    if first == ord('"') and _QUOTED_CSV_CELL.match(head.removeprefix(BOM)):
        return "csv"  # a quoted header cell: "customerNo","name"
    if first in JSON_START:
        return "json"
    text = _first_text_line(head)
    if any(d in text for d in ",;\t") and text.replace("\t", " ").isprintable():
        return "csv"
    return None


def _first_text_line(head: bytes) -> str:
    """The first line of ``head`` that is not blank (without its line end), as text."""
    body = head[3:] if head.startswith(BOM) else head
    for raw in body.split(b"\n"):
        if raw.strip():
            return raw.rstrip(b"\r").decode("utf-8", errors="replace")
    return ""


def binary_reason(head: bytes) -> str | None:
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
