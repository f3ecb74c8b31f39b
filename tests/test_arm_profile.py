"""The arm profile (predicts the server), POST upsert, read-only keys and the API warnings.

The docs' own request and answer are the fixtures (copied byte for byte in examples/); the GET
answer is rebuilt from the docs' description of the answer-only keys.
"""

from __future__ import annotations

import copy
import datetime
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from armvalidate import (
    PRODUCTION,
    Profile,
    Severity,
    profile_from_mapping,
    rules,
    validate_batch,
    validate_customer,
)
from armvalidate.cli import cli
from armvalidate.profile import ARM, get_profile, server_refusals

ROOT = Path(__file__).resolve().parent.parent
TODAY = datetime.date(2025, 6, 1)  # before the docs' stop dates (2026-01-01)
DOCS_REQUEST: dict[str, Any] = json.loads(
    (ROOT / "examples" / "post-customer.request.json").read_text(encoding="utf-8")
)
DOCS_ANSWER_WARNING = {
    "field": "EmailAddressDocument",
    "message": "Email address owea@ testarmrest.no was sanitized: owea@testarmrest.no was s",
}
# The keys the docs show only in answers, with values of the docs' GET example's kind.
ANSWER_ONLY = {
    "clientNo": 2218,
    "accountNo": 500002,
    "postalReturnStatus": "",
    "postalReturnDate": None,
    "organizationNoScheme": "0192",
    "registrationStatusCode": "FICTITIOUS",
    "registrationStatusDate": "2023-05-02",
    "postalAddressChanged": "2023-05-02",
}


def docs_request() -> dict[str, Any]:
    return copy.deepcopy(DOCS_REQUEST)


def get_answer_as_request() -> dict[str, Any]:
    """The docs' GET answer (the customer with the answer-only keys) sent back as a request."""
    body = docs_request()
    body["customer"].update(ANSWER_ONLY)
    return body


def found(report: Any) -> list[tuple[str, str]]:
    return [(i.rule, i.severity.value) for i in report]


def test_the_docs_example_file_is_the_shared_one() -> None:
    shared = Path("/work/shared/arm-api/examples/post-customer.request.json")
    if shared.exists():
        assert json.loads(shared.read_text(encoding="utf-8")) == DOCS_REQUEST


# --- the arm profile -----------------------------------------------------------------------


def test_the_docs_request_gets_no_error_under_arm() -> None:
    report = validate_customer(docs_request(), profile="arm", today=TODAY)
    assert report.ok and not report.errors
    # the findings are kept, as warnings with the same rule ids as production's
    production = validate_customer(docs_request(), today=TODAY)
    assert [i.rule for i in report] == [i.rule for i in production]
    assert ("account.format", "error") in found(production)
    assert ("account.format", "warning") in found(report)
    assert {"peppol.orgnr", "phone.invalid"} <= report.rules


def test_the_docs_get_answer_sent_back_gets_no_error_under_arm() -> None:
    body = get_answer_as_request()
    for day in (TODAY, datetime.date(2030, 1, 1)):  # before and after the stop dates
        report = validate_customer(body, profile="arm", today=day)
        assert report.ok, found(report)
    # production: the answer-only keys are warnings now (the docs do not say they are refused)
    production = validate_customer(body, today=TODAY)
    read_only = [sev for rule, sev in found(production) if rule == "schema.read-only"]
    assert read_only == ["warning"] * len(ANSWER_ONLY)
    assert [r for r, sev in found(production) if sev == "error"] == ["account.format"]


def test_the_docs_flows_pass_under_arm_for_every_operation() -> None:
    for operation in ("create", "update", "upsert"):
        for body in (docs_request(), get_answer_as_request()):
            report = validate_customer(body, operation=operation, profile="arm", today=TODAY)
            assert report.ok, (operation, found(report))


@pytest.mark.parametrize(
    ("payload", "rule"),
    [
        ("{not json", "schema.json"),
        ("[1, 2]", "schema.json"),
        ({"customer": {"name": "Kari"}}, "schema.required"),  # no customerNo: no upsert key
        ({"customer": {"customerNo": None, "name": "Kari"}}, "schema.required"),
        ({"customer": {"customerNo": "  ", "name": "Kari"}}, "schema.required"),
        ({"metadata": {"userId": "u"}}, "schema.required"),  # no customer at all
        ({"customer": "543210"}, "schema.type"),  # a customer that is no object
        ({"customerNo": None, "name": "Kari"}, "schema.required"),  # a bare customer
    ],
)
def test_arm_keeps_an_error_for_what_the_server_cannot_process(payload: Any, rule: str) -> None:
    report = validate_customer(payload, profile="arm", today=TODAY)
    assert (rule, "error") in found(report), found(report)


def test_arm_keeps_an_error_for_a_batch_it_cannot_process() -> None:
    body = {"customers": [{"customerNo": "1", "name": "A"}, "not an object", {"name": "B"}]}
    report = validate_batch(body, profile="arm", today=TODAY)
    errors = [(i.rule, i.path) for i in report.errors]
    assert errors == [
        ("schema.type", "/customers/1"),
        ("schema.required", "/customers/2/customerNo"),
    ]


@pytest.mark.parametrize(
    ("customer", "rule", "path"),
    [
        ({"customerNo": "1"}, "schema.required", "/customer/name"),  # name: not stated required
        ({"customerNo": "1", "name": " "}, "schema.required", "/customer/name"),
        ({"customerNo": 543210, "name": "Kari"}, "schema.type", "/customer/customerNo"),
        ({"customerNo": "1", "name": "Kari", "yearOfBirth": "1956"}, "schema.type",
         "/customer/yearOfBirth"),
        ({"customerNo": "1", "name": "Kari", "ssn": "12015641778"}, "ssn.checksum",
         "/customer/ssn"),
        ({"customerNo": "1", "name": "Kari", "organizationNo": "984842253"}, "orgnr.checksum",
         "/customer/organizationNo"),
        ({"customerNo": "1", "name": "Kari", "dateOfBirth": "12.01.1956"}, "date.format",
         "/customer/dateOfBirth"),
        ({"customerNo": "1", "name": "Kari", "currency": "NKR"}, "currency.unknown",
         "/customer/currency"),
        ({"customerNo": "1", "name": "K" * 101}, "length.max", "/customer/name"),
        ({"customerNo": "1", "name": "Kari", "emailAdress": ["a@b.no"]}, "schema.unknown-field",
         "/customer/emailAdress"),
        ({"customerNo": "1", "name": "Kari", "ssn": "12415641751"}, "ssn.kind", "/customer/ssn"),
    ],
)  # fmt: skip
def test_arm_lowers_our_policy_to_warnings(customer: dict[str, Any], rule: str, path: str) -> None:
    production = validate_customer({"customer": customer}, today=TODAY)
    assert (rule, "error", path) in [(i.rule, i.severity.value, i.path) for i in production]
    arm = validate_customer({"customer": customer}, profile="arm", today=TODAY)
    assert (rule, "warning", path) in [(i.rule, i.severity.value, i.path) for i in arm]
    assert arm.ok, found(arm)


def test_under_arm_only_the_server_refusals_can_be_errors() -> None:
    kept = server_refusals()
    assert kept >= {"schema.json", "schema.required", "input.too-large", "input.too-deep"}
    for rule in rules():
        if rule.id not in kept:
            assert ARM.severity_of(rule.id) in ("warning", "off"), rule.id


def test_the_profiles_own_severity_wins_over_arm() -> None:
    strict_arm = profile_from_mapping({"base": "arm", "severity": {"account.format": "error"}})
    assert strict_arm.predict_server
    report = validate_customer(docs_request(), profile=strict_arm, today=TODAY)
    assert [i.rule for i in report.errors] == ["account.format"]


def test_predict_server_is_a_toml_setting() -> None:
    test_like = profile_from_mapping({"base": "test", "predict-server": True})
    assert test_like.predict_server and test_like.allow_synthetic
    assert test_like.severity_of("ssn.checksum") == "warning"
    assert PRODUCTION.severity_of("ssn.checksum") == "error" and not PRODUCTION.predict_server
    assert profile_from_mapping({"base": "arm"}).severity_of("ssn.checksum") == "warning"
    with pytest.raises(ValueError, match="predict-server must be true or false"):
        profile_from_mapping({"predict-server": "yes"})
    assert get_profile("arm") is ARM and ARM.name == "arm"
    assert Profile(predict_server=True) != PRODUCTION


def test_cli_profile_arm(tmp_path: Path) -> None:
    path = tmp_path / "docs.json"
    path.write_text(json.dumps(DOCS_REQUEST), encoding="utf-8")
    runner = CliRunner()
    production = runner.invoke(cli, ["check", str(path), "--format", "json"])
    assert production.exit_code == 1
    arm = runner.invoke(cli, ["check", str(path), "--profile", "arm", "--format", "json"])
    assert arm.exit_code == 0, arm.output
    doc = json.loads(arm.stdout)
    assert doc["summary"]["errors"] == 0
    by_rule = {f["rule"]: f for f in doc["findings"]}
    assert by_rule["account.format"]["severity"] == "warning"
    assert by_rule["account.format"]["source"] == "authority"


# --- read-only keys ------------------------------------------------------------------------


def test_read_only_keys_follow_the_evidence_and_are_configurable() -> None:
    body = get_answer_as_request()
    assert PRODUCTION.severity_of("schema.read-only") == "warning"
    assert ARM.severity_of("schema.read-only") == "warning"
    silent = profile_from_mapping({"base": "arm", "severity": {"schema.read-only": "off"}})
    assert "schema.read-only" not in validate_customer(body, profile=silent, today=TODAY)
    strict = profile_from_mapping({"severity": {"schema.read-only": "error"}})
    report = validate_customer(body, profile=strict, today=TODAY)
    assert sum(1 for i in report.errors if i.rule == "schema.read-only") == len(ANSWER_ONLY)


def test_read_only_message_does_not_claim_a_refusal() -> None:
    report = validate_customer(get_answer_as_request(), today=TODAY)
    issue = next(i for i in report if i.rule == "schema.read-only")
    assert "must not" not in issue.message and "answers" in issue.message


# --- POST upsert ---------------------------------------------------------------------------


def test_upsert_needs_no_name_but_keeps_creates_rules() -> None:
    no_name = {"customer": {"customerNo": "543210", "stopReminderMemo": "Agreed"}}
    create = validate_customer(no_name, today=TODAY)
    assert ("schema.required", "error") in found(create)
    upsert = validate_customer(no_name, operation="upsert", today=TODAY)
    assert "schema.required" not in upsert
    assert "stop.memo-without-date" in upsert  # create's rule, not update's
    assert upsert.ok
    blank = validate_customer(
        {"customer": {"customerNo": "1", "name": ""}}, operation="upsert", today=TODAY
    )
    assert "schema.required" not in blank
    for customer in ({"name": "Kari"}, {"customerNo": "", "name": "Kari"}):
        missing = validate_customer({"customer": customer}, operation="upsert", today=TODAY)
        assert ("schema.required", "error") in found(missing)


def test_upsert_does_not_apply_puts_address_group_rule() -> None:
    body = {"customer": {"customerNo": "1", "postalAddress": {"postalCode": "0150"}}}
    assert "update.partial-address" in validate_customer(body, operation="update", today=TODAY)
    assert "update.partial-address" not in validate_customer(body, operation="upsert", today=TODAY)


def test_upsert_passes_the_docs_flows() -> None:
    # production: the docs' request keeps its account.format error; nothing about the name
    request = docs_request()
    del request["customer"]["name"]
    report = validate_customer(request, operation="upsert", today=TODAY)
    assert [i.rule for i in report.errors] == ["account.format"]
    request["customer"]["bankAccountNo"] = "86011117947"
    assert validate_customer(request, operation="upsert", today=TODAY).ok
    assert validate_customer(request, operation="upsert", profile="arm", today=TODAY).ok


def test_upsert_in_batches_and_the_cli(tmp_path: Path) -> None:
    body = {"metadata": {"userId": "u"}, "customers": [{"customerNo": "1"}, {"customerNo": "2"}]}
    assert validate_batch(body, operation="upsert", today=TODAY).ok
    assert not validate_batch(body, operation="create", today=TODAY).ok
    path = tmp_path / "c.json"
    path.write_text(json.dumps({"customer": {"customerNo": "1"}}), encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(cli, ["check", str(path)]).exit_code == 1
    assert runner.invoke(cli, ["check", str(path), "--operation", "upsert"]).exit_code == 0
    with pytest.raises(ValueError, match="'upsert'"):
        validate_customer({}, operation="merge")


# --- the API warnings ----------------------------------------------------------------------


def test_api_warnings_of_the_docs_request_are_the_docs_answer() -> None:
    # the docs' answer names "owea@ testarmrest.no": the original had a space after the @
    request = docs_request()
    request["customer"]["emailAddressDocument"] = ["owea@ testarmrest.no"]
    for profile in ("production", "arm", "test"):
        report = validate_customer(request, profile=profile, today=TODAY)
        warnings = report.to_api_warnings()
        assert [w["field"] for w in warnings] == [DOCS_ANSWER_WARNING["field"]]
        (warning,) = warnings
        assert set(warning) == {"field", "message"}
        assert warning["message"] == (
            "Email address owea@ testarmrest.no was sanitized: owea@testarmrest.no"
        )
        # the docs cut their message off; ours is the part they show in full
        assert DOCS_ANSWER_WARNING["message"].startswith(warning["message"])


def test_api_warnings_leave_out_our_own_findings() -> None:
    report = validate_customer(docs_request(), today=TODAY)
    assert report.errors and report.warnings  # account.format, peppol.orgnr, ...
    assert report.to_api_warnings() == []


def test_api_warnings_of_a_batch_and_of_the_secondary_address() -> None:
    body = {
        "customers": [
            {"customerNo": "1", "name": "A", "secondaryEmailAddress": ["x@ Example.NO"]},
            {"customerNo": "2", "name": "B", "emailAddressDocument": ["ok@example.no", " y@z.no"]},
        ]
    }
    warnings = validate_batch(body, today=TODAY).to_api_warnings()
    assert warnings == [
        {
            "field": "SecondaryEmailAddress",
            "message": "Email address x@ Example.NO was sanitized: x@example.no",
        },
        {"field": "EmailAddressDocument", "message": "Email address  y@z.no was sanitized: y@z.no"},
    ]


def test_api_warning_templates_belong_to_the_docs_rules_only() -> None:
    with_template = [r for r in rules() if r.api_warning]
    assert [r.id for r in with_template] == ["email.sanitized"]
    assert all(r.source == "arm-docs" for r in with_template)
    assert all(r.severity is Severity.WARNING for r in with_template)


def test_pyproject_can_choose_arm_and_upsert(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.armvalidate]\noperation = "upsert"\nbase = "arm"\n', encoding="utf-8"
    )
    (tmp_path / "a.json").write_text(
        json.dumps({"customer": {"customerNo": "1", "bankAccountNo": "123"}}), encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["check", "a.json", "--format", "json"])
    assert result.exit_code == 0, result.output
    findings = json.loads(result.stdout)["findings"]
    assert [(f["rule"], f["severity"]) for f in findings] == [("account.format", "warning")]
    strict = CliRunner().invoke(cli, ["check", "a.json", "--profile", "production"])
    assert strict.exit_code == 1  # account.format is an error again; name still not required
    assert "schema.required" not in strict.stdout
