"""Identifier and contact-data generators written against
:class:`~armvalidate.strategies._picker.Picker`.

Shared by the Hypothesis strategies (``armvalidate.strategies.identifiers``) and the seeded fixtures
(``armvalidate.strategies.fixtures``). No Hypothesis, no Faker, no wall clock.

>>> from armvalidate.strategies._picker import RandomPicker
>>> p = RandomPicker(1)
>>> ssn = gen_ssn(p, kinds=("fnr",), synthetic="tenor", min_ord=700000, max_ord=739000)
>>> len(ssn), ssn[2] in "89"
(11, True)
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import lru_cache
from typing import Any

from armvalidate.no import fodselsnummer
from armvalidate.strategies import _data
from armvalidate.strategies._checkdigits import (
    classic_individual_ranges,
    fnr_check_digits,
    fnr_check_digits_2032,
    kid_check_digit,
    kontonr_check_digit,
    orgnr_check_digit,
)
from armvalidate.strategies._picker import Picker

__all__ = [
    "IDN_LABELS",
    "MONTH_OFFSETS",
    "PHONE_FORMATS",
    "PHONE_KINDS",
    "SSN_KINDS",
    "PostalPlace",
    "ascii_fold",
    "gen_account",
    "gen_email",
    "gen_kid",
    "gen_orgnr",
    "gen_person_name",
    "gen_phone",
    "gen_postal_address",
    "gen_ssn",
    "gen_ssn_for_date",
    "looks_like_fodselsnummer",
    "postal_places",
]

SSN_KINDS = ("fnr", "dnr", "hnr", "fhnr")
#: Month offsets of the synthetic forms (Test-Norge/Tenor, NAV Dolly, NHN SyntPop).
MONTH_OFFSETS: dict[str | None, int] = {None: 0, "tenor": 80, "dolly": 40, "syntpop": 65}
PHONE_KINDS = ("mobile", "fixed_line")
PHONE_FORMATS = ("national", "spaced", "e164", "international", "00")

PostalPlace = tuple[str, str, str]  # (postcode, city as in the register, category)


def gen_ssn_for_date(
    p: Picker,
    birth: date,
    *,
    kind: str = "fnr",
    synthetic: str | None = "tenor",
    new_rule: int = 0,
) -> str:
    """A fødselsnummer-family number for ``birth`` with an individual number the classic century
    table gives that year, and classic check digits (individual numbers whose K1 or K2 would be
    10 are skipped). ``kind`` is "fnr", "dnr" (day + 40) or "hnr" (month + 40). ``new_rule``
    1, 2 or 3: check digits of the rule for numbers issued from 2032 (``ΣW1·d mod 11`` is that
    remainder), valid only under the new rule."""
    ranges = classic_individual_ranges(birth.year)
    total = sum(hi - lo + 1 for lo, hi in ranges)
    start = p.integer(0, total - 1)
    day = birth.day + (40 if kind == "dnr" else 0)
    month = birth.month + (40 if kind == "hnr" else MONTH_OFFSETS[synthetic])
    prefix = f"{day:02d}{month:02d}{birth.year % 100:02d}"
    for step in range(total):
        index = (start + step) % total
        for lo, hi in ranges:
            if index <= hi - lo:
                individual = lo + index
                break
            index -= hi - lo + 1
        base = f"{prefix}{individual:03d}"
        k1, k2 = fnr_check_digits_2032(base, new_rule) if new_rule else fnr_check_digits(base)
        if k1 is not None and k2 is not None:
            return base + k1 + k2
    raise AssertionError("unreachable: every range holds individual numbers with check digits")


def gen_ssn(
    p: Picker,
    *,
    kinds: Sequence[str] = ("fnr", "dnr"),
    synthetic: str | None = "tenor",
    min_ord: int,
    max_ord: int,
) -> str:
    """A number of one of ``kinds`` born between two ``date.toordinal()`` values."""
    kind = p.choice(kinds)
    if kind == "fhnr":
        # Norsk helsenett's FH-number: first digit 8 or 9, digits 2-9 random, fnr check digits.
        first = p.choice("89")
        rest = p.integer(0, 10**8 - 1)
        while True:
            base = f"{first}{rest:08d}"
            k1, k2 = fnr_check_digits(base)
            if k1 is not None and k2 is not None:
                return base + k1 + k2
            rest = (rest + 1) % 10**8
    birth = date.fromordinal(p.integer(min_ord, max_ord))
    return gen_ssn_for_date(p, birth, kind=kind, synthetic=None if kind == "hnr" else synthetic)


def gen_orgnr(p: Picker, *, synthetic: bool = False) -> str:
    """Nine digits, leading 8/9 (2/3 for Test-Norge's synthetic organisations), mod 11."""
    first = p.choice("23" if synthetic else "98")
    rest = p.integer(0, 10**7 - 1)
    while True:
        base = f"{first}{rest:07d}"
        k = orgnr_check_digit(base)
        if k is not None:
            return base + k
        rest = (rest + 1) % 10**7


def looks_like_fodselsnummer(value: str) -> bool:
    """Is ``value`` also a valid fødselsnummer of the ordinary form (a plain date, or a D-number's
    day + 40), one that a data-loss scanner or a reader takes for a real person's number?

    Generated data never holds such a value outside ``ssn``; synthetic forms (month + 40, 65
    or 80) and FH-numbers are recognisably not a person's.

    >>> looks_like_fodselsnummer("12015641779"), looks_like_fodselsnummer("52015641762")
    (True, True)
    >>> looks_like_fodselsnummer("17912099997"), looks_like_fodselsnummer("12015641778")
    (False, False)
    """
    if len(value) != 11 or not value.isascii() or not value.isdigit():
        return False
    day, month = int(value[:2]), int(value[2:4])
    plain_date = 1 <= month <= 12 and (1 <= day <= 31 or 41 <= day <= 71)
    return plain_date and fodselsnummer.is_valid(value)


def gen_account(p: Picker) -> str:
    """Eleven digits: a bank register number, account group, customer part, mod-11 check.

    Numbers that are also an ordinary fødselsnummer (:func:`looks_like_fodselsnummer`, about
    one in 17 of the register prefixes' numbers) are passed over.
    """
    prefix = p.choice(_data.BANK_REGISTER_PREFIXES)
    rest = p.integer(0, 10**6 - 1)
    while True:
        base = f"{prefix}{rest:06d}"
        k = kontonr_check_digit(base)
        if k is not None and not looks_like_fodselsnummer(base + k):
            return base + k
        rest = (rest + 1) % 10**6


def gen_kid(p: Picker, *, algorithm: str, min_length: int, max_length: int) -> str:
    """A KID of ``min_length..max_length`` characters with its MOD10 or MOD11 check character."""
    length = p.integer(min_length, max_length)
    number = p.integer(0, 10 ** (length - 1) - 1)
    while True:
        base = f"{number:0{length - 1}d}"
        kid = base + kid_check_digit(base, algorithm)
        if not looks_like_fodselsnummer(kid):
            return kid
        number = (number + 1) % 10 ** (length - 1)


# fmt: off
_FOLD = str.maketrans({
    "æ": "ae", "ø": "o", "å": "a", "é": "e", "ö": "o", "ä": "a", "ü": "u",
    "Æ": "Ae", "Ø": "O", "Å": "A", " ": "", "&": "og", "'": "", "-": "",
})
# fmt: on


def ascii_fold(text: str) -> str:
    """Norwegian letters folded the way people do it in e-mail addresses.

    >>> ascii_fold("Ødegård")
    'Odegard'
    """
    return text.translate(_FOLD)


def gen_person_name(
    p: Picker, first_names: Sequence[str], surnames: Sequence[str]
) -> tuple[str, str, str]:
    """``(full name, first name, surname)``, sometimes with a double first name or surname."""
    first = p.choice(first_names)
    last = p.choice(surnames)
    if p.chance(0.1):
        first = f"{first}-{p.choice(first_names)}" if p.chance(0.5) else first
    if p.chance(0.1):
        last = f"{p.choice(surnames)}-{last}" if p.chance(0.5) else f"{p.choice(surnames)} {last}"
    return f"{first} {last}", first, last


def gen_email(
    p: Picker,
    *,
    first: str,
    last: str,
    domains: Sequence[str] = _data.EMAIL_DOMAINS,
    organisation: bool = False,
    idn: bool = False,
    unicode_local: bool = False,
) -> str:
    """A realistic address for a person (or an organisation's mailbox)."""
    if unicode_local:
        f, s = first.lower().replace(" ", ""), last.lower().replace(" ", "")
    else:
        f, s = ascii_fold(first).lower(), ascii_fold(last).lower()
    if organisation:
        local = p.choice(_data.ORG_MAILBOXES)
    else:
        form = p.integer(0, 5)
        if form == 0:
            local = f"{f}.{s}"
        elif form == 1:
            local = f"{f}{s}"
        elif form == 2:
            local = f"{f[0]}{s}"
        elif form == 3:
            local = f"{f}.{s}{p.integer(1, 99)}"
        elif form == 4:
            local = f"{f}_{s}"
        else:
            local = f"{f}{p.integer(50, 99)}"
        if p.chance(0.1):
            local = local.capitalize()
    if idn:
        label = p.choice(IDN_LABELS)
        domain = f"{label}.{p.choice(domains)}"
    else:
        domain = p.choice(domains)
    return f"{local}@{domain}"


IDN_LABELS = ("blåbær", "mjøsa", "jæren", "ålesund", "tromsø", "bodø", "grønn-fjell", "sæter")


def gen_phone(
    p: Picker,
    *,
    kinds: Sequence[str] = PHONE_KINDS,
    formats: Sequence[str] = ("national",),
) -> str:
    """A Norwegian mobile or fixed-line number in one of ``formats``."""
    if p.choice(kinds) == "mobile":
        first = p.choice(_data.MOBILE_PREFIXES)
        prefix = first + p.choice(_data.MOBILE_SECOND_DIGITS[first])
        mobile = True
    else:
        prefix = p.choice(_data.FIXED_LINE_PREFIXES)
        mobile = False
    digits = f"{prefix}{p.integer(0, 999999):06d}"
    form = p.choice(formats)
    if form == "national":
        return digits
    if mobile and p.chance(0.5):
        spaced = f"{digits[:3]} {digits[3:5]} {digits[5:]}"
    else:
        spaced = f"{digits[:2]} {digits[2:4]} {digits[4:6]} {digits[6:]}"
    if form == "spaced":
        return spaced
    if form == "e164":
        return f"+47{digits}"
    if form == "international":
        return f"+47 {spaced}"
    return f"0047{digits}"


@lru_cache(maxsize=1)
def postal_places() -> tuple[PostalPlace, ...]:
    """Real (postcode, city, category) triples for addresses, sorted by code.

    From Bring's register shipped as ``armvalidate.postcodes`` (service codes, category S, left
    out where the register says so; an unknown category counts as "B", street and post box),
    else a small built-in list of real pairs.
    """
    fallback = tuple((code, city, "B") for code, city in _data.FALLBACK_POSTAL_PLACES)
    try:
        from armvalidate import postcodes
    except ImportError:  # pragma: no cover - the register ships with armvalidate
        return fallback
    all_places: Any = getattr(postcodes, "all_places", None)
    if all_places is not None:
        entries = list(all_places())
    else:  # pragma: no cover - an older register module
        entries = [place for i in range(10000) if (place := postcodes.lookup(f"{i:04d}"))]
    places: list[PostalPlace] = []
    for place in entries:
        category = str(getattr(place, "category", None) or "B")
        if category != "S":
            places.append((str(place.code), str(place.city), category))
    return tuple(sorted(places)) or fallback


def gen_street(p: Picker) -> str:
    """A Norwegian-looking street address: ``Bjørkeveien 12B``."""
    number = p.integer(1, 150)
    letter = p.choice("ABCD") if p.chance(0.15) else ""
    return f"{p.choice(_data.STREET_STEMS)}{p.choice(_data.STREET_SUFFIXES)} {number}{letter}"


def gen_postal_address(p: Picker, *, foreign: float = 0.0) -> dict[str, Any]:
    """A complete postal address object (every key present; lines 2 and 3 may be ``""``).

    Norwegian addresses use a real postcode with its own city from the register; with
    probability ``foreign`` the address is in another country instead.
    """
    if foreign and p.chance(foreign):
        code, text, postcode, city, line1 = p.choice(_data.FOREIGN_ADDRESSES)
        return {
            "addressLine1": line1,
            "addressLine2": "",
            "addressLine3": "",
            "postalCode": postcode,
            "cityName": city,
            "countryText": text,
            "countryCode": code,
        }
    postcode, city, category = p.choice(postal_places())
    line1 = f"Postboks {p.integer(1, 9999)}" if category == "P" else gen_street(p)
    line2 = line3 = ""
    layout = p.integer(0, 9)
    if layout >= 8:  # C/O on the first line, as in the API docs' example
        care_of = f"C/O {p.choice(_data.FEMALE_NAMES)} {p.choice(_data.SURNAMES)}"
        line1, line2 = care_of, line1
        if layout == 9:
            line3 = p.choice(_data.ADDRESS_LINE2).format(n=p.integer(1, 9))
    elif layout >= 6:
        line2 = p.choice(_data.ADDRESS_LINE2).format(n=p.integer(1, 9))
    return {
        "addressLine1": line1,
        "addressLine2": line2,
        "addressLine3": line3,
        "postalCode": postcode,
        "cityName": city.title() if p.chance(0.5) else city,
        "countryText": p.choice(_data.NORWAY_COUNTRY_TEXTS),
        "countryCode": "NO",
    }
