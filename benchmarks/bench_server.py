"""Benchmark of the ARM stand-in (armvalidate.stub): speed and load, printed against targets.

    python benchmarks/bench_server.py            # the full run (about a minute)
    python benchmarks/bench_server.py --quick    # tiny counts: proves every path runs

1. in process: POSTs/s through the ASGI app, no sockets, one thread (target >= 3,000/s), counted
   per CPU-second of that thread (what one core of its own gives; on a shared machine the wall
   clock counts other processes' time too); by the wall clock and through httpx's ASGI
   transport, for information;
2. loopback: requests/s over one keep-alive connection to `armvalidate serve` running as its
   own process on 127.0.0.1 (target >= 800/s), per CPU-second of the server process (Linux;
   elsewhere by the wall clock), and by the wall clock for information;
3. load: 50 concurrent clients for 20 s against that server, each POSTing customers (some
   twice: upserts) and reading them back; no customer may be lost and no answer may be a 500.

All traffic goes to 127.0.0.1; every loop is bounded in count and time. The figures depend on
the machine and its load: they are printed with the load average.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DOCS_REQUEST = ROOT / "examples" / "post-customer.request.json"
TOKEN = "bench-token"
CLIENT_NO = 2218


def _payloads(n: int, prefix: str = "b") -> list[bytes]:
    """``n`` realistic valid request bodies with distinct customer numbers (seeded, from
    armvalidate.strategies' PayloadFactory; without that extra: the docs' request)."""
    try:
        from armvalidate.strategies.fixtures import PayloadFactory
    except ImportError:
        factory = None
    else:
        factory = PayloadFactory(seed=2218)
    base = json.loads(DOCS_REQUEST.read_text(encoding="utf-8"))
    out = []
    for i in range(n):
        body = factory() if factory is not None else base
        body["customer"]["customerNo"] = f"{prefix}{i}"
        out.append(json.dumps(body).encode("utf-8"))
    return out


def _verdict(name: str, value: float, target: float, unit: str) -> bool:
    ok = value >= target
    ratio = value / target if target else float("inf")
    verdict = "PASS" if ok else "FAIL"
    print(f"{name:<46} {value:>9.0f} {unit:<6} target >= {target:>6.0f}  {ratio:5.2f}x  {verdict}")
    return ok


# -- 1. in process -------------------------------------------------------------------------


async def _drive_asgi(app: Any, bodies: list[bytes]) -> list[int]:
    statuses: list[int] = []
    path = f"/arm/v1/clients/{CLIENT_NO}/customers"
    headers_base = [
        (b"authorization", f"Bearer {TOKEN}".encode()),
        (b"content-type", b"application/json"),
        (b"host", b"arm.test"),
    ]
    for body in bodies:
        scope = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": "POST",
            "scheme": "http",
            "path": path,
            "raw_path": path.encode(),
            "query_string": b"",
            "root_path": "",
            "headers": [*headers_base, (b"content-length", str(len(body)).encode())],
            "client": ("127.0.0.1", 50000),
            "server": ("arm.test", 80),
        }
        messages = [{"type": "http.request", "body": body, "more_body": False}]

        async def receive(messages: list[dict[str, Any]] = messages) -> dict[str, Any]:
            return messages.pop() if messages else {"type": "http.disconnect"}

        async def send(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                statuses.append(message["status"])

        await app(scope, receive, send)
    return statuses


def bench_in_process(n: int) -> tuple[float, float, float]:
    import httpx

    from armvalidate.stub import InProcessServer

    server = InProcessServer(token=TOKEN)
    bodies = _payloads(n)
    asyncio.run(_drive_asgi(server.app, bodies[:20]))  # warm up (imports, first compiles)
    server.reset()
    start, cpu = time.perf_counter(), time.process_time()
    statuses = asyncio.run(_drive_asgi(server.app, bodies))
    direct = n / (time.perf_counter() - start)
    per_cpu = n / max(time.process_time() - cpu, 1e-9)  # what one core of its own would do
    assert statuses == [200] * n, set(statuses)
    assert len(server.customers(CLIENT_NO)) == n
    server.reset()

    async def via_httpx() -> float:
        async with httpx.AsyncClient(
            transport=server.transport(), base_url=server.url, headers=server.headers
        ) as client:
            path = f"/clients/{CLIENT_NO}/customers"
            start = time.perf_counter()
            for body in bodies:
                r = await client.post(
                    path, content=body, headers={"content-type": "application/json"}
                )
                assert r.status_code == 200
            return n / (time.perf_counter() - start)

    through_httpx = asyncio.run(via_httpx())
    server.close()
    return per_cpu, direct, through_httpx


# -- 2./3. a real server process on 127.0.0.1 ------------------------------------------------


class ServerProcess:
    def __init__(self) -> None:
        code = "import sys; from armvalidate.cli import main; sys.exit(main())"
        self.proc = subprocess.Popen(
            [sys.executable, "-c", code, "serve", "--port", "0", "--token", TOKEN],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline().strip()
        self.url = line.split(" ")[0]
        if not self.url.startswith("http://127.0.0.1:"):
            self.stop()
            raise RuntimeError(f"armvalidate serve did not start: {line!r}")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def _cpu_seconds(pid: int) -> float | None:
    """CPU time (user + system) a process has used so far (Linux /proc; else None)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def bench_loopback(server: ServerProcess, n: int) -> tuple[float, float | None]:
    """Requests/s by the wall clock, and per CPU-second of the server process."""
    import httpx

    bodies = _payloads(n, prefix="l")
    headers = {"Authorization": f"Bearer {TOKEN}", "content-type": "application/json"}
    with httpx.Client(base_url=server.url, headers=headers, timeout=10) as client:
        for body in _payloads(30, prefix="warm"):  # open the connection, warm the server up
            client.post(f"/clients/{CLIENT_NO}/customers", content=body)
        start, cpu = time.perf_counter(), _cpu_seconds(server.proc.pid)
        for i, body in enumerate(bodies):
            if i % 2:
                r = client.get(f"/clients/{CLIENT_NO}/customers/l{i - 1}")
            else:
                r = client.post(f"/clients/{CLIENT_NO}/customers", content=body)
            assert r.status_code == 200, r.status_code
        wall = n / (time.perf_counter() - start)
        end = _cpu_seconds(server.proc.pid)
        per_cpu = n / max(end - cpu, 1e-2) if cpu is not None and end is not None else None
        return wall, per_cpu


async def _load(server: ServerProcess, clients: int, seconds: float) -> dict[str, Any]:
    import httpx

    headers = {"Authorization": f"Bearer {TOKEN}", "content-type": "application/json"}
    body = json.loads(DOCS_REQUEST.read_text(encoding="utf-8"))
    acknowledged: set[str] = set()
    counts = {"requests": 0, "errors": 0, "5xx": 0}
    deadline = time.monotonic() + seconds

    async def one(worker: int) -> None:
        limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
        async with httpx.AsyncClient(
            base_url=server.url, headers=headers, timeout=30, limits=limits
        ) as client:
            i = 0
            while time.monotonic() < deadline and i < 100_000:
                number = f"w{worker}-{i // 2}"  # every customer is posted twice: an upsert
                body["customer"]["customerNo"] = number
                try:
                    r = await client.post(
                        f"/clients/{CLIENT_NO}/customers", content=json.dumps(body)
                    )
                    counts["requests"] += 1
                    if r.status_code >= 500:
                        counts["5xx"] += 1
                    elif r.status_code == 200:
                        acknowledged.add(number)
                        if i % 2:
                            g = await client.get(f"/clients/{CLIENT_NO}/customers/{number}")
                            counts["requests"] += 1
                            counts["5xx"] += g.status_code >= 500
                            if g.status_code != 200:
                                counts["errors"] += 1
                    else:
                        counts["errors"] += 1
                except httpx.HTTPError:
                    counts["errors"] += 1
                i += 1

    start = time.monotonic()
    await asyncio.gather(*(one(w) for w in range(clients)))
    elapsed = time.monotonic() - start
    async with httpx.AsyncClient(base_url=server.url, headers=headers, timeout=60) as client:
        stored: set[str] = set()
        first = (
            await client.get(f"/clients/{CLIENT_NO}/customers", params={"pageSize": 1000})
        ).json()
        summary = first["summary"]
        stored.update(c["customerNo"] for c in first["customers"])
        page = 2
        while not summary["lastPage"] and page <= 1000:
            nxt = await client.get(
                f"/clients/{CLIENT_NO}/customers",
                params={"query": summary["queryId"], "pageno": page},
            )
            data = nxt.json()
            summary = data["summary"]
            stored.update(c["customerNo"] for c in data["customers"])
            page += 1
    lost = {n for n in acknowledged if n.startswith("w")} - stored
    return {
        **counts,
        "elapsed": elapsed,
        "acknowledged": len(acknowledged),
        "lost": len(lost),
        "rps": counts["requests"] / elapsed,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="tiny counts: a smoke run")
    args = parser.parse_args(argv)
    n_inproc, n_loop, clients, seconds = (60, 40, 5, 1.0) if args.quick else (3000, 2000, 50, 20.0)
    try:
        load = os.getloadavg()
        print(f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} cores")
    except OSError:
        pass
    results = []
    per_cpu, direct, through_httpx = bench_in_process(n_inproc)
    results.append(_verdict("in process, ASGI app, POST per CPU-second", per_cpu, 3000, "req/s"))
    print(f"{'  (the same by the wall clock, shared cores)':<46} {direct:>9.0f} req/s")
    print(f"{'  (through httpx ASGITransport, wall clock)':<46} {through_httpx:>9.0f} req/s")
    server = ServerProcess()
    try:
        wall, per_cpu = bench_loopback(server, n_loop)
        if per_cpu is not None:
            name = "loopback keep-alive, per server CPU-second"
            results.append(_verdict(name, per_cpu, 800, "req/s"))
            print(f"{'  (the same by the wall clock, shared cores)':<46} {wall:>9.0f} req/s")
        else:
            results.append(_verdict("loopback keep-alive, by the wall clock", wall, 800, "req/s"))
        report = asyncio.run(_load(server, clients, seconds))
    finally:
        server.stop()
    print(
        f"{f'{clients} clients for {seconds:g} s':<46} {report['rps']:>9.0f} req/s  "
        f"{report['requests']} requests, {report['acknowledged']} customers acknowledged, "
        f"{report['lost']} lost, {report['5xx']} 5xx, {report['errors']} other errors"
    )
    ok_load = report["lost"] == 0 and report["5xx"] == 0 and report["acknowledged"] > 0
    print(f"{'  no customer lost, no 500':<46} {'PASS' if ok_load else 'FAIL'}")
    results.append(ok_load)
    if args.quick:
        print("(--quick: tiny counts, the figures mean nothing)")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
