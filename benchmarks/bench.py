"""The armvalidate benchmark: every performance target of issue 6, measured in one run.

Run it from the repository root (with the project installed, e.g. in its virtualenv)::

    python benchmarks/bench.py            # the full run (a few minutes on 2 cores)
    python benchmarks/bench.py --quick    # a smoke run (well under a minute); figures indicative
    python benchmarks/bench.py --json     # the same, as one JSON document on stdout

It measures, on one realistic corpus (seeded fixtures from
``armvalidate.strategies.fixtures.generate`` plus
the API docs' own request):

1. the per-payload cost of ``armvalidate.validate_customer`` (production profile, every rule on)
   against the naive composition in ``benchmarks/naive.py``: interleaved runs over a fresh
   corpus each time, median of the runs;
2. records/s and peak memory of the installed ``armvalidate check`` on a generated JSONL file
   (100k records by default) with ``--jobs 1`` and ``--jobs 2``, and optionally a 1M-record file
   (``--records-big 1000000``) to show that memory does not grow with the file;
3. fixtures/s of ``armvalidate.strategies.fixtures.generate`` (and of ``armvalidate generate``);
4. the import time of ``armvalidate`` in a fresh interpreter, and that neither hypothesis nor
   faker is imported by it.

and prints a summary table: each target, the measured value, PASS or FAIL. Nothing is estimated:
every number printed was measured in that run. Parts whose code is missing are reported as
``N/A`` with the reason.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime
import gc
import io
import json
import os
import platform
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpus import (
    REFERENCE_DATE,
    Corpus,
    fixtures_available,
    write_jsonl,
)
from benchmarks.messy import messy_payloads
from benchmarks.naive import check_customer as naive_check
from benchmarks.rounds import KINDS
from benchmarks.rounds import corpus as round_corpus

_ROOT = Path(__file__).resolve().parents[1]

__all__ = [
    "Measured",
    "Row",
    "bench_cli_check",
    "bench_cli_generate",
    "bench_generate",
    "bench_import",
    "bench_validate",
    "cli_command",
    "main",
    "measure",
    "summary_rows",
]

#: The ratio to the naive composition that validate_customer must reach, by corpus and by the
#: build of armvalidate that runs (issue 19): judged on CPU time, reported with wall time too.
TARGET_SPEEDUP = {
    ("clean", "compiled"): 6.0,
    ("clean", "pure"): 4.5,
    ("messy", "compiled"): 4.0,
    ("messy", "pure"): 3.0,
}
TARGET_JOBS_RATIO = 1.8
TARGET_FIXTURES_PER_S = 15_000.0
TARGET_IMPORT_MS = 50.0
#: Peak memory of any one process of `check` (the command or a worker).
TARGET_PROCESS_MIB = 50.0
#: "independent of file size": the big file's peak may exceed the small one's by at most this.
MEMORY_GROWTH_LIMIT = 1.25
NAIVE_EXPECTED_US = (160.0, 330.0)

Log = Callable[[str], None]


def _stderr_log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _median(values: Sequence[float]) -> float:
    return float(statistics.median(values))


# --------------------------------------------------------------------------------------------
# 1. validate_customer vs the naive composition
# --------------------------------------------------------------------------------------------


def _validator() -> Callable[[Any], Any] | None:
    try:
        from armvalidate import validate_customer  # type: ignore[attr-defined,unused-ignore]
    except ImportError:
        return None

    def ours(payload: Any) -> Any:
        return validate_customer(
            payload, operation="create", profile="production", today=REFERENCE_DATE
        )

    return ours


def _naive(payload: Any) -> Any:
    return naive_check(payload, today=REFERENCE_DATE)


def _time_over(fn: Callable[[Any], Any], payloads: Sequence[Any]) -> float:
    """Seconds to run ``fn`` once over every payload."""
    return _times_over(fn, payloads)[0]


def _times_over(fn: Callable[[Any], Any], payloads: Sequence[Any]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process) to run ``fn`` once over every payload.

    The CPU time is what the run would take on an idle machine: on a busy one the wall time
    also counts the moments the scheduler gave the CPU to someone else.
    """
    start, start_cpu = time.perf_counter(), time.process_time()
    for payload in payloads:
        fn(payload)
    return time.perf_counter() - start, time.process_time() - start_cpu


def _round(kind: str, seed: int, count: int, order: str) -> dict[str, Any]:
    """One round in a fresh interpreter (``benchmarks/rounds.py``)."""
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.rounds", kind, str(seed), str(count), order],
        cwd=_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"benchmark round failed: {done.stderr[-2000:]}")
    data: dict[str, Any] = json.loads(done.stdout)
    return data


def _spread(values: Sequence[float]) -> str:
    return f"{min(values):.1f}-{max(values):.1f}"


def bench_validate(
    *,
    count: int,
    runs: int,
    seed: int,
    kinds: Sequence[str] = KINDS,
    log: Log = _stderr_log,
) -> dict[str, Any]:
    """Per-payload cost of ``validate_customer`` vs the naive composition, on each corpus.

    Every round runs in a fresh interpreter on a corpus of its own seed, so that no value it
    measures was seen by the process before (``benchmarks/rounds.py``); rounds of the corpora
    alternate, and so does which contender goes first. Per corpus: the medians over the rounds
    of µs/payload (wall and CPU) of each contender, the ratios of those medians, and the spread
    of the per-round ratios.
    """
    if _validator() is None:
        return {"available": False, "reason": "armvalidate.validate_customer is missing"}
    if not fixtures_available():
        return {"available": False, "reason": "armvalidate.strategies.fixtures is missing"}
    rounds: dict[str, list[dict[str, Any]]] = {kind: [] for kind in kinds}
    for run in range(runs):
        for kind in kinds:
            order = "naive-first" if run % 2 == 0 else "ours-first"
            r = _round(kind, seed + run, count, order)
            rounds[kind].append(r)
            log(
                f"  round {run + 1}/{runs} {kind:5}: naive {r['naive']['cpu_us']:6.1f} µs, ours "
                f"{r['ours']['cpu_us']:6.1f} µs CPU/payload "
                f"({r['naive']['cpu_us'] / r['ours']['cpu_us']:.2f}x; wall "
                f"{r['naive']['wall_us'] / r['ours']['wall_us']:.2f}x)"
            )
    result: dict[str, Any] = {"available": True, "build": rounds[kinds[0]][0]["build"]}
    for kind, rs in rounds.items():
        per: dict[str, Any] = {"rounds": len(rs), "payloads_per_round": rs[0]["payloads"]}
        for name in ("naive", "ours"):
            for clock in ("wall", "cpu"):
                values = [r[name][f"{clock}_us"] for r in rs]
                per[f"{name}_{clock}_us"] = values
                per[f"{name}_{clock}_median_us"] = _median(values)
        for clock in ("wall", "cpu"):
            per[f"speedup_{clock}"] = (
                per[f"naive_{clock}_median_us"] / per[f"ours_{clock}_median_us"]
            )
            per[f"speedup_{clock}_rounds"] = [
                r["naive"][f"{clock}_us"] / r["ours"][f"{clock}_us"] for r in rs
            ]
        per["findings_per_payload"] = _median([r["findings_per_payload"] for r in rs])
        per["error_share"] = _median([r["error_share"] for r in rs])
        result[kind] = per
    return result


def profile_validate(
    *, count: int, seed: int, top: int, kind: str = "messy", target: str = "ours"
) -> str:
    """cProfile of ``validate_customer`` (or the naive composition) over one corpus."""
    fn = _validator() if target == "ours" else _naive
    if fn is None:
        return "validate_customer is missing: nothing to profile\n"
    corpus = Corpus(round_corpus(kind, seed=seed, count=count), kind, from_fixtures=True)
    _time_over(fn, corpus.payloads[:20])
    profiler = cProfile.Profile()
    profiler.enable()
    _time_over(fn, corpus.payloads)
    profiler.disable()
    out = io.StringIO()
    out.write(f"cProfile of {target} over {corpus.label}\n")
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)
    return out.getvalue()


# --------------------------------------------------------------------------------------------
# Measuring a child process: wall time and peak memory (the child and all its workers)
# --------------------------------------------------------------------------------------------

# Runs in a fresh interpreter, so that RUSAGE_CHILDREN covers exactly the one measured command
# (ru_maxrss of children is the maximum over every child ever waited for). It also polls
# /proc/PID/status of the command and of every descendant (multiprocessing workers) for VmHWM
# (each process's own peak RSS) and VmRSS (to sum what is resident at the same moment).
_MEASURE = r"""
import json, os, resource, subprocess, sys, time
cmd = json.loads(sys.argv[1])
err = open(sys.argv[2], "wb")
def descendants(pid):
    out, i = [pid], 0
    while i < len(out):
        p = out[i]; i += 1
        try:
            for t in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{t}/children") as fh:
                    out.extend(int(x) for x in fh.read().split())
        except OSError:
            pass
    return out
def status(pid):
    hwm = rss = 0
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    hwm = int(line.split()[1])
                elif line.startswith("VmRSS:"):
                    rss = int(line.split()[1])
    except OSError:
        pass
    return hwm, rss
def cpu_ticks(pid):
    try:
        with open(f"/proc/{pid}/stat") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])  # utime + stime
    except (OSError, IndexError, ValueError):
        return 0
hwm, peak_sum, ticks = {}, 0, {}
start = time.perf_counter()
proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err)
while proc.poll() is None:
    total = 0
    for pid in descendants(proc.pid):
        h, r = status(pid)
        if h:
            hwm[pid] = max(hwm.get(pid, 0), h)
        total += r
        ticks[pid] = max(ticks.get(pid, 0), cpu_ticks(pid))
    peak_sum = max(peak_sum, total)
    time.sleep(0.05)
wall = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({
    "rc": proc.returncode, "wall": wall, "maxrss_kb": usage.ru_maxrss,
    "hwm_sum_kb": sum(hwm.values()), "rss_sum_peak_kb": peak_sum, "processes": len(hwm),
    "cpu": usage.ru_utime + usage.ru_stime,
    "main_cpu_sampled": ticks.get(proc.pid, 0) / os.sysconf("SC_CLK_TCK"),
}))
"""


@dataclass
class Measured:
    """One measured run of a command."""

    cmd: list[str]
    rc: int
    wall: float
    #: the largest single process's peak RSS (ru_maxrss of RUSAGE_CHILDREN), in MiB
    max_rss_mib: float
    #: the sum of every process's own peak RSS (VmHWM, sampled every 50 ms), in MiB: an upper
    #: bound on what the command and its workers held at once
    hwm_sum_mib: float
    #: the largest sum of VmRSS over the process tree seen in one sample, in MiB
    rss_sum_peak_mib: float
    processes: int
    #: CPU seconds (user + system) of the command and every process it waited for
    cpu: float
    #: CPU seconds of the command's own (main) process, as last sampled: a lower bound
    main_cpu: float = 0.0
    stderr: str = field(default="", repr=False)


def measure(cmd: Sequence[str]) -> Measured:
    """Run ``cmd`` (stdout discarded) in a fresh wrapper interpreter; time it and its memory."""
    with tempfile.NamedTemporaryFile(prefix="bench-stderr-", delete=False) as err_file:
        err_path = err_file.name
    try:
        done = subprocess.run(
            [sys.executable, "-c", _MEASURE, json.dumps(list(cmd)), err_path],
            check=True,
            capture_output=True,
            text=True,
        )
        data = json.loads(done.stdout)
        stderr = Path(err_path).read_text(encoding="utf-8", errors="replace")
    finally:
        os.unlink(err_path)
    return Measured(
        cmd=list(cmd),
        rc=int(data["rc"]),
        wall=float(data["wall"]),
        max_rss_mib=data["maxrss_kb"] / 1024,
        hwm_sum_mib=data["hwm_sum_kb"] / 1024,
        rss_sum_peak_mib=data["rss_sum_peak_kb"] / 1024,
        processes=int(data["processes"]),
        cpu=float(data["cpu"]),
        main_cpu=float(data["main_cpu_sampled"]),
        stderr=stderr,
    )


# --------------------------------------------------------------------------------------------
# 2. armvalidate check
# --------------------------------------------------------------------------------------------


def cli_command() -> list[str] | None:
    """The installed ``armvalidate`` console script (next to this interpreter, or on PATH)."""
    beside = Path(sys.executable).with_name("armvalidate")
    if beside.is_file():
        return [str(beside)]
    found = shutil.which("armvalidate")
    return [found] if found else None


def _cli_help(cli: list[str], command: str) -> str | None:
    """The ``--help`` text of a subcommand, or None when it does not exist."""
    try:
        done = subprocess.run(
            [*cli, command, "--help"], capture_output=True, text=True, timeout=60, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 else None


def _check_cmd(cli: list[str], path: Path, jobs: int, help_text: str) -> list[str]:
    cmd = [*cli, "check", str(path), "--jobs", str(jobs)]
    if "--format" in help_text:
        cmd += ["--format", "jsonl"]
    if "--output" in help_text or "-o," in help_text:
        cmd += ["-o", os.devnull]
    if "--today" in help_text:
        cmd += ["--today", REFERENCE_DATE.isoformat()]
    return cmd


def _measured_dict(m: Measured, records: int) -> dict[str, Any]:
    return {
        "rc": m.rc,
        "wall_s": m.wall,
        "records_per_s": records / m.wall,
        "cpu_s": m.cpu,
        "cpu_us_per_record": m.cpu / records * 1e6,
        "main_cpu_s_sampled": m.main_cpu,
        # the headline: the sum of the processes' own peaks (sampled), or the largest single
        # process's peak (exact) when sampling missed the last moments of a process
        "peak_mib": max(m.hwm_sum_mib, m.max_rss_mib),
        "max_rss_mib": m.max_rss_mib,
        "hwm_sum_mib": m.hwm_sum_mib,
        "rss_sum_peak_mib": m.rss_sum_peak_mib,
        "processes": m.processes,
    }


def _write_fixture_file(path: Path, records: int, *, seed: int, kind: str = "messy") -> float:
    """Write ``records`` request bodies as JSONL: the messy corpus, or clean fixtures."""
    start = time.perf_counter()
    with path.open("w", encoding="utf-8", newline="\n") as out:
        if kind == "clean":
            write_jsonl(out, records, seed=seed, invalid_ratio=0.1)
        else:
            dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
            for payload in messy_payloads(records, seed=seed):
                out.write(dumps(payload))
                out.write("\n")
    return time.perf_counter() - start


def bench_cli_check(
    *,
    records: int,
    runs: int,
    seed: int,
    workdir: Path,
    records_big: int = 0,
    kind: str = "messy",
    log: Log = _stderr_log,
) -> dict[str, Any]:
    """Records/s and peak memory of ``armvalidate check`` with ``--jobs 1`` and ``--jobs 2``, on
    a file of the messy corpus (``kind="clean"``: the fixtures).

    The runs are interleaved (jobs 1, jobs 2, jobs 1, ...) and the median wall time of each is
    kept. A run that exits with 2 or more (usage error, crash) invalidates the section.
    """
    result: dict[str, Any] = {"available": False}
    cli = cli_command()
    help_text = _cli_help(cli, "check") if cli else None
    if cli is None or help_text is None:
        result["reason"] = "the installed `armvalidate check` command is missing"
        return result
    if not fixtures_available():
        result["reason"] = "armvalidate.strategies.fixtures is missing: no records to check"
        return result
    result["available"] = True

    small = workdir / f"records-{records}.jsonl"
    took = _write_fixture_file(small, records, seed=seed, kind=kind)
    size_mib = small.stat().st_size / 2**20
    log(f"  wrote {records} records ({size_mib:.1f} MiB) in {took:.1f} s")
    result.update(records=records, file_mib=size_mib, corpus=kind)

    by_jobs: dict[int, list[Measured]] = {1: [], 2: []}
    for run in range(runs):
        for jobs in (1, 2):
            m = measure(_check_cmd(cli, small, jobs, help_text))
            if m.rc >= 2:
                result.update(available=False, reason=f"check exited {m.rc}: {m.stderr[-500:]}")
                return result
            by_jobs[jobs].append(m)
            log(
                f"  run {run + 1}/{runs} --jobs {jobs}: {records / m.wall:9.0f} records/s, "
                f"peak {m.max_rss_mib:6.1f} MiB (largest process), "
                f"{m.hwm_sum_mib:6.1f} MiB (sum of {m.processes} processes); CPU "
                f"{m.cpu / records * 1e6:.0f} µs/record, main process {m.main_cpu:.1f} s"
            )
    for jobs, ms in by_jobs.items():
        ms.sort(key=lambda m: m.wall)
        med = ms[len(ms) // 2]
        entry = _measured_dict(med, records)
        entry["runs_records_per_s"] = [records / m.wall for m in by_jobs[jobs]]
        result[f"jobs{jobs}"] = entry
    result["jobs_ratio"] = result["jobs2"]["records_per_s"] / result["jobs1"]["records_per_s"]
    result["command"] = _check_cmd(cli, small, 2, help_text)
    small.unlink()

    if records_big:
        big = workdir / f"records-{records_big}.jsonl"
        took = _write_fixture_file(big, records_big, seed=seed + 1, kind=kind)
        big_mib = big.stat().st_size / 2**20
        log(f"  wrote {records_big} records ({big_mib:.1f} MiB) in {took:.1f} s")
        result["big"] = {"records": records_big, "file_mib": big_mib}
        for jobs in (1, 2):
            m = measure(_check_cmd(cli, big, jobs, help_text))
            result["big"][f"jobs{jobs}"] = _measured_dict(m, records_big)
            log(
                f"  {records_big} records --jobs {jobs}: rc {m.rc}, "
                f"{records_big / m.wall:9.0f} records/s, peak {m.max_rss_mib:6.1f} MiB "
                f"(largest process), {m.hwm_sum_mib:6.1f} MiB (sum)"
            )
        big.unlink()
    return result


# --------------------------------------------------------------------------------------------
# 3. Fixture generation
# --------------------------------------------------------------------------------------------


def bench_generate(
    *, count: int, runs: int, seed: int, invalid_ratio: float = 0.0, log: Log = _stderr_log
) -> dict[str, Any]:
    """Fixtures/s of ``armvalidate.strategies.fixtures.generate`` on one core (median of
    ``runs``)."""
    if not fixtures_available():
        return {"available": False, "reason": "armvalidate.strategies.fixtures is missing"}
    from armvalidate.strategies.fixtures import generate

    rates: list[float] = []
    cpu_rates: list[float] = []
    for run in range(runs):
        gc.collect()
        start, start_cpu = time.perf_counter(), time.process_time()
        n = 0
        for _ in generate(
            count,
            seed=seed + run,
            invalid_ratio=invalid_ratio,
            reference_date=REFERENCE_DATE,
        ):
            n += 1
        rates.append(n / (time.perf_counter() - start))
        cpu_rates.append(n / max(time.process_time() - start_cpu, 1e-9))
        log(
            f"  run {run + 1}/{runs} (invalid_ratio {invalid_ratio}): {rates[-1]:9.0f} "
            f"fixtures/s (CPU time: {cpu_rates[-1]:.0f}/s)"
        )
    return {
        "available": True,
        "count": count,
        "invalid_ratio": invalid_ratio,
        "runs_per_s": rates,
        "per_s": _median(rates),
        "cpu_per_s": _median(cpu_rates),
    }


def bench_cli_generate(*, count: int, seed: int, log: Log = _stderr_log) -> dict[str, Any]:
    """Fixtures/s of ``armvalidate generate --format jsonl -o /dev/null`` (startup included)."""
    cli = cli_command()
    help_text = _cli_help(cli, "generate") if cli else None
    if cli is None or help_text is None:
        return {"available": False, "reason": "`armvalidate generate` is missing"}
    cmd = [*cli, "generate", "--count", str(count), "--seed", str(seed), "--format", "jsonl"]
    cmd += ["-o", os.devnull]
    m = measure(cmd)
    if m.rc != 0:
        return {"available": False, "reason": f"generate exited {m.rc}: {m.stderr[-500:]}"}
    log(f"  armvalidate generate --count {count}: {count / m.wall:9.0f} fixtures/s")
    return {
        "available": True,
        "count": count,
        "wall_s": m.wall,
        "per_s": count / m.wall,
        "max_rss_mib": m.max_rss_mib,
    }


# --------------------------------------------------------------------------------------------
# 4. Import time
# --------------------------------------------------------------------------------------------

_IMPORT_PROBE = r"""
import json, sys, time
start, start_cpu = time.perf_counter(), time.process_time()
import armvalidate
took, took_cpu = time.perf_counter() - start, time.process_time() - start_cpu
heavy = sorted(m for m in ("hypothesis", "faker", "strategies") if m in sys.modules)
print(json.dumps({"ms": took * 1000, "cpu_ms": took_cpu * 1000, "heavy": heavy}))
"""


def _import_breakdown(top: int) -> list[tuple[str, float]]:
    """The modules with the largest cumulative import time under ``python -X importtime``."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import armvalidate"],
        capture_output=True,
        text=True,
        check=False,
    )
    # Each line is "import time: self | cumulative | <1 + 2*depth spaces>name", and a module's
    # line comes after the lines of everything it imported.
    subtree: list[tuple[int, str, float]] = []
    for line in done.stderr.splitlines():
        parts = line.split("|")
        if len(parts) != 3 or not parts[1].strip().isdigit():
            continue
        name = parts[2].rstrip()
        depth = (len(name) - len(name.lstrip()) - 1) // 2
        entry = (depth, name.strip(), int(parts[1]) / 1000)
        if depth == 0 and entry[1] == "armvalidate":
            rows = [(n, ms) for d, n, ms in subtree if d == 1] + [("armvalidate", entry[2])]
            rows.sort(key=lambda r: -r[1])
            return rows[:top]
        subtree = [] if depth == 0 else [*subtree, entry]
    return []


def bench_import(*, runs: int, log: Log = _stderr_log) -> dict[str, Any]:
    """Median time of ``import armvalidate`` in a fresh interpreter, and what it dragged in."""
    times: list[float] = []
    cpu_times: list[float] = []
    heavy: set[str] = set()
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, "-c", _IMPORT_PROBE], capture_output=True, text=True, check=True
        )
        data = json.loads(done.stdout)
        times.append(float(data["ms"]))
        cpu_times.append(float(data["cpu_ms"]))
        heavy.update(data["heavy"])
    breakdown = _import_breakdown(6)
    log(f"  import armvalidate: median {_median(times):.0f} ms over {runs} fresh interpreters")
    return {
        "available": True,
        "runs_ms": times,
        "ms": _median(times),
        "runs_cpu_ms": cpu_times,
        "cpu_ms": _median(cpu_times),
        "heavy_modules": sorted(heavy),
        "top_imports_ms": breakdown,
    }


_HYPOTHESIS_PROBE = """
import importlib.metadata as md, json, sys, time
if sys.argv[1] == "without":  # the environment as if armvalidate were not installed
    _all = md.entry_points
    def _entry_points(**kw):
        found = _all(**kw)
        if kw.get("group") == "hypothesis":
            return md.EntryPoints(e for e in found if not e.value.startswith("armvalidate"))
        return found
    md.entry_points = _entry_points
cpu = time.process_time()
import hypothesis
cpu = time.process_time() - cpu
ours = sorted(m for m in sys.modules if m.startswith("armvalidate"))
print(json.dumps({"ms": cpu * 1000, "ours": ours}))
"""


def bench_hypothesis_import(*, runs: int, log: Log = _stderr_log) -> dict[str, Any]:
    """The CPU that armvalidate's Hypothesis entry point adds to ``import hypothesis`` (issue
    14: goal <= 20 ms): fresh interpreters, interleaved, with the entry point and without it
    (filtered out of ``importlib.metadata.entry_points``, so the scan itself is in both)."""
    times: dict[str, list[float]] = {"with": [], "without": []}
    ours: list[str] = []
    for _ in range(max(runs, 3)):
        for mode in ("with", "without"):
            done = subprocess.run(
                [sys.executable, "-c", _HYPOTHESIS_PROBE, mode],
                capture_output=True,
                text=True,
                check=True,
            )
            data = json.loads(done.stdout)
            times[mode].append(float(data["ms"]))
            if mode == "with":
                ours = data["ours"]
    added = _median(times["with"]) - _median(times["without"])
    line = (
        f"import hypothesis: {added:+.1f} ms CPU with armvalidate installed (median "
        f"{_median(times['with']):.0f} vs {_median(times['without']):.0f} ms over "
        f"{len(times['with'])} fresh interpreters each; goal <= 20 ms); armvalidate modules "
        f"it imports: {', '.join(ours) or 'none'}"
    )
    log(f"  {line}")
    return {
        "line": line,
        "with_ms": _median(times["with"]),
        "without_ms": _median(times["without"]),
        "added_ms": added,
        "goal_ms": 20.0,
        "armvalidate_modules": ours,
    }


# --------------------------------------------------------------------------------------------
# Summary
# --------------------------------------------------------------------------------------------


@dataclass
class Row:
    target: str
    measured: str
    status: str  # PASS, FAIL, N/A, SKIP, INFO


def _status(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def summary_rows(results: dict[str, Any]) -> list[Row]:
    """One row per target of issue 6, from the results of this run."""
    rows: list[Row] = []
    v = results.get("validate", {})
    if v.get("available"):
        build = v["build"]
        for kind in KINDS:
            k = v.get(kind)
            if not k:
                continue
            target = TARGET_SPEEDUP[(kind, build)]
            rows.append(
                Row(
                    f"validate_customer, {kind} corpus >= {target:g}x naive ({build} build)",
                    f"{k['speedup_cpu']:.2f}x CPU (rounds {_spread(k['speedup_cpu_rounds'])}), "
                    f"wall {k['speedup_wall']:.2f}x (rounds {_spread(k['speedup_wall_rounds'])}); "
                    f"naive {k['naive_cpu_median_us']:.0f} µs, ours {k['ours_cpu_median_us']:.0f} "
                    f"µs CPU/payload; {k['findings_per_payload']:.2f} findings/payload, "
                    f"{k['error_share']:.0%} with errors",
                    _status(k["speedup_cpu"] >= target),
                )
            )
    elif "validate" in results:
        rows.append(Row("validate_customer vs naive", v.get("reason", ""), "N/A"))

    c = results.get("check", {})
    if c.get("available"):
        rows.append(
            Row(
                f"check --jobs 2 >= {TARGET_JOBS_RATIO:g}x --jobs 1 ({c['corpus']} data)",
                f"{c['jobs_ratio']:.2f}x ({c['jobs1']['records_per_s']:.0f} -> "
                f"{c['jobs2']['records_per_s']:.0f} records/s, {c['records']} records)",
                _status(c["jobs_ratio"] >= TARGET_JOBS_RATIO),
            )
        )
        mem = (
            f"{c['records']} records: {c['jobs1']['peak_mib']:.0f} MiB (jobs 1), "
            f"{c['jobs2']['peak_mib']:.0f} MiB summed over processes (jobs 2)"
        )
        big = c.get("big")
        if big:
            growth = max(big[f"jobs{j}"]["peak_mib"] / c[f"jobs{j}"]["peak_mib"] for j in (1, 2))
            largest = max(big[f"jobs{j}"]["max_rss_mib"] for j in (1, 2))
            ok = (
                growth <= MEMORY_GROWTH_LIMIT
                and largest <= TARGET_PROCESS_MIB
                and all(big[f"jobs{j}"]["rc"] < 2 for j in (1, 2))
            )
            mem += (
                f"; {big['records']} records: {big['jobs1']['peak_mib']:.0f} MiB (jobs 1), "
                f"{big['jobs2']['peak_mib']:.0f} MiB (jobs 2); growth x{growth:.2f}; "
                f"largest process {largest:.0f} MiB"
            )
            rows.append(
                Row(
                    f"check memory: <= {TARGET_PROCESS_MIB:.0f} MiB per process, flat in size",
                    mem,
                    _status(ok),
                )
            )
        else:
            rows.append(
                Row(
                    f"check memory: <= {TARGET_PROCESS_MIB:.0f} MiB per process, flat in size",
                    mem + "; 1M-record file not run (--records-big 1000000)",
                    "SKIP",
                )
            )
        rows.append(
            Row(
                "check CPU time per record, jobs 1 -> jobs 2",
                f"{c['jobs1']['cpu_us_per_record']:.0f} -> {c['jobs2']['cpu_us_per_record']:.0f} "
                f"µs (main process {c['jobs2']['main_cpu_s_sampled'] / c['records'] * 1e6:.0f} "
                "µs/record with --jobs 2)",
                "INFO",
            )
        )
    elif "check" in results:
        rows.append(Row("check --jobs 2 vs --jobs 1", c.get("reason", ""), "N/A"))

    g = results.get("generate", {})
    if g.get("available"):
        rows.append(
            Row(
                f"generate >= {TARGET_FIXTURES_PER_S:,.0f} fixtures/s CPU (one core)",
                f"{g.get('cpu_per_s', 0):,.0f} fixtures/s CPU ({g['count']} per run, valid; "
                f"wall: {g['per_s']:,.0f}/s)",
                _status(g.get("cpu_per_s", 0) >= TARGET_FIXTURES_PER_S),
            )
        )
    elif "generate" in results:
        rows.append(Row("generate fixtures/s", g.get("reason", ""), "N/A"))
    gi = results.get("generate_invalid", {})
    if gi.get("available"):
        rows.append(
            Row(
                f"generate, invalid_ratio {gi['invalid_ratio']}",
                f"{gi['per_s']:,.0f} fixtures/s",
                "INFO",
            )
        )
    gc_ = results.get("generate_cli", {})
    if gc_.get("available"):
        rows.append(
            Row(
                "armvalidate generate (CLI, startup included)",
                f"{gc_['per_s']:,.0f} fixtures/s ({gc_['count']} fixtures)",
                "INFO",
            )
        )

    imp = results.get("import", {})
    if imp.get("available"):
        rows.append(
            Row(
                f"import armvalidate <= {TARGET_IMPORT_MS:.0f} ms CPU",
                f"{imp['cpu_ms']:.0f} ms CPU, {imp['ms']:.0f} ms wall "
                f"(median of {len(imp['runs_ms'])})",
                _status(imp["cpu_ms"] <= TARGET_IMPORT_MS),
            )
        )
        heavy = [m for m in imp["heavy_modules"] if m in ("hypothesis", "faker")]
        rows.append(
            Row(
                "import armvalidate without hypothesis/faker",
                "imported: " + (", ".join(imp["heavy_modules"]) or "neither"),
                _status(not heavy),
            )
        )
    return rows


def format_table(rows: Sequence[Row]) -> str:
    headers = ("target", "measured", "result")
    cells = [headers, *[(r.target, r.measured, r.status) for r in rows]]
    widths = [max(len(c[i]) for c in cells) for i in range(3)]
    lines = []
    for i, cell in enumerate(cells):
        lines.append(
            " | ".join(text.ljust(w) for text, w in zip(cell, widths, strict=True)).rstrip()
        )
        if i == 0:
            lines.append("-+-".join("-" * w for w in widths))
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# The command
# --------------------------------------------------------------------------------------------


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python benchmarks/bench.py",
        description="Measure armvalidate against its performance targets (issue 19).",
    )
    p.add_argument("--quick", action="store_true", help="small counts: a smoke run (< 30 s)")
    p.add_argument("--count", type=int, help="payloads per validation run (default 2000)")
    p.add_argument("--runs", type=int, help="interleaved validation runs (default 7)")
    p.add_argument("--records", type=int, help="records in the check file (default 100000)")
    p.add_argument(
        "--records-big",
        type=int,
        default=0,
        help="also check a file this big (e.g. 1000000) to compare peak memory (default: off)",
    )
    p.add_argument("--cli-runs", type=int, help="interleaved check runs per --jobs (default 5)")
    p.add_argument("--fixtures", type=int, help="fixtures per generate run (default 20000)")
    p.add_argument("--import-runs", type=int, help="fresh interpreters to import in (default 7)")
    p.add_argument("--seed", type=int, default=20250601, help="corpus seed (default 20250601)")
    p.add_argument(
        "--invalid-ratio",
        type=float,
        default=0.1,
        help="share of fixtures with one labelled fault in the corpus (default 0.1)",
    )
    p.add_argument("--skip-cli", action="store_true", help="skip everything that runs the CLI")
    p.add_argument("--json", action="store_true", help="print the results as JSON on stdout")
    p.add_argument(
        "--cprofile",
        type=int,
        metavar="N",
        default=0,
        help="also print the N hottest functions of validate_customer (cProfile) to stderr",
    )
    p.add_argument("--strict", action="store_true", help="exit 1 when a target is missed (FAIL)")
    return p


def _defaults(args: argparse.Namespace) -> None:
    quick = args.quick
    for name, full, small in (
        ("count", 2000, 200),
        ("runs", 7, 3),
        ("records", 100_000, 2000),
        ("cli_runs", 5, 1),
        ("fixtures", 20_000, 2000),
        ("import_runs", 7, 3),
    ):
        if getattr(args, name) is None:
            setattr(args, name, small if quick else full)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    _defaults(args)
    log: Log = _stderr_log
    started = time.perf_counter()
    load = os.getloadavg()[0]
    if load > 0.5:
        log(
            f"note: the 1-minute load average is {load:.1f}: other processes compete for the "
            "CPUs, and the figures (the --jobs ratio above all) will suffer"
        )
    results: dict[str, Any] = {
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "load_average_at_start": os.getloadavg()[0],
        },
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "quick": args.quick,
        "reference_date": REFERENCE_DATE.isoformat(),
    }

    log(
        f"[1/4] validate_customer vs the naive composition ({args.runs} rounds x {args.count} "
        "payloads per corpus, each round in a fresh interpreter)"
    )
    results["validate"] = bench_validate(count=args.count, runs=args.runs, seed=args.seed, log=log)
    if args.cprofile:
        log(profile_validate(count=args.count, seed=args.seed, top=args.cprofile))

    if args.skip_cli:
        log("[2/4] armvalidate check: skipped (--skip-cli)")
    else:
        log(f"[2/4] armvalidate check on {args.records} records, --jobs 1 and --jobs 2")
        with tempfile.TemporaryDirectory(prefix="armvalidate-bench-") as tmp:
            results["check"] = bench_cli_check(
                records=args.records,
                runs=args.cli_runs,
                seed=args.seed,
                workdir=Path(tmp),
                records_big=args.records_big,
                log=log,
            )

    log(f"[3/4] fixtures: generate({args.fixtures})")
    results["generate"] = bench_generate(count=args.fixtures, runs=3, seed=args.seed, log=log)
    if results["generate"].get("available"):
        results["generate_invalid"] = bench_generate(
            count=args.fixtures, runs=1, seed=args.seed, invalid_ratio=args.invalid_ratio, log=log
        )
    if not args.skip_cli:
        results["generate_cli"] = bench_cli_generate(count=args.fixtures, seed=args.seed, log=log)

    log(f"[4/4] import armvalidate ({args.import_runs} fresh interpreters)")
    results["import"] = bench_import(runs=args.import_runs, log=log)
    results["hypothesis_import"] = bench_hypothesis_import(runs=args.import_runs, log=log)

    results["seconds"] = time.perf_counter() - started
    results["machine"]["load_average_at_end"] = os.getloadavg()[0]
    rows = summary_rows(results)
    results["summary"] = [r.__dict__ for r in rows]
    if args.json:
        print(json.dumps(results, indent=2, ensure_ascii=False))
    else:
        _print_human(results, rows)
    failed = any(r.status == "FAIL" for r in rows)
    return 1 if (args.strict and failed) else 0


def _print_human(results: dict[str, Any], rows: Sequence[Row]) -> None:
    m = results["machine"]
    print(f"armvalidate benchmark — Python {m['python']}, {m['cpus']} CPUs, {m['platform']}")
    print(
        f"load average (1 min) at start {m['load_average_at_start']:.2f}, "
        f"at end {m['load_average_at_end']:.2f}"
    )
    v = results["validate"]
    if v.get("available"):
        print(f"armvalidate build measured: {v['build']}")
        for kind in KINDS:
            k = v.get(kind)
            if k:
                print(
                    f"{kind}: {k['rounds']} rounds x {k['payloads_per_round']} payloads; naive "
                    f"{k['naive_cpu_median_us']:.1f} µs, ours {k['ours_cpu_median_us']:.1f} µs "
                    f"CPU/payload (wall {k['naive_wall_median_us']:.1f} and "
                    f"{k['ours_wall_median_us']:.1f})"
                )
    imp = results.get("import", {})
    if imp.get("top_imports_ms"):
        top = ", ".join(f"{name} {ms:.0f} ms" for name, ms in imp["top_imports_ms"])
        print(f"import armvalidate, slowest direct imports: {top}")
    if "hypothesis_import" in results:
        print(results["hypothesis_import"]["line"])
    print()
    print(format_table(rows))
    if results["quick"]:
        print("\n--quick: small counts, figures are indicative only (startup costs dominate).")
    print(f"\n(benchmark took {results['seconds']:.0f} s)")


if __name__ == "__main__":
    sys.exit(main())
