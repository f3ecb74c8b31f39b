"""JUnit XML, for CI test dashboards: one testcase per record, one failure per failing finding.

Warnings that do not fail the run go to the testcase's ``system-out``. An input that could not
be read is a testcase of its own with a ``<failure type="input.unreadable">``. The output
validates against the ``junit-10.xsd`` schema that pytest checks its own ``--junitxml`` with
(``tests/data/junit-10.xsd``): ``time`` on the suites (seconds, when the caller measured the
run), ``skipped`` only on ``<testsuite>``.

>>> import xml.etree.ElementTree as ET
>>> from armvalidate.catalog import Severity
>>> from armvalidate.report import Issue
>>> from armvalidate.render.model import Finding, RecordResult, Tally
>>> issue = Issue("name.required", Severity.ERROR, "/name", "Name", "<name> is missing & needed")
>>> results = [RecordResult("a.csv", 1, 2, (Finding("a.csv", 2, issue, row=2),), row=2),
...            RecordResult("a.csv", 2, 3, row=3)]
>>> tally = Tally(); tally.add_all(results)
>>> root = ET.fromstring(JunitRenderer().render(results, tally.summary(files=1)))
>>> suite = root.find("testsuite")
>>> suite.get("tests"), suite.get("failures"), suite.find("testcase/failure").get("type")
('2', '1', 'name.required')
"""

from __future__ import annotations

import re

from armvalidate.render.base import Renderer, one_line, value_text
from armvalidate.render.model import Finding, RecordResult, Summary, pointer_text

__all__ = ["JunitRenderer", "xml_safe"]

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str) -> str:
    """Replace characters XML 1.0 cannot carry (NUL, other controls, lone surrogates).

    >>> xml_safe("a\\x00b")
    'a\\ufffdb'
    """
    return _NOT_XML.sub("\ufffd", text)


def _attr(text: str) -> str:
    from xml.sax.saxutils import quoteattr  # (imported when used: it pulls in urllib, ~20 ms)

    return quoteattr(xml_safe(text), {"\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})


class JunitRenderer(Renderer):
    """``<testsuites><testsuite name="armvalidate">`` with a ``<testcase>`` per record."""

    name = "junit"
    head_needs_summary = True

    def head(self, summary: Summary | None) -> str:
        unreadable = len(summary.unreadable_inputs) if summary else 0
        tests = (summary.records if summary else 0) + unreadable
        failures = (summary.failed_records if summary else 0) + unreadable
        partial = "true" if summary and summary.partial else "false"
        elapsed = summary.elapsed if summary and summary.elapsed is not None else 0.0
        counts = f'tests="{tests}" failures="{failures}" errors="0" time="{elapsed:.3f}"'
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<testsuites name="armvalidate" {counts}>\n'
            f'<testsuite name="armvalidate" {counts} skipped="0">\n'
            f'<properties><property name="partial" value="{partial}"/></properties>\n'
        )

    def record(self, result: RecordResult) -> str:
        from xml.sax.saxutils import escape

        failing = [f for f in result.findings if f.fails(self.strict)]
        other = [f for f in result.findings if not f.fails(self.strict)]
        opening = f"<testcase classname={_attr(result.file)} name={_attr(result.label)}"
        if not result.findings:
            return opening + "/>\n"
        parts = [opening + ">"]
        for finding in failing:
            parts.append(
                f"<failure type={_attr(finding.rule)} "
                f"message={_attr(finding.rule + ': ' + one_line(finding.message))}>"
                f"{escape(xml_safe(self._line(finding)))}</failure>"
            )
        if other:
            out = "\n".join(self._line(f) for f in other)
            parts.append(f"<system-out>{escape(xml_safe(out))}</system-out>")
        parts.append("</testcase>\n")
        return "\n".join(parts)

    def _line(self, finding: Finding) -> str:
        text = (
            f"{finding.file}:{finding.line}: {pointer_text(finding.path)} {finding.rule} "
            f"[{finding.severity.value}] {finding.message}"
        )
        value = value_text(finding, self.show_pii)
        if value is not None:
            text += f" (value: {value})"
        return one_line(text)  # one finding, one line, as in the text format

    def tail(self, summary: Summary) -> str:
        from xml.sax.saxutils import escape

        parts = []
        for item in summary.unreadable_inputs:
            message = one_line(f"{item.file}: {item.message}")
            parts.append(
                f"<testcase classname={_attr(item.file)} name={_attr(item.file)}>\n"
                f"<failure type={_attr(item.RULE)} message={_attr(item.RULE + ': ' + message)}>"
                f"{escape(xml_safe(message))}</failure>\n</testcase>\n"
            )
        return "".join(parts) + "</testsuite>\n</testsuites>\n"
