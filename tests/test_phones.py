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
        "99.88.77.66",
        "998.87.766",
        "Tlf: 99887766",
        "Tlf. 998 87 766",
        "Mob +47 998 87 766",
        "tel:+4799887766",
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
    spelled = ("998.87.766", "Tlf: 99887766", "Tlf. +47 99 88 77 66", "Mob 0047-998.87.766")
    for value in (*fast, *spelled, "02000", "004702000", "+47-45 00 00 00", "79123456"):
        assert phones._check(value, "NO").ok


def test_the_pre_check_is_compiled_from_the_metadata() -> None:
    table = phones._norway()
    eight = table[8]
    assert eight is not None
    for region in phonenumbers.COUNTRY_CODE_TO_REGION_CODE[47]:  # NO and Svalbard's SJ
        meta = phonenumbers.PhoneMetadata.metadata_for_region(region)
        assert meta is not None and meta.mobile is not None and meta.leading_digits is not None
        assert meta.mobile.national_number_pattern in eight.regex.pattern
        assert meta.leading_digits in eight.regex.pattern
        # Every example number in the metadata gets the verdict phonenumbers gives it.
        for name in ("fixed_line", "mobile", "toll_free", "premium_rate", "shared_cost", "voip"):
            example = getattr(meta, name).example_number
            number = phonenumbers.parse("+47" + example)
            assert phonenumbers.is_valid_number(number)
            expected = phones._type_names()[phonenumbers.number_type(number)]
            assert phones._pre_check("+47" + example, False) == (example, True, expected)
    # The lengths no +47 number has hold the wrong-length reason (a 9-digit number, the docs' one).
    nine = table[9]
    assert nine is not None and list(nine.verdicts.values()) == [
        (False, "wrong length: +47 numbers have 5 or 8 digits, this one has 9")
    ]


def test_common_invalid_numbers_are_decided_without_phonenumbers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The invalid shapes of the messy benchmark corpus, with the reasons phonenumbers gives.
    unallocated = "not in any number range allocated for +47 (NO)"
    cases = {
        "49001653": unallocated,  # a 4 not followed by a mobile range
        "14942961": unallocated,  # no region of +47 has numbers starting with 1
        "+4749377240": unallocated,
        "446 05 102": unallocated,
        "05907216": unallocated,  # a leading 0 (Norway has no trunk prefix)
        "004744377703": unallocated,
        "Tlf: 44998481": unallocated,
        "+47 79 00": "wrong length: +47 numbers have 5 or 8 digits, this one has 4",
        "278761347": "wrong length: +47 numbers have 5 or 8 digits, this one has 9",
        "7162224": "wrong length: +47 numbers have 5 or 8 digits, this one has 7",
        "997.75.5332": "wrong length: +47 numbers have 5 or 8 digits, this one has 9",
    }
    expected = {value: phones._check_by_library(value, "NO") for value in cases}
    monkeypatch.setattr(phones, "_check_by_library", lambda *args: pytest.fail(f"asked: {args}"))
    for value, reason in cases.items():
        assert (
            phones._check(value, "NO") == expected[value] == PhoneCheck(False, None, reason, None)
        )


def test_svalbard_numbers_are_decided_as_phonenumbers_resolves_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # +47 is shared; SJ claims the numbers starting with 79, valid (fixed line) or not.
    values = ("79123456", "+47 79 12 34 56", "79012", "7912 3456 7")
    expected = {value: phones._check_by_library(value, "NO") for value in values}
    assert expected["79123456"] == PhoneCheck(True, "79123456", None, "fixed_line")
    assert expected["79012"].reason == "not in any number range allocated for +47 (SJ)"
    monkeypatch.setattr(phones, "_check_by_library", lambda *args: pytest.fail(f"asked: {args}"))
    for value, result in expected.items():
        assert phones._check(value, "NO") == result


def test_digits_phonenumbers_may_read_as_the_country_code_are_left_to_it() -> None:
    # Without a prefix, phonenumbers strips a leading 47 when the rest is a better number: this
    # 9-digit number is a 7-digit +47 number to it.
    assert phones._pre_check("479123456", True) is None
    reason = "wrong length: +47 numbers have 5 or 8 digits, this one has 7"
    assert check_phone("479123456") == PhoneCheck(False, None, reason, None)
    assert library("479123456") == (False, None, None)
    # With a prefix the 47 after it is part of the national number.
    assert phones._pre_check("+47479123456", True) == (
        "479123456",
        False,
        "wrong length: +47 numbers have 5 or 8 digits, this one has 9",
    )


def test_the_messy_corpus_phones_are_decided_without_phonenumbers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The benchmark's messy corpus writes phones the ways people type them, a quarter invalid;
    # the pre-check decides nearly all of them (counted, not timed).
    monkeypatch.syspath_prepend(str(Path(__file__).parents[1]))
    from benchmarks.messy import messy_payloads

    values = [
        customer[key]
        for payload in messy_payloads(400, seed=47)
        for customer in [payload.get("customer", payload)]
        for key in ("phoneNo", "secondaryPhoneNo")
        if isinstance(customer.get(key), str)
    ]
    assert len(values) > 400
    assert sum(not check_phone(value).ok for value in values) > len(values) // 8
    asked: list[str] = []
    by_library = phones._check_by_library

    def counted(value: str, region: str) -> PhoneCheck:
        asked.append(value)
        return by_library(value, region)

    monkeypatch.setattr(phones, "_check_by_library", counted)
    for value in values:
        phones._check(value, "NO")
    assert len(asked) < len(values) // 100, asked  # fewer than 1 %


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

# Labels people put before a number: the clean ones are what the pre-check reads (a word of ASCII
# letters, "." or ":", blanks); the others are near misses phonenumbers may read differently.
_CLEAN_LABELS = st.one_of(
    st.sampled_from(["", "", "", "Tlf: ", "Tlf. ", "Mob ", "tel:", "Tel:", "x ", "ext ", "Tlf:"]),
    st.from_regex(r"[A-Za-z]{1,8}[.:]? {0,2}", fullmatch=True),
)
_LABELS = st.one_of(
    _CLEAN_LABELS,
    st.sampled_from(["Tlf; ", "tel:;phone-context=+47;", "Tlf -", "Tlf:\u00a0", "ＴＬＦ: ", "é: "]),
    st.sampled_from(["Tlf nr. ", "Tlf 1: ", "x. ", "ext. 9 ", "+47 ", "tel:+4799887766;", "a/x "]),
)


@st.composite
def _numbers(draw: st.DrawFn) -> str:
    """Digit strings of 3-15 digits, written with labels, prefixes and separators people (mis)use.

    Half are "clean" (the shapes the pre-check reads); the rest use any label, prefix and
    separator, and some get one odd character inserted.
    """
    clean = draw(st.booleans())
    first = draw(st.sampled_from("0123456789" + "234589" * 3))
    size = draw(st.one_of(st.integers(3, 15), st.sampled_from([5, 8, 8, 8, 12]))) - 1
    digits = first + draw(st.text(alphabet="0123456789", min_size=size, max_size=size))
    separators = ["", " ", "-", "."] if clean else ["", "", " ", "-", ".", "/", "  ", " - ", ". "]
    separator = draw(st.sampled_from(separators))
    if separator and draw(st.booleans()):
        cuts = sorted(draw(st.sets(st.integers(1, len(digits) - 1), max_size=4)))
        pieces = [digits[i:j] for i, j in zip([0, *cuts], [*cuts, len(digits)], strict=True)]
        digits = separator.join(pieces)
    number = draw(st.sampled_from(_CLEAN_PREFIXES if clean else _PREFIXES)) + digits
    number = draw(_CLEAN_LABELS if clean else _LABELS) + number
    if not clean and draw(st.integers(0, 3)) == 0:  # adversarial: one odd character somewhere
        junk = draw(st.sampled_from([*"()+x#*;,ab\t\u00a0٣", "ext. 9", "\x00", "😀", " x 12"]))
        at = draw(st.integers(0, len(number)))
        number = number[:at] + junk + number[at:]
    return number


def _same(value: str, region: str = "NO") -> None:
    """Our verdict on ``value`` is phonenumbers': validity, canonical form and type as it says,
    and the reason the library path gives; a verdict of the pre-check is also checked with
    phonenumbers directly (:func:`_decided_as_phonenumbers_decides`)."""
    expected = library(value, region)
    by_library = phones._check_by_library(value, region)
    for result in (phones._check(value, region), check_phone(value, region)):  # uncached, cached
        assert (result.ok, result.sanitized, result.number_type) == expected, value
        assert result == by_library, value
        assert result.ok == (result.reason is None)
    ok, text = phones.verdict(value, region)  # the pipeline's one reading
    assert ok == expected[0], value
    assert text == (expected[1] if ok else by_library.reason), value
    sanitized = phones.sanitized_valid(value, region)
    assert sanitized is None or (expected[0] and sanitized == expected[1])
    if expected[0] and expected[1] is not None:
        # The sanitized form means the same number to a Norwegian reader (the ARM server).
        assert library(expected[1], "NO") == expected
    decided = phones._pre_check(value, region.upper() == "NO")
    if decided is not None:
        _decided_as_phonenumbers_decides(value, region, decided)


def _decided_as_phonenumbers_decides(
    value: str, region: str, decided: tuple[str, bool, str]
) -> None:
    """What phonenumbers says of a number the pre-check decided: it parses it (no exception) to
    the +47 number of the digits the pre-check read, valid or not as it says, of the type it
    names, or invalid for the reason it gives (the length, or the region that claims it)."""
    digits, ok, text = decided
    number = phonenumbers.parse(value, region.upper())
    assert number.country_code == 47 and not number.extension, value
    assert phonenumbers.national_significant_number(number) == digits, value
    assert phonenumbers.is_valid_number(number) == ok, value
    if ok:
        kind = phonenumbers.PhoneNumberType.to_string(phonenumbers.number_type(number))
        assert text == kind.lower(), value
        return
    possible = phonenumbers.is_possible_number_with_reason(number)
    result = phonenumbers.ValidationResult
    if possible == result.IS_POSSIBLE:
        claimed = phonenumbers.region_code_for_number(number) or "NO"
        assert text == f"not in any number range allocated for +47 ({claimed})", value
    else:
        assert possible in (result.TOO_SHORT, result.TOO_LONG, result.INVALID_LENGTH), value
        meta = phonenumbers.PhoneMetadata.metadata_for_region("NO")
        assert meta is not None and meta.general_desc is not None
        assert tuple(meta.general_desc.possible_length) == (5, 8)
        assert text == f"wrong length: +47 numbers have 5 or 8 digits, this one has {len(digits)}"


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


def test_agrees_with_phonenumbers_on_every_start_of_one_to_three_digits() -> None:
    # Deterministic sweep: every 1-, 2- and 3-digit start, 5 and 8 digits long, in the spellings
    # the pre-check reads (plain, +47, 0047 and groups, dots, a label).
    rng = random.Random(3)
    for width in (1, 2, 3):
        for start in range(10**width):
            for length in (5, 8):
                tails = ("0" * length, "".join(rng.choices("0123456789", k=length)))
                for tail in tails:
                    digits = f"{start:0{width}d}{tail}"[:length]
                    dotted = f"{digits[:3]}.{digits[3:]}"
                    for value in (digits, "+47" + digits, f"0047 {digits[:3]} {digits[3:]}"):
                        _same(value)
                    _same(dotted if start % 2 else f"Tlf: {dotted}")


def test_agrees_with_phonenumbers_on_every_four_digit_start_of_eight_digits() -> None:
    rng = random.Random(47)
    for start in range(10_000):
        digits = f"{start:04d}{rng.randrange(10_000):04d}"
        result = phones._check(digits, "NO")
        assert result == phones._check_by_library(digits, "NO"), digits
        assert (result.ok, result.sanitized, result.number_type) == library(digits), digits


def test_agrees_with_phonenumbers_on_every_length() -> None:
    # 1 to 20 digits, starting with every digit and with the starts phonenumbers treats apart
    # (00: an international prefix; 47: perhaps the country code; 79: Svalbard), with and without
    # a prefix or label, under NO and under another default region.
    rng = random.Random(20)
    starts = [*"0123456789", "00", "47", "79", "0047", "4747"]
    prefixes = ("", "+47", "+47 ", "0047", "(+47) ", "Tlf: ", "Tlf. +47 ", "tel:", "Mob 0047-")
    for length in range(1, 21):
        for start in starts:
            digits = (start + "".join(rng.choices("0123456789", k=20)))[:length]
            spaced = " ".join(digits[i : i + 2] for i in range(0, len(digits), 2))
            for prefix in prefixes:
                for region in ("NO", "SE"):
                    _same(prefix + digits, region)
                _same(prefix + spaced.replace(" ", rng.choice(" .-")))


def test_agrees_with_phonenumbers_on_every_single_character_edit() -> None:
    # Every character of a small alphabet put in place of, or before, each character of some
    # spellings the pre-check reads: the near misses of its shape.
    alphabet = [*"09+-. :;,()/x#*~aZ\t\n", "\u00a0", "٣", "＋", "ｘ", "é", "\x00"]
    for spelling in ("Tlf: +47 998.87.766", "0047 22-12-34-56", "Mob. 49001653"):
        for at in range(len(spelling) + 1):
            for char in alphabet:
                _same(spelling[:at] + char + spelling[at:])
                _same(spelling[:at] + char + spelling[at + 1 :])


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


def test_verdict_reads_a_number_once_and_asks_phonenumbers_only_when_undecided(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    short = check_phone("+46 70").reason
    reads: list[str] = []
    read = phones._read

    def counting_read(value: str, home: bool) -> str | None:
        reads.append(value)
        return read(value, home)

    monkeypatch.setattr(phones, "_read", counting_read)
    phones._library_cached.cache_clear()
    assert phones.verdict("99 88 77 66") == (True, "99887766")
    assert phones.verdict("997755332") == (
        False,
        "wrong length: +47 numbers have 5 or 8 digits, this one has 9",
    )
    assert phones.verdict("+46 70 123 45 67", "no") == (True, "+46701234567")
    assert phones.verdict("+46 70") == (False, short)
    assert reads == ["99 88 77 66", "997755332", "+46 70 123 45 67", "+46 70"]
    assert phones._library_cached.cache_info().misses == 2


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
