"""Update (PUT) semantics: the postal address is one group, replaced as a whole.

Room: imports the contract (the group's keys) and the checks' context."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from armvalidate.catalog import Severity, declare
from armvalidate.checks._context import Context
from armvalidate.contract import ADDRESS_GROUP as ADDRESS_KEYS
from armvalidate.fields import Path

__all__ = ["ADDRESS_KEYS", "PARTIAL_ADDRESS", "check_partial_address"]

PARTIAL_ADDRESS = declare(
    "update.partial-address",
    severity=Severity.WARNING,
    summary="An update sends only part of postalAddress; the fields left out will be blanked.",
    example='PUT {"customer": {"customerNo": "1", "postalAddress": {"postalCode": "0150"}}}',
    source="arm-docs",
    ref=(
        "PUT /clients/{clientno}/customers: keys that are missing or null leave the "
        'stored value unchanged, except the postal address: it is one group, "if any '
        'of its fields is sent, the whole group is replaced, and \\"\\" is a valid '
        'value".'
    ),
    doc=(
        "On update, keys that are missing or null leave the stored value unchanged, except "
        "for the postal address: if any of its fields is sent (not null), the whole group is "
        "replaced, so every field left out or null is blanked. The message names them. An "
        'update that sends all seven fields ("" is a valid value), or none, or no '
        "postalAddress, is fine. Create is not affected."
    ),
)


def check_partial_address(ctx: Context, path: Path, address: Mapping[str, Any]) -> None:
    """On update: a postalAddress that sends some of its fields blanks the others."""
    sent = [key for key in ADDRESS_KEYS if address.get(key) is not None]
    if not sent:
        return
    blanked = [key for key in ADDRESS_KEYS if address.get(key) is None]
    if blanked:
        ctx.emit(
            PARTIAL_ADDRESS,
            path,
            f"postalAddress is replaced as a whole on update: only {', '.join(sent)} "
            f"{'is' if len(sent) == 1 else 'are'} sent, so {', '.join(blanked)} will be blanked",
            context={"sent": sent, "blanked": blanked},
        )
