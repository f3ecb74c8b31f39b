"""The benchmark corpus: seeded fixtures (``armvalidate.strategies.fixtures.generate``) + the docs'
example.

Every part of the benchmark reads its payloads from here, so that the naive composition, our
validator and the command line all see the same kind of data: realistic generated customers
(Norwegian names, synthetic fødselsnumre, one or two e-mail addresses, phone numbers in the
forms people write them, a share with one labelled fault each) and the request the API
documentation itself shows (which has a 12-digit account number and a 9-digit phone number).

>>> example = docs_example()
>>> example["customer"]["bankAccountNo"]
'815013665841'
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

__all__ = [
    "DOCS_EXAMPLE_PATHS",
    "REFERENCE_DATE",
    "Corpus",
    "docs_example",
    "fixture_payloads",
    "fixtures_available",
    "make_corpus",
    "write_jsonl",
]

#: The fixed "today" of every benchmark run: fixtures are generated relative to it, and both
#: validators are given it, so that a run does not depend on the calendar.
REFERENCE_DATE = datetime.date(2025, 6, 1)

_ROOT = Path(__file__).resolve().parents[1]
DOCS_EXAMPLE_PATHS = (
    _ROOT / "examples" / "post-customer.request.json",
    _ROOT.parent / "shared" / "arm-api" / "examples" / "post-customer.request.json",
)


def docs_example() -> dict[str, Any]:
    """The request body of ``POST /clients/{clientno}/customers`` from the API docs."""
    for path in DOCS_EXAMPLE_PATHS:
        if path.is_file():
            data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
            return data
    raise FileNotFoundError("examples/post-customer.request.json not found")


def fixtures_available() -> bool:
    """True when ``armvalidate.strategies.fixtures.generate`` can be imported."""
    try:
        from armvalidate.strategies.fixtures import generate  # noqa: F401
    except ImportError:
        return False
    return True


def fixture_payloads(
    count: int,
    *,
    seed: int,
    invalid_ratio: float = 0.0,
    operation: str = "create",
    reference_date: datetime.date = REFERENCE_DATE,
) -> Iterator[dict[str, Any]]:
    """``count`` payload dicts from ``armvalidate.strategies.fixtures.generate`` (streamed, not
    stored)."""
    from armvalidate.strategies.fixtures import generate

    for item in generate(
        count,
        seed=seed,
        invalid_ratio=invalid_ratio,
        operation=operation,
        reference_date=reference_date,
    ):
        payload: dict[str, Any] = item.payload
        yield payload


class Corpus:
    """A list of payloads and a one-line description of where they came from."""

    def __init__(self, payloads: list[Any], label: str, *, from_fixtures: bool) -> None:
        self.payloads = payloads
        self.label = label
        self.from_fixtures = from_fixtures

    def __len__(self) -> int:
        return len(self.payloads)


def make_corpus(
    count: int,
    *,
    seed: int,
    invalid_ratio: float = 0.1,
    reference_date: datetime.date = REFERENCE_DATE,
) -> Corpus:
    """``count`` generated fixtures (seeded) plus the docs' example, as one corpus.

    Without the ``armvalidate.strategies`` fixtures (not installed, or not built yet) the corpus is
    the docs'
    example alone, and its label says so.
    """
    example = docs_example()
    if not fixtures_available():
        return Corpus(
            [example], "the docs' example only (strategies.fixtures missing)", from_fixtures=False
        )
    payloads = list(
        fixture_payloads(
            count, seed=seed, invalid_ratio=invalid_ratio, reference_date=reference_date
        )
    )
    payloads.append(example)
    label = f"{count} fixtures (seed {seed}, invalid_ratio {invalid_ratio}) + the docs' example"
    return Corpus(payloads, label, from_fixtures=True)


def write_jsonl(
    out: TextIO,
    count: int,
    *,
    seed: int,
    invalid_ratio: float = 0.1,
    reference_date: datetime.date = REFERENCE_DATE,
) -> int:
    """Write ``count`` fixtures as JSONL (one compact request body a line); return the count."""
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    written = 0
    for payload in fixture_payloads(
        count, seed=seed, invalid_ratio=invalid_ratio, reference_date=reference_date
    ):
        out.write(dumps(payload))
        out.write("\n")
        written += 1
    return written
