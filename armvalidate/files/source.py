"""The byte stream every reader reads from: any binary stream, with push-back (``unread``),
``peek`` and lines of bounded size, so that a reader can look ahead (to tell the format, the
CSV delimiter) and never holds more than one record.

It knows nothing of records or formats; it imports the standard library, and this package's
:mod:`~armvalidate.files.records` for the size it reads at a time.

>>> source = Source(io.BytesIO(b"first\\r\\nsecond"))
>>> source.peek_upto(3), source.readline_upto(100), source.readline_upto(3)
(b'fir', (b'first\\r\\n', False), (b'', True))
"""

from __future__ import annotations

import io
from typing import IO, Any

import armvalidate.files.records as _records

__all__ = ["BOM", "Source"]

BOM = b"\xef\xbb\xbf"
"""The UTF-8 byte order mark (Excel writes one)."""


class Source(io.RawIOBase):
    """A readable binary stream over another, with ``unread`` (push-back) and ``peek``.

    Pending bytes are consumed by moving an offset, never by slicing the buffer per line.
    """

    def __init__(self, stream: IO[bytes]) -> None:
        super().__init__()
        self._stream = stream
        self._pending = b""
        self._pos = 0
        self._lf: int | None = None
        self._cr: int | None = None

    def readable(self) -> bool:
        return True

    def unread(self, data: bytes) -> None:
        self._pending = data + self._pending[self._pos :]
        self._pos = 0
        self._lf = self._cr = None

    def _refill(self) -> bool:
        self._pending = self._stream.read(_records.CHUNK)
        self._pos = 0
        self._lf = self._cr = None
        return bool(self._pending)

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        available = len(self._pending) - self._pos
        if available > 0:
            n = min(len(view), available)
            view[:n] = self._pending[self._pos : self._pos + n]
            self._pos += n
            return n
        data = self._stream.read(len(view))
        n = len(data)
        view[:n] = data
        return n

    def read_upto(self, size: int) -> bytes:
        """Up to ``size`` bytes: fewer only at the end of the stream."""
        parts: list[bytes] = []
        want = size
        while want > 0:
            chunk = self.read(min(want, _records.CHUNK))
            if not chunk:
                break
            parts.append(chunk)
            want -= len(chunk)
        return b"".join(parts)

    def peek_upto(self, size: int) -> bytes:
        data = self.read_upto(size)
        self.unread(data)
        return data

    def _line_end(self) -> tuple[int, int]:
        """Where the next line of the pending bytes ends: (start, end) of its line end (CR,
        LF or CRLF), or (-1, len) if the pending bytes hold none. A CR that ends the pending
        bytes is looked past, so that a CRLF cut by a chunk boundary stays one line end."""
        cut = self._eol()
        if cut < 0:
            return -1, len(self._pending)
        end = cut + 1
        if self._pending[cut] == 0x0D:
            if end == len(self._pending):
                more = self._stream.read(_records.CHUNK)
                if more:
                    self._pending = self._pending[self._pos :] + more
                    cut -= self._pos
                    end -= self._pos
                    self._pos = 0
                    self._lf = self._cr = None
            if end < len(self._pending) and self._pending[end] == 0x0A:
                end += 1
        return cut, end

    def _eol(self) -> int:
        """Where the first CR or LF at or after ``_pos`` is in the pending bytes, or -1.

        Each byte is looked for with ``bytes.find`` (``memchr``; a regular expression's
        character class took 100 instructions a byte), and where it was found is kept until
        ``_pos`` passes it or the pending bytes change: a file of lone CRs (no LF) or of LFs
        only is not searched to its end again for every line."""
        pos = self._pos
        pending = self._pending
        lf = self._lf
        if lf is None or 0 <= lf < pos:
            lf = self._lf = pending.find(b"\n", pos)
        cr = self._cr
        if cr is None or 0 <= cr < pos:
            cr = self._cr = pending.find(b"\r", pos)
        if lf < 0:
            return cr
        if cr < 0:
            return lf
        return lf if lf < cr else cr

    def readline_upto(self, limit: int) -> tuple[bytes, bool]:
        """One line (ended by LF, CRLF or a lone CR) of at most ``limit`` bytes; if longer,
        the rest of the line is skipped and the second value is True."""
        parts: list[bytes] = []
        size = 0
        while True:
            if self._pos >= len(self._pending) and not self._refill():
                return b"".join(parts), False
            cut, end = self._line_end()
            size += end - self._pos
            if size > limit:
                self._pos = end
                while cut < 0:  # too long: skip to the end of the line
                    if not self._refill():
                        break
                    cut, end = self._line_end()
                    self._pos = end
                return b"", True
            piece = self._pending[self._pos : end]
            self._pos = end
            if cut >= 0:
                if not parts:
                    return piece, False
                parts.append(piece)
                return b"".join(parts), False
            parts.append(piece)
