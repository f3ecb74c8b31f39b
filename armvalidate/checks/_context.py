"""The state of one validation run: the profile's tables, the findings, the sanitizations.

Checks call :meth:`Context.emit` with a :class:`~armvalidate.catalog.Rule`; the context drops
findings of rules the profile switched off, applies severity overrides, masks personal numbers
and records the path. Sorting into payload order happens once, at the end.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from typing import Any

from armvalidate.catalog import Rule, Severity
from armvalidate.fields import Path, field_name, pointer
from armvalidate.masking import mask
from armvalidate.profile import Tables
from armvalidate.report import Issue

__all__ = ["PII_KEYS", "Context", "blank", "scrub", "usable"]

PII_KEYS = frozenset({"ssn", "bankAccountNo"})
"""The keys whose values are personal numbers: their findings carry ``pii=True``."""

# Eleven or more digits, possibly with single spaces, dots or hyphens between them: the shape
# of a personal number or an account number, wherever it turns up. _CANDIDATE is a cheap
# pre-filter (any run of eleven digits and separators) so that most messages skip the sub().
_LONG_NUMBER = re.compile(r"[0-9](?:[ .\-]?[0-9]){10,}")
_CANDIDATE = re.compile(r"[0-9][0-9 .\-]{9,}[0-9]")


def _mask_match(match: re.Match[str]) -> str:
    return mask(match.group(0))


def scrub(text: str) -> str:
    """Mask every run of eleven or more digits in ``text`` (a safety net under every message).

    >>> scrub("ssn 12015641779 and account 8150.13.66584 but phone 99887766")
    'ssn *********79 and account ***********84 but phone 99887766'
    """
    if _CANDIDATE.search(text) is None:
        return text
    return _LONG_NUMBER.sub(_mask_match, text)


def _scrub_value(value: Any) -> Any:
    if isinstance(value, str):
        return scrub(value)
    if isinstance(value, (list, tuple)):
        return [_scrub_value(v) for v in value]
    return value


def _needs_scrub(value: Any) -> bool:
    if isinstance(value, str):
        return len(value) > 10 and _CANDIDATE.search(value) is not None
    if isinstance(value, (list, tuple)):
        return any(_needs_scrub(v) for v in value)
    return False


def _scrub_context(context: Mapping[str, Any]) -> Mapping[str, Any]:
    """``context`` with its strings scrubbed; the same mapping when nothing needs it."""
    for value in context.values():
        if _needs_scrub(value):
            return {key: _scrub_value(v) for key, v in context.items()}
    return context


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


_NAMES: dict[Path, tuple[str, str]] = {}  # path -> (pointer, field name), bounded


def _names(path: Path) -> tuple[str, str]:
    names = _NAMES.get(path)
    if names is None:
        names = (pointer(path), field_name(path))
        if len(_NAMES) >= 8192:
            _NAMES.clear()
        _NAMES[path] = names
    return names


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
        "rules",
        "ssn",
        "ssn_country",
        "tables",
        "today",
        "update",
        "yob",
    )

    def __init__(self, tables: Tables, operation: str, today: datetime.date) -> None:
        self.tables = tables
        self.rules = tables.rules
        self.operation = operation
        self.update = operation == "update"
        self.today = today
        self.issues: list[tuple[Path, Issue]] = []
        self.changes: list[tuple[Path, Any]] = []
        self.reset_facts()

    def reset_facts(self) -> None:
        """Forget the facts of the previous customer (a batch checks many)."""
        self.country: str | None = None  # canonical postalAddress.countryCode, if valid
        self.ssn_country: str | None = None  # canonical ssnCountry, if valid
        self.dob: datetime.date | None = None  # dateOfBirth, if a valid date in range
        self.yob: tuple[Path, int] | None = None  # yearOfBirth, if an int in range
        self.ssn: tuple[Path, str] | None = None  # the ssn to check after the pass
        self.phones: list[tuple[Path, str, str]] = []  # (path, key, value) to check after

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
        context's strings are scrubbed of anything shaped like a personal number.
        """
        tables = self.tables
        if rule.id not in tables.active:
            return
        sev = tables.overrides.get(rule.id) or severity or rule.severity
        if pii and isinstance(value, str) and len(value) > 3 and value in message:
            message = message.replace(value, mask(value))
        ptr, name = _names(path)
        self.issues.append(
            (
                path,
                Issue(
                    rule=rule.id,
                    severity=sev,
                    path=ptr,
                    field=name,
                    message=scrub(message),
                    context=_scrub_context(context) if context else {},
                    value=value,
                    pii=pii,
                ),
            )
        )

    def emit_id(self, rule_id: str, path: Path, message: str, **kw: Any) -> None:
        """:meth:`emit` for a rule known by its id (an identifier module's ``InvalidValue``)."""
        rule = self.rules.get(rule_id)
        if rule is not None:
            self.emit(rule, path, message, **kw)

    def change(self, path: Path, value: Any) -> None:
        """Record a sanitization: ``value`` replaces what is at ``path`` in ``sanitized``."""
        self.changes.append((path, value))
