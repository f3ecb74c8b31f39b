"""Maximum lengths of strings, per field, from the profile (defaults:
:data:`armvalidate.contract.DEFAULT_MAX_LENGTHS`). The pass over a customer measures every string
against its field's maximum and calls :func:`too_long` for those over it. The most entries of a
list (``length.max-items``) are the contract's, checked by the structure stage.

Room: imports the catalog and the checks' context."""

from __future__ import annotations

from typing import Any

from armvalidate.catalog import Severity, declare
from armvalidate.checks._context import PII_KEYS, Context
from armvalidate.fields import Path

__all__ = ["MAX", "MAX_ITEMS", "check_metadata", "too_long"]

MAX = declare(
    "length.max",
    severity=Severity.ERROR,
    summary="A string is longer than the profile's maximum for its field.",
    example='"name": "<101 characters>"',
    source="policy",
    ref=(
        "The docs publish no maximum lengths; the defaults are generous guesses "
        "(configurable under [max-lengths])."
    ),
    doc=(
        "Every string field has a maximum length in characters (list fields: per entry), "
        "configurable under [max-lengths]. The API publishes none; the defaults are generous: "
        "names, address lines, city and references 100, memos and customerMessage 1000, "
        "e-mail addresses and block ids 254, customerNo, identifiers and other codes 50, "
        "country/currency/language codes and dates 20, options entries 100, metadata.userId "
        "100. A value over its maximum is checked no further (no e-mail, ssn or code check)."
    ),
)
MAX_ITEMS = declare(
    "length.max-items",
    severity=Severity.ERROR,
    summary="A list has more entries than its field allows (100).",
    example='"emailAddressDocument": ["<101 addresses>"]',
    source="policy",
    ref="The docs state no limit on list entries; 100 bounds the work on one record.",
    doc=(
        "The list fields (emailAddressDocument, secondaryEmailAddress, efakturaBlockIds, "
        "peppolBlockIds, digipostBlockIds, options) may hold at most 100 entries. The API "
        "states no limit (a policy, as the maximum lengths are); it bounds the work on one "
        "record. A longer list is one finding, and none of its entries is checked."
    ),
)


def too_long(ctx: Context, path: Path, key: str, value: str, limit: int) -> None:
    """Report ``value`` at ``path``, longer than its field's ``limit``."""
    ctx.emit(
        MAX,
        path,
        f"{key} has {len(value)} characters; at most {limit} are allowed",
        context={"expected": limit, "found": len(value)},
        value=value,
        pii=key in PII_KEYS,
    )


def check_metadata(ctx: Context, path: Path, metadata: Any) -> None:
    """The envelope's ``metadata.userId``."""
    if isinstance(metadata, dict):
        value = metadata.get("userId")
        if isinstance(value, str):
            limit = ctx.tables.max_lengths["metadata.userId"]
            if len(value) > limit:
                too_long(ctx, (*path, "userId"), "userId", value, limit)
