"""Forked worker processes for ``check --jobs``, driven without threads.

Each worker is a child process forked from the checker with one end of a socket pair; it reads a
request (a length-prefixed pickle), answers it with the result of ``work(request)`` and waits for
the next. The checker's end is non-blocking and is served from the checker's own thread by
:meth:`Workers.pump`: it writes what the socket takes, reads what has arrived, and never blocks
unless asked to wait for a result. Requests are answered in the order they were sent, each by
the worker it went to.

Why not :class:`concurrent.futures.ProcessPoolExecutor`: its feeder and result threads need the
checker's GIL, which the checker's main thread holds while it reads, renders and (when the
workers are busy) validates records itself; they got it late and the workers sat idle.

Only where ``fork`` is safe (see :func:`can_fork`); elsewhere the engine uses the executor.
"""

from __future__ import annotations

import contextlib
import copyreg
import gc
import io
import os
import pickle
import selectors
import signal
import socket
import struct
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NoReturn

__all__ = ["WorkerError", "Workers", "can_fork"]

_HEADER = struct.Struct("!Q")
_RECV = 1 << 20
_EXIT_WAIT = 2.0  # seconds a worker may take to finish its request after the checker is done


class WorkerError(RuntimeError):
    """A worker process died or could not answer a request."""


def can_fork() -> bool:
    """Is forking this process safe: Linux, and no other thread running (a fork copies only
    the calling thread, with whatever locks the others held)?"""
    return sys.platform == "linux" and hasattr(os, "fork") and threading.active_count() == 1


@dataclass(eq=False)
class _Link:
    """The checker's side of one worker."""

    pid: int
    sock: socket.socket
    outbox: bytearray = field(default_factory=bytearray)
    inbox: bytearray = field(default_factory=bytearray)
    tickets: deque[int] = field(default_factory=deque)
    events: int = selectors.EVENT_READ


class Workers:
    """``count`` forked processes that each answer requests with ``work(request)``.

    ``initializer(*initargs)`` runs once in each worker before its first request. Requests
    and answers are pickled (the answers with ``reducers`` in the pickler's dispatch table, see
    :mod:`copyreg`: a cheaper way to send objects of a class that the checker takes in
    thousands); an exception raised by ``work`` comes back as a :class:`WorkerError` from
    :meth:`result`.

    >>> with Workers(1, work=sorted) as workers:
    ...     ticket = workers.submit([3, 1, 2])
    ...     workers.result(ticket)
    [1, 2, 3]
    """

    def __init__(
        self,
        count: int,
        *,
        work: Callable[[Any], Any],
        initializer: Callable[..., None] | None = None,
        initargs: Sequence[Any] = (),
        reducers: Mapping[type, Callable[[Any], Any]] | None = None,
    ) -> None:
        self._reducers = dict(reducers or {})
        self._links: list[_Link] = []
        self._results: dict[int, bytes] = {}
        self.exitcodes: list[int | None] = []
        """The workers' exit codes once :meth:`close` has reaped them."""
        self._next = 0
        self._closed = False
        gc.freeze()  # the children's collections leave the objects inherited here untouched
        try:
            for _ in range(max(1, count)):
                self._links.append(self._fork(work, initializer, tuple(initargs)))
        except BaseException:
            self.close()
            raise
        finally:
            gc.unfreeze()
        self._selector = selectors.DefaultSelector()  # (made after the forks: not inherited)
        for link in self._links:
            self._selector.register(link.sock, link.events, link)

    def _fork(
        self,
        work: Callable[[Any], Any],
        initializer: Callable[..., None] | None,
        initargs: tuple[Any, ...],
    ) -> _Link:
        ours, theirs = socket.socketpair()
        inherited = [link.sock for link in self._links]
        pid = os.fork()  # (nothing to flush first: the child never writes to inherited files)
        if pid == 0:  # pragma: no cover - the child; its coverage is not collected
            _serve(theirs, [*inherited, ours], work, initializer, initargs, self._reducers)
        theirs.close()
        ours.setblocking(False)
        return _Link(pid, ours)

    # -- requests and results --------------------------------------------------------------

    def submit(self, request: Any) -> int:
        """Send ``request`` to the least busy worker; returns the ticket of its result."""
        link = min(self._links, key=lambda link: len(link.tickets))
        data = pickle.dumps(request, protocol=pickle.HIGHEST_PROTOCOL)
        link.outbox += _HEADER.pack(len(data))
        link.outbox += data
        ticket = self._next
        self._next += 1
        link.tickets.append(ticket)
        self._send(link)
        return ticket

    def ready(self, ticket: int) -> bool:
        """Has the result of ``ticket`` arrived (call :meth:`pump` to take in what has)?"""
        return ticket in self._results

    def result(self, ticket: int) -> Any:
        """The result of ``ticket``, waiting for it if need be; each ticket's result is given
        once."""
        while ticket not in self._results:
            self.pump(None)
        status, value = pickle.loads(self._results.pop(ticket))
        if status != "ok":
            raise WorkerError(f"a worker process failed on a chunk of records: {value}")
        return value

    def pump(self, timeout: float | None = 0) -> None:
        """Send what the sockets take and take in what has arrived; waits up to ``timeout``
        seconds (``None``: until something happens) when nothing can be done at once."""
        for link in self._links:
            wanted = selectors.EVENT_READ | (selectors.EVENT_WRITE if link.outbox else 0)
            if wanted != link.events:
                link.events = wanted
                self._selector.modify(link.sock, wanted, link)
        for key, events in self._selector.select(timeout):
            link = key.data
            if events & selectors.EVENT_WRITE:
                self._send(link)
            if events & selectors.EVENT_READ:
                self._receive(link)

    def _send(self, link: _Link) -> None:
        if not link.outbox:
            return
        try:
            sent = link.sock.send(link.outbox)
        except BlockingIOError:
            return
        except OSError:
            self._died(link)
        del link.outbox[:sent]

    def _receive(self, link: _Link) -> None:
        try:
            data = link.sock.recv(_RECV)
        except BlockingIOError:
            return
        except OSError:
            data = b""
        if not data:
            self._died(link)
        inbox = link.inbox
        inbox += data
        while len(inbox) >= _HEADER.size:
            (size,) = _HEADER.unpack_from(inbox)
            end = _HEADER.size + size
            if len(inbox) < end:
                break
            with memoryview(inbox) as view:
                self._results[link.tickets.popleft()] = bytes(view[_HEADER.size : end])
            del inbox[:end]

    def _died(self, link: _Link) -> NoReturn:
        pid, status = 0, 0
        deadline = time.monotonic() + 1.0  # its socket closes a moment before it is gone
        with contextlib.suppress(ChildProcessError):
            while not pid and time.monotonic() < deadline:
                pid, status = os.waitpid(link.pid, os.WNOHANG)
                if not pid:
                    time.sleep(0.002)
        how = "ended"
        if pid and os.WIFSIGNALED(status):
            number = os.WTERMSIG(status)
            try:
                name = signal.Signals(number).name
            except ValueError:
                name = str(number)
            how = f"was killed by signal {number} ({name})"
        elif pid:
            how = f"ended with exit status {os.waitstatus_to_exitcode(status)}"
        raise WorkerError(f"a worker process {how} before it answered")

    # -- the end ---------------------------------------------------------------------------

    def close(self) -> None:
        """Close the sockets (a worker exits when it reads their end) and reap the workers;
        one that has not exited after its current request is killed."""
        if self._closed:
            return
        self._closed = True
        selector = getattr(self, "_selector", None)
        for link in self._links:
            if selector is not None:
                with contextlib.suppress(KeyError, ValueError):
                    selector.unregister(link.sock)
            link.sock.close()
        if selector is not None:
            selector.close()
        deadline = time.monotonic() + _EXIT_WAIT
        self.exitcodes = [_reap(link.pid, deadline) for link in self._links]
        self._links = []
        self._results.clear()

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _reap(pid: int, deadline: float) -> int | None:
    """Wait for a worker until ``deadline``, then kill it; its exit code as
    :attr:`multiprocessing.Process.exitcode` gives it (``-9``: killed), ``None`` if it was
    already reaped."""
    while True:
        try:
            done, status = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            return None
        if done:
            return os.waitstatus_to_exitcode(status)
        if time.monotonic() >= deadline:
            try:
                os.kill(pid, signal.SIGKILL)
                _, status = os.waitpid(pid, 0)
            except (ProcessLookupError, ChildProcessError):
                return None
            return os.waitstatus_to_exitcode(status)
        time.sleep(0.002)


# -- the worker side -----------------------------------------------------------------------


def _serve(
    sock: socket.socket,
    inherited: list[socket.socket],
    work: Callable[[Any], Any],
    initializer: Callable[..., None] | None,
    initargs: tuple[Any, ...],
    reducers: Mapping[type, Callable[[Any], Any]],
) -> NoReturn:  # pragma: no cover - runs in the child
    """Answer requests until the checker closes its end; never returns (``os._exit``, so
    nothing inherited, such as buffered output, is flushed twice)."""
    code = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the checker decides when to stop
        signal.signal(signal.SIGTERM, signal.SIG_DFL)  # (not the checker's clean-up handler)
        for other in inherited:  # the checker's ends: keeping them would hide its EOF
            other.close()
        if initializer is not None:
            initializer(*initargs)
        while True:
            header = _recv_exact(sock, _HEADER.size)
            if header is None:
                break
            (size,) = _HEADER.unpack(header)
            data = _recv_exact(sock, size)
            if data is None:
                break
            try:
                answer: tuple[str, Any] = ("ok", work(pickle.loads(data)))
                reply = _dumps(answer, reducers)
            except Exception as exc:
                reply = pickle.dumps(("error", type(exc).__name__))
            sock.sendall(_HEADER.pack(len(reply)) + reply)
    except BaseException:
        code = 1
    finally:
        os._exit(code)


def _dumps(obj: Any, reducers: Mapping[type, Callable[[Any], Any]]) -> bytes:
    """``obj`` pickled, with ``reducers`` before :data:`copyreg.dispatch_table`."""
    if not reducers:
        return pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = {**copyreg.dispatch_table, **reducers}
    pickler.dump(obj)
    return buffer.getvalue()


def _recv_exact(sock: socket.socket, size: int) -> bytearray | None:
    """``size`` bytes, or ``None`` at the end of the stream."""
    buffer = bytearray(size)
    view = memoryview(buffer)
    got = 0
    while got < size:
        n = sock.recv_into(view[got:])
        if n == 0:
            return None
        got += n
    return buffer
