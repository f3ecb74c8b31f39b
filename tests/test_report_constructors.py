"""``report.new_issue`` / ``new_report`` / ``pending_issue`` (the validator's positional
constructors) make exactly what the dataclasses' own constructors make, for every field."""

from __future__ import annotations

import dataclasses
from typing import Any

from armvalidate.report import Issue, Report, Severity, new_issue, new_report, pending_issue


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


def test_pending_issue_makes_what_the_constructor_makes_when_read() -> None:
    calls: list[tuple[object, ...]] = []

    def formatter(path: object, message: object, context: object, value: object, pii: bool) -> Any:
        calls.append((path, message, context, value, pii))
        return "/ssn", "Ssn", "m", {"k": 1}

    raw = (("ssn",), "raw m", {"k": 0})
    made = pending_issue("ssn.checksum", Severity.ERROR, "12015641779", True, formatter, *raw)
    constructed = Issue(
        "ssn.checksum", Severity.ERROR, "/ssn", "Ssn", "m", {"k": 1}, "12015641779", True
    )
    assert not calls and made.rule == "ssn.checksum" and made.pii and not calls
    assert made == constructed and calls == [(*raw, "12015641779", True)]
    assert vars(made) == vars(constructed) and repr(made) == repr(constructed)
    assert made.message == "m" and len(calls) == 1  # formatted once
