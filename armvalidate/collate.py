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
from operator import indexOf
from typing import Any

from armvalidate.fields import Path
from armvalidate.report import Issue

__all__ = ["ordered", "position", "sanitized", "sanitized_one"]


def position(path: Path, root: Any, orders: dict[int, dict[Any, int]]) -> tuple[int, ...]:
    """Each part's index in its container (-1: not there, such as a missing key).

    The index of a key is where the key the container's own lookup finds stands among its keys:
    in a ``dict``, the first key equal to the part (a dict holds no two equal keys); in a dict
    subclass, whose lookup and iteration may be its own, the index of the part in a dict of its
    keys made once per container and kept in ``orders`` (by the container's id). An index
    into a list is the index itself, if the list has it.
    """
    out: list[int] = []
    node = root
    for part in path:
        if type(node) is dict:
            if part in node:
                # a scan that stops at the key, cheaper than a dict of the keys: no key of a
                # dict equals another, so the first equal key is the one ``in`` found
                out.append(indexOf(node, part))
                node = node[part]
                continue
        elif isinstance(node, dict):
            order = orders.get(id(node))
            if order is None:
                order = orders[id(node)] = dict(zip(node, count()))
            index = order.get(part, -1)
            if index >= 0:
                out.append(index)
                node = node[part]
                continue
        elif isinstance(node, list) and type(part) is int and 0 <= part < len(node):
            out.append(part)
            node = node[part]
            continue
        out.append(-1)
        node = None
    return tuple(out)


def ordered(issues: list[tuple[Path, Issue]], root: Any) -> tuple[Issue, ...]:
    """The issues in payload order (see the module docstring); stable within one path. Issues
    that came in payload order (often: 43 % of the messy corpus's payloads with two or more)
    are not sorted."""
    if len(issues) < 2:
        return (issues[0][1],) if issues else ()
    orders: dict[int, dict[Any, int]] = {}
    keys = [position(path, root, orders) for path, _ in issues]
    last = keys[0]
    for key in keys:
        if key < last:
            break
        last = key
    else:
        return tuple([issue for _, issue in issues])
    return tuple([issues[i][1] for i in sorted(range(len(keys)), key=keys.__getitem__)])


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
