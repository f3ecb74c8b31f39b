"""README.md stays true: short, its commands are the CI's, and every example in it runs."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from docs_examples import blocks, run_console, run_doctests, scratch

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
TEST_COMMAND = "python -m pip install -e '.[test]' && python -m pytest"
# Pages that other parts of the project write; the README links to them already.
WRITTEN_ELSEWHERE = {"docs/identifiers.md", "docs/test-data.md", "docs/threat-model.md"}


def test_readme_is_a_short_landing_page() -> None:
    assert len(README.splitlines()) < 300


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci/run").read_text(encoding="utf-8")
    assert TEST_COMMAND in README
    assert re.search(rf"^{re.escape(TEST_COMMAND)}$", ci, re.MULTILINE), ci


def _quick_start() -> list[str]:
    (block,) = [b for b in blocks(README) if b.lang == "sh"]
    return [line for line in block.text.splitlines() if line and not line.startswith("#")]


def test_quick_start_has_the_two_commands() -> None:
    first, second = _quick_start()
    assert "pip install" in first and first.endswith(
        "armvalidate check examples/post-customer.request.json"
    )
    assert second == TEST_COMMAND


def test_quick_start_main_job_runs_on_the_example() -> None:
    """The first command's check (its install is what CI does before running this test)."""
    first, _ = _quick_start()
    check = first[first.index("armvalidate check") :].split()
    exe = shutil.which("armvalidate", path=str(Path(sys.executable).parent))
    assert exe is not None, "the armvalidate script is installed with the package"
    done = subprocess.run([exe, *check[1:]], cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 1, done.stderr  # the docs' request has an error
    assert "/customer/bankAccountNo account.format [error]" in done.stdout
    assert "Checked 1 record in 1 file" in done.stdout


def test_python_examples_run() -> None:
    failed, attempted = run_doctests(README, "README.md")
    assert attempted >= 8 and failed == 0


def test_python_blocks_without_prompts_run() -> None:
    """The Hypothesis example is executed and its tests called."""
    pytest.importorskip("hypothesis")
    from hypothesis import settings

    plain = [b for b in blocks(README) if b.lang == "python" and ">>>" not in b.text]
    assert plain
    for block in plain:
        namespace: dict[str, Any] = {"__name__": "readme_example"}
        exec(compile(block.text, f"README.md:{block.line}", "exec"), namespace)
        tests = [v for k, v in namespace.items() if k.startswith("test_") and callable(v)]
        assert tests
        for test in tests:
            settings(max_examples=10, deadline=None)(test)()


def test_console_examples_run(tmp_path: Path) -> None:
    work = scratch(tmp_path)
    problems = [p for b in blocks(README) if b.lang == "console" for p in run_console(b.text, work)]
    assert problems == []


def test_links_point_at_files() -> None:
    links = re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", README)
    assert links
    for link in links:
        if link in WRITTEN_ELSEWHERE:
            continue
        assert (ROOT / link).exists(), link


def test_every_docs_page_linked_is_in_the_site_nav() -> None:
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for link in re.findall(r"\]\(docs/([^)#]+\.md)", README):
        if f"docs/{link}" in WRITTEN_ELSEWHERE:
            continue
        assert f": {link}" in nav, link


def test_ci_covers_every_claimed_python() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    (floor,) = re.findall(r'requires-python = ">=3\.(\d+)"', pyproject)
    ci = (ROOT / ".ci/run").read_text(encoding="utf-8")
    (versions,) = re.findall(r"for version in ([0-9. ]+); do", ci)
    assert versions.split() == [f"3.{minor}" for minor in range(int(floor), 14)]
