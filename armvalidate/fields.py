"""Paths into a payload: JSON Pointers (RFC 6901) and the server's PascalCase field names.

A path is a tuple of keys and list indexes, relative to what was passed to the validator.

>>> pointer(("customer", "emailAddressDocument", 1))
'/customer/emailAddressDocument/1'
>>> pointer(("customer", "a/b~c"))
'/customer/a~1b~0c'
>>> pointer(())
''
>>> field_name(("customer", "emailAddressDocument", 1))
'EmailAddressDocument'
>>> field_name(("customer", "postalAddress", "cityName"))
'PostalAddress.CityName'
>>> field_name(("metadata", "userId"))
'Metadata.UserId'
>>> field_name(("customers", 3, "ssn"))
'Ssn'
>>> field_name(("name",))
'Name'
>>> field_name(())
''
"""

from __future__ import annotations

from typing import Any

__all__ = ["Path", "field_name", "key_text", "pascal", "pointer"]

Path = tuple[Any, ...]
"""A path into a payload: string keys and integer list indexes."""

_PASCAL: dict[str, str] = {}


def key_text(key: object) -> str:
    """A key as text, safe for any Python object (a huge int must not raise here).

    >>> key_text("ssn"), key_text(3)
    ('ssn', '3')
    """
    if isinstance(key, str):
        return key
    if isinstance(key, int) and not isinstance(key, bool) and abs(key) < 10**100:
        return str(key)
    try:
        text = repr(key)
    except Exception:  # a repr that fails or is too large: describe the type only
        return f"<{type(key).__name__}>"
    return text if len(text) <= 100 else text[:97] + "..."


def pointer(path: Path) -> str:
    """The RFC 6901 JSON Pointer of ``path`` (``~`` → ``~0``, ``/`` → ``~1``)."""
    if not path:
        return ""
    try:
        text = "/".join(path)  # the common case: string keys only
    except TypeError:
        pass
    else:
        if "~" not in text and text.count("/") == len(path) - 1:
            return "/" + text
    out = []
    for part in path:
        text = key_text(part)
        if "~" in text or "/" in text:
            text = text.replace("~", "~0").replace("/", "~1")
        out.append(text)
    return "/" + "/".join(out)


def pascal(key: str) -> str:
    """A camelCase key in PascalCase, as the ARM server writes field names.

    >>> pascal("ssnCountry")
    'SsnCountry'
    """
    cached = _PASCAL.get(key)
    if cached is None:
        cached = key[:1].upper() + key[1:]
        if len(_PASCAL) < 4096:
            _PASCAL[key] = cached
    return cached


def field_name(path: Path) -> str:
    """The server-style field name of ``path``: PascalCase keys joined by dots, list indexes
    dropped, and the envelope's ``customer`` (or a batch's ``customers/N``) left out, because
    the server names fields relative to the customer object."""
    parts = list(path)
    if len(parts) > 1 and parts[0] == "customer":
        parts = parts[1:]
    elif len(parts) > 2 and parts[0] == "customers" and isinstance(parts[1], int):
        parts = parts[2:]
    return ".".join(pascal(key_text(p)) for p in parts if isinstance(p, str) or not _is_index(p))


def _is_index(part: object) -> bool:
    return isinstance(part, int) and not isinstance(part, bool)
