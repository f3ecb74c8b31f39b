"""GitHub Actions workflow commands: annotations on the files of a pull request.

``::error file=F,line=L,title=RULE::MESSAGE``; in the message ``%``, CR and LF are escaped, in
the properties ``:`` and ``,`` too.

>>> escape_property("a,b:c%"), escape_data("50%\\nnext")
('a%2Cb%3Ac%25', '50%25%0Anext')
>>> from armvalidate.catalog import Severity
>>> from armvalidate.report import Issue
>>> from armvalidate.render.model import Finding
>>> issue = Issue("email.invalid", Severity.ERROR, "/customer/emailAddressDocument/0",
...               "EmailAddressDocument", "no @ in the address")
>>> print(GithubRenderer().finding(Finding("in,1.json", 19, issue)), end="")
... # doctest: +NORMALIZE_WHITESPACE
::error file=in%2C1.json,line=19,title=email.invalid::/customer/emailAddressDocument/0:
no @ in the address
"""

from __future__ import annotations

from armvalidate.render.base import Renderer, one_line, value_text
from armvalidate.render.model import Finding, Summary, pointer_text

__all__ = ["GithubRenderer", "escape_data", "escape_property"]


def escape_data(text: str) -> str:
    """Escape the message part of a workflow command."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value (``file=``, ``title=``) of a workflow command."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


class GithubRenderer(Renderer):
    """One ``::error``/``::warning`` command per finding; a notice when the run is partial.

    Control characters from the input are escaped (:func:`~armvalidate.render.base.one_line`)
    before the workflow-command escaping, so none reaches the log.
    """

    name = "github"

    def finding(self, finding: Finding) -> str:
        message = f"{pointer_text(finding.path)}: {finding.message}"
        value = value_text(finding, self.show_pii)
        if value is not None:
            message += f" (value: {value})"
        message = one_line(message, keep_line_breaks=True)  # escape_data takes CR and LF
        props = (
            f"file={escape_property(one_line(finding.file))},line={finding.line},"
            f"title={escape_property(finding.rule)}"
        )
        return f"::{finding.severity.value} {props}::{escape_data(message)}\n"

    def tail(self, summary: Summary) -> str:
        out = [
            f"::error file={escape_property(one_line(u.file))},title={u.RULE}::"
            f"{escape_data(one_line(u.message, keep_line_breaks=True))}\n"
            for u in summary.unreadable_inputs
        ]
        if summary.partial:
            message = f"stopped at --max-errors {summary.max_errors}; the results are partial"
            out.append(f"::notice title=armvalidate::{escape_data(message)}\n")
        return "".join(out)
