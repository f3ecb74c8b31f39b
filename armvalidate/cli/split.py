"""``--valid-out`` / ``--invalid-out``: the input's records, split by their verdict.

JSON inputs (a document, an array, a batch body, JSONL) are written as JSONL, one record per
line: a JSONL line exactly as it was read, other JSON compacted onto one line, a batch body one
request body (``{"metadata": ..., "customer": ...}``) per customer. CSV inputs are written as CSV
with the first input's header, every cell made safe for spreadsheets
(:func:`armvalidate.files.csvlayout.neutralise`). With ``sanitize`` a record is written in the
validator's sanitized form (e-mails cleaned, identifiers compacted, codes in canonical case).

The split files are written so that armvalidate reads them as it read the input: a CSV header
is quoted where its cells would make the reader pick another delimiter, and a record holding a
NUL byte (a CSV row or a JSON text: neither is checked, a raw NUL is never JSON) is left out and
counted on the log, as a file with many of those reads as binary. (Splitting changes what the
first 8 KiB of a file hold, by which the reader tells binary files: a NUL-heavy record that the
input's other records diluted may start a split file alone.)
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Sequence
from typing import IO, Any

from armvalidate.files.csvlayout import CsvLayout, neutralise, restore
from armvalidate.files.records import Record
from armvalidate.render.model import RecordResult

__all__ = ["SplitError", "Splitter", "write_header"]

_CUSTOMER_INDEX = re.compile(r"/customers/([0-9]+)(?:/|$)")


class SplitError(Exception):
    """The split files cannot take this input (CSV and JSON mixed, CSV columns that differ)."""


class _Target:
    """One output file; its family (``json`` or ``csv``) is set by the first record."""

    def __init__(self, stream: IO[bytes], layout: CsvLayout, log: Callable[[str], None]) -> None:
        self.stream = stream
        self.layout = layout
        self.log = log
        self.family: str | None = None
        self.header: tuple[str, ...] | None = None
        self._text: io.TextIOWrapper | None = None
        self._csv: Any = None
        self._dropped: set[str] = set()

    def _family(self, family: str) -> None:
        if self.family is None:
            self.family = family
        elif self.family != family:
            raise SplitError("--valid-out/--invalid-out cannot mix CSV and JSON inputs in one file")

    def json_line(self, text: str | bytes) -> None:
        self._family("json")
        data = text if isinstance(text, bytes) else text.encode("utf-8", "surrogateescape")
        self.stream.write(data + b"\n")

    def csv_header(self, header: tuple[str, ...]) -> None:
        """Start the CSV file with ``header`` (done by the first row, or at the end for a file
        that got no rows, so that it is still a CSV file with the input's columns)."""
        self._family("csv")
        if self.header is None:
            self.header = header
            self._text = io.TextIOWrapper(
                self.stream,
                encoding="utf-8",
                errors="surrogateescape",
                newline="",
                write_through=True,
            )
            self._csv = csv.writer(self._text, lineterminator="\r\n")
            write_header(self._text, header)

    def csv_row(self, record: Record, sanitized: Any) -> None:
        header = record.header or ()
        self.csv_header(header)
        assert self._text is not None and self.header is not None
        if sanitized is not None and isinstance(sanitized, dict):
            cells = self.layout.flatten(sanitized)
            extra = set(cells) - set(self.header) - self._dropped
            if extra:
                self._dropped |= extra
                self.log(
                    "--sanitize: the sanitized form has keys without a column in the split "
                    f"file's header, left out: {', '.join(sorted(extra))}"
                )
            self._csv.writerow([cells.get(c, "") if c else "" for c in self.header])
            return
        raw = list(record.cells or ())
        if header != self.header:
            by_name = dict(zip(header, raw, strict=False))
            missing = [c for c, v in by_name.items() if v and c not in self.header]
            if missing:
                raise SplitError(
                    "--valid-out/--invalid-out: the CSV inputs have different columns "
                    f"({', '.join(missing[:5])} is not in the first input's header)"
                )
            raw = [by_name.get(c, "") for c in self.header]
        self._csv.writerow([neutralise(restore(cell)) if cell else "" for cell in raw])

    def close(self) -> None:
        """Flush; the stream is its owner's to close (it may be stdout, or a file written
        aside that is renamed only when the run is complete)."""
        if self._text is not None:
            self._text.flush()
            self._text.detach()
            self._text = None
        self.stream.flush()


class Splitter:
    """Writes every record to the valid or the invalid file (either may be ``None``)."""

    def __init__(
        self,
        valid: IO[bytes] | None,
        invalid: IO[bytes] | None,
        *,
        layout: CsvLayout,
        sanitize: bool = False,
        strict: bool = False,
        log: Callable[[str], None] = lambda message: None,
    ) -> None:
        self.valid = _Target(valid, layout, log) if valid is not None else None
        self.invalid = _Target(invalid, layout, log) if invalid is not None else None
        self.sanitize = sanitize
        self.strict = strict
        self.log = log
        self.skipped = 0
        self.nul = 0
        self._csv_header: tuple[str, ...] | None = None

    def write(self, record: Record, result: RecordResult, sanitized: Any) -> None:
        batch = record.batch and record.problem is None and record.text is not None
        if batch and self._write_batch(record, result, sanitized):
            return
        if record.format == "csv" and self._csv_header is None:
            self._csv_header = record.header or ()
        target = self.invalid if result.fails(self.strict) else self.valid
        if target is None:
            return
        if record.format == "csv":
            if record.cells is None:  # not read (too large, or cut by the end of the file)
                self.skipped += 1
                return
            if _has_nul(record):  # the reader takes a file with many NUL bytes for binary
                self.nul += 1
                return
            target.csv_row(record, sanitized if self.sanitize else None)
            return
        line: str | bytes
        if self.sanitize and sanitized is not None:
            line = _compact(sanitized)
        elif record.format == "jsonl" and record.text is not None:
            line = record.text
        elif record.text is not None:
            line = _one_line(record.text)
        elif record.raw is not None:
            line = record.raw.rstrip(b"\r\n")
        else:
            self.skipped += 1
            return
        if "\x00" in line if isinstance(line, str) else b"\x00" in line:  # never JSON (as CSV)
            self.nul += 1
            return
        target.json_line(line)

    def _write_batch(self, record: Record, result: RecordResult, sanitized: Any) -> bool:
        try:
            body = json.loads(record.text or "")
        except (ValueError, RecursionError):
            return False
        customers = body.get("customers") if isinstance(body, dict) else None
        if not isinstance(customers, list):
            return False
        if self.sanitize and isinstance(sanitized, dict):
            clean = sanitized.get("customers")
            if isinstance(clean, list) and len(clean) == len(customers):
                customers = clean
                body = sanitized
        failing: set[int] = set()
        envelope_fails = False
        for finding in result.findings:
            if not finding.fails(self.strict):
                continue
            match = _CUSTOMER_INDEX.match(finding.path)
            if match:
                failing.add(int(match.group(1)))
            else:
                envelope_fails = True
        metadata = body.get("metadata")
        for i, customer in enumerate(customers):
            target = self.invalid if envelope_fails or i in failing else self.valid
            if target is None:
                continue
            out = customer if metadata is None else {"metadata": metadata, "customer": customer}
            target.json_line(_compact(out))
        return True

    def close(self) -> None:
        for target in (self.valid, self.invalid):
            if target is not None:
                if target.family is None and self._csv_header is not None:
                    target.csv_header(self._csv_header)
                target.close()
        if self.skipped:
            self.log(
                f"{self.skipped} record(s) that could not be read whole (too large, or cut by "
                "the end of the file) were left out of the split files; the findings name them"
            )
        if self.nul:
            self.log(f"{self.nul} record(s) with NUL bytes were left out of the split files")


def write_header(out: IO[str], header: Sequence[str]) -> None:
    """Write a CSV header row (``,`` between cells) that the reader takes with ``,`` again.

    The reader picks ``;`` or TAB when the header does not split on ``,``: a header of one
    cell holding a ``;`` would, so cells holding ``;`` or TAB are quoted (quotes hide them).

    >>> import io
    >>> out = io.StringIO(); write_header(out, ["name;x"]); out.getvalue()
    '"name;x"\\r\\n'
    >>> out = io.StringIO(); write_header(out, ["-x", "", "a b"]); out.getvalue()
    "'-x,,a b\\r\\n"
    """
    cells = [neutralise(c) if c else "" for c in header]
    hidden = any(";" in c or "\t" in c for c in cells)
    if hidden:
        csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_ALL).writerow(cells)
    else:
        csv.writer(out, lineterminator="\r\n").writerow(cells)


def _has_nul(record: Record) -> bool:
    """Does the CSV record, as it would be written, hold a NUL byte?"""
    return record.cells is not None and any("\x00" in cell for cell in record.cells)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _compact(value: Any) -> str:
    """``value`` as JSON on one line, in UTF-8-encodable text: a lone surrogate (legal in JSON as
    an escape, ``"\\ud800"``, but not encodable) is written as its escape again.

    >>> _compact({"name": "K\\ud800", "city": "Bodø"})
    '{"name":"K\\\\ud800","city":"Bodø"}'
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)
    if _SURROGATE.search(text) is None:
        return text
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)  # only in strings


def _one_line(text: str) -> str:
    """JSON text on one line: parsed and re-dumped, or (if it does not parse) with its line
    breaks turned into TABs. JSON treats a TAB as it treats a line break, whitespace between
    tokens and a forbidden control character inside a string, so the record neither changes
    nor is repaired (a space would mend a line break inside a string).

    >>> _one_line('{"name": "Kari\\nNordmann"}\\n'), _one_line('{"a":\\r\\n 1}')
    ('{"name": "Kari\\tNordmann"}\\t', '{"a":1}')
    """
    try:
        return _compact(json.loads(text))
    except (ValueError, RecursionError):
        return text.replace("\r", "\t").replace("\n", "\t")
