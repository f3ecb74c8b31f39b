"""armvalidate.phones: phonenumbers as the authority, Norway's ranges compiled from its metadata."""

from __future__ import annotations

import random
import re

import phonenumbers
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from armvalidate import phones
from armvalidate.phones import PhoneCheck, check_phone, check_phone_slow

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
    assert check_phone_slow(written) == check_phone(written)


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
    assert result == check_phone_slow(value, region)
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


def test_the_fast_path_decides_plain_norwegian_numbers_without_phonenumbers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def boom(*args: object) -> PhoneCheck:
        raise AssertionError("the slow path was called")

    monkeypatch.setattr(phones, "check_phone_slow", boom)
    fast = ("99887766", "+47 998 87 766", "004799887766", "0047 22 12 34 56", "(+47) 800 12 345")
    for value in (*fast, "02000", "004702000", "+47-45 00 00 00"):
        assert phones._check(value, "NO").ok


def test_the_fast_path_is_compiled_from_the_metadata() -> None:
    regex = phones._norway()
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


def test_results_are_cached() -> None:
    phones._check_cached.cache_clear()
    check_phone("99887766")
    check_phone("99887766")
    assert phones._check_cached.cache_info().hits == 1


# --- the differential property test --------------------------------------------------------------

_PREFIXES = ["", "", "", "+47", "+47 ", "0047", "0047 ", "(+47) ", "(+47)", "+", "00", "+46 "]
_PREFIXES += ["0046", "+1 ", "+4747", "47", "004700", "+470", "++47", "(+47 ", " +47", "+ 47"]


_CLEAN_PREFIXES = ["", "", "+47", "+47 ", "0047", "0047 ", "(+47) ", "(+47)", "+47-"]


@st.composite
def _numbers(draw: st.DrawFn) -> str:
    """Digit strings of 3-15 digits, written with prefixes and separators people (mis)use.

    Half are "clean" (the shapes the fast path reads); the rest use any prefix and separator,
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
    expected = check_phone_slow(value, region)
    assert phones._check(value, region) == expected  # the fast path, uncached
    assert check_phone(value, region) == expected
    sanitized = phones.sanitized_valid(value, region)  # the pipeline's lean path
    assert sanitized is None or (expected.ok and sanitized == expected.sanitized)
    if expected.ok and expected.sanitized is not None:
        # The sanitized form means the same number to a Norwegian reader (the ARM server).
        assert check_phone_slow(expected.sanitized, "NO") == expected


@settings(max_examples=1000, deadline=None)
@given(_numbers(), st.sampled_from(["NO", "NO", "NO", "no", "SE", "US", "SJ", "XX", ""]))
@example("004702000", "NO")
@example("+47 00123", "NO")
@example("00235", "NO")
@example("-99887766", "NO")
def test_fast_path_agrees_with_phonenumbers_on_generated_numbers(value: str, region: str) -> None:
    _same(value, region)


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(exclude_categories=()), max_size=40))
def test_fast_path_agrees_with_phonenumbers_on_arbitrary_text(value: str) -> None:
    _same(value)


def test_fast_path_agrees_on_every_three_digit_prefix() -> None:
    # Deterministic sweep: every 3-digit start, 5 and 8 digits long, plain and with +47.
    for start in range(1000):
        for tail in ("00", "12", "99", "00000", "12345", "99999"):
            digits = f"{start:03d}{tail}"
            for value in (digits, "+47" + digits, f"0047 {digits[:3]} {digits[3:]}"):
                assert phones._check(value, "NO") == check_phone_slow(value, "NO"), value


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


# --- the regexes specialised by length, and the shape -------------------------------------------


def _verdict(regex: re.Pattern[str] | None, digits: str) -> tuple[bool, str | None]:
    match = None if regex is None else regex.match(digits)
    return (match is not None, None if match is None else match.lastgroup)


def test_length_specialised_regexes_agree_with_the_general_one() -> None:
    general = phones._norway()
    by_length = phones._norway_by_length()
    assert len(by_length) == phones._FAST_MAX_LENGTH + 1
    rng = random.Random(47)
    for length in range(phones._FAST_MAX_LENGTH + 1):
        samples = {"".join(rng.choice("0123456789") for _ in range(length)) for _ in range(300)}
        if length in (5, 8):  # every 4-digit start, with a few endings
            samples |= {f"{start:04d}{tail}"[:length] for start in range(10_000) for tail in "0959"}
        for digits in samples:
            assert _verdict(by_length[length], digits) == _verdict(general, digits), digits


_OLD_SHAPE = re.compile(r" *(\+47|\(\+47\)|0047)?[ -]?([0-9](?:[ -]?[0-9])*) *")


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=" -+()0479", max_size=25))
@example("+47 99 45 89 34")
@example("0047 -9")
@example("(+47)-99887766  ")
def test_shape_reads_numbers_as_before(value: str) -> None:
    old, new = _OLD_SHAPE.fullmatch(value), phones._SHAPE.fullmatch(value)
    assert (old is None) == (new is None)
    if old is not None and new is not None:
        assert old.groups() == new.groups()
    if value.startswith("+47") and value[3:].isdigit() and value.isascii():  # the shortcut
        assert new is not None and new.group(2) == value[3:]


def test_near_misses_of_the_plus47_shortcut() -> None:
    for prefix in ("+4", "+46", "+47", "+470", "+4747", "+48", "+", "+47 ", "+ 47", "47", "(+47)"):
        for digits in ("99887766", "22123456", "80012345", "02000", "7912345", "123"):
            value = prefix + digits
            assert phones._check(value, "NO") == check_phone_slow(value, "NO"), value


def test_plus47_numbers_are_decided_under_any_default_region(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    values = ("+4799887766", "(+47) 22 12 34 56", "+47 800 12 345")
    expected = {value: check_phone_slow(value, "NO") for value in values}
    monkeypatch.setattr(phones, "check_phone_slow", lambda *args: pytest.fail(f"slow: {args}"))
    for region in ("SE", "us", "SJ", "XX", "", "\ud800"):
        for value, result in expected.items():
            assert phones._check(value, region) == result


def test_fast_path_agrees_with_phonenumbers_under_other_default_regions() -> None:
    rng = random.Random(46)
    regions = ("SE", "US", "DK", "GB", "SJ", "DE", "XX", "", "zz")
    prefixes = ("+47", "+47 ", "(+47) ", "(+47)", "0047 ", "0047", "", "+47-", " +47 ")
    for start in rng.sample(range(1000), 60):
        for tail in ("00", "12345", "99999"):
            digits = f"{start:03d}{tail}"
            for prefix in prefixes:
                value, region = prefix + digits, rng.choice(regions)
                assert phones._check(value, region) == check_phone_slow(value, region), value


def _read_by_shape(value: str, home: bool) -> tuple[str, str] | None:
    """:func:`phones._fast_read` without its shortcuts: the digits as _SHAPE reads them."""
    if len(value) > phones._FAST_MAX_LENGTH:
        return None
    if value.isdigit() and value.isascii():
        digits: str | None = (value[4:] if value.startswith("0047") else value) if home else None
    else:
        digits = phones._shape_digits(value, home)
    if digits is None or digits.startswith("00"):
        return None
    match = _verdict(phones._norway_by_length()[len(digits)], digits)
    return (digits, match[1]) if match[0] and match[1] is not None else None


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=" -+()04792", max_size=20), st.booleans())
@example("004 722123456", True)
@example("0047 22123456", True)
@example("+47 22 12 34 56", False)
@example("+47  22123456", True)
@example("+4722123456 ", True)
def test_the_shortcuts_read_what_the_shape_reads(value: str, home: bool) -> None:
    assert phones._fast_read(value, home) == _read_by_shape(value, home)
    for spelled in (value.replace("-", " "), value.replace("2", "9")):
        assert phones._fast_read(spelled, home) == _read_by_shape(spelled, home)


def test_sanitized_valid_answers_for_the_common_spellings() -> None:
    for value in ("99887766", "+4799887766", "+47 99 88 77 66", "99 88 77 66", "998 87 766"):
        assert phones.sanitized_valid(value) == "99887766"
        assert phones.sanitized_valid(value, "no") == "99887766"
    assert phones.sanitized_valid("+47 998 87 766", "SE") == "99887766"
    assert phones.sanitized_valid("998 87 766", "SE") is None
    assert phones.sanitized_valid("997755332") is None


# --- the table of 3-digit prefixes for 8-digit numbers --------------------------------------------


def _table_verdict(digits: str) -> tuple[bool, str | None] | None:
    """The table's verdict on 8 digits, as :func:`_verdict` gives it; None where undecided."""
    table = phones._norway8_table()
    assert table is not None
    kind = table[digits[:3]]
    if kind == phones._UNDECIDED:
        return None
    return (kind is not None, kind)


def test_the_prefix_table_agrees_with_the_regex() -> None:
    regex = phones._norway_by_length()[8]
    table = phones._norway8_table()
    assert table is not None and len(table) == 1000
    undecided = [prefix for prefix, kind in table.items() if kind == phones._UNDECIDED]
    assert len(undecided) <= 10, undecided  # the table decides (almost) every prefix
    rng = random.Random(8)
    for start in range(1000):
        prefix = f"{start:03d}"
        tails = {"00000", "99999", "12345", *(f"{rng.randrange(100_000):05d}" for _ in range(200))}
        # every 4th and 5th digit, so that a dependence just after the prefix is seen
        tails |= {f"{d:02d}{rng.randrange(1000):03d}" for d in range(100)}
        for tail in tails:
            digits = prefix + tail
            verdict = _table_verdict(digits)
            if verdict is None:
                assert prefix in undecided
            else:
                assert verdict == _verdict(regex, digits), digits
    for prefix in undecided:  # undecided for a reason: the regex's verdict does vary
        verdicts = {_verdict(regex, f"{prefix}{d:02d}000") for d in range(100)}
        assert len(verdicts) > 1, prefix


def test_the_prefix_table_agrees_with_phonenumbers() -> None:
    rng = random.Random(4747)
    numbers = [f"{rng.randrange(10**8):08d}" for _ in range(4000)]
    numbers += [f"{start:03d}{rng.randrange(10**5):05d}" for start in range(1000)]
    for digits in numbers:
        verdict = _table_verdict(digits)
        expected = check_phone_slow(digits, "NO")
        if verdict is None:  # undecided: the regex decides (checked above and in other tests)
            read = phones._fast_read(digits, True)
            assert read is None or expected == PhoneCheck(True, digits, None, read[1]), digits
        elif not verdict[0]:
            # "not a Norwegian number": phonenumbers decides (Svalbard's 79 range and the 00
            # international prefix may be valid, the rest is invalid)
            assert not expected.ok or digits.startswith(("79", "00")), digits
        else:
            assert expected == PhoneCheck(True, digits, None, verdict[1]), digits
        if verdict is not None:  # the fast path answers as the table says
            assert phones.sanitized_valid(digits) == (digits if verdict[0] else None), digits


def test_the_derivation_follows_the_engine() -> None:
    # Small regexes with the constructs the derivation admits, against re on every input.
    cases = [
        r"(?:1|12)\d\Z(?P<a>)|12\d(?P<b>)",
        r"(?=[0-4])(?:[13]\d{2}(?P<a>)|\d{0,2}(?P<b>))",
        r"[^5]\d?(?P<a>)|5.{1,2}?(?P<b>)",
        r"(?=\d\d\Z)(?:(?=1)\d{1,3}?|2\d)\Z(?P<a>)|\d{0,3}?(?P<b>)",
        r"\d+",
    ]
    for pattern in cases:
        regex = re.compile(pattern)
        try:
            paths = phones._paths(regex, 3)
        except phones._Unsupported:
            assert "+" in pattern or "*" in pattern  # unbounded repeats are refused
            continue
        for number in range(1000):
            digits = f"{number:03d}"
            first = next(
                (p for p in paths if all(ord(d) in s for d, s in zip(digits, p[0], strict=True))),
                None,
            )
            assert _verdict(regex, digits) == (
                (False, None) if first is None else (True, first[2])
            ), (pattern, digits)


@pytest.mark.parametrize("pattern", [r"(?!1)\d{3}", r"(?<=1)\d", r"(\d)\d\d", r"\d+", r"\b\d"])
def test_the_derivation_refuses_what_it_does_not_reason_about(pattern: str) -> None:
    with pytest.raises(phones._Unsupported):
        phones._paths(re.compile(pattern), 3)
