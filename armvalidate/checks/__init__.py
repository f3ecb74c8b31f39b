"""The structure check and the payload rules, one module per family. Each rule is declared once,
in the module that checks it, with :func:`armvalidate.catalog.declare`; importing this package
declares them all (the catalog does).

=====================  ====================================================================
module                 rules
=====================  ====================================================================
``structure``          schema.type, schema.required, schema.unknown-field, schema.read-only,
                       schema.range (the structure stage; schema.json, input.too-large and
                       input.too-deep are :mod:`armvalidate.decode`'s)
``customer``           (none: the dispatch from key to check, and the pass over a customer)
``limits``             input.unprocessable
``numbers``            number.not-finite, number.range
``lengths``            length.max, length.max-items
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

Room: the checks import the catalog, the contract, the profile's tables, the report (through
``_context``), the value authorities (``codes``, ``postcodes``, ``emails``, ``phones``) and the
identifier modules (:mod:`armvalidate.no`); never the pipeline (:mod:`armvalidate.validate`),
the CLI, the files (:mod:`armvalidate.files`) or strategies. A check module imports only checks
below it in this order: ``_context`` < ``numbers``, ``lengths``, ``update``, ``batch``,
``category``, ``dates``, ``identifiers`` < ``ssn``, ``contact``, ``codes`` < ``postal``,
``structure`` < ``customer``.
"""

from __future__ import annotations

from armvalidate.checks import (
    batch,
    category,
    codes,
    contact,
    customer,
    dates,
    identifiers,
    lengths,
    limits,
    numbers,
    postal,
    ssn,
    structure,
    update,
)

__all__ = [
    "batch",
    "category",
    "codes",
    "contact",
    "customer",
    "dates",
    "identifiers",
    "lengths",
    "limits",
    "numbers",
    "postal",
    "ssn",
    "structure",
    "update",
]
