"""Findings the validator records are formatted when first read (``report.pending_issue``):
they behave as the Issue the formatted fields make, before and after being read, pickled,
copied or compared, and the raw parts never leave the process."""

from __future__ import annotations

import copy
import dataclasses
import datetime
import pickle
import threading
from typing import Any

import pytest

from armvalidate import Issue, Severity, validate_batch, validate_customer
from armvalidate.catalog import get_rule
from armvalidate.checks._context import Context, finish
from armvalidate.collate import ordered, position
from armvalidate.profile import PRODUCTION

TODAY = datetime.date(2026, 1, 1)
FNR = "12015641779"
ACCOUNT = "81501366584"
BASE = {"customerNo": "1", "name": "Kari Nordmann"}
PAYLOAD = {
    "metadata": {"userId": "u"},
    "customer": {
        **BASE,
        "ssn": "12015641778",
        "phoneNo": "123",
        "bankAccountNo": "8150.13.66585",
        "emailAddressDocument": ["a@ example.no", "x"],
        "postalAddress": {"postalCode": "0150", "cityName": "Bergen", "countryCode": "NO"},
        "stopReminderUntil": "2020-01-01",
        "unknownKey": 1,
    },
}
FORMATTED = ("path", "field", "message", "context")


def pending(report: Any) -> list[Issue]:
    issues = list(report.issues)
    assert issues and all("_pending" in vars(i) for i in issues)
    return issues


def formatted_copy(issue: Issue) -> Issue:
    """The Issue the public constructor makes of ``issue``'s fields."""
    return Issue(**{f.name: getattr(issue, f.name) for f in dataclasses.fields(Issue)})


def fresh() -> list[Issue]:
    return pending(validate_customer(PAYLOAD, today=TODAY))


def test_a_pending_issue_reads_as_the_issue_of_its_formatted_fields() -> None:
    issues = fresh()
    for issue in issues:
        made = formatted_copy(issue)
        assert "_pending" not in vars(issue) and vars(issue) == vars(made)
        assert issue == made and repr(issue) == repr(made) and str(issue) == str(made)
        assert issue.to_dict(show_pii=True) == made.to_dict(show_pii=True)
        assert type(issue) is Issue
    assert [i.rule for i in issues] == [
        "ssn.checksum",
        "phone.invalid",
        "account.checksum",
        "email.sanitized",
        "email.invalid",
        "postcode.city-mismatch",
        "stop.past",
        "schema.unknown-field",
    ]


READS: dict[str, Any] = {
    "message": lambda i: i.message,
    "context": lambda i: i.context,
    "repr": repr,
    "to_dict": lambda i: i.to_dict(),
    # (against another Issue: Python 3.13's dataclass __eq__ answers ``i == i`` by identity)
    "eq": lambda i: i == Issue(rule=i.rule, severity=i.severity, path="", field="", message=""),
    "asdict": dataclasses.asdict,
    "replace": lambda i: dataclasses.replace(i, rule="x"),
    "copy": copy.copy,
    "deepcopy": copy.deepcopy,
    "pickle": lambda i: pickle.loads(pickle.dumps(i)),
}


@pytest.mark.parametrize("read", list(READS.values()), ids=list(READS))
def test_every_way_of_reading_formats_the_issue_alike(read: Any) -> None:
    expected = [formatted_copy(i) for i in fresh()]
    issues = fresh()
    for issue in issues:
        read(issue)
        assert "_pending" not in vars(issue)
    assert issues == expected
    for issue in fresh():  # and what was read equals what the formatted copy gives
        if read(issue) is not True:
            got = read(issue)
            made = read(formatted_copy(issue))
            assert type(got) is type(made)
            if isinstance(got, Issue):
                assert vars(got) == vars(made) and "_pending" not in vars(got)


def test_the_unformatted_fields_are_read_without_formatting() -> None:
    report = validate_customer(PAYLOAD, today=TODAY)
    assert not report.ok and "ssn.checksum" in report and report.rules
    assert len(report.errors) + len(report.warnings) == len(report)
    assert all("_pending" in vars(i) for i in report.issues)  # severity, rule: no formatting
    assert [i.pii for i in report.issues if i.rule in ("ssn.checksum", "account.checksum")] == [
        True,
        True,
    ]


def test_unknown_attributes_and_hashing_behave_as_before() -> None:
    issue = fresh()[0]
    assert not hasattr(issue, "nonsense") and "_pending" in vars(issue)
    with pytest.raises(AttributeError, match="nonsense"):
        issue.nonsense  # noqa: B018
    with pytest.raises(AttributeError):
        issue.is_error = True  # type: ignore[misc]
    made = formatted_copy(issue)
    with pytest.raises(TypeError):  # a dict context: unhashable, as an Issue always was
        hash(made)
    with pytest.raises(TypeError):
        hash(issue)


def test_the_formatted_fields_have_no_class_attribute_to_hide_behind() -> None:
    # a class attribute would be found before __getattr__ is asked, and shown unformatted
    for name in FORMATTED:
        assert not hasattr(Issue, name)


def test_a_pickled_report_is_the_report() -> None:
    for payload in (PAYLOAD, PAYLOAD["customer"], '{"customer": {"ssn": 1}}'):
        report = validate_customer(payload, today=TODAY)
        again = pickle.loads(pickle.dumps(report, protocol=pickle.HIGHEST_PROTOCOL))
        assert again == report and again.to_dict(show_pii=True) == report.to_dict(show_pii=True)
        assert again.to_api_warnings() == report.to_api_warnings()
    batch = {"metadata": {"userId": "u"}, "customers": [PAYLOAD["customer"], {"ssn": FNR}]}
    report = validate_batch(batch, today=TODAY)
    assert pickle.loads(pickle.dumps(report)) == report


def test_the_pickle_of_a_pending_issue_holds_the_masked_text_only() -> None:
    # a check that writes a personal number into its message and context without flagging it:
    # the masking is the net under every finding, read now or pickled first
    ctx = Context(PRODUCTION.tables, "create", TODAY)
    rule = get_rule("ssn.checksum")
    ctx.emit(rule, ("customer", "ssn"), f"ssn {FNR}, account {ACCOUNT}", context={"found": [FNR]})
    ctx.emit(rule, ("customer", FNR), f"a key {ACCOUNT}", value=ACCOUNT, pii=True)
    for _, issue in ctx.issues:
        assert "_pending" in vars(issue)
        data = pickle.dumps(issue)
        raw = {FNR.encode(), ACCOUNT.encode()} - {str(issue.value).encode()}
        assert not any(number in data for number in raw), data
    first, second = (pickle.loads(pickle.dumps(i)) for _, i in ctx.issues)
    assert first.message == "ssn *********79, account *********84"
    assert first.context == {"found": ["*********79"]}
    assert second.path == "/customer/*********79" and second.message == "a key *********84"
    assert second.value == ACCOUNT


class _Text(str):
    """A str whose methods could run code of the caller's."""


def test_parts_of_other_types_are_formatted_as_the_finding_is_made() -> None:
    ctx = Context(PRODUCTION.tables, "create", TODAY)
    rule = get_rule("ssn.format")
    plain = [(("customer", "ssn"), "m", {"found": "x", "n": [1, "y"]}, None, False)]
    odd = [
        (("customer", _Text("ssn")), "m", None, None, False),
        (("customer", "ssn"), _Text("m"), None, None, False),
        (("customer", "ssn"), "m", {"found": _Text("x")}, None, False),
        (("customer", "ssn"), "m", {"found": [_Text("x")]}, None, False),
        (("customer", "ssn"), "m", {"found": {"x": 1}}, None, False),
        (("customer", "ssn"), "m", None, _Text(FNR), True),
        (("customer", True), "m", None, None, False),
    ]
    for path, message, context, value, pii in plain + odd:
        ctx.emit(rule, path, message, context=context, value=value, pii=pii)
    states = ["_pending" in vars(issue) for _, issue in ctx.issues]
    assert states == [True] + [False] * len(odd)
    for (path, message, context, value, pii), (_, issue) in zip(
        plain + odd, ctx.issues, strict=True
    ):
        shown = finish(path, message, context, value, pii)
        assert (issue.path, issue.field, issue.message, issue.context) == shown


def test_a_profile_decides_as_the_finding_is_made() -> None:
    from armvalidate import Profile

    quiet = Profile(severity={"phone.invalid": "off", "ssn.checksum": "warning"})
    report = validate_customer(PAYLOAD, profile=quiet, today=TODAY)
    assert "phone.invalid" not in report
    assert [i.severity for i in report.issues if i.rule == "ssn.checksum"] == [Severity.WARNING]


def test_threads_reading_one_issue_read_the_same() -> None:
    for _ in range(20):
        issues = fresh()
        seen: list[Any] = []

        def read(issues: list[Issue] = issues, seen: list[Any] = seen) -> None:
            seen.append([(i.path, i.field, i.message, i.context) for i in issues])

        threads = [threading.Thread(target=read) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert len(seen) == 4 and all(s == seen[0] for s in seen)


# -- the order of the findings ---------------------------------------------------------------


def test_findings_in_payload_order_are_not_sorted_again() -> None:
    root = {"customer": {"a": 1, "b": 2, "c": [1, 2]}}
    made = [Issue(r, Severity.ERROR, "", "", "") for r in "wxyz"]
    paths = [("customer",), ("customer", "missing"), ("customer", "a"), ("customer", "c", 1)]
    assert [position(p, root, {}) for p in paths] == [(0,), (0, -1), (0, 0), (0, 2, 1)]
    assert ordered(list(zip(paths, made, strict=True)), root) == tuple(made)
    shuffled = [3, 1, 0, 2]
    got = ordered([(paths[i], made[i]) for i in shuffled], root)
    assert got == tuple(made)
    # stable within one path: the order they were found in
    same = [
        (("customer", "b"), made[2]),
        (("customer", "a"), made[1]),
        (("customer", "b"), made[0]),
    ]
    assert ordered(same, root) == (made[1], made[2], made[0])
