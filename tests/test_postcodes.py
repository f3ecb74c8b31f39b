"""armvalidate.postcodes: Bring's register, shipped with its licence and source."""

from __future__ import annotations

import re
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from armvalidate import postcodes
from armvalidate.postcodes import PostalPlace, all_places, city_matches, is_well_formed, lookup

DATA = resources.files("armvalidate").joinpath("data")


@pytest.mark.parametrize("code", ["0001", "0150", "1234", "9999", "0000"])
def test_well_formed(code: str) -> None:
    assert is_well_formed(code)


@pytest.mark.parametrize(
    "code", ["", "150", "01500", " 0150", "0150 ", "O150", "０１５０", "٠١٥٠", "-150"]
)
def test_malformed(code: str) -> None:
    assert not is_well_formed(code)
    assert lookup(code) is None
    assert city_matches(code, "Oslo") is None


def test_non_strings_are_not_well_formed() -> None:
    assert not is_well_formed(150)  # type: ignore[arg-type]
    assert not is_well_formed(None)  # type: ignore[arg-type]


def test_lookup() -> None:
    assert lookup("0150") == PostalPlace("0150", "OSLO", None, None)
    assert lookup("5003") == PostalPlace("5003", "BERGEN")
    assert lookup("9170") == PostalPlace("9170", "LONGYEARBYEN")
    assert lookup("2001") == PostalPlace("2001", "LILLESTRØM")


def test_the_docs_example_code_is_not_in_the_register() -> None:
    # The ARM docs' request has postalCode "1234" with cityName "Oslo": 1234 is not a postcode.
    assert is_well_formed("1234")
    assert lookup("1234") is None
    assert city_matches("1234", "Oslo") is None


@pytest.mark.parametrize(
    ("code", "city"),
    [
        ("0150", "Oslo"),
        ("0150", "OSLO"),
        ("0150", " oslo "),
        ("0150", "0150 Oslo"),
        ("0150", "N-0150 OSLO"),
        ("0150", "Oslo sentrum"),
        ("2001", "Lillestrøm"),
        ("2001", "Lillestrom"),
        ("2001", "LILLESTROEM"),
        ("9008", "Tromsø"),
        ("6003", "Ålesund"),
        ("6003", "Aalesund"),
        ("1337", "Sandvika"),
        ("1337", "Sandvika, Bærum"),
        ("4612", "Kristiansand"),
        ("4612", "Kristiansand S"),
        ("8601", "Mo i Rana"),
        ("8601", "MO-I-RANA"),
        ("8601", "Moirana"),
    ],
)
def test_city_matches(code: str, city: str) -> None:
    assert city_matches(code, city) is True


@pytest.mark.parametrize(
    ("code", "city"),
    [
        ("0150", "Bergen"),
        ("5003", "Oslo"),
        ("1337", "Sand"),  # SAND is 4230, another place
        ("4230", "Sandvika"),
        ("0150", ""),
        ("0150", "   "),
        ("0150", "0150"),
    ],
)
def test_city_does_not_match(code: str, city: str) -> None:
    assert city_matches(code, city) is False


def test_register_shape() -> None:
    places = all_places()
    assert len(places) > 5000
    codes = [p.code for p in places]
    assert codes == sorted(set(codes))
    assert all(is_well_formed(c) for c in codes)
    assert all(p.city and p.city == p.city.strip() and p.city.upper() == p.city for p in places)
    # Oslo's leading-zero codes survive as strings.
    assert lookup("0001") is not None


def test_source_constants_agree_with_the_shipped_data() -> None:
    text = DATA.joinpath("postcodes.tsv").read_text(encoding="utf-8")
    header = dict(
        line[2:].split(": ", 1)
        for line in text.splitlines()
        if line.startswith("# ") and ": " in line
    )
    assert header["source"] == postcodes.SOURCE
    assert header["source-date"] == postcodes.SOURCE_DATE
    assert header["license"] == postcodes.LICENSE
    assert re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", postcodes.SOURCE_DATE)


def test_licence_and_source_note_ship_beside_the_data() -> None:
    licence = DATA.joinpath("LICENSE-norway-postal-codes.txt").read_text(encoding="utf-8")
    assert "MIT License" in licence and "Sindre Sorhus" in licence
    assert "LICENSE-norway-postal-codes.txt" in postcodes.LICENSE
    source = DATA.joinpath("SOURCE.md").read_text(encoding="utf-8")
    assert "norway-postal-codes" in source and postcodes.SOURCE_DATE in source


def test_import_loads_nothing_heavy() -> None:
    # The register is read on the first lookup, and the libraries on first use, not at import.
    code = (
        "import sys, armvalidate; before = set(sys.modules);"
        "import armvalidate.emails, armvalidate.phones, armvalidate.codes, armvalidate.postcodes;"
        "new = set(sys.modules) - before;"
        "heavy = {'email_validator', 'phonenumbers', 'pycountry', 'idna', 'hypothesis', 'faker'};"
        "print(sorted(m for m in new if m.split('.')[0] in heavy));"
        "print(armvalidate.postcodes._register.cache_info().currsize)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=Path.cwd()
    ).stdout.split("\n")
    assert out[:2] == ["[]", "0"]


_ANY = st.characters(exclude_categories=())  # surrogates and unassigned too


@settings(max_examples=200, deadline=None)
@given(st.text(_ANY, max_size=6), st.text(_ANY, max_size=80))
def test_never_raises(code: str, city: str) -> None:
    assert city_matches(code, city) in {None, True, False}
    assert city_matches("0150", city) in {True, False}


# --- the shortcut for a city written as the register writes it ----------------------------------


def _reference_city_matches(code: str, city: str) -> bool | None:
    """city_matches() as it was: always folding both names."""
    place = postcodes.lookup(code)
    if place is None:
        return None
    given = postcodes._words(city)
    if not given:
        return False
    official = postcodes._words(place.city)
    if "".join(given) == "".join(official):
        return True
    return postcodes._contains(given, official) or postcodes._contains(official, given)


def test_city_shortcut_agrees_with_folding_on_every_post_town() -> None:
    for place in postcodes.all_places()[::3]:
        city = place.city
        variants = {city, city.lower(), city.title(), city.swapcase(), city.capitalize()}
        variants |= {city.replace("I", "ı"), city.lower().replace("i", "ı"), city + " ", " " + city}
        variants |= {city.replace("SS", "ß"), city.replace("O", "Ο"), f"{place.code} {city}"}
        for text in variants:
            expected = _reference_city_matches(place.code, text)
            assert postcodes.city_matches(place.code, text) == expected, (place, text)


# --- the premises of place_matches' shortcut (any case, Æ Ø Å too) and of lookup's -------------


def _fold_letters(text: str) -> str:
    """What _words does to each character (casefold, Norwegian letters, NFKD, no accents)."""
    import unicodedata

    text = text.casefold().translate(postcodes._FOLD_LETTERS)
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def test_place_matches_shortcut_premises_hold_for_the_shipped_register() -> None:
    towns = {place.city for place in all_places()}
    alphabet = set("".join(towns))
    assert alphabet <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZÆØÅ -")  # no digit: no leading code
    assert all(postcodes._words(town) for town in towns)  # every town has words
    # every character whose upper case is written in the towns' alphabet folds as that upper
    # case does, but the ones the shortcut excludes
    otherwise = set()
    for point in range(0x110000):
        char = chr(point)
        upper = char.upper()
        if all(c in alphabet for c in upper) and _fold_letters(char) != _fold_letters(upper):
            otherwise.add(char)
    assert otherwise <= set(postcodes._UPPER_FOLDS_OTHERWISE)


def test_place_matches_agrees_with_folding_on_every_post_town_in_any_case() -> None:
    for place in postcodes.all_places():
        city = place.city
        variants = {city, city.lower(), city.title(), city.swapcase(), city.capitalize()}
        variants |= {city.replace("I", "ı"), city.lower().replace("s", "ſ"), city + "-"}
        variants |= {city.lower().replace("ss", "ß"), city.replace("Å", "AA"), city[:-1]}
        for text in variants:
            expected = _reference_city_matches(place.code, text)
            assert postcodes.place_matches(place, text) == expected, (place, text)
            assert postcodes.city_matches(place.code, text) == expected, (place, text)


_TOWN_CHARS = st.sampled_from(sorted(set("ABCDEFGHIJKLMNOPQRSTUVWXYZÆØÅæøå -ıſßﬁ̊é")))


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(all_places()), st.data())
def test_place_matches_agrees_with_folding_on_generated_spellings(
    place: PostalPlace, data: st.DataObject
) -> None:
    flips = data.draw(st.lists(st.booleans(), min_size=len(place.city), max_size=len(place.city)))
    text = "".join(c.lower() if f else c for c, f in zip(place.city, flips, strict=True))
    text = data.draw(st.sampled_from([text, text + data.draw(st.text(_TOWN_CHARS, max_size=3))]))
    assert postcodes.place_matches(place, text) == _reference_city_matches(place.code, text)


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(exclude_categories=()), max_size=6))
def test_lookup_agrees_with_the_well_formed_lookup(code: str) -> None:
    expected = postcodes._register().get(code) if is_well_formed(code) else None
    assert lookup(code) == expected


# --- the index of folded towns: a city that is some register town is looked up, not folded ----


def _neighbours() -> dict[str, set[str]]:
    """For each register town, the towns that share a folded word with it (where standing inside
    one another as whole words can happen) and the towns next to it in sorted order."""
    towns = sorted({place.city for place in all_places()})
    by_word: dict[str, set[str]] = {}
    for town in towns:
        for word in postcodes._words(town):
            by_word.setdefault(word, set()).add(town)
    near: dict[str, set[str]] = {}
    for i, town in enumerate(towns):
        found = set(towns[max(0, i - 2) : i + 3])
        for word in postcodes._words(town):
            found |= by_word[word]
        near[town] = found
    return near


def test_register_towns_given_as_city_agree_with_folding_both() -> None:
    near = _neighbours()
    checked = 0
    for place in all_places()[::2]:
        for other in near[place.city]:
            for text in (other, other.title(), other.lower(), other.lower().replace("i", "ı")):
                expected = _reference_city_matches(place.code, text)
                assert postcodes.place_matches(place, text) == expected, (place, text)
                checked += 1
    assert checked > 10_000


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(all_places()), st.sampled_from(all_places()), st.data())
def test_another_register_town_agrees_with_folding_both(
    place: PostalPlace, other: PostalPlace, data: st.DataObject
) -> None:
    town = other.city
    flips = data.draw(st.lists(st.booleans(), min_size=len(town), max_size=len(town)))
    text = "".join(c.lower() if f else c for c, f in zip(town, flips, strict=True))
    assert postcodes.place_matches(place, text) == _reference_city_matches(place.code, text)


@pytest.mark.parametrize(
    ("town", "city", "expected"),
    [
        ("123", "Oslo", True),  # a town without words stands inside any text, as folding says
        ("OSLO SENTRUM", "OSLO", True),  # not a register town: folded on the spot
        ("OSLO SENTRUM", "Bergen", False),
        ("BERGEN", "bergen", True),
        ("BERGEN", "", False),
    ],
)
def test_places_made_by_hand_are_folded_too(town: str, city: str, expected: bool) -> None:
    place = PostalPlace("0150", town)
    assert postcodes.place_matches(place, city) is expected


def test_the_index_holds_every_register_town_folded() -> None:
    index = postcodes._towns()
    assert set(index) == {place.city for place in all_places()}
    for town, folded in index.items():
        words = postcodes._words(town)
        assert folded.words == words and folded.joined == "".join(words)
        size = len(words)
        assert folded.runs == {words[i:j] for i in range(size + 1) for j in range(i, size + 1)}
