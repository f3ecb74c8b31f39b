"""Run the examples of Markdown pages: ``>>>`` blocks as doctests, ``console`` blocks as shell
sessions, other ``python`` blocks as code. Used by tests/test_readme.py and tests/test_docs.py.

A ``console`` block is a shell session: ``$ command`` lines, each followed by what it prints
(stdout and stderr together). ``$ cat FILE`` of a file that does not exist yet *creates* it with
the lines shown (that is how a page shows its input files). A line ``...`` in the expected
output matches any lines, ``...`` within a line any text. The commands run in one bash process,
in a scratch folder that holds a copy of ``examples/``, with the installed ``armvalidate``
first on ``PATH``.
"""

from __future__ import annotations

import doctest
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_FENCE = re.compile(r"^```(\w*)[^\n]*\n(.*?)^```\s*$", re.MULTILINE | re.DOTALL)


@dataclass(frozen=True)
class Block:
    lang: str
    text: str
    line: int


def blocks(markdown: str) -> list[Block]:
    """The fenced code blocks of a page (``lang`` as written after the fence)."""
    return [
        Block(m.group(1), m.group(2), markdown.count("\n", 0, m.start()) + 1)
        for m in _FENCE.finditer(markdown)
    ]


def run_doctests(markdown: str, name: str, *, cwd: Path = ROOT) -> tuple[int, int]:
    """All ``>>>`` blocks of a page as one doctest (one namespace, in order); plain ``python``
    blocks (without ``>>>``) are compiled, so a syntax error in one fails too."""
    parts = []
    for block in blocks(markdown):
        if block.lang in ("python", "pycon", "") and block.text.lstrip().startswith(">>>"):
            parts.append(block.text.rstrip("\n") + "\n")
        elif block.lang == "python":
            compile(block.text, f"{name}:{block.line}", "exec")
    if not parts:
        return 0, 0
    text = "\n".join(parts)
    parser = doctest.DocTestParser()
    test = parser.get_doctest(text, {"__name__": "__docs__"}, name, name, 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    old = Path.cwd()
    os.chdir(cwd)
    try:
        runner.run(test, out=sys.stdout.write)
    finally:
        os.chdir(old)
    result = runner.summarize(verbose=False)
    return result.failed, result.attempted


@dataclass(frozen=True)
class Step:
    command: str
    expected: list[str]


def console_steps(text: str) -> list[Step]:
    steps: list[Step] = []
    for line in text.splitlines():
        if line.startswith("$ "):
            steps.append(Step(line[2:], []))
        elif steps:
            steps[-1].expected.append(line)
    return steps


def _line_pattern(line: str) -> str:
    if line == "...":
        return "(?:[^\n]*\n)*?"  # any number of lines
    return re.escape(line).replace(re.escape("..."), "[^\n]*?") + "\n"


def _matches(expected: list[str], actual: list[str]) -> bool:
    """``actual`` as shown: ``...`` alone matches any lines, within a line any text. Lines on
    stderr may come before or after stdout's (each stream is in order, the mix is not)."""
    pattern = "".join(_line_pattern(line) for line in expected)
    text = "".join(line + "\n" for line in actual)
    if re.fullmatch(pattern, text) is not None:
        return True
    return "..." not in "".join(expected) and sorted(expected) == sorted(actual)


def run_console(text: str, workdir: Path) -> list[str]:
    """Run one console block in ``workdir``; the differences found (empty: all as shown)."""
    steps = console_steps(text)
    script = ["exec 2>&1"]
    for n, step in enumerate(steps):
        cat = re.fullmatch(r"cat (\S+)", step.command)
        if cat and not (workdir / cat.group(1)).exists():
            (workdir / cat.group(1)).write_text("\n".join(step.expected) + "\n", encoding="utf-8")
        # keep the previous command's status for `echo $?` across the marker
        script.append(f"__status=$?; echo '@@step {n}'; (exit $__status)")
        script.append(step.command)
    bin_dir = str(Path(sys.executable).parent)
    env = {
        **os.environ,
        "PATH": bin_dir + os.pathsep + os.environ.get("PATH", ""),
        "NO_COLOR": "1",
        "COLUMNS": "100",
    }
    env.pop("FORCE_COLOR", None)
    done = subprocess.run(
        ["bash", "-c", "\n".join(script)],
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    outputs: list[list[str]] = []
    for line in done.stdout.splitlines():
        if line.startswith("@@step "):
            outputs.append([])
        elif outputs:
            outputs[-1].append(line)
    problems = []
    for step, actual in zip(steps, outputs, strict=False):
        expected = step.expected
        while expected and expected[-1] == "":
            expected = expected[:-1]
        while actual and actual[-1] == "":
            actual = actual[:-1]
        if not _matches(expected, actual):
            problems.append(
                f"$ {step.command}\n--- expected\n"
                + "\n".join(expected)
                + "\n--- got\n"
                + "\n".join(actual)
            )
    if len(outputs) != len(steps):
        problems.append(f"ran {len(outputs)} of {len(steps)} commands:\n{done.stdout}")
    return problems


def scratch(tmp_path: Path) -> Path:
    work = tmp_path / "work"
    work.mkdir()
    shutil.copytree(ROOT / "examples", work / "examples")
    return work
