"""``armvalidate check`` end to end, through click's test runner."""

from __future__ import annotations

import csv
import io
import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from armvalidate.cli import cli

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "post-customer.request.json"
TODAY = "2025-06-01"
SSN_BAD = "12015641778"  # the docs' number with a wrong check digit
ACCOUNT_BAD = "86011117948"

GOOD = {"customerNo": "1", "name": "Kari Nordmann", "currency": "NOK"}
WARN = {"customerNo": "2", "name": "Ola", "phoneNo": "997755332"}  # phone.invalid: a warning
BAD = {"customerNo": "3", "name": "Per", "ssn": SSN_BAD, "bankAccountNo": ACCOUNT_BAD}


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run in an empty directory, so that no pyproject.toml above is picked up."""
    monkeypatch.chdir(tmp_path)


def run(*args: str, input: bytes | str | None = None) -> Result:
    result = CliRunner().invoke(cli, ["check", "--today", TODAY, *args], input=input)
    assert "Traceback" not in result.output
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def jsonl(path: Path, *payloads: Any) -> Path:
    path.write_text("".join(json.dumps(p) + "\n" for p in payloads), encoding="utf-8")
    return path


# -- exit codes and the docs' example ------------------------------------------------------


def test_the_docs_example_fails_on_its_account_and_phone() -> None:
    result = run(str(EXAMPLE))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    account = [line for line in lines if "/customer/bankAccountNo" in line]
    phone = [line for line in lines if "/customer/secondaryPhoneNo" in line]
    assert len(account) == 1 and "[error]" in account[0]
    assert account[0].startswith(f"{EXAMPLE}:42: /customer/bankAccountNo account.format")
    assert len(phone) == 1 and phone[0].startswith(f"{EXAMPLE}:25: ")
    assert "Checked 1 record in 1 file" in result.stdout


def test_exit_codes(tmp_path: Path) -> None:
    good = jsonl(tmp_path / "good.jsonl", GOOD)
    warn = jsonl(tmp_path / "warn.jsonl", WARN)
    bad = jsonl(tmp_path / "bad.jsonl", BAD)
    assert run(str(good)).exit_code == 0
    assert "All checks passed: 1 record in 1 file." in run(str(good)).stdout
    assert run(str(warn)).exit_code == 0
    assert run(str(warn), "--strict").exit_code == 1
    assert run(str(bad)).exit_code == 1
    assert run(str(bad), "--exit-zero").exit_code == 0
    assert run(str(good), str(bad)).exit_code == 1


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    good = jsonl(tmp_path / "good.jsonl", GOOD)
    assert run().exit_code == 2
    assert run("missing.json").exit_code == 2
    assert run(str(good), "--format", "xml").exit_code == 2
    assert run(str(good), "--select", "no.such-rule").exit_code == 2
    assert run(str(good), "--profile", "nonesuch").exit_code == 2
    assert run(str(good), "--sanitize").exit_code == 2
    assert run(str(good), "-o", str(good)).exit_code == 2
    assert good.read_text(encoding="utf-8").strip()  # not emptied
    bad_date = CliRunner().invoke(cli, ["check", "--today", "1.1.2025", str(good)])
    assert bad_date.exit_code == 2


def test_a_jsonl_file_of_prose_gives_a_finding_per_line(tmp_path: Path) -> None:
    path = tmp_path / "prose.jsonl"
    path.write_bytes(b"Dear customer, hello.\n" + json.dumps(GOOD).encode() + b"\n")
    result = run(str(path), "--format", "jsonl")
    assert result.exit_code == 1
    (finding,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert (finding["rule"], finding["line"]) == ("schema.json", 1)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("binary.json", bytes(range(256)) * 4),
        ("image.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200)),
        ("prose.json", b"Dear customer, hello.\n"),
        ("utf16.csv", "customerNo,name\n1,Kari\n".encode("utf-16")),
    ],
)
def test_unreadable_input_exits_2_without_traceback(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    good = jsonl(tmp_path / "good.jsonl", GOOD)
    result = run(str(path), str(good))
    assert result.exit_code == 2
    assert name in result.stderr
    assert "1 file could not be read" in result.stdout


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("empty.json", b"", 0),  # no records, like empty JSONL and CSV (issue 17)
        ("empty.jsonl", b"", 0),
        ("empty.csv", b"", 0),
        ("truncated.json", json.dumps({"customer": GOOD}).encode()[:20], 1),
        ("nul.jsonl", b'{"customerNo": "1\x00"}\n', 1),
        ("deep.json", b"[" * 5000 + b"]" * 5000, 1),
        ("deep.jsonl", b'{"a":' * 3000 + b"1" + b"}" * 3000 + b"\n", 1),
        (
            "huge-number.jsonl",
            b'{"customerNo": "1", "name": "x", "dueDays": ' + b"9" * 5000 + b"}\n",
            1,
        ),
        ("nan.jsonl", b'{"customerNo": "1", "name": "x", "limitAmount": NaN}\n', 1),
        ("dup.json", b'{"customerNo": "1", "customerNo": "2", "name": "x"}', 0),
    ],
)
def test_garbage_gives_findings_not_crashes(
    tmp_path: Path, name: str, data: bytes, code: int
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    result = run(str(path), "--format", "json")
    assert result.exit_code in (0, 1, 2)
    doc = json.loads(result.stdout)
    if code == 1:
        assert result.exit_code == 1 and doc["findings"]
    else:
        assert result.exit_code == code


def test_one_bad_jsonl_line_is_one_finding(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(f'{json.dumps(GOOD)}\n{{"customerNo": \n{json.dumps(BAD)}\n', encoding="utf-8")
    result = run(str(path), "--format", "jsonl")
    assert result.exit_code == 1
    findings = [json.loads(line) for line in result.stdout.splitlines()]
    assert findings[0]["rule"] == "schema.json" and findings[0]["line"] == 2
    assert {f["line"] for f in findings[1:]} == {3}


# -- options -------------------------------------------------------------------------------


def test_select_and_ignore(tmp_path: Path) -> None:
    path = jsonl(tmp_path / "a.jsonl", BAD, WARN)

    def rules(*args: str) -> set[str]:
        out = run(str(path), "--format", "jsonl", *args).stdout
        return {json.loads(line)["rule"] for line in out.splitlines()}

    assert rules() == {"ssn.checksum", "account.checksum", "phone.invalid"}
    assert rules("--select", "ssn") == {"ssn.checksum"}
    assert rules("--select", "ssn.checksum,phone") == {"ssn.checksum", "phone.invalid"}
    assert rules("--ignore", "ssn", "--ignore", "phone.invalid") == {"account.checksum"}


def test_max_errors_stops_and_says_partial(tmp_path: Path) -> None:
    path = jsonl(tmp_path / "a.jsonl", *[BAD] * 5)
    result = run(str(path), "--max-errors", "3")
    assert result.exit_code == 1
    assert result.stdout.count("[error]") == 3
    assert "the results are partial" in result.stdout
    assert "partial" in result.stderr
    doc = json.loads(run(str(path), "--max-errors", "3", "--format", "json").stdout)
    assert len(doc["findings"]) == 3 and doc["partial"] is True
    whole = json.loads(run(str(path), "--max-errors", "10", "--format", "json").stdout)
    assert whole["partial"] is False and len(whole["findings"]) == 10


def test_output_file(tmp_path: Path) -> None:
    path = jsonl(tmp_path / "a.jsonl", BAD)
    out = tmp_path / "report.sarif"
    result = run(str(path), "--format", "sarif", "-o", str(out))
    assert result.exit_code == 1 and result.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["version"] == "2.1.0"


def test_stdin_with_a_name(tmp_path: Path) -> None:
    data = "customerNo,name,dueDays\n1,Kari,abc\n"
    result = run("-", "--stdin-filename", "kunder.csv", "--format", "json", input=data)
    (finding,) = json.loads(result.stdout)["findings"]
    assert finding["file"] == "kunder.csv" and finding["rule"] == "schema.type"
    assert (finding["row"], finding["column"], finding["line"]) == (2, "dueDays", 2)
    sniffed = run("-", input=json.dumps({"customer": GOOD}, indent=2))
    assert sniffed.exit_code == 0


def test_directories_are_walked_in_sorted_order(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "sub").mkdir(parents=True)
    (data / ".hidden").mkdir()
    jsonl(data / "b.jsonl", BAD)
    jsonl(data / "sub" / "a.ndjson", BAD)
    jsonl(data / ".hidden" / "c.jsonl", BAD)
    (data / "notes.txt").write_text("not data")
    doc = json.loads(run(str(data), "--format", "json").stdout)
    files = [f["file"] for f in doc["findings"]]
    assert files == sorted(files) and len(set(files)) == 2
    assert not any(".hidden" in f for f in files)


def test_operation_update_needs_no_name(tmp_path: Path) -> None:
    path = jsonl(tmp_path / "a.jsonl", {"customerNo": "1"})
    assert run(str(path)).exit_code == 1
    assert run(str(path), "--operation", "update").exit_code == 0


def test_profile_test_accepts_synthetic_numbers(tmp_path: Path) -> None:
    synthetic = {**GOOD, "ssn": "17912099997"}
    path = jsonl(tmp_path / "a.jsonl", synthetic)
    assert "ssn.synthetic" in run(str(path)).stdout
    assert "ssn.synthetic" not in run(str(path), "--profile", "test").stdout
    profile = tmp_path / "team.toml"
    profile.write_text('base = "test"\nignore = ["currency"]\n', encoding="utf-8")
    assert run(str(path), "--profile", str(profile)).exit_code == 0
    broken = tmp_path / "broken.toml"
    broken.write_text("ignroe = 1\n", encoding="utf-8")
    result = run(str(path), "--profile", str(broken))
    assert result.exit_code == 2 and "ignroe" in result.output


# -- configuration -------------------------------------------------------------------------


def test_pyproject_configuration_and_command_line_precedence(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.armvalidate]\nformat = "jsonl"\nstrict = true\nignore = ["account"]\n',
        encoding="utf-8",
    )
    sub = tmp_path / "deep" / "er"
    sub.mkdir(parents=True)
    path = jsonl(sub / "a.jsonl", BAD, WARN)
    result = run(str(path))
    rules = {json.loads(line)["rule"] for line in result.stdout.splitlines()}
    assert rules == {"ssn.checksum", "phone.invalid"}
    warn_only = jsonl(sub / "w.jsonl", WARN)
    assert run(str(warn_only)).exit_code == 1  # strict from the config
    assert run(str(warn_only), "--no-strict").exit_code == 0
    assert run(str(path), "--format", "text").stdout.startswith(f"{path}:1: ")
    assert "account.checksum" in run(str(path), "--isolated").stdout


def test_config_file_option_and_bad_configs(tmp_path: Path) -> None:
    path = jsonl(tmp_path / "a.jsonl", WARN)
    config = tmp_path / "armvalidate.toml"
    config.write_text('format = "json"\nexit-zero = true\nstrict = true\n', encoding="utf-8")
    result = run(str(path), "--config", str(config))
    assert result.exit_code == 0 and json.loads(result.stdout)["findings"]
    for text, word in [
        ('format = "xml"\n', "format"),
        ("jobs = -1\n", "jobs"),
        ("strict = 1\n", "strict"),
        ("[severity]\n'phone.invalid' = 'loud'\n", "loud"),
        ("this is not toml", "TOML"),
    ]:
        config.write_text(text, encoding="utf-8")
        result = run(str(path), "--config", str(config))
        assert result.exit_code == 2, text
        assert word in result.output


# -- split files ---------------------------------------------------------------------------


def test_split_jsonl_keeps_lines_exactly(tmp_path: Path) -> None:
    lines = [json.dumps(GOOD, indent=None, separators=(" ,", ":  ")), json.dumps(BAD), "{oops"]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    valid, invalid = tmp_path / "valid.jsonl", tmp_path / "invalid.jsonl"
    run(str(path), "--valid-out", str(valid), "--invalid-out", str(invalid))
    assert valid.read_text(encoding="utf-8") == lines[0] + "\n"
    assert invalid.read_text(encoding="utf-8") == lines[1] + "\n" + lines[2] + "\n"


def test_split_sanitized(tmp_path: Path) -> None:
    messy = {**GOOD, "emailAddressDocument": ["kari@ Example.NO"], "currency": "nok"}
    path = jsonl(tmp_path / "in.jsonl", messy)
    valid = tmp_path / "valid.jsonl"
    run(str(path), "--valid-out", str(valid), "--sanitize")
    clean = json.loads(valid.read_text(encoding="utf-8"))
    assert clean["emailAddressDocument"] == ["kari@example.no"] and clean["currency"] == "NOK"


def test_split_json_array_and_batch_to_jsonl(tmp_path: Path) -> None:
    array = tmp_path / "array.json"
    array.write_text(json.dumps([GOOD, BAD], indent=2), encoding="utf-8")
    batch = tmp_path / "batch.json"
    batch.write_text(
        json.dumps({"metadata": {"userId": "u"}, "customers": [GOOD, BAD, GOOD]}, indent=2),
        encoding="utf-8",
    )
    valid, invalid = tmp_path / "v.jsonl", tmp_path / "i.jsonl"
    result = run(str(array), str(batch), "--valid-out", str(valid), "--invalid-out", str(invalid))
    assert result.exit_code == 1
    good = [json.loads(line) for line in valid.read_text(encoding="utf-8").splitlines()]
    bad = [json.loads(line) for line in invalid.read_text(encoding="utf-8").splitlines()]
    assert good == [GOOD, {"metadata": {"userId": "u"}, "customer": GOOD}]
    assert bad[0] == BAD
    assert bad[1:] == [
        {"metadata": {"userId": "u"}, "customer": BAD},
        {"metadata": {"userId": "u"}, "customer": GOOD},  # duplicate customerNo "1"
    ]


def test_batch_findings_have_their_lines(tmp_path: Path) -> None:
    batch = tmp_path / "batch.json"
    text = json.dumps({"metadata": {"userId": "u"}, "customers": [GOOD, BAD]}, indent=2)
    batch.write_text(text, encoding="utf-8")
    doc = json.loads(run(str(batch), "--format", "json").stdout)
    source = text.split("\n")
    for finding in doc["findings"]:
        key = finding["path"].rsplit("/", 1)[-1]
        assert f'"{key}"' in source[finding["line"] - 1]


def test_split_csv_is_spreadsheet_safe_and_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text(
        "customerNo,name,dueDays,phoneNo\n"
        '1,=HYPERLINK("x"),14,+4799887766\n'
        "2,Ola,abc,\n"
        "3,'-already safe,-5,\n",
        encoding="utf-8",
    )
    valid, invalid = tmp_path / "valid.csv", tmp_path / "invalid.csv"
    run(str(path), "--valid-out", str(valid), "--invalid-out", str(invalid))
    rows = list(csv.reader(io.StringIO(valid.read_text(encoding="utf-8"), newline="")))
    assert rows[0] == ["customerNo", "name", "dueDays", "phoneNo"]
    assert rows[1] == ["1", '\'=HYPERLINK("x")', "14", "'+4799887766"]
    assert rows[2] == ["3", "'-already safe", "'-5", ""]
    bad = list(csv.reader(io.StringIO(invalid.read_text(encoding="utf-8"), newline="")))
    assert bad[1] == ["2", "Ola", "abc", ""]
    # the split file reads back to the same payloads
    again = run(str(valid), "--format", "json", "--select", "schema")
    assert again.exit_code == 0


def test_split_refuses_mixed_families(tmp_path: Path) -> None:
    a = jsonl(tmp_path / "a.jsonl", GOOD)
    b = tmp_path / "b.csv"
    b.write_text("customerNo,name\n1,Kari\n", encoding="utf-8")
    result = run(str(a), str(b), "--valid-out", str(tmp_path / "v.out"))
    assert result.exit_code == 2 and "mix" in result.stderr


# -- formats and masking -------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "json", "jsonl", "sarif", "junit", "github"])
def test_every_format_masks_personal_numbers_unless_asked(tmp_path: Path, fmt: str) -> None:
    path = jsonl(tmp_path / "a.jsonl", BAD, GOOD)
    shutil.copy(EXAMPLE, tmp_path / "example.json")
    args = [str(path), str(tmp_path / "example.json"), "--format", fmt]
    masked = run(*args)
    assert masked.exit_code == 1
    for secret in (SSN_BAD, ACCOUNT_BAD, "815013665841"):
        assert secret not in masked.output
    shown = run(*args, "--show-pii")
    assert SSN_BAD in shown.stdout and ACCOUNT_BAD in shown.stdout
    if fmt in ("json", "sarif"):
        json.loads(masked.stdout)
    elif fmt == "jsonl":
        assert all(json.loads(line) for line in masked.stdout.splitlines())
    elif fmt == "junit":
        suite = ET.fromstring(masked.stdout).find("testsuite")
        assert suite is not None and suite.get("tests") == "3"
    elif fmt == "github":
        assert all(line.startswith("::") for line in masked.stdout.splitlines())


def test_pretty_json_findings_point_at_their_lines(tmp_path: Path) -> None:
    doc = json.loads(run(str(EXAMPLE), "--format", "json").stdout)
    source = EXAMPLE.read_text(encoding="utf-8").split("\n")
    for finding in doc["findings"]:
        last = finding["path"].rsplit("/", 1)[-1]
        line = source[finding["line"] - 1]
        assert f'"{last}"' in line or last.isdigit(), (finding, line)


def test_jobs_two_gives_the_same_output_as_one(tmp_path: Path) -> None:
    payloads = [BAD if i % 3 == 0 else (WARN if i % 3 == 1 else GOOD) for i in range(300)]
    path = jsonl(tmp_path / "a.jsonl", *payloads)
    one = run(str(path), "--format", "json")
    two = run(str(path), "--format", "json", "--jobs", "2")
    assert one.stdout == two.stdout and one.exit_code == two.exit_code == 1


def test_a_key_that_is_a_personal_number_is_shown_masked_at_its_object(
    tmp_path: Path,
) -> None:
    # The validator masks the key in the finding's path, so the finding stands at the line of
    # the object that holds the key; the same whoever validated the record (one job, a worker).
    body = {"customer": {"customerNo": "1", "name": "Kari", "12015641779": "x"}}
    records = [json.dumps(body, indent=2)] * 40
    path = tmp_path / "a.json"
    path.write_text("[\n" + ",\n".join(records) + "\n]\n", encoding="utf-8")
    source = path.read_text(encoding="utf-8").split("\n")
    outputs = []
    for jobs in ("1", "2"):
        result = run(str(path), "--format", "json", "--jobs", jobs)
        assert "12015641779" not in result.stdout
        outputs.append(result.stdout)
        findings = json.loads(result.stdout)["findings"]
        assert len(findings) == 40
        for finding in findings:
            assert finding["path"] == "/customer/*********79"
            assert source[finding["line"] - 1] == '  "customer": {'
    assert outputs[0] == outputs[1]


def test_split_csv_sanitized_uses_the_same_header(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text(
        "customerNo,name,emailAddressDocument,currency\n1,Kari,kari@ Example.NO;x@y.no,nok\n",
        encoding="utf-8",
    )
    valid, invalid = tmp_path / "valid.csv", tmp_path / "invalid.csv"
    run(str(path), "--valid-out", str(valid), "--invalid-out", str(invalid), "--sanitize", "-j0")
    rows = list(csv.reader(io.StringIO(valid.read_text(encoding="utf-8"), newline="")))
    assert rows == [
        ["customerNo", "name", "emailAddressDocument", "currency"],
        ["1", "Kari", "kari@example.no;x@y.no", "NOK"],
    ]
    # no invalid records: still a CSV file with the input's columns
    assert invalid.read_bytes() == b"customerNo,name,emailAddressDocument,currency\r\n"


def _split_payloads(*paths: Path) -> list[Any]:
    from armvalidate.files import read_records

    out: list[Any] = []
    for path in paths:
        if path.exists():
            with open(path, "rb") as fh:
                out.extend(r.payload for r in read_records(fh, path.name))
    return out


@pytest.mark.parametrize(
    ("header", "delimiter"),
    [
        ("customerNo,name,-x,=y", ","),  # cells the writer neutralises
        ('"name;x"', ","),  # one column holding a ';': the writer quotes it
        ('customerNo\t"a,b"\tname', "\t"),  # TAB-delimited input, a ',' in a column
    ],
)
def test_split_csv_round_trips_its_header(tmp_path: Path, header: str, delimiter: str) -> None:
    path = tmp_path / "in.csv"
    width = len(next(csv.reader([header], delimiter=delimiter)))
    path.write_text(f"{header}\r\n{delimiter.join(['1'] * width)}\r\n", encoding="utf-8")
    valid, invalid = tmp_path / "valid.csv", tmp_path / "invalid.csv"
    result = run(str(path), "--valid-out", str(valid), "--invalid-out", str(invalid))
    assert result.exit_code in (0, 1)
    assert _split_payloads(valid, invalid) == _split_payloads(path)
    assert len(_split_payloads(path)) == 1


def test_split_csv_leaves_out_rows_with_nul_bytes(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_bytes(b"customerNo,name\r\n1,K" + b"\x00" * 9 + b"\r\n2,Ola\r\n")
    valid, invalid = tmp_path / "valid.csv", tmp_path / "invalid.csv"
    result = run(str(path), "--valid-out", str(valid), "--invalid-out", str(invalid))
    assert result.exit_code == 1  # the NUL row is a finding
    assert "NUL byte" in result.stdout
    assert "1 record(s) with NUL bytes were left out" in result.stderr
    assert b"\x00" not in valid.read_bytes() + invalid.read_bytes()
    assert run(str(invalid)).exit_code == 0  # readable: only the header
    assert _split_payloads(valid) == [{"customerNo": "2", "name": "Ola"}]


def test_config_file_that_is_not_utf8(tmp_path: Path) -> None:
    path = jsonl(tmp_path / "a.jsonl", GOOD)
    config = tmp_path / "armvalidate.toml"
    config.write_bytes(b'format = "json"\n# \xe6\xf8\xe5 in Latin-1: \xe6\n')
    result = run(str(path), "--config", str(config))
    assert result.exit_code == 2
    assert f"{config}: not UTF-8 text" in result.stderr


def test_csv_column_named_with_a_personal_number_is_masked(tmp_path: Path) -> None:
    ssn = "12015641779"
    path = tmp_path / "in.csv"
    path.write_text(f"customerNo,name,{ssn}\r\n1,Kari,x\r\n", encoding="utf-8")
    (finding,) = json.loads(run(str(path), "--format", "json").stdout)["findings"]
    assert finding["rule"] == "schema.unknown-field"
    assert finding["column"] == "*********79"
    assert ssn not in finding["message"]


@pytest.mark.parametrize("fmt", ["text", "junit", "github"])
def test_text_from_the_input_cannot_break_or_colour_the_output(tmp_path: Path, fmt: str) -> None:
    key = "a\nb.jsonl:1: x rule [error] forged\x1b[31m\u2028"
    path = jsonl(tmp_path / "a.jsonl", {**GOOD, key: 1})
    out = run(str(path), "--format", fmt).stdout
    assert "forged" in out  # shown, escaped
    assert not [line for line in out.splitlines() if line.startswith("b.jsonl")]
    assert "\x1b" not in out and "\u2028" not in out
    if fmt == "text":
        assert "/a\\nb.jsonl:1: x rule [error] forged\\x1b[31m\\u2028 " in out
