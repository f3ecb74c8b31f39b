"""The renderer interface: a head, one piece of text per record, a tail.

Renderers are pure: the same results give the same text, with no I/O, no clock, no terminal.
Streaming keeps memory flat on big inputs: the CLI writes ``head``, then ``record`` for every
record as it is checked, then ``tail`` with the final summary. A format whose head needs the
totals (junit) says so with ``head_needs_summary``; the CLI then spools the records first.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any, ClassVar

from armvalidate.catalog import Rule
from armvalidate.render.model import Finding, RecordResult, Summary

__all__ = ["Renderer", "value_text"]


class Renderer:
    """Base class of the output formats."""

    name: ClassVar[str] = ""
    head_needs_summary: ClassVar[bool] = False

    def __init__(
        self,
        *,
        show_pii: bool = False,
        strict: bool = False,
        rules: Sequence[Rule] = (),
        version: str = "",
    ) -> None:
        self.show_pii = show_pii
        self.strict = strict
        self.rules = tuple(rules)
        self.version = version

    def head(self, summary: Summary | None) -> str:
        """Text before the first record (``summary`` is given only if ``head_needs_summary``)."""
        return ""

    def record(self, result: RecordResult) -> str:
        """The text for one record (often empty for a record without findings)."""
        return "".join(self.finding(f) for f in result.findings)

    def finding(self, finding: Finding) -> str:
        return ""

    def tail(self, summary: Summary) -> str:
        """Text after the last record."""
        return ""

    def render(self, results: Iterable[RecordResult], summary: Summary) -> str:
        """Everything at once (for tests and small inputs)."""
        body = "".join(self.record(r) for r in results)
        head = self.head(summary if self.head_needs_summary else None)
        return head + body + self.tail(summary)


def value_text(finding: Finding, show_pii: bool) -> str | None:
    """The raw offending value as JSON text, or ``None`` unless ``show_pii`` is set.

    This is the only place a renderer touches ``Issue.value``.
    """
    if not show_pii or finding.issue.value is None:
        return None
    value: Any = finding.issue.value
    return json.dumps(value, ensure_ascii=False, default=str)
