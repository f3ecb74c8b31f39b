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

Fast path: most addresses are plain ASCII (a dot-atom local part and an ordinary domain). A
strict, precompiled regular expression recognizes those and accepts them without calling
email-validator; it only ever says *valid*, and only for addresses that email-validator provably
accepts with the same result. Everything else (anything non-ASCII, ``--`` in the domain, numeric
or one-letter top-level domains, special-use names, anything over-long, anything invalid) goes to
email-validator. The test suite checks the two paths against each other on generated and
adversarial input; :func:`check_email_slow` is the library-only path.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from armvalidate.no._util import slots_constructor

__all__ = [
    "EmailCheck",
    "check_email",
    "check_email_slow",
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


@dataclass(frozen=True, slots=True)
class EmailCheck:
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


_new_check = slots_constructor(EmailCheck)  # EmailCheck(...), without the per-field setattr


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


def _judge_slow(text: str, changes: tuple[str, ...]) -> EmailCheck:
    from email_validator import EmailNotValidError, validate_email

    try:
        result = validate_email(text, **_options())
    except EmailNotValidError as exc:
        return EmailCheck(False, None, changes, str(exc))
    except Exception as exc:  # never raise for a str, whatever the library does
        reason = f"email-validator could not process the address ({type(exc).__name__})"
        return EmailCheck(False, None, changes, reason)
    # A valid address has an unquoted dot-atom local part (quoting, display names and domain
    # literals are rejected above), which cannot contain "@": the first "@" is the separator.
    local, _, domain = text.partition("@")
    nfc_local = unicodedata.normalize("NFC", local)
    ascii_domain: str = result.ascii_domain
    extra = _domain_changes(domain, ascii_domain)
    if nfc_local != local:
        extra = (LOCAL_NFC, *extra)
    return EmailCheck(True, f"{nfc_local}@{ascii_domain}", changes + extra, None)


def check_email_slow(value: str) -> EmailCheck:
    """Like :func:`check_email`, but always through email-validator: no fast path, no cache.

    >>> check_email_slow("Ola@Firma.no")
    EmailCheck(ok=True, sanitized='Ola@firma.no', changes=('lower-cased the domain',), reason=None)
    """
    text, changes = sanitize_email(value)
    return _judge_slow(text, changes)


# --- the fast path -------------------------------------------------------------------------------

_ATEXT = r"A-Za-z0-9!#$%&'*+/=?^_`{|}~-"  # RFC 5322 atext, ASCII only


@functools.cache
def _fast_parts() -> tuple[re.Pattern[str], int]:
    """Build the fast-path regex from RFC limits, tightened by email-validator's own constants.

    Every limit here is at most the library's, so the fast path can only be stricter than the
    library: the local part is held to 64 characters (releases before 2.3 always enforced that),
    a label to 63, the address to 254.
    """
    from email_validator import rfc_constants

    def limit(name: str, rfc: int) -> int:
        value = getattr(rfc_constants, name, rfc)
        return min(rfc, value) if isinstance(value, int) else rfc

    label_max = limit("DNS_LABEL_LENGTH_LIMIT", 63)
    local_max = limit("LOCAL_PART_MAX_LENGTH", 64)
    email_max = min(limit("EMAIL_MAX_LENGTH", 254), limit("DOMAIN_MAX_LENGTH", 253) + 2)
    # Local part: RFC 5322 dot-atom (exactly email-validator's DOT_ATOM_TEXT, ASCII), 1 to
    # local_max characters. Domain: two or more LDH labels, none starting or ending with "-", at
    # most label_max long, and an all-letter top-level domain of 2+ letters. No backtracking
    # blow-up is possible: the separators (".", "@") are unambiguous, every repetition inside a
    # label is bounded, and the caller checks the overall length before matching.
    label = rf"[A-Za-z0-9](?:[A-Za-z0-9-]{{0,{label_max - 2}}}[A-Za-z0-9])?"
    pattern = (
        rf"(?=[^@]{{1,{local_max}}}@)"
        rf"([{_ATEXT}]+(?:\.[{_ATEXT}]+)*)"
        rf"@((?:{label}\.)+[A-Za-z]{{2,{label_max}}})"
    )
    return re.compile(pattern), email_max


_library: list[ModuleType] = []  # email_validator, once imported (on first use, not at import)
# [a copy of the library's list, the names as a set, "." + each name as a tuple for str.endswith
# (None if the list holds something that is not a str), the last label of each name as a set
# (None if the list holds something that is not a str)]
_special_cache: list[Any] = [None, frozenset(), (), frozenset()]


def _refresh_special_names() -> None:
    """Import email_validator (first use only) and re-read its list of special-use names."""
    if not _library:
        import email_validator

        _library.append(email_validator)
    current = _library[0].SPECIAL_USE_DOMAIN_NAMES
    snapshot = list(current)
    if snapshot != _special_cache[0]:
        suffixes: tuple[str, ...] | None = None
        last_labels: frozenset[str] | None = None
        if all(isinstance(name, str) for name in snapshot):
            suffixes = tuple("." + name for name in snapshot)
            last_labels = frozenset(name.rpartition(".")[2] for name in snapshot)
        _special_cache[:] = [snapshot, frozenset(snapshot), suffixes, last_labels]


def _special_use(domain: str) -> bool:
    """Whether email-validator would reject ``domain`` (lower-case) as a special-use name.

    Equivalent to the library's test (``domain == d or domain.endswith("." + d)`` for each ``d``
    in ``SPECIAL_USE_DOMAIN_NAMES``), read afresh on every call so a program that edits the list
    changes both paths alike.
    """
    if not _library or _special_cache[0] != _library[0].SPECIAL_USE_DOMAIN_NAMES:
        _refresh_special_names()
    names: frozenset[str] = _special_cache[1]
    if domain in names:
        return True
    suffixes: tuple[str, ...] | None = _special_cache[2]
    if suffixes is not None:
        return domain.endswith(suffixes)
    dot = domain.find(".")
    while dot >= 0:
        if domain[dot + 1 :] in names:
            return True
        dot = domain.find(".", dot + 1)
    return False


@functools.cache
def _clean_parts() -> tuple[re.Pattern[str], int, int, int]:
    """The regex of an address that needs no sanitizing and takes the fast path, and its limits.

    It accepts a subset of what :func:`_fast_parts`'s regex accepts after sanitizing: a dot-atom
    local part, then an all-lower-case domain of two or more labels of letters and digits with
    single hyphens inside (so no ``--`` anywhere, no label starting or ending with ``-``), the
    last one all letters, 2 to ``label_max`` of them. Nothing in it can be whitespace, a
    ``mailto:`` prefix or a trailing dot, so sanitizing changes nothing. Group 1 is the domain,
    group 2 its top-level label. The caller checks the remaining lengths (the whole, the local
    part, each other label). Linear: every repetition ends at a separator (``.``, ``-``, ``@``)
    that its own class excludes, so no input makes it backtrack more than one step per label.
    """
    from email_validator import rfc_constants

    def limit(name: str, rfc: int) -> int:
        value = getattr(rfc_constants, name, rfc)
        return min(rfc, value) if isinstance(value, int) else rfc

    label_max = limit("DNS_LABEL_LENGTH_LIMIT", 63)
    local_max = limit("LOCAL_PART_MAX_LENGTH", 64)
    email_max = _fast_parts()[1]
    pattern = (
        rf"[{_ATEXT}]+(?:\.[{_ATEXT}]+)*"
        rf"@((?:[a-z0-9]+(?:-[a-z0-9]+)*\.)+([a-z]{{2,{label_max}}}))"
    )
    return re.compile(pattern), local_max, label_max, email_max


_clean_state: list[tuple[re.Pattern[str], int, int, int]] = []  # _clean_parts(), once built


def is_clean_email(value: str) -> bool:
    """Whether ``value`` is a valid address that sanitizing leaves unchanged, decided quickly.

    ``True`` means exactly ``check_email(value) == EmailCheck(True, value, (), None)``, with no
    result object built and no cache touched: a caller that only needs to know "valid and
    unchanged" (the common case) can skip :func:`check_email`. ``False`` means *not decided
    here*: call :func:`check_email` for the verdict (the address may still be valid, e.g. with
    an upper-case domain, an IDN or a special-use name).

    Exact because it only says ``True`` for addresses that :func:`_fast_parts`'s regex accepts
    unchanged (see :func:`_clean_parts`), that have no ``--`` and a lower-case domain, and whose
    domain is not special-use: the same conditions on which :func:`_judge`
    accepts without email-validator, which the tests check against the library.

    >>> is_clean_email("ola.nordmann@firma.no"), is_clean_email("ola@FIRMA.no")
    (True, False)
    """
    regex, local_max, label_max, email_max = _clean_state[0] if _clean_state else _load_clean()
    if len(value) > email_max:
        return False
    match = regex.fullmatch(value)
    if match is None:
        return False
    domain, tld = match.groups()
    if len(value) - len(domain) > local_max + 1:  # the local part is len(value) - len(domain) - 1
        return False
    if len(domain) > label_max and max(map(len, domain.split("."))) > label_max:
        return False
    # Special-use names, read afresh (as _special_use does). The library rejects the domain iff
    # ``domain == d or domain.endswith("." + d)`` for some ``d`` in its list; either way ``d``'s
    # last label is ``tld`` (a ``d`` that is empty or ends with "." cannot match a domain without
    # empty labels). So a ``tld`` that is no name's last label settles it with one set lookup;
    # otherwise the full test decides. A list holding anything but str is left to the library.
    if not _library or _special_cache[0] != _library[0].SPECIAL_USE_DOMAIN_NAMES:
        _refresh_special_names()
    last_labels: frozenset[str] | None = _special_cache[3]
    if last_labels is None:
        return False
    return tld not in last_labels or not _special_use(domain)


def _load_clean() -> tuple[re.Pattern[str], int, int, int]:
    if not _clean_state:
        _clean_state.append(_clean_parts())
    return _clean_state[0]


def _clean(value: str) -> EmailCheck | None:
    """The verdict on an address that needs no sanitizing and is plainly valid; None otherwise.

    Same result as ``_judge(value, ())`` (the tests check it); see :func:`is_clean_email`.
    """
    return _new_check(True, value, (), None) if is_clean_email(value) else None


def _judge(text: str, changes: tuple[str, ...]) -> EmailCheck:
    regex, email_max = _fast_parts()
    if len(text) <= email_max:
        match = regex.fullmatch(text)
        if match is not None:
            local, domain = match.groups()
            if "--" not in domain:  # R-LDH and xn-- labels need IDNA checks
                lower = domain.lower()
                if not _special_use(lower):
                    extra = (LOWERCASED_DOMAIN,) if lower != domain else ()
                    return EmailCheck(True, f"{local}@{lower}", changes + extra, None)
    return _judge_slow(text, changes)


def _check_unclean(value: str) -> EmailCheck:
    text, changes = sanitize_email(value)
    return _judge(text, changes)


def _check(value: str) -> EmailCheck:
    if is_clean_email(value):
        return _new_check(True, value, (), None)
    return _check_unclean(value)


# Only what is_clean_email does not decide is cached: a clean address is cheaper to decide again
# than to look up.
_check_cached = functools.lru_cache(maxsize=8192)(_check_unclean)


def check_email(value: str) -> EmailCheck:
    """Sanitize ``value`` as the ARM server does and decide whether the result is a valid address.

    Never raises for a ``str``. Results for short inputs are cached (bounded), so a file that
    repeats the same addresses pays once per distinct address.

    >>> check_email("ola.nordmann@firma.no")
    EmailCheck(ok=True, sanitized='ola.nordmann@firma.no', changes=(), reason=None)
    >>> check_email("ola..nordmann@firma.no").reason
    'An email address cannot have two periods in a row.'
    >>> check_email("ola@firma.no..").changes
    ('removed a trailing dot',)
    >>> check_email("")
    EmailCheck(ok=False, sanitized=None, changes=(), reason='An email address must have an @-sign.')
    """
    if is_clean_email(value):
        return _new_check(True, value, (), None)
    if len(value) <= _CACHE_MAX_LENGTH:
        return _check_cached(value)
    return _check_unclean(value)
