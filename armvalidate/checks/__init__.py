"""The payload rules, one module per family. Each rule is declared once, in its module, with
:func:`armvalidate.catalog.declare`; importing this package declares them all (the catalog does).

=====================  ====================================================================
module                 rules
=====================  ====================================================================
``schema``             schema.json, schema.type, schema.required, schema.unknown-field,
                       schema.read-only
``limits``             input.too-large, input.too-deep, input.unprocessable
``numbers``            number.not-finite, number.range
``lengths``            length.max
``dates``              date.format, dob.year-mismatch, dob.range, stop.past,
                       stop.memo-without-date
``ssn``                ssn.synthetic, ssn.kind, ssn.dob-mismatch, ssn.country (with ssn.format,
                       ssn.checksum, ssn.date from :mod:`armvalidate.no.fodselsnummer`)
``identifiers``        identifier.compacted, orgnr.synthetic, peppol.orgnr, account.iban (with
                       orgnr.* and account.* from :mod:`armvalidate.no`)
``contact``            email.invalid, email.sanitized, phone.invalid
``codes``              currency.unknown, language.unknown, country.unknown,
                       country.text-mismatch, code.unknown
``postal``             postcode.format, postcode.unknown, postcode.city-mismatch
``category``           category.identity
``update``             update.partial-address
``batch``              batch.duplicate-customer-no
=====================  ====================================================================
"""

from __future__ import annotations

from armvalidate.checks import (
    batch,
    category,
    codes,
    contact,
    dates,
    identifiers,
    lengths,
    limits,
    numbers,
    postal,
    schema,
    ssn,
    update,
)

__all__ = [
    "batch",
    "category",
    "codes",
    "contact",
    "dates",
    "identifiers",
    "lengths",
    "limits",
    "numbers",
    "postal",
    "schema",
    "ssn",
    "update",
]
