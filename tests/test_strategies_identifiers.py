"""The identifier strategies, checked with independent oracles: python-stdnum, email-validator,
phonenumbers, and check digits written out by hand here (stdnum rejects synthetic numbers and
has no KID module: MOD10 KIDs are checked with stdnum.luhn, MOD11 ones by hand)."""

from __future__ import annotations

import re
from datetime import date

import email_validator
import phonenumbers
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument
from stdnum import luhn
from stdnum.no import fodselsnummer as stdnum_fnr
from stdnum.no import kontonr as stdnum_kontonr
from stdnum.no import orgnr as stdnum_orgnr

from armvalidate import postcodes
from armvalidate.strategies.identifiers import (
    account_numbers,
    emails,
    kids,
    org_numbers,
    phone_numbers,
    postal_addresses,
    ssns,
)

FAST = settings(
    max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
ELEVEN_DIGITS = re.compile(r"[0-9]{11}")


# Hand-written oracle for the fødselsnummer family (the classic rule): both weighted sums
# are 0 mod 11, computed on the digits as written.
def fnr_sums_ok(number: str) -> bool:
    d = [int(c) for c in number]
    s1 = sum(w * x for w, x in zip((3, 7, 6, 1, 8, 9, 4, 5, 2, 1), d[:10], strict=True))
    s2 = sum(w * x for w, x in zip((5, 4, 3, 2, 7, 6, 5, 4, 3, 2, 1), d, strict=True))
    return s1 % 11 == 0 and s2 % 11 == 0


def decode(number: str) -> tuple[int, int, int, int]:
    """(day, month, two-digit year, individual number) as written."""
    return int(number[:2]), int(number[2:4]), int(number[4:6]), int(number[6:9])


def classic_year(yy: int, individual: int) -> int | None:
    """The classic century table (Skatteetaten), written out independently."""
    if 500 <= individual <= 749 and yy >= 54:
        return 1800 + yy
    if individual <= 499:
        return 1900 + yy
    if individual >= 900 and yy >= 40:
        return 1900 + yy
    if individual >= 500 and yy < 40:
        return 2000 + yy
    return None


def test_hand_written_oracle_agrees_with_known_numbers() -> None:
    assert fnr_sums_ok("12015641779")  # the API docs' example
    assert fnr_sums_ok("17912099997")  # Test-Norge's example
    assert not fnr_sums_ok("12015641778")


@FAST
@given(ssns())
def test_default_ssns_are_synthetic_tenor_numbers(number: str) -> None:
    assert ELEVEN_DIGITS.fullmatch(number)
    assert fnr_sums_ok(number)
    day, month, yy, individual = decode(number)
    assert 81 <= month <= 92, "Test-Norge numbers have month + 80"
    assert 1 <= day <= 31 or 41 <= day <= 71
    real_day = day - 40 if day > 40 else day
    year = classic_year(yy, individual)
    assert year is not None and 1900 <= year <= 2025
    born = date(year, month - 80, real_day)  # raises if the date does not exist
    assert date(1900, 1, 1) <= born <= date(2025, 1, 1)
    # stdnum knows no synthetic numbers: it must reject every one of them.
    assert not stdnum_fnr.is_valid(number)


@FAST
@given(ssns(kinds=("fnr",), synthetic=None, min_date=date(1854, 1, 1), max_date=date(2024, 1, 1)))
def test_ordinary_fnr_pass_stdnum(number: str) -> None:
    assert fnr_sums_ok(number)
    assert stdnum_fnr.is_valid(number)
    day, month, yy, individual = decode(number)
    assert classic_year(yy, individual) is not None
    assert stdnum_fnr.get_birth_date(number) == date(classic_year(yy, individual) or 0, month, day)


@FAST
@given(ssns(kinds=("dnr",), synthetic=None, max_date=date(2020, 12, 31)))
def test_ordinary_dnumbers_pass_stdnum(number: str) -> None:
    assert int(number[0]) in (4, 5, 6, 7)
    assert stdnum_fnr.is_valid(number)


@FAST
@given(
    st.sampled_from(("tenor", "dolly", "syntpop")).flatmap(
        lambda s: st.tuples(st.just(s), ssns(kinds=("fnr", "dnr"), synthetic=s))
    )
)
def test_synthetic_offsets(case: tuple[str, str]) -> None:
    synthetic, number = case
    offset = {"tenor": 80, "dolly": 40, "syntpop": 65}[synthetic]
    assert fnr_sums_ok(number)
    assert 1 <= int(number[2:4]) - offset <= 12


@FAST
@given(ssns(kinds=("fhnr",), synthetic=None))
def test_fh_numbers(number: str) -> None:
    assert number[0] in "89"
    assert fnr_sums_ok(number)


@FAST
@given(ssns(kinds=("hnr",), synthetic=None))
def test_h_numbers(number: str) -> None:
    assert 41 <= int(number[2:4]) <= 52
    assert fnr_sums_ok(number)


def test_ssns_reach_both_kinds() -> None:
    seen: set[str] = set()

    @settings(max_examples=60, database=None, derandomize=True)
    @given(ssns())
    def collect(number: str) -> None:
        seen.add("dnr" if number[0] in "4567" else "fnr")

    collect()
    assert seen == {"fnr", "dnr"}


@pytest.mark.parametrize(
    "kwargs",
    [
        {"kinds": ("xnr",)},
        {"kinds": ()},
        {"kinds": "fnr"},
        {"synthetic": "tenorx"},
        {"kinds": ("fhnr",)},  # FH-numbers have no synthetic form: synthetic=None needed
        {"min_date": date(1800, 1, 1)},
        {"max_date": date(2040, 1, 1)},
        {"min_date": date(2000, 1, 1), "max_date": date(1999, 1, 1)},
        {"min_date": "2000-01-01"},
    ],
)
def test_ssns_check_arguments_eagerly(kwargs: dict[str, object]) -> None:
    with pytest.raises(InvalidArgument):
        ssns(**kwargs)  # type: ignore[arg-type]


@FAST
@given(org_numbers())
def test_org_numbers_pass_stdnum(number: str) -> None:
    assert re.fullmatch(r"[89][0-9]{8}", number)
    assert stdnum_orgnr.is_valid(number)


@FAST
@given(org_numbers(synthetic=True))
def test_synthetic_org_numbers(number: str) -> None:
    assert re.fullmatch(r"[23][0-9]{8}", number)
    weights = (3, 2, 7, 6, 5, 4, 3, 2, 1)
    assert sum(w * int(c) for w, c in zip(weights, number, strict=True)) % 11 == 0
    assert stdnum_orgnr.is_valid(number)


@FAST
@given(account_numbers())
def test_account_numbers_pass_stdnum(number: str) -> None:
    assert re.fullmatch(r"[0-9]{11}", number)
    assert stdnum_kontonr.is_valid(number)
    weights = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
    k = 11 - sum(w * int(c) for w, c in zip(weights, number, strict=False)) % 11
    assert str(0 if k == 11 else k) == number[-1]


def _ordinary_fodselsnummer(number: str) -> bool:
    """A person's number by an independent oracle (python-stdnum), plain or D-number date."""
    day, month = int(number[:2]), int(number[2:4])
    plain = 1 <= month <= 12 and (1 <= day <= 31 or 41 <= day <= 71)
    return plain and stdnum_fnr.is_valid(number)


def test_account_numbers_are_never_an_ordinary_fodselsnummer() -> None:
    from armvalidate.strategies._gen import gen_account, gen_kid, looks_like_fodselsnummer
    from armvalidate.strategies._picker import RandomPicker

    p = RandomPicker(0)
    accounts = [gen_account(p) for _ in range(20_000)]
    assert not [a for a in accounts if _ordinary_fodselsnummer(a)]
    assert len(set(accounts)) > 19_000  # still spread over the number space
    kids_11 = [gen_kid(p, algorithm="mod11", min_length=11, max_length=11) for _ in range(5000)]
    assert not [k for k in kids_11 if _ordinary_fodselsnummer(k)]
    assert _ordinary_fodselsnummer("12015641779")  # the oracle can say yes
    assert looks_like_fodselsnummer("28014979478")  # generate(400, seed=0) made it, before


@FAST
@given(account_numbers())
def test_account_numbers_from_hypothesis_are_no_fodselsnummer(number: str) -> None:
    assert not _ordinary_fodselsnummer(number)


@FAST
@given(kids())
def test_mod10_kids(value: str) -> None:
    assert re.fullmatch(r"[0-9]{2,25}", value)
    assert luhn.is_valid(value)
    # Luhn, by hand
    total = 0
    for i, c in enumerate(reversed(value)):
        d = int(c) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    assert total % 10 == 0


@FAST
@given(kids(algorithm="mod11", min_length=3, max_length=12))
def test_mod11_kids(value: str) -> None:
    assert re.fullmatch(r"[0-9]{2,11}[0-9-]", value)
    assert 3 <= len(value) <= 12
    base, check = value[:-1], value[-1]
    total = sum((2 + i % 6) * int(c) for i, c in enumerate(reversed(base)))
    k = 11 - total % 11
    assert check == {10: "-", 11: "0"}.get(k, str(k))


def test_mod11_kids_can_end_in_a_hyphen() -> None:
    seen: set[bool] = set()

    @settings(max_examples=100, database=None, derandomize=True)
    @given(kids(algorithm="mod11", length=6))
    def collect(value: str) -> None:
        assert len(value) == 6
        seen.add(value.endswith("-"))

    collect()
    assert seen == {True, False}


@pytest.mark.parametrize(
    "kwargs",
    [
        {"algorithm": "mod12"},
        {"algorithm": "either"},
        {"min_length": 1},
        {"max_length": 26},
        {"min_length": 9, "max_length": 8},
        {"length": 30},
        {"min_length": 2.5},
    ],
)
def test_kids_check_arguments_eagerly(kwargs: dict[str, object]) -> None:
    with pytest.raises(InvalidArgument):
        kids(**kwargs)  # type: ignore[arg-type]


@FAST
@given(emails())
def test_emails_are_valid_ascii(address: str) -> None:
    assert address.isascii()
    result = email_validator.validate_email(address, check_deliverability=False)
    assert result.normalized.split("@")[1] == address.split("@")[1]
    assert address.split("@")[1].endswith(("example.com", "example.org", "example.net"))


@settings(max_examples=60, deadline=None, database=None)
@given(emails(idn=True, unicode_local=True))
def test_unicode_emails_are_valid(address: str) -> None:
    result = email_validator.validate_email(address, check_deliverability=False)
    assert result.ascii_domain.split(".")[0].startswith("xn--")


@pytest.mark.parametrize(
    "kwargs", [{"domains": ()}, {"domains": "example.com"}, {"domains": ("nodot",)}, {"idn": 1}]
)
def test_emails_check_arguments_eagerly(kwargs: dict[str, object]) -> None:
    with pytest.raises(InvalidArgument):
        emails(**kwargs)  # type: ignore[arg-type]


@FAST
@given(phone_numbers(formats=("national", "spaced", "e164", "international", "00")))
def test_phone_numbers_are_valid_norwegian_numbers(number: str) -> None:
    parsed = phonenumbers.parse(number, "NO")
    assert parsed.country_code == 47
    assert phonenumbers.is_valid_number(parsed)
    assert phonenumbers.number_type(parsed) in (
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    )


@FAST
@given(phone_numbers(kinds=("mobile",)))
def test_mobile_numbers(number: str) -> None:
    assert re.fullmatch(r"[49][0-9]{7}", number)
    parsed = phonenumbers.parse(number, "NO")
    assert phonenumbers.number_type(parsed) == phonenumbers.PhoneNumberType.MOBILE


@pytest.mark.parametrize("kwargs", [{"kinds": ("pager",)}, {"formats": ("weird",)}])
def test_phone_numbers_check_arguments_eagerly(kwargs: dict[str, object]) -> None:
    with pytest.raises(InvalidArgument):
        phone_numbers(**kwargs)  # type: ignore[arg-type]


@FAST
@given(postal_addresses())
def test_postal_addresses_pair_real_codes_with_their_city(address: dict[str, str]) -> None:
    assert address["countryCode"] == "NO"
    assert re.fullmatch(r"[0-9]{4}", address["postalCode"])
    assert postcodes.lookup(address["postalCode"]) is not None
    assert postcodes.city_matches(address["postalCode"], address["cityName"]) is True
    assert address["addressLine1"]


def test_postal_addresses_can_be_foreign() -> None:
    seen: set[str] = set()

    @settings(max_examples=80, database=None, derandomize=True)
    @given(postal_addresses(foreign=True))
    def collect(address: dict[str, str]) -> None:
        seen.add(address["countryCode"])

    collect()
    assert "NO" in seen and len(seen) > 1
    with pytest.raises(InvalidArgument):
        postal_addresses(foreign="yes")  # type: ignore[arg-type]
