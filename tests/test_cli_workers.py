"""``check --jobs``: the forked workers (:mod:`armvalidate.cli.workers`) and the engine's two
parallel paths (forked workers with the checker validating too; the executor elsewhere)."""

from __future__ import annotations

import json
import os
import pickle
import signal
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from armvalidate.cli import engine
from armvalidate.cli.engine import Checker, CheckOptions, Input, ProfileSpec
from armvalidate.cli.workers import WorkerError, Workers, can_fork
from armvalidate.files import Record, read_records
from armvalidate.render.model import RecordResult

pytestmark = pytest.mark.skipif(
    not hasattr(os, "fork") or sys.platform != "linux", reason="the forked workers are Linux-only"
)

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = json.loads((ROOT / "examples" / "post-customer.request.json").read_text("utf-8"))


# -- work functions (module level: the workers are forked, so they see them) ----------------


def _echo(request: Any) -> Any:
    return request


def _double(request: bytes) -> bytes:
    return request + request


def _fail(request: Any) -> Any:
    raise ValueError("no")


def _die(request: Any) -> Any:
    os.kill(os.getpid(), signal.SIGKILL)
    return None


def _pid(request: Any) -> int:
    return os.getpid()


# -- Workers -------------------------------------------------------------------------------


def test_results_come_back_to_their_tickets_from_several_workers() -> None:
    with Workers(3, work=_echo) as workers:
        tickets = {workers.submit(("n", n)): n for n in range(60)}
        for ticket in reversed(list(tickets)):  # asked for out of order
            assert workers.result(ticket) == ("n", tickets[ticket])
    assert workers.exitcodes == [0, 0, 0]  # each saw its socket close and ended by itself


def test_requests_are_spread_over_the_workers() -> None:
    with Workers(2, work=_pid) as workers:
        tickets = [workers.submit(None) for _ in range(6)]
        pids = {workers.result(t) for t in tickets}
    assert len(pids) == 2 and os.getpid() not in pids


def test_big_requests_and_answers_in_flight_do_not_deadlock() -> None:
    # each way far more than a socket buffer holds, several requests out at once
    blob = os.urandom(3 << 20)
    with Workers(2, work=_double) as workers:
        tickets = [workers.submit(blob[: (1 << 20) + n]) for n in range(6)]
        for n, ticket in enumerate(tickets):
            assert workers.result(ticket) == blob[: (1 << 20) + n] * 2


def test_pump_takes_in_results_without_blocking() -> None:
    with Workers(1, work=_echo) as workers:
        ticket = workers.submit("x")
        deadline = time.monotonic() + 30
        while not workers.ready(ticket):
            assert time.monotonic() < deadline
            workers.pump(0.01)
        assert workers.result(ticket) == "x"


def test_an_exception_in_the_work_is_a_worker_error_and_the_worker_goes_on() -> None:
    with Workers(1, work=_fail) as workers:
        first, second = workers.submit(1), workers.submit(2)
        with pytest.raises(WorkerError, match="ValueError"):
            workers.result(first)
        with pytest.raises(WorkerError, match="ValueError"):
            workers.result(second)
    assert workers.exitcodes == [0]


def test_a_killed_worker_is_a_worker_error_saying_how_it_died() -> None:
    with Workers(1, work=_die) as workers:
        ticket = workers.submit(1)
        with pytest.raises(WorkerError, match=r"killed by signal 9 \(SIGKILL\)"):
            workers.result(ticket)


def test_close_leaves_no_child_behind() -> None:
    workers = Workers(2, work=_echo)
    pids = [link.pid for link in workers._links]
    workers.submit("unanswered")  # a request still out
    workers.close()
    for pid in pids:
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)


def test_can_fork_only_without_other_threads() -> None:
    import threading

    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not can_fork()
    finally:
        stop.set()
        thread.join()


# -- the engine ----------------------------------------------------------------------------


def _payloads(n: int) -> list[str]:
    out = []
    for i in range(n):
        body = json.loads(json.dumps(EXAMPLE))
        customer = body["customer"]
        customer["customerNo"] = f"C{i}"
        if i % 5 == 0:
            customer["ssn"] = "12345678901"  # an error
        if i % 7 == 0:
            customer["emailAddressDocument"] = "kari nordmann@example.no"
        out.append(json.dumps(body))
    return out


def _file(tmp_path: Path, n: int) -> Path:
    lines = _payloads(n)
    lines[10] = "{not json"  # an unreadable record travels with its chunk
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _run(path: Path, jobs: int, **kwargs: Any) -> tuple[list[tuple[int, RecordResult]], Checker]:
    options = CheckOptions(profile=ProfileSpec(name="production"))
    checker = Checker(options, jobs=jobs, **kwargs)
    seen: list[tuple[int, RecordResult]] = []

    def opener() -> Any:
        with path.open("rb") as fh:
            yield from read_records(fh, str(path))

    def sink(record: Record, result: RecordResult, sanitized: Any) -> None:
        seen.append((record.index, result))

    checker.run([Input(str(path), opener)], sink)
    return seen, checker


def _slow_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Workers that take their time, so the checker validates chunks itself."""
    work = engine._work_chunk

    def slow(items: Any) -> Any:
        time.sleep(0.05)
        return work(items)

    monkeypatch.setattr(engine, "_work_chunk", slow)


@pytest.mark.parametrize("jobs", [2, 3])
def test_forked_jobs_give_one_jobs_results_with_chunks_validated_on_both_sides(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    monkeypatch.setattr(engine, "_CHUNK_RECORDS", 4)
    monkeypatch.setattr(engine, "can_fork", lambda: True)
    _slow_chunks(monkeypatch)
    path = _file(tmp_path, 240)
    one, _ = _run(path, 1)
    many, checker = _run(path, jobs)
    assert many == one and [i for i, _ in many] == list(range(1, 241))
    assert checker.chunks == 60
    assert 0 < checker.local_chunks < checker.chunks  # both sides did some


def test_forked_jobs_stop_at_max_errors_like_one_job(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine, "_CHUNK_RECORDS", 3)
    monkeypatch.setattr(engine, "can_fork", lambda: True)
    _slow_chunks(monkeypatch)
    path = _file(tmp_path, 200)
    one, first = _run(path, 1, max_errors=25)
    two, second = _run(path, 2, max_errors=25)
    assert two == one and second.tally.failing == first.tally.failing == 25


def test_the_executor_path_where_forking_is_not_safe(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine, "_CHUNK_RECORDS", 8)
    monkeypatch.setattr(engine, "can_fork", lambda: False)
    path = _file(tmp_path, 100)
    one, _ = _run(path, 1)
    two, checker = _run(path, 2)
    assert two == one and checker.chunks == 13 and checker.local_chunks == 0


def test_a_worker_that_dies_stops_the_run_with_a_worker_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine, "can_fork", lambda: True)
    monkeypatch.setattr(engine, "_work_chunk", _die)
    with pytest.raises(WorkerError, match="SIGKILL"):
        _run(_file(tmp_path, 50), 2)


def test_the_cli_reports_a_dead_worker_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from armvalidate.cli import cli

    monkeypatch.setattr(engine, "can_fork", lambda: True)
    monkeypatch.setattr(engine, "_work_chunk", _die)
    result = CliRunner().invoke(cli, ["check", str(_file(tmp_path, 50)), "--jobs", "2"])
    assert result.exit_code == 2
    assert "armvalidate: a worker process was killed by signal 9 (SIGKILL)" in result.output
    assert "did not finish" in result.output
    assert "Traceback" not in result.output


def test_a_chunk_travels_as_texts_and_comes_back_as_one_by_one() -> None:
    texts = [
        '{"customerNo": "1", "name": "Åse Ødegård"}',
        '{\n"name": "x"\n}',
        '{"customerNo": "2", "name": "Ola \u20ac \U0001f600"}',  # (two and four bytes wide)
        "[]",
        "",
        "{",
    ]
    chunk = [Record("f", i, i, text, "json", text=text) for i, text in enumerate(texts)]
    chunk.insert(2, Record("f", 9, 9, None, "json", problem=chunk_problem()))
    request = engine._request(chunk)
    assert request == [(t, False) for t in texts]  # (the problem record is not sent)
    options = CheckOptions(profile=ProfileSpec(name="production"))
    engine._init_worker(options)
    sent = pickle.loads(pickle.dumps(engine._work_chunk(pickle.loads(pickle.dumps(request)))))
    profile = options.profile.build()
    assert sent == [engine._validate(t, False, options, profile) for t in texts]
    assert len(sent) == len(texts)


def test_a_chunk_of_csv_rows_travels_as_pairs() -> None:
    rows = [{"customerNo": "1", "name": "Kari"}, {"customerNo": "2"}]
    chunk = [Record("f.csv", i, i, row, "csv") for i, row in enumerate(rows)]
    assert engine._request(chunk) == [(row, False) for row in rows]


def chunk_problem() -> Any:
    from armvalidate.catalog import Severity
    from armvalidate.report import Issue

    return Issue("schema.json", Severity.ERROR, "", "", "not valid JSON")


def test_a_dead_worker_of_the_executor_is_a_worker_error_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import multiprocessing

    real = multiprocessing.get_context
    monkeypatch.setattr(engine, "can_fork", lambda: False)
    # forked instead of spawned here, so that the workers see the patched work function
    monkeypatch.setattr(multiprocessing, "get_context", lambda method=None: real("fork"))
    monkeypatch.setattr(engine, "_work_chunk", _die)
    with pytest.raises(WorkerError, match="ended before it answered"):
        _run(_file(tmp_path, 50), 2)
