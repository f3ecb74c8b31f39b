"""Hypothesis entry point: registers strategies for the payload models with ``st.from_type``.

Hypothesis calls :func:`_hypothesis_setup_hook` when it is imported (the ``hypothesis`` entry
point in pyproject.toml), so ``st.from_type(armvalidate.models.Customer)`` draws valid customers
without the user importing :mod:`armvalidate.strategies`; ``import armvalidate`` alone never imports
Hypothesis. The hook itself imports nothing: if ``armvalidate.models`` is already imported it
registers the models' factories at once, else it leaves a one-shot import hook that registers
them right after ``armvalidate.models`` is first imported. So ``import hypothesis`` costs the same
with armvalidate installed as without (the benchmark measures it), and nothing that goes wrong
here breaks ``import hypothesis`` (a failed registration is a ``RuntimeWarning``). The
strategies themselves (and Faker) are imported the first time ``from_type`` resolves a model.

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

import importlib.abc
import importlib.machinery
import sys
import types
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


def _register(models: Any) -> None:
    """Register the factories for the models in ``models`` (the module armvalidate.models)."""
    from hypothesis import strategies as st

    for name, factory in _FACTORIES.items():
        model = getattr(models, name, None)
        if model is not None:
            st.register_type_strategy(model, factory)


def _register_safely(models: Any) -> None:
    try:
        _register(models)
    except Exception as exc:
        warnings.warn(
            f"armvalidate could not register its Hypothesis strategies: {exc!r}",
            RuntimeWarning,
            stacklevel=2,
        )


class _RegisteringLoader(importlib.abc.Loader):
    """Wraps the loader of ``armvalidate.models``: runs it, then registers the strategies."""

    def __init__(self, loader: Any) -> None:
        self._loader = loader

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> types.ModuleType | None:
        module: types.ModuleType | None = self._loader.create_module(spec)
        return module

    def exec_module(self, module: types.ModuleType) -> None:
        self._loader.exec_module(module)
        _register_safely(module)

    def __getattr__(self, name: str) -> Any:  # get_source, get_filename, ... for tracebacks
        return getattr(self._loader, name)


class _ModelsFinder(importlib.abc.MetaPathFinder):
    """One-shot import hook: when ``armvalidate.models`` is first imported (by the user, by
    ``st.from_type``'s caller, by the validator ...), register the strategies for its models.
    Until then nothing of armvalidate but this module (and the package's lazy ``__init__``) is
    imported: ``import hypothesis`` stays as cheap as in an environment without armvalidate."""

    def find_spec(
        self, fullname: str, path: Any = None, target: types.ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname != _MODELS:
            return None
        _remove_finder()
        for finder in sys.meta_path:
            find = getattr(finder, "find_spec", None)
            if find is None:
                continue
            spec: importlib.machinery.ModuleSpec | None = find(fullname, path, target)
            if spec is not None:
                if spec.loader is not None and hasattr(spec.loader, "exec_module"):
                    spec.loader = _RegisteringLoader(spec.loader)
                return spec
        return None


_MODELS = "armvalidate.models"


def _remove_finder() -> None:
    sys.meta_path[:] = [f for f in sys.meta_path if not isinstance(f, _ModelsFinder)]


def _hypothesis_setup_hook() -> None:
    """Called by Hypothesis at import: register the payload models' strategies now if the
    models are already imported, else as soon as they are (a one-shot import hook)."""
    # This runs inside `import hypothesis` in every environment where armvalidate is
    # installed: whatever goes wrong here must not break that import.
    try:
        models = sys.modules.get(_MODELS)
        if models is not None:
            _register_safely(models)
        elif not any(isinstance(f, _ModelsFinder) for f in sys.meta_path):
            sys.meta_path.insert(0, _ModelsFinder())
    except Exception as exc:  # pragma: no cover - defensive: never break `import hypothesis`
        warnings.warn(
            f"armvalidate could not set up its Hypothesis strategies: {exc!r}",
            RuntimeWarning,
            stacklevel=2,
        )
