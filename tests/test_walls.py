"""The walls of the design (shared/design.md), checked statically and at import time."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PKG = ROOT / "armvalidate"


def _imports(path: Path, *, top_level_only: bool = False) -> set[str]:
    """Every module name a file imports (absolute; relative imports resolved).

    With ``top_level_only``, imports inside functions (deferred until called) are left out.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = ast.walk(tree)
    if top_level_only:
        nodes = (n for n in tree.body)
    rel = path.relative_to(ROOT).with_suffix("")
    package = list(rel.parts[:-1])  # a module's package; for __init__, the package itself
    names: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)]
                mod = ".".join([*base, node.module] if node.module else base)
            else:
                mod = node.module or ""
            names.add(mod)
            names.update(f"{mod}.{alias.name}" for alias in node.names)
    return names


def _files(*parts: str) -> list[Path]:
    base = PKG.joinpath(*parts)
    return sorted(base.rglob("*.py")) if base.is_dir() else [base.with_suffix(".py")]


def _hits(
    files: list[Path], forbidden: tuple[str, ...], *, top_level_only: bool = False
) -> list[str]:
    out = []
    for f in files:
        for name in _imports(f, top_level_only=top_level_only):
            if any(name == bad or name.startswith(bad + ".") for bad in forbidden):
                out.append(f"{f.relative_to(ROOT)} imports {name}")
    return out


TEST_DATA = ("strategies", "hypothesis", "faker")


def test_armvalidate_never_imports_strategies_hypothesis_faker() -> None:
    cli = PKG / "cli"
    files = [f for f in sorted(PKG.rglob("*.py")) if cli not in f.parents]
    assert _hits(files, TEST_DATA) == []


def test_cli_imports_the_test_data_half_only_when_generate_runs() -> None:
    """`armvalidate generate` needs the strategies extra; it is imported inside the command."""
    assert _hits(_files("cli"), TEST_DATA, top_level_only=True) == []


def test_identifier_modules_know_nothing_of_payloads() -> None:
    forbidden = (
        "pydantic",
        "armvalidate.report",
        "armvalidate.cli",
        "armvalidate.validate",
        "armvalidate.models",
        "armvalidate.checks",
        "armvalidate.profile",
        "click",
        "rich",
    )
    assert _hits(_files("no"), forbidden) == []


@pytest.mark.parametrize(
    "room", ["models", "validate", "checks", "report", "profile", "catalog", "masking"]
)
def test_core_never_touches_the_cli_or_terminal(room: str) -> None:
    files = [f for f in _files(room) if f.exists()]
    if not files:
        pytest.skip(f"armvalidate/{room} does not exist")
    forbidden = ("click", "rich", "armvalidate.cli", "armvalidate.readers", "armvalidate.render")
    assert _hits(files, forbidden) == []


def test_import_armvalidate_leaves_hypothesis_and_faker_unloaded() -> None:
    code = (
        "import sys, armvalidate\n"
        "armvalidate.rules()\n"
        "bad = [m for m in ('hypothesis', 'faker', 'strategies', 'click', 'rich') "
        "if m in sys.modules]\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == ""
