"""The build (setup.py): Cython runs only when extension modules are built, and writes its C
files into the build directory, so asking for metadata or installing in editable mode leaves
nothing in the source tree. (The wheel itself: tests/test_strategies_projects.py.)"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _built_files() -> set[Path]:
    """Cython's and the compiler's output in the source tree."""
    return {
        p
        for folder in (ROOT / "armvalidate", ROOT / "strategies")
        for pattern in ("*.c", "*.so", "*.pyd")
        for p in folder.rglob(pattern)
    }


def _pip(*args: str, compile_flag: str | None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "ARMVALIDATE_COMPILE"}
    if compile_flag is not None:
        env["ARMVALIDATE_COMPILE"] = compile_flag
    return subprocess.run(
        [sys.executable, "-m", "pip", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=False,
    )


@pytest.mark.slow
def test_metadata_and_an_editable_install_write_no_c_files(tmp_path: Path) -> None:
    before = _built_files()
    if before:
        pytest.skip("a compiled build is in place (.ci/run's second step); nothing to compare")
    # The wheel's metadata, where the compiled build is wanted (the extensions are declared):
    # setuptools runs setup.py for it, and Cython must not run then.
    # --ignore-installed: never uninstall the armvalidate of the environment running the suite
    install = ("install", "--no-deps", "--ignore-installed", "-q")
    metadata = (*install, "--dry-run")
    prefix = str(tmp_path / "prefix")
    steps = [
        ((*metadata, str(ROOT)), None),
        ((*metadata, "-e", str(ROOT)), "1"),
        # An editable install (pure by default), into a scratch prefix.
        ((*install, "--prefix", prefix, "-e", str(ROOT)), None),
    ]
    for args, flag in steps:
        done = _pip(*args, compile_flag=flag)
        if done.returncode != 0 and "Could not find a version" in done.stderr:
            pytest.skip(f"cannot fetch the build requirements (offline?): {done.stderr[-300:]}")
        assert done.returncode == 0, done.stderr[-2000:]
        assert _built_files() == before, args
