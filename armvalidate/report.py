"""Findings and reports: :class:`Issue` and :class:`Report`.

An :class:`Issue` never carries a full personal number in ``message`` or ``context``; the raw
offending value travels separately in ``value`` (hidden from ``repr``) and is shown only when a
caller explicitly asks for it (``to_dict(show_pii=True)``, ``--show-pii``).

A finding the validator records is cheap to make and formatted when first read: it is made
(:func:`pending_issue`) with its rule, severity, value and ``pii`` flag and the raw parts of
the rest (the path as a tuple, the message and context as the check wrote them) together with
the function that formats them; reading ``path``, ``field``, ``message`` or ``context`` (or
comparing, hashing, printing, pickling or copying the issue) formats all four at once (JSON
Pointer, field name, personal numbers masked) and keeps them. A pickled issue carries the
formatted fields only, never the raw parts.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from armvalidate.catalog import Severity, get_rule

__all__ = ["Issue", "Report", "Severity"]


@dataclass(frozen=True)
class Issue:
    """One finding.

    ``path`` is a JSON Pointer (RFC 6901) into what was passed to the validator
    (``/customer/emailAddressDocument/1``); ``field`` is the key in PascalCase as the ARM server
    writes it in its own warnings (``EmailAddressDocument``).
    """

    rule: str
    severity: Severity
    path: str
    field: str
    message: str
    context: Mapping[str, Any] = dataclasses.field(default_factory=dict)
    value: Any = dataclasses.field(default=None, repr=False, compare=False)
    pii: bool = dataclasses.field(default=False, repr=False, compare=False)

    if not TYPE_CHECKING:  # (to a type checker, an Issue has its fields and nothing else)

        def __getattr__(self, name: str) -> Any:
            # Reached only for a name the instance's __dict__ lacks: the formatted fields of a
            # pending issue (pending_issue), made here on the first read.
            if name in _FORMATTED:
                state = self.__dict__
                if _PENDING in state:
                    _format(state)
                    return state[name]
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def __getstate__(self) -> dict[str, Any]:
        """The state pickle and copy take: the formatted fields, never the raw parts."""
        state = self.__dict__
        if _PENDING in state:
            _format(state)
        return state

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def to_dict(self, *, show_pii: bool = False) -> dict[str, Any]:
        """A JSON-ready dict; the raw value is included only with ``show_pii=True``."""
        out: dict[str, Any] = {
            "rule": self.rule,
            "severity": self.severity.value,
            "path": self.path,
            "field": self.field,
            "message": self.message,
        }
        if self.context:
            out["context"] = dict(self.context)
        if show_pii and self.value is not None:
            out["value"] = self.value
        return out


@dataclass(frozen=True)
class Report:
    """The result of validating one payload.

    ``issues`` are in payload order; ``sanitized`` is a new payload with the sanitizations
    applied (e-mails cleaned, identifiers compacted, codes in canonical case), or ``None`` when
    the input could not be read as a JSON object at all.
    """

    issues: tuple[Issue, ...] = ()
    # the payload itself, personal numbers and all: kept out of repr (logs, test failures)
    sanitized: dict[str, Any] | None = dataclasses.field(default=None, repr=False)

    @property
    def ok(self) -> bool:
        """True when there are no errors (warnings allowed)."""
        return not any(i.severity is Severity.ERROR for i in self.issues)

    @property
    def errors(self) -> tuple[Issue, ...]:
        return tuple(i for i in self.issues if i.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Issue, ...]:
        return tuple(i for i in self.issues if i.severity is Severity.WARNING)

    @property
    def rules(self) -> frozenset[str]:
        """The ids of every rule that reported something."""
        return frozenset(i.rule for i in self.issues)

    def to_api_warnings(self) -> list[dict[str, str]]:
        """The warnings the ARM server itself would answer with, in its own shape and wording:
        ``[{"field": "EmailAddressDocument", "message": "Email address ... was sanitized:
        ..."}]``.

        Only findings of rules the docs show the server warning about are included (today
        one: ``email.sanitized``; see :attr:`~armvalidate.Rule.api_warning`), whatever their
        severity here; our own errors and warnings (a bad account number, an unknown postal
        code) are not the server's and are left out. ``field`` is the key in PascalCase
        without list index, as the server writes it. What is inferred: the docs cut the
        server's message off after ``was sanitized: owea@testarmrest.no was s``, so the
        message here ends after the sanitized address (the docs' message starts with it); the
        field of ``secondaryEmailAddress`` is assumed to follow the same pattern. A profile
        that switches ``email.sanitized`` off leaves its warnings out here too.

        >>> from armvalidate import validate_customer
        >>> report = validate_customer({"customerNo": "1", "name": "Kari",
        ...                             "emailAddressDocument": ["owea@ testarmrest.no"]})
        >>> report.to_api_warnings()  # doctest: +NORMALIZE_WHITESPACE
        [{'field': 'EmailAddressDocument',
          'message': 'Email address owea@ testarmrest.no was sanitized: owea@testarmrest.no'}]
        """
        out: list[dict[str, str]] = []
        for issue in self.issues:
            try:
                template = get_rule(issue.rule).api_warning
            except KeyError:
                continue
            if not template:
                continue
            try:
                message = template.format_map(issue.context)
            except (KeyError, IndexError, ValueError):  # a finding without the context needed
                continue
            out.append({"field": issue.field, "message": message})
        return out

    def to_dict(self, *, show_pii: bool = False) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "issues": [i.to_dict(show_pii=show_pii) for i in self.issues],
        }

    def __bool__(self) -> bool:  # a report is always a report, even an empty one
        return True

    def __iter__(self) -> Any:
        return iter(self.issues)

    def __len__(self) -> int:
        return len(self.issues)

    def __contains__(self, rule: object) -> bool:
        return any(i.rule == rule for i in self.issues)

    def __str__(self) -> str:
        if not self.issues:
            return "ok: no issues"
        lines = [f"{i.severity.value}: {i.path or '/'}: {i.rule}: {i.message}" for i in self.issues]
        return "\n".join(lines)


_new = object.__new__


def new_issue(
    rule: str,
    severity: Severity,
    path: str,
    field: str,
    message: str,
    context: Mapping[str, Any],
    value: Any,
    pii: bool,
) -> Issue:
    """``Issue(rule, severity, path, field, message, context, value, pii)``: the same object,
    made without the frozen dataclass's ``__init__`` (which calls ``object.__setattr__`` once
    per field), for the validator, which makes many: the fields go straight into the new
    object's ``__dict__``."""
    issue = _new(Issue)
    fields = issue.__dict__
    fields["rule"] = rule
    fields["severity"] = severity
    fields["path"] = path
    fields["field"] = field
    fields["message"] = message
    fields["context"] = context
    fields["value"] = value
    fields["pii"] = pii
    return issue


Formatter = Callable[[Any, Any, Any, Any, bool], tuple[str, str, str, Mapping[str, Any]]]
"""What formats a pending issue: ``(path, message, context, value, pii)`` (the raw parts and
the issue's own value and flag) to ``(path, field, message, context)`` as an Issue holds them."""

_PENDING = "_pending"
_FORMATTED = frozenset({"path", "field", "message", "context"})


def _format(state: dict[str, Any]) -> None:
    """Format a pending issue's fields in its ``state`` (its ``__dict__``), once."""
    pending = state.get(_PENDING)
    if pending is None:  # (formatted meanwhile, by another thread)
        return
    formatter, path, message, context = pending
    formatted = formatter(path, message, context, state["value"], state["pii"])
    state["path"], state["field"], state["message"], state["context"] = formatted
    state.pop(_PENDING, None)


def pending_issue(
    rule: str,
    severity: Severity,
    value: Any,
    pii: bool,
    formatter: Formatter,
    path: Any,
    message: Any,
    context: Any,
) -> Issue:
    """An Issue whose ``path``, ``field``, ``message`` and ``context`` are made by
    ``formatter(path, message, context, value, pii)`` when first read (see the module
    docstring). ``formatter`` must not fail on these parts: it runs wherever the issue is
    first read. Before that, ``vars()`` of the issue shows the raw parts."""
    issue = _new(Issue)
    fields = issue.__dict__
    fields["rule"] = rule
    fields["severity"] = severity
    fields["value"] = value
    fields["pii"] = pii
    fields[_PENDING] = (formatter, path, message, context)
    return issue


def new_report(issues: tuple[Issue, ...], sanitized: dict[str, Any] | None) -> Report:
    """``Report(issues, sanitized)``, made as :func:`new_issue` makes an Issue."""
    report = _new(Report)
    fields = report.__dict__
    fields["issues"] = issues
    fields["sanitized"] = sanitized
    return report
