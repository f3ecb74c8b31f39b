"""The rule catalog: every rule is declared exactly once, next to its check.

A declaration gives the stable id, the default severity, a one-line summary and an example.
:func:`rules` is the catalog, generated from those declarations; the CLI (``armvalidate rules``),
the README table and the strategies' mutation registry all read it.

>>> from armvalidate import rules
>>> rule = next(r for r in rules() if r.id == "ssn.checksum")
>>> rule.severity.value
'error'
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from enum import Enum

__all__ = ["Rule", "Severity", "declare", "get_rule", "rules"]


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

    @property
    def prefix(self) -> str:
        """The group of the rule: ``"ssn"`` for ``"ssn.checksum"``."""
        return self.id.split(".", 1)[0]


_REGISTRY: dict[str, Rule] = {}

# Modules that declare rules; importing them fills the registry. The identifier modules
# (armvalidate.no) import nothing of armvalidate, so they declare their rules as plain data
# (``armvalidate.no.RULES``), which _load_all() turns into Rules here.
_DECLARING_MODULES = ("armvalidate.checks",)


def declare(id: str, *, severity: Severity, summary: str, example: str, doc: str = "") -> Rule:
    """Declare a rule. Each id may be declared only once."""
    if id in _REGISTRY:
        raise RuntimeError(f"rule {id!r} is declared twice")
    if "." not in id or id != id.strip().lower():
        raise RuntimeError(f"rule id {id!r} must be lower case and dotted, like 'ssn.checksum'")
    rule = Rule(id=id, severity=severity, summary=summary, example=example, doc=doc)
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
