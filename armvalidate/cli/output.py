"""Output plumbing for the commands: UTF-8 streams, spooling, and the progress display."""

from __future__ import annotations

import io
import sys
import tempfile
import time
from typing import IO, Any

__all__ = ["Progress", "spool", "std_binary", "text_stream"]


def std_binary(name: str) -> IO[bytes]:
    """The binary layer of ``sys.stdin`` or ``sys.stdout`` (also under click's test runner)."""
    stream = sys.stdin if name == "stdin" else sys.stdout
    if name != "stdin":
        stream.flush()
    buffer = getattr(stream, "buffer", None)
    if buffer is None:  # pragma: no cover - a text-only stream put in place by some host
        raise OSError(f"{name} has no binary layer")
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


class Progress:
    """A progress line on stderr for long runs, only when stderr is a terminal.

    It appears after ``delay`` seconds (short runs never show it) and vanishes at the end; it
    never touches stdout, so it cannot change the findings.
    """

    def __init__(self, *, enabled: bool | None = None, delay: float = 1.0) -> None:
        if enabled is None:
            enabled = sys.stderr.isatty()
        self.enabled = enabled
        self.delay = delay
        self._start = time.monotonic()
        self._progress: Any = None
        self._task: Any = None
        self.description = ""

    def update(self, records: int) -> None:
        if not self.enabled or records % 64:
            return
        if self._progress is None:
            if time.monotonic() - self._start < self.delay:
                return
            from rich.console import Console
            from rich.progress import (
                Progress as RichProgress,
            )
            from rich.progress import (
                SpinnerColumn,
                TextColumn,
                TimeElapsedColumn,
            )

            self._progress = RichProgress(
                SpinnerColumn(),
                TextColumn("[progress.description]{task.description}"),
                TextColumn("{task.completed:,} records"),
                TimeElapsedColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self._progress.start()
            self._task = self._progress.add_task(self.description or "checking", total=None)
        self._progress.update(self._task, completed=records, description=self.description)

    def stop(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None
