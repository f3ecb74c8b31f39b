"""The postal address: Norwegian postal codes against Bring's register as shipped in
:mod:`armvalidate.postcodes`, the country code and text, and the PUT address group.

Room: imports the postcode register and code tables, the checks' context and the checks of
codes, lengths and updates."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from armvalidate import codes, postcodes
from armvalidate.catalog import Severity, declare
from armvalidate.checks._context import Context, blank, usable
from armvalidate.checks.codes import check_country_code, check_country_text
from armvalidate.checks.lengths import too_long
from armvalidate.checks.update import check_partial_address
from armvalidate.fields import Path

__all__ = ["CITY_MISMATCH", "FORMAT", "UNKNOWN", "check_address"]

FORMAT = declare(
    "postcode.format",
    severity=Severity.ERROR,
    summary="A Norwegian postalCode is not four digits.",
    example='"postalCode": "150"',
    source="authority",
    ref=("Posten/Bring: a Norwegian postnummer is four digits."),
    doc=(
        "When postalAddress.countryCode is NO or absent/empty, postalCode must be exactly "
        "four ASCII digits (the leading zero counts: Oslo is 0001-1299). Other countries' "
        "postal codes, and addresses whose countryCode is no valid code, are not checked. An "
        "empty postalCode means no value."
    ),
)
UNKNOWN = declare(
    "postcode.unknown",
    severity=Severity.WARNING,
    summary="A Norwegian postalCode is not in Bring's postcode register.",
    example='"postalCode": "1234"',
    source="authority",
    ref=("Bring's postcode register (Postnummerregister), as shipped with armvalidate."),
    doc=(
        "A well-formed Norwegian postalCode should exist in Bring's postcode register (the "
        "copy shipped with armvalidate; see armvalidate.postcodes for its source and date, "
        "which may miss codes created since). A warning, not an error, because the shipped "
        "copy can be out of date. The API's own example uses 1234, which is not in it."
    ),
)
CITY_MISMATCH = declare(
    "postcode.city-mismatch",
    severity=Severity.WARNING,
    summary="cityName is not the post town of the Norwegian postalCode.",
    example='"postalCode": "0150", "cityName": "Bergen"',
    source="authority",
    ref=("Bring's postcode register (Postnummerregister): the post town of each postnummer."),
    doc=(
        "When the postalCode is in the register and cityName is given, cityName must be the "
        "code's post town (compared without case, accents and extra spaces, as the register "
        "module decides). Reported at cityName, with the expected town."
    ),
)


_NO_LIMITS: Mapping[str, int] = MappingProxyType({})


def check_address(ctx: Context, path: Path, address: Mapping[str, Any], customer: Any) -> None:
    """The postalAddress object: lengths, countryCode and countryText, the postal code, and on
    update the group rule. Sets the fact ``country``. (Unknown keys and values of another type
    are the structure stage's: skipped here.)"""
    # (the limits have exactly the seven keys: every profile has all default lengths, no other)
    limits = ctx.tables.nested_max_lengths.get("postalAddress", _NO_LIMITS)
    values: dict[str, str] = {}
    for key, value in address.items():
        if value.__class__ is str:
            limit = limits.get(key)
            if limit is None:
                continue  # an unknown key: schema.unknown-field
        elif value is None:
            continue
        else:
            if not isinstance(value, str):
                continue
            limit = limits.get(key)
            if limit is None:
                continue
        if len(value) > limit:
            too_long(ctx, (*path, key), key, value, limit)
        elif usable(value):
            values[key] = value
    code = values.get("countryCode")
    country = None if code is None else check_country_code(ctx, (*path, "countryCode"), code)
    ctx.country = country
    if country is not None:
        text = values.get("countryText")
        # check_country_text(...), called only to report: it reports when this is False
        if text is not None and not codes.country_text_matches(country, text):
            check_country_text(ctx, (*path, "countryText"), country, text)
        if country == "NO":
            _check_postal_code(ctx, path, values)
    elif blank(address.get("countryCode")):
        _check_postal_code(ctx, path, values)
    if ctx.update:
        check_partial_address(ctx, path, address)


def _check_postal_code(ctx: Context, path: Path, values: Mapping[str, str]) -> None:
    code = values.get("postalCode")
    if code is None:
        return
    place = postcodes.lookup(code)  # None when malformed or unknown: which, below
    if place is None:
        code_path = (*path, "postalCode")
        if not postcodes.is_well_formed(code):
            ctx.emit(
                FORMAT,
                code_path,
                f"postalCode {code!r} is no Norwegian postal code; expected four digits, e.g. 0150",
                context={"expected": "four digits", "found": code},
                value=code,
            )
            return
        ctx.emit(
            UNKNOWN,
            code_path,
            f"postalCode {code} is not in Bring's postcode register (as of "
            f"{postcodes.SOURCE_DATE})",
            context={"found": code},
            value=code,
        )
        return
    city = values.get("cityName")
    # (postcodes.city_matches(code, city) is False, without looking the code up again)
    if city is not None and not postcodes.place_matches(place, city):
        ctx.emit(
            CITY_MISMATCH,
            (*path, "cityName"),
            f"cityName {city!r} is not the post town of {code}; expected {place.city}",
            context={"expected": place.city, "found": city},
            value=city,
        )
