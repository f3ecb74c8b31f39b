"""Hypothesis entry point: registers strategies for the payload models with ``st.from_type``.

Hypothesis calls :func:`_hypothesis_setup_hook` when it is imported (the ``hypothesis`` entry
point in pyproject.toml), so ``st.from_type(armvalidate.models.Customer)`` draws valid customers
without the user importing :mod:`armvalidate.strategies`; ``import armvalidate`` alone never imports
Hypothesis. The hook only registers factories: the strategies themselves (and Faker) are
imported the first time ``from_type`` resolves one of the models.

The models and what ``from_type`` draws for them (model instances, validated by the model):

- ``Customer`` / ``CustomerUpdate``: :func:`armvalidate.strategies.payloads.customers` for create /
update;
- ``CustomerRequest`` / ``CustomerUpdateRequest``:
:func:`armvalidate.strategies.payloads.customer_payloads`;
- ``CustomerBatchRequest`` / ``CustomerUpdateBatchRequest``: 1-5 customers, distinct
  ``customerNo``;
- ``PostalAddress``: :func:`armvalidate.strategies.identifiers.postal_addresses`; ``Distribution``
and
  ``Metadata``: small objects with values from the test profile's code lists.
"""

from __future__ import annotations

import warnings
from typing import Any, cast

__all__: list[str] = []


def _customer(cls: Any) -> Any:
    from armvalidate.strategies.payloads import customers

    operation = "create" if cls.__name__ == "Customer" else "update"
    return customers(operation=operation).map(cls.model_validate)


def _request(cls: Any) -> Any:
    from armvalidate.strategies.payloads import customer_payloads

    operation = "create" if cls.__name__ == "CustomerRequest" else "update"
    return customer_payloads(operation).map(cls.model_validate)


def _customer_no(customer: dict[str, Any]) -> Any:
    return str(customer["customerNo"]).strip().casefold()


def _batch(cls: Any) -> Any:
    from hypothesis import strategies as st

    from armvalidate.strategies import _data
    from armvalidate.strategies.payloads import customers

    operation = "create" if cls.__name__ == "CustomerBatchRequest" else "update"
    body = st.fixed_dictionaries(
        {
            "metadata": st.fixed_dictionaries({"userId": st.sampled_from(_data.USER_IDS)}),
            "customers": st.lists(
                customers(operation=operation),
                min_size=1,
                max_size=5,
                unique_by=cast(Any, _customer_no),
            ),
        }
    )
    return body.map(cls.model_validate)


def _postal_address(cls: Any) -> Any:
    from armvalidate.strategies.identifiers import postal_addresses

    return postal_addresses().map(cls.model_validate)


def _distribution(cls: Any) -> Any:
    from hypothesis import strategies as st

    from armvalidate.profile import TEST

    return st.fixed_dictionaries(
        {},
        optional={
            "type": st.sampled_from(TEST.code_lists["distribution.type"]),
            "einvoiceCode": st.sampled_from((0, 90)),
        },
    ).map(cls.model_validate)


def _metadata(cls: Any) -> Any:
    from hypothesis import strategies as st

    from armvalidate.strategies import _data

    return st.fixed_dictionaries({"userId": st.sampled_from(_data.USER_IDS)}).map(
        cls.model_validate
    )


_FACTORIES = {
    "Customer": _customer,
    "CustomerUpdate": _customer,
    "CustomerRequest": _request,
    "CustomerUpdateRequest": _request,
    "CustomerBatchRequest": _batch,
    "CustomerUpdateBatchRequest": _batch,
    "PostalAddress": _postal_address,
    "Distribution": _distribution,
    "Metadata": _metadata,
}


def _hypothesis_setup_hook() -> None:
    """Register the payload models' strategies (called by Hypothesis at import)."""
    # This runs inside `import hypothesis` in every environment where armvalidate is
    # installed: whatever goes wrong here must not break that import.
    try:
        from hypothesis import strategies as st

        from armvalidate import models

        for name, factory in _FACTORIES.items():
            model = getattr(models, name, None)
            if model is not None:
                st.register_type_strategy(model, factory)
    except ImportError:  # pragma: no cover - armvalidate half-installed: register nothing
        return
    except Exception as exc:  # pragma: no cover
        warnings.warn(
            f"armvalidate could not register its Hypothesis strategies: {exc!r}",
            RuntimeWarning,
            stacklevel=2,
        )
