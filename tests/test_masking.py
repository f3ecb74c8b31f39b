"""The pre-filter of :func:`armvalidate.masking.scrub`: it skips the tokenizer only for text in
which the tokenizer finds no number, so the scrub masks exactly what it masked without it."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from armvalidate.masking import _may_hold_number, _number_spans, _tokenized_spans, _view, scrub

# Pieces that put many digits close to or far from each other: digit runs, letter runs around
# the gap limit (four letters join, five part), blanks, punctuation, control characters that
# the view drops; and, less often, what sends a text past the filter to the tokenizer
# (escapes, invisible characters, non-ASCII digits, any text).
_PLAIN = st.one_of(
    st.text("0123456789", min_size=1, max_size=12),
    st.text("0123456789", min_size=1, max_size=4),
    st.text("abcXYZ_", min_size=1, max_size=7),
    st.text("abcXYZ_", min_size=4, max_size=6),
    st.sampled_from([" ", "  ", "\t", "\n", "-", ".", "/", ", ", "'", "(", ")", ": ", "+"]),
    st.sampled_from(["\x00", "\x07", "\x7f", "\x1b"]),
)
_OTHER = st.one_of(
    st.sampled_from(["\\", "\\n", "\\u200b", "\\x41", "\\uabcd", "\\Uabcdefab"]),
    st.sampled_from(["\u200b", "\u00ad", "\uff11", "\u0663", "\u00b2", "\u2460"]),
    st.text(max_size=3),
)
_NEAR = st.one_of(  # digit groups parted by four to six letters: by a hair, or not at all
    st.text("0123456789", min_size=1, max_size=4), st.text("abc_", min_size=4, max_size=6)
)
TEXTS = st.one_of(
    st.lists(_NEAR, max_size=20).map("".join),
    st.lists(_PLAIN, max_size=40).map("".join),
    st.lists(st.one_of(_PLAIN, _OTHER), max_size=40).map("".join),
)


@settings(max_examples=2000, deadline=None)
@given(text=TEXTS)
@example("1234abcd5678901")  # four letters: one number
@example("1234abcde5678901")  # five: two short runs, no number
@example("12015\\Uabcdefab641779")  # an escape of many letters is one unit
@example("12015abcde\x0041779 123456")
def test_the_prefilter_never_skips_a_number(text: str) -> None:
    view, where = _view(text)
    full = _tokenized_spans(view, where)
    if not _may_hold_number(view):
        assert full == []
    assert _number_spans(text) == full


@pytest.mark.parametrize(
    "text",
    [
        "postalCode 8338 is not in Bring's postcode register (as of 2021-05-31)",
        "stopReminderUntil 2022-06-01 lies before today (2025-06-01): the stop has already ended",
        "phoneNo '8100228' is no valid phone number (region NO): wrong length: +47 numbers have "
        "5 or 8 digits",
    ],
)
def test_the_prefilter_skips_common_messages_with_many_digits(text: str) -> None:
    assert not _may_hold_number(text) and scrub(text) == text


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("phoneNo '004742246799' is no valid phone number", "phoneNo '**********99' is no"),
        ("ssn 120156 41779 is wrong", "ssn **********79 is"),
        ("a 1201abcd5641779 z", "a *************79 z"),
        ("account 8150\\n1366584", "account ***********84"),
    ],
)
def test_the_prefilter_passes_numbers_on(text: str, masked: str) -> None:
    assert _may_hold_number(_view(text)[0])
    assert scrub(text).startswith(masked)


def test_a_text_is_scrubbed_alike_the_first_time_and_from_the_cache() -> None:
    """The scrub's cache (the one cache of the findings' messages too: ``finish`` calls
    :func:`scrub` as it is) changes nothing: a text with a number and one without, short and
    too long to be kept, read twice."""
    from armvalidate.checks._context import finish

    texts = {
        "ssn is a synthetic test number": "ssn is a synthetic test number",
        "account 8150 13 66584 is wrong": "account ***********84 is wrong",
        "x": "x",
        "y" * 600 + " 12015641779": "y" * 600 + " *********79",
    }
    for text, masked in texts.items():
        for _ in range(2):
            assert scrub(text) == masked
            assert finish(("customer", "name"), text, None, None, False)[2] == masked
