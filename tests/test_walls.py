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


TEST_DATA = ("armvalidate.strategies", "strategies", "hypothesis", "faker")


#: The entry points Hypothesis and pytest load at start-up: they may reach the test-data half,
#: but only inside functions (never at import).
ENTRY_POINTS = (PKG / "_hypothesis_hook.py", PKG / "pytest_plugin.py")


def test_armvalidate_never_imports_strategies_hypothesis_faker() -> None:
    skip = (PKG / "cli", PKG / "strategies")  # the CLI (tested below); the test-data half itself
    files = [
        f
        for f in sorted(PKG.rglob("*.py"))
        if not any(d == f.parent or d in f.parents for d in skip) and f not in ENTRY_POINTS
    ]
    assert files and _hits(files, TEST_DATA) == []


def test_entry_points_import_the_test_data_half_only_when_used() -> None:
    assert _hits(list(ENTRY_POINTS), TEST_DATA, top_level_only=True) == []


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


#: The files users hand us and we write (armvalidate.files), and the deprecated aliases of its
#: old top-level modules: the CLI's, never the core's.
FILES = ("armvalidate.files", "armvalidate.readers", "armvalidate.csvlayout")


@pytest.mark.parametrize(
    "room",
    [
        "models",
        "validate",
        "checks",
        "report",
        "profile",
        "catalog",
        "masking",
        "contract",
        "decode",
        "schema",
        "collate",
        "fields",
        "exceptions",
        "codes",
        "emails",
        "phones",
        "postcodes",
        "no",
    ],
)
def test_core_never_touches_the_cli_files_or_terminal(room: str) -> None:
    files = [f for f in _files(room) if f.exists()]
    if not files:
        pytest.skip(f"armvalidate/{room} does not exist")
    forbidden = ("click", "rich", "armvalidate.cli", "armvalidate.render", *FILES)
    assert _hits(files, forbidden) == []


def test_the_files_package_reaches_the_core_never_the_cli() -> None:
    """armvalidate.files may import the contract and the core (rule objects, Issue, masking,
    the schema); never the CLI, the renderers, the pipeline's drivers, the test-data half or
    the server, nor the deprecated aliases of its own old modules."""
    forbidden = (
        "click",
        "rich",
        "armvalidate.cli",
        "armvalidate.render",
        "armvalidate.validate",
        "armvalidate.stub",
        "armvalidate.readers",
        "armvalidate.csvlayout",
        *TEST_DATA,
    )
    assert _files("files") and _hits(_files("files"), forbidden) == []


def test_nothing_in_the_package_imports_the_deprecated_aliases() -> None:
    aliases = (PKG / "readers.py", PKG / "csvlayout.py")
    files = [f for f in sorted(PKG.rglob("*.py")) if f not in aliases]
    assert _hits(files, ("armvalidate.readers", "armvalidate.csvlayout")) == []


def test_import_armvalidate_leaves_hypothesis_and_faker_unloaded() -> None:
    code = (
        "import sys, armvalidate\n"
        "armvalidate.rules()\n"
        "bad = [m for m in ('hypothesis', 'faker', 'strategies', 'armvalidate.strategies',"
        " 'click', 'rich') "
        "if m in sys.modules]\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == ""


def test_every_package_folder_is_listed_for_the_wheel() -> None:
    """`armvalidate.strategies` is mapped from `strategies/`, so pyproject lists the packages by
    hand: a new subpackage that is not listed would be missing from the wheel."""
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {
        ".".join(d.relative_to(ROOT).parts)
        for d in [PKG, *PKG.rglob("*")]
        if d.is_dir()
        and not d.is_symlink()
        and "__pycache__" not in d.parts
        and any(d.iterdir())
        and not any(p.is_symlink() for p in d.relative_to(ROOT).parents if str(p) != ".")
    }
    assert found | {"armvalidate.strategies"} == listed
    assert config["tool"]["setuptools"]["package-dir"]["armvalidate.strategies"] == "strategies"
