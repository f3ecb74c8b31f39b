"""E-mail addresses: sanitize them as the ARM server does, then let email-validator judge.

The ARM server *sanitizes* an address before it stores it and answers with a warning (its docs
show ``Email address owea@ testarmrest.no was sanitized``). :func:`check_email` applies the same
kind of cleaning and says what it changed:

* whitespace anywhere is removed (``"owea@ testarmrest.no"``),
* a leading ``mailto:`` prefix (any case) is removed,
* one trailing dot is removed (``"ola@firma.no."``),
* the domain is lower-cased; the part before the ``@`` keeps its case,
* an internationalized (IDN) domain is converted to its ASCII ``xn--`` form.

Whether the cleaned address is valid is decided by `email-validator
<https://pypi.org/project/email-validator/>`_ (``validate_email(...,
check_deliverability=False)``, so no DNS), which is the authority: quoted local parts, domain
literals, display names, special-use domains (``.local``, ``.test``, ``.invalid``, ``localhost``
...) and over-long addresses are rejected as it rejects them.

>>> check_email("owea@ testarmrest.no")
EmailCheck(ok=True, sanitized='owea@testarmrest.no', changes=('removed whitespace',), reason=None)
>>> check_email("MAILTO:Ola.Nordmann@Firma.NO").sanitized
'Ola.Nordmann@firma.no'
>>> check_email("post@bücher.no").sanitized
'post@xn--bcher-kva.no'
>>> check_email("ola.nordmann@firma").reason
'The part after the @-sign is not valid. It should have a period.'
>>> check_email("ola@printer.local").ok
False

Pre-checks: most addresses are plain (a dot-atom local part, in ASCII or with Latin-1 letters
such as ``æøå``, and an ordinary ASCII domain). One regular expression, built from
email-validator's own character classes and limits, recognizes those and accepts them without
calling the library; it only ever says *valid*, and only for addresses email-validator accepts
with the same result. Most invalid addresses are broken in a few common ways (no @-sign, two of
them, nothing before or after it, periods or hyphens in the wrong place, no period in the
domain): those shapes are recognized too, and given the reason email-validator gives for them,
which it is asked once per shape and process on a representative address. An address at a
domain the regular expression leaves (IDN, ``xn--``) is judged by the library if it is the
first at that domain, and from what the library said of the domain after that.
(``tests/test_emails.py`` checks all three against the library on generated, enumerated and
adversarial input.) Everything else (any other non-ASCII, one-letter top-level domains,
special-use names, anything over-long, any other invalid address) is decided by
email-validator itself.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Any, NamedTuple

__all__ = [
    "EmailCheck",
    "check_email",
    "is_clean_email",
    "sanitize_email",
]

# Human-readable descriptions of each sanitization, as they appear in EmailCheck.changes.
REMOVED_WHITESPACE = "removed whitespace"
REMOVED_MAILTO = "removed the mailto: prefix"
REMOVED_TRAILING_DOT = "removed a trailing dot"
LOWERCASED_DOMAIN = "lower-cased the domain"
IDN_TO_ASCII = "converted the IDN domain to ASCII (xn--)"
DOMAIN_TO_ASCII = "normalized the domain to plain ASCII"
LOCAL_NFC = "normalized the part before the @ to Unicode NFC"

_WHITESPACE = re.compile(r"\s+")  # for str patterns: exactly the characters str.isspace() accepts
_CACHE_MAX_LENGTH = 512  # longer inputs are never cached, so junk cannot pin memory


class EmailCheck(NamedTuple):
    """The verdict on one e-mail address.

    ``ok``: whether the sanitized address is valid. ``sanitized``: the address as the server
    would store it (``None`` when invalid). ``changes``: what sanitizing changed, in order; for an
    invalid address, the sanitizations that were tried before it was rejected. ``reason``: why it
    is invalid (email-validator's message), ``None`` when valid.
    """

    ok: bool
    sanitized: str | None
    changes: tuple[str, ...]
    reason: str | None


def sanitize_email(value: str) -> tuple[str, tuple[str, ...]]:
    """Apply the server-side cleanups that need no parsing; return the text and the changes.

    Whitespace is removed first, so ``" mailto: a@b.no "`` loses its prefix too. The domain's
    case and IDN form are normalized later, by :func:`check_email`, once the address is known
    to be valid.

    >>> sanitize_email(" mailto:ola@firma.no. ")
    ('ola@firma.no', ('removed whitespace', 'removed the mailto: prefix', 'removed a trailing dot'))
    >>> sanitize_email("ola@firma.no")
    ('ola@firma.no', ())
    """
    changes: tuple[str, ...] = ()
    text = value
    # Every character str.isspace() accepts is either " " or non-printable: test cheaply first.
    if (" " in text or not text.isprintable()) and _WHITESPACE.search(text):
        text = _WHITESPACE.sub("", text)
        changes = (REMOVED_WHITESPACE,)
    if text[:1] in ("m", "M") and text[:7].lower() == "mailto:":
        text = text[7:]
        changes = (*changes, REMOVED_MAILTO)
    if text.endswith("."):
        text = text[:-1]
        changes = (*changes, REMOVED_TRAILING_DOT)
    return text, changes


# --- the authority: email-validator -------------------------------------------------------------

# Every option that affects syntax is passed explicitly, so a program that changes
# email_validator's module defaults cannot change our verdicts. (SPECIAL_USE_DOMAIN_NAMES cannot be
# passed; both paths read the library's current list on every call.) Options an older release
# does not know (``strict`` is new in 2.3) are left out rather than passed.
_OPTIONS: dict[str, Any] = {
    "check_deliverability": False,
    "allow_smtputf8": True,
    "allow_empty_local": False,
    "allow_quoted_local": False,
    "allow_domain_literal": False,
    "allow_display_name": False,
    "strict": False,
    "test_environment": False,
    "globally_deliverable": True,
}


@functools.cache
def _options() -> dict[str, Any]:
    import inspect

    from email_validator import validate_email

    parameters = inspect.signature(validate_email).parameters
    return {name: value for name, value in _OPTIONS.items() if name in parameters}


def _domain_changes(domain: str, ascii_domain: str) -> tuple[str, ...]:
    if domain == ascii_domain:
        return ()
    if domain.isascii():
        return (LOWERCASED_DOMAIN,)
    return (IDN_TO_ASCII,) if "xn--" in ascii_domain else (DOMAIN_TO_ASCII,)


def _judge_by_library(text: str, changes: tuple[str, ...]) -> EmailCheck:
    return _ask_library(text, changes)[0]


def _ask_library(text: str, changes: tuple[str, ...]) -> tuple[EmailCheck, Any]:
    """email-validator's verdict on ``text``, and its result object when it is valid."""
    from email_validator import EmailNotValidError, validate_email

    try:
        result = validate_email(text, **_options())
    except EmailNotValidError as exc:
        return EmailCheck(False, None, changes, str(exc)), None
    except Exception as exc:  # never raise for a str, whatever the library does
        reason = f"email-validator could not process the address ({type(exc).__name__})"
        return EmailCheck(False, None, changes, reason), None
    # A valid address has an unquoted dot-atom local part (quoting, display names and domain
    # literals are rejected above), which cannot contain "@": the first "@" is the separator.
    local, _, domain = text.partition("@")
    nfc_local = unicodedata.normalize("NFC", local)
    ascii_domain: str = result.ascii_domain
    extra = _domain_changes(domain, ascii_domain)
    if nfc_local != local:
        extra = (LOCAL_NFC, *extra)
    return EmailCheck(True, f"{nfc_local}@{ascii_domain}", changes + extra, None), result


# --- the pre-check -------------------------------------------------------------------------------


_LATIN_1_LETTERS = "\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff"


def _local_chars() -> str:
    """The characters of a plain local part's atoms, as a regex class's body: email-validator's
    ``ATEXT`` and the Latin-1 letters."""
    from email_validator import rfc_constants

    return rfc_constants.ATEXT + _LATIN_1_LETTERS


@functools.cache
def _plain_address() -> tuple[re.Pattern[str], int, int, int]:
    """The pre-check's regex and limits: (regex, longest local part, label, address).

    The local part is email-validator's own dot-atom (``rfc_constants.ATEXT``), in ASCII or
    with the letters of Latin-1 (``À``-``ÿ`` but ``×`` and ``÷``: ``æøå``, ``é``, ``ü``...),
    which are letters the library accepts in an internationalized local part and which Unicode
    NFC leaves as they are (so the stored form is the text as given). The domain is a subset of
    what the library accepts: two or more labels of ASCII letters and digits with single
    hyphens inside (no ``--``, so no ``xn--`` or other R-LDH label, which need IDNA checks; no
    label starting or ending with ``-``), the last one 2+ letters. Group 1 is the local part,
    group 2 the domain, group 3 its last label. The caller checks the lengths against the
    library's limits (``rfc_constants``, in UTF-8 bytes for the address; the local part also
    against the RFC's 64, which releases before 2.3 enforced always). Linear: every repetition
    ends at a separator (``.``, ``-``, ``@``) that its own class excludes.
    """
    from email_validator import rfc_constants

    def limit(name: str, rfc: int) -> int:
        value = getattr(rfc_constants, name, rfc)
        return min(rfc, value) if isinstance(value, int) else rfc

    atext = _local_chars()
    pattern = (
        rf"([{atext}]+(?:\.[{atext}]+)*)"
        r"@((?:[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*\.)+([A-Za-z]{2,}))"
    )
    email_max = min(limit("EMAIL_MAX_LENGTH", 254), limit("DOMAIN_MAX_LENGTH", 253) + 2)
    return (
        re.compile(pattern),
        limit("LOCAL_PART_MAX_LENGTH", 64),
        limit("DNS_LABEL_LENGTH_LIMIT", 63),
        email_max,
    )


# [email_validator once imported, its list as last read, the names as a set when each is one
# label (None otherwise)]
_special: list[Any] = [None, None, None]


def _special_use(tld: str) -> bool:
    """Whether a domain whose last label is ``tld`` (ASCII) may be a special-use name that
    email-validator rejects (``domain == d or domain.endswith("." + d)`` for a ``d`` in its
    ``SPECIAL_USE_DOMAIN_NAMES``): then the library decides.

    The list is read on every call (a program may edit it). Today each name is one label, so
    the last label decides; a list of any other shape leaves every domain to the library.
    """
    library: Any = _special[0]
    if library is None:
        import email_validator

        library = _special[0] = email_validator
    names = library.SPECIAL_USE_DOMAIN_NAMES
    if names != _special[1]:
        single = all(isinstance(d, str) and d and "." not in d for d in names)
        _special[1:] = [list(names), frozenset(names) if single else None]
    labels: frozenset[str] | None = _special[2]
    return labels is None or tld.lower() in labels


def _plain_parts(text: str) -> tuple[str, str] | None:
    """(local part, domain) when the pre-check accepts ``text``; None: ask email-validator."""
    regex, local_max, label_max, email_max = _plain_address()
    if len(text) > email_max:
        return None
    match = regex.fullmatch(text)
    if match is None:
        return None
    if not text.isascii() and len(text.encode()) > email_max:  # the library counts UTF-8 bytes
        return None
    local, domain, tld = match.groups()
    if len(local) > local_max or len(tld) > label_max:
        return None
    if len(domain) > label_max and max(map(len, domain.split("."))) > label_max:
        return None
    if _special_use(tld):
        return None
    return local, domain


def is_clean_email(value: str) -> bool:
    """Whether the pre-check finds ``value`` valid and in need of no sanitizing.

    ``True`` means ``check_email(value) == EmailCheck(True, value, (), None)``, decided without
    building a result or touching the cache (the validation pipeline's common case). ``False``
    means *not decided here*: call :func:`check_email` (the address may still be valid, e.g.
    with an upper-case domain, an IDN or a special-use name).

    >>> is_clean_email("ola.nordmann@firma.no"), is_clean_email("ola@FIRMA.no")
    (True, False)
    """
    parts = _plain_parts(value)
    return parts is not None and parts[1].islower()


# --- the common invalid shapes ------------------------------------------------------------------

# One address for each shape of invalid address that _invalid_shape recognizes: the library
# rejects every address of a shape for the same reason as it rejects this one.
_SHAPES: dict[str, str] = {
    "no @-sign": "a",
    "nothing before the @-sign": "@a.no",
    "a period before the @-sign": "a.@a.no",
    "a period first": ".a@a.no",
    "two periods in a row before the @-sign": "a..b@a.no",
    "nothing after the @-sign": "a@",
    "a period last": "a@a.no.",
    "a period after the @-sign": "a@.a.no",
    "two periods in a row after the @-sign": "a@a..no",
    "a hyphen last": "a@a.no-",
    "a hyphen after the @-sign": "a@-a.no",
    "a period and a hyphen next to each other": "a@a-.no",
    "two characters and two dashes, not xn--": "a@ab--c.no",
    "no period after the @-sign": "a@a",
    "a top-level domain that does not end with a letter": "a@a.1",
}


@functools.cache
def _shape_syntax() -> tuple[
    re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str], int, int, int
]:
    """email-validator's character classes and limits, as :func:`_invalid_shape` uses them:
    (the text it decides, a dot-atom local part, a character of a hostname, a domain's end in
    a letter, the longest local part, domain and label)."""
    from email_validator import rfc_constants

    atext = rfc_constants.ATEXT
    return (
        re.compile(rf"[{atext}.@]*"),
        rfc_constants.DOT_ATOM_TEXT,
        rfc_constants.ATEXT_HOSTNAME_INTL,
        rfc_constants.DOMAIN_NAME_REGEX,
        min(rfc_constants.LOCAL_PART_MAX_LENGTH, 64),
        rfc_constants.DOMAIN_MAX_LENGTH,
        rfc_constants.DNS_LABEL_LENGTH_LIMIT,
    )


_R_LDH = re.compile(r"(?!xn)..--", re.IGNORECASE)  # as email-validator finds RFC 5890's R-LDH


def _invalid_shape(text: str) -> str | None:
    """An address that email-validator rejects for the same reason as ``text`` (one of
    :data:`_SHAPES`, or one with the same invalid characters after the @-sign), or ``None``:
    not decided here.

    Decided: ASCII text of the characters a dot-atom address is made of (email-validator's
    ``ATEXT``, ``.`` and ``@``; so no quotes, brackets, spaces, backslashes or anything that
    could combine), broken the common ways, each found at the step where the library finds it
    and in its order: the @-sign (the first one splits), the local part (empty, then its dots;
    its length is left to the library, which checked it first before release 2.3), the domain
    (empty; too long: library; characters; dots and hyphens; R-LDH labels; a label too long:
    library; no period; the last letter). An address that passes all of these is not invalid
    in a way decided here.
    """
    simple, dot_atom, hostname_char, domain_name, local_max, domain_max, label_max = _shape_syntax()
    if not text.isascii() or not simple.fullmatch(text):
        return None
    local, at, domain = text.partition("@")
    if not at:
        return _SHAPES["no @-sign"]
    if len(local) > local_max:
        return None
    if not local:
        return _SHAPES["nothing before the @-sign"]
    if not dot_atom.match(local):  # made of ATEXT and periods: so its periods are wrong
        if local.endswith("."):
            return _SHAPES["a period before the @-sign"]
        if local.startswith("."):
            return _SHAPES["a period first"]
        return _SHAPES["two periods in a row before the @-sign"]
    if not domain:
        return _SHAPES["nothing after the @-sign"]
    if len(domain) > domain_max:
        return None
    invalid = sorted({c for c in domain if not hostname_char.match(c)})
    if invalid:
        return "a@" + "".join(invalid) + "a.no"  # reported as the set of those characters
    if domain.endswith("."):
        return _SHAPES["a period last"]
    if domain.startswith("."):
        return _SHAPES["a period after the @-sign"]
    if ".." in domain:
        return _SHAPES["two periods in a row after the @-sign"]
    if domain.endswith("-"):
        return _SHAPES["a hyphen last"]
    if domain.startswith("-"):
        return _SHAPES["a hyphen after the @-sign"]
    if ".-" in domain or "-." in domain:
        return _SHAPES["a period and a hyphen next to each other"]
    labels = domain.split(".")
    if any(_R_LDH.match(label) for label in labels):
        return _SHAPES["two characters and two dashes, not xn--"]
    if max(map(len, labels)) > label_max:
        return None
    if len(labels) == 1:
        return _SHAPES["no period after the @-sign"]
    if not domain_name.search(domain):
        return _SHAPES["a top-level domain that does not end with a letter"]
    return None


@functools.lru_cache(maxsize=256)
def _shape_reason(representative: str) -> str | None:
    """The library's reason for rejecting ``representative`` (asked once per shape and process,
    so the text is always the installed release's); ``None`` if it does not reject it."""
    return _judge_by_library(representative, ()).reason


# --- domains the library has judged ---------------------------------------------------------------


@functools.cache
def _domain_address() -> tuple[re.Pattern[str], int, int]:
    """The regex of :func:`_judge_by_domain` and its limits: (regex, longest local part,
    address).

    The local part as the pre-check's; the domain any labels of ASCII letters, digits, hyphens
    and Latin-1 letters (``xn--`` labels, ``--``, IDN domains typed in Unicode: the library
    judges them), the last one ASCII letters. Group 1 is the local part, group 2 the domain,
    group 3 its last label. Linear, as the pre-check's.
    """
    _, local_max, _, email_max = _plain_address()
    atext = _local_chars()
    host = rf"A-Za-z0-9\-{_LATIN_1_LETTERS}"
    pattern = rf"([{atext}]+(?:\.[{atext}]+)*)@((?:[{host}]+\.)+([A-Za-z]+))"
    return re.compile(pattern), local_max, email_max


# Domains at which the library accepted an address: the domain → (its ASCII form, the most UTF-8
# bytes of its three forms: as given, in Unicode, in ASCII). Bounded: emptied when full.
_judged: dict[str, tuple[str, int]] = {}
_JUDGED_MAX = 1024


def _judge_by_domain(text: str, changes: tuple[str, ...]) -> EmailCheck | None:
    """The verdict on an address whose local part the pre-check accepts, at a domain the
    pre-check leaves (IDN, ``xn--``, ``--``): the library's on the first address at the domain,
    and from what it said of that domain after it; ``None``: not decided here.

    email-validator judges such an address in three independent steps: the local part (valid:
    a dot-atom of ATEXT and Latin-1 letters, which NFC leaves alone), the domain (a function of
    the domain and the special-use names alone), and the length of its three forms in UTF-8
    (local part, ``@`` and the domain as given, in Unicode, in ASCII: each at most the library's
    limit). So once the library has accepted an address at a domain, another local part at it is
    valid when its forms are short enough. A domain whose last label may be a special-use name
    as the list reads now is left to the library, as is any address too long.
    """
    regex, local_max, email_max = _domain_address()
    if len(text) > email_max:
        return None
    match = regex.fullmatch(text)
    if match is None:
        return None
    local, domain, tld = match.groups()
    if len(local) > local_max or _special_use(tld):
        return None
    known = _judged.get(domain)
    if known is None:  # the first address at the domain: the library's, and what it says of it
        check, result = _ask_library(text, changes)
        if result is not None:
            forms = (domain, result.domain, result.ascii_domain)
            if len(_judged) >= _JUDGED_MAX:
                _judged.clear()
            _judged[domain] = (result.ascii_domain, max(len(form.encode()) for form in forms))
        return check
    ascii_domain, longest = known
    if len(local.encode()) + 1 + longest > email_max:
        return None
    return EmailCheck(
        True, f"{local}@{ascii_domain}", changes + _domain_changes(domain, ascii_domain), None
    )


def _judge(text: str, changes: tuple[str, ...]) -> EmailCheck:
    parts = _plain_parts(text)
    if parts is None:
        shape = _invalid_shape(text)
        reason = None if shape is None else _shape_reason(shape)
        if reason is not None:
            return EmailCheck(False, None, changes, reason)
        known = _judge_by_domain(text, changes)
        if known is not None:
            return known
        return _judge_by_library(text, changes)
    local, domain = parts
    lower = domain.lower()
    if lower != domain:
        changes = (*changes, LOWERCASED_DOMAIN)
    return EmailCheck(True, f"{local}@{lower}", changes, None)


def _check(value: str) -> EmailCheck:
    text, changes = sanitize_email(value)
    return _judge(text, changes)


_check_cached = functools.lru_cache(maxsize=8192)(_check)


def check_email(value: str) -> EmailCheck:
    """Sanitize ``value`` as the ARM server does and decide whether the result is a valid address.

    Never raises for a ``str``. Results for short inputs are cached (bounded), so a file that
    repeats the same addresses pays once per distinct address.

    >>> check_email("ola.nordmann@firma.no")
    EmailCheck(ok=True, sanitized='ola.nordmann@firma.no', changes=(), reason=None)
    >>> check_email("Ola@Firma.no")
    EmailCheck(ok=True, sanitized='Ola@firma.no', changes=('lower-cased the domain',), reason=None)
    >>> check_email("ola..nordmann@firma.no").reason
    'An email address cannot have two periods in a row.'
    >>> check_email("ola@firma.no..").changes
    ('removed a trailing dot',)
    >>> check_email("")
    EmailCheck(ok=False, sanitized=None, changes=(), reason='An email address must have an @-sign.')
    """
    if len(value) <= _CACHE_MAX_LENGTH:
        return _check_cached(value)
    return _check(value)
