"""armvalidate: validation and test data for the customer payloads of the Amili ARM REST API.

The public names are loaded on first use (PEP 562), so importing a submodule such as the
pytest plugin or the Hypothesis hook (both loaded in every environment armvalidate is
installed in) costs next to nothing.

>>> import armvalidate
>>> armvalidate.no.orgnr.is_valid("984842252")
True
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from armvalidate import no
    from armvalidate.catalog import Rule, Severity, get_rule, rules
    from armvalidate.exceptions import InvalidValue
    from armvalidate.masking import mask
    from armvalidate.profile import (
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

_WHERE = {
    "PRODUCTION": "armvalidate.profile",
    "TEST": "armvalidate.profile",
    "InvalidValue": "armvalidate.exceptions",
    "Issue": "armvalidate.report",
    "Profile": "armvalidate.profile",
    "ProfileError": "armvalidate.profile",
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


def __getattr__(name: str) -> Any:
    if name == "no":
        value: Any = importlib.import_module("armvalidate.no")
    else:
        module = _WHERE.get(name)
        if module is None:
            raise AttributeError(f"module 'armvalidate' has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
