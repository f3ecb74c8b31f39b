"""README.md stays true: its rule table is the catalog's, its commands are the CI's."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _tool() -> object:
    spec = importlib.util.spec_from_file_location("readme_rules", ROOT / "tools/readme_rules.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_rule_table_is_generated_from_the_catalog() -> None:
    tool = _tool()
    assert tool.rendered(README) == README, "run: python tools/readme_rules.py"  # type: ignore[attr-defined]


def test_every_rule_is_in_the_readme() -> None:
    from armvalidate import rules

    for rule in rules():
        assert f"`{rule.id}`" in README, rule.id


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci/run").read_text(encoding="utf-8")
    command = "python -m pip install -e '.[test]' && python -m pytest"
    assert command in README
    assert re.search(rf"^{re.escape(command)}$", ci, re.MULTILINE), ci
