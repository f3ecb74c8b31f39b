"""The state of one validation run: the profile's tables, the findings, the sanitizations.

Checks call :meth:`Context.emit` with a :class:`~armvalidate.catalog.Rule`; the context drops
findings of rules the profile switched off, applies severity overrides and records the finding
with its path. What costs (the JSON Pointer and field name, masking the personal numbers in
the message and context: :func:`finish`) is done when the finding is first read
(:func:`armvalidate.report.pending_issue`), or here when the parts are of a kind whose
formatting could run code of the caller's (a key or value of a subclass of ``str``...).
Sorting into payload order happens once, at the end (:mod:`armvalidate.collate`). Applying
the profile here, as each finding is made, is the pipeline's profile stage.

Room: imports the catalog, the profile's tables, the report, masking and field paths; every
check module imports it.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from armvalidate.catalog import Rule, Severity
from armvalidate.fields import Path, field_name, pointer
from armvalidate.masking import mask, scrub
from armvalidate.profile import Tables
from armvalidate.report import Issue, new_issue, pending_issue

__all__ = ["PII_KEYS", "Context", "blank", "scrub", "usable"]

PII_KEYS = frozenset({"ssn", "bankAccountNo"})
"""The keys whose values are personal numbers: their findings carry ``pii=True``."""


def _scrub_value(value: Any) -> Any:
    if isinstance(value, str):
        return scrub(value)
    if isinstance(value, (list, tuple)):
        return [_scrub_value(v) for v in value]
    return value


def _needs_scrub(value: Any) -> bool:
    if isinstance(value, str):
        return len(value) > 10 and scrub(value) != value
    if isinstance(value, (list, tuple)):
        return any(_needs_scrub(v) for v in value)
    return False


def _scrub_context(context: Mapping[str, Any]) -> Mapping[str, Any]:
    """``context`` with its strings scrubbed; the same mapping when nothing needs it."""
    for value in context.values():
        cls = value.__class__
        if cls is str:  # _needs_scrub(value), inline for the common types
            if len(value) > 10 and scrub(value) != value:
                break
        elif cls is not int and value is not None and _needs_scrub(value):
            break
    else:
        return context
    return {key: _scrub_value(v) for key, v in context.items()}


def usable(value: str) -> bool:
    """Whether a string is worth checking: not empty and not only whitespace.

    >>> usable("x"), usable(" "), usable("")
    (True, False, False)
    """
    return bool(value) and not value.isspace()


def blank(value: Any) -> bool:
    """True for a value that means "nothing": absent (None), empty or only whitespace.

    >>> blank(None), blank("  "), blank("x"), blank(0)
    (True, True, False, False)
    """
    return value is None or (isinstance(value, str) and not usable(value))


_NAMES: dict[Path, tuple[Path, str, str]] = {}  # path -> (that path, pointer, field name)


def _names(path: Path) -> tuple[Path, str, str]:
    """(``path``, its JSON pointer, its field name), scrubbed: a key can be a personal number
    too (a misspelled or unknown key). Cached for paths of string keys and int indexes only: a
    key of another type can equal a string key (and then its path the path of that string
    key), but it is written differently. A cached entry holds the path it was made for, so a
    caller that passes that same tuple again (the validator's paths are made once) may use
    the entry without looking at the parts: ``entry[0] is path``."""
    for part in path:
        if part.__class__ is not str and part.__class__ is not int:
            return path, scrub(pointer(path)), scrub(field_name(path))
    names = _NAMES.get(path)
    if names is None:
        names = (path, scrub(pointer(path)), scrub(field_name(path)))
        if len(_NAMES) >= 8192:
            _NAMES.clear()
        _NAMES[path] = names
    return names


def finish(
    path: Path, message: str, context: Mapping[str, Any] | None, value: Any, pii: bool
) -> tuple[str, str, str, Mapping[str, Any]]:
    """A finding's ``(path, field, message, context)`` as its Issue shows them: the JSON
    Pointer and field name of ``path``, and the message (with a personal ``value`` in it
    masked) and context scrubbed of anything shaped like a personal number."""
    if pii and isinstance(value, str) and len(value) > 3 and value in message:
        message = message.replace(value, mask(value))
    names = _NAMES.get(path)
    if names is None or names[0] is not path:  # (the same tuple: its parts were checked)
        names = _names(path)
    return names[1], names[2], scrub(message), _scrub_context(context) if context else {}


_PLAIN = frozenset({str, int, float, bool, type(None)})


def _plain(
    path: Path, message: Any, context: Mapping[str, Any] | None, value: Any, pii: bool
) -> bool:
    """Whether :func:`finish` runs only the code of built-in types on these parts (then it
    may run later, when the finding is read, and gives what it would give now): a message of
    type ``str``, path parts of types ``str`` and ``int``, the context a ``dict`` whose values
    are of built-in scalar types (or lists and tuples of them), and so is a personal value."""
    if message.__class__ is not str or (pii and value.__class__ not in _PLAIN):
        return False
    for part in path:
        if part.__class__ is not str and part.__class__ is not int:
            return False
    if context:
        if context.__class__ is not dict:
            return False
        for item in context.values():
            if item.__class__ not in _PLAIN:
                if item.__class__ is not list and item.__class__ is not tuple:
                    return False
                for each in item:
                    if each.__class__ not in _PLAIN:
                        return False
    return True


class Context:
    """Findings, sanitizations and cross-field facts of one run over one payload.

    The checks of one customer object run in one pass over its keys (see
    :func:`armvalidate.validate`); what one key's check learns and another key's check needs
    (the country of the address, the birth date, ...) is kept here as a *fact* and used by the
    checks that run after the pass (``finish``).
    """

    __slots__ = (
        "changes",
        "country",
        "dob",
        "issues",
        "operation",
        "phones",
        "ssn",
        "ssn_country",
        "tables",
        "today",
        "update",
        "yob",
    )

    def __init__(self, tables: Tables, operation: str, today: datetime.date) -> None:
        self.tables = tables
        self.operation = operation
        self.update = operation == "update"
        self.today = today
        self.issues: list[tuple[Path, Issue]] = []
        self.changes: list[tuple[Path, Any]] = []
        # the facts, as reset_facts() sets them (inline: one context per payload)
        self.country: str | None = None
        self.ssn_country: str | None = None
        self.dob: datetime.date | None = None
        self.yob: tuple[Path, int] | None = None
        self.ssn: tuple[Path, str] | None = None
        self.phones: list[tuple[Path, str, str]] = []

    def reset_facts(self) -> None:
        """Forget the facts of the previous customer (a batch checks many)."""
        self.country = None  # canonical postalAddress.countryCode, if valid
        self.ssn_country = None  # canonical ssnCountry, if valid
        self.dob = None  # dateOfBirth, if a valid date in range
        self.yob = None  # yearOfBirth, if an int in range
        self.ssn = None  # the ssn to check after the pass
        self.phones = []  # (path, key, value) to check after

    def emit(
        self,
        rule: Rule,
        path: Path,
        message: str,
        *,
        context: Mapping[str, Any] | None = None,
        value: Any = None,
        pii: bool = False,
        severity: Severity | None = None,
    ) -> None:
        """Record a finding, unless the profile switched ``rule`` off.

        ``severity`` lowers or raises this one finding's default (a D-number's date mismatch is
        a warning); a severity override in the profile wins over both. The message and the
        context's strings are scrubbed of anything shaped like a personal number
        (:func:`finish`, when the finding is first read).
        """
        tables = self.tables
        rule_id = rule.id
        if rule_id not in tables.active:
            return
        sev = tables.overrides.get(rule_id) or severity or rule.severity
        if _plain(path, message, context, value, pii):
            issue = pending_issue(rule_id, sev, value, pii, finish, path, message, context)
        else:
            issue = new_issue(rule_id, sev, *finish(path, message, context, value, pii), value, pii)
        self.issues.append((path, issue))

    def emit_id(self, rule_id: str, path: Path, message: str, **kw: Any) -> None:
        """:meth:`emit` for a rule known by its id (an identifier module's ``InvalidValue``)."""
        rule = self.tables.rules.get(rule_id)
        if rule is not None:
            self.emit(rule, path, message, **kw)

    def change(self, path: Path, value: Any) -> None:
        """Record a sanitization: ``value`` replaces what is at ``path`` in ``sanitized``."""
        self.changes.append((path, value))
