"""The json format (one document) and the jsonl format (one finding per line).

>>> import json
>>> from armvalidate.catalog import Severity
>>> from armvalidate.report import Issue
>>> from armvalidate.render.model import Finding, RecordResult, Tally
>>> issue = Issue("ssn.checksum", Severity.ERROR, "/ssn", "Ssn", "wrong check digit",
...               value="12015641778", pii=True)
>>> result = RecordResult("in.jsonl", 3, 3, (Finding("in.jsonl", 3, issue, record=3),))
>>> tally = Tally(); tally.add(result)
>>> print(JsonlRenderer().render([result], tally.summary(files=1)), end="")
... # doctest: +NORMALIZE_WHITESPACE
{"file": "in.jsonl", "line": 3, "record": 3, "rule": "ssn.checksum", "severity": "error",
 "path": "/ssn", "field": "Ssn", "message": "wrong check digit", "source": "authority"}
>>> doc = json.loads(JsonRenderer(version="0.1.0").render([result], tally.summary(files=1)))
>>> doc["findings"][0]["rule"], doc["summary"]["errors"], doc["partial"]
('ssn.checksum', 1, False)
>>> doc["findings"][0]["source"]  # whose rule: arm-docs, authority or policy
'authority'
>>> doc["unreadable"]
[]
>>> "value" in doc["findings"][0]
False
"""

from __future__ import annotations

from typing import Any

from armvalidate.catalog import get_rule
from armvalidate.render.base import Renderer, json_text
from armvalidate.render.model import WHOLE_INPUT, Finding, Summary, Unreadable

__all__ = ["JsonRenderer", "JsonlRenderer", "unreadable_entry"]


def _dumps(obj: Any) -> str:
    return json_text(obj)  # strict JSON: NaN and Infinity (with --show-pii) as strings


def unreadable_entry(item: Unreadable) -> dict[str, Any]:
    """An unreadable input as a JSONL line: the shape of a finding with rule
    ``input.unreadable``, no line or record (nothing in it was read), the whole-input pointer."""
    return {
        "file": item.file,
        "line": None,
        "record": None,
        "rule": item.RULE,
        "severity": "error",
        "path": WHOLE_INPUT,
        "field": "",
        "message": item.message,
    }


class _JsonFindings(Renderer):
    """Findings as dicts, each with its rule's ``source`` (arm-docs, authority, policy)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._sources: dict[str, str] = {rule.id: rule.source for rule in self.rules}

    def _finding_dict(self, finding: Finding) -> dict[str, Any]:
        out = finding.to_dict(show_pii=self.show_pii)
        source = self._sources.get(finding.rule)
        if source is None:
            try:
                source = self._sources[finding.rule] = get_rule(finding.rule).source
            except KeyError:  # no rule of the catalog (the validator makes none such)
                return out
        out["source"] = source
        return out


class JsonlRenderer(_JsonFindings):
    """One JSON object per finding and line, then one per unreadable input (rule
    ``input.unreadable``); nothing else (a partial run is said on stderr)."""

    name = "jsonl"

    def finding(self, finding: Finding) -> str:
        return _dumps(self._finding_dict(finding)) + "\n"

    def tail(self, summary: Summary) -> str:
        return "".join(_dumps(unreadable_entry(u)) + "\n" for u in summary.unreadable_inputs)


class JsonRenderer(_JsonFindings):
    """One JSON document: ``{"tool", "version", "findings": [...], "unreadable": [...],
    "summary": {...}, "partial"}``; ``unreadable`` lists the inputs that could not be read
    (``{"file", "message"}``), ``partial`` says whether ``--max-errors`` cut the run (said
    once: the summary does not repeat it).

    Written as a stream, one finding per line, so it is valid JSON with constant memory.
    """

    name = "json"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._first = True

    def head(self, summary: Summary | None) -> str:
        self._first = True
        return f'{{"tool": "armvalidate", "version": {_dumps(self.version)}, "findings": ['

    def finding(self, finding: Finding) -> str:
        sep = "\n  " if self._first else ",\n  "
        self._first = False
        return sep + _dumps(self._finding_dict(finding))

    def tail(self, summary: Summary) -> str:
        end = "]" if self._first else "\n]"
        unreadable = [u.to_dict() for u in summary.unreadable_inputs]
        counts = {k: v for k, v in summary.to_dict().items() if k != "partial"}
        return (
            f'{end}, "unreadable": {_dumps(unreadable)}, "summary": {_dumps(counts)}, '
            f'"partial": {_dumps(summary.partial)}}}\n'
        )
