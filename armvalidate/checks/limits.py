"""Limits on what is read at all: size, nesting, and the validator's own safety net."""

from __future__ import annotations

from armvalidate.catalog import Severity, declare
from armvalidate.checks.schema import JSON

__all__ = ["FATAL_RULES", "TOO_DEEP", "TOO_LARGE", "UNPROCESSABLE"]

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
)
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
)

FATAL_RULES: frozenset[str] = frozenset({JSON.id, TOO_LARGE.id, TOO_DEEP.id, UNPROCESSABLE.id})
"""Rules that mean "this input was not checked at all": always reported, always errors,
whatever a profile's select, ignore and severity say (else unreadable input would pass)."""
