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
from armvalidate.profile import (
    ARM,
    PRODUCTION,
    TEST,
    Profile,
    ProfileError,
    load_profile,
    profile_from_mapping,
)
from armvalidate.report import Issue, Report
from armvalidate.schema import json_schema
from armvalidate.validate import validate_batch, validate_customer, validate_customers

__version__ = "0.1.0"

__all__ = [
    "ARM",
    "PRODUCTION",
    "TEST",
    "InvalidValue",
    "Issue",
    "Profile",
    "ProfileError",
    "Report",
    "Rule",
    "Severity",
    "__version__",
    "get_rule",
    "json_schema",
    "load_profile",
    "mask",
    "no",
    "profile_from_mapping",
    "rules",
    "validate_batch",
    "validate_customer",
    "validate_customers",
]
