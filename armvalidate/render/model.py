"""What the renderers read: findings located in files, one result per record, and a summary.

Pure data; the CLI builds these from :class:`armvalidate.report.Report` objects.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from armvalidate._frozen import fast_init
from armvalidate.catalog import Severity
from armvalidate.report import Issue

__all__ = [
    "WHOLE_INPUT",
    "Finding",
    "RecordResult",
    "Summary",
    "Tally",
    "Unreadable",
    "pointer_text",
]

WHOLE_INPUT = ""
"""The JSON Pointer of a finding about the whole input (RFC 6901: the empty string), in every
format. The one-line formats (text, github, junit) print it as ``""`` so that the column is
never empty."""


def pointer_text(path: str) -> str:
    """The pointer as the one-line formats print it: ``""`` for the whole input.

    >>> pointer_text("/customer/ssn"), pointer_text("")
    ('/customer/ssn', '""')
    """
    return path or '""'


@fast_init
@dataclass(frozen=True)
class Finding:
    """One issue of one record, with where it is: file, line (and CSV row and column).

    ``line`` is the 1-based line of the file where the offending key is (for a pretty-printed
    JSON document), or where the record starts (JSONL line, CSV row). ``row`` is the CSV row as a
    spreadsheet numbers it (the header is row 1); ``column`` the CSV column of the key.
    """

    file: str
    line: int
    issue: Issue
    record: int = 1
    row: int | None = None
    column: str | None = None

    @property
    def rule(self) -> str:
        return self.issue.rule

    @property
    def severity(self) -> Severity:
        return self.issue.severity

    @property
    def path(self) -> str:
        return self.issue.path

    @property
    def message(self) -> str:
        return self.issue.message

    def fails(self, strict: bool) -> bool:
        """Does this finding fail the run? Errors always; warnings with ``strict``."""
        return self.issue.severity is Severity.ERROR or strict

    def to_dict(self, *, show_pii: bool = False) -> dict[str, Any]:
        """A JSON-ready dict: location first, then the issue (raw value only with show_pii)."""
        out: dict[str, Any] = {"file": self.file, "line": self.line, "record": self.record}
        if self.row is not None:
            out["row"] = self.row
        if self.column is not None:
            out["column"] = self.column
        out.update(self.issue.to_dict(show_pii=show_pii))
        return out


@fast_init
@dataclass(frozen=True)
class RecordResult:
    """The findings of one input record (a JSONL line, a CSV row, an array element ...)."""

    file: str
    record: int
    line: int
    findings: tuple[Finding, ...] = ()
    row: int | None = None

    def fails(self, strict: bool) -> bool:
        return any(f.fails(strict) for f in self.findings)

    @property
    def label(self) -> str:
        """``file:line`` (CSV: ``file:row N``), the record's name in junit output."""
        if self.row is not None:
            return f"{self.file}: row {self.row}"
        return f"{self.file}:{self.line}"


@dataclass(frozen=True)
class Unreadable:
    """An input that could not be read at all (exit status 2): its name and why.

    It has no findings (nothing in it was checked), so every format reports it on its own:
    a SARIF tool notification, a JUnit failure, a GitHub ``::error``, an entry in JSON.
    """

    file: str
    message: str

    RULE = "input.unreadable"
    """The id the formats file it under (not a rule of the catalog: nothing was validated)."""

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.file, "message": self.message}


@dataclass(frozen=True)
class Summary:
    """Counts over a run. ``rules`` maps rule id to ``(severity, count)``, sorted by id."""

    files: int = 0
    records: int = 0
    failed_records: int = 0
    errors: int = 0
    warnings: int = 0
    rules: Mapping[str, tuple[Severity, int]] = field(default_factory=dict)
    partial: bool = False
    max_errors: int | None = None
    strict: bool = False
    unreadable: int = 0
    unreadable_inputs: tuple[Unreadable, ...] = ()
    """The inputs that could not be read, with the reason (``unreadable`` counts them)."""
    elapsed: float | None = None
    """Seconds the run took, when the caller measured it (JUnit's ``time``)."""

    @property
    def failed(self) -> bool:
        """Does the run fail (exit code 1 unless --exit-zero)?"""
        return self.errors > 0 or (self.strict and self.warnings > 0)

    def to_dict(self) -> dict[str, Any]:
        return {
            "files": self.files,
            "records": self.records,
            "failed_records": self.failed_records,
            "errors": self.errors,
            "warnings": self.warnings,
            "rules": {
                rule: {"severity": sev.value, "count": count}
                for rule, (sev, count) in self.rules.items()
            },
            "partial": self.partial,
            "max_errors": self.max_errors,
            "strict": self.strict,
            "unreadable_files": self.unreadable,
        }


class Tally:
    """Accumulates a :class:`Summary` while results stream past.

    >>> from armvalidate.report import Issue
    >>> issue = Issue("account.format", Severity.ERROR, "/bankAccountNo", "BankAccountNo", "bad")
    >>> tally = Tally()
    >>> tally.add(RecordResult("a.jsonl", 1, 1, (Finding("a.jsonl", 1, issue),)))
    >>> tally.add(RecordResult("a.jsonl", 2, 2))
    >>> s = tally.summary(files=1)
    >>> s.records, s.errors, s.failed_records, dict(s.rules)
    (2, 1, 1, {'account.format': (<Severity.ERROR: 'error'>, 1)})
    """

    def __init__(self, *, strict: bool = False) -> None:
        self.strict = strict
        self.records = 0
        self.failed_records = 0
        self.errors = 0
        self.warnings = 0
        self._rules: dict[str, list[Any]] = {}

    def add(self, result: RecordResult) -> None:
        self.records += 1
        findings = result.findings
        if not findings:
            return
        # (one pass: the record fails as RecordResult.fails says, on an error, or on any
        # finding when strict)
        fails = self.strict
        rules = self._rules
        for finding in findings:
            issue = finding.issue
            severity = issue.severity
            if severity is Severity.ERROR:
                self.errors += 1
                fails = True
            else:
                self.warnings += 1
            entry = rules.get(issue.rule)
            if entry is None:
                rules[issue.rule] = [severity, 1]
            else:
                entry[1] += 1
        if fails:
            self.failed_records += 1

    def add_all(self, results: Iterable[RecordResult]) -> None:
        for result in results:
            self.add(result)

    @property
    def failing(self) -> int:
        """Findings that fail the run so far (errors, plus warnings when strict)."""
        return self.errors + (self.warnings if self.strict else 0)

    def summary(
        self,
        *,
        files: int = 0,
        partial: bool = False,
        max_errors: int | None = None,
        unreadable: int = 0,
    ) -> Summary:
        return Summary(
            files=files,
            records=self.records,
            failed_records=self.failed_records,
            errors=self.errors,
            warnings=self.warnings,
            rules={rule: (sev, n) for rule, (sev, n) in sorted(self._rules.items())},
            partial=partial,
            max_errors=max_errors,
            strict=self.strict,
            unreadable=unreadable,
        )
