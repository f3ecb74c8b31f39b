"""Hypothesis strategies for valid ARM customer payloads.

:func:`customers` draws the customer object, :func:`customer_payloads` the whole request body
``{"metadata": {"userId": ...}, "customer": {...}}``. "Valid" means::

    validate_customer(payload, operation=operation, profile="test", today=today).errors == ()

with the same ``today`` the strategy was given (default :data:`DEFAULT_TODAY`, 2025-01-01, a
fixed date, never the wall clock). Birth dates are never after ``today`` and stop dates never
before it, so a validator run on a later day finds no error either (only, in time, ``stop.past``
warnings).

They cover what an API client meets: every optional key present, absent, and (for updates)
``null``; consumers (``CONS``, a synthetic fødselsnummer or D-number, matching
``dateOfBirth``/``yearOfBirth``) and organisations (``organizationNo``, no ssn); Norwegian names
with æøå (ours and Faker's ``no_NO`` lists); real postcode/city pairs; strings at the profile's
maximum lengths; arbitrary Unicode in free text; 29 February and ``today`` as birth dates;
several e-mail addresses; block-id lists.

>>> from hypothesis import Phase, find, settings
>>> simplest = settings(database=None, phases=[Phase.generate, Phase.shrink])
>>> find(customers(), lambda c: True, settings=simplest)  # the simplest customer
{'customerNo': '1', 'name': 'Ola Nordmann'}
>>> payload = find(customer_payloads(), lambda p: "ssn" in p["customer"], settings=simplest)
>>> sorted(payload), payload["customer"]["ssn"][2] in "89"  # Test-Norge: month + 80
(['customer', 'metadata'], True)
"""

from __future__ import annotations

import difflib
from datetime import date
from typing import Any

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument
from hypothesis.strategies import SearchStrategy

from armvalidate.strategies._customer import (
    ABSENT,
    CUSTOMER_KEYS,
    build_customer,
    build_payload,
    config_for,
    today_problem,
)
from armvalidate.strategies._draw import DrawPicker
from armvalidate.strategies.identifiers import DEFAULT_TODAY, _names

__all__ = ["ABSENT", "DEFAULT_TODAY", "customer_payloads", "customers"]

_OPERATIONS = ("create", "update")


def _check_common(operation: Any, today: Any, overrides: dict[str, Any]) -> None:
    if operation not in _OPERATIONS:
        raise InvalidArgument(f"operation={operation!r} must be 'create' or 'update'")
    if type(today) is not date:
        raise InvalidArgument(f"today={today!r} must be a datetime.date")
    problem = today_problem(today)
    if problem is not None:
        raise InvalidArgument(f"today={today}: {problem}")
    for key, value in overrides.items():
        if key not in CUSTOMER_KEYS:
            close = difflib.get_close_matches(key, CUSTOMER_KEYS, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise InvalidArgument(f"{key!r} is not a key of the customer object{hint}")
        required = ("customerNo",) if operation == "update" else ("customerNo", "name")
        if value is ABSENT and key in required:
            from armvalidate.checks.structure import REQUIRED

            raise InvalidArgument(
                f"{key} is required on {operation}; to draw payloads without it, use "
                f"armvalidate.strategies.invalid_customer_payloads(rules=[{REQUIRED.id!r}])"
            )


def _config(operation: str, today: date, profile: Any) -> Any:
    first_names, surnames = _names()
    return config_for(
        operation=operation,
        today=today,
        profile=profile,
        fuzz_text=True,
        first_names=first_names,
        surnames=surnames,
    )


def customers(
    *,
    operation: str = "create",
    today: date = DEFAULT_TODAY,
    profile: Any = "test",
    **overrides: Any,
) -> SearchStrategy[dict[str, Any]]:
    """Valid customer objects (the ``customer`` of a request body), as plain dicts.

    Each keyword named like a key of the customer object fixes that key: pass a strategy to draw
    it (``ssn=ssns(kinds=("dnr",))``), a plain value to use it as it is (``currency="NOK"``), or
    :data:`ABSENT` to leave it out. Overriding one of ``ssn``, ``dateOfBirth`` and
    ``yearOfBirth`` leaves out those of the three you do not override, so they cannot disagree.
    Overridden values are not checked: the validity promise covers the drawn ones.
    ``operation="update"`` makes ``name`` optional and lets any optional key be ``null``.
    ``profile`` (a name or an ``armvalidate.profile.Profile``) supplies the maximum lengths and
    the code lists (``customerCategory``, ``distribution.type`` ...).

    >>> from hypothesis import Phase, find, settings
    >>> simplest = settings(database=None, phases=[Phase.generate, Phase.shrink])
    >>> find(customers(currency="NOK"), lambda c: True, settings=simplest)
    {'customerNo': '1', 'name': 'Ola Nordmann', 'currency': 'NOK'}
    >>> find(customers(operation="update"), lambda c: True, settings=simplest)
    {'customerNo': '1'}
    """
    _check_common(operation, today, overrides)
    cfg = _config(operation, today, profile)

    @st.composite
    def _customers(draw: st.DrawFn) -> dict[str, Any]:
        return build_customer(DrawPicker(draw), cfg, overrides)

    return _customers()


def customer_payloads(
    operation: str = "create",
    *,
    today: date = DEFAULT_TODAY,
    profile: Any = "test",
    metadata: Any = None,
    **overrides: Any,
) -> SearchStrategy[dict[str, Any]]:
    """Valid request bodies for ``POST`` (``operation="create"``) or ``PUT``
    (``operation="update"``) ``/clients/{clientno}/customers``:
    ``{"metadata": {"userId": ...}, "customer": {...}}``.

    ``metadata`` fixes the metadata object (a strategy, a dict, or :data:`ABSENT` to leave it
    out); the other keywords are as for :func:`customers`.

    >>> from hypothesis import Phase, find, settings
    >>> simplest = settings(database=None, phases=[Phase.generate, Phase.shrink])
    >>> ci = customer_payloads(metadata={"userId": "ci"})
    >>> find(ci, lambda p: True, settings=simplest)
    {'metadata': {'userId': 'ci'}, 'customer': {'customerNo': '1', 'name': 'Ola Nordmann'}}
    """
    _check_common(operation, today, overrides)
    cfg = _config(operation, today, profile)

    @st.composite
    def _payloads(draw: st.DrawFn) -> dict[str, Any]:
        return build_payload(DrawPicker(draw), cfg, overrides, metadata=metadata)

    return _payloads()
