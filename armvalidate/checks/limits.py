"""Limits on what is read at all (size and nesting, declared where they are checked: in
:mod:`armvalidate.decode`), and the validator's own safety net, ``input.unprocessable``.

Room: imports the catalog and the decode stage only.
"""

from __future__ import annotations

from armvalidate.catalog import Severity, declare
from armvalidate.decode import TOO_DEEP, TOO_LARGE

__all__ = ["TOO_DEEP", "TOO_LARGE", "UNPROCESSABLE"]

UNPROCESSABLE = declare(
    "input.unprocessable",
    severity=Severity.ERROR,
    summary="The validator failed on this input (a bug in armvalidate: please report it).",
    example="(none known)",
    source="policy",
    ref=(
        "armvalidate's own safety net (a bug in the validator); it says nothing about the server."
    ),
    doc=(
        "validate_customer never raises for any input. If a check fails unexpectedly, the "
        "report holds this one error, naming the exception type (never its text, which could "
        "echo a personal number), instead of an exception escaping into a batch run. The test "
        "suite checks that no generated input reaches it."
    ),
    fatal=True,
)
