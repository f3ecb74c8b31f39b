"""The provenance table of docs/profiles.md is generated from the catalog and stays current."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

from armvalidate import rules

ROOT = Path(__file__).resolve().parent.parent
DOC = (ROOT / "docs" / "profiles.md").read_text(encoding="utf-8")


def _tool() -> Any:
    spec = importlib.util.spec_from_file_location("readme_rules", ROOT / "tools/readme_rules.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_provenance_table_is_generated_from_the_catalog() -> None:
    assert _tool().rendered_provenance(DOC) == DOC, "run: python tools/readme_rules.py"


def test_every_rule_and_its_source_is_in_the_doc() -> None:
    for rule in rules():
        assert f"| `{rule.id}` | {rule.source} |" in DOC, rule.id


def test_the_readme_table_has_the_source_column() -> None:
    table = _tool().table()
    assert table.splitlines()[0] == "| rule | default severity | source | summary |"
    assert "| `email.sanitized` | warning | arm-docs |" in table
