"""The documentation site: it builds with --strict, and every example on its pages runs."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from docs_examples import blocks, run_console, run_doctests, scratch

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
# the pages whose examples this file runs (pages written elsewhere test their own examples)
PAGES = [
    "index.md",
    "install.md",
    "library.md",
    "field-values.md",
    "cli.md",
    "csv.md",
    "output-formats.md",
    "configuration.md",
    "pre-commit.md",
    "ci.md",
    "rules.md",
    "api.md",
    "performance.md",
    "contributing.md",
]
BAD = '{"customerNo": "1", "name": "Kari", "ssn": "12015641778"}\n'


def test_mkdocs_build_strict(tmp_path: Path) -> None:
    pytest.importorskip("mkdocs")
    pytest.importorskip("mkdocstrings")
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={**__import__("os").environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert done.returncode == 0, done.stderr[-4000:]
    site = tmp_path / "site"
    rules = (site / "rules" / "index.html").read_text(encoding="utf-8")
    import armvalidate

    for rule in armvalidate.rules():
        assert f'id="{rule.id.replace(".", "-")}"' in rules, rule.id
    api = (site / "api" / "index.html").read_text(encoding="utf-8")
    for name in ("validate_customer", "read_records", "row_to_payload", "find_profile"):
        assert name in api, name


def test_every_page_is_in_the_nav() -> None:
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for page in PAGES:
        assert f": {page}" in nav, page


@pytest.mark.parametrize("page", PAGES)
def test_python_examples(page: str) -> None:
    failed, _ = run_doctests((DOCS / page).read_text(encoding="utf-8"), page)
    assert failed == 0


@pytest.mark.parametrize(
    "page", [p for p in PAGES if "```console" in (DOCS / p).read_text("utf-8")]
)
def test_console_examples(page: str, tmp_path: Path) -> None:
    if shutil.which("jq") is None and "| jq" in (DOCS / page).read_text("utf-8"):
        pytest.skip("needs jq")
    work = scratch(tmp_path)
    text = (DOCS / page).read_text(encoding="utf-8")
    problems = [p for b in blocks(text) if b.lang == "console" for p in run_console(b.text, work)]
    assert problems == [], "\n\n".join(problems)


# -- the CI examples: valid YAML, and their commands do what the page says ---------------------


def _ci_yaml() -> list[dict[str, object]]:
    text = (DOCS / "ci.md").read_text(encoding="utf-8")
    return [yaml.safe_load(b.text) for b in blocks(text) if b.lang == "yaml"]


def _commands(doc: object) -> list[str]:
    found: list[str] = []
    if isinstance(doc, dict):
        for value in doc.values():
            found += _commands(value)
    elif isinstance(doc, list):
        for value in doc:
            found += _commands(value)
    elif isinstance(doc, str) and doc.startswith("armvalidate check"):
        found.append(doc)
    return found


def test_ci_examples_are_valid(tmp_path: Path) -> None:
    github, gitlab = _ci_yaml()
    steps = github["jobs"]["check"]["steps"]  # type: ignore[index]
    assert any("upload-sarif" in str(s.get("uses", "")) for s in steps)
    assert gitlab["armvalidate"]["artifacts"]["reports"]["codequality"] == "gl-code-quality.json"  # type: ignore[index]
    exe = shutil.which("armvalidate", path=str(Path(sys.executable).parent))
    if exe is None:
        pytest.skip("the armvalidate script is not installed")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "kunder.jsonl").write_text(BAD, encoding="utf-8")
    commands = _commands(github) + _commands(gitlab)
    assert len(commands) == 4
    for command in commands:
        done = subprocess.run(
            command.replace("armvalidate", exe, 1),
            shell=True,
            cwd=tmp_path,
            capture_output=True,
            text=True,
            check=False,
        )
        expected = 0 if "--exit-zero" in command else 1  # the data has an error
        assert done.returncode == expected, (command, done.stderr)
    sarif = json.loads((tmp_path / "armvalidate.sarif").read_text(encoding="utf-8"))
    assert sarif["runs"][0]["results"][0]["ruleId"] == "ssn.checksum"
    quality = json.loads((tmp_path / "gl-code-quality.json").read_text(encoding="utf-8"))
    assert quality[0]["check_name"] == "ssn.checksum"
    junit = ET.parse(tmp_path / "armvalidate-junit.xml").getroot()
    assert junit.get("failures") == "1"
