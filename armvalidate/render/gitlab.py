"""GitLab Code Quality: the JSON report merge requests show (``artifacts:reports:codequality``).

A JSON array of ``{"description", "check_name", "fingerprint", "severity", "location": {"path",
"lines": {"begin"}}}`` (GitLab's subset of the Code Climate format). Errors are ``major``,
warnings ``minor``, an input that could not be read ``blocker``. The fingerprint is a hash of
the file, the record, the rule, the JSON Pointer and the message, so the same finding keeps its
fingerprint from one pipeline to the next (GitLab compares them to show what is new) and two
findings never share one. The description starts with the pointer, as in the other formats.

>>> import json
>>> from armvalidate.catalog import Severity
>>> from armvalidate.report import Issue
>>> from armvalidate.render.model import Finding, RecordResult, Tally
>>> issue = Issue("ssn.checksum", Severity.ERROR, "/ssn", "Ssn", "wrong check digit")
>>> result = RecordResult("data/in.jsonl", 3, 3, (Finding("data/in.jsonl", 3, issue, record=3),))
>>> tally = Tally(); tally.add(result)
>>> [entry] = json.loads(GitlabRenderer().render([result], tally.summary(files=1)))
>>> entry["check_name"], entry["severity"], entry["location"]
('ssn.checksum', 'major', {'path': 'data/in.jsonl', 'lines': {'begin': 3}})
>>> entry["description"]
'/ssn: wrong check digit'
"""

from __future__ import annotations

import hashlib
from typing import Any

from armvalidate.catalog import Severity
from armvalidate.render.base import Renderer, json_text, value_text
from armvalidate.render.model import Finding, Summary, Unreadable, pointer_text

__all__ = ["GitlabRenderer", "fingerprint"]

_SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor"}


def fingerprint(*parts: object) -> str:
    """A stable fingerprint of a finding's identifying parts (hex, 32 characters).

    >>> fingerprint("a.json", 1, "ssn.checksum", "/ssn", "m") == fingerprint(
    ...     "a.json", 1, "ssn.checksum", "/ssn", "m")
    True
    """
    text = "\0".join(str(p) for p in parts)
    return hashlib.sha256(text.encode("utf-8", "backslashreplace")).hexdigest()[:32]


class GitlabRenderer(Renderer):
    """A JSON array for GitLab's Code Quality widget, streamed one entry per line."""

    name = "gitlab"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._first = True

    def head(self, summary: Summary | None) -> str:
        self._first = True
        return "["

    def _entry(self, entry: dict[str, Any]) -> str:
        sep = "\n  " if self._first else ",\n  "
        self._first = False
        return sep + json_text(entry)

    def finding(self, finding: Finding) -> str:
        description = f"{pointer_text(finding.path)}: {finding.message}"
        value = value_text(finding, self.show_pii)
        if value is not None:
            description += f" (value: {value})"
        return self._entry(
            {
                "description": description,
                "check_name": finding.rule,
                "fingerprint": fingerprint(
                    finding.file, finding.record, finding.rule, finding.path, finding.message
                ),
                "severity": _SEVERITY.get(finding.severity, "minor"),
                "location": {"path": finding.file, "lines": {"begin": finding.line}},
            }
        )

    def _unreadable(self, item: Unreadable) -> str:
        return self._entry(
            {
                "description": f"{item.file}: {item.message}",
                "check_name": item.RULE,
                "fingerprint": fingerprint(item.file, item.RULE),
                "severity": "blocker",
                "location": {"path": item.file, "lines": {"begin": 1}},
            }
        )

    def tail(self, summary: Summary) -> str:
        body = "".join(self._unreadable(u) for u in summary.unreadable_inputs)
        end = "]\n" if self._first else "\n]\n"
        return body + end
