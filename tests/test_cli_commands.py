"""``armvalidate rules``, ``rule``, ``schema``, ``generate``, ``--version`` and ``main``."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import armvalidate
from armvalidate.cli import cli, main


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def invoke(*args: str) -> Result:
    result = CliRunner().invoke(cli, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def test_version() -> None:
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"armvalidate {armvalidate.__version__}"


def test_main_returns_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert main(["check"]) == 2
    assert main(["no-such-command"]) == 2
    assert main(["rule", "ssn.chekcsum"]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "ssn.checksum" in err


def test_rules_table_lists_the_catalog() -> None:
    result = invoke("rules")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["ID", "SEVERITY", "SOURCE", "SUMMARY"]
    ids = [line.split()[0] for line in lines[1:]]
    assert ids == [r.id for r in armvalidate.rules()]


def test_rules_as_json() -> None:
    rules = json.loads(invoke("rules", "--format", "json").stdout)
    by_id = {r["id"]: r for r in rules}
    assert by_id["ssn.checksum"]["severity"] == "error"
    assert set(by_id["account.format"]) == {
        "id", "severity", "summary", "example", "doc", "source", "ref",
    }  # fmt: skip
    assert by_id["account.format"]["source"] == "authority"
    assert "Bits" in by_id["account.format"]["ref"]


def test_rule_shows_the_full_doc() -> None:
    rule = armvalidate.get_rule("account.format")
    result = invoke("rule", "account.format")
    assert result.exit_code == 0
    assert result.stdout.startswith("account.format (error)\n")
    assert rule.summary in result.stdout and f"Example: {rule.example}" in result.stdout
    assert "Source: authority" in result.stdout and rule.ref in result.stdout


def test_rule_says_when_it_is_our_policy() -> None:
    result = invoke("rule", "length.max")
    assert "Source: policy (armvalidate's judgement, not a statement about the server)" in (
        result.stdout
    )


def test_rule_prefix_lists_its_group() -> None:
    result = invoke("rule", "ssn")
    assert result.exit_code == 0
    assert "ssn.checksum" in result.stdout and "account.format" not in result.stdout


def test_unknown_rule_exits_2_with_a_suggestion() -> None:
    result = invoke("rule", "ssn.chekcsum")
    assert result.exit_code == 2
    assert "did you mean 'ssn.checksum'" in result.stderr


@pytest.mark.parametrize(
    ("args", "required"),
    [((), ["customer"]), (("--operation", "update"), ["customer"]), (("--batch",), ["customers"])],
)
def test_schema(args: tuple[str, ...], required: list[str]) -> None:
    schema = json.loads(invoke("schema", *args).stdout)
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert schema["required"] == required


# -- generate ------------------------------------------------------------------------------

fixtures = pytest.importorskip("armvalidate.strategies.fixtures")


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv"])
def test_generate_is_byte_identical_for_the_same_arguments(fmt: str, tmp_path: Path) -> None:
    args = ["generate", "--count", "25", "--seed", "7", "--invalid-ratio", "0.2", "--format", fmt]
    first = invoke(*args)
    assert first.exit_code == 0
    second = invoke(*args, "-o", str(tmp_path / f"out.{fmt}"))
    assert (tmp_path / f"out.{fmt}").read_bytes() == first.stdout_bytes
    assert second.stdout == ""
    other = invoke(*args[:-4], "--seed", "8", "--invalid-ratio", "0.2", "--format", fmt)
    assert other.stdout != first.stdout


def test_generate_formats_parse_and_check(tmp_path: Path) -> None:
    for fmt in ("json", "jsonl", "csv"):
        out = tmp_path / f"fixtures.{fmt}"
        invoke("generate", "--count", "30", "--seed", "3", "--format", fmt, "-o", str(out))
        result = invoke(
            "check", "--profile", "test", "--today", "2025-01-01", "--format", "json", str(out)
        )
        assert result.exit_code == 0, result.stdout
        assert json.loads(result.stdout)["summary"]["records"] == 30
    array = json.loads((tmp_path / "fixtures.json").read_text(encoding="utf-8"))
    lines = (tmp_path / "fixtures.jsonl").read_text(encoding="utf-8").splitlines()
    assert array == [json.loads(line) for line in lines]


def test_generate_csv_is_the_check_layout_and_spreadsheet_safe(tmp_path: Path) -> None:
    out = tmp_path / "f.csv"
    invoke("generate", "--count", "150", "--seed", "11", "--format", "csv", "-o", str(out))
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8"), newline="")))
    from armvalidate.files import default_layout

    assert rows[0] == list(default_layout().columns)
    for row in rows[1:]:
        assert all(not cell or cell[0] not in "=+-@\t\r" for cell in row)
    jsonl = tmp_path / "f.jsonl"
    invoke("generate", "--count", "150", "--seed", "11", "--format", "jsonl", "-o", str(jsonl))
    from armvalidate.files import read_records

    def without_empty_objects(value: object) -> object:  # the one thing CSV cannot carry here
        if isinstance(value, dict):
            return {k: without_empty_objects(v) for k, v in value.items() if v != {}}
        return value

    with out.open("rb") as fh:
        from_csv = [r.payload for r in read_records(fh, "f.csv")]
    from_jsonl = [json.loads(x) for x in jsonl.read_text(encoding="utf-8").splitlines()]
    assert from_csv == [without_empty_objects(p) for p in from_jsonl]


def test_generate_labels_the_invalid_fixtures(tmp_path: Path) -> None:
    labels = tmp_path / "labels.jsonl"
    out = tmp_path / "f.jsonl"
    args = ["generate", "--count", "20", "--seed", "5", "--invalid-ratio", "0.5"]
    invoke(*args, "--labels", str(labels), "-o", str(out))
    entries = [json.loads(x) for x in labels.read_text(encoding="utf-8").splitlines()]
    assert [e["index"] for e in entries] == list(range(1, 21))
    assert sum(not e["valid"] for e in entries) == 10
    result = invoke(
        "check", "--profile", "test", "--today", "2025-01-01", "--format", "json", str(out)
    )
    errors: dict[int, set[str]] = {}
    found: dict[int, set[str]] = {}
    for finding in json.loads(result.stdout)["findings"]:
        found.setdefault(finding["record"], set()).add(finding["rule"])
        if finding["severity"] == "error":
            errors.setdefault(finding["record"], set()).add(finding["rule"])
    for entry in entries:
        expected = set(entry["expected_rules"])
        if entry["valid"]:
            assert not errors.get(entry["index"]), entry
        else:
            assert errors.get(entry["index"]), entry
            assert errors[entry["index"]] <= expected <= found[entry["index"]], entry


def test_generate_without_the_strategies_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "armvalidate.strategies", None)
    result = invoke("generate", "--count", "1")
    assert result.exit_code == 2
    assert "pip install 'armvalidate[strategies]'" in result.stderr
    assert main(["generate", "--count", "1"]) == 2


@pytest.mark.parametrize("operation", ["create", "update"])
def test_generate_csv_labels_are_what_check_finds_in_the_file(
    tmp_path: Path, operation: str
) -> None:
    """Round trip: CSV fixtures through `armvalidate check`; every record's rules (errors and
    warnings) are exactly its label. No label claims a fault (such as a number sent as a
    string) that the CSV file as written cannot hold."""
    out, labels = tmp_path / "f.csv", tmp_path / "labels.jsonl"
    invoke(
        "generate",
        "--count",
        "300",
        "--seed",
        "2",
        "--invalid-ratio",
        "0.7",
        "--operation",
        operation,
        "--format",
        "csv",
        "-o",
        str(out),
        "--labels",
        str(labels),
    )
    result = invoke(
        "check",
        "--profile",
        "test",
        "--today",
        "2025-01-01",
        "--operation",
        operation,
        "--format",
        "json",
        "--exit-zero",
        str(out),
    )
    found: dict[int, set[str]] = {}
    for finding in json.loads(result.stdout)["findings"]:
        found.setdefault(finding["record"], set()).add(finding["rule"])
    entries = [json.loads(x) for x in labels.read_text(encoding="utf-8").splitlines()]
    assert len(entries) == 300 and sum(not e["valid"] for e in entries) == 210
    wrong = [
        (e["index"], e["expected_rules"], sorted(found.get(e["index"], ())))
        for e in entries
        if set(e["expected_rules"]) != found.get(e["index"], set())
    ]
    assert wrong == []


@pytest.mark.parametrize("day", ["2040-01-01", "2045-06-01", "1899-12-31"])
def test_generate_refuses_a_reference_date_it_cannot_serve(day: str) -> None:
    result = invoke("generate", "--count", "3", "--reference-date", day)
    assert result.exit_code == 2
    assert "2039-12-31" in result.output and "2032 rule" in result.output
    assert "Traceback" not in result.output


def test_generate_serves_the_last_supported_reference_date(tmp_path: Path) -> None:
    out = tmp_path / "f.jsonl"
    invoke("generate", "--count", "50", "--reference-date", "2039-12-31", "-o", str(out))
    result = invoke("check", "--profile", "test", "--today", "2039-12-31", str(out))
    assert result.exit_code == 0, result.output
