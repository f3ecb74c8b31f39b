#!/usr/bin/env python3
"""atheris harness: every identifier module's ``validate``/``is_valid``/``info``/``compact``/
``format`` (and ``to_iban``, ``to_mva``, ``to_peppol`` of valid numbers) on any value.

The input chooses the module and the value: mostly strings over the characters numbers are
made of (so that valid check digits are reached), also any Unicode text, ints, floats, bytes
and None. See ``_oracles.py`` for what must hold.

    python fuzz/fuzz_identifiers.py fuzz/corpus/identifiers -max_total_time=60
"""

from __future__ import annotations

import os
import sys

import atheris

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

with atheris.instrument_imports(include=["armvalidate"]):
    from _oracles import check_identifier, check_text_functions

    from armvalidate.no import fodselsnummer, kid, kontonr, orgnr

MODULES = (fodselsnummer, orgnr, kontonr, kid)
ALPHABET = "0123456789 -.NOMVA:\t\u00a0"


def _value(fdp: atheris.FuzzedDataProvider) -> object:
    kind = fdp.ConsumeIntInRange(0, 9)
    if kind <= 5:  # number-like text
        raw = fdp.ConsumeBytes(fdp.ConsumeIntInRange(0, 40))
        return "".join(ALPHABET[b % len(ALPHABET)] if b < 200 else chr(b + 1400) for b in raw)
    if kind == 6:
        return fdp.ConsumeUnicode(fdp.ConsumeIntInRange(0, 60))
    if kind == 7:
        return fdp.ConsumeInt(8)
    if kind == 8:
        return fdp.ConsumeRegularFloat() if fdp.ConsumeBool() else fdp.ConsumeFloat()
    return fdp.PickValueInList([None, b"12015641779", ["12015641779"], True, object()])


def TestOneInput(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    module = MODULES[fdp.ConsumeIntInRange(0, len(MODULES) - 1)]
    kw: dict[str, object] = {}
    if module is kid:
        low = fdp.ConsumeIntInRange(2, 30)
        kw = {
            "algorithm": fdp.PickValueInList(list(kid.ALGORITHMS)),
            "min_length": low,
            "max_length": fdp.ConsumeIntInRange(low, 40),
        }
    value = _value(fdp)
    check_identifier(module, value, **kw)
    if isinstance(value, str):
        check_text_functions(module, value)


def main() -> None:
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
