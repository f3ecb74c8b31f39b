"""armvalidate.codes: case-insensitive ISO lookups built from pycountry."""

from __future__ import annotations

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
