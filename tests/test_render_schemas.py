"""Machine-readable outputs against their official schemas, and unreadable inputs in every one.

SARIF is validated against the OASIS 2.1.0 schema, JUnit against the junit-10.xsd that pytest
checks its own --junitxml with (both vendored in tests/data, sources in tests/data/SOURCES.md).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import xmlschema
from click.testing import CliRunner

from armvalidate.cli import cli

DATA = Path(__file__).parent / "data"
BAD = '{"customerNo": "1", "name": "Kari", "ssn": "12015641778", "phoneNo": "997755332"}'
BROKEN = '{"customerNo": "2", "name": broken'


@pytest.fixture(scope="module")
def sarif_schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads((DATA / "sarif-schema-2.1.0.json").read_text("utf-8"))
    return schema


@pytest.fixture(scope="module")
def junit_schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(str(DATA / "junit-10.xsd"))


@pytest.fixture
def inputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A file with findings (one of them about the whole line), a clean one, an unreadable one."""
    monkeypatch.chdir(tmp_path)
    Path("kunder.jsonl").write_text(f"{BAD}\n{BROKEN}\n", encoding="utf-8")
    Path("ok.json").write_text('{"customerNo": "1", "name": "Ola"}', encoding="utf-8")
    Path("binary.json").write_bytes(b"\x00\x01\x02PK\x03\x04" * 50)
    return ["kunder.jsonl", "ok.json", "binary.json"]


def run(*args: str) -> Any:
    return CliRunner().invoke(cli, ["check", "--today", "2025-06-01", "--isolated", *args])


def test_sarif_validates_against_the_official_schema(
    inputs: list[str], sarif_schema: dict[str, Any]
) -> None:
    result = run(*inputs, "--format", "sarif")
    assert result.exit_code == 2, result.output
    log = json.loads(result.stdout)
    jsonschema.Draft4Validator(sarif_schema).validate(log)
    (invocation,) = log["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "error" and note["descriptor"]["id"] == "input.unreadable"
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "binary.json"
    assert "binary.json" in note["message"]["text"]


def test_sarif_of_a_clean_run_is_successful(
    inputs: list[str], sarif_schema: dict[str, Any]
) -> None:
    log = json.loads(run("ok.json", "--format", "sarif").stdout)
    jsonschema.Draft4Validator(sarif_schema).validate(log)
    assert log["runs"][0]["invocations"] == [{"executionSuccessful": True}]


@pytest.mark.parametrize("show_pii", [False, True])
def test_sarif_with_a_finding_of_every_rule_validates(
    sarif_schema: dict[str, Any], show_pii: bool
) -> None:
    import armvalidate
    from armvalidate.render import Finding, RecordResult, Tally, render
    from armvalidate.report import Issue

    results = []
    for n, rule in enumerate(armvalidate.rules(), start=1):
        issue = Issue(
            rule.id,
            rule.severity,
            "" if n % 5 == 0 else "/customer/x",
            "X",
            "m",
            value=float("nan"),
            context={"n": n},
        )
        results.append(
            RecordResult(
                "d/a.csv",
                n,
                n + 1,
                (Finding("d/a.csv", n + 1, issue, record=n, row=n + 1, column="x"),),
                row=n + 1,
            )
        )
    tally = Tally()
    tally.add_all(results)
    text = render(
        "sarif",
        results,
        tally.summary(files=1),
        rules=armvalidate.rules(),
        version="0.1.0",
        show_pii=show_pii,
    )
    jsonschema.Draft4Validator(sarif_schema).validate(json.loads(text))


def test_junit_validates_against_pytests_xsd(
    inputs: list[str], junit_schema: xmlschema.XMLSchema
) -> None:
    result = run(*inputs, "--format", "junit")
    assert result.exit_code == 2
    junit_schema.validate(result.stdout)
    import xml.etree.ElementTree as ET

    root = ET.fromstring(result.stdout)
    assert root.get("skipped") is None and root.get("time") is not None
    suite = root.find("testsuite")
    assert suite is not None and suite.get("time") is not None
    # 3 records in kunder.jsonl + ok.json ... the unreadable input is a failing testcase too
    assert suite.get("tests") == "4" and suite.get("failures") == "3"
    unreadable = [c for c in suite.findall("testcase") if c.get("name") == "binary.json"]
    (case,) = unreadable
    failure = case.find("failure")
    assert failure is not None and failure.get("type") == "input.unreadable"


def test_junit_strict_and_empty_runs_validate(
    inputs: list[str], junit_schema: xmlschema.XMLSchema
) -> None:
    junit_schema.validate(run("kunder.jsonl", "--format", "junit", "--strict").stdout)
    junit_schema.validate(run("ok.json", "--format", "junit").stdout)


def test_github_has_an_error_line_for_the_unreadable_input(inputs: list[str]) -> None:
    lines = run(*inputs, "--format", "github").stdout.splitlines()
    assert any(
        line.startswith("::error file=binary.json,title=input.unreadable::not JSON")
        for line in lines
    ), lines


def test_json_and_jsonl_name_the_unreadable_input(inputs: list[str]) -> None:
    doc = json.loads(run(*inputs, "--format", "json").stdout)
    assert [u["file"] for u in doc["unreadable"]] == ["binary.json"]
    assert doc["unreadable"][0]["message"].startswith("not JSON")
    assert doc["summary"]["unreadable_files"] == 1
    # "partial" is said once, at the top
    assert "partial" in doc and "partial" not in doc["summary"]
    lines = [json.loads(x) for x in run(*inputs, "--format", "jsonl").stdout.splitlines()]
    assert lines[-1]["rule"] == "input.unreadable" and lines[-1]["file"] == "binary.json"


def test_text_and_gitlab_name_the_unreadable_input(inputs: list[str]) -> None:
    text = run(*inputs).stdout
    assert "binary.json: [input.unreadable] not JSON" in text
    entries = json.loads(run(*inputs, "--format", "gitlab").stdout)
    assert entries[-1]["check_name"] == "input.unreadable"
    assert entries[-1]["severity"] == "blocker"


def test_gitlab_code_quality_shape(inputs: list[str]) -> None:
    entries = json.loads(run("kunder.jsonl", "--format", "gitlab").stdout)
    assert {e["check_name"] for e in entries} == {"ssn.checksum", "phone.invalid", "schema.json"}
    for entry in entries:
        assert set(entry) == {"description", "check_name", "fingerprint", "severity", "location"}
        assert entry["severity"] in ("major", "minor")
        assert entry["location"]["path"] == "kunder.jsonl"
        assert entry["location"]["lines"]["begin"] in (1, 2)
    assert len({e["fingerprint"] for e in entries}) == len(entries)
    again = json.loads(run("kunder.jsonl", "--format", "gitlab").stdout)
    assert [e["fingerprint"] for e in again] == [e["fingerprint"] for e in entries]
    assert json.loads(run("ok.json", "--format", "gitlab").stdout) == []


def test_the_whole_input_pointer_is_the_same_everywhere(inputs: list[str]) -> None:
    """RFC 6901's whole-document pointer "" in every data field; the one-line formats print
    it as "" so that the column is never empty."""
    doc = json.loads(run("kunder.jsonl", "--format", "json").stdout)
    whole = [f for f in doc["findings"] if f["rule"] == "schema.json"]
    assert [f["path"] for f in whole] == [""]
    log = json.loads(run("kunder.jsonl", "--format", "sarif").stdout)
    (res,) = [r for r in log["runs"][0]["results"] if r["ruleId"] == "schema.json"]
    assert res["properties"]["jsonPointer"] == ""
    assert "logicalLocations" not in res["locations"][0]
    assert 'kunder.jsonl:2: "" schema.json [error]' in run("kunder.jsonl").stdout
    github = run("kunder.jsonl", "--format", "github").stdout
    assert 'title=schema.json::"": not valid JSON' in github
    junit = run("kunder.jsonl", "--format", "junit").stdout
    assert 'kunder.jsonl:2: "" schema.json' in junit
