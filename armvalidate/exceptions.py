"""The one exception type of armvalidate: :class:`InvalidValue`.

It is defined in :mod:`armvalidate.no._util`, so that the identifier modules (which raise it)
import nothing outside :mod:`armvalidate.no`; this is its public home.

>>> err = InvalidValue("the check digit is wrong", rule="ssn.checksum")
>>> err.rule, str(err)
('ssn.checksum', 'the check digit is wrong')
>>> InvalidValue.__module__
'armvalidate.exceptions'
"""

from __future__ import annotations

from armvalidate.no._util import InvalidValue

__all__ = ["InvalidValue"]
