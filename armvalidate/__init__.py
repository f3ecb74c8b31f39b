"""armvalidate: validation and test data for the customer payloads of the Amili ARM REST API.

>>> import armvalidate
>>> armvalidate.no.orgnr.is_valid("984842252")
True
"""

from __future__ import annotations

from armvalidate import no
from armvalidate.catalog import Rule, Severity, get_rule, rules
from armvalidate.exceptions import InvalidValue
from armvalidate.masking import mask
from armvalidate.report import Issue, Report

__version__ = "0.1.0"

__all__ = [
    "InvalidValue",
    "Issue",
    "Report",
    "Rule",
    "Severity",
    "__version__",
    "get_rule",
    "mask",
    "no",
    "rules",
]
