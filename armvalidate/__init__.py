"""armvalidate: validation and test data for the customer payloads of the Amili ARM REST API.

The public names below are loaded on first use (PEP 562), so that ``import armvalidate`` is
cheap and ``import armvalidate.no.orgnr`` loads the identifier modules alone, not the pipeline.

>>> import armvalidate
>>> armvalidate.no.orgnr.is_valid("984842252")
True
>>> armvalidate.validate_customer({"customerNo": "1", "name": "Kari"}).ok
True
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from armvalidate._lazy import lazy_exports

if TYPE_CHECKING:  # what the lazy names are, for type checkers and readers
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
        find_profile,
        load_profile,
        profile_from_mapping,
    )
    from armvalidate.report import Issue, Report
    from armvalidate.schema import json_schema
    from armvalidate.validate import validate_batch, validate_customer, validate_customers

__version__ = "0.1.0"

# Each public name and the module it lives in.
_LAZY = {
    "no": "armvalidate.no",
    "ARM": "armvalidate.profile",
    "PRODUCTION": "armvalidate.profile",
    "TEST": "armvalidate.profile",
    "InvalidValue": "armvalidate.exceptions",
    "Issue": "armvalidate.report",
    "Profile": "armvalidate.profile",
    "ProfileError": "armvalidate.profile",
    "find_profile": "armvalidate.profile",
    "Report": "armvalidate.report",
    "Rule": "armvalidate.catalog",
    "Severity": "armvalidate.catalog",
    "get_rule": "armvalidate.catalog",
    "json_schema": "armvalidate.schema",
    "load_profile": "armvalidate.profile",
    "mask": "armvalidate.masking",
    "profile_from_mapping": "armvalidate.profile",
    "rules": "armvalidate.catalog",
    "validate_batch": "armvalidate.validate",
    "validate_customer": "armvalidate.validate",
    "validate_customers": "armvalidate.validate",
}

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
    "find_profile",
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


__getattr__, __dir__ = lazy_exports(__name__, _LAZY, __all__)
