"""Codes: ISO currency, language and country codes, and ARM's per-client code lists.

The API says data values are not case-sensitive: a code in another case is accepted without a
finding and written in its canonical case in ``sanitized`` (currency and country upper,
language lower, code-list values as the profile spells them).

Room: imports the code tables (:mod:`armvalidate.codes`), the checks' context, lengths and
numbers.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from collections.abc import Set as AbstractSet
from typing import Any

from armvalidate import codes
from armvalidate.catalog import Rule, Severity, declare
from armvalidate.checks._context import Context, usable
from armvalidate.checks.lengths import too_long
from armvalidate.checks.numbers import check_non_negative
from armvalidate.fields import Path
from armvalidate.profile import Tables

__all__ = [
    "CODE_UNKNOWN",
    "COUNTRY_TEXT",
    "COUNTRY_UNKNOWN",
    "CURRENCY_UNKNOWN",
    "LANGUAGE_UNKNOWN",
    "check_country_code",
    "check_country_text",
    "check_currency",
    "check_distribution",
    "check_language",
    "check_ssn_country",
    "code_list",
    "silent_values",
]

CURRENCY_UNKNOWN = declare(
    "currency.unknown",
    severity=Severity.ERROR,
    summary="currency is no ISO 4217 currency code.",
    example='"currency": "NKR"',
    source="authority",
    ref=('ISO 4217 alphabetic currency codes (the docs show "NOK").'),
    doc=(
        "currency must be an ISO 4217 alphabetic code (three ASCII letters, any case, e.g. "
        "NOK, EUR); sanitized to upper case. An empty string means no value."
    ),
)
LANGUAGE_UNKNOWN = declare(
    "language.unknown",
    severity=Severity.ERROR,
    summary="language is no ISO 639-1 language code.",
    example='"language": "nor"',
    source="authority",
    ref=('ISO 639-1 two-letter language codes (the docs show "no" and "en").'),
    doc=(
        "language must be an ISO 639-1 two-letter code (any case, e.g. no, nb, nn, en); "
        "sanitized to lower case. Three-letter ISO 639-2 codes are not accepted."
    ),
)
COUNTRY_UNKNOWN = declare(
    "country.unknown",
    severity=Severity.ERROR,
    summary="ssnCountry or postalAddress.countryCode is no ISO 3166-1 alpha-2 country code.",
    example='"countryCode": "UK"',
    source="authority",
    ref=('ISO 3166-1 alpha-2 country codes (the docs show "NO").'),
    doc=(
        "ssnCountry and postalAddress.countryCode must be ISO 3166-1 alpha-2 codes (two ASCII "
        "letters, any case; the United Kingdom is GB); sanitized to upper case. Alpha-3 codes "
        "(NOR) and names (Norway) are not codes."
    ),
)
COUNTRY_TEXT = declare(
    "country.text-mismatch",
    severity=Severity.WARNING,
    summary="postalAddress.countryText names another country than countryCode.",
    example='"countryText": "Sweden", "countryCode": "NO"',
    source="policy",
    ref=(
        "Our consistency check between countryText and countryCode; the docs state no "
        "rule between them."
    ),
    doc=(
        "When countryCode is a valid code and countryText is given, countryText must not be "
        "the name of another country (English or Norwegian names and common short forms, case "
        "and accents ignored). Unknown names and partial names are not reported."
    ),
)
CODE_UNKNOWN = declare(
    "code.unknown",
    severity=Severity.WARNING,
    summary="A value is not in the profile's code list for its field.",
    example='"customerCategory": "PRIVATE"',
    source="policy",
    ref=(
        "ARM's code lists are per client and not published; the default lists are the "
        "values the docs show plus obvious siblings."
    ),
    doc=(
        "customerCategory, priceNetOrGross, distribution.type, activeStatusWeb and each "
        "options entry must be in the profile's code list for the field (compared without "
        "case; sanitized to the list's spelling). ARM's code lists are per client and not "
        "published, so the defaults are the values the docs show plus obvious siblings: "
        "customerCategory CONS; priceNetOrGross B, N; distribution.type M, H; activeStatusWeb "
        "Active, Passive; options NoUpdatePostalReturn. Set your client's lists under "
        "[code-lists]; an empty list switches the field's check off."
    ),
)


_COUNTRY_WHAT = "an ISO 3166-1 alpha-2 country code (e.g. NO)"


def _iso(
    ctx: Context,
    path: Path,
    value: str,
    lookup: Callable[[str], str | None],
    rule: Rule,
    what: str,
) -> str | None:
    canonical = lookup(value)
    if canonical is None:
        ctx.emit(rule, path, f"{path[-1]} {value!r} is not {what}", context={"found": value})
        return None
    if canonical != value:
        ctx.change(path, canonical)
    return canonical


def check_currency(ctx: Context, path: Path, value: str, customer: Mapping[str, Any]) -> None:
    what = "an ISO 4217 currency code (e.g. NOK)"
    _iso(ctx, path, value, codes.currency, CURRENCY_UNKNOWN, what)


def check_language(ctx: Context, path: Path, value: str, customer: Mapping[str, Any]) -> None:
    what = "an ISO 639-1 language code (e.g. no, en)"
    _iso(ctx, path, value, codes.language, LANGUAGE_UNKNOWN, what)


def check_ssn_country(ctx: Context, path: Path, value: str, customer: Mapping[str, Any]) -> None:
    """ssnCountry; sets the fact ``ssn_country``."""
    ctx.ssn_country = _iso(ctx, path, value, codes.country, COUNTRY_UNKNOWN, _COUNTRY_WHAT)


def check_country_code(ctx: Context, path: Path, value: str) -> str | None:
    """postalAddress.countryCode: the canonical code, or None (reported)."""
    return _iso(ctx, path, value, codes.country, COUNTRY_UNKNOWN, _COUNTRY_WHAT)


def check_country_text(ctx: Context, path: Path, code: str, text: str) -> None:
    """postalAddress.countryText against a valid countryCode."""
    if not codes.country_text_matches(code, text):
        name = codes.country_name(code)
        ctx.emit(
            COUNTRY_TEXT,
            path,
            f"countryText {text!r} names another country than countryCode {code} ({name})",
            context={"expected": name, "found": text},
        )


_SCAN_MAX = 8
"""Code lists up to this size are scanned for a value in its canonical spelling (below)."""


def _is_canonical(table: Mapping[str, str], value: str) -> bool:
    """Whether ``value`` is one of ``table``'s canonical spellings, so that the code-list check
    has nothing to say about it: no finding and no change.

    Exact: the table maps ``c.casefold()`` to the first listed ``c`` of that casefold, so each
    canonical ``c`` in its values is ``table[c.casefold()]``, and a ``value`` equal to it is
    what the full check finds and keeps as it is. Only for an exact str (a subclass may compare
    otherwise) and a short list (the scan is linear; a long list takes the casefold lookup).
    """
    return value.__class__ is str and len(table) <= _SCAN_MAX and value in table.values()


def code_list(list_key: str) -> Callable[[Context, Path, str, Mapping[str, Any]], None]:
    """The check of one value against the profile's code list ``list_key``."""

    def check(ctx: Context, path: Path, value: str, customer: Mapping[str, Any]) -> None:
        table = ctx.tables.codes.get(list_key)
        if not table:
            return
        if _is_canonical(table, value) or not usable(value):
            return  # nothing to say
        canonical = table.get(value.casefold())
        if canonical is None:
            allowed = list(dict.fromkeys(table.values()))
            ctx.emit(
                CODE_UNKNOWN,
                path,
                f"{list_key} {value!r} is not in the profile's code list ({', '.join(allowed)})",
                context={"expected": allowed, "found": value},
            )
        elif canonical != value:
            ctx.change(path, canonical)

    check.__name__ = f"check_{list_key.replace('.', '_')}"
    _CODE_LIST_CHECKS[check] = list_key
    return check


_CODE_LIST_CHECKS: dict[Callable[..., None], str] = {}  # code_list()'s checks -> their list
_NOTHING: frozenset[str] = frozenset()


def silent_values(check: Callable[..., Any], tables: Tables) -> AbstractSet[str]:
    """The values of an exact ``str`` type on which ``check``, one of this module's checks of
    one value, has nothing to say under ``tables``' profile: no finding, no change (its
    canonical spelling) and no fact. A caller may skip the call for them. Empty for any
    other check (including check_ssn_country, which notes a fact, and check_currency and
    check_language, whose code tables are loaded only when a value comes).

    >>> from armvalidate.profile import PRODUCTION
    >>> sorted(silent_values(code_list("priceNetOrGross"), PRODUCTION.tables))
    ['B', 'N']
    """
    list_key = _CODE_LIST_CHECKS.get(check)
    if list_key is None:
        return _NOTHING
    table = tables.codes.get(list_key)
    if not table:
        return _NOTHING  # (the check is off: says nothing, but that is its own business)
    if len(table) <= _SCAN_MAX:  # as check() decides: any listed spelling
        return frozenset(table.values())
    return frozenset(value for value in table.values() if table.get(value.casefold()) == value)


_DISTRIBUTION_TYPE = code_list("distribution.type")


def check_distribution(
    ctx: Context, path: Path, distribution: Mapping[str, Any], customer: Any
) -> None:
    """The distribution object: its type against the code list (and its length), and a
    non-negative einvoiceCode.

    The common object, a type in its canonical spelling within its length and an int code of
    0 or more, is decided without the checks or paths (each would find nothing: see
    :func:`_is_canonical`; ``check_non_negative`` returns at once for such a code).
    """
    kind = distribution.get("type")
    if isinstance(kind, str):
        tables = ctx.tables
        limit = tables.nested_max_lengths["distribution"]["type"]
        if len(kind) > limit:
            too_long(ctx, (*path, "type"), "type", kind, limit)
        else:
            table = tables.codes.get("distribution.type")
            if table and not _is_canonical(table, kind):
                _DISTRIBUTION_TYPE(ctx, (*path, "type"), kind, customer)
    code = distribution.get("einvoiceCode")
    if code is not None and not (code.__class__ is int and code >= 0):
        check_non_negative(ctx, (*path, "einvoiceCode"), code, customer)
