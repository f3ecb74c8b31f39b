"""Rules across the records of a batch body ``{"metadata": ..., "customers": [...]}``.

Room: imports the catalog only (the pipeline applies the rule across the batch)."""

from __future__ import annotations

from armvalidate.catalog import Severity, declare

__all__ = ["DUPLICATE_CUSTOMER_NO", "customer_no_key"]

DUPLICATE_CUSTOMER_NO = declare(
    "batch.duplicate-customer-no",
    severity=Severity.ERROR,
    summary="Two customers of one batch have the same customerNo.",
    example='{"customers": [{"customerNo": "1", ...}, {"customerNo": "1", ...}]}',
    source="policy",
    ref=(
        'Inferred from the docs: POST "create one customer; if customerNo exists '
        'already it is updated instead". The docs say nothing about duplicates within '
        "one batch."
    ),
    doc=(
        "customerNo is the key of the upsert: two records with the same number in one batch "
        "overwrite each other. Compared after trimming spaces and ignoring case (the API's "
        "data values are not case-sensitive). Reported at the customerNo of every later "
        "occurrence; the message names the index of the first."
    ),
)


def customer_no_key(value: str) -> str:
    """The form in which two customer numbers are compared.

    >>> customer_no_key(" ab12 ") == customer_no_key("AB12")
    True
    """
    return value.strip().casefold()
