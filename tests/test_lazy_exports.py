"""``armvalidate`` exports its public names lazily (PEP 562): cheap to import, complete to use."""

from __future__ import annotations

import subprocess
import sys

import pytest

import armvalidate


def _loaded_after(code: str) -> set[str]:
    script = f"import sys\n{code}\nprint(' '.join(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout
    return set(out.split())


def test_import_armvalidate_loads_only_the_package() -> None:
    loaded = _loaded_after("import armvalidate")
    # (armvalidate._lazy: the PEP 562 helper, standard library only)
    assert {m for m in loaded if m.startswith("armvalidate")} == {
        "armvalidate",
        "armvalidate._lazy",
    }
    assert not loaded & {"pydantic", "hypothesis", "faker", "phonenumbers", "email_validator"}


def test_a_public_name_loads_its_own_module_only() -> None:
    loaded = _loaded_after("from armvalidate import InvalidValue")
    assert "armvalidate.validate" not in loaded and "armvalidate.report" not in loaded
    assert "armvalidate.exceptions" in loaded


@pytest.mark.parametrize("name", armvalidate.__all__)
def test_every_public_name_resolves(name: str) -> None:
    assert getattr(armvalidate, name) is not None
    assert name in dir(armvalidate)


def test_unknown_names_raise_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        armvalidate.nope  # noqa: B018


def test_the_lazy_names_are_the_modules_own_objects() -> None:
    from armvalidate.exceptions import InvalidValue
    from armvalidate.validate import validate_customer

    assert armvalidate.validate_customer is validate_customer
    assert armvalidate.InvalidValue is InvalidValue
    assert InvalidValue.__module__ == "armvalidate.exceptions"
