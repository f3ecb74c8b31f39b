"""The last stage: the findings in payload order, and the sanitized copy of the payload.

Order of the findings: by where they stand in the payload, keys in the order the input has them,
list entries by index; a finding about a whole object (``update.partial-address``) comes before
those inside it, and a missing key (``schema.required``) first within its object. Cross-field
rules stand at the field they are reported at (``ssn.dob-mismatch`` at ``dateOfBirth``,
``dob.year-mismatch`` at ``yearOfBirth``, ``category.identity`` at ``customerCategory``, ...).
Several findings at one path keep the order of the stages and checks: structure, length, then
content.

The sanitized payload is a new payload with the checks' changes applied, copying only the
containers on the way (and always the top level and each customer object); the input is never
touched.

>>> from armvalidate.report import Issue
>>> root = {"customer": {"name": "K", "currency": "nok"}}
>>> sanitized_one(root, ("customer",), [(("customer", "currency"), "NOK")])
{'customer': {'name': 'K', 'currency': 'NOK'}}
>>> root["customer"]["currency"]
'nok'
>>> position(("customer", "currency"), root, {}), position(("customer", "ssn"), root, {})
((0, 1), (0, -1))

Room: imports the report (for :class:`~armvalidate.report.Issue`) and the field paths only.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import count
from typing import Any

from armvalidate.fields import Path
from armvalidate.report import Issue

__all__ = ["ordered", "position", "sanitized", "sanitized_one"]


def position(path: Path, root: Any, orders: dict[int, dict[Any, int]]) -> tuple[int, ...]:
    """Each part's index in its container (-1: not there, such as a missing key)."""
    out: list[int] = []
    node = root
    for part in path:
        index = -1
        if isinstance(node, dict):
            order = orders.get(id(node))
            if order is None:
                order = orders[id(node)] = dict(zip(node, count()))
            index = order.get(part, -1)
            node = node[part] if index >= 0 else None
        elif isinstance(node, list) and type(part) is int and 0 <= part < len(node):
            index = part
            node = node[part]
        else:
            node = None
        out.append(index)
    return tuple(out)


def ordered(issues: list[tuple[Path, Issue]], root: Any) -> tuple[Issue, ...]:
    """The issues in payload order (see the module docstring); stable within one path. Issues
    that came in payload order (often: 43 % of the messy corpus's payloads with two or more)
    are not sorted."""
    if len(issues) < 2:
        return (issues[0][1],) if issues else ()
    orders: dict[int, dict[Any, int]] = {}
    keys: dict[Path, tuple[int, ...]] = {}
    last: tuple[int, ...] = ()
    in_order = True
    for path, _ in issues:
        key = keys.get(path)
        if key is None:
            key = keys[path] = position(path, root, orders)
        if in_order:
            if key < last:
                in_order = False
            last = key
    if in_order:
        return tuple(issue for _, issue in issues)
    return tuple(issue for _, issue in sorted(issues, key=lambda item: keys[item[0]]))


def _container(copies: dict[Path, Any], path: Path) -> Any:
    """The copy of the container at ``path`` in ``copies[()]``, made (with those on the way)
    if it is not there yet."""
    node = copies.get(path)
    if node is None:
        up = path[:-1]
        parent = copies.get(up)
        if parent is None:
            parent = _container(copies, up)
        child = parent[path[-1]]
        node = dict(child) if isinstance(child, dict) else list(child)
        parent[path[-1]] = node
        copies[path] = node
    return node


def sanitized(root: dict[str, Any], changes: list[tuple[Path, Any]], bases: Iterable[Path]) -> Any:
    """A new payload: ``root`` with ``changes`` applied, copying only the containers on the way
    (and always the top level and each customer object), never touching ``root``."""
    top = dict(root)
    copies: dict[Path, Any] = {(): top}
    for base in bases:
        if base not in copies:
            _container(copies, base)
    for path, value in changes:
        parent = copies.get(path[:-1])
        if parent is None:
            parent = _container(copies, path[:-1])
        parent[path[-1]] = value
    return top


def sanitized_one(root: dict[str, Any], base: Path, changes: list[tuple[Path, Any]]) -> Any:
    """:func:`sanitized` with one base, ``()`` or ``("customer",)`` (a customer object)."""
    top = dict(root)
    if base:
        obj = top[base[0]] = dict(root[base[0]])
    else:
        obj = top
    if changes:
        copies: dict[Path, Any] = {(): top, base: obj}
        for path, value in changes:
            parent = copies.get(path[:-1])
            if parent is None:
                parent = _container(copies, path[:-1])
            parent[path[-1]] = value
    return top
