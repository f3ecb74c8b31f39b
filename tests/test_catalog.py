"""The rule catalog: complete, unique, documented, generated from the code."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import armvalidate
from armvalidate import InvalidValue, Severity, get_rule, mask, rules
from armvalidate.catalog import SOURCES, declare

ROOT = Path(__file__).resolve().parent.parent

REQUIRED_IDS = (
    "ssn.format",
    "ssn.checksum",
    "ssn.date",
    "orgnr.format",
    "orgnr.checksum",
    "account.format",
    "account.checksum",
    "kid.format",
    "kid.checksum",
)


@pytest.mark.parametrize("rule_id", REQUIRED_IDS)
def test_issue_2_rule_ids_exist_and_are_errors(rule_id: str) -> None:
    rule = get_rule(rule_id)
    assert rule.id == rule_id
    assert rule.severity is Severity.ERROR


def test_every_rule_is_documented() -> None:
    catalog = rules()
    assert len(catalog) >= len(REQUIRED_IDS)
    for rule in catalog:
        assert rule.summary.strip(), rule.id
        assert "\n" not in rule.summary.strip(), f"{rule.id}: summary must be one line"
        assert rule.example.strip(), rule.id
        assert isinstance(rule.severity, Severity)
        assert rule.id == rule.id.lower() and "." in rule.id


def test_catalog_is_sorted_and_unique() -> None:
    ids = [r.id for r in rules()]
    assert ids == sorted(set(ids))


def test_declaring_twice_is_refused() -> None:
    with pytest.raises(RuntimeError, match="declared twice"):
        declare(
            "ssn.checksum",
            severity=Severity.ERROR,
            summary="x",
            example="x",
            source="policy",
            ref="x",
        )


def test_every_rule_says_whose_rule_it_is() -> None:
    """Provenance: arm-docs (stated by the API docs, quoted), authority (named) or policy."""
    for rule in rules():
        assert rule.source in SOURCES, rule.id
        assert rule.ref.strip(), f"{rule.id}: no ref for its source"
        if rule.source == "arm-docs":
            # a quote of what the docs state: quotation marks around a passage, or the
            # docs' own example JSON
            assert '"' in rule.ref, f"{rule.id}: an arm-docs rule quotes the docs"
        if rule.source == "authority":
            named = (
                "Skatteetaten", "Brønnøysund", "Bits", "Nets", "ISO", "RFC", "ITU",
                "Bring", "Posten", "Peppol",
            )  # fmt: skip
            assert any(n in rule.ref for n in named), f"{rule.id}: name the authority"


def test_declare_refuses_a_missing_or_unknown_source() -> None:
    with pytest.raises(RuntimeError, match="source must be one of"):
        declare("x.bad-source", severity=Severity.ERROR, summary="x", example="x",
                source="folklore", ref="x")  # type: ignore[arg-type]  # fmt: skip
    with pytest.raises(RuntimeError, match="ref must say"):
        declare("x.no-ref", severity=Severity.ERROR, summary="x", example="x",
                source="policy", ref=" ")  # fmt: skip
    with pytest.raises(TypeError):
        declare("x.no-source", severity=Severity.ERROR, summary="x", example="x")  # type: ignore[call-arg]


def test_the_docs_own_rules_are_few_and_known() -> None:
    """What the ARM docs state is little: the body is JSON, customerNo is the upsert key, PUT's
    address group, and the e-mail warning. Everything else is somebody else's rule or ours."""
    stated = {r.id for r in rules() if r.source == "arm-docs"}
    assert stated == {"schema.json", "schema.required", "update.partial-address",
                      "email.sanitized"}  # fmt: skip
    # policy rules never claim to know what the server does
    assert get_rule("schema.read-only").source == "policy"
    assert get_rule("length.max").source == "policy"


def _string_constants(path: Path) -> list[str]:
    """String literals of a file, docstrings left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                docstrings.add(id(body[0].value))
    return [
        n.value
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstrings
    ]


def test_a_rule_id_appears_in_exactly_one_declaration() -> None:
    """Code refers to rules through their Rule objects, never by retyping the id."""
    ids = {r.id for r in rules()}
    counts = dict.fromkeys(ids, 0)
    where: dict[str, list[str]] = {i: [] for i in ids}
    for path in sorted((ROOT / "armvalidate").rglob("*.py")):
        for const in _string_constants(path):
            if const in counts:
                counts[const] += 1
                where[const].append(str(path.relative_to(ROOT)))
    repeated = {i: where[i] for i, n in counts.items() if n != 1}
    assert repeated == {}, f"rule ids written more than once (or never): {repeated}"


def test_invalid_value_is_the_one_exception_type() -> None:
    assert armvalidate.InvalidValue is InvalidValue
    assert issubclass(InvalidValue, ValueError)
    err = InvalidValue("x", rule="ssn.checksum", context={"expected": "7"})
    assert err.rule == "ssn.checksum" and err.context == {"expected": "7"}


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        ("12015641779", "*********79"),
        ("815013665841", "**********41"),
        ("ab", "**"),
        ("", ""),
        (12015641779, "*********79"),
    ],
)
def test_mask_hides_all_but_the_last_two(value: object, masked: str) -> None:
    assert mask(value) == masked


def test_mask_never_returns_a_long_value_whole() -> None:
    assert "x" * 100 not in mask("x" * 100)
