"""Maximum lengths of strings, per field, from the profile (defaults:
:data:`armvalidate.profile.DEFAULT_MAX_LENGTHS`). The validator's pass over a customer measures
every string against its field's maximum and calls :func:`too_long` for those over it."""

from __future__ import annotations

from typing import Any

from armvalidate.catalog import Severity, declare
from armvalidate.checks._context import PII_KEYS, Context
from armvalidate.fields import Path

__all__ = ["MAX", "check_metadata", "too_long"]

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
