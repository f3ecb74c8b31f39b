"""Renderers: every format parses, says what it must, and shows raw values only on request."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

import armvalidate
from armvalidate.catalog import Severity
from armvalidate.render import FORMATS, Finding, RecordResult, Summary, Tally, render
from armvalidate.render.github import escape_data, escape_property
from armvalidate.report import Issue

SSN = "12015641778"
RULES = armvalidate.rules()


def _issue(rule: str, severity: Severity, path: str, message: str, **kw: object) -> Issue:
    return Issue(rule, severity, path, path.rsplit("/", 1)[-1].title(), message, **kw)  # type: ignore[arg-type]


def _results() -> list[RecordResult]:
    ssn = _issue(
        "ssn.checksum",
        Severity.ERROR,
        "/customer/ssn",
        "ssn: the second check digit (digit 11) is 8, expected 9",
        value=SSN,
        pii=True,
        context={"expected": "9", "found": "8"},
    )
    phone = _issue(
        "phone.invalid", Severity.WARNING, "/customer/phoneNo", "100% wrong,\nreally: yes"
    )
    odd = _issue("schema.json", Severity.ERROR, "", "bad <json> & \x00 control\x1b chars")
    return [
        RecordResult("dir/a b.jsonl", 1, 1, (Finding("dir/a b.jsonl", 1, ssn, record=1),)),
        RecordResult("dir/a b.jsonl", 2, 2),
        RecordResult("dir/a b.jsonl", 3, 3, (Finding("dir/a b.jsonl", 3, phone, record=3),)),
        RecordResult("x.csv", 1, 2, (Finding("x.csv", 2, odd, row=2, column=None),), row=2),
    ]


def _summary(results: list[RecordResult], *, strict: bool = False, **kw: object) -> Summary:
    tally = Tally(strict=strict)
    tally.add_all(results)
    return tally.summary(files=2, **kw)  # type: ignore[arg-type]


def _render(fmt: str, *, show_pii: bool = False, strict: bool = False, **kw: object) -> str:
    results = _results()
    return render(
        fmt,
        results,
        _summary(results, strict=strict, **kw),
        show_pii=show_pii,
        strict=strict,
        rules=RULES,
        version=armvalidate.__version__,
    )


def test_summary_counts() -> None:
    summary = _summary(_results())
    assert (summary.records, summary.errors, summary.warnings) == (4, 2, 1)
    assert summary.failed_records == 2
    assert summary.rules["phone.invalid"] == (Severity.WARNING, 1)
    assert list(summary.rules) == sorted(summary.rules)
    assert summary.failed
    strict = _summary(_results(), strict=True)
    assert strict.failed_records == 3


def test_text_lines_and_summary_table() -> None:
    out = _render("text")
    lines = out.splitlines()
    assert lines[0] == (
        "dir/a b.jsonl:1: /customer/ssn ssn.checksum [error] "
        "ssn: the second check digit (digit 11) is 8, expected 9"
    )
    assert (
        lines[1]
        == "dir/a b.jsonl:3: /customer/phoneNo phone.invalid [warning] 100% wrong,\\nreally: yes"
    )
    assert lines[2].startswith('x.csv:2: "" schema.json [error]')
    assert "  Count  Rule" in out
    assert "      1  ssn.checksum   error" in out
    assert out.rstrip().endswith(
        "Checked 4 records in 2 files: 2 errors, 1 warning (2 records failed)."
    )


def test_text_when_all_is_well_and_when_partial() -> None:
    assert render("text", [], Summary(files=1, records=3)).strip() == (
        "All checks passed: 3 records in 1 file."
    )
    out = _render("text", partial=True, max_errors=2)
    assert "Stopped at the limit of --max-errors 2: the results are partial." in out


def test_json_is_one_document() -> None:
    doc = json.loads(_render("json", partial=True, max_errors=5))
    assert doc["tool"] == "armvalidate" and doc["version"] == armvalidate.__version__
    assert [f["rule"] for f in doc["findings"]] == ["ssn.checksum", "phone.invalid", "schema.json"]
    first = doc["findings"][0]
    assert (first["file"], first["line"], first["record"], first["path"]) == (
        "dir/a b.jsonl",
        1,
        1,
        "/customer/ssn",
    )
    assert doc["findings"][2]["row"] == 2
    assert doc["summary"]["errors"] == 2 and doc["summary"]["rules"]["phone.invalid"]["count"] == 1
    assert doc["partial"] is True and "partial" not in doc["summary"]  # said once


def test_json_without_findings_is_valid() -> None:
    doc = json.loads(render("json", [RecordResult("a", 1, 1)], Summary(records=1)))
    assert doc["findings"] == [] and doc["partial"] is False


def test_jsonl_is_one_finding_per_line() -> None:
    lines = _render("jsonl").splitlines()
    assert len(lines) == 3
    assert [json.loads(line)["rule"] for line in lines] == [
        "ssn.checksum",
        "phone.invalid",
        "schema.json",
    ]


def test_sarif_structure() -> None:
    log = json.loads(_render("sarif", partial=True, max_errors=3))
    assert log["version"] == "2.1.0" and "sarif-2.1.0" in log["$schema"]
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "armvalidate" and driver["version"] == armvalidate.__version__
    ids = [r["id"] for r in driver["rules"]]
    assert ids == [r.id for r in RULES]
    for rule in driver["rules"]:
        assert rule["defaultConfiguration"]["level"] in ("error", "warning")
        assert rule["shortDescription"]["text"]
    results = run["results"]
    assert len(results) == 3
    for result in results:
        assert result["level"] in ("error", "warning")
        assert ids[result["ruleIndex"]] == result["ruleId"]
        (location,) = result["locations"]
        physical = location["physicalLocation"]
        assert physical["region"]["startLine"] >= 1
        assert physical["artifactLocation"]["uri"] in ("dir/a%20b.jsonl", "x.csv")
        pointer = result["properties"]["jsonPointer"]
        if pointer:
            assert location["logicalLocations"][0]["fullyQualifiedName"] == pointer
        else:  # the whole input: the empty pointer, as in every other format
            assert "logicalLocations" not in location
    assert results[2]["properties"]["row"] == 2
    assert run["properties"]["partial"] is True
    assert run["invocations"][0]["executionSuccessful"] is True


def test_junit_xml() -> None:
    root = ET.fromstring(_render("junit"))
    suite = root.find("testsuite")
    assert suite is not None
    assert (suite.get("tests"), suite.get("failures")) == ("4", "2")
    cases = suite.findall("testcase")
    assert len(cases) == 4
    assert [len(c.findall("failure")) for c in cases] == [1, 0, 0, 1]
    assert cases[0].find("failure").get("type") == "ssn.checksum"  # type: ignore[union-attr]
    assert "phone.invalid" in (cases[2].findtext("system-out") or "")
    assert cases[3].get("name") == "x.csv: row 2"
    failure = cases[3].find("failure").text or ""  # type: ignore[union-attr]
    assert "\\x00 control\\x1b" in failure  # escaped as in the text format, never raw


def test_junit_strict_makes_warnings_failures() -> None:
    root = ET.fromstring(_render("junit", strict=True))
    suite = root.find("testsuite")
    assert suite is not None and suite.get("failures") == "3"
    assert suite.findall("testcase")[2].find("failure") is not None


def test_github_workflow_commands() -> None:
    lines = _render("github", partial=True, max_errors=1).splitlines()
    assert lines[0].startswith("::error file=dir/a b.jsonl,line=1,title=ssn.checksum::")
    assert lines[1] == (
        "::warning file=dir/a b.jsonl,line=3,title=phone.invalid::"
        "/customer/phoneNo: 100%25 wrong,%0Areally: yes"
    )
    assert lines[-1].startswith("::notice title=armvalidate::")
    assert len(lines) == 4


@pytest.mark.parametrize(
    ("text", "data", "prop"),
    [
        ("a%b", "a%25b", "a%25b"),
        ("a\r\nb", "a%0D%0Ab", "a%0D%0Ab"),
        ("a:b,c", "a:b,c", "a%3Ab%2Cc"),
    ],
)
def test_github_escaping(text: str, data: str, prop: str) -> None:
    assert escape_data(text) == data
    assert escape_property(text) == prop


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_raw_values_only_with_show_pii(fmt: str) -> None:
    assert SSN not in _render(fmt)
    assert SSN in _render(fmt, show_pii=True)


def test_sarif_rule_texts_mask_long_numbers() -> None:
    out = _render("sarif")
    for rule in RULES:
        for number in ("12015641779", "86011117948", "815013665841"):
            if number in rule.example + rule.doc:
                assert number not in out


# -- text from the input: control characters, line breaks, non-finite numbers ----------------

_CONTROLS = "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202e]"


def _hostile() -> list[RecordResult]:
    key = _issue(
        "schema.unknown-field",
        Severity.ERROR,
        "/x\nf.jsonl:9: /ssn ssn.checksum [error] forged\x1b]0;t\x07\u202e",
        "the customer object has no key \x1b[31mx\x85\u2028",
        value=float("nan"),
        context={"limit": float("-inf")},
    )
    return [RecordResult("in\x1b.jsonl", 1, 1, (Finding("in\x1b.jsonl", 1, key),))]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("show_pii", [False, True])
def test_no_control_character_and_no_forged_line_in_any_format(fmt: str, show_pii: bool) -> None:
    import re

    results = _hostile()
    out = render(fmt, results, _summary(results), show_pii=show_pii, rules=RULES)
    assert not re.search(_CONTROLS, out), fmt
    assert not [line for line in out.splitlines() if line.startswith("f.jsonl")]
    if fmt in ("json", "jsonl", "sarif"):  # strict JSON: no bare NaN / -Infinity tokens

        def refuse(name: str) -> None:
            raise ValueError(name)

        for text in out.splitlines() if fmt == "jsonl" else [out]:
            json.loads(text, parse_constant=refuse)
    if fmt == "text":
        assert "/x\\nf.jsonl:9: /ssn ssn.checksum [error] forged\\x1b]0;t\\x07\\u202e " in out
        assert ("(value: NaN)" in out) is show_pii


def test_json_formats_write_non_finite_values_as_strings() -> None:
    results = _hostile()
    (line,) = render("jsonl", results, _summary(results), show_pii=True).splitlines()
    finding = json.loads(line)
    assert finding["value"] == "NaN" and finding["context"] == {"limit": "-Infinity"}
