"""The progress display of ``armvalidate check`` and ``armvalidate generate``: on stderr, only on
a terminal.

When the size of the work is known (``check``: the bytes of the input files, not stdin;
``generate``: the number of fixtures), it shows a bar, the percentage done, the records (or
fixtures) so far, the elapsed time and an estimate of the time left; otherwise the records and
the elapsed time. It appears after a second (short runs never show it), vanishes at the end and
never touches stdout, so it cannot change the findings or the fixtures.
"""

from __future__ import annotations

import io
import os
import sys
import time
from typing import IO, Any

__all__ = ["ByteCounter", "CountingReader", "Progress", "input_size"]


class ByteCounter:
    """Bytes read so far, over every input of a run."""

    def __init__(self) -> None:
        self.read = 0


class CountingReader(io.RawIOBase):
    """A binary stream that adds what it reads to a :class:`ByteCounter`.

    >>> counter = ByteCounter()
    >>> reader = io.BufferedReader(CountingReader(io.BytesIO(b"abcdef"), counter))
    >>> reader.read(), counter.read
    (b'abcdef', 6)
    """

    def __init__(self, stream: IO[bytes], counter: ByteCounter) -> None:
        super().__init__()
        self._stream = stream
        self._counter = counter

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._stream.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        self._counter.read += n
        return n


def input_size(paths: list[str]) -> int | None:
    """The total size of the inputs in bytes, or ``None`` when one is stdin or not a file."""
    total = 0
    for path in paths:
        if path == "-":
            return None
        try:
            stat = os.stat(path)
        except OSError:
            continue  # reported as unreadable later
        if not os.path.isfile(path):
            return None
        total += stat.st_size
    return total


class Progress:
    """A progress line on stderr for long runs, only when stderr is a terminal.

    ``total`` is the size of the work (``None``: unknown): with a ``counter``, the size of the
    input in bytes and ``counter`` the bytes read; without one, the number of records (or, with
    ``unit="fixtures"``, of fixtures) that :meth:`update` counts up to.
    """

    def __init__(
        self,
        *,
        enabled: bool | None = None,
        delay: float = 1.0,
        total: int | None = None,
        counter: ByteCounter | None = None,
        console: Any = None,
        unit: str = "records",
    ) -> None:
        if enabled is None:
            enabled = sys.stderr.isatty()
        self.enabled = enabled
        self.delay = delay
        self.total = total if total else None
        self.counter = counter
        self.unit = unit
        self.console = console
        """Where to draw (a ``rich`` console; default: stderr)."""
        self._start = time.monotonic()
        self._progress: Any = None
        self._task: Any = None
        self.description = ""

    def update(self, records: int, *, done: int | None = None) -> None:
        """``records`` so far (drawn every 64); ``done``: the work done, when it is not
        ``records`` (nor the bytes the counter has read)."""
        if not self.enabled or records % 64:
            return
        if self._progress is None:
            if time.monotonic() - self._start < self.delay:
                return
            self._begin()
        if done is None:
            done = self.counter.read if self.counter is not None and self.total else records
        self._progress.update(
            self._task, completed=done, records=records, description=self.description
        )

    def _begin(self) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            SpinnerColumn,
            TaskProgressColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )
        from rich.progress import Progress as RichProgress

        columns: list[Any] = [SpinnerColumn(), TextColumn("{task.description}")]
        if self.total is not None:
            columns += [BarColumn(), TaskProgressColumn()]
        columns += [TextColumn(f"{{task.fields[records]:,}} {self.unit}"), TimeElapsedColumn()]
        if self.total is not None:
            columns += [TextColumn("ETA"), TimeRemainingColumn()]
        console = self.console if self.console is not None else Console(stderr=True)
        self._progress = RichProgress(*columns, console=console, transient=True)
        self._progress.start()
        self._task = self._progress.add_task(
            self.description or "checking", total=self.total, records=0
        )

    def stop(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None
