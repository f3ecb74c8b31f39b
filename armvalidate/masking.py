"""Masking of personal data: the one function every message and renderer uses.

Fødselsnumre and account numbers never appear in full in a message, a log line or a report
unless the user asks for it (``--show-pii``). Only the last two characters stay visible, enough
to tell two values apart while fixing a file, never enough to identify a person.

>>> mask("12015641779")
'*********79'
>>> mask("8150 13 66584")
'***********84'
>>> mask("")
''
>>> mask(None)
'null'
"""

from __future__ import annotations

__all__ = ["mask"]

_KEEP = 2


def mask(value: object) -> str:
    """Return ``value`` as text with all but its last two characters replaced by ``*``.

    Values of three characters or fewer are masked entirely. Non-strings are masked through
    their ``repr`` so that nothing of them leaks either.
    """
    if value is None:
        return "null"
    text = value if isinstance(value, str) else repr(value)
    if len(text) <= 3:
        return "*" * len(text)
    if len(text) > 64:
        return "*" * 8 + f"... ({len(text)} characters)"
    return "*" * (len(text) - _KEEP) + text[-_KEEP:]
