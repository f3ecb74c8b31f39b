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

import re

__all__ = ["mask", "scrub"]

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


# Eleven or more digits, possibly with separators between them (below): the shape
# of a personal number or an account number, wherever it turns up. _CANDIDATE is a cheap
# pre-filter (any run of eleven digits and separators) so that most messages skip the sub().
# The separators are the ones the identifier modules strip (no/_util.py): spaces (also the
# no-break ones), tabs, dots and hyphens, up to three in a row, also as the escapes repr()
# writes for them in a quoted value (\xa0, \u202f, \t).
_SEPARATOR = r"(?:[ \t\u00a0\u202f.\-]|\\x[0-9a-f]{2}|\\u[0-9a-f]{4}|\\t)"
_LONG_NUMBER = re.compile(rf"[0-9](?:{_SEPARATOR}{{0,3}}[0-9]){{10,}}")
_CANDIDATE = re.compile(r"[0-9][0-9 \t\u00a0\u202f.\-\\xuta-f]{9,}[0-9]")


def _mask_match(match: re.Match[str]) -> str:
    return mask(match.group(0))


def scrub(text: str) -> str:
    """Mask every run of eleven or more digits in ``text``: the safety net under every message,
    path and field name of a finding, whatever put the number there.

    >>> scrub("ssn 12015641779 and account 8150.13.66584 but phone 99887766")
    'ssn *********79 and account ***********84 but phone 99887766'
    """
    if _CANDIDATE.search(text) is None:
        return text
    return _LONG_NUMBER.sub(_mask_match, text)
