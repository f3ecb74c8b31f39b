"""armvalidate.phones: phonenumbers as the authority, Norway's ranges compiled from its metadata.

Every verdict is compared with phonenumbers itself (:func:`library`), never with a copy of our
code: the pre-check may only ever say what phonenumbers says.
"""

from __future__ import annotations

import random
from pathlib import Path

import phonenumbers
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from armvalidate import phones
from armvalidate.phones import PhoneCheck, check_phone

# --- examples ------------------------------------------------------------------------------------


def test_docs_phone_numbers() -> None:
    # The docs' request: phoneNo 99887766 (valid mobile), secondaryPhoneNo 997755332 (9 digits).
    assert check_phone("99887766") == PhoneCheck(True, "99887766", None, "mobile")
    bad = check_phone("997755332")
    assert not bad.ok and bad.sanitized is None and bad.number_type is None
    assert bad.reason == "wrong length: +47 numbers have 5 or 8 digits, this one has 9"


@pytest.mark.parametrize(
    "written",
    [
        "99887766",
        "99 88 77 66",
        "998 87 766",
        "+47 998 87 766",
        "+4799887766",
        "004799887766",
        "0047 99 88 77 66",
        "(+47) 99887766",
        "(+47)99 88 77 66",
        "+47-998-87-766",
        " 99887766 ",
        "99.88.77.66",  # not on the fast path; phonenumbers accepts it
        "+ 47 99887766",
        "tel:+47-99887766",
        "4799887766",  # the country code without + (phonenumbers strips it)
        "٩٩٨٨٧٧٦٦",  # Arabic-Indic digits: phonenumbers normalizes them
    ],
)
def test_ways_of_writing_a_norwegian_number(written: str) -> None:
    assert check_phone(written) == PhoneCheck(True, "99887766", None, "mobile")
    assert library(written) == (True, "99887766", "mobile")


@pytest.mark.parametrize(
    ("value", "region", "sanitized", "kind"),
    [
        ("22 12 34 56", "NO", "22123456", "fixed_line"),
        ("800 12 345", "NO", "80012345", "toll_free"),
        ("820 12 345", "NO", "82012345", "premium_rate"),
        ("850 12 345", "NO", "85012345", "voip"),
        ("02000", "NO", "02000", "uan"),
        ("+47 02000", "NO", "02000", "uan"),
        ("79 12 34 56", "NO", "79123456", "fixed_line"),  # Svalbard (SJ) shares +47
        ("+46 70 123 45 67", "NO", "+46701234567", "mobile"),
        ("0046701234567", "NO", "+46701234567", "mobile"),
        ("070-123 45 67", "SE", "+46701234567", "mobile"),
        ("070-123 45 67", "se", "+46701234567", "mobile"),
        ("99887766", "no", "99887766", "mobile"),
        ("99887766", "SE", "+4699887766", None),  # in Sweden this is not a valid number
        ("99887766 ext. 12", "NO", "99887766 ext. 12", "mobile"),
    ],
)
def test_examples(value: str, region: str, sanitized: str, kind: str | None) -> None:
    result = check_phone(value, region)
    assert (result.ok, result.sanitized, result.number_type) == library(value, region)
    if kind is None:
        assert not result.ok
    else:
        assert result == PhoneCheck(True, sanitized, None, kind)


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("", "not a phone number"),
        ("hello", "not a phone number"),
        ("1", "not a phone number"),
        ("12", "wrong length: +47 numbers have 5 or 8 digits, this one has 2"),
        ("0047", "too short after the international prefix"),
        ("1234567", "wrong length: +47 numbers have 5 or 8 digits, this one has 7"),
        ("01234", "not in any number range allocated for +47 (NO)"),
        ("12345678", "not in any number range allocated for +47 (NO)"),
        (
            "+999 1234 5678",
            "no valid country code: write a foreign number with + and its country code",
        ),
        ("9" * 30, "too long to be a phone number"),
    ],
)
def test_invalid_numbers_say_why(value: str, reason: str) -> None:
    assert check_phone(value) == PhoneCheck(False, None, reason, None)


def test_unknown_region_without_country_code() -> None:
    result = check_phone("99887766", region="XX")
    assert not result.ok and result.reason is not None


def test_the_pre_check_decides_plain_norwegian_numbers_without_phonenumbers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def boom(*args: object) -> PhoneCheck:
        raise AssertionError("phonenumbers was asked")

    monkeypatch.setattr(phones, "_check_by_library", boom)
    fast = ("99887766", "+47 998 87 766", "004799887766", "0047 22 12 34 56", "(+47) 800 12 345")
    for value in (*fast, "02000", "004702000", "+47-45 00 00 00"):
        assert phones._check(value, "NO").ok


def test_the_pre_check_is_compiled_from_the_metadata() -> None:
    regex = phones._norway()[8]
    assert regex is not None
    meta = phonenumbers.PhoneMetadata.metadata_for_region("NO")
    assert meta is not None and meta.mobile is not None
    assert meta.mobile.national_number_pattern in regex.pattern
    # Every example number in NO's metadata is recognized with the type phonenumbers gives it.
    for name in ("fixed_line", "mobile", "toll_free", "premium_rate", "shared_cost", "voip"):
        desc = getattr(meta, name)
        number = phonenumbers.parse("+47" + desc.example_number)
        expected = phones._type_names()[phonenumbers.number_type(number)]
        match = regex.match(desc.example_number)
        assert match is not None and match.lastgroup == expected


def test_no_cpython_internals() -> None:
    # the .py file also under the compiled build, whose module is the .so beside it
    source = (Path(__file__).parents[1] / "armvalidate" / "phones.py").read_text(encoding="utf-8")
    for internal in ("re._parser", "sre_parse", "sre_constants", "re._constants"):
        assert internal not in source


def test_results_are_cached() -> None:
    phones._check_cached.cache_clear()
    check_phone("99887766")
    check_phone("99887766")
    assert phones._check_cached.cache_info().hits == 1


# --- the differential property test: phonenumbers is the oracle --------------------------------


def library(value: str, region: str = "NO") -> tuple[bool, str | None, str | None]:
    """What phonenumbers says of ``value``: (valid, canonical form, number type in lower case).

    The canonical form is the national significant number for +47 (the ARM docs' form) and E.164
    otherwise, `` ext. N`` appended for an extension.
    """
    try:
        number = phonenumbers.parse(value, region.upper())
    except phonenumbers.NumberParseException:
        return False, None, None
    if not phonenumbers.is_valid_number(number):
        return False, None, None
    names = {v: k.lower() for k, v in vars(phonenumbers.PhoneNumberType).items() if k.isupper()}
    if number.country_code == 47:
        sanitized = phonenumbers.national_significant_number(number)
    else:
        sanitized = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    if number.extension:
        sanitized = f"{sanitized} ext. {number.extension}"
    return True, sanitized, names.get(phonenumbers.number_type(number), "unknown")


_PREFIXES = ["", "", "", "+47", "+47 ", "0047", "0047 ", "(+47) ", "(+47)", "+", "00", "+46 "]
_PREFIXES += ["0046", "+1 ", "+4747", "47", "004700", "+470", "++47", "(+47 ", " +47", "+ 47"]


_CLEAN_PREFIXES = ["", "", "+47", "+47 ", "0047", "0047 ", "(+47) ", "(+47)", "+47-"]


@st.composite
def _numbers(draw: st.DrawFn) -> str:
    """Digit strings of 3-15 digits, written with prefixes and separators people (mis)use.

    Half are "clean" (the shapes the pre-check reads); the rest use any prefix and separator,
    and some get one odd character inserted.
    """
    clean = draw(st.booleans())
    first = draw(st.sampled_from("0123456789" + "234589" * 3))
    size = draw(st.one_of(st.integers(3, 15), st.sampled_from([5, 8, 8, 8, 12]))) - 1
    digits = first + draw(st.text(alphabet="0123456789", min_size=size, max_size=size))
    separators = ["", " ", "-"] if clean else ["", "", " ", "-", ".", "/", "  ", " - "]
    separator = draw(st.sampled_from(separators))
    if separator and draw(st.booleans()):
        cuts = sorted(draw(st.sets(st.integers(1, len(digits) - 1), max_size=4)))
        pieces = [digits[i:j] for i, j in zip([0, *cuts], [*cuts, len(digits)], strict=True)]
        digits = separator.join(pieces)
    number = draw(st.sampled_from(_CLEAN_PREFIXES if clean else _PREFIXES)) + digits
    if not clean and draw(st.integers(0, 3)) == 0:  # adversarial: one odd character somewhere
        junk = draw(st.sampled_from([*"()+x#*;,ab\t\u00a0٣", "ext. 9", "\x00", "😀"]))
        at = draw(st.integers(0, len(number)))
        number = number[:at] + junk + number[at:]
    return number


def _same(value: str, region: str = "NO") -> None:
    expected = library(value, region)
    for result in (phones._check(value, region), check_phone(value, region)):  # uncached, cached
        assert (result.ok, result.sanitized, result.number_type) == expected, value
        assert result.ok == (result.reason is None)
    sanitized = phones.sanitized_valid(value, region)  # the pipeline's lean path
    assert sanitized is None or (expected[0] and sanitized == expected[1])
    if expected[0] and expected[1] is not None:
        # The sanitized form means the same number to a Norwegian reader (the ARM server).
        assert library(expected[1], "NO") == expected


@settings(max_examples=1000, deadline=None)
@given(_numbers(), st.sampled_from(["NO", "NO", "NO", "no", "SE", "US", "SJ", "XX", ""]))
@example("004702000", "NO")
@example("+47 00123", "NO")
@example("00235", "NO")
@example("-99887766", "NO")
@example("+47 99 45 89 34", "NO")
@example("0047 -9", "NO")
@example("(+47)-99887766  ", "NO")
@example("004 722123456", "NO")
@example("+47  22123456", "NO")
@example("+4722123456 ", "SE")
def test_agrees_with_phonenumbers_on_generated_numbers(value: str, region: str) -> None:
    _same(value, region)


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(exclude_categories=()), max_size=40))
def test_agrees_with_phonenumbers_on_arbitrary_text(value: str) -> None:
    _same(value)


def test_agrees_with_phonenumbers_on_every_three_digit_prefix() -> None:
    # Deterministic sweep: every 3-digit start, 5 and 8 digits long, plain and with +47.
    for start in range(1000):
        for tail in ("00", "12", "99", "00000", "12345", "99999"):
            digits = f"{start:03d}{tail}"
            for value in (digits, "+47" + digits, f"0047 {digits[:3]} {digits[3:]}"):
                _same(value)


def test_agrees_with_phonenumbers_on_every_four_digit_start_of_eight_digits() -> None:
    rng = random.Random(47)
    for start in range(10_000):
        digits = f"{start:04d}{rng.randrange(10_000):04d}"
        result = phones._check(digits, "NO")
        assert (result.ok, result.sanitized, result.number_type) == library(digits), digits


def test_near_misses_of_the_plus47_spelling() -> None:
    for prefix in ("+4", "+46", "+47", "+470", "+4747", "+48", "+", "+47 ", "+ 47", "47", "(+47)"):
        for digits in ("99887766", "22123456", "80012345", "02000", "7912345", "123"):
            _same(prefix + digits)


def test_plus47_numbers_are_decided_under_any_default_region(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    values = ("+4799887766", "(+47) 22 12 34 56", "+47 800 12 345")
    expected = {value: library(value, "NO") for value in values}
    monkeypatch.setattr(phones, "_check_by_library", lambda *args: pytest.fail(f"asked: {args}"))
    for region in ("SE", "us", "SJ", "XX", "", "\ud800"):
        for value, result in expected.items():
            check = phones._check(value, region)
            assert (check.ok, check.sanitized, check.number_type) == result


def test_agrees_with_phonenumbers_under_other_default_regions() -> None:
    rng = random.Random(46)
    regions = ("SE", "US", "DK", "GB", "SJ", "DE", "XX", "", "zz")
    prefixes = ("+47", "+47 ", "(+47) ", "(+47)", "0047 ", "0047", "", "+47-", " +47 ")
    for start in rng.sample(range(1000), 60):
        for tail in ("00", "12345", "99999"):
            digits = f"{start:03d}{tail}"
            for prefix in prefixes:
                _same(prefix + digits, rng.choice(regions))


def test_sanitized_valid_answers_for_the_common_spellings() -> None:
    for value in ("99887766", "+4799887766", "+47 99 88 77 66", "99 88 77 66", "998 87 766"):
        assert phones.sanitized_valid(value) == "99887766"
        assert phones.sanitized_valid(value, "no") == "99887766"
    assert phones.sanitized_valid("+47 998 87 766", "SE") == "99887766"
    assert phones.sanitized_valid("998 87 766", "SE") is None
    assert phones.sanitized_valid("997755332") is None


# --- junk ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "junk",
    ["", " ", "+", "++", "(", "\x00", "\ud800", "😀" * 10, "9" * 10_000, "+47" * 500, "tel:"],
)
@pytest.mark.parametrize("region", ["NO", "", "ZZ", "\ud800", "no"])
def test_junk_never_raises(junk: str, region: str) -> None:
    result = check_phone(junk, region)
    assert isinstance(result, PhoneCheck)
    assert result.ok == (result.sanitized is not None)
