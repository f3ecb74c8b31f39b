"""The one exception type of armvalidate."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["InvalidValue"]


class InvalidValue(ValueError):
    """A value broke a rule.

    ``rule`` is the stable rule id (``"ssn.checksum"``), ``message`` explains what is wrong and
    what would be right, and ``context`` carries machine-readable details (``expected``,
    ``found``, ``length`` ...). Neither the message nor the context ever holds a full personal
    number: identifier modules mask what they echo.

    >>> err = InvalidValue("the check digit is wrong", rule="ssn.checksum")
    >>> err.rule, str(err)
    ('ssn.checksum', 'the check digit is wrong')
    >>> isinstance(err, ValueError)
    True
    """

    rule: str
    message: str
    context: Mapping[str, Any]

    def __init__(
        self, message: str, *, rule: str, context: Mapping[str, Any] | None = None
    ) -> None:
        super().__init__(message)
        self.rule = rule
        self.message = message
        self.context = dict(context or {})

    def __repr__(self) -> str:
        return f"InvalidValue({self.message!r}, rule={self.rule!r})"
