"""Norwegian identifiers, one module each, with python-stdnum's small uniform interface:
``compact``, ``validate``, ``is_valid``, ``format`` (and ``info`` where there is more to tell).
"""

from armvalidate.no import fodselsnummer, kid, kontonr, orgnr

__all__ = ["fodselsnummer", "kid", "kontonr", "orgnr"]
