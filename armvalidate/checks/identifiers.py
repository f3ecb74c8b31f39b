"""Organisation numbers (organizationNo, peppolBlockIds) and the bank account (bankAccountNo).

The format and checksum rules belong to the identifier modules (:mod:`armvalidate.no.orgnr`,
:mod:`armvalidate.no.kontonr`); this module reports them at the right place and adds the rules
that only make sense in a payload.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from armvalidate.catalog import Severity, declare
from armvalidate.checks._context import Context, usable
from armvalidate.exceptions import InvalidValue
from armvalidate.fields import Path
from armvalidate.masking import mask
from armvalidate.no import kontonr, orgnr

__all__ = [
    "ACCOUNT_IBAN",
    "COMPACTED",
    "ORGNR_SYNTHETIC",
    "PEPPOL_ORGNR",
    "check_account",
    "check_orgnr",
    "check_peppol_entry",
]

COMPACTED = declare(
    "identifier.compacted",
    severity=Severity.WARNING,
    summary="ssn, organizationNo or bankAccountNo is valid but written with separators.",
    example='"organizationNo": "984 842 252"',
    source="policy",
    ref=(
        'The docs\' examples send identifiers as bare digits ("organizationNo": '
        '"984842252"); whether the server strips separators is not stated.'
    ),
    doc=(
        "A valid identifier written with spaces, hyphens or dots (or, for organizationNo, in "
        "its VAT form NO...MVA or with the Peppol prefix 0192:) is accepted; sanitized holds "
        "the digits only, which is what the API's examples send. A warning, because the server "
        "may store the value as written. Personal numbers are masked in the message."
    ),
)
ORGNR_SYNTHETIC = declare(
    "orgnr.synthetic",
    severity=Severity.WARNING,
    summary="organizationNo is a synthetic Test-Norge organisation (starts with 2 or 3).",
    example='"organizationNo": "310000108"',
    source="policy",
    ref=(
        "The synthetic ranges are Skatteetaten's Test-Norge (Tenor) organisations; "
        "that they do not belong in production data is our judgement."
    ),
    doc=(
        "Organisation numbers in use start with 8 or 9; Test-Norge's synthetic organisations "
        "start with 2 or 3 and pass the checksum. A warning in the production profile; nothing "
        "in the test profile (allow-synthetic)."
    ),
)
PEPPOL_ORGNR = declare(
    "peppol.orgnr",
    severity=Severity.WARNING,
    summary="A peppolBlockIds entry is no valid organisation number.",
    example='"peppolBlockIds": ["987654321"]',
    source="authority",
    ref=(
        "Peppol participant identifier scheme 0192 (ISO 6523 ICD): the Norwegian "
        "organisasjonsnummer of Brønnøysundregistrene, MOD11. The docs' own example "
        "(987654321) fails it and was answered 200."
    ),
    doc=(
        "peppolBlockIds holds the Norwegian organisations (Peppol scheme 0192) whose Peppol "
        "delivery is blocked; each entry should pass the organisation-number check (nine "
        "digits, mod 11; the 0192: prefix and separators are accepted). Entries with another "
        "scheme prefix (NNNN:...) are not checked. A warning: the API's own example sends "
        "987654321, which fails the check, and the server accepted it."
    ),
)
ACCOUNT_IBAN = declare(
    "account.iban",
    severity=Severity.WARNING,
    summary="bankAccountNo is a valid Norwegian IBAN; the API's form is the 11-digit number.",
    example='"bankAccountNo": "NO9386011117947"',
    source="authority",
    ref=(
        "ISO 13616 IBAN with ISO 7064 MOD 97-10 check digits (Norway: NO + 2 + the "
        "11-digit account number). That ARM wants the 11 digits is read off the docs' "
        "examples, not stated."
    ),
    doc=(
        "A Norwegian IBAN (NO + 2 check digits + the 11-digit account number) whose check "
        "digits are right is accepted; sanitized holds the 11 digits. The message masks the "
        "number."
    ),
)

_OTHER_SCHEME = re.compile(r"\s*([0-9]{4})\s*:")


def check_orgnr(ctx: Context, path: Path, raw: str, customer: Mapping[str, Any]) -> None:
    """organizationNo: orgnr.format/checksum, compacting, synthetic numbers."""
    try:
        info = orgnr.info(raw)
    except InvalidValue as exc:
        ctx.emit_id(
            exc.rule, path, f"organizationNo: {exc.message}", context=exc.context, value=raw
        )
        return
    if info.number != raw:
        ctx.change(path, info.number)
        ctx.emit(
            COMPACTED,
            path,
            f"organizationNo {raw!r} is valid; send it as {info.number}",
            context={"sanitized": info.number},
            value=raw,
        )
    if info.synthetic and not ctx.tables.allow_synthetic:
        ctx.emit(
            ORGNR_SYNTHETIC,
            path,
            f"organizationNo {info.number} is a synthetic Test-Norge organisation (starts with "
            f"{info.number[0]}); real organisation numbers start with 8 or 9",
            context={"found": info.number},
            value=raw,
        )


def check_peppol_entry(ctx: Context, path: Path, entry: str, customer: Mapping[str, Any]) -> None:
    """One peppolBlockIds entry: an organisation number (scheme 0192), or another scheme."""
    if not usable(entry):
        return
    scheme = _OTHER_SCHEME.match(entry)
    if scheme is not None and scheme.group(1) != "0192":
        return
    try:
        orgnr.validate(entry)
    except InvalidValue as exc:
        ctx.emit(
            PEPPOL_ORGNR,
            path,
            f"peppolBlockIds entry {entry!r} is no valid organisation number: {exc.message}",
            context={"rule": exc.rule, **exc.context},
            value=entry,
        )


def check_account(ctx: Context, path: Path, raw: str, customer: Mapping[str, Any]) -> None:
    """bankAccountNo: account.format/checksum, the IBAN form, compacting."""
    try:
        number = kontonr.validate(raw)
    except InvalidValue as exc:
        ctx.emit_id(
            exc.rule,
            path,
            f"bankAccountNo: {exc.message}",
            context=exc.context,
            value=raw,
            pii=True,
        )
        return
    if number == raw:
        return
    ctx.change(path, number)
    if kontonr.is_iban(raw):
        ctx.emit(
            ACCOUNT_IBAN,
            path,
            f"bankAccountNo is a Norwegian IBAN; the API takes the 11-digit account number "
            f"{mask(number)} (sanitized)",
            context={"sanitized": mask(number)},
            value=raw,
            pii=True,
        )
    else:
        ctx.emit(
            COMPACTED,
            path,
            f"bankAccountNo is valid but written with separators; send the 11 digits "
            f"{mask(number)} (sanitized)",
            context={"sanitized": mask(number)},
            value=raw,
            pii=True,
        )
