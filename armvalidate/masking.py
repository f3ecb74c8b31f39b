"""Masking of personal data: the one place that decides what of a personal number is shown.

Fødselsnumre and account numbers never appear in full in a message, a log line or a report
unless the user asks for it (``--show-pii``). Only the last two characters stay visible, enough
to tell two values apart while fixing a file, never enough to identify a person.

:func:`mask` masks a value known to be personal; :func:`scrub` finds numbers in free text
(messages, paths, keys, column and file names) and masks them with :func:`mask`. It looks at a
*normalised view* of the text, so that a number cannot slip through in another dress:
fullwidth, Arabic-Indic or other Unicode digits, digits separated by invisible characters
(zero-width space, word joiner, soft hyphen, combining marks: anything a terminal does not
show), by separators of any kind (spaces and runs of them, ``_ / , : + ' . -``, letters,
escapes such as ``\\n`` or ``\\u200b`` that a renderer or ``repr`` writes).

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
import unicodedata

__all__ = ["mask", "redact_dates", "scrub"]

_KEEP = 2

_MIN_DIGITS = 11
"""A run of this many digits (with separators, :data:`_MAX_GAP`) is masked: a fødselsnummer, a
D- or H-number and a Norwegian account number all have eleven."""

_MAX_GAP = 4
"""How far apart (in separator units) two digits may be and still count as one number. A run
of whitespace or of punctuation is one unit, a letter or an escape (``\\n``, ``\\x0b``,
``\\u200b``) one each; invisible characters (format and combining) count nothing."""


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


# Characters that may stand for a digit: every Unicode decimal digit (\d in a str pattern:
# ASCII, fullwidth, Arabic-Indic, Devanagari, mathematical ...) and the compatibility forms
# NFKC turns into digits (superscripts, subscripts, circled and parenthesised digits).
_DIGIT_LIKE = re.compile(
    "[\\d\u00b2\u00b3\u00b9\u2070-\u2079\u2080-\u2089\u2460-\u249b\u24ea-\u24ff"
    "\u2776-\u2793\U0001f100-\U0001f10a]"
)
_ESCAPE = r"\\(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|N\{[^}]*\}|[ntrfvab0])"
_LETTER = r"[^\W\d]"  # a letter (or "_"): a unit of gap each
_TOKEN = re.compile(
    rf"(?P<d>[0-9])|(?P<w>{_LETTER}+)|{_ESCAPE}|\s+|[^\w\s\\]+|.", re.DOTALL
)  # a digit, a run of letters, an escape, a run of blanks, a run of punctuation, a backslash
_INVISIBLE = frozenset({"Cf", "Mn", "Mc", "Me", "Cc", "Co", "Cn"})
_FILLERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")  # letters that show as blank
_ASCII_HIDDEN = re.compile("[\x00-\x08\x0e-\x1b\x7f]")  # controls that are not blanks


def _enough_digits(text: str) -> bool:
    if text.isascii():  # (bytes.translate deletes in C; str.translate calls per character)
        return len(text) - len(text.encode().translate(None, b"0123456789")) >= _MIN_DIGITS
    return len(_DIGIT_LIKE.findall(text)) >= _MIN_DIGITS


def _view(text: str) -> tuple[str, list[int] | None]:
    """The normalised view of ``text``: invisible characters dropped, every digit (of any
    script, or a compatibility form) as its ASCII digit; and where each of its characters is
    in ``text`` (``None``: the same places, for plain ASCII text, the common case)."""
    if text.isascii() and _ASCII_HIDDEN.search(text) is None:
        return text, None
    chars: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        if ch.isascii():
            if _ASCII_HIDDEN.match(ch) is None:
                chars.append(ch)
                where.append(i)
            continue
        if ch in _FILLERS or (unicodedata.category(ch) in _INVISIBLE and not ch.isspace()):
            continue  # not shown: no separation at all
        digit = unicodedata.decimal(ch, None)
        if digit is None and _DIGIT_LIKE.match(ch):
            forms = [c for c in unicodedata.normalize("NFKC", ch) if c.isdecimal()]
            digit = unicodedata.decimal(forms[0]) if forms else None
        chars.append(ch if digit is None else str(digit))
        where.append(i)
    return "".join(chars), where


# The pre-filter's picture of ASCII text, for bytes.translate: a digit as "0", a letter (what
# the tokenizer's "w" takes) as "a", anything else as " ".
_SHAPES = bytes(
    48 if 48 <= b <= 57 else 97 if b < 128 and re.fullmatch(_LETTER, chr(b)) else 32
    for b in range(256)
)
_LONG_WORD = b"a" * (_MAX_GAP + 1)


def _may_hold_number(view: str) -> bool:
    """False only if the tokenizer of :func:`_number_spans` cannot find a number in ``view``.

    Without a backslash (no escapes), every run of five or more letters in ``view`` is one
    token of the tokenizer, a gap of more than :data:`_MAX_GAP` units, so a number never
    crosses it: a view in which no stretch between such runs holds eleven digits holds no
    number. Most messages with many digits are like that (a postcode and a date, a phone
    number and its region), and this costs a fraction of the tokenizer. Non-ASCII views and
    views with a backslash go to the tokenizer."""
    if not view.isascii() or "\\" in view:
        return True
    for part in view.encode().translate(_SHAPES).split(_LONG_WORD):
        if part.count(48) >= _MIN_DIGITS:  # (48: b"0")
            return True
    return False


def _number_spans(text: str) -> list[tuple[int, int]]:
    """The spans of ``text`` that hold eleven or more digits in the normalised view."""
    view, where = _view(text)
    if not _may_hold_number(view):
        return []
    return _tokenized_spans(view, where)


def _tokenized_spans(view: str, where: list[int] | None) -> list[tuple[int, int]]:
    """The spans of the numbers in ``view`` (:func:`_view`), as places in its text."""
    spans: list[tuple[int, int]] = []
    start = end = -1
    digits = 0
    gap = 0
    for match in _TOKEN.finditer(view):
        kind = match.lastgroup
        if kind == "d":
            if digits == 0 or gap > _MAX_GAP:
                if digits >= _MIN_DIGITS:
                    spans.append((start, end))
                start, digits = match.start(), 0
            digits += 1
            end = match.end()
            gap = 0
        elif kind == "w":
            gap += match.end() - match.start()  # a letter is a unit each
        else:
            gap += 1
    if digits >= _MIN_DIGITS:
        spans.append((start, end))
    if where is None:
        return spans
    return [(where[s], where[e - 1] + 1) for s, e in spans]


_SCRUBBED: dict[str, str] = {}  # short texts already scrubbed (messages come again and again)


def scrub(text: str) -> str:
    """Mask every number of eleven or more digits in ``text`` (see the module's docstring for
    what counts as one): the safety net under every message, path, field, column and file name
    of a finding, whatever put the number there. The whole span from its first digit to its
    last, separators included, goes through :func:`mask`.

    >>> scrub("ssn 12015641779 and account 8150.13.66584 but phone 99887766")
    'ssn *********79 and account ***********84 but phone 99887766'
    >>> scrub("key 1201\\u200b5641779"), scrub("１２０１５６４１７７９")
    ('key **********79', '*********７９')
    >>> scrub("a 1_2/0,1:5+6'4 1a7b7c9 z")
    'a *******************c9 z'
    """
    if len(text) < _MIN_DIGITS:
        return text
    done = _SCRUBBED.get(text)
    if done is not None:
        return done
    if not _enough_digits(text):
        if len(text) <= 512 and text.__class__ is str:
            if len(_SCRUBBED) >= 4096:
                _SCRUBBED.clear()
            _SCRUBBED[text] = text
        return text
    spans = _number_spans(text)
    out: list[str] = []
    at = 0
    for start, end in spans:
        out.append(text[at:start])
        out.append(mask(text[start:end]))
        at = end
    out.append(text[at:])
    scrubbed = "".join(out) if spans else text
    if len(text) <= 512 and text.__class__ is str:
        if len(_SCRUBBED) >= 4096:
            _SCRUBBED.clear()
        _SCRUBBED[text] = scrubbed
    return scrubbed


_ISO_DATE = re.compile(r"\b([0-9]{4})-[0-9]{1,2}-[0-9]{1,2}\b")
_DOTTED_DATE = re.compile(r"\b[0-9]{1,2}\.[0-9]{1,2}\.([0-9]{4})\b")


def redact_dates(text: str) -> str:
    """Hide the day and the month of the dates in ``text``, keep the year.

    A birth date next to a masked personal number would narrow the number down to a few
    hundred candidates (the date gives its first six digits); the year alone leaves
    thousands. Used for the findings about birth dates and personal numbers.

    >>> redact_dates("yearOfBirth 1958 does not match dateOfBirth 1956-01-12; 12.01.1956")
    'yearOfBirth 1958 does not match dateOfBirth 1956-**-**; **.**.1956'
    """
    if "-" not in text and "." not in text:
        return text
    text = _ISO_DATE.sub(r"\1-**-**", text)
    return _DOTTED_DATE.sub(r"**.**.\1", text)
