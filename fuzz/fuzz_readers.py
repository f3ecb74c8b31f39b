#!/usr/bin/env python3
"""atheris harness: the file readers (JSON, JSONL, CSV; by extension, forced, or sniffed), the
validator on every record they yield, the CSV split-file round trip, and the accounting of
the split files (every record read is written to one of them or counted as left out).

The first byte picks the file name and format; the rest is the file. Only ``InputError`` (the
CLI's clean exit 2) may come out of the reader; every record must validate without the safety
net; CSV records written by the split-file writer must read back as the same payloads, with no
cell a spreadsheet would run as a formula, and JSON records as the same values. See
``_oracles.py``.

    python fuzz/fuzz_readers.py fuzz/corpus/readers -max_total_time=60
"""

from __future__ import annotations

import datetime
import os
import sys

import atheris

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

with atheris.instrument_imports(include=["armvalidate"]):
    from _oracles import (
        check_report,
        csv_round_trip,
        input_digits,
        json_round_trip,
        records_of,
        split_accounting,
    )

    import armvalidate
    import armvalidate.cli.split
    import armvalidate.files.read  # (and with it every reader)

TODAY = datetime.date(2026, 1, 1)
TARGETS = (
    ("in.json", None),
    ("in.jsonl", None),
    ("in.csv", None),
    ("-", None),
    ("in.txt", "json"),
    ("in.txt", "jsonl"),
    ("in.txt", "csv"),
    ("in.ndjson", None),
)


def TestOneInput(data: bytes) -> None:
    if not data:
        return
    name, fmt = TARGETS[data[0] % len(TARGETS)]
    body = data[1:]
    records, _refused = records_of(body, name, fmt)
    digits = input_digits(body)
    for record in records:
        if record.problem is not None:
            continue
        if record.batch:
            report = armvalidate.validate_batch(record.payload, today=TODAY)
        else:
            report = armvalidate.validate_customer(record.payload, today=TODAY)
        check_report(report, body, digits=digits)
    csv_round_trip(records)
    json_round_trip(records)
    split_accounting(records)


def main() -> None:
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
