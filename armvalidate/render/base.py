"""The renderer interface: a head, one piece of text per record, a tail.

Renderers are pure: the same results give the same text, with no I/O, no clock, no terminal.
Streaming keeps memory flat on big inputs: the CLI writes ``head``, then ``record`` for every
record as it is checked, then ``tail`` with the final summary. A format whose head needs the
totals (junit) says so with ``head_needs_summary``; the CLI then spools the records first.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Sequence
from typing import Any, ClassVar

from armvalidate.catalog import Rule
from armvalidate.render.model import Finding, RecordResult, Summary

__all__ = ["Renderer", "json_raw", "json_safe", "json_text", "one_line", "value_text"]


class Renderer:
    """Base class of the output formats."""

    name: ClassVar[str] = ""
    head_needs_summary: ClassVar[bool] = False

    def __init__(
        self,
        *,
        show_pii: bool = False,
        strict: bool = False,
        rules: Sequence[Rule] = (),
        version: str = "",
        color: bool = False,
        quiet: bool = False,
    ) -> None:
        self.show_pii = show_pii
        self.strict = strict
        self.rules = tuple(rules)
        self.version = version
        self.color = color
        """Colour by severity (ANSI); only the text format uses it, and only the caller knows
        whether the output is a terminal (``--color``)."""
        self.quiet = quiet
        """Findings only: no summary (the text format's table and totals)."""

    def head(self, summary: Summary | None) -> str:
        """Text before the first record (``summary`` is given only if ``head_needs_summary``)."""
        return ""

    def record(self, result: RecordResult) -> str:
        """The text for one record (often empty for a record without findings)."""
        return "".join(self.finding(f) for f in result.findings)

    def finding(self, finding: Finding) -> str:
        return ""

    def tail(self, summary: Summary) -> str:
        """Text after the last record."""
        return ""

    def render(self, results: Iterable[RecordResult], summary: Summary) -> str:
        """Everything at once (for tests and small inputs)."""
        body = "".join(self.record(r) for r in results)
        head = self.head(summary if self.head_needs_summary else None)
        return head + body + self.tail(summary)


def value_text(finding: Finding, show_pii: bool) -> str | None:
    """The raw offending value as JSON text, or ``None`` unless ``show_pii`` is set.

    This is the only place a renderer touches ``Issue.value``.
    """
    if not show_pii or finding.issue.value is None:
        return None
    value: Any = finding.issue.value
    return json.dumps(value, ensure_ascii=False, default=str)


# C0 and C1 controls (with DEL), the Unicode line and paragraph separators, and the bidi
# controls that reorder what a terminal or a browser shows ("Trojan Source").
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# None of these is printable (``str.isprintable``: they are of the categories Cc, Cf, Zl, Zp),
# so a printable text needs no search: ``isprintable`` looks at a character a few times faster
# than the search does (the text renderers' costliest step on findings that quote input).
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    ch = match.group()
    return _NAMED.get(ch) or (f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}")


def _escape_unless_break(match: re.Match[str]) -> str:
    ch = match.group()
    return ch if ch in "\r\n" else _escape(match)


def one_line(text: str, *, keep_line_breaks: bool = False) -> str:
    """``text`` fit for one line of a terminal or a CI log, escaped the way Python writes it.

    Text from the input (keys in paths, values quoted by messages, file names) must not break
    the line of its finding (a forged finding line), nor send escape sequences to a terminal.
    ``keep_line_breaks`` leaves CR and LF for a format that escapes them its own way.

    >>> print(one_line("a\\nb\\tc\\x1b[2J\\u202e"))
    a\\nb\\tc\\x1b[2J\\u202e
    >>> one_line("Ødegård 50 %"), one_line("a\\n\\x07", keep_line_breaks=True)
    ('Ødegård 50 %', 'a\\n\\\\x07')
    """
    if text.isprintable() or _UNSAFE.search(text) is None:  # (see _UNSAFE)
        return text
    return _UNSAFE.sub(_escape_unless_break if keep_line_breaks else _escape, text)


def _finite(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite(v) for v in value]
    return value


def json_text(obj: Any) -> str:
    """Strict JSON (RFC 8259) on one line for ``obj``: a NaN or an infinity is written as a
    string; the characters :func:`one_line` escapes are ``\\u`` escapes (JSON escapes only
    C0 controls itself; DEL, C1 controls, U+2028 and bidi controls would reach a terminal,
    and ``str.splitlines`` breaks a JSONL line at U+0085 and U+2028).

    >>> json_text({"limitAmount": float("nan"), "x": [float("-inf"), 1.5]})
    '{"limitAmount": "NaN", "x": ["-Infinity", 1.5]}'
    >>> print(json_text(["Bodø\\x1b\\x85\\u2028"]))
    ["Bodø\\u001b\\u0085\\u2028"]
    """
    return json_safe(json_raw(obj))


def json_raw(obj: Any) -> str:
    """``obj`` as JSON, before :func:`json_safe`: what :func:`json_text` is made of, for a
    renderer that puts a JSON text together from parts (JSON outside its strings is ASCII,
    so :func:`json_safe` of the whole is the parts' :func:`json_safe` joined)."""
    try:
        return _encode(obj)
    except ValueError:  # a non-finite float somewhere: rare, so only then the copy
        return _encode(_finite(obj))


_encode = json.JSONEncoder(ensure_ascii=False, default=str, allow_nan=False).encode
"""``json.dumps(obj, ensure_ascii=False, default=str, allow_nan=False)`` without making an
encoder for each call (``json.dumps`` makes one whenever an option is not its default)."""


def json_safe(text: str) -> str:
    """JSON ``text`` with the characters :func:`one_line` escapes written as ``\\u``
    escapes (they can only be in its strings)."""
    if text.isascii():  # (JSON escapes the C0 controls: DEL is the only one left)
        if "\x7f" not in text:
            return text
    elif text.isprintable() or _UNSAFE.search(text) is None:
        return text
    return _UNSAFE.sub(_unicode_escape, text)


def _unicode_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"
