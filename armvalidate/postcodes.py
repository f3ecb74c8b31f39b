"""Norwegian postal codes (postnummer) and their post towns, from Bring's postcode register.

A Norwegian postal code is four digits, and the leading zero matters (Oslo is 0001-1299), so it
is always a string. The register that says which codes exist and which post town each belongs to
is Bring's; this package ships a copy of it (see :data:`SOURCE`, :data:`SOURCE_DATE`,
:data:`LICENSE` and ``armvalidate/data/SOURCE.md``), loaded on the first lookup.

>>> is_well_formed("0150"), is_well_formed("150"), is_well_formed("O150")
(True, False, False)
>>> lookup("0150")
PostalPlace(code='0150', city='OSLO', municipality=None, category=None)
>>> city_matches("0150", "Oslo")
True
>>> city_matches("5003", "Oslo")
False
>>> lookup("1234") is None  # the ARM docs' example code is not in the register
True
>>> city_matches("1234", "Oslo") is None
True

The copy is a snapshot (:data:`SOURCE_DATE`): a code Bring created later is unknown here, so
treat "unknown" as something to look at, not as proof that the code is wrong. The source carries
no municipality or category columns, so those fields are ``None``.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import NamedTuple

__all__ = [
    "LICENSE",
    "SOURCE",
    "SOURCE_DATE",
    "PostalPlace",
    "all_places",
    "city_matches",
    "is_well_formed",
    "lookup",
    "place_matches",
]

#: Where the data comes from (also the ``# source:`` header of ``data/postcodes.tsv``).
SOURCE = (
    "Bring's postcode register (postnummerregisteret), from the npm package "
    "norway-postal-codes 3.3.0 (converted/postal-codes-simple.js)"
)
#: The date of the register copy, as its package states it.
SOURCE_DATE = "2021-05-31"
#: The licence of the shipped data.
LICENSE = (
    "MIT (norway-postal-codes, Copyright (c) Sindre Sorhus); "
    "see armvalidate/data/LICENSE-norway-postal-codes.txt"
)

_DATA_FILE = "postcodes.tsv"


@dataclass(frozen=True, slots=True)
class PostalPlace:
    """One entry of the register: the code, its post town as Bring writes it (upper case), and
    the municipality and category (B/F/G/P/S) when the shipped data has them (it does not yet)."""

    code: str
    city: str
    municipality: str | None = None
    category: str | None = None


def is_well_formed(code: object) -> bool:
    """Whether ``code`` is exactly four ASCII digits (a string; ``"0150"``, not ``150``).

    >>> is_well_formed("9170"), is_well_formed("91700"), is_well_formed("٠١٥٠"), is_well_formed(150)
    (True, False, False, False)
    """
    return isinstance(code, str) and len(code) == 4 and code.isascii() and code.isdigit()


def _read_data() -> str:
    from importlib import resources  # on first lookup: it imports tempfile, shutil, zipfile...

    data = resources.files("armvalidate").joinpath("data").joinpath(_DATA_FILE)
    return data.read_text(encoding="utf-8")


@functools.cache
def _register() -> dict[str, PostalPlace]:
    register: dict[str, PostalPlace] = {}
    for line in _read_data().splitlines():
        if not line or line.startswith("#"):
            continue
        code, city = line.split("\t")
        register[code] = PostalPlace(code, city)
    return register


def lookup(code: str) -> PostalPlace | None:
    """The register's entry for ``code``, or ``None`` if it is malformed or not in the register.

    >>> lookup("9170").city
    'LONGYEARBYEN'
    >>> lookup(" 9170") is None
    True
    """
    if code.__class__ is str:
        # Every key of the register is four ASCII digits, so an exact str that equals one is
        # well formed, and one that equals none gets None either way.
        return _register().get(code)
    if not is_well_formed(code):
        return None
    return _register().get(code)


def all_places() -> tuple[PostalPlace, ...]:
    """Every entry of the register, sorted by code (e.g. to generate realistic addresses).

    >>> all_places()[0]
    PostalPlace(code='0001', city='OSLO', municipality=None, category=None)
    """
    return tuple(sorted(_register().values(), key=lambda place: place.code))


_FOLD_LETTERS = str.maketrans({"æ": "ae", "ø": "o", "đ": "d", "ð": "d"})
_LEADING_CODE = re.compile(r"\s*(?:[A-Za-z]{1,2}\s*-\s*)?[0-9]{4}\b")
_NOT_LETTER = re.compile(r"[^a-z]+")


def _words(text: str) -> tuple[str, ...]:
    """A place name as folded words: case, accents, punctuation and Norwegian letters spelled
    without the key (Ø/OE → o, Æ/AE → a, Å/AA → a) do not matter.

    >>> _words("Mo i Rana"), _words("TROMSØ"), _words("Tromsoe"), _words("Aalesund")
    (('mo', 'i', 'rana'), ('tromso',), ('tromso',), ('alesund',))
    >>> _words("N-0150 Oslo sentrum")
    ('oslo', 'sentrum')
    """
    leading = _LEADING_CODE.match(text)
    if leading is not None:
        text = text[leading.end() :]
    text = text.casefold().translate(_FOLD_LETTERS)
    if not text.isascii():  # (NFKD leaves ASCII as it is, and ASCII has no combining marks)
        text = "".join(
            c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)
        )
    words = []
    for word in _NOT_LETTER.split(text):
        if word:
            words.append(word.replace("aa", "a").replace("ae", "a").replace("oe", "o"))
    return tuple(words)


def _contains(haystack: tuple[str, ...], needle: tuple[str, ...]) -> bool:
    size = len(needle)
    return any(haystack[i : i + size] == needle for i in range(len(haystack) - size + 1))


class _Folded(NamedTuple):
    """A post town folded once: its words, those joined, and every run of consecutive words,
    the empty run too (``needle in runs`` is ``_contains(words, needle)``)."""

    words: tuple[str, ...]
    joined: str
    runs: frozenset[tuple[str, ...]]


def _folded(town: str) -> _Folded:
    words = _words(town)
    runs = frozenset(
        words[start:end] for start in range(len(words) + 1) for end in range(start, len(words) + 1)
    )
    return _Folded(words, "".join(words), runs)


@functools.cache
def _towns() -> dict[str, _Folded]:
    """The index of the register's post towns: each town as Bring writes it → its folded form.

    Built once, on the first comparison. It serves both sides of :func:`place_matches`: the
    code's town, and a ``city`` that is some register town in any case (``"Bergen"`` given for
    Oslo's code), which then needs no folding either.
    """
    return {town: _folded(town) for town in {place.city for place in _register().values()}}


def city_matches(code: str, city: str) -> bool | None:
    """Whether ``city`` names the post town of ``code``; ``None`` when ``code`` is unknown.

    Lenient, since a mismatch is only worth a warning: case, accents, spaces, punctuation and
    spellings without Æ/Ø/Å are ignored; a leading postcode is skipped (``"0150 Oslo"``); the
    post town may stand inside a longer text (``"Oslo sentrum"``), and a whole-word part of the
    post town is enough (``"Kristiansand"`` for ``KRISTIANSAND S``). An empty ``city`` does not
    match.

    >>> city_matches("9008", "tromso"), city_matches("6003", "Aalesund")
    (True, True)
    >>> city_matches("4612", "Kristiansand"), city_matches("8601", "Mo i Rana")
    (True, True)
    >>> city_matches("1337", "Sand")  # SANDVIKA: "Sand" is another place
    False
    """
    place = lookup(code)
    if place is None:
        return None
    return place_matches(place, city)


# The one letter whose upper case is a letter of the register's towns (A-Z, Æ, Ø, Å, space and
# hyphen) but which folds otherwise than that upper case: the dotless ı (upper I, folded "ı",
# no letter of _words). tests/test_postcodes.py derives it from every code point and the data.
_UPPER_FOLDS_OTHERWISE = "ı"


def place_matches(place: PostalPlace, city: str) -> bool:
    """:func:`city_matches` for a register entry (``lookup(code)``) instead of its code.

    Both names are folded (:func:`_words`) and compared: the same letters, or one standing
    inside the other as whole words. The register's towns are folded once, into an index
    (:func:`_towns`), and a ``city`` that is a register town in any case, with any of its
    letters (Æ Ø Å too), is looked up there instead of folded. That is exact: every town of the
    register is written in A-Z, Æ, Ø, Å, space and hyphen (no digit, so no leading postcode to
    skip) and has a letter (so its words are not empty); a ``city`` with ``city.upper()`` a
    town is made of letters whose upper case is in that alphabet; and of those, only
    ``_UPPER_FOLDS_OTHERWISE`` folds (casefold, the Norwegian letters, NFKD without accents:
    all letter by letter) otherwise than its upper case. So ``city`` folds as that town does.
    (tests/test_postcodes.py checks each premise.)

    >>> place_matches(lookup("8006"), "Bodø"), place_matches(lookup("8006"), "Oslo")
    (True, False)
    """
    town = place.city
    if city == town:
        return True
    towns = _towns()
    official = towns.get(town)
    if official is None:  # a PostalPlace made by hand, with a town the register lacks
        official = _folded(town)
    if city.__class__ is str and _UPPER_FOLDS_OTHERWISE not in city:
        upper = city.upper()
        if upper == town:
            return True
        given = towns.get(upper)
        if given is not None:  # another register town: compare the folded forms, no folding
            return (
                given.joined == official.joined
                or given.words in official.runs
                or official.words in given.runs
            )
    words = _words(city)
    if not words:
        return False
    return (
        "".join(words) == official.joined
        or words in official.runs
        or _contains(words, official.words)
    )
