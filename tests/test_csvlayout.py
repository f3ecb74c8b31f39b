"""The CSV layout: cells, lists, spreadsheet safety, and the exact round trip."""

from __future__ import annotations

import csv
import io
import sys
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from armvalidate.files import default_layout, read_records
from armvalidate.files.csvlayout import (
    FORMULA_TRIGGERS,
    CsvLayout,
    LayoutError,
    join_list,
    layout_from_json_schema,
    neutralise,
    restore,
    split_list,
)

LAYOUT = default_layout()


# -- cells ---------------------------------------------------------------------------------


@pytest.mark.parametrize("trigger", sorted(FORMULA_TRIGGERS))
def test_every_formula_trigger_is_neutralised(trigger: str) -> None:
    value = trigger + "SUM(A1:A9)"
    cell = neutralise(value)
    assert cell == "'" + value
    assert cell[0] not in FORMULA_TRIGGERS
    assert restore(cell) == value


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("", "'"),
        ("'", "''"),
        ("''", "'''"),
        ("'=x", "''=x"),
        ("'-5", "''-5"),
        ("O'Brien", "O'Brien"),
        ("'quoted'", "'quoted'"),
        ("plain", "plain"),
        ("-5", "'-5"),
    ],
)
def test_apostrophe_escaping(value: str, cell: str) -> None:
    assert neutralise(value) == cell
    assert restore(cell) == value


@given(st.text())
def test_neutralise_restore_round_trip(value: str) -> None:
    cell = neutralise(value)
    assert cell and cell[0] not in FORMULA_TRIGGERS
    assert restore(cell) == value


@pytest.mark.parametrize(
    ("items", "text"),
    [
        ([], ""),
        ([""], "\\e"),
        (["", ""], ";"),
        (["a", "b"], "a;b"),
        (["a;b"], "a\\;b"),
        (["a\\b"], "a\\\\b"),
        (["\\e"], "\\\\e"),
        (["x", ""], "x;"),
    ],
)
def test_list_cells(items: list[str], text: str) -> None:
    assert join_list(items) == text
    assert split_list(text) == items


@given(st.lists(st.text()))
def test_list_round_trip(items: list[str]) -> None:
    assert split_list(join_list(items)) == items


def test_stray_backslashes_in_hand_written_cells_are_kept() -> None:
    assert split_list("C:\\temp;x") == ["C:\\temp", "x"]


# -- typing of cells -----------------------------------------------------------------------


def test_cells_are_typed_by_the_models_field_types() -> None:
    row = {
        "customerNo": "007",
        "dueDays": "14",
        "yearOfBirth": "1956",
        "limitAmount": "2000.5",
        "discountRate": "5",
        "vatLiable": "TRUE",
        "distribution.einvoiceCode": "90",
        "emailAddressDocument": "a@example.no;b@example.no",
        "postalAddress.postalCode": "0150",
    }
    payload = LAYOUT.unflatten(row)
    assert payload == {
        "customerNo": "007",
        "dueDays": 14,
        "yearOfBirth": 1956,
        "limitAmount": 2000.5,
        "discountRate": 5,
        "vatLiable": True,
        "distribution": {"einvoiceCode": 90},
        "emailAddressDocument": ["a@example.no", "b@example.no"],
        "postalAddress": {"postalCode": "0150"},
    }


@pytest.mark.parametrize(
    ("column", "cell"),
    [
        ("dueDays", "abc"),
        ("dueDays", "1e999"),
        ("vatLiable", "maybe"),
        ("limitAmount", "NaN"),
        ("yearOfBirth", "1 956"),
        ("dueDays", "9" * 5000),
    ],
)
def test_text_that_is_not_of_the_columns_type_stays_text(column: str, cell: str) -> None:
    assert LAYOUT.unflatten({column: cell}) == {column: cell}


def test_empty_cells_are_absent_keys_and_metadata_makes_an_envelope() -> None:
    assert LAYOUT.unflatten({"customerNo": "1", "name": ""}) == {"customerNo": "1"}
    payload = LAYOUT.unflatten({"metadata.userId": "TestUser", "customerNo": "1"})
    assert payload == {"metadata": {"userId": "TestUser"}, "customer": {"customerNo": "1"}}


def test_customer_prefix_on_a_column_is_accepted() -> None:
    payload = LAYOUT.unflatten({"customer.customerNo": "1", "customer.dueDays": "3"})
    assert payload == {"customerNo": "1", "dueDays": 3}


def test_unknown_columns_are_text_and_nest_by_dots() -> None:
    payload = LAYOUT.unflatten({"postalAdress.cityName": "Oslo", "emailAdress": "x"})
    assert payload == {"postalAdress": {"cityName": "Oslo"}, "emailAdress": "x"}


@pytest.mark.parametrize(
    "header", [["name", "name"], ["customer.name", "name"], ["a.b", "customer.a.b"]]
)
def test_a_column_twice_is_refused(header: list[str]) -> None:
    with pytest.raises(LayoutError):
        LAYOUT.check_header(header)


@pytest.mark.parametrize(
    "row",
    [
        {"postalAddress": "x", "postalAddress.cityName": "Oslo"},
        {"postalAddress.cityName": "Oslo", "postalAddress": "x"},
        {"metadata.a": "x", "metadata.a.b": "y"},
    ],
)
def test_cells_in_a_and_a_dot_b_clash(row: dict[str, str]) -> None:
    LAYOUT.check_header(list(row))
    with pytest.raises(LayoutError, match="cells in both"):
        LAYOUT.unflatten(row)


def test_a_scalar_where_an_object_belongs_is_kept_for_the_validator() -> None:
    row = {"postalAddress": "Storgata 1", "postalAddress.cityName": ""}
    assert LAYOUT.unflatten(row) == {"postalAddress": "Storgata 1"}


def test_column_names_that_look_like_personal_numbers_are_masked_in_errors() -> None:
    with pytest.raises(LayoutError) as info:
        LAYOUT.check_header(["12015641779", "12015641779"])
    assert "12015641779" not in str(info.value)
    with pytest.raises(LayoutError) as info:
        LAYOUT.unflatten({"12015641779": "x", "12015641779.a": "y"})
    assert "12015641779" not in str(info.value)


def test_layout_from_the_real_schema_knows_every_customer_key() -> None:
    from armvalidate.models import CUSTOMER_KEYS

    kinds = LAYOUT.kinds
    for key in CUSTOMER_KEYS:
        assert key in kinds or any(c.startswith(key + ".") for c in kinds), key
    assert kinds["metadata.userId"] == "string"
    assert kinds["dueDays"] == "integer"
    assert kinds["limitAmount"] == "number"
    assert kinds["vatLiable"] == "boolean"
    assert kinds["peppolBlockIds"] == "array"
    assert kinds["postalAddress.cityName"] == "string"
    assert kinds["distribution.einvoiceCode"] == "integer"
    assert "postalAddress" not in kinds


def test_layout_from_schema_without_envelope() -> None:
    schema = {"type": "object", "properties": {"a": {"type": ["integer", "null"]}}}
    assert layout_from_json_schema(schema).kinds == {"a": "integer"}


def test_bad_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="kind"):
        CsvLayout({"a": "date"})  # type: ignore[dict-item]


def test_header_puts_known_columns_in_canonical_order() -> None:
    rows = [{"zzz": "1", "name": "x"}, {"customerNo": "2"}]
    assert LAYOUT.header(rows) == ["customerNo", "name", "zzz"]
    assert LAYOUT.header() == list(LAYOUT.columns)


# -- the round trip ------------------------------------------------------------------------

_ALPHABET = st.characters(exclude_categories=["Cs"], exclude_characters="\x00")
_TEXT = st.text(alphabet=_ALPHABET, max_size=12) | st.sampled_from(
    ["", "'", "-5", "=1+1", "+47 99887766", "@x", "\tx", "\rx", "'=x", "''", "a;b", "\\", "\\e"]
)


def _value(kind: str) -> st.SearchStrategy[Any]:
    if kind == "array":
        return st.lists(_TEXT, max_size=3)
    if kind == "integer":
        return st.integers(min_value=-(10**40), max_value=10**40)
    if kind == "number":
        return st.integers(-(10**6), 10**6) | st.floats(allow_nan=False, allow_infinity=False)
    if kind == "boolean":
        return st.booleans()
    return _TEXT


@st.composite
def _customers(draw: st.DrawFn) -> dict[str, Any]:
    """Customer dicts (or request bodies) whose values fit their columns' types."""
    flat: dict[str, Any] = {}
    for column, kind in LAYOUT.kinds.items():
        if draw(st.booleans()):
            flat[column] = draw(_value(kind))
    customer: dict[str, Any] = {}
    metadata: dict[str, Any] = {}
    for column, value in flat.items():
        target = metadata if column.startswith("metadata.") else customer
        parts = column.removeprefix("metadata.").split(".")
        node = target
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = value
    if metadata:
        return {"metadata": metadata, "customer": customer}
    return customer


def _csv_text(payloads: list[dict[str, Any]]) -> str:
    rows = [LAYOUT.flatten(p) for p in payloads]
    header = LAYOUT.header(rows)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(c, "") for c in header])
    return buffer.getvalue()


@settings(max_examples=150, deadline=None)
@given(st.lists(_customers(), min_size=1, max_size=3))
def test_customer_to_csv_and_back_through_the_reader_is_exact(
    payloads: list[dict[str, Any]],
) -> None:
    payloads = [p for p in payloads if p]
    text = _csv_text(payloads)
    for row in list(csv.reader(io.StringIO(text, newline="")))[1:]:
        for cell in row:
            assert cell[:1] not in FORMULA_TRIGGERS
    records = list(read_records(io.BytesIO(text.encode("utf-8")), "x.csv", layout=LAYOUT))
    assert [r.payload for r in records] == payloads


@settings(max_examples=100, deadline=None)
@given(st.dictionaries(st.sampled_from(["name", "customerNo", "ssn"]), st.text(), min_size=1))
def test_any_string_survives_the_csv_module(customer: dict[str, str]) -> None:
    if sys.version_info < (3, 11):
        customer = {k: v.replace("\x00", "") for k, v in customer.items()}
    cells = LAYOUT.flatten(customer)
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerow(list(cells.values()))
    back = next(csv.reader(io.StringIO(buffer.getvalue(), newline="")))
    assert LAYOUT.unflatten(dict(zip(cells, back, strict=True))) == customer


def test_negative_numbers_and_formulas_round_trip() -> None:
    customer = {"customerNo": "=2+5", "name": "-Kari", "dueDays": -5, "limitAmount": -2.5}
    cells = LAYOUT.flatten(customer)
    assert cells == {
        "customerNo": "'=2+5",
        "name": "'-Kari",
        "dueDays": "'-5",
        "limitAmount": "'-2.5",
    }
    assert LAYOUT.unflatten(cells) == customer


def test_what_the_layout_cannot_carry_is_documented_behaviour() -> None:
    cells = LAYOUT.flatten({"customerNo": "1", "name": None, "postalAddress": {}})
    assert cells == {"customerNo": "1"}
    # a value of the wrong type comes back as text
    assert LAYOUT.unflatten(LAYOUT.flatten({"name": 5})) == {"name": "5"}
