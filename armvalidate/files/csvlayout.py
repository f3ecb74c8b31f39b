"""The CSV layout of a customer: one customer per row, one column per (nested) JSON key.

This module is the single definition of the layout, shared by the CSV reader of
``armvalidate check`` and the CSV writer of ``armvalidate generate --format csv`` and of the split
files (``--valid-out`` / ``--invalid-out``). Pure functions; no I/O. It imports
:mod:`armvalidate.masking` (column names in messages) and, for :func:`default_layout`, the
contract's JSON Schema (:mod:`armvalidate.schema`); nothing else of this package or the CLI.

**Columns** are the JSON keys of the customer object, with dots for nesting
(``postalAddress.cityName``, ``distribution.type``). Columns ``metadata.<key>`` go to the request
envelope: a row with any of them becomes ``{"metadata": {...}, "customer": {...}}``, a row without
them a bare customer. A ``customer.`` prefix on a column is accepted and ignored.

**Cells.** An empty cell means the key is absent. Everything else is read by the type of its
field, taken from the models' JSON Schema: numbers (``dueDays``, ``limitAmount``) and booleans
(``vatLiable``: ``true``/``false``, any case, or ``1``/``0``) are converted when the text is a
valid JSON number or boolean; text that is not (``"abc"`` in an integer column) stays text, so
that the validator reports a type error instead of the reader crashing. Unknown columns are text.

**Lists** (``emailAddressDocument``, ``efakturaBlockIds`` ...) are written in one cell, elements
separated by ``;``. Inside an element a backslash escapes: ``\\;`` is a literal ``;``, ``\\\\`` a
literal backslash, and ``\\e`` alone stands for one empty element (so that ``[""]`` differs from
``[]``).

>>> join_list(["a@example.no", "b;c@example.no"])
'a@example.no;b\\\\;c@example.no'
>>> split_list('a@example.no;b\\\\;c@example.no')
['a@example.no', 'b;c@example.no']
>>> split_list(""), split_list("\\\\e")
([], [''])

**Spreadsheet safety.** A cell the tool writes never starts with ``=``, ``+``, ``-``, ``@``, TAB
or CR, which spreadsheets would run as a formula: such a cell gets a leading apostrophe, the
convention spreadsheets themselves use. The reader removes it again, so every string makes the
exact round trip. For that, a value that itself starts with an apostrophe followed by one of
those characters, another apostrophe or nothing is escaped the same way, and the empty string is
written as a lone apostrophe (a truly empty cell means "absent").

>>> neutralise("=HYPERLINK(1)"), restore("'=HYPERLINK(1)")
("'=HYPERLINK(1)", '=HYPERLINK(1)')
>>> neutralise("-5"), neutralise(""), neutralise("'"), neutralise("O'Brien")
("'-5", "'", "''", "O'Brien")
>>> [restore(neutralise(s)) for s in ["-5", "", "'", "''=", "'a"]]
['-5', '', "'", "''=", "'a"]

A whole customer:

>>> layout = CsvLayout({"customerNo": "string", "dueDays": "integer",
...                     "emailAddressDocument": "array", "postalAddress.cityName": "string"})
>>> row = layout.flatten({"customerNo": "-1", "dueDays": 14,
...                       "emailAddressDocument": ["a@example.no", "b@example.no"],
...                       "postalAddress": {"cityName": "Oslo"}})
>>> for column, cell in row.items():
...     print(f"{column:24} {cell}")
customerNo               '-1
dueDays                  14
emailAddressDocument     a@example.no;b@example.no
postalAddress.cityName   Oslo
>>> back = layout.unflatten(row)
>>> back["customerNo"], back["dueDays"], back["postalAddress"]
('-1', 14, {'cityName': 'Oslo'})
>>> back["emailAddressDocument"]
['a@example.no', 'b@example.no']
>>> layout.unflatten({"dueDays": "abc", "customerNo": ""})
{'dueDays': 'abc'}

What the layout cannot carry: ``null`` (written as an empty cell, that is "absent", which a PUT
treats the same way), an empty object, keys containing a dot, and the type of a value that does
not match its column (an integer in a text column comes back as text).
"""

from __future__ import annotations

import contextlib
import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any, Literal

from armvalidate.masking import mask

__all__ = [
    "FORMULA_TRIGGERS",
    "MAX_LIST_ITEMS",
    "CsvLayout",
    "Kind",
    "LayoutError",
    "ListTooLong",
    "default_layout",
    "join_list",
    "layout_from_json_schema",
    "neutralise",
    "restore",
    "row_to_payload",
    "split_list",
]

Kind = Literal["string", "integer", "number", "boolean", "array"]
"""The type of a column, as JSON Schema names it."""

FORMULA_TRIGGERS = frozenset("=+-@\t\r")
"""First characters that make a spreadsheet treat a cell as a formula."""

_KINDS: frozenset[str] = frozenset({"string", "integer", "number", "boolean", "array"})
_JSON_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")
_TRUE = frozenset({"true", "1"})
_FALSE = frozenset({"false", "0"})
_EMPTY_ELEMENT = "\\e"
_MAX_NUMBER_CHARS = 4300  # longer digit strings stay text (int() refuses more digits)


MAX_LIST_ITEMS = 1000
"""The most entries a list cell is split into when a CSV row is read; a cell with more is one
finding for its row (:class:`ListTooLong`), whatever the validator's own limit for the list."""


class LayoutError(ValueError):
    """A set of CSV columns that cannot describe a customer (``a`` and ``a.b`` together)."""


class ListTooLong(LayoutError):
    """A list cell with more than :data:`MAX_LIST_ITEMS` entries."""


# -- cells -----------------------------------------------------------------------------------


def restore(cell: str) -> str:
    """Undo :func:`neutralise`: drop the apostrophe the writer put in front of a cell.

    >>> restore("'+47 99887766"), restore("plain"), restore("'plain")
    ('+47 99887766', 'plain', "'plain")
    """
    if cell[:1] == "'" and (len(cell) == 1 or cell[1] in FORMULA_TRIGGERS or cell[1] == "'"):
        return cell[1:]
    return cell


def neutralise(text: str) -> str:
    """Make ``text`` safe for a spreadsheet cell; :func:`restore` gives it back exactly.

    >>> neutralise("@SUM(A1)"), neutralise("\\tx"), neutralise("ok")
    ("'@SUM(A1)", "'\\tx", 'ok')
    """
    if text == "" or text[0] in FORMULA_TRIGGERS or restore(text) != text:
        return "'" + text
    return text


def join_list(items: Iterable[str]) -> str:
    """The text of a list cell (before :func:`neutralise`).

    >>> join_list([]), join_list([""]), join_list(["", ""]), join_list(["a\\\\b"])
    ('', '\\\\e', ';', 'a\\\\\\\\b')
    """
    parts = [item.replace("\\", "\\\\").replace(";", "\\;") for item in items]
    if parts == [""]:
        return _EMPTY_ELEMENT
    return ";".join(parts)


def split_list(text: str, max_items: int | None = None) -> list[str]:
    """The elements of a list cell (after :func:`restore`); the inverse of :func:`join_list`.

    A backslash before any other character is kept as it is, so hand-written cells with a
    stray backslash read as they look. With ``max_items``, a cell of more elements raises
    :class:`ListTooLong` before they are made (a cell of a million ``;`` must not become a
    million strings).

    >>> split_list("a;b"), split_list(";"), split_list("a\\\\xb")
    (['a', 'b'], ['', ''], ['a\\\\xb'])
    >>> split_list(";;;", max_items=3)
    Traceback (most recent call last):
    armvalidate.files.csvlayout.ListTooLong: the list has more than 3 entries
    """
    if text == "":
        return []
    if text == _EMPTY_ELEMENT:
        return [""]
    if max_items is not None and text.count(";") >= max_items:
        escaped = text.count("\\;")  # (an upper bound of the escaped ones)
        if text.count(";") - escaped >= max_items or len(_split(text)) > max_items:
            raise ListTooLong(f"the list has more than {max_items} entries")
    if "\\" not in text:
        return text.split(";")
    return _split(text)


def _split(text: str) -> list[str]:
    items: list[str] = []
    current: list[str] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == "\\" and i + 1 < n and text[i + 1] in "\\;":
            current.append(text[i + 1])
            i += 2
            continue
        if ch == ";":
            items.append("".join(current))
            current = []
        else:
            current.append(ch)
        i += 1
    items.append("".join(current))
    return items


def _scalar_text(value: Any) -> str:
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)):
        return json.dumps(value)
    return json.dumps(value, ensure_ascii=False, sort_keys=False, default=str)


def _cell_text(value: Any) -> str:
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return join_list(value)
    if isinstance(value, list):
        return join_list(_scalar_text(v) for v in value)
    return _scalar_text(value)


def _typed(text: str, kind: Kind | None) -> Any:
    if kind == "array":
        return split_list(text, MAX_LIST_ITEMS)
    if kind in ("integer", "number"):
        if len(text) <= _MAX_NUMBER_CHARS and _JSON_NUMBER.fullmatch(text):
            number = json.loads(text)
            if isinstance(number, float) and not math.isfinite(number):  # 1e999
                return text
            return number
        return text
    if kind == "boolean":
        low = text.lower()
        if low in _TRUE:
            return True
        if low in _FALSE:
            return False
        return text
    return text


# -- the layout ------------------------------------------------------------------------------


class CsvLayout:
    """Known columns (dotted paths into the customer, plus ``metadata.*``) and their kinds.

    The order of ``kinds`` is the canonical column order (the order of the models' fields).
    """

    __slots__ = ("_kinds",)

    def __init__(self, kinds: Mapping[str, Kind]) -> None:
        for column, kind in kinds.items():
            if kind not in _KINDS:
                raise ValueError(f"unknown column kind {kind!r} for {column!r}")
        self._kinds: dict[str, Kind] = dict(kinds)

    @property
    def kinds(self) -> Mapping[str, Kind]:
        return dict(self._kinds)

    @property
    def columns(self) -> tuple[str, ...]:
        """Every known column, in canonical order."""
        return tuple(self._kinds)

    def kind(self, column: str) -> Kind | None:
        """The kind of a column (``None`` for an unknown column, which is read as text)."""
        return self._kinds.get(_strip_customer(column))

    # -- writing -----------------------------------------------------------------------------

    def flatten(self, payload: Mapping[str, Any]) -> dict[str, str]:
        """The cells of one row: ``{column: cell}``, absent and ``null`` keys left out.

        ``payload`` is a request body (``{"metadata": ..., "customer": ...}``) or a bare customer.
        Cells are already neutralised for spreadsheets.
        """
        out: dict[str, str] = {}
        customer = payload.get("customer")
        if isinstance(customer, Mapping) and set(payload) <= {"metadata", "customer"}:
            metadata = payload.get("metadata")
            if isinstance(metadata, Mapping):
                _flatten_into(out, metadata, "metadata.")
            elif metadata is not None:
                out["metadata"] = neutralise(_cell_text(metadata))
            _flatten_into(out, customer, "")
        else:
            _flatten_into(out, payload, "")
        return out

    def header(self, rows: Iterable[Mapping[str, str]] = ()) -> list[str]:
        """The header for ``rows``: the known columns used, in canonical order, then the others
        in order of first appearance. Without rows: every known column."""
        used: dict[str, None] = {}
        any_rows = False
        for row in rows:
            any_rows = True
            for column in row:
                used.setdefault(column, None)
        if not any_rows:
            return list(self._kinds)
        known = [c for c in self._kinds if c in used]
        extra = [c for c in used if c not in self._kinds]
        return known + extra

    # -- reading -----------------------------------------------------------------------------

    def check_header(self, header: Sequence[str]) -> None:
        """Raise :class:`LayoutError` if a column appears twice (``customer.`` prefix ignored).

        Columns ``a`` and ``a.b`` may both exist (a wrong type in ``a`` is a finding); a row
        with cells in both makes :meth:`unflatten` raise.

        >>> CsvLayout({}).check_header(["name", "customerNo", "customer.name"])
        Traceback (most recent call last):
        ...
        armvalidate.files.csvlayout.LayoutError: column 'customer.name' appears twice
        """
        seen: set[str] = set()
        for column in header:
            key = _strip_customer(column)
            if key in seen:
                raise LayoutError(f"column {_safe(column)!r} appears twice")
            seen.add(key)

    def unflatten(self, row: Mapping[str, str]) -> dict[str, Any]:
        """The payload of one row (the inverse of :func:`flatten`); empty cells are absent.

        Raises :class:`LayoutError` when the row has cells in both ``a`` and ``a.b``.

        >>> CsvLayout({}).unflatten({"distribution": "M", "distribution.type": "H"})
        ... # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        armvalidate.files.csvlayout.LayoutError: ... both 'distribution' and 'distribution.type'
        """
        metadata: dict[str, Any] = {}
        customer: dict[str, Any] = {}
        for column, cell in row.items():
            if not cell:
                continue
            key = _strip_customer(column)
            value = _typed(restore(cell), self._kinds.get(key))
            if key.startswith("metadata."):
                _set_path(metadata, key[len("metadata.") :].split("."), value, column)
            else:
                _set_path(customer, key.split("."), value, column)
        if metadata:
            return {"metadata": metadata, "customer": customer}
        return customer


def _strip_customer(column: str) -> str:
    return column[len("customer.") :] if column.startswith("customer.") else column


def _safe(column: str) -> str:
    """A column name fit for a message: masked when it looks like data (a personal number)."""
    digits = sum(ch.isdigit() for ch in column)
    return mask(column) if digits >= 5 else column


def _flatten_into(out: dict[str, str], obj: Mapping[str, Any], prefix: str) -> None:
    for key, value in obj.items():
        column = f"{prefix}{key}"
        if value is None:
            continue
        if isinstance(value, Mapping):
            _flatten_into(out, value, column + ".")
        else:
            out[column] = neutralise(_cell_text(value))


def _set_path(target: dict[str, Any], parts: list[str], value: Any, column: str) -> None:
    base = column[: len(column) - len(".".join(parts))]  # "metadata.", "customer." or ""

    def clash(other: str) -> LayoutError:
        return LayoutError(f"the row has cells in both {_safe(other)!r} and {_safe(column)!r}")

    node = target
    for i, part in enumerate(parts[:-1]):
        child = node.setdefault(part, {})
        if not isinstance(child, dict):
            raise clash(base + ".".join(parts[: i + 1]))
        node = child
    existing = node.get(parts[-1])
    if isinstance(existing, dict):
        raise clash(f"{column}.{next(iter(existing), '')}")
    node[parts[-1]] = value


# -- the layout from the models --------------------------------------------------------------


def layout_from_json_schema(schema: Mapping[str, Any]) -> CsvLayout:
    """Build the layout from a JSON Schema of the request body (or of the bare customer).

    Objects nest with dots, ``anyOf``/``oneOf`` with ``null`` take the other branch, ``$ref``
    into ``$defs`` is followed.

    >>> schema = {"type": "object", "properties": {
    ...     "metadata": {"type": "object", "properties": {"userId": {"type": "string"}}},
    ...     "customer": {"$ref": "#/$defs/Customer"}},
    ...     "$defs": {"Customer": {"type": "object", "properties": {
    ...         "dueDays": {"anyOf": [{"type": "integer"}, {"type": "null"}]},
    ...         "options": {"type": "array", "items": {"type": "string"}},
    ...         "distribution": {"$ref": "#/$defs/Distribution"}}},
    ...     "Distribution": {"type": "object", "properties": {"type": {"type": "string"}}}}}
    >>> for column, kind in layout_from_json_schema(schema).kinds.items():
    ...     print(column, kind)
    metadata.userId string
    dueDays integer
    options array
    distribution.type string
    """
    defs: Mapping[str, Any] = schema.get("$defs") or schema.get("definitions") or {}

    def resolve(node: Any, depth: int = 0) -> Mapping[str, Any]:
        if not isinstance(node, Mapping) or depth > 32:
            return {}
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/"):
            name = ref.rsplit("/", 1)[-1]
            return resolve(defs.get(name, {}), depth + 1)
        for combinator in ("anyOf", "oneOf", "allOf"):
            branches = node.get(combinator)
            if isinstance(branches, list):
                for branch in branches:
                    resolved = resolve(branch, depth + 1)
                    if resolved.get("type") not in (None, "null") or "properties" in resolved:
                        return resolved
        return node

    kinds: dict[str, Kind] = {}

    def walk(node: Mapping[str, Any], prefix: str, depth: int) -> None:
        props = node.get("properties")
        if not isinstance(props, Mapping) or depth > 8:
            return
        for key, sub in props.items():
            resolved = resolve(sub)
            typ = resolved.get("type")
            if isinstance(typ, list):
                typ = next((t for t in typ if t != "null"), None)
            if typ == "object" or "properties" in resolved:
                walk(resolved, f"{prefix}{key}.", depth + 1)
            elif typ in _KINDS:
                kinds[f"{prefix}{key}"] = typ
            else:
                kinds[f"{prefix}{key}"] = "string"

    root = resolve(schema)
    props = root.get("properties")
    if isinstance(props, Mapping) and "customer" in props:
        if "metadata" in props:
            walk(resolve(props["metadata"]), "metadata.", 1)
        walk(resolve(props["customer"]), "", 1)
    else:
        walk(root, "", 0)
    return CsvLayout(kinds)


@lru_cache(maxsize=1)
def default_layout() -> CsvLayout:
    """The CSV layout of the request body, from the contract's JSON Schema (built once).

    >>> default_layout().kind("postalAddress.cityName"), default_layout().kind("dueDays")
    ('string', 'integer')
    """
    from armvalidate.schema import json_schema  # (on first use: the schema is not cheap)

    return layout_from_json_schema(json_schema("update"))


# -- rows from elsewhere (pandas, openpyxl, a database) ----------------------------------------


def _cell_from_value(value: Any) -> str:
    """A cell's text for a value that did not come from a CSV reader: ``None``/NaN/NA are
    empty (absent), whole floats lose their ``.0`` (pandas turns an integer column with a
    gap into floats), dates are ISO dates, lists are joined with ``;``."""
    if value is None or isinstance(value, str):
        return value or ""
    if type(value).__name__ in ("NAType", "NaTType"):  # pandas.NA, pandas.NaT
        return ""
    item = getattr(value, "item", None)  # a NumPy scalar: its Python value
    if callable(item) and not isinstance(value, (list, tuple, dict)):
        with contextlib.suppress(TypeError, ValueError):
            value = item()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        if value.is_integer() and abs(value) < 2**53:
            return str(int(value))
        return repr(value)
    if isinstance(value, (list, tuple)):
        return join_list(_cell_from_value(v) for v in value)
    if hasattr(value, "isoformat"):  # datetime.date, datetime.datetime, pandas.Timestamp
        date = (
            value.date()
            if hasattr(value, "hour") and not any((value.hour, value.minute, value.second))
            else value
        )
        return str(date.isoformat())
    return str(value)


def row_to_payload(row: Mapping[str, Any], *, layout: CsvLayout | None = None) -> dict[str, Any]:
    """The payload of one row of the CSV layout, from any mapping of column to cell.

    This is what ``armvalidate check`` does with a CSV row, for rows that come from elsewhere:
    ``pandas.DataFrame.to_dict("records")``, openpyxl, a database cursor. Columns are dotted
    paths (``postalAddress.cityName``; ``metadata.*`` goes to the envelope); a cell may be text
    as in a CSV file (lists joined with ``;``, numbers and booleans as text, an empty string for
    "absent") or a Python value: ``None`` and NaN (pandas' empty cell) are absent, ``14.0`` is
    ``14``, a list is a list, a date is an ISO date. Raises :class:`LayoutError` for a row with
    cells in both ``a`` and ``a.b``.

    >>> nan = float("nan")
    >>> row_to_payload({"customerNo": "1001", "name": "Kari Nordmann", "ssn": nan,
    ...                 "dueDays": 14.0, "vatLiable": "true",
    ...                 "emailAddressDocument": "kari@example.no;kari@firma.no",
    ...                 "postalAddress.postalCode": "0150", "postalAddress.cityName": "Oslo"})
    ... # doctest: +NORMALIZE_WHITESPACE
    {'customerNo': '1001', 'name': 'Kari Nordmann', 'dueDays': 14, 'vatLiable': True,
     'emailAddressDocument': ['kari@example.no', 'kari@firma.no'],
     'postalAddress': {'postalCode': '0150', 'cityName': 'Oslo'}}
    """
    if layout is None:
        layout = default_layout()
    return layout.unflatten({str(column): _cell_from_value(cell) for column, cell in row.items()})
