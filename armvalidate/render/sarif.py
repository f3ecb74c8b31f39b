"""SARIF 2.1.0, for GitHub code scanning and other static-analysis dashboards.

Rules come from the catalog (``tool.driver.rules``); every result has a level (``error`` or
``warning``), a physical location (the file as a relative URI, ``region.startLine``) and a logical
location whose ``fullyQualifiedName`` is the JSON Pointer of the offending key (also in
``properties.jsonPointer``; a finding about the whole input has the pointer ``""`` and no
logical location). An input that could not be read is a ``toolExecutionNotifications`` entry of
the invocation (``descriptor.id`` ``input.unreadable``), and ``executionSuccessful`` is then
``false``. The output validates against the OASIS 2.1.0 schema (``tests/data``).

>>> import json
>>> from armvalidate.catalog import Rule, Severity
>>> from armvalidate.report import Issue
>>> from armvalidate.render.model import Finding, RecordResult, Tally
>>> rule = Rule("phone.invalid", Severity.WARNING, "not a phone number", "997755332")
>>> issue = Issue("phone.invalid", Severity.WARNING, "/customer/secondaryPhoneNo",
...               "SecondaryPhoneNo", "not a valid Norwegian number")
>>> result = RecordResult("my dir/a.json", 1, 1, (Finding("my dir/a.json", 24, issue),))
>>> tally = Tally(); tally.add(result)
>>> log = json.loads(SarifRenderer(rules=[rule]).render([result], tally.summary(files=1)))
>>> res = log["runs"][0]["results"][0]
>>> res["level"], res["ruleIndex"], res["locations"][0]["physicalLocation"]["region"]
('warning', 0, {'startLine': 24})
>>> res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
'my%20dir/a.json'
>>> driver_rule = log["runs"][0]["tool"]["driver"]["rules"][0]
>>> driver_rule["properties"]["source"], res["properties"]["source"]  # whose rule it is
('policy', 'policy')
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

from armvalidate.masking import mask
from armvalidate.render.base import Renderer, json_text, value_text
from armvalidate.render.model import Finding, Summary

__all__ = ["SarifRenderer", "file_uri"]

_LONG_NUMBER = re.compile("[0-9]{10,}")

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _dumps(obj: Any) -> str:
    return json_text(obj)


def file_uri(path: str) -> str:
    """A relative URI reference for a file name (``/`` separators, percent-encoded).

    An absolute path becomes a ``file://`` URI.

    >>> file_uri("data/kunder 2024.csv"), file_uri("<stdin>"), file_uri("/srv/a b.json")
    ('data/kunder%202024.csv', 'stdin', 'file:///srv/a%20b.json')
    """
    if path == "<stdin>":
        return "stdin"
    if os.path.isabs(path):
        return Path(path).as_uri()
    return quote(path.replace(os.sep, "/"), safe="/")


class SarifRenderer(Renderer):
    """SARIF 2.1.0 log with one run."""

    name = "sarif"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._index = {rule.id: i for i, rule in enumerate(self.rules)}
        self._first = True

    def head(self, summary: Summary | None) -> str:
        self._first = True
        driver: dict[str, Any] = {
            "name": "armvalidate",
            "rules": [
                {
                    "id": rule.id,
                    "name": rule.id,
                    "shortDescription": {"text": self._redact(rule.summary)},
                    "fullDescription": {"text": self._redact(rule.doc or rule.summary)},
                    "help": {"text": self._redact(_help(rule.summary, rule.doc, rule.example))},
                    "defaultConfiguration": {"level": rule.severity.value},
                    "properties": {
                        "tags": [rule.prefix, rule.source],
                        "source": rule.source,
                        "sourceReference": self._redact(rule.ref),
                    },
                }
                for rule in self.rules
            ],
        }
        if self.version:
            driver["version"] = self.version
            driver["semanticVersion"] = self.version
        return (
            f'{{"$schema": "{SARIF_SCHEMA}", "version": "2.1.0", "runs": [{{'
            f'"tool": {{"driver": {_dumps(driver)}}}, "results": ['
        )

    def _redact(self, text: str) -> str:
        """Rule texts quote example numbers; a report shows none of ten digits or more
        (fødselsnumre, account numbers) unless ``show_pii`` is set."""
        if self.show_pii:
            return text
        return _LONG_NUMBER.sub(lambda m: mask(m.group()), text)

    def finding(self, finding: Finding) -> str:
        text = finding.message
        value = value_text(finding, self.show_pii)
        if value is not None:
            text += f" (value: {value})"
        properties: dict[str, Any] = {"jsonPointer": finding.path, "field": finding.issue.field}
        index = self._index.get(finding.rule)
        if index is not None:
            properties["source"] = self.rules[index].source
        if finding.row is not None:
            properties["row"] = finding.row
        if finding.column is not None:
            properties["column"] = finding.column
        if finding.issue.context:
            properties["context"] = dict(finding.issue.context)
        location: dict[str, Any] = {
            "physicalLocation": {
                "artifactLocation": {"uri": file_uri(finding.file)},
                "region": {"startLine": finding.line},
            }
        }
        if finding.path:  # the whole input ("") has no logical location of its own
            location["logicalLocations"] = [{"fullyQualifiedName": finding.path, "kind": "member"}]
        result: dict[str, Any] = {
            "ruleId": finding.rule,
            "level": finding.severity.value,
            "message": {"text": text},
            "locations": [location],
            "properties": properties,
        }
        if index is not None:
            result["ruleIndex"] = index
        sep = "\n" if self._first else ",\n"
        self._first = False
        return sep + _dumps(result)

    def tail(self, summary: Summary) -> str:
        invocation: dict[str, Any] = {"executionSuccessful": not summary.unreadable_inputs}
        if summary.unreadable_inputs:
            invocation["toolExecutionNotifications"] = [
                {
                    "level": "error",
                    "descriptor": {"id": item.RULE},
                    "message": {"text": f"{item.file}: {item.message}"},
                    "locations": [
                        {"physicalLocation": {"artifactLocation": {"uri": file_uri(item.file)}}}
                    ],
                }
                for item in summary.unreadable_inputs
            ]
        props = {"partial": summary.partial, "summary": summary.to_dict()}
        return f'], "invocations": [{_dumps(invocation)}], "properties": {_dumps(props)}}}]}}\n'


def _help(summary: str, doc: str, example: str) -> str:
    parts = [doc or summary]
    if example:
        parts.append(f"Example: {example}")
    return "\n\n".join(parts)
