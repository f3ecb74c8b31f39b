"""Every rule has a why, a bad and a good example, and the examples are true: the bad one
produces its rule, the good one produces nothing (as ruff's rule documentation does)."""

from __future__ import annotations

import importlib.util
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import armvalidate

ROOT = Path(__file__).resolve().parent.parent


def _load(name: str) -> Any:
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


examples = _load("rule_examples")
rule_docs = _load("rule_docs")
RULE_IDS = [r.id for r in armvalidate.rules()]


def test_every_rule_has_an_example_or_a_reason() -> None:
    covered = set(examples.EXAMPLES) | set(examples.NO_EXAMPLE)
    assert set(RULE_IDS) - covered == set(), "add an example to tools/rule_examples.py"
    assert covered - set(RULE_IDS) == set(), "an example for a rule that does not exist"
    assert set(examples.EXAMPLES).isdisjoint(examples.NO_EXAMPLE)


@pytest.mark.parametrize("rule_id", sorted(examples.EXAMPLES))
def test_bad_example_produces_the_rule(rule_id: str) -> None:
    example = examples.EXAMPLES[rule_id]
    assert rule_id in examples.run_example(example, "bad")
    assert example.why.strip()


@pytest.mark.parametrize("rule_id", sorted(examples.EXAMPLES))
def test_good_example_is_clean(rule_id: str) -> None:
    assert examples.run_example(examples.EXAMPLES[rule_id], "good") == frozenset()


def test_the_reference_has_every_rule_and_its_findings() -> None:
    page = rule_docs.render()
    for rule in armvalidate.rules():
        assert f"### `{rule.id}`" in page
        assert rule.summary in page
    # the findings of a bad example are the validator's own words
    assert "ssn.checksum [error] ssn: the second check digit (digit 11) is 8, expected 9" in page
    assert "InvalidValue: kid.checksum" in page


def test_the_source_of_a_rule_is_shown_when_the_catalog_has_one() -> None:
    @dataclass(frozen=True)
    class WithSource:
        id: str
        severity: Any
        summary: str
        doc: str
        source: str

        @property
        def prefix(self) -> str:
            return self.id.split(".")[0]

    rule = armvalidate.get_rule("ssn.checksum")
    fake = WithSource(rule.id, rule.severity, rule.summary, rule.doc, "Skatteetaten, 2017")
    assert "**Source.** Skatteetaten, 2017" in rule_docs.rule_section(fake)
    assert "**Source.**" not in rule_docs.rule_section(armvalidate.get_rule("stop.past")) or (
        getattr(armvalidate.get_rule("stop.past"), "source", None)
    )


def test_the_page_keeps_its_marker() -> None:
    text = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert text.count(rule_docs.MARKER) == 1
