"""armvalidate.emails: sanitizing, email-validator as the authority, honest pre-checks.

Every verdict is compared with email-validator itself (:func:`library`), never with a copy of
our code: the pre-check may only ever say what the library says, and the common invalid shapes
get exactly the library's reason; and the library is asked for only a small share of the messy
corpus's addresses.
"""

from __future__ import annotations

import functools
import itertools
import unicodedata
from collections.abc import Iterator
from typing import Any

import email_validator
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from armvalidate import emails
from armvalidate.emails import EmailCheck, check_email, sanitize_email


def library(value: str) -> tuple[bool, str | None, str | None]:
    """What email-validator says of ``value`` after the server's cleanups (:func:`sanitize_email`):
    (valid, the address as stored: local part in NFC, the library's ASCII domain; its reason)."""
    return library_on(sanitize_email(value)[0])


def library_on(text: str) -> tuple[bool, str | None, str | None]:
    """:func:`library` on ``text`` as it is, not sanitized."""
    try:
        result = email_validator.validate_email(
            text,
            check_deliverability=False,
            allow_smtputf8=True,
            allow_empty_local=False,
            allow_quoted_local=False,
            allow_domain_literal=False,
            allow_display_name=False,
            strict=False,
            test_environment=False,
            globally_deliverable=True,
        )
    except email_validator.EmailNotValidError as exc:
        return False, None, str(exc)
    except Exception as exc:  # a list of special-use names edited into nonsense
        return False, None, f"email-validator could not process the address ({type(exc).__name__})"
    local = unicodedata.normalize("NFC", text.partition("@")[0])
    return True, f"{local}@{result.ascii_domain}", None


def verdict(result: EmailCheck) -> tuple[bool, str | None, str | None]:
    return result.ok, result.sanitized, result.reason


# --- examples ------------------------------------------------------------------------------------


def test_docs_example_is_sanitized_like_the_server_does() -> None:
    # The API docs' answer: "Email address owea@ testarmrest.no was sanitized".
    result = check_email("owea@ testarmrest.no")
    assert result == EmailCheck(True, "owea@testarmrest.no", ("removed whitespace",), None)


def test_docs_request_addresses_are_clean() -> None:
    for address in ("owea@testarmrest.no", "test2.email@testarmrest.no"):
        assert check_email(address) == EmailCheck(True, address, (), None)


@pytest.mark.parametrize(
    ("raw", "sanitized", "changes"),
    [
        (" ola@firma.no\t", "ola@firma.no", ("removed whitespace",)),
        ("ola @ firma . no", "ola@firma.no", ("removed whitespace",)),
        ("ola@firma.no\u00a0", "ola@firma.no", ("removed whitespace",)),
        ("mailto:ola@firma.no", "ola@firma.no", ("removed the mailto: prefix",)),
        ("MailTo:ola@firma.no", "ola@firma.no", ("removed the mailto: prefix",)),
        (
            " mailto: ola@firma.no",
            "ola@firma.no",
            ("removed whitespace", "removed the mailto: prefix"),
        ),
        ("ola@firma.no.", "ola@firma.no", ("removed a trailing dot",)),
        ("ola@FIRMA.No", "ola@firma.no", ("lower-cased the domain",)),
        ("Ola.Nordmann@firma.no", "Ola.Nordmann@firma.no", ()),  # the local part keeps its case
        ("post@bücher.no", "post@xn--bcher-kva.no", ("converted the IDN domain to ASCII (xn--)",)),
        ("post@BÜCHER.no", "post@xn--bcher-kva.no", ("converted the IDN domain to ASCII (xn--)",)),
        ("post@xn--bcher-kva.no", "post@xn--bcher-kva.no", ()),
        ("ola@ｆｉｒｍａ.no", "ola@firma.no", ("normalized the domain to plain ASCII",)),
        ("ærlig@firma.no", "ærlig@firma.no", ()),  # SMTPUTF8 local parts are valid
        (
            "ae\u0301@firma.no",
            "aé@firma.no",
            ("normalized the part before the @ to Unicode NFC",),
        ),
        ("INFO@firma.no", "INFO@firma.no", ()),  # no RFC 2142 lower-casing: the server keeps it
        ("a@b.c", "a@b.c", ()),  # one-letter TLD: the library's call
        ("a@b.c1a", "a@b.c1a", ()),  # a TLD that ends with a letter
        ("x@a--b.no", "x@a--b.no", ()),  # "--" not at positions 3-4 is fine
        ("o'brien+tag@firma.no", "o'brien+tag@firma.no", ()),
    ],
)
def test_sanitizations(raw: str, sanitized: str, changes: tuple[str, ...]) -> None:
    result = check_email(raw)
    assert result == EmailCheck(True, sanitized, changes, None)
    assert library(raw) == verdict(result)


@pytest.mark.parametrize(
    ("raw", "reason_part"),
    [
        ("", "must have an @-sign"),
        ("ola.firma.no", "must have an @-sign"),
        ("ola@", "something after the @-sign"),
        ("@firma.no", "something before the @-sign"),
        ("ola..nordmann@firma.no", "two periods in a row"),
        (".ola@firma.no", "cannot start with a period"),
        ("ola.@firma.no", "period immediately before the @-sign"),
        ("ola@firma..no", "two periods in a row"),
        ("ola@.firma.no", "period immediately after the @-sign"),
        ("ola@firma", "should have a period"),
        ("ola@firma.123", "not within a valid top-level domain"),
        ("ola@-firma.no", "hyphen immediately after the @-sign"),
        ("ola@firma-.no", "period and a hyphen"),
        ("ola@ab--c.no", "two letters followed by two dashes"),
        ('"ola nordmann"@firma.no', "Quoting the part before the @-sign is not allowed"),
        ("ola@[127.0.0.1]", "bracketed IP address"),
        ("Ola <ola@firma.no>", "display name"),
        ("ola@firma.no@x.no", "contains invalid characters: '@'"),
        ("ola(comment)@firma.no", "invalid characters before the @-sign"),
        ("ola@printer.local", "special-use or reserved name"),
        ("ola@localhost", "should have a period"),
        ("ola@x.localhost", "special-use or reserved name"),
        ("ola@firma.test", "special-use or reserved name"),
        ("ola@nowhere.invalid", "special-use or reserved name"),
        ("ola@hidden.onion", "special-use or reserved name"),
        ("ola@1.0.0.127.in-addr.arpa", "special-use or reserved name"),
        ("ola@" + "a" * 64 + ".no", "periods cannot be separated by so many characters"),
        ("o" * 64 + "@" + "a" * 63 + "." + "b" * 63 + "." + "c" * 60 + ".no", "too long"),
        ("ola＠firma.no", "full-width"),
        ("ola@firma.no..", "cannot end with a period"),
        ("ola\u202e@firma.no", "unsafe characters"),
        ("ola\x00@firma.no", "invalid characters before the @-sign: U+0000"),
    ],
)
def test_invalid_addresses(raw: str, reason_part: str) -> None:
    result = check_email(raw)
    assert not result.ok
    assert result.sanitized is None
    assert result.reason is not None and reason_part in result.reason
    assert library(raw) == verdict(result)


def test_length_limits_match_the_library_at_the_boundary() -> None:
    domain = "a" * 63 + "." + "b" * 63 + "." + "c" * 63 + ".no"  # 195 characters
    at_limit = "o" * (254 - 1 - len(domain)) + "@" + domain
    assert len(at_limit) == 254
    assert check_email(at_limit).ok
    assert not check_email("o" + at_limit).ok
    label_63 = "ola@" + "a" * 63 + ".no"
    assert check_email(label_63).ok
    # Local parts over 64 characters are valid since email-validator 2.3 (strict=False); the fast
    # path leaves them to the library, which decides by its own version's rule.
    long_local = "o" * 65 + "@firma.no"
    assert verdict(emails._check(long_local)) == library(long_local)


def test_a_changed_special_use_list_is_honoured_by_both_paths(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    emails._check_cached.cache_clear()
    assert check_email("ola@firma.example.no").ok
    monkeypatch.setattr(
        email_validator, "SPECIAL_USE_DOMAIN_NAMES", [*email_validator.SPECIAL_USE_DOMAIN_NAMES]
    )
    email_validator.SPECIAL_USE_DOMAIN_NAMES.append("example.no")
    try:
        assert not emails._check("ola@firma.example.no").ok
        assert not library("ola@firma.example.no")[0]
        assert emails._check("ola@example.nox").ok
    finally:
        emails._check_cached.cache_clear()


def test_the_pre_check_decides_common_addresses_without_the_library(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def boom(*args: object) -> EmailCheck:
        raise AssertionError("the library was asked")

    monkeypatch.setattr(emails, "_judge_by_library", boom)
    for address in (
        "ola.nordmann@firma.no",
        "Kari_Nordmann+faktura@post.sub.example.com",
        "owea@ testarmrest.no",
        "ola@FIRMA.NO.",
    ):
        assert emails._check(address).ok


def test_results_are_cached_but_huge_inputs_are_not() -> None:
    emails._check_cached.cache_clear()
    check_email("ola@FIRMA.no")
    check_email("ola@FIRMA.no")
    assert emails._check_cached.cache_info().hits == 1
    check_email("x" * 10_000)
    assert emails._check_cached.cache_info().currsize == 1
    assert verdict(check_email("x" * 10_000)) == library("x" * 10_000)


# --- the differential property test --------------------------------------------------------------

_ATEXT = "abcXYZ019!#$%&'*+/=?^_`{|}~-"
_LOCAL_JUNK = [".", "..", '"', "\\", "(", ")", ",", ":", ";", "<", ">", "@", "[", "]", " ", "\t"]
_UNICODE = ["ø", "é", "ß", "\u0301", "\u200b", "\u202e", "\x00", "\ud800", "😀", "ا", "ｆ", "＠"]
_DOMAIN_JUNK = ["-", "--", "_", ".", "..", "。", "．", "ü", "ß", "ς", "xn--", "XN--", "xn--zz"]
_TLDS = ["no", "NO", "com", "c", "io", "museum", "local", "test", "invalid", "onion", "arpa"]
_TLDS += ["localhost", "123", "c1", "1c", "xn--p1ai", "xn--abc", "x-y", "a" * 63, "a" * 64]


@st.composite
def _locals(draw: st.DrawFn) -> str:
    atom = st.text(alphabet=_ATEXT, min_size=1, max_size=12)
    parts = draw(st.lists(atom, min_size=1, max_size=4))
    local = ".".join(parts)
    if draw(st.integers(0, 3)) == 0:
        junk = draw(st.sampled_from(_LOCAL_JUNK + _UNICODE))
        at = draw(st.integers(0, len(local)))
        local = local[:at] + junk + local[at:]
    if draw(st.integers(0, 9)) == 0:
        local = local * draw(st.integers(2, 30))  # long local parts, near the length limits
    return local


@st.composite
def _labels(draw: st.DrawFn) -> str:
    size = draw(st.sampled_from([1, 2, 3, 5, 8, 8, 61, 62, 63, 64]))
    label = draw(st.text(alphabet="abcDEF0189", min_size=size, max_size=size))
    if draw(st.integers(0, 5)) == 0:
        junk = draw(st.sampled_from(_DOMAIN_JUNK + _UNICODE))
        at = draw(st.integers(0, len(label)))
        label = label[:at] + junk + label[at:]
    return label


@st.composite
def _addresses(draw: st.DrawFn) -> str:
    """Addresses built from parts: about a third plain and valid, the rest broken somewhere."""
    labels = draw(st.lists(_labels(), min_size=0, max_size=4))
    tld = draw(st.one_of(st.sampled_from(_TLDS[:3]), st.sampled_from(_TLDS)))
    address = draw(_locals()) + "@" + ".".join([*labels, tld])
    if draw(st.integers(0, 3)) == 0:
        prefix = draw(st.sampled_from(["mailto:", "MAILTO:", " ", "Ola <", '"', "\\"]))
        suffix = draw(st.sampled_from(["", ".", "..", " ", ">", "\n", '"']))
        address = prefix + address + suffix
    if draw(st.integers(0, 3)) == 0:
        at = draw(st.integers(0, len(address)))
        blank = draw(st.sampled_from([" ", "\t", "\u00a0", "\u2028"]))
        address = address[:at] + blank + address[at:]
    return address


def _same(value: str) -> None:
    expected = library(value)
    result = emails._check(value)  # uncached
    assert verdict(result) == expected, value
    assert check_email(value) == result  # the public function, cached
    assert result.changes[: len(sanitize_email(value)[1])] == sanitize_email(value)[1]
    if emails.is_clean_email(value):
        assert result == EmailCheck(True, value, (), None)
    if result.ok:
        assert result.sanitized is not None
        assert library(result.sanitized) == expected  # sanitizing is idempotent
        assert check_email(result.sanitized) == EmailCheck(True, result.sanitized, (), None)


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_addresses())
@example("owea@ testarmrest.no")
@example("ola@firma.xn--p1ai")
@example("ola@" + "a" * 63 + ".no")
@example("o" * 190 + "@" + "a" * 60 + ".no")
def test_pre_check_agrees_with_email_validator_on_generated_addresses(value: str) -> None:
    _same(value)


@settings(max_examples=500, deadline=None)
@given(st.text(st.characters(exclude_categories=()), max_size=300))
def test_pre_check_agrees_with_email_validator_on_arbitrary_text(value: str) -> None:
    _same(value)


def _fast_path_sample() -> Iterator[str]:
    # Deterministic: every single-character edit of a valid address, with ASCII and a few others.
    base = "ab.c@de-f.gh"
    alphabet = [chr(c) for c in range(32, 127)] + ["\t", "ø", "\u0301", "ｆ"]
    for i in range(len(base) + 1):
        for c in alphabet:
            yield base[:i] + c + base[i:]
            if i < len(base):
                yield base[:i] + c + base[i + 1 :]


def test_pre_check_agrees_on_every_single_character_edit() -> None:
    for value in _fast_path_sample():
        _same(value)


# --- junk ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "junk",
    [
        "",
        " ",
        "@",
        "@@",
        ".",
        "mailto:",
        "\x00" * 50,
        "\ud800@\udfff.no",
        "a@" + "b" * 100_000 + ".no",
        "a" * 1_000_000,
        "😀@😀.no",
        "\u202eon.amrif@alo",
        "ola@firma.no" * 1000,
        "a@b." + "1" * 5000,
        "a@xn--" + "9" * 300 + ".no",
    ],
)
def test_junk_never_raises(junk: str) -> None:
    result = check_email(junk)
    assert isinstance(result, EmailCheck)
    assert result.ok == (result.sanitized is not None)


# --- the clean-address shortcut ------------------------------------------------------------------


@st.composite
def _clean_looking(draw: st.DrawFn) -> str:
    """Lower-case ASCII addresses near every edge of the shortcut: lengths, hyphens, TLDs."""
    local_size = draw(st.sampled_from([1, 5, 63, 64, 65]))
    local = draw(st.text(alphabet="ab9._-+'", min_size=local_size, max_size=local_size))
    label = st.text(alphabet="ab9-", min_size=1, max_size=4).map(
        lambda text: text * draw(st.sampled_from([1, 1, 16, 21]))
    )
    labels = draw(st.lists(label, min_size=0, max_size=4))
    tld = draw(st.sampled_from(["no", "com", "n", "n9", "9n", "xn--p1ai", "local", "test", "a-b"]))
    tld = tld if draw(st.integers(0, 9)) else "a" * draw(st.sampled_from([62, 63, 64]))
    address = local + "@" + ".".join([*labels, tld])
    if draw(st.integers(0, 4)) == 0:
        address = "o" * draw(st.integers(150, 250)) + address[-20:]
    return address


@settings(max_examples=600, deadline=None)
@given(_clean_looking())
@example("a" * 64 + "@" + "b" * 63 + ".no")
@example("a" * 64 + "@" + "b" * 64 + ".no")
@example("ola@firma.test")
@example("ola@x.local")
@example("ola@a.xn--p1ai")
def test_clean_shortcut_agrees_with_email_validator(value: str) -> None:
    _same(value)


@st.composite
def _clean_edited(draw: st.DrawFn) -> str:
    """A clean-looking address with one adversarial edit: what the one-regex shortcut must catch."""
    address = draw(_clean_looking())
    edit = draw(
        st.sampled_from(
            [
                "",
                ".",
                "..",
                "-",
                "--",
                "@",
                " ",
                "\t",
                "\u00a0",
                "A",
                "Z",
                "_",
                "ø",
                "ü",
                "\u0301",
                "1",
                "xn--",
                "mailto:",
                "MAILTO:",
                "\n",
                "\x00",
                "\ufe52",
                "。",
                "ｆ",
                '"',
                "(",
                "[",
            ]
        )
    )
    at = draw(st.integers(0, len(address)))
    if draw(st.booleans()):
        return address[:at] + edit + address[at:]
    return address[:at] + edit + address[at + 1 :]


@settings(max_examples=1500, deadline=None)
@given(_clean_edited())
@example("ola@firma.no\n")
@example("ola@firma.n\u0131")
@example("ola@firma.\u212a")  # KELVIN SIGN: lower-cases to ASCII "k"
@example("ola@FIRMA.no")
@example("ola@firma-.no")
@example("ola@-firma.no")
@example("ola@fi--rma.no")
@example("ola@xn--bcher-kva.no")
@example("ola@firma.no.")
def test_edited_clean_addresses_agree_with_email_validator(value: str) -> None:
    _same(value)


@pytest.mark.parametrize("tld", ["local", "test", "invalid", "onion", "arpa", "localhost", "no"])
@pytest.mark.parametrize("prefix", ["", "a.", "x.y.", "alocal.", "local."])
def test_clean_shortcut_on_special_use_suffixes(prefix: str, tld: str) -> None:
    for domain in (prefix + tld, prefix + "x" + tld, prefix + tld + "x", prefix + tld + ".no"):
        value = "ola@" + domain
        _same(value)
        if library(value) == (True, value, None):
            assert emails.is_clean_email(value)


@pytest.mark.parametrize(
    "names",
    [["example.no"], ["no"], ["co.uk", "uk.", ".no", ""], ["firma.no", "xy"], ["example.no", 5]],
)
def test_clean_shortcut_follows_the_special_use_list(
    monkeypatch: pytest.MonkeyPatch, names: list[object]
) -> None:
    monkeypatch.setattr(email_validator, "SPECIAL_USE_DOMAIN_NAMES", names)
    for domain in ("firma.example.no", "example.no", "x.no", "a.co.uk", "post.firma.no", "a.xy"):
        value = "ola@" + domain
        emails._check_cached.cache_clear()
        _same(value)


@pytest.mark.parametrize(
    "names",
    [
        ["example.no"],
        ["no"],
        ["NO"],
        [""],
        ["firma.example.no", "local"],
        ["co.uk", "uk.", ".no"],
        ("tuple", "of", "names", "test"),
        ["example.no", 5],  # not all str: the suffixes are tested one by one
    ],
)
def test_special_use_names_edited_at_run_time(
    monkeypatch: pytest.MonkeyPatch, names: list[object]
) -> None:
    monkeypatch.setattr(email_validator, "SPECIAL_USE_DOMAIN_NAMES", names)
    domains = ["firma.example.no", "example.no", "no", "x.no", "a.co.uk", "b.test", "b.tuple"]
    for domain in domains:
        emails._check_cached.cache_clear()
        _same("ola@" + domain)
    if isinstance(names, list):
        names.append("firma.no")  # edited in place, after it was read
        assert emails._special_use("post.firma.no")
        assert not emails._check("ola@post.firma.no").ok
    monkeypatch.undo()
    assert emails._check("ola@post.firma.no").ok


# --- without the library: the common invalid shapes, Latin-1 local parts ------------------------


def _decided_without_library(value: str) -> str | None:
    """The reason the shape path gives for ``value``, or None if it leaves it to the library."""
    text, _ = sanitize_email(value)
    shape = emails._invalid_shape(text)
    return None if shape is None else emails._shape_reason(shape)


def _agrees(value: str) -> bool:
    """Check ``value`` on every path against email-validator; whether no library call decided it."""
    expected = library(value)
    result = emails._check(value)
    assert verdict(result) == expected, value
    reason = _decided_without_library(value)
    if reason is not None:
        assert expected == (False, None, reason), value  # the library rejects it, for that reason
        text, changes = sanitize_email(value)
        assert emails._judge_by_library(text, changes) == result  # as the library path says
    return reason is not None or emails._plain_parts(sanitize_email(value)[0]) is not None


# --- the shapes ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("shape", "representative"), sorted(emails._SHAPES.items()))
def test_each_shape_is_its_own_representative_and_the_library_rejects_it(
    shape: str, representative: str
) -> None:
    assert emails._invalid_shape(representative) == representative
    valid, _, reason = library_on(representative)
    assert not valid and reason is not None
    assert emails._shape_reason(representative) == reason


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("solvi97@epost", "The part after the @-sign is not valid. It should have a period."),
        ("ola@FIRMA", "The part after the @-sign is not valid. It should have a period."),
        ("", "An email address must have an @-sign."),
        ("ola.firma.no", "An email address must have an @-sign."),
        ("@epost.example.net", "There must be something before the @-sign."),
        ("ola@", "There must be something after the @-sign."),
        ("gro@@example.net", "The part after the @-sign contains invalid characters: '@'."),
        ("a@b@c_d.no", "The part after the @-sign contains invalid characters: '@', '_'."),
        ("nora@kommune_x.no", "The part after the @-sign contains invalid characters: '_'."),
        ("maja..x@epost.no", "An email address cannot have two periods in a row."),
        ("ola@firma..no", "An email address cannot have two periods in a row."),
        (".ola@firma.no", "An email address cannot start with a period."),
        ("ola.@firma.no", "An email address cannot have a period immediately before the @-sign."),
        ("ola@.firma.no", "An email address cannot have a period immediately after the @-sign."),
        ("ola@firma.no..", "An email address cannot end with a period."),
        ("ola@-firma.no", "An email address cannot have a hyphen immediately after the @-sign."),
        ("ola@firma.no-", "An email address cannot end with a hyphen."),
        ("ola@firma-.no", "An email address cannot have a period and a hyphen next to each other."),
        (
            "ola@firma.123",
            "The part after the @-sign is not valid. It is not within a valid top-level domain.",
        ),
    ],
)
def test_common_invalid_addresses_need_no_library_call(
    monkeypatch: pytest.MonkeyPatch, value: str, reason: str
) -> None:
    for representative in emails._SHAPES.values():
        emails._shape_reason(representative)  # each shape's reason, asked once per process
    (
        emails._shape_reason("a@@a.no"),
        emails._shape_reason("a@@_a.no"),
        emails._shape_reason("a@_a.no"),
    )

    def boom(*args: object, **kwargs: object) -> Any:
        raise AssertionError(f"email-validator was asked about {args}")

    monkeypatch.setattr(email_validator, "validate_email", boom)
    result = emails._check(value)
    assert result.reason == reason and not result.ok
    monkeypatch.undo()
    assert library(value) == (False, None, reason)


_LOCALS = ["", "a", "Ola.N", ".a", "a.", "a..b", "o'b+c", "a@", "ø", "aø.é"]
_LABELS = ["", "a", "B1", "-a", "a-", "a-b", "ab--c", "xN--zz", "xn--bcher-kva", "a_b", "@", "1"]
_LABELS += ["a" * 63, "a" * 64, "c.", "ü"]


def _enumerated() -> Iterator[str]:
    """Every local part of _LOCALS with every domain of up to two _LABELS (three of the first
    seven), and without an @-sign."""
    for local in _LOCALS:
        yield local
        for size in (1, 2):
            for labels in itertools.product(_LABELS, repeat=size):
                yield local + "@" + ".".join(labels)
        for labels in itertools.product(_LABELS[:7], repeat=3):
            yield local + "@" + ".".join(labels)


def test_every_enumerated_near_miss_agrees_with_email_validator() -> None:
    decided = sum(_agrees(value) for value in _enumerated())
    assert decided > 4_000  # most of them without asking the library


def test_short_texts_over_the_shapes_alphabet_agree_with_email_validator() -> None:
    # every text of up to five characters over a few letters, separators and junk
    decided = 0
    for size in range(6):
        for chars in itertools.product("a1.-@_", repeat=size):
            decided += _agrees("".join(chars))
    assert decided > 8_000


_ATOMS = st.sampled_from(["a", "ola", "Kari", "x9", "o'b", "a+b", "_", "ø", "é", "1"])
_SEPARATORS = st.sampled_from([".", ".", "..", "", "@", "-", "_"])
_DOMAIN_LABELS = st.sampled_from(["firma", "no", "NO", "a-b", "com", "x", "1", "c1", "epost"])
_DOMAIN_JOINTS = st.sampled_from([".", ".", ".", "..", "-", "--", "@", "_", "", ".-", "-."])


@st.composite
def _near_misses(draw: st.DrawFn) -> str:
    """Addresses broken the common ways: separators doubled, dropped or misplaced; @-signs."""
    atoms = draw(st.lists(_ATOMS, min_size=0, max_size=3))
    separators = draw(st.lists(_SEPARATORS, min_size=len(atoms), max_size=len(atoms)))
    local = "".join(s + a for s, a in zip(separators, atoms, strict=True))[1:]
    labels = draw(st.lists(_DOMAIN_LABELS, min_size=0, max_size=3))
    joints = draw(st.lists(_DOMAIN_JOINTS, min_size=len(labels), max_size=len(labels)))
    domain = "".join(j + label for j, label in zip(joints, labels, strict=True))
    domain = domain[1:] if draw(st.booleans()) else domain
    at = draw(st.sampled_from(["@", "@", "@", "", "@@", "@.", ".@"]))
    return local + at + domain + draw(st.sampled_from(["", "", ".", "..", "-", "@"]))


@settings(max_examples=700, deadline=None)
@given(_near_misses())
@example("solvi97@epost")
@example("gro@@example.net")
@example("xn--a@xn--")
def test_near_miss_addresses_agree_with_email_validator(value: str) -> None:
    _agrees(value)
    _same(value)


# --- Latin-1 letters in the local part ------------------------------------------------------------


@pytest.mark.parametrize("point", range(0x80, 0x100))
def test_each_latin_1_character_in_the_local_part_agrees(point: int) -> None:
    char = chr(point)
    for value in (f"{char}@firma.no", f"o{char}la@firma.no", f"a.{char}@Firma.no", f"{char}@firma"):
        _same(value)
    if point >= 0xC0 and char not in "×÷":  # the Latin-1 letters: the pre-check accepts them
        assert char.isalpha() and unicodedata.normalize("NFC", char) == char
        assert emails.is_clean_email(f"o{char}la@firma.no")
        assert library(f"o{char}la@firma.no") == (True, f"o{char}la@firma.no", None)


@pytest.mark.parametrize("extra", range(-3, 3))
def test_latin_1_local_parts_are_counted_in_utf8_bytes(extra: int) -> None:
    domain = "a" * 60 + "." + "b" * 60 + ".no"  # 124 characters
    local = "ø" * ((254 - 1 - len(domain)) // 2 + extra)  # two bytes each
    for value in (local + "@" + domain, "o" + local + "@" + domain):
        _same(value)


# --- domains the library has judged --------------------------------------------------------------

_IDN_LABELS = ["xn--bcher-kva", "XN--BCHER-KVA", "xn--ster-voa", "xn--fiq228c", "xn--zz", "xn--"]
_IDN_LABELS += ["xn--4dbc", "bølgen", "BØLGEN", "tromsø", "a--b", "ab--c", "1", "firma", "ß"]
_IDN_LABELS += ["xn--" + "a" * 59, "ø" * 40, "æ" * 60, "xn--mgbh0fb", "xn--p1ai"]


@st.composite
def _idn_addresses(draw: st.DrawFn) -> str:
    """Plain local parts at domains the pre-check leaves to the library: IDN, xn--, --."""
    local = draw(st.sampled_from(["ola", "Kari.N", "ø", "gøril.moen", "o'b+c"]))
    local = local * draw(st.sampled_from([1, 1, 1, 10, 20, 30]))
    labels = draw(st.lists(st.sampled_from(_IDN_LABELS), min_size=1, max_size=4))
    tld = draw(st.sampled_from(["no", "com", "NO", "local", "test", "xn--p1ai", "c", "1a"]))
    return local + "@" + ".".join([*labels, tld]) + draw(st.sampled_from(["", "", ".", " "]))


def _same_by_domain(value: str) -> None:
    """:func:`_same`, and the domain path's verdict, when it gives one, is the library's."""
    _same(value)
    text, changes = sanitize_email(value)
    known = emails._judge_by_domain(text, changes)
    if known is not None:
        assert verdict(known) == library(value), value
        assert known == emails._judge_by_library(text, changes)


@settings(max_examples=400, deadline=None)
@given(_idn_addresses())
@example("froydis_dahl@xn--ster-voa.example.com")
@example("ola@bølgen.no")
@example("ola@xn--4dbc.1.com")
def test_addresses_at_idn_domains_agree_with_email_validator(value: str) -> None:
    _same_by_domain(value)


@pytest.mark.parametrize("domain", ["xn--fiq228c.xn--fiq228c.no", "bølgen.no", "xn--ster-voa.no"])
@pytest.mark.parametrize("extra", range(-2, 3))
def test_idn_domains_at_the_length_limit_in_each_form(domain: str, extra: int) -> None:
    # the forms as given, in Unicode and in ASCII have different lengths in UTF-8: each counts
    for size in (254 - 1 - len(domain.encode()) + extra, 254 - 1 - 2 * len(domain) + extra):
        for local in ("o" * size, "ø" * (size // 2)):
            if local:
                _same_by_domain(local + "@" + domain)


def test_the_library_is_asked_about_the_first_address_at_each_domain(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    emails._judged.clear()
    asked: list[str] = []
    real = email_validator.validate_email

    @functools.wraps(real)  # (the same signature: emails reads which options it takes)
    def counted(value: str, **options: Any) -> Any:
        asked.append(value)
        return real(value, **options)

    monkeypatch.setattr(email_validator, "validate_email", counted)
    addresses = [
        local + "@xn--ster-voa.example.com" for local in ("ola", "Per", "gøril", "o" * 200)
    ]
    results = [emails._check(value) for value in addresses]
    assert asked == [addresses[0], addresses[-1]]  # the first, and one too long for the memo
    monkeypatch.undo()
    assert [verdict(result) for result in results] == [library(value) for value in addresses]
    monkeypatch.setattr(email_validator, "validate_email", counted)
    emails._judged.clear()
    for local in ("a" * 300, "ola..x", "ola"):  # invalid at a domain: nothing said of it
        emails._check(local + "@xn--ster-voa.example.com")
    assert list(emails._judged) == ["xn--ster-voa.example.com"]


def test_judged_domains_are_bounded() -> None:
    emails._judged.clear()
    for number in range(emails._JUDGED_MAX + 10):
        assert emails._check(f"ola@firma--{number}.no").ok
    assert 0 < len(emails._judged) <= emails._JUDGED_MAX


@pytest.mark.parametrize("names", [["no"], ["example.com"], ["com", "xn--p1ai"], ["x", 5]])
def test_judged_domains_follow_the_special_use_list(
    monkeypatch: pytest.MonkeyPatch, names: list[object]
) -> None:
    addresses = ["ola@xn--ster-voa.example.com", "ola@bølgen.no", "ola@xn--e1afmkfd.xn--p1ai"]
    for value in addresses:
        assert emails._check(value).ok  # judged, and remembered, under today's list
    monkeypatch.setattr(email_validator, "SPECIAL_USE_DOMAIN_NAMES", names)
    emails._check_cached.cache_clear()  # (whole addresses are cached: cleared as the others do)
    for value in addresses:
        _same_by_domain(value)
    emails._check_cached.cache_clear()


# --- the share of the messy corpus the library is asked about ------------------------------------


def test_the_library_is_asked_about_few_of_the_messy_corpus_addresses(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from armvalidate import validate_customer
    from benchmarks.corpus import REFERENCE_DATE
    from benchmarks.rounds import corpus

    payloads = corpus("messy", seed=41, count=2000)
    addresses = [
        entry
        for payload in payloads
        for key in ("emailAddressDocument", "secondaryEmailAddress")
        for entry in payload["customer"].get(key) or ()
    ]
    calls: list[str] = []
    real = email_validator.validate_email

    @functools.wraps(real)  # (the same signature: emails reads which options it takes)
    def counted(value: str, **options: Any) -> Any:
        calls.append(value)
        return real(value, **options)

    monkeypatch.setattr(email_validator, "validate_email", counted)
    emails._check_cached.cache_clear()
    emails._shape_reason.cache_clear()
    emails._judged.clear()
    for payload in payloads:
        validate_customer(payload, operation="create", profile="production", today=REFERENCE_DATE)
    monkeypatch.undo()
    assert len(addresses) > 2500
    # (about 5.6 % before the shapes and the judged domains: the invalid, IDN and æøå ones)
    assert len(calls) < 0.025 * len(addresses), sorted(set(calls))[:20]
    # the rest: one call per shape (with a representative) and per domain the pre-check leaves
    shapes = [value for value in calls if value in emails._SHAPES.values()]
    domains = [value.partition("@")[2] for value in calls if value not in shapes]
    assert len(shapes) == len(set(shapes)) and len(domains) == len(set(domains))
    # invalid ones among them: about one in 15 of the corpus, but each shape asked once
    invalid = [a for a in set(addresses) if not check_email(a).ok]
    assert len(invalid) > 50
    assert sum(1 for value in calls if not library(value)[0]) <= len(emails._SHAPES) + 5
