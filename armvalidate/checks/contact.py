"""E-mail addresses and phone numbers (the authorities: :mod:`armvalidate.emails`,
:mod:`armvalidate.phones`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from armvalidate.catalog import Severity, declare
from armvalidate.checks._context import Context
from armvalidate.emails import check_email, is_clean_email
from armvalidate.fields import Path
from armvalidate.phones import verdict

__all__ = [
    "EMAIL_INVALID",
    "EMAIL_SANITIZED",
    "PHONE_INVALID",
    "check_email_entry",
    "finish_phones",
    "note_phone",
]

EMAIL_INVALID = declare(
    "email.invalid",
    severity=Severity.ERROR,
    summary="An e-mail address is invalid, even after the server's sanitizing.",
    example='"emailAddressDocument": ["ola.nordmann@firma"]',
    source="authority",
    ref=(
        "RFC 5321/5322 address syntax (and IDNA for domains) as the email-validator "
        "library implements it; which sanitizing the server does beyond the docs' one "
        "example is inferred."
    ),
    doc=(
        "Each entry of emailAddressDocument and secondaryEmailAddress is sanitized as the "
        "server does (whitespace removed, mailto: prefix and one trailing dot removed, domain "
        "lower-cased, IDN domain to ASCII) and must then be valid for email-validator without "
        "DNS (its message is the reason given). An empty entry is invalid."
    ),
)
EMAIL_SANITIZED = declare(
    "email.sanitized",
    severity=Severity.WARNING,
    summary="An e-mail address is valid only after sanitizing; the server will change it.",
    example='"emailAddressDocument": ["owea@ testarmrest.no"]',
    source="arm-docs",
    ref=(
        'POST /clients/{clientno}/customers, 200 answer example: "warnings": '
        '[{"field": "EmailAddressDocument", "message": "Email address owea@ '
        'testarmrest.no was sanitized: owea@testarmrest.no was s"}] (the docs cut the '
        "message off there)."
    ),
    api_warning="Email address {found} was sanitized: {sanitized}",
    doc=(
        "The server sanitizes e-mail addresses and warns (its docs show 'Email address owea@ "
        "testarmrest.no was sanitized'). This rule says the same before sending: the message "
        "and the context (sanitized, changes) give the address as the server will store it, "
        "and sanitized holds it."
    ),
)
PHONE_INVALID = declare(
    "phone.invalid",
    severity=Severity.WARNING,
    summary="phoneNo or secondaryPhoneNo is no valid phone number (phonenumbers).",
    example='"secondaryPhoneNo": "997755332"',
    source="authority",
    ref=(
        "ITU-T E.164 and Nkom's Norwegian numbering plan, via libphonenumber "
        "(phonenumbers). The docs' request sends 997755332 and was answered 200: the "
        "server does not refuse it."
    ),
    doc=(
        "Each phone number is parsed by phonenumbers with the region of "
        "postalAddress.countryCode when that is a valid code, else the profile's phone-region "
        "(default NO), and must be a valid number (allocated range, right length). Norwegian "
        "numbers have 8 digits (5 for service numbers; 12 for M2M). A warning: the server "
        "accepted the docs' 9-digit example. Valid numbers are written in canonical form in "
        "sanitized: the 8 digits for +47, E.164 (+46...) for other countries."
    ),
)


def check_email_entry(ctx: Context, path: Path, value: str, customer: Mapping[str, Any]) -> None:
    """One entry of emailAddressDocument or secondaryEmailAddress (an empty one is invalid)."""
    if is_clean_email(value):
        return  # valid and unchanged (decided without building a result): nothing to say
    key = path[-2]
    result = check_email(value)
    if not result.ok:
        reason = result.reason or "not an e-mail address"
        ctx.emit(
            EMAIL_INVALID,
            path,
            f"{key} entry {value!r} is no valid e-mail address: {reason}",
            context={"found": value, "reason": reason},
            value=value,
        )
    elif result.sanitized is not None and result.sanitized != value:
        ctx.change(path, result.sanitized)
        changes = ", ".join(result.changes) or "normalized"
        ctx.emit(
            EMAIL_SANITIZED,
            path,
            f"Email address {value} will be sanitized to {result.sanitized} ({changes})",
            context={
                "found": value,
                "sanitized": result.sanitized,
                "changes": list(result.changes),
            },
            value=value,
        )


def note_phone(ctx: Context, path: Path, value: str, customer: Mapping[str, Any]) -> None:
    """phoneNo, secondaryPhoneNo: checked after the pass, once the address's country is known."""
    ctx.phones.append((path, path[-1], value))


def finish_phones(ctx: Context) -> None:
    """phone.invalid for each noted number, and its canonical form in sanitized.

    :func:`~armvalidate.phones.verdict` reads each number once and answers with what
    :func:`~armvalidate.phones.check_phone` would say: the canonical form of a valid number, the
    reason for an invalid one.
    """
    if not ctx.phones:
        return
    region = ctx.country or ctx.tables.phone_region
    for path, key, value in ctx.phones:
        ok, text = verdict(value, region)
        if ok:
            if text != value:
                ctx.change(path, text)
            continue
        ctx.emit(
            PHONE_INVALID,
            path,
            f"{key} {value!r} is no valid phone number (region {region}): {text}",
            context={"found": value, "region": region, "reason": text},
            value=value,
        )
