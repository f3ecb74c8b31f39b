"""``mypyc_attr`` for the compiled build, importable without mypy.

mypyc (setup.py) reads ``@mypyc_attr(native_class=False)`` on a class from the decorator's
name (``mypy_extensions.mypyc_attr``) when it compiles a module; at run time the decorator
does nothing. ``mypy_extensions`` comes with mypy, which the pure-Python package does not
need, so without it the decorator is a stand-in that does nothing either. This module is
never compiled.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mypy_extensions import mypyc_attr as mypyc_attr
else:
    try:
        from mypy_extensions import mypyc_attr
    except ImportError:  # no mypy here: the pure-Python package

        def mypyc_attr(*attrs, **kwattrs):
            return lambda x: x


__all__ = ["mypyc_attr"]
