"""Spreadsheet safety: the CSV armvalidate writes runs no formula and reads back exactly.

The CSV files the tool writes (``--valid-out``/``--invalid-out`` split files of a CSV input,
``armvalidate generate --format csv``) never hold a cell starting with ``=``, ``+``, ``-``,
``@``, TAB or CR, which a spreadsheet would run as a formula, unless it is neutralised by a
leading apostrophe; and reading a written file back gives exactly the values that were read
from the original (or generated).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from armvalidate.cli import cli
from armvalidate.files import default_layout, read_records
from armvalidate.files.csvlayout import FORMULA_TRIGGERS, neutralise, restore

FUZZ = settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def cells_of(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8", "surrogateescape"), newline="")))


def assert_safe(data: bytes, where: str) -> None:
    """No cell of the written CSV starts like a formula."""
    for number, row in enumerate(cells_of(data), 1):
        for cell in row:
            assert cell[:1] not in FORMULA_TRIGGERS, f"{where}, row {number}: {cell!r}"


def payloads(data: bytes, name: str = "in.csv") -> list[Any]:
    return [r.payload for r in read_records(io.BytesIO(data), name, format="csv")]


def canonical(values: list[Any]) -> list[str]:
    return sorted(json.dumps(v, sort_keys=True, ensure_ascii=False) for v in values)


# -- strategies ------------------------------------------------------------------------------------

DANGEROUS = st.sampled_from(
    ["=1+1", "=HYPERLINK(\"http://x\";\"y\")", "+47 99887766", "-5", "-", "@SUM(A1)", "\t=1",
     "\r=1", "'", "''", "'=1", "''=1", "'-5", "'plain", "a;b", "a\\;b", "\\e", "=a;-b", "",
     "12015641779", "true", "14", "1e3", "x\r\ny", 'q"q', "æøå"]
)  # fmt: skip
CELLS = DANGEROUS | st.text(alphabet="=+-@\t\r'\\;ab 1\n\"\x00", max_size=6) | st.text(max_size=8)
COLUMNS = [
    "customerNo", "name", "informalName", "customerMessage", "dueDays", "vatLiable",
    "limitAmount", "emailAddressDocument", "options", "postalAddress.cityName",
    "distribution.einvoiceCode", "metadata.userId", "comment",
]  # fmt: skip


@st.composite
def csv_files(draw: st.DrawFn) -> bytes:
    header = draw(st.lists(st.sampled_from(COLUMNS), min_size=1, max_size=6, unique=True))
    rows = draw(
        st.lists(
            st.lists(CELLS, min_size=len(header), max_size=len(header)), min_size=1, max_size=6
        )
    )
    out = io.StringIO()
    writer = csv.writer(out, delimiter=draw(st.sampled_from([",", ";"])), lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8", "surrogatepass")


# -- the split files -------------------------------------------------------------------------------


@FUZZ
@given(data=csv_files(), sanitize=st.booleans())
def test_split_files_are_safe_and_exact(
    tmp_path_factory: pytest.TempPathFactory, data: bytes, sanitize: bool
) -> None:
    where = tmp_path_factory.mktemp("split")
    source = where / "in.csv"
    source.write_bytes(data)
    valid, invalid = where / "valid.csv", where / "invalid.csv"
    args = ["check", str(source), "--isolated", "--today", "2026-01-01"]
    args += ["--valid-out", str(valid), "--invalid-out", str(invalid)]
    result = CliRunner().invoke(cli, args + (["--sanitize"] if sanitize else []))
    assert result.exit_code in (0, 1), result.stderr
    written: list[Any] = []
    for path in (valid, invalid):
        if path.exists() and path.stat().st_size:
            text = path.read_bytes()
            assert_safe(text, path.name)
            written += payloads(text, path.name)
    if not sanitize:  # the sanitized form changes values on purpose
        readable = [p for p in payloads(data) if p is not None]  # unreadable rows stay out
        assert canonical(written) == canonical(readable)


def test_a_formula_cell_is_neutralised_and_restored(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text(
        'customerNo,name,customerMessage\r\n-1,"=HYPERLINK(""http://x"")",@SUM(A1)\r\n'
        "2,'=kept as written,\t+47\r\n",
        encoding="utf-8",
    )
    valid, invalid = tmp_path / "valid.csv", tmp_path / "invalid.csv"
    result = CliRunner().invoke(
        cli,
        ["check", str(source), "--isolated", "--valid-out", str(valid), "--invalid-out",
         str(invalid)],
    )  # fmt: skip
    assert result.exit_code == 0, result.stdout
    assert not invalid.exists() or len(cells_of(invalid.read_bytes())) <= 1  # a header at most
    rows = cells_of(valid.read_bytes())
    assert rows == [
        ["customerNo", "name", "customerMessage"],
        ["'-1", '\'=HYPERLINK("http://x")', "'@SUM(A1)"],
        ["2", "'=kept as written", "'\t+47"],
    ]
    assert payloads(valid.read_bytes()) == [
        {"customerNo": "-1", "name": '=HYPERLINK("http://x")', "customerMessage": "@SUM(A1)"},
        {"customerNo": "2", "name": "=kept as written", "customerMessage": "\t+47"},
    ]
    assert payloads(valid.read_bytes()) == payloads(source.read_bytes())


@given(text=st.text())
def test_neutralise_restore_round_trip(text: str) -> None:
    cell = neutralise(text)
    assert cell[:1] not in FORMULA_TRIGGERS
    assert cell != ""  # an empty cell means "absent"
    assert restore(cell) == text


# -- generated fixtures ----------------------------------------------------------------------------


def _as_csv_carries(value: Any) -> Any:
    """What the CSV layout can carry (csvlayout's docs): ``null`` and ``{}`` are absent."""
    if isinstance(value, dict):
        out = {k: _as_csv_carries(v) for k, v in value.items() if v is not None}
        return {k: v for k, v in out.items() if v != {}}
    if isinstance(value, list):
        return [_as_csv_carries(v) for v in value]
    return value


@pytest.mark.parametrize("seed", [0, 11])
@pytest.mark.parametrize("operation", ["create", "update"])
def test_generated_csv_is_safe_and_exact(seed: int, operation: str) -> None:
    from armvalidate.strategies.fixtures import generate

    count = 60
    result = CliRunner().invoke(
        cli,
        ["generate", "--count", str(count), "--seed", str(seed), "--format", "csv",
         "--operation", operation],
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    data = result.stdout_bytes
    assert_safe(data, "generate --format csv")
    back = payloads(data)
    assert len(back) == count
    expected = [_as_csv_carries(f.payload) for f in generate(count, seed=seed, operation=operation)]
    assert back == expected


def test_generated_csv_with_invalid_fixtures_is_safe() -> None:
    result = CliRunner().invoke(
        cli, ["generate", "--count", "80", "--seed", "3", "--invalid-ratio", "1", "--format", "csv"]
    )
    assert result.exit_code == 0, result.stderr
    assert_safe(result.stdout_bytes, "generate --invalid-ratio 1 --format csv")
    assert len(payloads(result.stdout_bytes)) == 80


def test_the_safety_check_can_fail() -> None:
    with pytest.raises(AssertionError):
        assert_safe(b"a,b\r\n1,=2\r\n", "self-test")
    assert_safe(b"a,b\r\n1,'=2\r\n", "self-test")
    assert default_layout().columns  # the layout the writer and reader share
