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
- Cython runs only when extension modules are actually built (in ``build_ext``), never when
  setuptools merely asks for the metadata, and writes its C files into the build directory
  (``build/.../cython``), not beside the sources: installing or building a wheel leaves no
  ``.c`` file in the source tree. Until then the extensions are declared with their ``.py``
  sources.
- ``ARMVALIDATE_COMPILE=mypyc`` (opt-in, in place too) compiles the per-payload modules of the
  core (``_MYPYC``) with mypyc instead: native classes and direct C calls between them, about
  a quarter fewer instructions per payload than pure Python (Cython: a sixth). It needs mypy
  in the build environment (``pip install mypy`` and ``--no-build-isolation``); without it, or
  when mypyc fails, the package stays pure Python (mypyc builds the modules as one group:
  they compile together or not at all). Its C files go to the build directory too. Known
  differences of that build: compiled modules and functions carry no docstrings, module
  globals are bound early (patching one from outside does not reach compiled callers), and
  a compiled module's ``__file__`` is not its path.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from typing import Any

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

ROOT = Path(__file__).resolve().parent

#: The core modules that are compiled: the validation pipeline and what it calls per value, and
#: the readers of the files package (they touch every byte of an input). The CLI, the test-data
#: half, the stand-in server and the entry points stay pure Python (they are I/O-bound or
#: start-up code), and so do package ``__init__`` files and the top-level modules below.
_CORE = (
    "armvalidate/*.py",
    "armvalidate/checks/*.py",
    "armvalidate/files/*.py",
    "armvalidate/no/*.py",
)
_PURE = {
    "__init__.py",
    "__main__.py",
    "_hypothesis_hook.py",
    "pytest_plugin.py",
    "types.py",
    "readers.py",  # the deprecated aliases of armvalidate.files: they only re-export
    "csvlayout.py",
}

#: The modules mypyc compiles (``ARMVALIDATE_COMPILE=mypyc``): what the pipeline runs per
#: payload. Not report.py: an Issue is formatted through its ``__dict__`` and ``__getattr__``.
_MYPYC = (
    "armvalidate/validate.py",
    "armvalidate/checks/[!_]*.py",
    "armvalidate/checks/_context.py",
    "armvalidate/collate.py",
    "armvalidate/masking.py",
    "armvalidate/emails.py",
    "armvalidate/phones.py",
    "armvalidate/postcodes.py",
    "armvalidate/codes.py",
    "armvalidate/contract.py",
    "armvalidate/fields.py",
    "armvalidate/profile.py",
    "armvalidate/catalog.py",
    "armvalidate/decode.py",
    "armvalidate/no/[!_]*.py",
    "armvalidate/no/_util.py",
)

_DIRECTIVES = {
    "language_level": "3",
    "annotation_typing": False,
    "binding": True,
    "embedsignature": True,
}


def _compiled_sources() -> list[str]:
    files: list[str] = []
    for pattern in _CORE:
        for path in sorted(ROOT.glob(pattern)):
            pure = path.name == "__init__.py" or (
                path.parent == ROOT / "armvalidate" and path.name in _PURE
            )
            if not pure and not path.is_symlink():
                files.append(path.relative_to(ROOT).as_posix())
    return files


def _mypyc_sources() -> list[str]:
    return sorted(
        {path.relative_to(ROOT).as_posix() for pattern in _MYPYC for path in ROOT.glob(pattern)}
    )


def _flag() -> str:
    return os.environ.get("ARMVALIDATE_COMPILE", "").strip().lower()


def _wanted() -> bool:
    flag = _flag()
    if flag in ("0", "no", "false", "off"):
        return False
    if flag in ("1", "yes", "true", "on", "mypyc"):
        return True
    # Default: compiled wheels, pure editable installs (see the module docstring).
    return not any("editable" in arg for arg in sys.argv)


def _extensions() -> list[Extension]:
    """The extension modules, declared with their ``.py`` sources (cythonized by
    :class:`OptionalBuildExt` when they are built)."""
    if not _wanted():
        return []
    if _flag() == "mypyc":  # declared with their .py sources; mypyc runs in build_ext
        if importlib.util.find_spec("mypyc") is None:
            print("armvalidate: mypy is not installed; building pure Python", file=sys.stderr)
            return []
        return [
            Extension(source.removesuffix(".py").replace("/", "."), [source])
            for source in _mypyc_sources()
        ]
    if importlib.util.find_spec("Cython") is None:
        print("armvalidate: Cython is not installed; building pure Python", file=sys.stderr)
        return []
    return [
        Extension(
            source.removesuffix(".py").replace("/", "."),
            [source],
            extra_compile_args=["-g0", "-O2"],
        )
        for source in _compiled_sources()
    ]


class OptionalBuildExt(build_ext):
    """Cythonizes, then compiles what it can; a module that fails to compile stays pure Python
    (with a warning)."""

    def finalize_options(self) -> None:
        super().finalize_options()
        if not self.parallel:
            self.parallel = os.cpu_count() or 1

    def run(self) -> None:
        try:
            if _flag() == "mypyc":
                self._mypycify()
            else:
                self._cythonize()
            super().run()
        except Exception as exc:  # no compiler at all
            print(f"armvalidate: no compiled build ({exc}); pure Python", file=sys.stderr)

    def _mypycify(self) -> None:
        """Replace the declared extensions by mypyc's (one shared library,
        ``armvalidate._core__mypyc``, and a small module per source), its C files in the build
        directory; none when mypy is missing or mypyc fails."""
        sources = [s for e in self.extensions for s in e.sources if s.endswith(".py")]
        self.extensions = []
        if not sources:
            return
        try:
            from mypyc.build import mypycify

            target = os.path.join(self.build_temp, "mypyc")
            extensions: list[Any] = mypycify(
                sources, opt_level="3", group_name="armvalidate._core", target_dir=target
            )
        except (Exception, SystemExit) as exc:  # no mypy, or mypyc's exit on an error
            print(f"armvalidate: mypyc did not compile ({exc!r}); pure Python", file=sys.stderr)
            return
        for ext in extensions:  # (what build_ext.finalize_options records of each extension)
            ext._full_name = self.get_ext_fullname(ext.name)
            ext._links_to_dynamic = ext._needs_stub = False
            ext._file_name = self.get_ext_filename(ext._full_name)
            self.ext_map[ext._full_name] = ext
        self.extensions = extensions

    def _cythonize(self) -> None:
        """Turn the ``.py`` sources of the extensions into C, in the build directory.

        The extension objects stay the ones setuptools finalized (only their sources change);
        a module Cython cannot translate is dropped from the build (it stays pure Python).
        """
        pending = [e for e in self.extensions if any(s.endswith(".py") for s in e.sources)]
        if not pending:
            return
        from Cython.Build import cythonize

        build_dir = os.path.join(self.build_temp, "cython")

        def translate(extensions: list[Any]) -> list[Any]:
            return list(
                cythonize(
                    extensions,
                    compiler_directives=_DIRECTIVES,
                    build_dir=build_dir,
                    quiet=True,
                    nthreads=os.cpu_count() or 1,
                )
            )

        templates = [Extension(e.name, list(e.sources)) for e in pending]
        try:
            done = {e.name: e for e in translate(templates)}
        except Exception:  # one module does not translate: find which, keep the others
            done = {}
            for template in templates:
                try:
                    (result,) = translate([template])
                except Exception as exc:
                    print(f"armvalidate: {template.name} not compiled ({exc})", file=sys.stderr)
                else:
                    done[result.name] = result
        for ext in pending:
            if ext.name in done:
                ext.sources = list(done[ext.name].sources)
        self.extensions = [e for e in self.extensions if e not in pending or e.name in done]

    def build_extension(self, ext: object) -> None:
        try:
            super().build_extension(ext)  # type: ignore[arg-type]
        except Exception as exc:
            name = getattr(ext, "name", ext)
            print(f"armvalidate: {name} not compiled ({exc}); pure Python", file=sys.stderr)


setup(ext_modules=_extensions(), cmdclass={"build_ext": OptionalBuildExt})
