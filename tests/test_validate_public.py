"""Public-API behaviour once checked in the deleted twin-agreement files (test_validate_fastpath):
kept here because it says something about the validator itself, not about a second copy of it."""

from __future__ import annotations

import subprocess
import sys


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
