"""ISO codes, case-insensitive, from `pycountry <https://pypi.org/project/pycountry/>`_.

The ARM API says data values are not case-sensitive, so every lookup here ignores case and
answers with the canonical spelling, or ``None`` for an unknown code. The tables are built from
pycountry on first use (nothing is hand-written but the Norwegian country names below) and kept
in dicts, so later lookups cost a dict access.

>>> currency("nok")
'NOK'
>>> language("NO"), language("nb"), language("nn")
('no', 'nb', 'nn')
>>> country("no")
'NO'
>>> country("NOR") is None  # alpha-2 only, as the API's countryCode
True
>>> country_text_matches("NO", "Norge")
True
>>> country_text_matches("NO", "Sverige")
False

Only ASCII input can match: ``"ınr".upper()`` is ``"INR"`` in Python (a dotless i), but no server
would read it as the Indian rupee.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

__all__ = [
    "canonical_currencies",
    "canonical_languages",
    "country",
    "country_name",
    "country_text_matches",
    "currency",
    "language",
]


@functools.cache
def _currencies() -> frozenset[str]:
    import pycountry

    return frozenset(c.alpha_3.upper() for c in pycountry.currencies)


@functools.cache
def _languages() -> frozenset[str]:
    import pycountry

    database = pycountry.languages
    codes = _alpha_2_codes(database)
    if codes is None:
        codes = frozenset(
            lang.alpha_2.lower() for lang in database if getattr(lang, "alpha_2", None)
        )
    return codes


def _alpha_2_codes(database: Any) -> frozenset[str] | None:
    """The lower-cased ``alpha_2`` codes of a pycountry database that is not loaded yet, read
    from its own JSON file; ``None`` when it is loaded or its file is not as expected (then the
    caller iterates the database).

    pycountry's languages are ISO 639-3's 7,900 entries, of which 184 have an ``alpha_2``:
    loading them as pycountry objects keeps about 6 MiB in the process for good (RSS, measured)
    and takes some 50 ms, for a set of 184 codes. Read here with a hook that keeps only each
    entry's ``alpha_2``, they cost neither; the codes are those pycountry would give
    (tests/test_codes.py compares both).
    """
    if getattr(database, "_is_loaded", True):  # (loaded, or not a pycountry database we know)
        return None
    filename, root = getattr(database, "filename", None), getattr(database, "root_key", None)
    if not isinstance(filename, str) or not isinstance(root, str):
        return None

    def alpha_2(entry: dict[str, Any]) -> Any:
        return entry if root in entry else entry.get("alpha_2", "")

    try:
        with open(filename, encoding="utf-8") as file:
            entries = json.load(file, object_hook=alpha_2)[root]
    except (OSError, ValueError, LookupError, TypeError):
        return None
    if not isinstance(entries, list) or not all(isinstance(e, str) for e in entries):
        return None
    return frozenset(code.lower() for code in entries if code)


@functools.cache
def _countries() -> dict[str, str]:
    """alpha-2 code → English short name."""
    import pycountry

    return {c.alpha_2.upper(): c.name for c in pycountry.countries}


def _spellings(canonical: Iterable[str]) -> dict[str, str]:
    """Every spelling of each code in any case (each letter upper or lower) → the code.

    A lookup in it is the lookup of the functions below, exactly: the codes are ASCII letters,
    and the only ASCII characters whose upper (or lower) case is an ASCII letter are the
    letters of either case, so a string of the code's length that is ASCII and names the code
    in some case is one of these spellings, and nothing else is (a non-ASCII string is none).
    """
    table: dict[str, str] = {}
    for code in canonical:
        spellings = [""]
        for letter in code:
            cases = {letter.lower(), letter.upper()}
            spellings = [head + case for head in spellings for case in cases]
        for spelling in spellings:
            table[spelling] = code
    return table


@functools.cache
def _currency_spellings() -> dict[str, str]:
    return _spellings(_currencies())


@functools.cache
def _language_spellings() -> dict[str, str]:
    return _spellings(_languages())


@functools.cache
def _country_spellings() -> dict[str, str]:
    return _spellings(_countries())


def canonical_currencies() -> frozenset[str]:
    """Every code :func:`currency` returns: ``currency(code) == code`` for each.

    >>> "NOK" in canonical_currencies(), "nok" in canonical_currencies()
    (True, False)
    """
    return _currencies()


def canonical_languages() -> frozenset[str]:
    """Every code :func:`language` returns: ``language(code) == code`` for each.

    >>> "nb" in canonical_languages(), "NB" in canonical_languages()
    (True, False)
    """
    return _languages()


def currency(value: str) -> str | None:
    """The ISO 4217 alpha-3 code ``value`` names, in upper case, or ``None``.

    >>> currency("Eur")
    'EUR'
    >>> currency("NKR") is None
    True
    """
    if value.__class__ is str:  # (a subclass may compare or hash otherwise)
        return _currency_spellings().get(value)
    if len(value) != 3 or not value.isascii():
        return None
    code = value.upper()
    return code if code in _currencies() else None


def language(value: str) -> str | None:
    """The ISO 639-1 (two-letter) code ``value`` names, in lower case, or ``None``.

    >>> language("EN")
    'en'
    >>> language("nor") is None  # ISO 639-2 codes are not what the API takes
    True
    """
    if value.__class__ is str:
        return _language_spellings().get(value)
    if len(value) != 2 or not value.isascii():
        return None
    code = value.lower()
    return code if code in _languages() else None


def country(value: str) -> str | None:
    """The ISO 3166-1 alpha-2 code ``value`` names, in upper case, or ``None``.

    >>> country("se")
    'SE'
    >>> country("UK") is None  # the United Kingdom is GB in ISO 3166-1
    True
    """
    if value.__class__ is str:
        return _country_spellings().get(value)
    if len(value) != 2 or not value.isascii():
        return None
    code = value.upper()
    return code if code in _countries() else None


def country_name(code: str) -> str | None:
    """The English short name of an ISO 3166-1 alpha-2 code (any case), for messages.

    >>> country_name("no")
    'Norway'
    """
    canonical = country(code)
    return None if canonical is None else _countries()[canonical]


# Names people write in a Norwegian countryText that pycountry does not carry: Norwegian (bokmål
# and nynorsk) names of common countries, a few native names and common English short forms.
_EXTRA_NAMES: dict[str, tuple[str, ...]] = {
    "AF": ("Afghanistan",),
    "AR": ("Argentina",),
    "AT": ("Østerrike", "Austerrike", "Österreich"),
    "AU": ("Australia",),
    "BA": ("Bosnia-Hercegovina", "Bosnia", "Bosnia og Hercegovina"),
    "BE": ("Belgia", "België", "Belgique"),
    "BG": ("Bulgaria",),
    "BR": ("Brasil",),
    "CA": ("Canada",),
    "CH": ("Sveits", "Schweiz", "Suisse", "Svisse"),
    "CL": ("Chile",),
    "CN": ("Kina", "China", "Folkerepublikken Kina"),
    "CZ": ("Tsjekkia", "Den tsjekkiske republikk", "Czech Republic"),
    "DE": ("Tyskland", "Deutschland"),
    "DK": ("Danmark",),
    "EE": ("Estland", "Eesti"),
    "EG": ("Egypt",),
    "ER": ("Eritrea",),
    "ES": ("Spania", "España"),
    "ET": ("Etiopia",),
    "FI": ("Finland", "Suomi"),
    "FO": ("Færøyene", "Færøyane", "Føroyar"),
    "FR": ("Frankrike",),
    "GB": (
        "Storbritannia",
        "Det forente kongerike",
        "UK",
        "U.K.",
        "Great Britain",
        "Britain",
        "England",
        "Scotland",
        "Skottland",
        "Wales",
        "Northern Ireland",
        "Nord-Irland",
    ),
    "GL": ("Grønland", "Kalaallit Nunaat"),
    "GR": ("Hellas",),
    "HR": ("Kroatia", "Hrvatska"),
    "HU": ("Ungarn",),
    "IE": ("Irland",),
    "IN": ("India",),
    "IQ": ("Irak",),
    "IR": ("Iran",),
    "IS": ("Island", "Ísland"),
    "IT": ("Italia",),
    "JP": ("Japan",),
    "KR": ("Sør-Korea", "Sor-Korea"),
    "LK": ("Sri Lanka",),
    "LT": ("Litauen", "Lietuva"),
    "LV": ("Latvia",),
    "MA": ("Marokko",),
    "MX": ("Mexico", "Mexiko"),
    "NL": ("Nederland", "Holland", "The Netherlands"),
    "NO": ("Norge", "Noreg", "Norwegen", "Kongeriket Norge"),
    "NZ": ("New Zealand",),
    "PH": ("Filippinene", "Philippines"),
    "PK": ("Pakistan",),
    "PL": ("Polen", "Polska"),
    "PT": ("Portugal",),
    "RO": ("Romania",),
    "RS": ("Serbia",),
    "RU": ("Russland", "Russia"),
    "SE": ("Sverige",),
    "SI": ("Slovenia",),
    "SK": ("Slovakia",),
    "SO": ("Somalia",),
    "SY": ("Syria",),
    "TH": ("Thailand",),
    "TR": ("Tyrkia", "Turkey"),
    "UA": ("Ukraina",),
    "US": (
        "USA",
        "U.S.A.",
        "US",
        "U.S.",
        "Amerika",
        "America",
        "De forente stater",
        "Dei sameinte statane",
        "United States of America",
    ),
    "VN": ("Vietnam",),
    "ZA": ("Sør-Afrika", "Sor-Afrika", "South Africa"),
}

# Letters that Unicode does not decompose, written as Norwegians type them without the key.
_FOLD_LETTERS = str.maketrans({"æ": "ae", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "ł": "l"})
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


@functools.lru_cache(maxsize=4096)
def _fold(text: str) -> str:
    """Case-, accent-, space- and punctuation-insensitive key of a name.

    >>> _fold("  Bosnia & Herzegovina ")
    'bosniaandherzegovina'
    >>> _fold("Færøyene") == _fold("FAEROYENE")
    True
    """
    text = text.casefold().replace("&", " and ").translate(_FOLD_LETTERS)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return _NOT_ALNUM.sub("", text)


def _name_variants(name: str) -> Iterable[str]:
    yield name
    if ", " in name:  # "Korea, Republic of" → "Republic of Korea" and "Korea"
        head, _, tail = name.partition(", ")
        yield f"{tail} {head}"
        yield head


@functools.cache
def _country_names() -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """(alpha-2 → folded names incl. codes; folded name → alpha-2 codes that carry it)."""
    import pycountry

    own: dict[str, set[str]] = {}
    index: dict[str, set[str]] = {}
    for entry in pycountry.countries:
        code = entry.alpha_2.upper()
        names: set[str] = set()
        for attribute in ("name", "official_name", "common_name"):
            value = getattr(entry, attribute, None)
            if value:
                names.update(_fold(v) for v in _name_variants(value))
        names.update(_fold(v) for v in _EXTRA_NAMES.get(code, ()))
        names.discard("")
        for name in names:  # the codes themselves are not indexed as names ("NO", "IND" ...)
            index.setdefault(name, set()).add(code)
        own[code] = names | {_fold(code), _fold(entry.alpha_3)}
    return (
        {code: frozenset(names) for code, names in own.items()},
        {name: frozenset(codes) for name, codes in index.items()},
    )


def country_text_matches(code: str, text: str) -> bool:
    """Whether the free text ``text`` plausibly names the country ``code`` (ISO 3166-1 alpha-2).

    Lenient by design, since the caller only warns on ``False``: the answer is ``False`` only when
    ``text`` is a name of *another* country (English short/official/common name from pycountry,
    a Norwegian name, or a common short form such as "USA") and not a name or a part of a name of
    ``code``. An unknown code, an empty text, a typo, or a name this module does not know all
    give ``True``. Case, accents, spaces and punctuation are ignored.

    >>> country_text_matches("NO", "NORWAY"), country_text_matches("NO", "Kingdom of Norway")
    (True, True)
    >>> country_text_matches("SE", "Norge")
    False
    >>> country_text_matches("GB", "England"), country_text_matches("US", "U.S.A.")
    (True, True)
    >>> country_text_matches("KR", "Korea")  # "Korea, Republic of"
    True
    >>> country_text_matches("NO", "Narnia")  # unknown: not a reason to warn
    True
    """
    canonical = country(code)
    if canonical is None:
        return True
    if text.__class__ is str and text.isascii() and text.replace(" ", "").isalnum():
        # _fold(text), exactly, for ASCII letters, digits and spaces (most texts: "Norway",
        # "NORGE", "United Kingdom"): casefold is lower there, no "&", none of _FOLD_LETTERS,
        # NFKD changes no ASCII, and of those characters _NOT_ALNUM removes only the spaces
        key = text.lower().replace(" ", "")
    else:
        key = _fold(text)
        if not key:
            return True
    own, index = _country_names()
    names = own[canonical]
    if key in names:
        return True
    others = index.get(key)
    if not others or canonical in others:
        return True
    # A part of one of the code's own names ("Congo" for the Democratic Republic of the Congo,
    # "Guinea" for Guinea-Bissau) is plausible too; a longer name that contains one of them
    # ("Nigeria" for Niger, "South Korea" for North Korea) is another country.
    return any(key in name for name in names)
