"""Deprecated: the CSV layout moved to :mod:`armvalidate.files.csvlayout` (import from there,
or from :mod:`armvalidate.files`).

This module re-exports the public names it had, and warns (``DeprecationWarning``) when it is
imported. Nothing in armvalidate imports it.
"""

from __future__ import annotations

import warnings

from armvalidate.files.csvlayout import (
    FORMULA_TRIGGERS,
    MAX_LIST_ITEMS,
    CsvLayout,
    Kind,
    LayoutError,
    ListTooLong,
    join_list,
    layout_from_json_schema,
    neutralise,
    restore,
    row_to_payload,
    split_list,
)

__all__ = [
    "FORMULA_TRIGGERS",
    "MAX_LIST_ITEMS",
    "CsvLayout",
    "Kind",
    "LayoutError",
    "ListTooLong",
    "join_list",
    "layout_from_json_schema",
    "neutralise",
    "restore",
    "row_to_payload",
    "split_list",
]

warnings.warn(
    "armvalidate.csvlayout is deprecated: import from armvalidate.files.csvlayout instead",
    DeprecationWarning,
    stacklevel=2,
)
