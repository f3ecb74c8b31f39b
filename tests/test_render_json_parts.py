"""The json and jsonl formats write each finding from its parts (``_finding_json``): the text
must be the one ``json_text`` makes of the finding's dict, byte for byte, whatever the fields
hold; and the pre-checks of ``json_safe``/``one_line`` must never let an unsafe character by."""

from __future__ import annotations

import contextlib
import json
import sys
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import armvalidate
from armvalidate.catalog import Severity
from armvalidate.render import get_renderer
from armvalidate.render.base import _UNSAFE, json_safe, json_text, one_line
from armvalidate.render.model import Finding
from armvalidate.report import Issue

RULES = [*[rule.id for rule in armvalidate.rules()][:5], "no.such-rule"]

# text with the characters the formats must escape, non-Latin-1 letters and lone surrogates
_TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from("aZ0 /~\"\\'\x00\x1f\x7f\x85\x9f\xa0øæå€\u200b\u200e\u2028\u202e\u2066"),
        st.characters(),
    ),
    max_size=20,
)
_SCALAR = st.one_of(
    _TEXT,
    st.integers(),
    st.booleans(),
    st.none(),
    st.floats(allow_nan=True, allow_infinity=True),
)
_CONTEXT = st.one_of(
    st.dictionaries(_TEXT, _SCALAR, max_size=4),
    st.dictionaries(st.integers(), _SCALAR, max_size=2),  # keys json.dumps converts
    st.dictionaries(_TEXT, st.lists(_SCALAR, max_size=3), max_size=2),
)


@st.composite
def findings(draw: Any) -> Finding:
    issue = Issue(
        rule=draw(st.sampled_from(RULES)),
        severity=draw(st.sampled_from(list(Severity))),
        path=draw(_TEXT),
        field=draw(_TEXT),
        message=draw(_TEXT),
        context=draw(_CONTEXT),
        value=draw(st.one_of(st.none(), _SCALAR, st.lists(_SCALAR, max_size=2))),
        pii=draw(st.booleans()),
    )
    return Finding(
        file=draw(st.sampled_from(["in.jsonl", "mappe/Bodø ‮.json", "a\x1b.csv"])),
        line=draw(st.integers(1, 10**6)),
        issue=issue,
        record=draw(st.integers(1, 10**6)),
        row=draw(st.one_of(st.none(), st.integers(2, 10**6))),
        column=draw(st.one_of(st.none(), _TEXT)),
    )


def _reference(finding: Finding, *, show_pii: bool) -> str:
    """The finding's dict (``Finding.to_dict`` and the rule's source) as ``json_text``
    writes it: what the renderers wrote before they put the text together from parts."""
    out = finding.to_dict(show_pii=show_pii)
    with contextlib.suppress(KeyError):
        out["source"] = armvalidate.get_rule(finding.rule).source
    return json_text(out)


@settings(max_examples=300, deadline=None)
@given(st.lists(findings(), min_size=1, max_size=4), st.booleans())
def test_a_finding_is_written_as_its_dict_would_be(batch: list[Finding], show_pii: bool) -> None:
    jsonl = get_renderer("jsonl", show_pii=show_pii, rules=armvalidate.rules())
    for finding in batch:  # (several: the rule's and the file's parts are kept between them)
        line = jsonl.finding(finding)
        assert line == _reference(finding, show_pii=show_pii) + "\n"
        assert "\n" not in line[:-1] and _UNSAFE.search(line[:-1]) is None


@settings(max_examples=100, deadline=None)
@given(st.lists(findings(), max_size=4), st.booleans())
def test_the_json_document_holds_the_same_finding_texts(
    batch: list[Finding], show_pii: bool
) -> None:
    renderer = get_renderer("json", show_pii=show_pii, rules=armvalidate.rules())
    text = renderer.head(None) + "".join(renderer.finding(f) for f in batch)
    expected = "".join(
        ("\n  " if i == 0 else ",\n  ") + _reference(f, show_pii=show_pii)
        for i, f in enumerate(batch)
    )
    assert text.endswith(expected)


def test_a_finding_of_other_field_types_takes_the_dict() -> None:
    issue = Issue("ssn.checksum", Severity.ERROR, "/ssn", "Ssn", "wrong check digit")
    odd = Finding("in.jsonl", True, issue, record=2, row=3)  # type: ignore[arg-type]
    line = get_renderer("jsonl").finding(odd)
    assert line == _reference(odd, show_pii=False) + "\n"
    assert json.loads(line)["line"] is True


def test_no_character_the_formats_escape_is_printable() -> None:
    """``one_line`` and ``json_safe`` skip the search on a printable text: sound only while
    every character ``_UNSAFE`` matches is not printable."""
    unsafe = [chr(c) for c in range(sys.maxunicode + 1) if _UNSAFE.match(chr(c))]
    assert len(unsafe) == 32 + 33 + 2 + 2 + 5 + 4
    assert not any(ch.isprintable() for ch in unsafe)


@pytest.mark.parametrize(
    "text",
    ["plain", "DEL \x7f in ASCII", "Bodø \x85", "line\u2028sep", "bidi \u202e", "æøå", '"\x7f"'],
)
def test_json_safe_and_one_line_escape_what_the_search_finds(text: str) -> None:
    safe = json_safe(json.dumps(text, ensure_ascii=False))
    assert _UNSAFE.search(safe) is None and json.loads(safe) == text
    assert _UNSAFE.search(one_line(text)) is None
    assert (one_line(text) == text) == (_UNSAFE.search(text) is None)
