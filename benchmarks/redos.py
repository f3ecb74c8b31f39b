"""Worst-case inputs for every regular expression in armvalidate: is any of them catastrophic?

Run it from the repository root::

    python benchmarks/redos.py              # sizes up to 100 000 characters
    python benchmarks/redos.py --max-size 1000000 --budget 5

How it works:

1. **Collect** the patterns: a scan of the source of ``armvalidate/`` for ``re.compile(...)``
   and ``re.match/search/fullmatch/sub/...`` calls with a literal pattern (with file and line),
   plus, at run time, every compiled pattern the modules hold or build (module globals, and
   cached zero-argument builders such as the phone and e-mail fast paths, whose patterns are
   generated from library metadata).
2. **Construct** the worst inputs for each: long runs of every character the pattern can
   consume and of every pair of them, each followed by a character that makes the match fail
   (which forces a backtracking engine to try every split), the same with the pattern's own
   separators repeated, and hand-made cases for the patterns of the input path (the
   personal-number scrubber, the JSON tokenizer, the phone and e-mail shapes, ...).
3. **Time** every input, with each method the code calls on the pattern (``match``,
   ``fullmatch``, ``search``, ``sub``, ``split``, ``finditer``: found in the source; all of
   them when the scan cannot tell), at doubling sizes, up to ``--max-size`` characters or until
   one call takes ``--budget`` seconds; each pattern runs in its own process, killed after
   ``--timeout`` seconds (that is: catastrophic).

It prints, per pattern, the slowest input at the largest size reached, the seconds per call, and
the growth exponent of its time over the sizes tried (about 1 for linear time, 2 for quadratic;
more means trouble); ``-v`` adds the time of every input at that size. The test suite
(``tests/test_resource_limits.py``) runs the same inputs at a small size and asserts only that
every call completes, never a time.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import importlib
import inspect
import math
import multiprocessing
import pkgutil
import re
import sys
import time
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# The regex parser (re._parser since Python 3.11, sre_parse before): to list a pattern's characters.
sre_parse: Any = importlib.import_module(
    "re._parser" if sys.version_info >= (3, 11) else "sre_parse"
)

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "armvalidate"
FAIL_CHARS = ("\x00", "!", "\n", "x", "'", '"', "@")

_RE_CALLS = {
    "compile",
    "match",
    "search",
    "fullmatch",
    "sub",
    "subn",
    "split",
    "findall",
    "finditer",
}


METHODS = ("match", "fullmatch", "search", "sub", "split", "finditer")


@dataclass(frozen=True)
class Found:
    """One pattern: where it is, the compiled object, and the methods the code calls on it
    (all of them when the scan cannot tell)."""

    where: str
    pattern: re.Pattern[str]
    methods: tuple[str, ...] = METHODS

    @property
    def label(self) -> str:
        source = self.pattern.pattern
        return source if len(source) <= 60 else source[:57] + "..."


# -- 1. collect ------------------------------------------------------------------------------


def scan_source(package: Path = PACKAGE) -> list[tuple[str, str, int]]:
    """``(file:line, pattern source, flags)`` of every literal pattern in ``re.*`` calls."""
    out = []
    for path in sorted(package.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            func = node.func
            if not (isinstance(func.value, ast.Name) and func.value.id == "re"):
                continue
            if func.attr not in _RE_CALLS or not node.args:
                continue
            first = node.args[0]
            if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
                continue  # a pattern built at run time: found by collect_runtime()
            flags = 0
            for kw in node.keywords:
                if kw.arg == "flags":
                    try:
                        flags = int(eval(compile(ast.Expression(kw.value), "", "eval"), {"re": re}))
                    except Exception:
                        flags = 0
            where = f"{path.relative_to(package.parent)}:{node.lineno}"
            out.append((where, first.value, flags))
    return out


_METHOD_ALIASES = {"findall": "finditer", "subn": "sub"}


def _called_methods(tree: ast.AST, names: set[str]) -> set[str]:
    """The methods called as ``NAME.method(...)`` for any NAME in ``names``."""
    out = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id in names
        ):
            method = _METHOD_ALIASES.get(node.func.attr, node.func.attr)
            if method in METHODS:
                out.add(method)
    return out


def usage(module_file: Path, name: str) -> tuple[str, ...]:
    """The methods the module calls on its global ``name`` (a compiled pattern), or on what
    its zero-argument builder ``name()`` returns; all methods if none are found."""
    tree = ast.parse(module_file.read_text(encoding="utf-8"))
    methods = _called_methods(tree, {name})
    for func in ast.walk(tree):  # x = name() / x, y = name() inside a function
        if not isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        targets: set[str] = set()
        for node in ast.walk(func):
            if (
                isinstance(node, ast.Assign)
                and isinstance(node.value, ast.Call)
                and isinstance(node.value.func, ast.Name)
                and node.value.func.id == name
            ):
                for target in node.targets:
                    for leaf in ast.walk(target):
                        if isinstance(leaf, ast.Name):
                            targets.add(leaf.id)
        if targets:
            methods |= _called_methods(func, targets)
    return tuple(m for m in METHODS if m in methods) or METHODS


def _modules() -> Iterator[Any]:
    import armvalidate

    yield armvalidate
    for info in pkgutil.walk_packages(armvalidate.__path__, "armvalidate."):
        try:
            with warnings.catch_warnings():  # (the deprecated aliases warn when imported)
                warnings.simplefilter("ignore", DeprecationWarning)
                module = importlib.import_module(info.name)
        except Exception:  # pragma: no cover - a module that cannot import alone
            continue
        yield module


def _patterns_in(value: Any, depth: int = 0) -> Iterator[re.Pattern[str]]:
    if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
        yield value
    elif isinstance(value, (tuple, list)) and depth < 2:
        for item in value:
            yield from _patterns_in(item, depth + 1)


def _source_of(module_file: Path) -> Path:
    """The ``.py`` file of a module, also when the module imported is its compiled build (the
    optional Cython build puts ``name.cpython-311-x86_64-linux-gnu.so`` beside ``name.py``)."""
    if module_file.suffix == ".py":
        return module_file
    return module_file.with_name(module_file.name.split(".", 1)[0] + ".py")


def collect_runtime() -> list[Found]:
    """Compiled patterns held by the modules or returned by their cached builders."""
    out = []
    for module in _modules():
        source = _source_of(Path(getattr(module, "__file__", "") or ""))
        for name, value in sorted(vars(module).items()):
            where = f"{module.__name__}.{name}"
            for pattern in _patterns_in(value):
                out.append(Found(where, pattern, usage(source, name)))
            if (
                callable(value)
                and hasattr(value, "cache_info")
                and getattr(value, "__module__", None) == module.__name__
            ):
                try:
                    required = [
                        p
                        for p in inspect.signature(value).parameters.values()
                        if p.default is p.empty
                        and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
                    ]
                except (TypeError, ValueError):
                    continue
                if required:
                    continue
                try:
                    result = value()
                except Exception:
                    continue
                for pattern in _patterns_in(result):
                    out.append(Found(f"{where}()", pattern, usage(source, name)))
    return out


def collect() -> list[Found]:
    """Every distinct pattern (by source and flags), static ones with their file and line,
    and the methods the code calls on it."""
    runtime = {(f.pattern.pattern, f.pattern.flags): f for f in collect_runtime()}
    seen: dict[tuple[str, int], Found] = {}
    for where, source, flags in scan_source():
        try:
            pattern = re.compile(source, flags)
        except re.error:
            continue
        key = (pattern.pattern, pattern.flags)
        methods = runtime[key].methods if key in runtime else METHODS
        seen.setdefault(key, Found(where, pattern, methods))
    for key, found in runtime.items():
        seen.setdefault(key, found)
    return list(seen.values())


# -- 2. construct ----------------------------------------------------------------------------


def alphabet(pattern: re.Pattern[str], limit: int = 10) -> list[str]:
    """Characters the pattern mentions (literals, class members and range ends)."""
    chars: dict[str, None] = {}

    def add(code: int) -> None:
        if len(chars) < 64:
            chars.setdefault(chr(code), None)

    def walk(items: Any) -> None:
        for op, arg in items:
            name = str(op)
            if name == "LITERAL":
                add(arg)
            elif name == "IN":
                for sub_op, sub_arg in arg:
                    sub = str(sub_op)
                    if sub == "LITERAL":
                        add(sub_arg)
                    elif sub == "RANGE":
                        add(sub_arg[0])
                        add(sub_arg[1])
                    elif sub == "CATEGORY":
                        for ch in _category_chars(str(sub_arg)):
                            add(ord(ch))
            elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
                walk(arg[2])
            elif name == "SUBPATTERN":
                walk(arg[-1])
            elif name == "BRANCH":
                for branch in arg[1]:
                    walk(branch)
            elif name in ("ASSERT", "ASSERT_NOT"):
                walk(arg[1])
            elif name == "CATEGORY":
                for ch in _category_chars(str(arg)):
                    add(ord(ch))

    with contextlib.suppress(Exception):  # a pattern sre_parse cannot re-read: no alphabet
        walk(sre_parse.parse(pattern.pattern, pattern.flags))
    found = list(chars)
    for extra in ("0", "a", " ", "."):
        if extra not in chars:
            found.append(extra)
    return found[:limit]


def _category_chars(name: str) -> str:
    if "DIGIT" in name:
        return "0" if "NOT" not in name else "a"
    if "SPACE" in name:
        return " " if "NOT" not in name else "a"
    if "WORD" in name:
        return "a" if "NOT" not in name else " "
    return ""


HAND_MADE: dict[str, list[tuple[str, str]]] = {
    # fragment of the pattern source -> (unit, tail): the input is unit * n + tail
    "[0-9](?:[ .\\-]?[0-9])": [("1 ", "x"), ("1.", "-"), ("1", " x"), ("1-", "-")],
    "[0-9 .\\-]": [("1 ", "x"), (" .", "1"), ("1", "")],
    '"(?:[^"\\\\\\n]|\\\\.)*"?': [("\\", ""), ("a\\", "\n"), ('\\"', "")],
    " *(\\+47": [(" ", "x"), ("1 ", "-x"), ("1-", "- "), ("0047", "x")],
    "(?=[^@]": [("a.", "@"), ("a", "@a."), ("a@", ""), ("a.a", "@a-")],
    "[A-Za-z]{1,2}": [(" ", "x"), ("a -", "1"), ("0", "x")],
    "-?(?:0|[1-9]": [("1", "e"), ("1", ".x"), ("0.", "1")],
    "/customers/": [("/customers/1", "x"), ("1", "/")],
}


def inputs(found: Found, n: int) -> Iterator[tuple[str, str]]:
    """``(description, text)`` worst-case candidates of about ``n`` characters."""
    chars = alphabet(found.pattern)
    for ch in chars:
        for fail in FAIL_CHARS[:3]:
            yield f"{ch!r}*n+{fail!r}", ch * n + fail
    for i, a in enumerate(chars[:7]):
        for b in chars[i + 1 : 7]:
            yield f"({a + b!r})*n/2+'!'", (a + b) * (n // 2) + "!"
    for fragment, cases in HAND_MADE.items():
        if fragment in found.pattern.pattern:
            for unit, tail in cases:
                yield f"{unit!r}*n+{tail!r}", unit * max(1, n // len(unit)) + tail


# -- 3. time ---------------------------------------------------------------------------------


def _apply(pattern: re.Pattern[str], method: str, text: str) -> None:
    if method == "sub":
        pattern.sub("", text)
    elif method == "finditer":
        for _ in pattern.finditer(text):
            pass
    else:
        getattr(pattern, method)(text)


def _seconds(pattern: re.Pattern[str], method: str, text: str, repeat: int = 3) -> float:
    best = math.inf
    for _ in range(repeat):
        start = time.perf_counter()
        _apply(pattern, method, text)
        best = min(best, time.perf_counter() - start)
        if best > 0.05:
            break
    return best


def run_all(found: Found, n: int) -> int:
    """Apply the pattern, by every method the code uses, to every worst input of size ``n``
    (no timing); the number of calls."""
    count = 0
    for _, text in inputs(found, n):
        for method in found.methods:
            _apply(found.pattern, method, text)
            count += 1
    return count


@dataclass
class Result:
    where: str
    label: str
    size: int
    worst: str
    seconds: float
    exponent: float | None
    status: str
    every: tuple[tuple[str, float], ...] = ()  # (input, seconds) at the largest size


def _slope(points: list[tuple[int, float]]) -> float | None:
    """The least-squares slope of log(time) over log(size): the growth exponent."""
    usable = [(math.log(n), math.log(t)) for n, t in points if t > 1e-4]
    if len(usable) < 2:
        return None
    mx = sum(x for x, _ in usable) / len(usable)
    my = sum(y for _, y in usable) / len(usable)
    var = sum((x - mx) ** 2 for x, _ in usable)
    return sum((x - mx) * (y - my) for x, y in usable) / var if var else None


def measure(found: Found, max_size: int, budget: float) -> Result:
    """The slowest input at doubling sizes; the growth exponent of its time."""
    size = 1000
    history: dict[str, list[tuple[int, float]]] = {}
    worst_name, worst_time = "", 0.0
    last_size = size
    while size <= max_size:
        for name, text in inputs(found, size):
            for method in found.methods:
                seconds = _seconds(found.pattern, method, text)
                history.setdefault(f"{method}({name})", []).append((size, seconds))
        worst_name = max(history, key=lambda k: history[k][-1][1])
        worst_time = history[worst_name][-1][1]
        last_size = size
        if worst_time > budget:
            break
        size *= 2
    exponent = _slope(history.get(worst_name, []))
    status = "ok"
    if exponent is not None and exponent > 1.5 and worst_time > 0.1:
        status = "SUPERLINEAR"
    every = tuple(
        (name, points[-1][1]) for name, points in history.items() if points[-1][0] == last_size
    )
    return Result(
        found.where, found.label, last_size, worst_name, worst_time, exponent, status, every
    )


def _child(found: Found, max_size: int, budget: float, queue: Any) -> None:
    queue.put(measure(found, max_size, budget))


def measure_isolated(found: Found, max_size: int, budget: float, timeout: float) -> Result:
    """:func:`measure` in a child process, killed after ``timeout`` seconds."""
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else None)
    queue = context.Queue()
    process = context.Process(target=_child, args=(found, max_size, budget, queue))
    process.start()
    process.join(timeout)
    if process.is_alive():
        process.kill()
        process.join()
        return Result(found.where, found.label, 0, "?", timeout, None, "TIMEOUT (catastrophic)")
    try:
        result: Result = queue.get(timeout=5)
        return result
    except Exception:  # pragma: no cover - the child died
        return Result(found.where, found.label, 0, "?", 0.0, None, "CRASHED")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--max-size", type=int, default=100_000, help="largest input (chars)")
    parser.add_argument("--budget", type=float, default=2.0, help="stop growing past this (s)")
    parser.add_argument("--timeout", type=float, default=60.0, help="kill a pattern after (s)")
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="the time of every input, not just the worst"
    )
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    patterns = collect()
    print(f"{len(patterns)} patterns in armvalidate/ ({len(scan_source())} literal re.* calls)\n")
    width = max(len(p.where) for p in patterns)
    print(f"{'where':{width}}  {'size':>8}  {'s/call':>9}  {'growth':>6}  status  worst input")
    bad = 0
    for found in sorted(patterns, key=lambda f: f.where):
        r = measure_isolated(found, args.max_size, args.budget, args.timeout)
        growth = f"{r.exponent:6.2f}" if r.exponent is not None else "     -"
        print(
            f"{r.where:{width}}  {r.size:>8}  {r.seconds:9.6f}  {growth}  {r.status:6}  {r.worst}"
        )
        bad += r.status != "ok"
        if args.verbose:
            for name, seconds in sorted(r.every, key=lambda item: -item[1]):
                print(f"{'':{width}}  {r.size:>8}  {seconds:9.6f}  {'':6}  {'':6}  {name}")
    print(
        "\ngrowth: the exponent of time over size, fitted over the sizes tried (1 = linear,"
        " 2 = quadratic);\nSUPERLINEAR: growth above 1.5 and over 0.1 s per call at the"
        " largest size."
    )
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
