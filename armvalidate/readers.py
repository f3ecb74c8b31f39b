"""Deprecated: the readers moved to :mod:`armvalidate.files` (import from there).

This module re-exports the public names it had, and warns (``DeprecationWarning``) when it is
imported. Nothing in armvalidate imports it.
"""

from __future__ import annotations

import warnings

from armvalidate.files.csvlayout import default_layout
from armvalidate.files.jsonreader import pointer_line, pointer_lines
from armvalidate.files.read import read_records
from armvalidate.files.records import (
    MAX_DOCUMENT_BYTES,
    MAX_RECORD_BYTES,
    Format,
    InputError,
    Record,
)
from armvalidate.files.sniff import detect_format, format_from_name

__all__ = [
    "MAX_DOCUMENT_BYTES",
    "MAX_RECORD_BYTES",
    "Format",
    "InputError",
    "Record",
    "default_layout",
    "detect_format",
    "format_from_name",
    "pointer_line",
    "pointer_lines",
    "read_records",
]

warnings.warn(
    "armvalidate.readers is deprecated: import from armvalidate.files instead",
    DeprecationWarning,
    stacklevel=2,
)
