"""docs/test-data.md shows every public name of armvalidate.strategies, imported from there."""

from __future__ import annotations

import re
from pathlib import Path

import armvalidate.strategies

DOC = Path(__file__).resolve().parents[1] / "docs" / "test-data.md"


def test_every_public_name_is_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    missing = [name for name in armvalidate.strategies.__all__ if f"{name}" not in text]
    assert missing == []


def test_imports_in_the_doc_are_from_armvalidate_strategies() -> None:
    text = DOC.read_text(encoding="utf-8")
    assert not re.search(r"^\s*(from|import) strategies\b", text, re.MULTILINE)
    for module in re.findall(r"^\s*from (\S+) import", text, re.MULTILINE):
        assert module in ("armvalidate.strategies", "hypothesis"), module


def test_the_doc_names_the_plugin_fixtures() -> None:
    import armvalidate.pytest_plugin as plugin

    text = DOC.read_text(encoding="utf-8")
    fixtures = [name for name in dir(plugin) if name.startswith("arm_")]
    assert fixtures and all(f"`{name}`" in text for name in fixtures)
