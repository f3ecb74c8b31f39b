"""What every reader yields and raises: :class:`Record`, :class:`InputError`, the size limits,
and the findings a reader itself makes (a record it could not read).

It may import the core's rule objects and :class:`~armvalidate.report.Issue` (the findings are
ordinary issues); nothing of the CLI, and no other module of this package.

The sizes (:data:`MAX_RECORD_BYTES`, :data:`MAX_DOCUMENT_BYTES`, :data:`CHUNK`) are read from
this module by every reader as it reads, so one setting holds for all of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from armvalidate._frozen import fast_init
from armvalidate.checks.limits import TOO_LARGE
from armvalidate.decode import JSON as SCHEMA_JSON
from armvalidate.report import Issue

__all__ = [
    "CHUNK",
    "MAX_DOCUMENT_BYTES",
    "MAX_RECORD_BYTES",
    "Format",
    "InputError",
    "Record",
]

Format = Literal["json", "jsonl", "csv"]

MAX_RECORD_BYTES = 16 * 1024 * 1024
"""The largest record (a JSONL line, an element of a JSON array, a CSV row) that is read."""

MAX_DOCUMENT_BYTES = 64 * 1024 * 1024
"""The largest JSON document read whole (a single object or a batch body; arrays stream)."""

CHUNK = 1024 * 1024
"""How much a reader reads from its stream at a time."""


class InputError(Exception):
    """The input cannot be read at all: not JSON, JSONL or CSV (the CLI exits with 2).

    The message never quotes the content of the file.
    """


@fast_init
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
        text = self.text
        return text is not None and ("\n" in text or "\r" in text)


# -- text --------------------------------------------------------------------------------------


def decode_utf8(raw: bytes) -> str | None:
    """``raw`` as text, or ``None`` when it is not UTF-8.

    >>> decode_utf8(b"bl\\xc3\\xa5"), decode_utf8(b"bl\\xe5")
    ('blå', None)
    """
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return None


def has_surrogates(text: str) -> bool:
    """Does ``text`` hold lone surrogates (bytes that were not UTF-8, decoded with
    ``surrogateescape``)?"""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


# -- the findings of a reader ------------------------------------------------------------------


def encoding_problem(what: str) -> Issue:
    """``what`` (the line, the row, the document) is not UTF-8: a ``schema.json`` finding."""
    return Issue(
        rule=SCHEMA_JSON.id,
        severity=SCHEMA_JSON.severity,
        path="",
        field="",
        message=f"{what} is not valid UTF-8 text; save the file as UTF-8",
    )


def too_large_problem(what: str, limit: int, *, detail: str | None = None) -> Issue:
    """``what`` is larger than ``limit`` bytes and was not read: an ``input.too-large`` finding
    (with ``detail``, that message instead)."""
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


def syntax_problem(message: str) -> Issue:
    """A record that is not valid JSON or CSV, said by the reader: a ``schema.json`` finding."""
    return Issue(
        rule=SCHEMA_JSON.id,
        severity=SCHEMA_JSON.severity,
        path="",
        field="",
        message=message,
    )
