"""armvalidate.files: its public names, and the deprecated aliases of its old top-level modules
(armvalidate.readers, armvalidate.csvlayout)."""

from __future__ import annotations

import importlib
import re
import subprocess
import sys
from pathlib import Path

import pytest

import armvalidate.files
import armvalidate.files.csvlayout as csvlayout
import armvalidate.files.read as read

ROOT = Path(__file__).resolve().parent.parent
ALIASES = {
    "armvalidate.readers": "armvalidate.files",
    "armvalidate.csvlayout": "armvalidate.files.csvlayout",
}


@pytest.mark.parametrize("name", armvalidate.files.__all__)
def test_every_public_name_resolves(name: str) -> None:
    assert getattr(armvalidate.files, name) is not None
    assert name in dir(armvalidate.files)


def test_the_public_names_are_the_modules_own_objects() -> None:
    assert armvalidate.files.read_records is read.read_records
    assert armvalidate.files.row_to_payload is csvlayout.row_to_payload
    assert armvalidate.files.default_layout() is csvlayout.default_layout()


def test_importing_the_package_loads_no_reader() -> None:
    code = (
        "import sys, armvalidate.files\n"
        "print(sorted(m for m in sys.modules if m.startswith('armvalidate.')))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == "['armvalidate._lazy', 'armvalidate.files']"


@pytest.mark.parametrize("alias", sorted(ALIASES))
def test_a_deprecated_alias_warns_and_re_exports_the_public_names(alias: str) -> None:
    sys.modules.pop(alias, None)
    try:
        with pytest.warns(DeprecationWarning, match=re.escape(ALIASES[alias])):
            module = importlib.import_module(alias)
    finally:
        sys.modules.pop(alias, None)
    home = importlib.import_module(ALIASES[alias])
    assert module.__all__
    for name in module.__all__:
        assert getattr(module, name) is getattr(home, name), name


def test_the_warning_points_at_the_importer() -> None:
    done = subprocess.run(
        [sys.executable, "-W", "always", "-c", "import armvalidate.readers"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stderr.startswith("<string>:1: DeprecationWarning: armvalidate.readers is")


def test_nothing_here_imports_the_deprecated_aliases() -> None:
    """Tests, tools, benchmarks, the fuzz harnesses and the docs use armvalidate.files."""
    pattern = re.compile(r"(\bfrom |\bimport |::: )armvalidate\.(readers|csvlayout)\b")
    this = Path(__file__).resolve()
    hits = []
    for folder in ("tests", "tools", "benchmarks", "fuzz", "docs", "examples"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix not in (".py", ".md") or path.resolve() == this:
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if pattern.search(line):
                    hits.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert hits == [] and not pattern.search(readme)
