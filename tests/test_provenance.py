"""The provenance table of docs/profiles.md is generated from the catalog and stays current."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

from armvalidate import rules

ROOT = Path(__file__).resolve().parent.parent
DOC = (ROOT / "docs" / "profiles.md").read_text(encoding="utf-8")


def _tool() -> Any:
    spec = importlib.util.spec_from_file_location(
        "provenance_table", ROOT / "tools/provenance_table.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_provenance_table_is_generated_from_the_catalog() -> None:
    assert _tool().rendered_provenance(DOC) == DOC, "run: python tools/provenance_table.py"


def test_every_rule_and_its_source_is_in_the_doc() -> None:
    for rule in rules():
        assert f"| `{rule.id}` | {rule.source} |" in DOC, rule.id


def test_the_provenance_table_check_fails_on_a_stale_table(tmp_path: Path) -> None:
    tool = _tool()
    stale = DOC.replace("| `email.sanitized` | arm-docs |", "| `email.sanitized` | policy |")
    assert stale != DOC
    assert tool.rendered_provenance(stale) == DOC


def test_the_rule_reference_says_whose_rule_it_is() -> None:
    # (the README's rule table is gone: the site's generated rule reference carries the source)
    from armvalidate import get_rule

    spec = importlib.util.spec_from_file_location("rule_docs", ROOT / "tools/rule_docs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert "**Source.** arm-docs" in module.rule_section(get_rule("email.sanitized"))


def _run(*args: str) -> str:
    from click.testing import CliRunner

    from armvalidate.cli import cli

    return CliRunner().invoke(cli, list(args)).stdout


def test_sarif_json_and_jsonl_say_whose_rule_it_is(tmp_path: Path) -> None:
    import json

    path = tmp_path / "docs.json"
    path.write_text((ROOT / "examples" / "post-customer.request.json").read_text("utf-8"), "utf-8")
    sources = {rule.id: rule.source for rule in rules()}

    log = json.loads(_run("check", str(path), "--format", "sarif"))
    run = log["runs"][0]
    driver_rules = run["tool"]["driver"]["rules"]
    assert {r["id"]: r["properties"]["source"] for r in driver_rules} == sources
    assert all(r["properties"]["sourceReference"] for r in driver_rules)
    assert run["results"]
    for result in run["results"]:
        assert result["properties"]["source"] == sources[result["ruleId"]]

    doc = json.loads(_run("check", str(path), "--format", "json"))
    assert doc["findings"]
    for finding in doc["findings"]:
        assert finding["source"] == sources[finding["rule"]]
    account = next(f for f in doc["findings"] if f["rule"] == "account.format")
    assert account["source"] == "authority"

    for line in _run("check", str(path), "--format", "jsonl").splitlines():
        finding = json.loads(line)
        assert finding["source"] == sources[finding["rule"]]
