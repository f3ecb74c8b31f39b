"""Public-API behaviour once checked in the deleted twin-agreement files (test_validate_fastpath):
kept here because it says something about the validator itself, not about a second copy of it."""

from __future__ import annotations

import datetime
import subprocess
import sys

from armvalidate import Profile, validate_batch, validate_customer

TODAY = datetime.date(2025, 1, 1)


class Key:
    """A key that equals and hashes like the string it wraps, but is no str."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __eq__(self, other: object) -> bool:
        return other == self.text or (isinstance(other, Key) and other.text == self.text)

    def __hash__(self) -> int:
        return hash(self.text)

    def __repr__(self) -> str:
        return f"Key({self.text!r})"


def test_validating_a_clean_payload_loads_no_heavy_library() -> None:
    code = (
        "import sys, armvalidate, datetime\n"
        "r = armvalidate.validate_customer({'customer': {'customerNo': '1', 'name': 'Kari'}},"
        " today=datetime.date(2025, 1, 1))\n"
        "assert r.issues == (), r\n"
        "mods = ('pydantic', 'email_validator', 'phonenumbers', 'pycountry',"
        " 'armvalidate.models')\n"
        "print(','.join(m for m in mods if m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == ""


def test_a_key_equal_to_a_string_key_does_not_change_later_paths() -> None:
    odd = validate_customer({"customerNo": "1", "name": "K", Key("ssn"): "123"}, today=TODAY)
    assert [i.path for i in odd if i.rule == "ssn.format"] == ["/Key('ssn')"]
    plain = validate_customer({"customerNo": "1", "name": "K", "ssn": "123"}, today=TODAY)
    assert [i.path for i in plain if i.rule == "ssn.format"] == ["/ssn"]
    odd = validate_customer({"customerNo": "1", "name": "K", Key("ssn"): "123"}, today=TODAY)
    assert [i.path for i in odd if i.rule == "ssn.format"] == ["/Key('ssn')"]


def test_each_profile_checks_with_its_own_maximum_lengths() -> None:
    short = Profile(max_lengths={"name": 5, "emailAddressDocument": 10})
    payload = {
        "customer": {
            "customerNo": "1",
            "name": "Kari Nordmann",
            "emailAddressDocument": ["kari@example.no"],
        }
    }
    assert validate_customer(payload, today=TODAY).issues == ()
    found = validate_customer(payload, profile=short, today=TODAY)
    assert [(i.rule, i.path) for i in found] == [
        ("length.max", "/customer/name"),
        ("length.max", "/customer/emailAddressDocument/0"),
    ]
    assert validate_customer(payload, today=TODAY).issues == ()
    batch = {"customers": [payload["customer"], dict(payload["customer"], customerNo="2")]}
    assert [i.path for i in validate_batch(batch, profile=short, today=TODAY)] == [
        "/customers/0/name",
        "/customers/0/emailAddressDocument/0",
        "/customers/1/name",
        "/customers/1/emailAddressDocument/0",
    ]
