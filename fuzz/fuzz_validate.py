#!/usr/bin/env python3
"""atheris harness: ``validate_customer`` / ``validate_batch`` and every renderer, on any bytes.

The first byte picks how the rest reaches the validator: as bytes, as text (undecodable bytes
as lone surrogates), as the Python value ``json.loads`` makes of it (a dict payload, not text),
or as a batch body; bit 2 picks the operation. See ``_oracles.py`` for what must hold.

    python fuzz/fuzz_validate.py fuzz/corpus/validate -max_total_time=60
"""

from __future__ import annotations

import datetime
import json
import os
import sys

import atheris

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

with atheris.instrument_imports(include=["armvalidate"]):
    from _oracles import check_report, render_all

    import armvalidate
    import armvalidate.cli.engine
    import armvalidate.render

TODAY = datetime.date(2026, 1, 1)


def _loads(text: str) -> object:
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return None


def TestOneInput(data: bytes) -> None:
    if not data:
        return
    mode, body = data[0], data[1:]
    operation = "update" if mode & 4 else "create"
    kind = mode % 4
    if kind == 0:
        payload: object = body
    elif kind == 1:
        payload = body.decode("utf-8", "surrogateescape")
    else:
        payload = _loads(body.decode("utf-8", "replace"))
        if payload is None:
            payload = body
    if kind == 3:
        report = armvalidate.validate_batch(payload, operation=operation, today=TODAY)
    else:
        report = armvalidate.validate_customer(payload, operation=operation, today=TODAY)
    check_report(report, body)
    if mode & 8:
        render_all(report, body)


def main() -> None:
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
