"""The optional compiled build: the same source, compiled by Cython in pure-Python mode.

Everything about the package is declared in pyproject.toml; this file only adds extension
modules. A wheel built where Cython and a C compiler are available carries, beside every core
``.py`` module, a compiled one built from that very file (Python prefers the compiled module
when both are there). Nothing is written twice: Cython compiles the ``.py`` file as it is, with
``annotation_typing=False`` so that the annotations keep their Python meaning.

- No compiler (or a module that does not compile): a warning, and that module stays pure
  Python. The package behaves the same either way; CI runs the test suite against both builds.
- ``ARMVALIDATE_COMPILE=0`` builds a pure-Python package; ``ARMVALIDATE_COMPILE=1`` asks for the
  compiled one in an editable install too. Editable installs are pure by default: a compiled
  module beside its ``.py`` file would hide every later edit of that file until a rebuild.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_ext import build_ext

ROOT = Path(__file__).resolve().parent

#: The core modules that are compiled: the validation pipeline and what it calls per value. The
#: CLI, the test-data half, the stand-in server and the entry points stay pure Python (they
#: are I/O-bound or start-up code), and so do package ``__init__`` files.
_CORE = ("armvalidate/*.py", "armvalidate/checks/*.py", "armvalidate/no/*.py")
_PURE = {
    "__init__.py",
    "__main__.py",
    "_hypothesis_hook.py",
    "pytest_plugin.py",
    "types.py",
}


def _compiled_sources() -> list[str]:
    files: list[str] = []
    for pattern in _CORE:
        for path in sorted(ROOT.glob(pattern)):
            if path.name not in _PURE and not path.is_symlink():
                files.append(path.relative_to(ROOT).as_posix())
    return files


def _wanted() -> bool:
    flag = os.environ.get("ARMVALIDATE_COMPILE", "").strip().lower()
    if flag in ("0", "no", "false", "off"):
        return False
    if flag in ("1", "yes", "true", "on"):
        return True
    # Default: compiled wheels, pure editable installs (see the module docstring).
    return not any("editable" in arg for arg in sys.argv)


def _extensions() -> list[object]:
    if not _wanted():
        return []
    try:
        from Cython.Build import cythonize
    except ImportError:
        print("armvalidate: Cython is not installed; building pure Python", file=sys.stderr)
        return []
    extensions = list(
        cythonize(
            _compiled_sources(),
            compiler_directives={
                "language_level": "3",
                "annotation_typing": False,
                "binding": True,
                "embedsignature": True,
            },
            quiet=True,
            nthreads=os.cpu_count() or 1,
        )
    )
    for ext in extensions:
        ext.extra_compile_args = [*ext.extra_compile_args, "-g0", "-O2"]
    return list(extensions)


class OptionalBuildExt(build_ext):
    """Compiles what it can; a module that fails to compile stays pure Python (with a warning)."""

    def finalize_options(self) -> None:
        super().finalize_options()
        if not self.parallel:
            self.parallel = os.cpu_count() or 1

    def run(self) -> None:
        try:
            super().run()
        except Exception as exc:  # no compiler at all
            print(f"armvalidate: no compiled build ({exc}); pure Python", file=sys.stderr)

    def build_extension(self, ext: object) -> None:
        try:
            super().build_extension(ext)  # type: ignore[arg-type]
        except Exception as exc:
            name = getattr(ext, "name", ext)
            print(f"armvalidate: {name} not compiled ({exc}); pure Python", file=sys.stderr)


setup(ext_modules=_extensions(), cmdclass={"build_ext": OptionalBuildExt})
