"""``report.new_issue`` / ``new_report`` (the validator's positional constructors) make exactly
what the dataclasses' own constructors make, for every field."""

from __future__ import annotations

import dataclasses

from armvalidate.report import Issue, Report, Severity, new_issue, new_report


def test_new_issue_and_new_report_make_what_the_constructors_make() -> None:
    args = ("ssn.checksum", Severity.ERROR, "/ssn", "Ssn", "m", {"k": 1}, "12015641779", True)
    assert [f.name for f in dataclasses.fields(Issue)] == [
        "rule",
        "severity",
        "path",
        "field",
        "message",
        "context",
        "value",
        "pii",
    ]
    made, constructed = new_issue(*args), Issue(*args)
    assert vars(made) == vars(constructed) and made == constructed
    assert repr(made) == repr(constructed)
    assert type(made) is Issue and made.pii is True and made.value == "12015641779"
    assert [f.name for f in dataclasses.fields(Report)] == ["issues", "sanitized"]
    report = new_report((made,), {"a": 1})
    assert vars(report) == vars(Report((constructed,), {"a": 1}))
    assert report == Report((constructed,), {"a": 1})
