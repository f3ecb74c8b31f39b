"""Numbers: finite, and in a sensible range (a policy: warnings). The range an integer field
can hold at all is the contract's, checked by the structure stage (``schema.range``).

Room: imports the catalog, the contract and the checks' context."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from armvalidate.catalog import Severity, declare
from armvalidate.checks._context import Context
from armvalidate.contract import INT32_MIN
from armvalidate.fields import Path

__all__ = ["NOT_FINITE", "RANGE", "check_discount_rate", "check_non_negative"]

NOT_FINITE = declare(
    "number.not-finite",
    severity=Severity.ERROR,
    summary="limitAmount or discountRate is NaN or Infinity.",
    example='"limitAmount": NaN',
    source="authority",
    ref=(
        'RFC 8259 (JSON), section 6: "Numeric values that cannot be represented in '
        'the grammar below (such as Infinity and NaN) are not permitted."'
    ),
    doc=(
        "JSON has no NaN or Infinity, but Python's json module reads and writes them. A "
        "number field (limitAmount, discountRate) holding one is an error."
    ),
)
RANGE = declare(
    "number.range",
    severity=Severity.WARNING,
    summary="A negative dueDays, limitAmount or einvoiceCode, or a discountRate outside 0-100.",
    example='"discountRate": 150',
    source="policy",
    ref=(
        "The docs state no ranges; negative amounts and days and a discount rate "
        "outside 0-100 are almost surely mistakes."
    ),
    doc=(
        "dueDays, limitAmount and distribution.einvoiceCode below 0, and discountRate below 0 "
        "or above 100 (it is a percentage) are warnings: the API states no ranges, but such "
        "values are almost surely mistakes. 0 and 100 are fine."
    ),
)

_INTEGER_KEYS = frozenset({"dueDays", "einvoiceCode"})


def _number(key: str, value: Any) -> int | float | None:
    """``value`` if it has the JSON type ``key`` wants, else None (schema.type reported it)."""
    if type(value) is int:
        return value
    if type(value) is float and key not in _INTEGER_KEYS and math.isfinite(value):
        return value  # NaN and Infinity: number.not-finite
    return None


def check_non_negative(ctx: Context, path: Path, value: Any, customer: Mapping[str, Any]) -> None:
    """dueDays, limitAmount, distribution.einvoiceCode: not below 0."""
    if value.__class__ is int and value >= 0:
        return  # the common case, decided without _number
    key = path[-1]
    number = _number(key, value)
    if key in _INTEGER_KEYS and number is not None and number < INT32_MIN:
        return  # schema.range (the structure stage): checked no further
    if number is not None and number < 0:
        ctx.emit(
            RANGE, path, f"{key} is negative; expected 0 or more", context={"expected": ">= 0"}
        )


def check_discount_rate(ctx: Context, path: Path, value: Any, customer: Mapping[str, Any]) -> None:
    """discountRate: a percentage, 0 to 100."""
    number = _number("discountRate", value)
    if number is not None and not 0 <= number <= 100:
        ctx.emit(
            RANGE,
            path,
            "discountRate is a percentage; expected a value from 0 to 100",
            context={"expected": "0-100"},
        )
