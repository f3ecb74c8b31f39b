"""customerCategory against the identity the customer carries (ssn or organizationNo): a
cross-field rule, run after the pass over the customer's keys.

Room: imports the catalog and the checks' context."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from armvalidate.catalog import Severity, declare
from armvalidate.checks._context import Context
from armvalidate.fields import Path

__all__ = ["CONSUMER", "IDENTITY", "finish_category"]

CONSUMER = "CONS"
"""The consumer category code (the one the docs show)."""

IDENTITY = declare(
    "category.identity",
    severity=Severity.WARNING,
    summary="A consumer (CONS) with an organizationNo and no ssn, or a non-consumer with an ssn.",
    example='"customerCategory": "CONS", "organizationNo": "984842252"',
    source="policy",
    ref=(
        "The docs show a CONS (consumer) customer with an ssn; that a consumer is a "
        "person and a business has no ssn is our judgement."
    ),
    doc=(
        "A consumer (customerCategory CONS, any case) is a person: with an organizationNo and "
        "no ssn it looks like a business filed as a consumer. A customer of any other category "
        "with an ssn looks like a person filed as a business. Reported at customerCategory. "
        "On update the first case is not checked (the stored ssn is not in the request); the "
        "second is, when both keys are sent."
    ),
)


_CONSUMER_FOLDED = CONSUMER.casefold()


def finish_category(ctx: Context, base: Path, customer: Mapping[str, Any]) -> None:
    category = customer.get("customerCategory")
    if category.__class__ is str and category == CONSUMER:
        # (the common case, exact: "CONS" is not blank and its stripped casefold is "cons")
        consumer = True
    # (for a str, "not blank" is: not empty and not only whitespace)
    elif not isinstance(category, str) or not category or category.isspace():
        return
    else:
        consumer = category.strip().casefold() == _CONSUMER_FOLDED
    ssn = customer.get("ssn")
    has_ssn = isinstance(ssn, str) and bool(ssn) and not ssn.isspace()
    if consumer:
        if ctx.update or has_ssn:
            return
        org = customer.get("organizationNo")
        if isinstance(org, str) and org and not org.isspace():
            ctx.emit(
                IDENTITY,
                (*base, "customerCategory"),
                "customerCategory is CONS (a consumer), but the customer has an organizationNo "
                "and no ssn: a business filed as a consumer?",
                context={"found": CONSUMER},
            )
    elif has_ssn:
        ctx.emit(
            IDENTITY,
            (*base, "customerCategory"),
            f"customerCategory {category!r} is no consumer category, but the customer has an "
            "ssn: a person filed as a business?",
            context={"found": category},
        )
