"""The pre-commit hook in a scratch git repository: package.json and tsconfig.json pass, a bad
fixture blocks the commit, one summary for many files, and the documented snippet works."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
HOOKS = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
(HOOK,) = HOOKS
BAD = '{"customerNo": "1", "name": "Kari", "ssn": "12015641778"}\n'
GOOD = '{"customerNo": "1", "name": "Kari"}\n'

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def selected(path: str) -> bool:
    """What pre-commit does with the hook's files/exclude (re.search on the repo-relative path)."""
    return bool(re.search(HOOK["files"], path)) and not re.search(HOOK["exclude"], path)


@pytest.mark.parametrize(
    ("path", "checked"),
    [
        ("package.json", False),
        ("package-lock.json", False),
        ("tsconfig.json", False),
        ("web/tsconfig.build.json", False),
        (".vscode/settings.json", False),
        ("node_modules/x/customers/a.json", False),
        ("composer.json", False),
        ("customers/2024.jsonl", True),
        ("tests/fixtures/customer.json", True),
        ("data/kunder-eksport.csv", True),
        ("payloads/acme.customers.json", True),
        ("customers.csv", True),
    ],
)
def test_default_file_selection(path: str, checked: bool) -> None:
    assert selected(path) is checked


def test_hook_definition() -> None:
    assert HOOK["id"] == "armvalidate-check"
    assert HOOK["entry"] == "armvalidate check"
    assert HOOK["require_serial"] is True


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture
def scratch(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q")
    (repo / "package.json").write_text('{"name": "web", "version": "1.0.0"}\n', "utf-8")
    (repo / "tsconfig.json").write_text('{"compilerOptions": {"strict": true}}\n', "utf-8")
    (repo / "fixtures").mkdir()
    for n in range(40):  # enough files for pre-commit to split a non-serial hook's run
        (repo / "fixtures" / f"ok{n:02}.json").write_text(GOOD, "utf-8")
    return repo


def _env(tmp_path: Path) -> dict[str, str]:
    bin_dir = str(Path(sys.executable).parent)  # the armvalidate script of this environment
    return {
        **os.environ,
        "PATH": bin_dir + os.pathsep + os.environ.get("PATH", ""),
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "NO_COLOR": "1",
    }


def _local_config() -> str:
    """The first snippet of docs/pre-commit.md (repo: local, language: system), as it is:
    what is tested is what users copy."""
    doc = (ROOT / "docs" / "pre-commit.md").read_text(encoding="utf-8")
    snippet = doc.split("```yaml\n", 1)[1].split("```", 1)[0]
    config = yaml.safe_load(snippet)
    (hook,) = config["repos"][0]["hooks"]
    assert config["repos"][0]["repo"] == "local" and hook["language"] == "system"
    return snippet


def _pre_commit(repo: Path, tmp_path: Path) -> Any:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--all-files", "--verbose"],
        cwd=repo,
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def test_docs_snippet_matches_the_hook() -> None:
    doc = (ROOT / "docs" / "pre-commit.md").read_text(encoding="utf-8")
    assert "repo: local" in doc and "language: system" in doc and "require_serial: true" in doc
    assert "entry: armvalidate check" in doc


def test_pre_commit_in_a_scratch_repository(scratch: Path, tmp_path: Path) -> None:
    pytest.importorskip("pre_commit")
    (scratch / ".pre-commit-config.yaml").write_text(_local_config(), "utf-8")
    _git(scratch, "add", "-A")
    clean = _pre_commit(scratch, tmp_path)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "package.json" not in clean.stdout and "tsconfig" not in clean.stdout
    # one process for the 40 fixtures: one summary line
    assert clean.stdout.count("All checks passed: 40 records in 40 files.") == 1, clean.stdout

    (scratch / "fixtures" / "bad.json").write_text(BAD, "utf-8")
    _git(scratch, "add", "-A")
    blocked = _pre_commit(scratch, tmp_path)
    assert blocked.returncode == 1, blocked.stdout + blocked.stderr
    assert "fixtures/bad.json:1: /ssn ssn.checksum [error]" in blocked.stdout
    assert blocked.stdout.count("Checked 41 records in 41 files") == 1


def test_the_hook_entry_as_pre_commit_runs_it(scratch: Path) -> None:
    """Without pre-commit: the entry on the files the hook selects, as pre-commit passes them."""
    exe = shutil.which("armvalidate", path=str(Path(sys.executable).parent))
    if exe is None:
        pytest.skip("the armvalidate script is not installed")
    (scratch / "fixtures" / "bad.json").write_text(BAD, "utf-8")
    files = sorted(p.relative_to(scratch).as_posix() for p in scratch.rglob("*") if p.is_file())
    files = [f for f in files if not f.startswith(".git/") and selected(f)]
    assert "package.json" not in files and "tsconfig.json" not in files and len(files) == 41
    done = subprocess.run(
        [exe, *HOOK["entry"].split()[1:], *files],
        cwd=scratch,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert done.stdout.count("Checked 41 records in 41 files") == 1


def test_the_projects_own_pre_commit_config_is_valid() -> None:
    pytest.importorskip("pre_commit")
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    ids = {hook["id"] for repo in config["repos"] for hook in repo["hooks"]}
    assert {"ruff-check", "ruff-format", "mypy"} <= ids
    done = subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-config", ".pre-commit-config.yaml"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
