"""The first stage: reading JSON text with limits on size and nesting.

Room: imports only the catalog and the exceptions (the rules it reports are declared here,
where they are checked); the later stages import it, never the reverse.

:func:`decode` turns text or bytes into Python values, or raises
:class:`~armvalidate.InvalidValue` with the rule ``schema.json`` (not JSON, not decodable),
``input.too-large`` or ``input.too-deep``. It never raises anything else.

>>> decode('{"customer": {"name": "Kari"}}')
{'customer': {'name': 'Kari'}}
>>> decode(b'{"a": [1, 2]}')
{'a': [1, 2]}
>>> decode('{"a": }')
Traceback (most recent call last):
    ...
armvalidate.exceptions.InvalidValue: not valid JSON: Expecting value (line 1, column 7)
>>> decode("[[[[1]]]]", max_depth=3)  # doctest: +NORMALIZE_WHITESPACE
Traceback (most recent call last):
    ...
armvalidate.exceptions.InvalidValue: arrays and objects are nested 4 deep;
at most 3 levels are allowed
>>> exceeds_depth({"a": [{"b": 1}]}, 2), exceeds_depth({"a": [{"b": 1}]}, 3)
(3, None)
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from armvalidate.catalog import Severity, declare
from armvalidate.exceptions import InvalidValue

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_DEPTH",
    "JSON",
    "TOO_DEEP",
    "TOO_LARGE",
    "decode",
    "exceeds_depth",
    "exceeds_depth_at",
    "line_breaks",
    "too_deep",
]

JSON = declare(
    "schema.json",
    severity=Severity.ERROR,
    summary="The payload is no JSON object: not JSON, not decodable, or another top-level type.",
    example="{'customer': {",
    source="arm-docs",
    ref=(
        'The docs show every request body as a JSON object, an envelope: {"metadata": '
        '{"userId": "TestUser"}, "customer": {...}}.'
    ),
    doc=(
        "The payload must be a JSON object (as text, bytes in UTF-8/16/32, or a dict). Text "
        "that does not parse (the message gives line and column), bytes that do not decode, a "
        "number with more than 4300 digits, or a top-level array, string or number is reported "
        "once, at the empty path, and nothing else is checked. Always an error; the profile "
        "cannot switch it off."
    ),
    fatal=True,
)
TOO_LARGE = declare(
    "input.too-large",
    severity=Severity.ERROR,
    summary="The JSON text is larger than the profile's limit (default 1 MiB per record).",
    example="a 2 MiB customer record",
    source="policy",
    ref=("armvalidate's own guard against memory exhaustion; the ARM docs publish no size limit."),
    doc=(
        "JSON text or bytes longer than the profile's max-bytes (default 1 MiB = 1048576 "
        "bytes, counted in UTF-8; a batch body: max-batch-bytes, default 64 MiB) is not "
        "parsed. Python objects are not measured in bytes; a dict with more containers than "
        "max-bytes / 2 breaks this rule too. Reported once, at the empty path; nothing else is "
        "checked. Always an error."
    ),
    fatal=True,
)
TOO_DEEP = declare(
    "input.too-deep",
    severity=Severity.ERROR,
    summary="Arrays and objects are nested deeper than the profile's limit (default 32).",
    example='{"customer": {"name": [[[[...]]]]}}',
    source="policy",
    ref=(
        "armvalidate's own guard against deep recursion; the ARM docs publish no "
        "nesting limit (a valid body is 3 levels deep)."
    ),
    doc=(
        "The nesting depth of arrays and objects (the envelope counts 1, the customer 2, "
        "postalAddress 3) may not exceed max-depth (default 32; a batch body gets one level "
        "more). Deeper input is not checked further; reported once, at the empty path. Always "
        "an error."
    ),
    fatal=True,
)

DEFAULT_MAX_BYTES = 1 << 20
DEFAULT_MAX_DEPTH = 32

_TEXT_TYPES = (str, bytes, bytearray, memoryview)


def exceeds_depth(value: Any, max_depth: int, *, max_nodes: int | None = None) -> int | None:
    """The depth found when ``value`` is nested deeper than ``max_depth``, else None.

    Depth counts dicts and lists: a scalar is 0, ``{}`` is 1, ``{"a": []}`` 2. Iterative, and it
    stops at the first level past ``max_depth``, so any depth and even a cyclic structure are
    safe. ``max_nodes`` bounds the work on wide or shared structures: past it, the structure
    counts as too deep (``max_depth + 1``). What it finds is always ``max_depth + 1``.
    """
    return _deepest([(value, 1)], max_depth, max_nodes)


def exceeds_depth_at(
    root: Any,
    locations: Iterable[Sequence[Any]],
    max_depth: int,
    *,
    max_nodes: int | None = None,
) -> int | None:
    """:func:`exceeds_depth` of ``root``, measured only at ``locations`` (key and index paths
    from ``root``): for a structure whose every other part is known to be shallow enough (the
    values that the structure stage did not find anything wrong with, whose depth the contract
    bounds). A location that does not lead to a value in ``root`` makes it measure the whole.
    ``max_nodes`` counts the nodes below the locations only.

    >>> exceeds_depth_at({"a": 1, "b": [[[]]]}, [("b",)], 3), exceeds_depth_at({"a": [[[]]]}, [], 3)
    (4, None)
    """
    starts: list[tuple[Any, int]] = []
    for location in locations:
        node = root
        for part in location:
            if isinstance(node, dict):
                there = part.__class__ in (str, int) and part in node
            else:
                there = isinstance(node, list) and part.__class__ is int and 0 <= part < len(node)
            if not there:  # not where it says: measure everything
                return exceeds_depth(root, max_depth, max_nodes=max_nodes)
            node = node[part]
        if len(location) > max_depth:  # (the container holding the value is too deep)
            return max_depth + 1
        starts.append((node, len(location) + 1))
    return _deepest(starts, max_depth, max_nodes)


def _deepest(stack: list[tuple[Any, int]], max_depth: int, max_nodes: int | None) -> int | None:
    seen = 0
    while stack:
        node, level = stack.pop()
        if isinstance(node, dict):
            children: Any = node.values()
        elif isinstance(node, list):
            children = node
        else:
            continue
        if level > max_depth:  # (the first container past max_depth is one level past it)
            return max_depth + 1
        seen += 1
        if max_nodes is not None and seen > max_nodes:
            return max_depth + 1
        for child in children:
            if isinstance(child, (dict, list)):
                stack.append((child, level + 1))
    return None


def too_deep(found: int | None, max_depth: int) -> InvalidValue:
    """The ``input.too-deep`` error for a structure ``found`` levels deep (None: unknown)."""
    what = f"nested {found} deep" if found is not None else "nested too deep"
    return InvalidValue(
        f"arrays and objects are {what}; at most {max_depth} levels are allowed",
        rule=TOO_DEEP.id,
        context={"expected": max_depth, "found": found},
    )


def line_breaks(text: str, start: int = 0, end: int | None = None) -> int:
    """The number of line ends in ``text[start:end]``: CR LF, a lone CR and a lone LF each end
    a line, as the JSON Lines reader splits lines and as editors show them (a CR LF cut in two
    by ``start`` counts once, at its CR).

    >>> line_breaks("a\\nb\\r\\nc\\rd"), line_breaks("a\\r\\nb", 2)
    (3, 0)
    """
    stop = len(text) if end is None else end
    found = text.count("\n", start, stop)
    if text.find("\r", start, stop) >= 0:
        found += text.count("\r", start, stop) - text.count("\r\n", start, stop)
    if 0 < start < stop and text[start] == "\n" and text[start - 1] == "\r":
        found -= 1  # (the LF of a CR LF whose CR was counted before)
    return found


def decode(
    payload: str | bytes | bytearray | memoryview,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_depth: int = DEFAULT_MAX_DEPTH,
) -> Any:
    """Parse JSON ``payload`` (text, or bytes in UTF-8, -16 or -32) within the limits.

    ``max_bytes`` counts UTF-8 bytes; ``max_depth`` counts nested arrays and objects. NaN and
    Infinity are read as floats (the validator reports them where they stand). A leading
    byte-order mark is ignored.
    """
    if not isinstance(payload, _TEXT_TYPES):
        raise InvalidValue(
            f"expected JSON text or bytes, not {type(payload).__name__}", rule=JSON.id
        )
    if isinstance(payload, str):
        size = len(payload)
        if size * 4 > max_bytes:  # only then can the UTF-8 form be too large
            size = len(payload.encode("utf-8", "surrogatepass"))
        text: str | bytes = payload[1:] if payload[:1] == "\ufeff" else payload
    else:
        text = bytes(payload)
        size = len(text)
    if size > max_bytes:
        raise InvalidValue(
            f"the JSON text has {size} bytes; at most {max_bytes} are allowed",
            rule=TOO_LARGE.id,
            context={"expected": max_bytes, "found": size},
        )
    try:
        value = json.loads(text)
    except RecursionError:
        raise too_deep(None, max_depth) from None
    except UnicodeDecodeError as exc:
        raise InvalidValue(
            f"the bytes are not valid UTF-8 (or UTF-16/32): {exc.reason} at byte {exc.start}",
            rule=JSON.id,
        ) from None
    except json.JSONDecodeError as exc:
        line, column = exc.lineno, exc.colno
        if "\r" in exc.doc:  # (json counts only LF as a line end)
            line = 1 + line_breaks(exc.doc, 0, exc.pos)
            column = exc.pos - max(exc.doc.rfind("\n", 0, exc.pos), exc.doc.rfind("\r", 0, exc.pos))
        raise InvalidValue(
            f"not valid JSON: {exc.msg} (line {line}, column {column})",
            rule=JSON.id,
            context={"line": line, "column": column},
        ) from None
    except ValueError as exc:  # e.g. an integer with more digits than Python converts
        reason = "a number has too many digits" if "digits" in str(exc) else "unreadable value"
        raise InvalidValue(f"not valid JSON: {reason}", rule=JSON.id) from None
    if isinstance(text, str):
        brackets = text.count("[") + text.count("{")
    else:
        brackets = text.count(b"[") + text.count(b"{")
    if brackets > max_depth:
        found = exceeds_depth(value, max_depth)
        if found is not None:
            raise too_deep(found, max_depth)
    return value
