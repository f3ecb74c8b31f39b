"""What the command line can do, the library can too: profile files, [tool.armvalidate],
records with line numbers, and rows that come from a DataFrame instead of a CSV file."""

from __future__ import annotations

import datetime
import io
import json
from pathlib import Path
from typing import Any

import pytest

import armvalidate
from armvalidate import ProfileError, find_profile, validate_customer, validate_customers
from armvalidate.files import read_records
from armvalidate.files.csvlayout import LayoutError, row_to_payload

PHONE = {"customerNo": "1", "name": "Kari", "phoneNo": "997755332"}
TODAY = datetime.date(2025, 6, 1)


@pytest.fixture
def profile_file(tmp_path: Path) -> Path:
    path = tmp_path / "my.toml"
    path.write_text('ignore = ["phone"]\n', encoding="utf-8")
    return path


def test_profile_as_a_path_like_the_cli(profile_file: Path) -> None:
    assert "phone.invalid" in validate_customer(PHONE).rules
    for given in (str(profile_file), profile_file):
        assert validate_customer(PHONE, profile=given).rules == frozenset()
        (report,) = validate_customers([PHONE], profile=given)
        assert report.rules == frozenset()
        batch = armvalidate.validate_batch({"customers": [PHONE]}, profile=given)
        assert "phone.invalid" not in batch.rules


def test_profile_file_changes_are_seen(profile_file: Path) -> None:
    assert validate_customer(PHONE, profile=str(profile_file)).ok
    profile_file.write_text('ignore = ["ssn"]\n# longer now\n', encoding="utf-8")
    assert "phone.invalid" in validate_customer(PHONE, profile=str(profile_file)).rules


def test_bad_profile_arguments_raise(tmp_path: Path) -> None:
    with pytest.raises(ProfileError, match="no such profile file"):
        validate_customer(PHONE, profile=str(tmp_path / "missing.toml"))
    with pytest.raises(ProfileError, match="unknown profile"):
        validate_customer(PHONE, profile="prodution")
    bad = tmp_path / "bad.toml"
    bad.write_text('ignroe = ["phone"]\n', encoding="utf-8")
    with pytest.raises(ProfileError, match="did you mean 'ignore'"):
        validate_customer(PHONE, profile=bad)


def test_pyproject_table_like_the_cli(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.armvalidate]\nformat = "json"\nignore = ["phone"]\n',
        encoding="utf-8",
    )
    (tmp_path / "deep" / "er").mkdir(parents=True)
    profile = find_profile(tmp_path / "deep" / "er")
    assert validate_customer(PHONE, profile=profile).ok
    # the same table, named as a file
    assert validate_customer(PHONE, profile=tmp_path / "pyproject.toml").ok
    # no table anywhere: production
    assert find_profile(tmp_path.parent / "nowhere-at-all") is armvalidate.PRODUCTION


def test_sanitized_is_a_payload_or_none() -> None:
    cases: list[Any] = [PHONE, {"customer": PHONE}, "{not json", "[1, 2]", b"{}", {"a": 1}]
    for payload in cases:
        sanitized = validate_customer(payload).sanitized
        assert sanitized is None or isinstance(sanitized, dict), payload
    assert validate_customer("[1, 2]").sanitized is None
    import typing

    hints = typing.get_type_hints(armvalidate.Report)
    assert hints["sanitized"] == (dict[str, Any] | None)


def test_read_records_keeps_line_numbers() -> None:
    data = b'{"customerNo": "1", "name": "A"}\n\n{"customerNo": "2", "name": "B", "ssn": "1"}\n'
    records = list(read_records(io.BytesIO(data), "k.jsonl"))
    assert [(r.index, r.line) for r in records] == [(1, 1), (2, 3)]
    reports = [validate_customer(r.payload) for r in records]
    assert [r.ok for r in reports] == [True, False]


# -- rows from a DataFrame -------------------------------------------------------------------

CSV = (
    "customerNo,name,ssn,dueDays,vatLiable,emailAddressDocument,"
    "postalAddress.postalCode,postalAddress.cityName\n"
    "1001,Kari Nordmann,12015641779,14,true,kari@example.no;kari@firma.no,0150,Oslo\n"
    "1002,Ola Nordmann,,,false,,5003,Bergen\n"
)
# what pandas.read_csv(io.StringIO(CSV), dtype={"postalAddress.postalCode": str,
# "ssn": str}).to_dict("records") gives: NaN for empty cells, floats in a numeric column that
# has a gap, booleans parsed, lists still as "a;b" strings
NAN = float("nan")
DATAFRAME_RECORDS: list[dict[str, Any]] = [
    {
        "customerNo": 1001,
        "name": "Kari Nordmann",
        "ssn": "12015641779",
        "dueDays": 14.0,
        "vatLiable": True,
        "emailAddressDocument": "kari@example.no;kari@firma.no",
        "postalAddress.postalCode": "0150",
        "postalAddress.cityName": "Oslo",
    },
    {
        "customerNo": 1002,
        "name": "Ola Nordmann",
        "ssn": NAN,
        "dueDays": NAN,
        "vatLiable": False,
        "emailAddressDocument": NAN,
        "postalAddress.postalCode": "5003",
        "postalAddress.cityName": "Bergen",
    },
]


def _from_csv() -> list[Any]:
    return [r.payload for r in read_records(io.BytesIO(CSV.encode()), "k.csv")]


def test_dataframe_records_validated_directly_are_refused() -> None:
    """The problem: to_dict("records") is no payload (dotted keys, NaN, numbers)."""
    reports = list(validate_customers(DATAFRAME_RECORDS, today=TODAY))
    assert not any(r.ok for r in reports)


def test_row_to_payload_gives_what_the_csv_reader_gives() -> None:
    payloads = [row_to_payload(row) for row in DATAFRAME_RECORDS]
    assert payloads == _from_csv()
    reports = list(validate_customers(payloads, today=TODAY))
    assert [r.ok for r in reports] == [True, True]
    assert payloads[0]["emailAddressDocument"] == ["kari@example.no", "kari@firma.no"]
    assert payloads[0]["dueDays"] == 14 and "ssn" not in payloads[1]


def test_row_to_payload_values() -> None:
    row = {
        "customerNo": "7",
        "name": "A",
        "metadata.userId": "me",
        "dateOfBirth": datetime.datetime(1956, 1, 12),
        "limitAmount": 12.5,
        "peppolBlockIds": ["984842252", "0192:984842252"],
        "secondaryEmailAddress": None,
    }
    assert row_to_payload(row) == {
        "metadata": {"userId": "me"},
        "customer": {
            "customerNo": "7",
            "name": "A",
            "dateOfBirth": "1956-01-12",
            "limitAmount": 12.5,
            "peppolBlockIds": ["984842252", "0192:984842252"],
        },
    }
    with pytest.raises(LayoutError):
        row_to_payload({"distribution": "M", "distribution.type": "H"})


def test_with_pandas_if_installed() -> None:
    pd = pytest.importorskip("pandas")
    frame = pd.read_csv(io.StringIO(CSV), dtype={"ssn": str, "postalAddress.postalCode": str})
    payloads = [row_to_payload(row) for row in frame.to_dict("records")]
    assert json.loads(json.dumps(payloads)) == _from_csv()
