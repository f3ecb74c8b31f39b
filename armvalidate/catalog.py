"""The rule catalog: every rule is declared exactly once, next to its check.

A declaration gives the stable id, the default severity, a one-line summary, an example, and
its provenance: ``source`` says whose rule it is and ``ref`` backs that up.

- ``"arm-docs"``: the ARM API's documentation states it; ``ref`` quotes what the docs state.
- ``"authority"``: a published standard or register (Skatteetaten, Brønnøysundregistrene,
  Bits/Nets, Bring, ISO, RFC ...); ``ref`` names it.
- ``"policy"``: our own judgement (a data-quality choice, a guess where the docs are silent);
  ``ref`` gives the reason. A policy rule is never a statement about what the server does.

:func:`rules` is the catalog, generated from those declarations; the CLI (``armvalidate rules``,
``armvalidate rule ID``), the generated rule table, the JSON and SARIF output and the strategies'
mutation registry all read it.

>>> from armvalidate import rules
>>> rule = next(r for r in rules() if r.id == "ssn.checksum")
>>> rule.severity.value, rule.source
('error', 'authority')
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from enum import Enum
from typing import Literal, cast

__all__ = ["SOURCES", "Rule", "Severity", "Source", "declare", "get_rule", "rules"]

Source = Literal["arm-docs", "authority", "policy"]
"""Whose rule it is: stated by the ARM API docs, by an outside authority, or our policy."""

SOURCES: tuple[str, ...] = ("arm-docs", "authority", "policy")
"""The allowed values of :attr:`Rule.source`."""


class Severity(str, Enum):
    """How bad a finding is: errors fail a check, warnings do not (unless ``--strict``)."""

    ERROR = "error"
    WARNING = "warning"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class Rule:
    """One rule of the catalog."""

    id: str
    severity: Severity
    summary: str
    example: str
    doc: str = ""
    source: Source = "policy"
    """``"arm-docs"``, ``"authority"`` or ``"policy"`` (see the module's docstring)."""
    ref: str = ""
    """The backing of ``source``: a quote of the docs, the authority's name, or the reason."""
    api_warning: str = ""
    """For the few rules the docs show the server warning about: the server's message, as a
    :meth:`str.format` template over the finding's context (``Report.to_api_warnings``)."""
    fatal: bool = False
    """A fatal rule means "this input was not checked at all": always reported and always an
    error, whatever a profile's select, ignore and severity say (else unreadable input would
    pass)."""
    server_refusal: bool = False
    """The rule can stand for something the ARM server cannot process, so a profile that
    predicts the server (``arm``) keeps its findings errors (see
    :func:`armvalidate.profile.server_refusals`)."""

    @property
    def prefix(self) -> str:
        """The group of the rule: ``"ssn"`` for ``"ssn.checksum"``."""
        return self.id.split(".", 1)[0]


_REGISTRY: dict[str, Rule] = {}

# Modules that declare rules; importing them fills the registry. The identifier modules
# (armvalidate.no) import nothing of armvalidate, so they declare their rules as plain data
# (``armvalidate.no.RULES``), which _load_all() turns into Rules here.
_DECLARING_MODULES = ("armvalidate.decode", "armvalidate.checks")


def declare(
    id: str,
    *,
    severity: Severity,
    summary: str,
    example: str,
    source: Source,
    ref: str,
    doc: str = "",
    api_warning: str = "",
    fatal: bool = False,
    server_refusal: bool = False,
) -> Rule:
    """Declare a rule. Each id may be declared only once; ``source`` and ``ref`` are required
    (an ``arm-docs`` rule quotes the docs in ``ref``). ``fatal``, ``server_refusal``: see
    :class:`Rule`."""
    if id in _REGISTRY:
        raise RuntimeError(f"rule {id!r} is declared twice")
    if "." not in id or id != id.strip().lower():
        raise RuntimeError(f"rule id {id!r} must be lower case and dotted, like 'ssn.checksum'")
    if source not in SOURCES:
        raise RuntimeError(f"rule {id!r}: source must be one of {', '.join(SOURCES)}")
    if not ref.strip():
        raise RuntimeError(f"rule {id!r}: ref must say what backs its source")
    rule = Rule(
        id=id,
        severity=severity,
        summary=summary,
        example=example,
        doc=doc,
        source=source,
        ref=ref,
        api_warning=api_warning,
        fatal=fatal,
        server_refusal=server_refusal,
    )
    _REGISTRY[id] = rule
    return rule


def _load_all() -> None:
    from armvalidate.no import RULES

    for spec in RULES:
        if spec.id not in _REGISTRY:
            declare(
                spec.id,
                severity=Severity(spec.severity),
                summary=spec.summary,
                example=spec.example,
                source=cast(Source, spec.source),
                ref=spec.ref,
                doc=spec.doc,
            )
    for name in _DECLARING_MODULES:
        importlib.import_module(name)


def rules() -> tuple[Rule, ...]:
    """Every rule armvalidate knows, sorted by id."""
    _load_all()
    return tuple(sorted(_REGISTRY.values(), key=lambda r: r.id))


def get_rule(id: str) -> Rule:
    """The rule with this id; raises ``KeyError`` for an unknown id."""
    _load_all()
    return _REGISTRY[id]
