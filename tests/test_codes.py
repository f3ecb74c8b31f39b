"""armvalidate.codes: case-insensitive ISO lookups built from pycountry."""

from __future__ import annotations

from typing import Any

import pycountry
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from armvalidate import codes
from armvalidate.codes import country, country_name, country_text_matches, currency, language


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("NOK", "NOK"),
        ("nok", "NOK"),
        ("Nok", "NOK"),
        ("EUR", "EUR"),
        ("usd", "USD"),
        ("NKR", None),
        ("kr", None),
        ("", None),
        (" NOK", None),
        ("NOKK", None),
        ("ınr", None),
    ],
)
def test_currency(value: str, expected: str | None) -> None:
    assert currency(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("no", "no"),
        ("NO", "no"),
        ("nb", "nb"),
        ("NN", "nn"),
        ("en", "en"),
        ("Se", "se"),
        ("nor", None),
        ("xx", None),
        ("", None),
        ("n", None),
        ("no ", None),
        ("ｎｏ", None),
    ],
)
def test_language(value: str, expected: str | None) -> None:
    assert language(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("NO", "NO"),
        ("no", "NO"),
        ("sE", "SE"),
        ("gb", "GB"),
        ("SJ", "SJ"),
        ("UK", None),
        ("NOR", None),
        ("Norway", None),
        ("", None),
        ("XK", None),
        ("N0", None),
    ],
)
def test_country(value: str, expected: str | None) -> None:
    assert country(value) == expected


def test_every_pycountry_code_is_known_in_any_case() -> None:
    for entry in pycountry.currencies:
        assert currency(entry.alpha_3.lower()) == entry.alpha_3
    for entry in pycountry.countries:
        assert country(entry.alpha_2.lower()) == entry.alpha_2
    two_letter = [lang for lang in pycountry.languages if hasattr(lang, "alpha_2")]
    assert len(two_letter) > 150
    for lang in two_letter:
        assert language(lang.alpha_2.upper()) == lang.alpha_2


def test_country_name() -> None:
    assert country_name("no") == "Norway"
    assert country_name("UK") is None


@pytest.mark.parametrize(
    ("code", "text"),
    [
        ("NO", "Norway"),
        ("NO", "NORWAY"),
        ("NO", "norge"),
        ("NO", "Noreg"),
        ("NO", "Kingdom of Norway"),
        ("NO", " Norge "),
        ("SE", "Sverige"),
        ("DK", "Danmark"),
        ("DE", "Tyskland"),
        ("DE", "Germany"),
        ("GB", "Storbritannia"),
        ("GB", "United Kingdom"),
        ("GB", "UK"),
        ("US", "USA"),
        ("US", "United States of America"),
        ("AT", "Osterrike"),
        ("FO", "Faeroyene"),
        ("CZ", "Czech Republic"),
        ("TR", "Turkey"),
        ("TR", "Türkiye"),
        ("TR", "Turkiye"),
        ("KR", "South Korea"),
        ("CD", "Congo"),
        ("BA", "Bosnia & Herzegovina"),
        ("NO", "Narnia"),  # unknown text: no reason to warn
        ("NO", ""),
        ("NO", "N0rway"),  # a typo: not another country
        ("XX", "Sverige"),  # unknown code: the code rule reports that, not this one
        ("NO", "NO"),
        ("NO", "NOR"),
    ],
)
def test_country_text_matches(code: str, text: str) -> None:
    assert country_text_matches(code, text) is True


@pytest.mark.parametrize(
    ("code", "text"),
    [
        ("NO", "Sverige"),
        ("NO", "Sweden"),
        ("SE", "Norge"),
        ("NO", "Danmark"),
        ("NO", "USA"),
        ("NO", "Storbritannia"),
        ("DK", "Tyskland"),
        ("IN", "Indonesia"),
        ("KP", "South Korea"),
        ("NO", "Iceland"),
    ],
)
def test_country_text_names_another_country(code: str, text: str) -> None:
    assert country_text_matches(code, text) is False


def test_hand_written_names_belong_to_real_codes() -> None:
    for code in codes._EXTRA_NAMES:
        assert country(code) == code


def test_every_country_matches_its_own_names_and_not_norways() -> None:
    norway = {codes._fold(n) for n in ("Norway", "Norge", "Kingdom of Norway")}
    for entry in pycountry.countries:
        assert country_text_matches(entry.alpha_2, entry.name)
        assert country_text_matches(entry.alpha_2, getattr(entry, "official_name", entry.name))
        if entry.alpha_2 != "NO":
            assert not country_text_matches(entry.alpha_2, "Norge")
            assert codes._fold(entry.name) not in norway


_ANY = st.characters(exclude_categories=())  # surrogates and unassigned too


@settings(max_examples=300, deadline=None)
@given(st.text(_ANY, max_size=4), st.text(_ANY, max_size=60))
def test_never_raises(code: str, text: str) -> None:
    assert currency(code) in {None, code.upper()}
    assert language(code) in {None, code.lower()}
    assert country(code) in {None, code.upper()}
    assert isinstance(country_text_matches(code, text), bool)


# --- the spelling tables and the ASCII key, against the definitions they replace ---------------


def _reference(value: str, size: int, known: frozenset[str] | dict[str, str], upper: bool) -> Any:
    if len(value) != size or not value.isascii():
        return None
    code = value.upper() if upper else value.lower()
    return code if code in known else None


_CODEISH = st.text(st.sampled_from("noNOseSEkKıİ ſ0é"), max_size=4) | st.text(max_size=4)


@settings(max_examples=500, deadline=None)
@given(_CODEISH)
def test_lookups_agree_with_their_definitions(value: str) -> None:
    assert currency(value) == _reference(value, 3, codes._currencies(), upper=True)
    assert language(value) == _reference(value, 2, codes._languages(), upper=False)
    assert country(value) == _reference(value, 2, codes._countries(), upper=True)


def test_every_spelling_of_every_code_is_known() -> None:
    for table, known in (
        (codes._country_spellings(), codes._countries()),
        (codes._currency_spellings(), codes._currencies()),
        (codes._language_spellings(), codes._languages()),
    ):
        assert set(table.values()) == set(known)
        for spelling, code in table.items():
            assert spelling.upper() == code.upper() and spelling.isascii()


@settings(max_examples=500, deadline=None)
@given(
    st.sampled_from(["NO", "SE", "GB", "US", "DE", "KR", "CD"]),
    st.text(st.sampled_from("NorwayNORGEKingdom ofSweden United0 -&.øÅ"), max_size=30),
)
def test_country_text_ascii_key_agrees_with_fold(code: str, text: str) -> None:
    own, index = codes._country_names()
    key = codes._fold(text)
    canonical = country(code)
    expected = (
        True
        if not key or key in own[canonical] or not index.get(key) or canonical in index[key]
        else any(key in name for name in own[canonical])
    )
    assert country_text_matches(code, text) == expected
    if text.isascii() and text.replace(" ", "").isalnum():  # the shortcut's key is _fold's
        assert text.lower().replace(" ", "") == key


def test_country_text_agrees_with_fold_on_every_name_in_any_case() -> None:
    own, index = codes._country_names()
    names = [n for e in pycountry.countries for n in (e.name, getattr(e, "common_name", e.name))]
    names += [n for extra in codes._EXTRA_NAMES.values() for n in extra]
    for code in ("NO", "SE", "GB", "CD", "NE"):
        for name in names:
            for text in (name, name.upper(), name.lower()):
                key = codes._fold(text)
                expected = (
                    True
                    if not key or key in own[code] or not index.get(key) or code in index[key]
                    else any(key in n for n in own[code])
                )
                assert country_text_matches(code, text) == expected, (code, text)


# --- the ISO 639-1 codes, read from pycountry's file without loading its 7,900 languages ------


def _fresh_languages() -> Any:
    """A pycountry languages database like pycountry's own, not loaded yet."""
    return type(pycountry.languages)(pycountry.languages.filename)


def test_alpha_2_codes_are_those_pycountry_gives() -> None:
    database = _fresh_languages()
    read = codes._alpha_2_codes(database)
    assert read is not None and not database._is_loaded  # read from the file, not loaded
    given_by_pycountry = {
        lang.alpha_2.lower() for lang in database if getattr(lang, "alpha_2", None)
    }
    assert read == given_by_pycountry
    assert len(read) > 150 and {"nb", "nn", "no", "en", "se", "sv"} <= read
    assert codes._languages() == given_by_pycountry


def test_alpha_2_codes_leave_a_loaded_database_to_pycountry() -> None:
    database = _fresh_languages()
    len(database)  # loads it
    assert codes._alpha_2_codes(database) is None
    assert codes._alpha_2_codes(object()) is None  # not a pycountry database


@pytest.mark.parametrize(
    "content",
    [
        "",  # no JSON
        "[1, 2]",  # no root key
        '{"639-3": {"alpha_2": "xx"}}',  # not a list
        '{"639-3": [{"alpha_2": 7}]}',  # a code that is no string
        '{"other": []}',  # another root
    ],
)
def test_alpha_2_codes_of_an_unexpected_file_are_none(content: str, tmp_path: Any) -> None:
    path = tmp_path / "iso639-3.json"
    path.write_text(content, encoding="utf-8")
    assert codes._alpha_2_codes(type(pycountry.languages)(str(path))) is None
    assert codes._alpha_2_codes(type(pycountry.languages)(str(tmp_path / "missing.json"))) is None
