"""A faster ``__init__`` for frozen dataclasses that are made once per record or finding.

A frozen dataclass's generated ``__init__`` sets each field through ``object.__setattr__``
(one call per field); :func:`fast_init` gives the class an ``__init__`` with the same
signature and defaults that writes the fields straight into the instance's ``__dict__``.
Everything else stays the dataclass's own (``repr``, equality, hashing, ``replace``, and the
signature type checkers see).

>>> from dataclasses import dataclass, replace
>>> @fast_init
... @dataclass(frozen=True)
... class Point:
...     x: int
...     y: int = 0
>>> Point(1), Point(1, y=2) == Point(1, 2), replace(Point(1), y=3)
(Point(x=1, y=0), True, Point(x=1, y=3))
"""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

__all__ = ["fast_init"]

_T = TypeVar("_T")


def fast_init(cls: type[_T]) -> type[_T]:
    """Replace the ``__init__`` of the frozen dataclass ``cls`` (fields with plain defaults,
    no ``default_factory``, no ``InitVar``, no ``__post_init__``) by one that fills
    ``__dict__`` directly."""
    fields = dataclasses.fields(cls)  # type: ignore[arg-type]
    if hasattr(cls, "__post_init__") or hasattr(cls, "__slots__"):
        raise TypeError(f"fast_init: {cls.__name__} has __post_init__ or __slots__")
    defaults: dict[str, Any] = {}
    params = []
    for field in fields:
        if field.default_factory is not dataclasses.MISSING or not field.init:
            raise TypeError(f"fast_init: {cls.__name__}.{field.name} is not a plain field")
        if field.default is dataclasses.MISSING:
            params.append(field.name)
        else:
            defaults[f"_default_{field.name}"] = field.default
            params.append(f"{field.name}=_default_{field.name}")
    body = "".join(f"    fields[{f.name!r}] = {f.name}\n" for f in fields)
    source = f"def __init__(self, {', '.join(params)}):\n    fields = self.__dict__\n{body}"
    namespace: dict[str, Any] = {}
    exec(source, defaults, namespace)  # (as dataclasses makes its own __init__)
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__module__ = cls.__module__
    init.__doc__ = cls.__init__.__doc__
    init.__annotations__ = dict(cls.__init__.__annotations__)
    cls.__init__ = init  # type: ignore[method-assign]
    return cls
