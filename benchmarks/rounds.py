"""One benchmark round in a fresh interpreter: records the process has never seen.

Caches of repeated values (ours or a library's) flatter any benchmark that loops over the same
records, and even fresh records flatter it when the process has seen their values in an earlier
round. So each round runs in a new interpreter (``python -m benchmarks.rounds KIND SEED COUNT
ORDER``) and measures, on a corpus made from its own seed:

1. a warm-up of both contenders on a small corpus of *another* seed (imports, lazy tables);
2. both contenders over the round's corpus, in the order given (``naive-first`` or
   ``ours-first``), with a garbage collection before each.

It prints one JSON object: µs per payload (wall and CPU) of each contender, the corpus size,
which build of armvalidate was measured (``compiled`` when its core modules are extension
modules, else ``pure``), and a summary of what ours found (findings per payload, share of
records with an error), so that a reader can see what kind of data was measured.

>>> from benchmarks.rounds import corpus
>>> len(corpus("messy", seed=3, count=5)) == len(corpus("clean", seed=3, count=5)) == 5
True
"""

from __future__ import annotations

import gc
import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # pragma: no cover - run as a script
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpus import REFERENCE_DATE, docs_example, fixture_payloads
from benchmarks.messy import messy_payloads
from benchmarks.naive import check_customer as naive_check

__all__ = ["KINDS", "build", "corpus", "run_round"]

#: The corpora: the project's own fixtures (10 % with one labelled fault, plus the docs'
#: example) and the ERP-like messy one (``benchmarks.messy``).
KINDS = ("clean", "messy")


def corpus(kind: str, *, seed: int, count: int) -> list[dict[str, Any]]:
    """The payloads of one round."""
    if kind == "clean":
        payloads = list(fixture_payloads(count - 1, seed=seed, invalid_ratio=0.1))
        payloads.append(docs_example())
        return payloads
    if kind == "messy":
        return list(messy_payloads(count, seed=seed))
    raise ValueError(f"unknown corpus {kind!r}: one of {', '.join(KINDS)}")


def build() -> str:
    """``compiled`` when armvalidate's core runs as extension modules, else ``pure``."""
    import armvalidate.validate

    return "pure" if str(armvalidate.validate.__file__).endswith(".py") else "compiled"


def _ours(payload: Any) -> Any:
    from armvalidate import validate_customer

    return validate_customer(
        payload, operation="create", profile="production", today=REFERENCE_DATE
    )


def _naive(payload: Any) -> Any:
    return naive_check(payload, today=REFERENCE_DATE)


def _timed(fn: Callable[[Any], Any], payloads: Sequence[Any]) -> tuple[float, float]:
    gc.collect()
    start, start_cpu = time.perf_counter(), time.process_time()
    for payload in payloads:
        fn(payload)
    return time.perf_counter() - start, time.process_time() - start_cpu


def run_round(kind: str, seed: int, count: int, order: str) -> dict[str, Any]:
    """Measure one round (see the module docstring)."""
    contenders = {"naive": _naive, "ours": _ours}
    warm = corpus(kind, seed=seed + 1_000_003, count=min(count, 50))
    for fn in contenders.values():
        for payload in warm:
            fn(payload)
    payloads = corpus(kind, seed=seed, count=count)
    names = ["naive", "ours"] if order == "naive-first" else ["ours", "naive"]
    out: dict[str, Any] = {"kind": kind, "seed": seed, "payloads": len(payloads), "order": order}
    for name in names:
        wall, cpu = _timed(contenders[name], payloads)
        out[name] = {"wall_us": wall / len(payloads) * 1e6, "cpu_us": cpu / len(payloads) * 1e6}
    reports = [_ours(p) for p in payloads]
    out["findings_per_payload"] = sum(len(r) for r in reports) / len(reports)
    out["error_share"] = sum(1 for r in reports if not r.ok) / len(reports)
    out["build"] = build()
    return out


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 4:
        print("usage: python -m benchmarks.rounds KIND SEED COUNT ORDER", file=sys.stderr)
        return 2
    kind, seed, count, order = args[0], int(args[1]), int(args[2]), args[3]
    print(json.dumps(run_round(kind, seed, count, order)))
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
