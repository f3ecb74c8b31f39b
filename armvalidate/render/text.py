"""The text format: one line per finding, like ruff, then a summary table.

>>> from armvalidate.catalog import Severity
>>> from armvalidate.report import Issue
>>> from armvalidate.render.model import Finding, RecordResult, Tally
>>> issue = Issue("account.format", Severity.ERROR, "/customer/bankAccountNo",
...               "BankAccountNo", "expected 11 digits, found 12", value="815013665841")
>>> result = RecordResult("in.json", 1, 1, (Finding("in.json", 44, issue),))
>>> tally = Tally(); tally.add(result)
>>> print(TextRenderer().render([result], tally.summary(files=1)))
in.json:44: /customer/bankAccountNo account.format [error] expected 11 digits, found 12
<BLANKLINE>
  Count  Rule            Severity
      1  account.format  error
<BLANKLINE>
Checked 1 record in 1 file: 1 error, 0 warnings (1 record failed).
<BLANKLINE>
"""

from __future__ import annotations

from armvalidate.catalog import Severity
from armvalidate.render.base import Renderer, one_line, value_text
from armvalidate.render.model import Finding, Summary, pointer_text

__all__ = ["TextRenderer", "plural"]

_COLORS = {Severity.ERROR: "\x1b[1;31m", Severity.WARNING: "\x1b[1;33m"}
_BOLD = "\x1b[1m"
_DIM = "\x1b[2m"
_RESET = "\x1b[0m"


def plural(n: int, word: str) -> str:
    """``plural(1, "error")`` → ``'1 error'``; ``plural(2, "error")`` → ``'2 errors'``."""
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


class TextRenderer(Renderer):
    """``file:line: /pointer rule [severity] message``, then counts per rule.

    Text from the input is shown with its control characters escaped
    (:func:`~armvalidate.render.base.one_line`): one finding is always one line.
    """

    name = "text"

    def finding(self, finding: Finding) -> str:
        severity = f"[{finding.severity.value}]"
        location = f"{one_line(finding.file)}:{finding.line}:"
        rule = finding.rule
        if self.color:  # colour only around our own text: input text is escaped above
            severity = f"{_COLORS.get(finding.severity, '')}{severity}{_RESET}"
            location = f"{_BOLD}{location}{_RESET}"
            rule = f"{_DIM}{rule}{_RESET}" if finding.severity is Severity.WARNING else rule
        line = (
            f"{location} {one_line(pointer_text(finding.path))} "
            f"{rule} {severity} {one_line(finding.message)}"
        )
        value = value_text(finding, self.show_pii)
        if value is not None:
            line += f" (value: {one_line(value)})"
        return line + "\n"

    def tail(self, summary: Summary) -> str:
        out: list[str] = []
        for item in summary.unreadable_inputs:  # never checked: said even with --quiet
            label = f"[{item.RULE}]"
            if self.color:
                label = f"{_COLORS[Severity.ERROR]}{label}{_RESET}"
            out.append(f"{one_line(item.file)}: {label} {one_line(item.message)}")
        if self.quiet:
            return "".join(line + "\n" for line in out)
        if summary.rules:
            width = max(len("Rule"), *(len(rule) for rule in summary.rules))
            out.append("")
            out.append(f"  Count  {'Rule':<{width}}  Severity")
            for rule, (severity, count) in summary.rules.items():
                out.append(f"{count:>7}  {rule:<{width}}  {severity.value}")
            out.append("")
        records = plural(summary.records, "record")
        files = plural(summary.files, "file")
        if summary.unreadable:
            out.append(f"{plural(summary.unreadable, 'file')} could not be read.")
        if not summary.rules and not summary.unreadable:
            out.append(f"All checks passed: {records} in {files}.")
        elif not summary.rules:
            out.append(f"No findings in {records} in {files}.")
        else:
            out.append(
                f"Checked {records} in {files}: {plural(summary.errors, 'error')}, "
                f"{plural(summary.warnings, 'warning')} "
                f"({plural(summary.failed_records, 'record')} failed)."
            )
        if summary.partial:
            out.append(
                f"Stopped at the limit of --max-errors {summary.max_errors}: "
                "the results are partial."
            )
        return "\n".join(out) + "\n"
