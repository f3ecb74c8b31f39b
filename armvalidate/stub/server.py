"""Running the stand-in: a real server on loopback (:func:`serve`, :class:`RunningServer`) or
in process without sockets (:class:`InProcessServer`)."""

from __future__ import annotations

import asyncio
import datetime
import ipaddress
import logging
import secrets
import socket
import threading
import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from os import PathLike
from typing import Any

import httpx
import uvicorn
from starlette.applications import Starlette

from armvalidate.stub.app import DEFAULT_BASE_PATH, DroppedConnection, create_app
from armvalidate.stub.faults import FaultPlan
from armvalidate.stub.service import ArmService, BatchTiming
from armvalidate.stub.store import Store

__all__ = ["CleanExitServer", "InProcessServer", "RunningServer", "is_loopback", "serve"]


def is_loopback(host: str) -> bool:
    """Whether ``host`` names a loopback address (127.0.0.0/8, ::1, localhost)."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class _QuietDrops(logging.Filter):
    """Keep uvicorn from logging a traceback for a ``drop`` fault (it is on purpose)."""

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        return not isinstance(exc, DroppedConnection)


def _quiet_drops() -> None:
    log = logging.getLogger("uvicorn.error")
    if not any(isinstance(f, _QuietDrops) for f in log.filters):
        log.addFilter(_QuietDrops())


class CleanExitServer(uvicorn.Server):
    """uvicorn's server, but SIGINT/SIGTERM end it with a clean return (exit status 0), not
    by re-raising the signal after the graceful shutdown."""

    def handle_exit(self, sig: int, frame: Any) -> None:
        super().handle_exit(sig, frame)
        captured = getattr(self, "_captured_signals", None)
        if isinstance(captured, list):
            captured.clear()


def _tokens(token: str | None, tokens: Mapping[str, Iterable[int] | None] | None) -> dict[str, Any]:
    out: dict[str, Any] = dict(tokens or {})
    if token is not None or not out:
        out[token or secrets.token_urlsafe(18)] = None
    return out


def _service(
    *,
    mode: str,
    token: str | None,
    tokens: Mapping[str, Iterable[int] | None] | None,
    db: str | PathLike[str] | None,
    faults: str | FaultPlan | None,
    seed: int,
    batch_polls: int,
    batch_seconds: float,
    today: datetime.date | None = None,
    warnings: str = "arm",
) -> tuple[ArmService, str]:
    plan = faults if isinstance(faults, FaultPlan) else FaultPlan.parse(faults, seed=seed)
    all_tokens = _tokens(token, tokens)
    service = ArmService(
        mode=mode,
        tokens=all_tokens,
        store=Store(db),
        faults=plan,
        batch_timing=BatchTiming(polls=batch_polls, seconds=batch_seconds),
        today=today,
        warnings=warnings,
    )
    main = token if token is not None else next(iter(all_tokens))
    return service, main


class _Base:
    service: ArmService
    app: Starlette
    token: str
    url: str

    @property
    def headers(self) -> dict[str, str]:
        """The Authorization header of :attr:`token`."""
        return {"Authorization": f"Bearer {self.token}"}

    @property
    def requests(self) -> list[dict[str, Any]]:
        """Every request so far, in order: method, path, query, endpoint, clientNo, body,
        status (None: dropped), fault. Never the token."""
        return self.service.requests

    def customers(self, client_no: int) -> list[dict[str, Any]]:
        """The client's stored customers, as GET answers them, oldest first."""
        return self.service.customers(int(client_no))

    def reset(self) -> None:
        """Forget every customer, query and batch, the recording, and restart the fault plan."""
        self.service.reset()


class _DropTransport(httpx.AsyncBaseTransport):
    """httpx's ASGI transport, with a dropped connection raised as httpx raises one."""

    def __init__(self, app: Any) -> None:
        self._inner = httpx.ASGITransport(app=app)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        try:
            return await self._inner.handle_async_request(request)
        except DroppedConnection:
            raise httpx.RemoteProtocolError(
                "server dropped the connection", request=request
            ) from None

    async def aclose(self) -> None:
        await self._inner.aclose()


class _SyncASGITransport(httpx.BaseTransport):
    """A synchronous httpx transport over the ASGI app: each request runs on a private event
    loop (so it must not be called from inside a running event loop)."""

    def __init__(self, app: Any) -> None:
        self._inner = _DropTransport(app)
        self._loop = asyncio.new_event_loop()
        self._lock = threading.Lock()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        body = request.read()
        copy = httpx.Request(request.method, request.url, headers=request.headers, content=body)
        copy.extensions = request.extensions

        async def run() -> tuple[httpx.Response, bytes]:
            response = await self._inner.handle_async_request(copy)
            return response, await response.aread()

        with self._lock:
            response, content = self._loop.run_until_complete(run())
        return httpx.Response(
            response.status_code,
            headers=response.headers,
            content=content,
            request=request,
            extensions={"http_version": b"HTTP/1.1"},
        )

    def close(self) -> None:
        with self._lock:
            if not self._loop.is_closed():
                self._loop.close()


class InProcessServer(_Base):
    """The stand-in in process, without sockets.

    ``transport()`` is an ``httpx.AsyncBaseTransport`` over the ASGI app; ``async_client()``
    and ``client()`` (a synchronous ``httpx.Client``) come with the base URL and the token's
    header set. A ``drop`` fault raises ``httpx.RemoteProtocolError`` as over a socket.
    Options as for :func:`serve`.
    """

    def __init__(
        self,
        *,
        mode: str = "lenient",
        token: str | None = None,
        tokens: Mapping[str, Iterable[int] | None] | None = None,
        db: str | PathLike[str] | None = None,
        faults: str | FaultPlan | None = None,
        seed: int = 0,
        base_path: str = DEFAULT_BASE_PATH,
        batch_polls: int = 1,
        batch_seconds: float = 0.0,
        today: datetime.date | None = None,
        warnings: str = "arm",
    ) -> None:
        self.service, self.token = _service(
            mode=mode,
            token=token,
            tokens=tokens,
            db=db,
            faults=faults,
            seed=seed,
            batch_polls=batch_polls,
            batch_seconds=batch_seconds,
            today=today,
            warnings=warnings,
        )
        self.app = create_app(self.service, base_path=base_path)
        self.origin = "http://arm.test"
        self.url = self.origin + self.app.state.base_path

    def transport(self) -> httpx.AsyncBaseTransport:
        return _DropTransport(self.app)

    def async_client(self, *, auth: bool = True, **kwargs: Any) -> httpx.AsyncClient:
        headers = {**(self.headers if auth else {}), **kwargs.pop("headers", {})}
        return httpx.AsyncClient(
            transport=self.transport(), base_url=self.url, headers=headers, **kwargs
        )

    def sync_transport(self) -> httpx.BaseTransport:
        """A synchronous httpx transport on the app (for ``httpx.Client(transport=...)``)."""
        return _SyncASGITransport(self.app)

    def client(self, *, auth: bool = True, **kwargs: Any) -> httpx.Client:
        """A synchronous ``httpx.Client`` on the app (not for use inside an event loop)."""
        headers = {**(self.headers if auth else {}), **kwargs.pop("headers", {})}
        return httpx.Client(
            transport=_SyncASGITransport(self.app), base_url=self.url, headers=headers, **kwargs
        )

    def close(self) -> None:
        self.service.store.close()


class RunningServer(_Base):
    """A stand-in served by uvicorn from a background thread (see :func:`serve`)."""

    def __init__(
        self, service: ArmService, app: Starlette, token: str, sock: socket.socket
    ) -> None:
        self.service, self.app, self.token = service, app, token
        host, port = sock.getsockname()[:2]
        self.host, self.port = host, int(port)
        shown = f"[{host}]" if ":" in host else host
        self.origin = f"http://{shown}:{self.port}"
        self.url = self.origin + app.state.base_path
        self._sock = sock
        config = uvicorn.Config(
            app,
            log_level="warning",
            lifespan="off",
            access_log=False,
            timeout_graceful_shutdown=2,
            timeout_keep_alive=30,
        )
        self._server = uvicorn.Server(config)
        self._thread: threading.Thread | None = None

    def start(self, timeout: float = 15.0) -> None:
        _quiet_drops()
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [self._sock]}, name="arm-stub", daemon=True
        )
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the ARM stand-in did not start")
            time.sleep(0.01)

    def stop(self) -> None:
        self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=10)
        self._sock.close()
        self.service.store.close()


def bind(host: str = "127.0.0.1", port: int = 0, *, allow_remote: bool = False) -> socket.socket:
    """A listening socket; a host that is no loopback address needs ``allow_remote``."""
    if not allow_remote and not is_loopback(host):
        raise ValueError(
            f"refusing to listen on {host!r}: not a loopback address (allow it explicitly: "
            "allow_remote=True, --allow-remote)"
        )
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # proto IPPROTO_TCP: asyncio sets TCP_NODELAY only on sockets that say they are TCP (with
    # proto 0, every answer waits for the peer's delayed ACK: ~40 ms a request)
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host.strip("[]"), port))
        sock.listen(512)
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


@contextmanager
def serve(
    *,
    mode: str = "lenient",
    token: str | None = None,
    tokens: Mapping[str, Iterable[int] | None] | None = None,
    db: str | PathLike[str] | None = None,
    faults: str | FaultPlan | None = None,
    seed: int = 0,
    host: str = "127.0.0.1",
    port: int = 0,
    base_path: str = DEFAULT_BASE_PATH,
    batch_polls: int = 1,
    batch_seconds: float = 0.0,
    allow_remote: bool = False,
    today: datetime.date | None = None,
    warnings: str = "arm",
) -> Iterator[RunningServer]:
    """Run the stand-in on ``host:port`` (port 0: a free one) for the ``with`` block.

    ``mode`` is ``"lenient"`` or ``"strict"``; ``token`` the Bearer token granted every client
    (default: a random one), ``tokens`` more tokens, each granted the client numbers listed
    (None: all); ``db`` a SQLite file (default: in memory); ``faults`` a fault SPEC or
    :class:`FaultPlan`, drawn with ``seed``; a batch completes after ``batch_polls`` polls
    answered 202 and ``batch_seconds`` seconds; ``today`` (default: the current date) is the
    date the validator compares birth and stop dates with; ``warnings`` what an answer's
    ``warnings`` hold (``"arm"``: what ARM would answer; ``"all"``: every warning-level
    finding; see :data:`armvalidate.stub.service.WARNINGS`).
    """
    service, main = _service(
        mode=mode,
        token=token,
        tokens=tokens,
        db=db,
        faults=faults,
        seed=seed,
        batch_polls=batch_polls,
        batch_seconds=batch_seconds,
        today=today,
        warnings=warnings,
    )
    app = create_app(service, base_path=base_path)
    sock = bind(host, port, allow_remote=allow_remote)
    server = RunningServer(service, app, main, sock)
    try:
        server.start()
        yield server
    finally:
        server.stop()
