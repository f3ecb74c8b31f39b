"""Fingerprint every report of a fixed corpus, to prove that a refactoring changed no finding.

Run it before and after a change and compare the digests::

    python tools/fingerprint_reports.py --count 100000 --save before.json
    python tools/fingerprint_reports.py --count 100000 --compare before.json

The corpus, fixed today: ``count`` seeded fixtures of
``armvalidate.strategies.fixtures.generate`` (create, invalid_ratio 0.3) and a fifth as many for
update, each validated as a dict, as JSON text and as a bare customer object; batches of ten of
them; the API docs' example request; and a set of hand-made payloads with every kind of
structural fault the suite tries (wrong types, unknown and read-only keys, nulls, blanks, deep
nesting, huge numbers, NaN, ``str`` subclasses, non-string keys, text that is no JSON)); and half
as many payloads of the benchmark's ERP-like messy corpus (``benchmarks/messy.py``). Each
under the production and the test profile. A report's fingerprint covers every field of every
issue, in order, and the sanitized payload (as JSON, in key order).

With ``--compare`` it prints which items differ (their labels, and both reports for the first
few), so that an intended change can be told from an accident.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import math
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from armvalidate import validate_batch, validate_customer

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

TODAY = datetime.date(2026, 1, 15)
PROFILES = ("production", "test")
ROOT = Path(__file__).resolve().parents[1]


def _describe(report: Any) -> dict[str, Any]:
    return {
        "issues": [
            [
                i.rule,
                i.severity.value,
                i.path,
                i.field,
                i.message,
                _plain(dict(i.context)),
                _plain(i.value),
                i.pii,
            ]
            for i in report.issues
        ],
        "sanitized": _plain(report.sanitized),
    }


def _plain(value: Any) -> Any:
    """A JSON-able form that keeps key order and tells types apart."""
    if isinstance(value, dict):
        return {"dict": [[_plain(k), _plain(v)] for k, v in value.items()]}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, float):
        return {"float": repr(value)} if not math.isfinite(value) else value
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 1 << 64:
        return {"bigint": str(value)[:200]}
    if value is None or isinstance(value, (str, bool, int)):
        return value
    return {"other": type(value).__name__}


def _digest(report: Any) -> str:
    text = json.dumps(_describe(report), ensure_ascii=True)
    return hashlib.blake2b(text.encode(), digest_size=12).hexdigest()


class _Str(str):
    pass


def _handmade() -> Iterator[tuple[str, Any, str]]:
    """(label, payload, operation) of hand-made structural cases."""
    base = {"customerNo": "1", "name": "Kari Nordmann"}
    cases: list[tuple[str, Any]] = [
        ("empty", {}),
        ("only-metadata", {"metadata": {"userId": "x"}}),
        ("customers-in-single", {"customers": [base]}),
        ("envelope", {"customer": dict(base)}),
        ("no-name", {"customer": {"customerNo": "1"}}),
        ("blank-both", {"customer": {"customerNo": "", "name": ""}}),
        ("space-both", {"customer": {"customerNo": " ", "name": "\t"}}),
        ("null-required", {"customer": {"customerNo": None, "name": None}}),
        ("int-customerno", {"customer": {"customerNo": 1, "name": "K"}}),
        ("bool-dueDays", {"customer": {**base, "dueDays": True}}),
        ("str-dueDays", {"customer": {**base, "dueDays": "14"}}),
        ("float-dueDays", {"customer": {**base, "dueDays": 14.0}}),
        ("neg-dueDays", {"customer": {**base, "dueDays": -1}}),
        ("big-dueDays", {"customer": {**base, "dueDays": 2**63}}),
        ("huge-dueDays", {"customer": {**base, "dueDays": 10**20}}),
        ("big-limit", {"customer": {**base, "limitAmount": 10**400}}),
        ("nan-limit", {"customer": {**base, "limitAmount": float("nan")}}),
        ("inf-discount", {"customer": {**base, "discountRate": float("inf")}}),
        ("discount-150", {"customer": {**base, "discountRate": 150}}),
        ("einvoice-neg", {"customer": {**base, "distribution": {"type": "M", "einvoiceCode": -5}}}),
        ("einvoice-big", {"customer": {**base, "distribution": {"einvoiceCode": 10**20}}}),
        ("einvoice-str", {"customer": {**base, "distribution": {"einvoiceCode": "90"}}}),
        ("dist-extra", {"customer": {**base, "distribution": {"kind": "M"}}}),
        ("dist-list", {"customer": {**base, "distribution": ["M"]}}),
        ("addr-extra", {"customer": {**base, "postalAddress": {"city": "Oslo"}}}),
        ("addr-int", {"customer": {**base, "postalAddress": {"postalCode": 150}}}),
        ("addr-partial", {"customer": {**base, "postalAddress": {"postalCode": "0150"}}}),
        ("addr-str", {"customer": {**base, "postalAddress": "Oslo"}}),
        ("list-str", {"customer": {**base, "emailAddressDocument": "a@b.no"}}),
        ("list-int", {"customer": {**base, "emailAddressDocument": ["a@b.no", 5, None]}}),
        ("list-long", {"customer": {**base, "options": ["NoUpdatePostalReturn"] * 150}}),
        ("list-long-bad", {"customer": {**base, "emailAddressDocument": ["x"] * 120}}),
        ("list-nested", {"customer": {**base, "peppolBlockIds": [["x"]]}}),
        ("unknown-key", {"customer": {**base, "emailAdress": ["a@b.no"]}}),
        ("read-only", {"customer": {**base, "clientNo": 5, "accountNo": 6}}),
        ("key-outside", {"customer": base, "ssn": "x"}),
        ("addr-key-in-customer", {"customer": {**base, "cityName": "Oslo"}}),
        ("metadata-bad", {"metadata": {"userId": 5, "x": 1}, "customer": base}),
        ("metadata-long", {"metadata": {"userId": "u" * 150}, "customer": base}),
        ("metadata-str", {"metadata": "me", "customer": base}),
        ("customer-list", {"customer": [base]}),
        ("customer-null", {"customer": None}),
        ("non-str-key", {"customer": {**base, 5: "x", None: 1}}),
        ("str-subclass", {"customer": {"customerNo": _Str("1"), "name": _Str("K")}}),
        ("str-subclass-key", {"customer": {**base, _Str("ssn"): "12015641778"}}),
        ("vat-str", {"customer": {**base, "vatLiable": "true"}}),
        ("yob-str", {"customer": {**base, "yearOfBirth": "1956"}}),
        ("long-name", {"customer": {**base, "name": "N" * 101}}),
        ("long-email", {"customer": {**base, "emailAddressDocument": ["a" * 300]}}),
        ("long-ssn", {"customer": {**base, "ssn": "1" * 60}}),
        ("deep", {"customer": {**base, "x": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}}),  # noqa: E501
        ("bare", dict(base)),
        ("bare-bad", {"customerNo": 1, "name": None, "ssn": 5, "foo": 1}),
        ("mapping-like", {"customer": {**base, "postalAddress": {"postalCode": None}}}),
        ("all-null", {"customer": {**base, **{k: None for k in ("ssn", "phoneNo", "dueDays", "options", "distribution", "postalAddress")}}}),  # noqa: E501
        ("unknown-many", {"customer": {**base, **{f"junk{i}": i for i in range(120)}}}),
    ]  # fmt: skip
    for label, payload in cases:
        for operation in ("create", "update"):
            yield label, payload, operation
    texts = [
        ("text-ok", '{"customer": {"customerNo": "1", "name": "K"}}'),
        ("text-bad", '{"customer": '),
        ("text-array", "[1, 2]"),
        ("text-nan", '{"customer": {"customerNo": "1", "name": "K", "limitAmount": NaN}}'),
        ("text-deep", '{"customer": ' + "[" * 40 + "]" * 40 + "}"),
        ("text-bytes", b'{"customer": {"customerNo": "1", "name": "K"}}'),
        ("text-bad-utf8", b'{"customer": "\xff"}'),
        ("text-bom", '\ufeff{"customer": {"customerNo": "1", "name": "K"}}'),
        ("text-big-int", '{"customer": {"customerNo": "1", "name": "K", "dueDays": ' + "9" * 5000 + "}}"),  # noqa: E501
        ("not-a-dict", 5),
        ("none", None),
    ]  # fmt: skip
    for label, text in texts:
        yield label, text, "create"


def _items(count: int) -> Iterator[tuple[str, str, Any]]:
    """(label, kind, payload-and-operation) of the corpus, in a fixed order."""
    from armvalidate.strategies.fixtures import generate

    example = json.loads((ROOT / "examples" / "post-customer.request.json").read_text())
    for operation in ("create", "update"):
        yield f"docs-example/{operation}", "single", (example, operation)
    for label, payload, operation in _handmade():
        yield f"hand/{label}/{operation}", "single", (payload, operation)
    for operation, n in (("create", count), ("update", max(count // 5, 1))):
        batch: list[Any] = []
        for i, fixture in enumerate(
            generate(n, seed=20260115, invalid_ratio=0.3, operation=operation, reference_date=TODAY)
        ):
            payload = fixture.payload
            yield f"fix/{operation}/{i}", "single", (payload, operation)
            if i % 7 == 0:
                yield f"fix-text/{operation}/{i}", "single", (json.dumps(payload), operation)
            if i % 11 == 0 and isinstance(payload.get("customer"), dict):
                yield f"fix-bare/{operation}/{i}", "single", (payload["customer"], operation)
            customer = payload.get("customer")
            if isinstance(customer, dict):
                batch.append(customer)
            if len(batch) == 10:
                if i % 50 < 10:
                    batch.append(batch[0])  # a duplicate customerNo
                yield f"batch/{operation}/{i}", "batch", ({"customers": batch}, operation)
                batch = []
    # The ERP-like messy corpus of the benchmark: typed phones, unknown cities, typos (the
    # paths the clean fixtures rarely take).
    from benchmarks.messy import messy_payloads

    for i, payload in enumerate(messy_payloads(max(count // 2, 1), seed=20260115)):
        yield f"messy/{i}", "single", (payload, "create")


def run(count: int) -> dict[str, str]:
    out: dict[str, str] = {}
    for label, kind, (payload, operation) in _items(count):
        for profile in PROFILES:
            if kind == "batch":
                report = validate_batch(payload, operation=operation, profile=profile, today=TODAY)
            else:
                report = validate_customer(
                    payload, operation=operation, profile=profile, today=TODAY
                )
            out[f"{label}/{profile}"] = _digest(report)
    return out


def _total(digests: dict[str, str]) -> str:
    h = hashlib.blake2b(digest_size=16)
    for label, digest in digests.items():
        h.update(f"{label}={digest}\n".encode())
    return h.hexdigest()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=20_000)
    parser.add_argument("--save", type=Path)
    parser.add_argument("--compare", type=Path)
    parser.add_argument("--show", type=int, default=5, help="reports shown per difference kind")
    args = parser.parse_args(argv)
    digests = run(args.count)
    print(f"{len(digests)} reports, fingerprint {_total(digests)}")
    if args.save:
        args.save.write_text(json.dumps({"count": args.count, "digests": digests}))
    if args.compare:
        before = json.loads(args.compare.read_text())["digests"]
        differ = [k for k in before if digests.get(k) != before[k]]
        missing = [k for k in digests if k not in before]
        print(f"differ: {len(differ)}, new labels: {len(missing)}")
        for label in differ[: args.show * 10]:
            print("  differs:", label)
        return 1 if differ or missing else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
