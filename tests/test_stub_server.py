"""The stand-in as a real server: serve(), the SQLite file, `armvalidate serve` as a process,
the pytest fixtures, and the walls (import armvalidate imports none of it)."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
CLI = [sys.executable, "-c", "import sys; from armvalidate.cli import main; sys.exit(main())"]
BODY = {"metadata": {"userId": "t"}, "customer": {"customerNo": "42", "name": "Kari Nordmann"}}


# -- walls (no server stack needed) ----------------------------------------------------------


def test_import_armvalidate_imports_no_server_stack() -> None:
    code = (
        "import sys, armvalidate, armvalidate.pytest_plugin, armvalidate.stub.pytest_fixtures\n"
        "import armvalidate.stub, armvalidate.stub.openapi\n"
        "armvalidate.stub.openapi.openapi_document()\n"
        "bad = [m for m in ('starlette', 'uvicorn', 'httpx', 'anyio', 'armvalidate.stub.app',"
        " 'armvalidate.stub.server', 'armvalidate.stub.service') if m in sys.modules]\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_the_core_never_imports_the_stub() -> None:
    import ast

    hits = []
    for path in (ROOT / "armvalidate").rglob("*.py"):
        rel = path.relative_to(ROOT)
        if rel.parts[1] in ("stub", "cli") or path.name == "pytest_plugin.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            hits += [
                f"{rel}: {n}"
                for n in names
                if n.startswith(("armvalidate.stub", "starlette", "uvicorn", "httpx"))
            ]
    assert hits == []


def test_cli_imports_the_server_stack_only_when_serve_runs() -> None:
    code = (
        "import sys\nfrom armvalidate.cli import main\n"
        "main(['openapi'])\n"
        "mods = [m for m in ('starlette', 'uvicorn', 'httpx') if m in sys.modules]\n"
        "print(','.join(mods), file=sys.stderr)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    doc = json.loads(out.stdout)
    assert doc["openapi"] == "3.1.0" and out.stderr.strip() == ""


# -- a real server ---------------------------------------------------------------------------

httpx = pytest.importorskip("httpx")
pytest.importorskip("starlette")
pytest.importorskip("uvicorn")

from armvalidate.stub import serve  # noqa: E402
from armvalidate.stub.server import is_loopback  # noqa: E402


def test_serve_on_a_free_loopback_port() -> None:
    with serve(token="t", mode="strict") as server:
        assert server.url.startswith("http://127.0.0.1:") and server.url.endswith("/arm/v1")
        assert server.port > 0 and server.token == "t"
        with httpx.Client(base_url=server.url, headers=server.headers) as c:
            assert c.post("/clients/5/customers", json=BODY).json()["result"] == "CREATED"
            assert c.get("/clients/5/customers/42").status_code == 200
        assert [x["customerNo"] for x in server.customers(5)] == ["42"]
        assert [r["status"] for r in server.requests] == [200, 200]
        server.reset()
        assert server.customers(5) == [] and server.requests == []


def test_dropped_connections_over_a_socket() -> None:
    with (
        serve(faults="post-customer:script(drop,drop-after)") as server,
        httpx.Client(base_url=server.url, headers=server.headers) as c,
    ):
        for _ in range(2):
            with pytest.raises(httpx.TransportError):
                c.post("/clients/5/customers", json=BODY)
        assert c.post("/clients/5/customers", json=BODY).json()["result"] == "UPDATED"


def test_refuses_non_loopback_unless_allowed() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.2")
    with pytest.raises(ValueError, match="allow-remote"), serve(host="0.0.0.0"):
        pass


def test_the_db_file_survives_a_restart_and_uses_wal(tmp_path: Path) -> None:
    db = tmp_path / "arm.sqlite"
    with (
        serve(db=db, token="t") as server,
        httpx.Client(base_url=server.url, headers=server.headers) as c,
    ):
        first = c.post("/clients/5/customers", json=BODY).json()
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with (
        serve(db=db, token="t") as server,
        httpx.Client(base_url=server.url, headers=server.headers) as c,
    ):
        got = c.get("/clients/5/customers/42").json()
        assert got["accountNo"] == first["accountNo"]
        again = c.post(
            "/clients/5/customers", json={"customer": {"customerNo": "43", "name": "B"}}
        ).json()
        assert again["accountNo"] == first["accountNo"] + 1  # the counter survived too
        server.reset()
    with serve(db=db) as server:
        assert server.customers(5) == []


def test_fixtures(arm_server: Any, arm_app: Any, arm_server_factory: Any) -> None:
    with httpx.Client(base_url=arm_server.url, headers=arm_server.headers) as c:
        assert c.post("/clients/1/customers", json=BODY).status_code == 200
    assert len(arm_server.customers(1)) == 1
    with arm_app.client() as c:
        assert c.post("/clients/1/customers", json=BODY).status_code == 200
    strict = arm_server_factory(mode="strict", faults="*:503")
    assert httpx.get(strict.url + "/clients/1/customers", headers=strict.headers).status_code == 503


def test_arm_server_is_reset_per_test(arm_server: Any) -> None:
    assert arm_server.requests == [] and arm_server.customers(1) == []


# -- `armvalidate serve` as a process --------------------------------------------------------


def _start(*args: str) -> tuple[subprocess.Popen[str], str, str]:
    proc = subprocess.Popen(
        [*CLI, "serve", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline().strip()
    url, _, token = line.partition(" token=")
    return proc, url, token


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_cli_serve_prints_url_and_token_and_stops_cleanly(sig: int) -> None:
    proc, url, token = _start("--port", "0", "--token", "sekrit", "--mode", "strict")
    try:
        assert url.startswith("http://127.0.0.1:") and url.endswith("/arm/v1")
        assert token == "sekrit"
        r = httpx.post(
            url + "/clients/9/customers", json=BODY, headers={"Authorization": "Bearer sekrit"}
        )
        assert r.status_code == 200
        assert httpx.get(url + "/clients/9/customers").status_code == 401
    finally:
        proc.send_signal(sig)
        try:
            _, err = proc.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            raise
    assert proc.returncode == 0, err
    assert "Traceback" not in err and "stopped" in err


def test_cli_serve_faults_are_reproducible_from_the_command_line() -> None:
    codes = []
    for _ in range(2):
        proc, url, token = _start("--faults", "list-customers:503@0.5", "--seed", "7")
        try:
            with httpx.Client(headers={"Authorization": f"Bearer {token}"}) as c:
                codes.append([c.get(url + "/clients/1/customers").status_code for _ in range(12)])
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.communicate(timeout=20)
    assert codes[0] == codes[1] and {200, 503} == set(codes[0])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--host", "0.0.0.0"], "loopback"),
        (["--faults", "post-customer:418"], "unknown fault"),
        (["--token", ":1"], "empty"),
    ],
)
def test_cli_serve_usage_errors(args: list[str], message: str) -> None:
    out = subprocess.run(
        [*CLI, "serve", *args],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert out.returncode == 2 and message in out.stderr and "Traceback" not in out.stderr


def test_cli_serve_default_token_is_random_and_printed() -> None:
    proc, url, token = _start()
    try:
        assert len(token) >= 16
        r = httpx.get(url + "/clients/1/customers", headers={"Authorization": f"Bearer {token}"})
        assert r.status_code == 200
    finally:
        os.kill(proc.pid, signal.SIGTERM)
        proc.communicate(timeout=20)
    assert proc.returncode == 0
    time.sleep(0)


def test_the_listening_socket_says_it_is_tcp() -> None:
    """asyncio sets TCP_NODELAY only on sockets made with proto IPPROTO_TCP; without it every
    answer waited ~40 ms for the client's delayed ACK (found by benchmarks/bench_server.py)."""
    import socket

    from armvalidate.stub.server import bind

    sock = bind("127.0.0.1", 0)
    try:
        assert sock.proto == socket.IPPROTO_TCP
    finally:
        sock.close()
