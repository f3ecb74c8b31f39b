"""Output plumbing for the commands: UTF-8 streams, spooling, output files written aside and
renamed when complete, and the progress display."""

from __future__ import annotations

import contextlib
import errno
import io
import os
import signal
import stat
import sys
import tempfile
from collections.abc import Iterator
from typing import IO, Any

__all__ = [
    "OutputFile",
    "same_target",
    "spool",
    "std_binary",
    "terminate_cleanly",
    "text_stream",
    "write_error_text",
]


class OutputFile:
    """An output the command writes: ``-`` is stdout; a regular file (or a new one) is written
    to a hidden temporary file beside it and renamed over it only by :meth:`commit`, so that a
    reader never finds a partial file under the name (after a full disk, a signal, a crash:
    :meth:`discard` removes the temporary file, and one left by a ``kill -9`` is a dot-file
    ending in ``.partial``). A new file gets mode 0600 (it holds personal data); an existing
    one keeps its mode. Something that is not a regular file (``/dev/null``, a FIFO) is
    written directly.

    Raises ``OSError`` when the file cannot be created.
    """

    def __init__(self, path: str) -> None:
        self.path = path
        self._temp: str | None = None
        self.stdout = path == "-"
        if self.stdout:
            self.stream: IO[bytes] = std_binary("stdout")
            return
        try:
            st: os.stat_result | None = os.stat(path)
        except FileNotFoundError:
            st = None
        if st is not None and not stat.S_ISREG(st.st_mode):
            self.stream = open(path, "wb")  # noqa: SIM115
            return
        directory, base = os.path.split(os.path.abspath(path))
        fd, self._temp = tempfile.mkstemp(prefix=f".{base}.", suffix=".partial", dir=directory)
        if st is not None:
            with contextlib.suppress(OSError):
                os.chmod(self._temp, stat.S_IMODE(st.st_mode))
        self.stream = os.fdopen(fd, "wb")

    def commit(self) -> None:
        """Flush, and put the complete file in its place."""
        if self.stdout:
            self.stream.flush()
            return
        self.stream.close()
        if self._temp is not None:
            os.replace(self._temp, self.path)
            self._temp = None

    def discard(self) -> None:
        """Give up: the temporary file goes (the file under the name is left as it was)."""
        if not self.stdout and not self.stream.closed:
            with contextlib.suppress(OSError):
                self.stream.close()
        if self._temp is not None:
            with contextlib.suppress(OSError):
                os.unlink(self._temp)
            self._temp = None


def same_target(a: str, b: str) -> bool:
    """Do two output names name the same file (``-`` is stdout)?

    >>> same_target("-", "-"), same_target("a/../b.txt", "b.txt"), same_target("-", "b")
    (True, True, False)
    """
    if a == "-" or b == "-":
        return a == b
    if os.path.realpath(a) == os.path.realpath(b):
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def write_error_text(exc: OSError, what: str) -> str:
    """A plain message for an output that could not be written (a full disk: no "internal
    error")."""
    reason = exc.strerror or str(exc) or type(exc).__name__
    if exc.errno == errno.ENOSPC:
        reason = "no space left on the device"
    return f"cannot write {what}: {reason}; the output is incomplete and was not kept"


class Terminated(SystemExit):
    """SIGTERM (or SIGHUP) arrived: ends the command through its clean-up code (exit 143)."""


@contextlib.contextmanager
def terminate_cleanly() -> Iterator[None]:
    """While inside, SIGTERM and SIGHUP raise :class:`Terminated` instead of killing the
    process at once, so output files being written are removed, not left half-written.
    (Only in the main thread; elsewhere nothing changes.)"""
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, frame: Any) -> None:
        raise Terminated(128 + signum)

    saved = {}
    for sig in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
        if sig is not None:
            saved[sig] = signal.signal(sig, handler)
    try:
        yield
    finally:
        for sig, old in saved.items():
            signal.signal(sig, old)


def std_binary(name: str) -> IO[bytes]:
    """The binary layer of ``sys.stdin`` or ``sys.stdout`` (also under click's test runner)."""
    stream = sys.stdin if name == "stdin" else sys.stdout
    if stream is None:  # started with the descriptor closed (``>&-``)
        raise OSError(errno.EBADF, f"{name} is closed")
    if name != "stdin":
        stream.flush()
    buffer = getattr(stream, "buffer", None)
    if buffer is None:  # pragma: no cover - a text-only stream put in place by some host
        raise OSError(errno.EBADF, f"{name} has no binary layer")
    return buffer  # type: ignore[no-any-return]


def text_stream(binary: IO[bytes]) -> io.TextIOWrapper:
    """A UTF-8 text stream over ``binary``, whatever the locale says.

    ``backslashreplace`` keeps a lone surrogate from a ``\\udc80`` escape in the input from
    crashing the output (in JSON output it even reads back as the same escape).
    """
    return io.TextIOWrapper(
        binary, encoding="utf-8", errors="backslashreplace", newline="", write_through=False
    )


def spool() -> IO[str]:
    """A text buffer that moves to a temporary file when it grows (for junit's body)."""
    return tempfile.SpooledTemporaryFile(
        max_size=16 << 20, mode="w+t", encoding="utf-8", errors="backslashreplace", newline=""
    )
