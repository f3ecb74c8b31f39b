"""Profiles: built-ins, construction in Python, TOML, and their errors."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from armvalidate import PRODUCTION, TEST, Profile, ProfileError, load_profile, profile_from_mapping
from armvalidate.profile import DEFAULT_CODE_LISTS, DEFAULT_MAX_LENGTHS, get_profile

FULL_TOML = """
[tool.armvalidate]
base = "production"
select = ["ssn", "email.invalid", "phone", "length"]
ignore = ["phone"]
format = "json"        # the CLI's keys are ignored here
show-pii = false
jobs = 2

[tool.armvalidate.severity]
"phone.invalid" = "error"
"ssn.synthetic" = "off"

[tool.armvalidate.code-lists]
customerCategory = ["CONS", "BUS"]
"distribution.type" = ["M", "H", "E"]

[tool.armvalidate.max-lengths]
name = 80
cityName = 40

[tool.armvalidate.ssn]
accept-kinds = ["fnr", "dnr"]
allow-synthetic = false

[tool.armvalidate.limits]
max-bytes = 65536
max-depth = 16
"""


def test_builtins() -> None:
    assert get_profile(None) is PRODUCTION and get_profile("production") is PRODUCTION
    assert get_profile("test") is TEST and get_profile(TEST) is TEST
    assert not PRODUCTION.allow_synthetic and TEST.allow_synthetic
    assert PRODUCTION.severity_of("ssn.synthetic") == "warning"
    assert PRODUCTION.code_lists["customerCategory"] == ("CONS",)
    assert PRODUCTION.max_lengths["name"] == 100
    with pytest.raises(ProfileError, match="unknown profile"):
        get_profile("staging")


def test_load_profile_from_pyproject(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text("[project]\nname = 'x'\n" + FULL_TOML, encoding="utf-8")
    profile = load_profile(path)
    assert profile.name == str(path)
    assert profile.select == ("ssn", "email.invalid", "phone", "length")
    assert profile.ignore == ("phone",)
    assert profile.severity == {"phone.invalid": "error", "ssn.synthetic": "off"}
    assert profile.code_lists["customerCategory"] == ("CONS", "BUS")
    assert profile.code_lists["distribution.type"] == ("M", "H", "E")
    assert profile.code_lists["options"] == DEFAULT_CODE_LISTS["options"]
    assert profile.max_lengths["name"] == 80
    assert profile.max_lengths["postalAddress.cityName"] == 40
    assert profile.max_lengths["customerNo"] == DEFAULT_MAX_LENGTHS["customerNo"]
    assert profile.accept_kinds == frozenset({"fnr", "dnr"})
    assert (profile.max_bytes, profile.max_depth) == (65536, 16)
    assert profile.is_active("ssn.checksum") and profile.is_active("email.invalid")
    assert not profile.is_active("phone.invalid")  # ignore wins over select
    assert not profile.is_active("email.sanitized") and not profile.is_active("ssn.synthetic")
    assert profile.is_active("schema.json")  # fatal rules are always on
    assert profile.severity_of("ssn.synthetic") == "off"


def test_load_a_standalone_profile_file(tmp_path: Path) -> None:
    path = tmp_path / "staging.toml"
    path.write_text('base = "test"\n[severity]\n"stop.past" = "error"\n', encoding="utf-8")
    profile = load_profile(path)
    assert profile.allow_synthetic and profile.severity_of("stop.past") == "error"


def test_profiles_from_python_and_replace() -> None:
    profile = Profile(name="mine", ignore=["stop"], accept_kinds=["fnr"], max_lengths={"name": 5})
    assert profile.ignore == ("stop",) and profile.accept_kinds == frozenset({"fnr"})
    assert profile.max_lengths["name"] == 5 and profile.max_lengths["ssn"] == 50
    again = dataclasses.replace(profile, name="mine")
    assert again == profile and hash(again) == hash(profile)
    assert dataclasses.replace(profile, allow_synthetic=True) != profile
    with pytest.raises(dataclasses.FrozenInstanceError):
        profile.name = "x"  # type: ignore[misc]


def test_the_compiled_tables_are_cached() -> None:
    profile = Profile(severity={"phone.invalid": "error"})
    assert profile.tables is profile.tables
    assert profile.tables.overrides["phone.invalid"].value == "error"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"ignroe": ["phone"]}, "unknown key 'ignroe' in the profile (did you mean 'ignore'?)"),
        ({"base": "staging"}, "base must be 'production', 'arm' or 'test'"),
        ({"select": "ssn"}, "select must be a list of strings"),
        ({"select": ["sn"]}, "select: 'sn' is no rule id or prefix (did you mean 'ssn'?)"),
        ({"ignore": ["ssn.chek"]}, "is no rule id or prefix"),
        ({"severity": {"phone.invalid": "loud"}}, 'must be "error", "warning" or "off"'),
        ({"severity": {"phone.invalde": "error"}}, "did you mean 'phone.invalid'?"),
        ({"severity": {"schema.json": "off"}}, "always an error"),
        ({"severity": ["x"]}, "severity must be a table"),
        ({"code-lists": {"category": ["CONS"]}}, "unknown field 'category' in code-lists"),
        ({"code-lists": {"options": "NoUpdatePostalReturn"}}, "must be a list of strings"),
        ({"max-lengths": {"nmae": 5}}, "did you mean 'name'?"),
        ({"max-lengths": {"name": 0}}, "must be a positive integer"),
        ({"max-lengths": {"name": True}}, "must be a positive integer"),
        ({"ssn": {"accept-kinds": ["fnr", "pnr"]}}, "unknown ssn kind 'pnr'"),
        ({"ssn": {"allow-synthetic": "yes"}}, "allow-synthetic must be true or false"),
        ({"ssn": {"kinds": []}}, "unknown key 'kinds' in ssn"),
        ({"limits": {"max-depth": -1}}, "max-depth must be a positive integer"),
        ({"limits": {"max-size": 5}}, "unknown key 'max-size' in limits"),
        ({"phone-region": "NOR"}, "phone-region must be a two-letter region code"),
    ],
)
def test_bad_profiles_raise_profile_error(data: dict[str, Any], message: str) -> None:
    with pytest.raises(ProfileError) as info:
        profile_from_mapping(data)
    assert message in str(info.value)
    assert isinstance(info.value, ValueError)


def test_bad_toml_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text("base = \n", encoding="utf-8")
    with pytest.raises(ProfileError, match=r"bad\.toml: not valid TOML"):
        load_profile(path)
    path.write_text('base = "prod"\n', encoding="utf-8")
    with pytest.raises(ProfileError, match=r"bad\.toml: base must be"):
        load_profile(path)


def test_cli_keys_are_ignored() -> None:
    keys = {"operation": "update", "strict": True, "format": "sarif", "exit-zero": True}
    keys.update({"max-errors": 5, "show-pii": True, "jobs": 4})
    assert profile_from_mapping(keys) == dataclasses.replace(PRODUCTION, name="custom")
