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

from json.encoder import encode_basestring
from typing import Any

from armvalidate.catalog import Severity, get_rule
from armvalidate.render.base import Renderer, json_raw, json_safe, json_text
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


_ERROR_JSON = encode_basestring(Severity.ERROR.value)
_WARNING_JSON = encode_basestring(Severity.WARNING.value)


_KEYS: dict[str, str] = {}


def _context_json(context: Any) -> str | None:
    """``json_raw(dict(context))`` for the usual context, ``str`` keys and values of types
    ``str``, ``int``, ``bool`` and ``None``, written as ``json.dumps`` writes them; ``None``
    for any other."""
    parts = []
    for key, value in context.items():
        if key.__class__ is not str:
            return None
        cls = value.__class__
        if cls is str:
            text = encode_basestring(value)
        elif cls is int:
            text = int.__repr__(value)
        elif value is None:
            text = "null"
        elif value is True:
            text = "true"
        elif value is False:
            text = "false"
        else:
            return None
        name = _KEYS.get(key)
        if name is None:
            if len(_KEYS) >= 1024:
                _KEYS.clear()
            name = _KEYS[key] = encode_basestring(key)
        parts.append(f"{name}: {text}")
    return "{" + ", ".join(parts) + "}"


class _JsonFindings(Renderer):
    """Findings as dicts, each with its rule's ``source`` (arm-docs, authority, policy)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._sources: dict[str, str] = {rule.id: rule.source for rule in self.rules}
        self._rules_json: dict[str, tuple[str, str]] = {}
        self._file: str | None = None
        self._file_json = ""

    def _source(self, rule: str) -> str | None:
        source = self._sources.get(rule)
        if source is None:
            try:
                source = self._sources[rule] = get_rule(rule).source
            except KeyError:  # no rule of the catalog (the validator makes none such)
                return None
        return source

    def _finding_dict(self, finding: Finding) -> dict[str, Any]:
        out = finding.to_dict(show_pii=self.show_pii)
        source = self._source(finding.rule)
        if source is not None:
            out["source"] = source
        return out

    def _finding_json(self, finding: Finding) -> str:
        """``json_text(self._finding_dict(finding))``, put together from its parts: the
        keys, the rule's id and ``source`` written once per rule, the file once per file
        (a finding's dict and ``json.dumps`` of it cost more than the rest of the output).
        Fields of other types than a finding's own (``str``, ``int``) take the dict."""
        issue = finding.issue
        file = finding.file
        line = finding.line
        record = finding.record
        row = finding.row
        column = finding.column
        rule = issue.rule
        path = issue.path
        name = issue.field
        message = issue.message
        level = issue.severity  # (by identity: an Enum's hash is Python code)
        severity = (
            _ERROR_JSON
            if level is Severity.ERROR
            else (_WARNING_JSON if level is Severity.WARNING else None)
        )
        if (
            severity is None
            or file.__class__ is not str
            or line.__class__ is not int
            or record.__class__ is not int
            or rule.__class__ is not str
            or path.__class__ is not str
            or name.__class__ is not str
            or message.__class__ is not str
            or (row is not None and row.__class__ is not int)
            or (column is not None and column.__class__ is not str)
        ):
            return json_text(self._finding_dict(finding))
        if file is not self._file:
            self._file = file
            self._file_json = encode_basestring(file)
        about = self._rules_json.get(rule)
        if about is None:
            source = self._source(rule)
            about = self._rules_json[rule] = (
                encode_basestring(rule),
                "}" if source is None else f', "source": {encode_basestring(source)}}}',
            )
        parts = [
            f'{{"file": {self._file_json}, "line": {line}, "record": {record}',
            "" if row is None else f', "row": {row}',
            "" if column is None else f', "column": {encode_basestring(column)}',
            f', "rule": {about[0]}, "severity": {severity}, "path": {encode_basestring(path)}, '
            f'"field": {encode_basestring(name)}, "message": {encode_basestring(message)}',
        ]
        context = issue.context
        if context:
            parts.append(f', "context": {_context_json(context) or json_raw(dict(context))}')
        if self.show_pii and issue.value is not None:
            parts.append(f', "value": {json_raw(issue.value)}')
        parts.append(about[1])
        return json_safe("".join(parts))


class JsonlRenderer(_JsonFindings):
    """One JSON object per finding and line, then one per unreadable input (rule
    ``input.unreadable``); nothing else (a partial run is said on stderr)."""

    name = "jsonl"

    def finding(self, finding: Finding) -> str:
        return self._finding_json(finding) + "\n"

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
        return sep + self._finding_json(finding)

    def tail(self, summary: Summary) -> str:
        end = "]" if self._first else "\n]"
        unreadable = [u.to_dict() for u in summary.unreadable_inputs]
        counts = {k: v for k, v in summary.to_dict().items() if k != "partial"}
        return (
            f'{end}, "unreadable": {_dumps(unreadable)}, "summary": {_dumps(counts)}, '
            f'"partial": {_dumps(summary.partial)}}}\n'
        )
