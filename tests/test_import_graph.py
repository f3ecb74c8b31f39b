"""The import graph of armvalidate has no cycle, and the stages import only what lies before
them (docs/architecture.md). Built from the source (every ``import``, also those inside
functions; those under ``if TYPE_CHECKING:`` are left out), so a deferred import cannot hide a
cycle."""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PKG = ROOT / "armvalidate"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PKG.rglob("*.py")):
        if "strategies" in path.relative_to(PKG).parts[:1]:
            continue  # the test-data half (a symlink to ../strategies): not the core
        out[_module_name(path)] = path
    return out


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If):
            test = node.test
            name = test.id if isinstance(test, ast.Name) else getattr(test, "attr", None)
            if name == "TYPE_CHECKING":
                for inner in node.body:
                    skip.update(id(n) for n in ast.walk(inner))
    return skip


def _imports(name: str, path: Path, known: dict[str, Path]) -> Iterator[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _type_checking_nodes(tree)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name in known:
                    yield alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                mod = ".".join([*base, node.module] if node.module else base)
            else:
                mod = node.module or ""
            for alias in node.names:
                sub = f"{mod}.{alias.name}"
                if sub in known:
                    yield sub  # a submodule imported by name
                elif mod in known:
                    yield mod


def graph() -> dict[str, set[str]]:
    known = _modules()
    return {
        name: {dep for dep in _imports(name, path, known) if dep != name}
        for name, path in known.items()
    }


def find_cycle(edges: dict[str, set[str]]) -> list[str] | None:
    """A cycle of ``edges`` (its modules in order, the first again at the end), or None."""
    state: dict[str, int] = {}  # 1: on the stack, 2: done
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for dep in sorted(edges.get(node, ())):
            if state.get(dep) == 1:
                return [*stack[stack.index(dep) :], dep]
            if dep not in state:
                found = visit(dep)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(edges):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set(), "c": {"a", "b"}}) is None


def test_the_graph_sees_the_package() -> None:
    edges = graph()
    assert "armvalidate.validate" in edges and "armvalidate.checks.structure" in edges
    assert "armvalidate.checks.structure" in edges["armvalidate.validate"]
    assert "armvalidate.contract" in edges["armvalidate.checks.structure"]


def test_armvalidate_has_no_import_cycle() -> None:
    assert find_cycle(graph()) is None


# What each room may import of armvalidate (besides itself); see docs/architecture.md.
_WALLS: dict[str, tuple[str, ...]] = {
    "armvalidate.contract": (),
    # the identifier modules declare their rules as plain data (armvalidate.no.RULES), which the
    # catalog turns into Rules: they import only the standard library, so no cycle can form
    "armvalidate.catalog": ("armvalidate.no",),
    "armvalidate.decode": ("armvalidate.catalog", "armvalidate.exceptions"),
    # (armvalidate._mypyc: the decorator that keeps Profile a plain class in the compiled build)
    "armvalidate.profile": ("armvalidate._mypyc", "armvalidate.catalog", "armvalidate.contract"),
    "armvalidate.schema": ("armvalidate.contract", "armvalidate.profile"),
    "armvalidate.models": ("armvalidate.contract",),
    "armvalidate.collate": ("armvalidate.fields", "armvalidate.report"),
}


@pytest.mark.parametrize("room", sorted(_WALLS))
def test_each_room_imports_only_what_lies_before_it(room: str) -> None:
    allowed = _WALLS[room]
    found = {dep for dep in graph()[room] if dep.startswith("armvalidate")}
    assert found <= set(allowed), sorted(found - set(allowed))


def _within(name: str, rooms: tuple[str, ...]) -> bool:
    return any(name == room or name.startswith(room + ".") for room in rooms)


#: armvalidate.files and the deprecated aliases of its old top-level modules.
_FILES = ("armvalidate.files", "armvalidate.readers", "armvalidate.csvlayout")


def test_only_the_cli_imports_the_files_package() -> None:
    """The files users hand us are the CLI's: the pipeline core never imports them (also not
    inside a function), and no module imports the deprecated aliases."""
    for name, deps in graph().items():
        if _within(name, (*_FILES, "armvalidate.cli")):
            continue
        assert not [d for d in deps if _within(d, _FILES)], name
    for name, deps in graph().items():
        if name not in _FILES[1:]:
            assert not [d for d in deps if d in _FILES[1:]], name


def test_the_files_package_imports_the_core_not_the_cli() -> None:
    edges = graph()
    files = [name for name in edges if _within(name, ("armvalidate.files",))]
    assert "armvalidate.files.read" in files and "armvalidate.files.csvlayout" in files
    forbidden = ("armvalidate.cli", "armvalidate.render", "armvalidate.validate", *_FILES[1:])
    for name in files:
        assert not [d for d in edges[name] if _within(d, forbidden)], name


def test_decode_and_the_checks_never_import_the_pipeline() -> None:
    edges = graph()
    for name, deps in edges.items():
        if name == "armvalidate.decode" or name.startswith("armvalidate.checks"):
            assert "armvalidate.validate" not in deps, name
    assert not any(d.startswith("armvalidate.checks") for d in edges["armvalidate.decode"])


def test_no_rule_list_of_fatal_rules_remains() -> None:
    """Rules declare themselves fatal (Rule.fatal); no list of them lives elsewhere."""
    from armvalidate import rules

    fatal = {rule.id for rule in rules() if rule.fatal}
    assert fatal == {"schema.json", "input.too-large", "input.too-deep", "input.unprocessable"}
    for path in PKG.rglob("*.py"):
        assert "FATAL_RULES" not in path.read_text(encoding="utf-8"), path


def test_the_structure_stage_imports_pydantic_core_only_when_used() -> None:
    code = (
        "import sys, armvalidate.checks.structure\n"
        "print('pydantic_core' in sys.modules, 'pydantic' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["False", "False"]
