"""Public names loaded on first use (PEP 562), for the packages whose names live in heavier
submodules: :mod:`armvalidate` (so that ``import armvalidate.no.orgnr`` loads no pipeline),
:mod:`armvalidate.strategies` (no Hypothesis or Faker until a strategy is used) and
:mod:`armvalidate.stub` (no server stack until used). Standard library only.

>>> getattr_, dir_ = lazy_exports("json", {"dumps": "json"}, ["dumps"])
>>> getattr_("dumps")("x")
'"x"'
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import Any

__all__ = ["lazy_exports"]


def lazy_exports(
    package: str, where: Mapping[str, str], names: Sequence[str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """``(__getattr__, __dir__)`` for ``package``: a name of ``where`` is imported from the
    module ``where[name]`` on first use and kept in the package (a name whose module is
    ``package.name`` is that submodule itself); ``dir()`` lists ``names`` too."""

    def __getattr__(name: str) -> Any:
        module = where.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        imported = importlib.import_module(module)
        value = imported if module == f"{package}.{name}" else getattr(imported, name)
        vars(sys.modules[package])[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted({*vars(sys.modules[package]), *names})

    return __getattr__, __dir__
