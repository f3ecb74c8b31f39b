"""Norwegian identifiers, one module each, with python-stdnum's small uniform interface:
``compact``, ``validate``, ``is_valid``, ``format`` (and ``info`` where there is more to tell).

The modules depend on the standard library and on each other only: ``import
armvalidate.no.orgnr`` loads no other part of armvalidate (no pydantic, no pipeline). Each
declares the rules it checks as plain data (``RULES``); :mod:`armvalidate.catalog` makes them
catalog rules.

>>> from armvalidate.no import orgnr
>>> orgnr.is_valid("984 842 252")
True
>>> sorted(rule.id for rule in RULES)[:3]
['account.checksum', 'account.format', 'kid.checksum']
"""

from armvalidate.no import fodselsnummer, kid, kontonr, orgnr

__all__ = ["RULES", "fodselsnummer", "kid", "kontonr", "orgnr"]

#: Every rule the identifier modules check, as :class:`~armvalidate.no._util.RuleSpec` data.
RULES = (*fodselsnummer.RULES, *orgnr.RULES, *kontonr.RULES, *kid.RULES)
