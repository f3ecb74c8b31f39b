#!/usr/bin/env python3
"""A bounded atheris run of every harness: seed corpus, a time or iteration budget, crashes kept.

    python fuzz/run.py                      # every harness, 60 s each
    python fuzz/run.py --seconds 300 validate readers
    python fuzz/run.py --runs 20000         # a fixed number of executions each
    python fuzz/run.py --skip-known         # skip the oracles of known, open bugs

The seed corpus (``fuzz/corpus/<harness>/``, made on the first run and kept between runs, so a
later run goes on where the last stopped) holds the docs' example request from ``examples/``,
a few generated fixtures (``armvalidate generate``'s generator, seeded) and hand-made hard
cases: deep nesting, a huge integer, NaN, duplicate keys, byte order marks, CRLF, NUL, invalid
UTF-8, formula cells. Crashing inputs are saved as ``fuzz/crashes/<harness>-crash-<sha1>``;
replay one with ``python fuzz/fuzz_<harness>.py fuzz/crashes/<file>``.

At the end a table gives, per harness, the executions, the executions per second, the coverage
libFuzzer reached, and the crashes found. The exit status is 1 if any harness crashed.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
HARNESSES = ("validate", "identifiers", "readers")

_ARTIFACT = re.compile(r"-(crash|timeout|oom|leak|slow-unit)-")
_STATS = re.compile(r"#(\d+)\s+(?:DONE|pulse|NEW|REDUCE|INITED)\s+cov: (\d+).*?exec/s: (\d+)")


# -- the seed corpus ---------------------------------------------------------------------------


def _examples() -> list[bytes]:
    out = []
    for path in sorted((ROOT / "examples").glob("*.json")):
        out.append(path.read_bytes())
    return out


def _generated(count: int = 6) -> list[dict[str, object]]:
    try:
        from armvalidate.strategies.fixtures import generate
    except ImportError:  # the strategies extra is missing: the examples must do
        return []
    return [fixture.payload for fixture in generate(count, seed=7, invalid_ratio=0.5)]


def _hard_json_cases() -> list[bytes]:
    customer = b'{"customerNo": "1", "name": "Kari", "ssn": "12015641779"}'
    return [
        b"[" * 5000 + b"]" * 5000,
        b'{"customer": {"name": ' + b"[" * 40 + b"]" * 40 + b"}}",
        b'{"customerNo": "1", "dueDays": 1' + b"0" * 5000 + b"}",
        b'{"customerNo": "1", "limitAmount": NaN, "discountRate": -Infinity}',
        b'{"customerNo": "1", "customerNo": "2", "name": "a", "name": "b"}',
        b"\xef\xbb\xbf" + customer,
        "\ufeff".encode("utf-16-le") + customer.decode().encode("utf-16-le"),
        "\ufeff".encode("utf-32-be") + customer.decode().encode("utf-32-be"),
        b'{"customerNo": "1\xff\xfe", "name": "\xc3\x28"}',
        b'{"customerNo": "1",\r\n "name": "K\\u0000\\ud800"}\r\n',
        b'{"customerNo": "1", "12015641779": "x", "bankAccountNo": "NO93 8601 1117 947"}',
        b'{"metadata": {"userId": "u"}, "customers": [' + customer + b", " + customer + b"]}",
    ]


def _csv_cases() -> list[bytes]:
    return [
        b"customerNo,name,ssn,emailAddressDocument\r\n1,=HYPERLINK(1),12015641779,a@b.no;c@d.no\r\n",
        b'customerNo;name;dueDays\n\'-1;@SUM(A1);\t14\n2;"a;b";"x\r\ny"\n',
        b"customerNo\tname\tpostalAddress.postalCode\n+47\t'\t0150\n",
        b"\xef\xbb\xbfcustomerNo,name,metadata.userId\n1,K,u\n2,K\x00,u\n",
    ]


def _seeds(harness: str) -> list[bytes]:
    docs = _examples() + [json.dumps(p).encode() for p in _generated()] + _hard_json_cases()
    if harness == "validate":
        return [bytes([mode]) + doc for doc in docs for mode in (0, 9, 2, 11)][:80]
    if harness == "readers":
        lines = b"\n".join(json.dumps(p).encode() for p in _generated())
        array = b"[" + b",\n".join(json.dumps(p, indent=1).encode() for p in _generated()) + b"]"
        files = [*docs, lines, array, *_csv_cases()]
        return [bytes([target]) + doc for doc in files for target in (0, 1, 2, 3)][:120]
    values = [
        "12015641779", "120156 41779", "17912099997", "52015641762", "984842252",
        "NO984842252MVA", "0192:984842252", "86011117947", "NO93 8601 1117 947", "8601.11.17947",
        "1234567897", "1234567890123-", "", "١٢٠١٥٦٤١٧٧٩", "x" * 1200,
    ]  # fmt: skip
    seeds = []
    for module in range(4):
        for value in values:
            raw = value.encode("utf-8")
            # module choice, kid bounds, kind 6 (Unicode text), then the text
            seeds.append(bytes([module, 2, 30, 6, len(raw) % 60]) + raw)
    return seeds


def make_corpus(harness: str, directory: Path, limit: int | None = None) -> None:
    """Write the seed corpus of ``harness`` (every ``len // limit``-th seed with a limit)."""
    directory.mkdir(parents=True, exist_ok=True)
    seeds = _seeds(harness)
    if limit is not None and len(seeds) > limit:
        seeds = seeds[:: -(-len(seeds) // limit)]
    for i, seed in enumerate(seeds):
        path = directory / f"seed-{i:03d}"
        if not path.exists():
            path.write_bytes(seed)


# -- running -----------------------------------------------------------------------------------


def run_harness(
    harness: str, *, seconds: int | None, runs: int | None, skip_known: bool, max_len: int
) -> dict[str, object]:
    corpus = HERE / "corpus" / harness
    make_corpus(harness, corpus)
    crashes = HERE / "crashes"
    crashes.mkdir(exist_ok=True)
    before = set(crashes.iterdir())
    cmd = [
        sys.executable,
        str(HERE / f"fuzz_{harness}.py"),
        str(corpus),
        f"-artifact_prefix={crashes}/{harness}-",
        f"-max_len={max_len}",
        "-timeout=30",
        "-rss_limit_mb=3072",
        "-print_final_stats=1",
    ]
    if seconds is not None:
        cmd.append(f"-max_total_time={seconds}")
    if runs is not None:
        cmd.append(f"-runs={runs}")
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    if skip_known:
        env["ARMVALIDATE_FUZZ_SKIP_KNOWN"] = "1"
    log_path = HERE / "crashes" / f"{harness}.log"
    started = time.monotonic()
    with open(log_path, "wb") as log:
        proc = subprocess.run(cmd, stdout=log, stderr=subprocess.STDOUT, env=env, check=False)
    elapsed = time.monotonic() - started
    text = log_path.read_text("utf-8", "replace")
    stats = _STATS.findall(text)
    execs, cov, rate = (int(x) for x in stats[-1]) if stats else (0, 0, 0)
    done = re.search(r"stat::number_of_executed_units: (\d+)", text)
    if done:
        execs = int(done.group(1))
    average = re.search(r"stat::average_exec_per_sec: +(\d+)", text)
    if average:
        rate = int(average.group(1))
    new = sorted(
        p.name
        for p in set(crashes.iterdir()) - before
        if p.name.startswith(f"{harness}-") and _ARTIFACT.search(p.name)
    )
    return {
        "harness": harness,
        "status": proc.returncode,
        "executions": execs,
        "exec_per_s": rate,
        "coverage": cov,
        "seconds": round(elapsed, 1),
        "crashes": new,
        "log": str(log_path.relative_to(ROOT)),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("harnesses", nargs="*", metavar="HARNESS", help=", ".join(HARNESSES))
    budget = parser.add_mutually_exclusive_group()
    budget.add_argument("--seconds", type=int, help="time budget per harness (default 60)")
    budget.add_argument("--runs", type=int, help="executions per harness")
    parser.add_argument("--max-len", type=int, default=16384, help="largest input (bytes)")
    parser.add_argument("--skip-known", action="store_true", help="skip oracles of known open bugs")
    parser.add_argument("--corpus-only", action="store_true", help="only write the seed corpus")
    args = parser.parse_args(argv)
    harnesses = args.harnesses or list(HARNESSES)
    unknown = [h for h in harnesses if h not in HARNESSES]
    if unknown:
        parser.error(f"unknown harness {unknown[0]!r}; choose from {', '.join(HARNESSES)}")
    if args.corpus_only:
        for harness in harnesses:
            make_corpus(harness, HERE / "corpus" / harness)
        return 0
    seconds = args.seconds if args.seconds is not None or args.runs is not None else 60
    results = []
    for harness in harnesses:
        print(f"fuzzing {harness} ...", flush=True)
        result = run_harness(
            harness,
            seconds=seconds,
            runs=args.runs,
            skip_known=args.skip_known,
            max_len=args.max_len,
        )
        results.append(result)
    print()
    print(
        f"{'harness':12} {'status':>6} {'execs':>9} {'exec/s':>7} {'cov':>6} {'secs':>6}  crashes"
    )
    for r in results:
        crashes = ", ".join(r["crashes"]) or "-"  # type: ignore[arg-type]
        print(
            f"{r['harness']:12} {r['status']:>6} {r['executions']:>9} {r['exec_per_s']:>7} "
            f"{r['coverage']:>6} {r['seconds']:>6}  {crashes}"
        )
    failed = [r for r in results if r["status"] != 0]
    if failed:
        print("\ncrashes: see the logs " + ", ".join(str(r["log"]) for r in failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
