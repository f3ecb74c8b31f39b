"""The masking audit: no personal number leaves armvalidate unmasked unless ``--show-pii``.

Every rule is run (the labelled invalid payloads of ``armvalidate.strategies.mutations``, one or
more per
rule, plus hand-made payloads carrying known fødselsnumre and account numbers, valid and
invalid, in their own fields and in wrong ones, as ints, as IBANs, spaced and dotted, under
misspelled and unknown keys, in batches and CSV rows) through every output format of the command
line, its log on stderr, the Report and Issue objects, and the identifier modules' exceptions.
None of the numbers may appear, not even with spaces, dots or hyphens between the digits; with
``--show-pii`` the raw values do appear.

Generated fixtures (``armvalidate.strategies.fixtures.generate``, ``armvalidate generate``, the
default
strategies) never hold an ordinary-form fødselsnummer in an ssn field; ``ssns(synthetic=None)``,
asking for one explicitly, does.
"""

from __future__ import annotations

import copy
import csv
import datetime
import io
import json
import pickle
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import armvalidate
from armvalidate import InvalidValue, validate_batch, validate_customer
from armvalidate.cli import cli
from armvalidate.files import default_layout
from armvalidate.models import CUSTOMER_KEYS
from armvalidate.no import fodselsnummer, kid, kontonr, orgnr

TODAY = datetime.date(2026, 1, 1)
FORMATS = ["text", "json", "jsonl", "sarif", "junit", "github"]

SSNS = {
    "valid": "12015641779",  # the docs' example
    "d-number": "52015641762",
    "synthetic": "17912099997",
    "bad-checksum": "12015641778",
}
ACCOUNTS = {
    "valid": "86011117947",
    "bad-checksum": "81501366584",
}
SHOWN = SSNS["bad-checksum"]  # a raw value every output shows with --show-pii
KNOWN = [*SSNS.values(), *ACCOUNTS.values()]


def spaced(number: str) -> list[str]:
    """The written forms of an 11-digit number."""
    return [
        number,
        f"{number[:6]} {number[6:]}",
        f"{number[:4]}.{number[4:6]}.{number[6:]}",
        f"{number[:6]}-{number[6:]}",
        f" {number} ",
    ]


def iban(account: str) -> list[str]:
    text = kontonr.to_iban(account) if kontonr.is_valid(account) else f"NO93{account}"
    return [text, " ".join(text[i : i + 4] for i in range(0, len(text), 4)), text.lower()]


# -- the leak detector -----------------------------------------------------------------------------


def number_pattern(number: str) -> re.Pattern[str]:
    """``number``'s digits with at most one separator (space, dot, hyphen, slash) between."""
    return re.compile(r"[ .\-/\u00a0]?".join(number))


_RUN = re.compile(r"[0-9](?:[ .\-/\u00a0]?[0-9]){10,}")


def numbers_in(payload: Any) -> set[str]:
    """Every 11-digit window of a long digit run in ``payload`` (its values, keys and ints):
    personal numbers, as far as the validator can tell."""
    out: set[str] = set()
    for text in _texts(payload):
        for match in _RUN.finditer(text):
            digits = re.sub(r"[^0-9]", "", match.group(0))
            out.update(digits[i : i + 11] for i in range(len(digits) - 10))
    return out


def _texts(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, bool) or value is None:
        return
    elif isinstance(value, int):
        if abs(value) < 10**30:
            yield str(value)
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _texts(k)
            yield from _texts(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _texts(v)


def assert_masked(text: str, numbers: Iterable[str], where: str) -> None:
    for number in numbers:
        match = number_pattern(number).search(text)
        assert match is None, f"{where}: {number} appears unmasked: ...{_around(text, match)}..."


def _around(text: str, match: re.Match[str] | None) -> str:
    if match is None:
        return ""
    return text[max(0, match.start() - 80) : match.end() + 40]


# -- the payloads ----------------------------------------------------------------------------------

BASE = {"customerNo": "1", "name": "Kari Nordmann"}
_MISSPELLED = ["ssN", "SSN", "ssnNo", "personalNumber", "bankAccount", "bankAccountNumber",
               "kontonummer", "accountNo", "clientNo", "comment"]  # fmt: skip
_ADDRESS = ["addressLine1", "postalCode", "cityName", "countryText", "countryCode"]


def hand_made() -> list[Any]:
    """Payloads that carry the known numbers wherever they can go (not as keys: see
    test_regressions.py for that open bug)."""
    out: list[Any] = []
    for number in SSNS.values():
        for form in [*spaced(number), int(number), [number], number[:10], number + "0"]:
            out.append({**BASE, "ssn": form})
        out.append({**BASE, "ssn": number, "dateOfBirth": "1999-12-31", "yearOfBirth": 1998})
        out.append({**BASE, "ssn": number, "ssnCountry": "SE", "customerCategory": "BUS"})
        out.append({**BASE, "ssn": number, "organizationNo": "984842252"})
    for number in ACCOUNTS.values():
        for form in [*spaced(number), *iban(number), int(number), number + "1"]:
            out.append({**BASE, "bankAccountNo": form})
    for number in [SSNS["valid"], SSNS["bad-checksum"], ACCOUNTS["bad-checksum"]]:
        for key in CUSTOMER_KEYS:
            for form in (number, f"{number[:6]} {number[6:]}", [number]):
                out.append({**BASE, key: form})
        for key in _MISSPELLED:
            out.append({**BASE, key: number})
        for key in _ADDRESS:
            out.append({**BASE, "postalAddress": {key: number}})
        out.append({**BASE, "postalAddress": {"postalCode": "0150", "cityName": number}})
        out.append({**BASE, "distribution": {"type": number, "einvoiceCode": int(number)}})
        out.append({"metadata": {"userId": number, number[:3]: number}, "customer": dict(BASE)})
        out.append({**BASE, "emailAddressDocument": [f"{number}@example.no", f"a@ {number}.no"]})
        out.append({**BASE, "stopReminderMemo": f"fnr {number}", "customerMessage": number})
        out.append({**BASE, "customerNo": number, "name": number})
        out.append({**BASE, "note": {"nested": [number, {"deeper": number}]}})
    return out


def hand_made_batches() -> list[Any]:
    twins = [{**BASE, "customerNo": n, "ssn": n} for n in (SSNS["valid"], SSNS["valid"])]
    return [
        {"metadata": {"userId": "u"}, "customers": twins},
        {"metadata": {"userId": SSNS["valid"]}, "customers": [{**BASE, "ssn": SSNS["valid"]}]},
    ]


def mutated(operations: Iterable[str] = ("create", "update")) -> list[Any]:
    """The labelled invalid payloads of every mutation of every rule (two seeds each, one for
    the 1 MiB payloads of ``input.too-large``)."""
    from armvalidate.strategies._customer import config_for
    from armvalidate.strategies._picker import RandomPicker
    from armvalidate.strategies.mutations import MUTATIONS, MutationContext, apply_mutation

    out = []
    for operation in operations:
        ctx = MutationContext(
            operation=operation, today=TODAY, cfg=config_for(operation=operation, today=TODAY)
        )
        for rule_id in sorted(MUTATIONS):
            for mutation in MUTATIONS[rule_id]:
                if operation not in mutation.operations:
                    continue
                for seed in (1,) if rule_id == "input.too-large" else (1, 2):
                    picker = RandomPicker(f"{mutation.name}/{operation}/{seed}")
                    out.append(apply_mutation(picker, mutation, ctx))
    return out


# -- the files the command line reads --------------------------------------------------------------


def _csv(payloads: list[dict[str, Any]]) -> bytes:
    layout = default_layout()
    rows = [layout.flatten(p) for p in payloads]
    header = layout.header(rows)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(c, "") for c in header])
    writer.writerow(["1", "K", *([SSNS["valid"]] * (len(header) + 2))])  # input.csv-row
    return out.getvalue().encode("utf-8")


def write_inputs(where: Path, operation: str) -> tuple[set[str], set[str]]:
    """Write every payload for ``operation`` into ``where`` (JSONL, a JSON array, CSV, batch
    files); the personal numbers they hold, and the rules the validator must report for them.
    The hand-made payloads go with ``create``."""
    numbers: set[str] = set(KNOWN)
    lines: list[str] = []
    dicts: list[dict[str, Any]] = []
    expected: set[str] = set()
    batches = hand_made_batches() if operation == "create" else []
    for payload in hand_made() if operation == "create" else []:
        numbers |= numbers_in(payload)
        lines.append(json.dumps(payload, ensure_ascii=False))
        dicts.append(payload)
    for example in mutated([operation]):
        expected |= example.expected_rules
        payload = example.payload
        numbers |= numbers_in(payload)
        if example.batch:
            batches.append(payload)
        elif isinstance(payload, str):
            lines.append(payload.replace("\n", " ").replace("\r", " "))
        else:
            try:
                lines.append(json.dumps(payload, ensure_ascii=False, allow_nan=True))
            except ValueError:
                continue
            if isinstance(payload, dict):
                dicts.append(payload)
    (where / "all.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    array = []
    for line in lines[:60]:
        try:
            array.append(json.loads(line))
        except ValueError:
            continue
    (where / "some.json").write_text(json.dumps(array, indent=2), encoding="utf-8")
    (where / "all.csv").write_bytes(_csv([p for p in dicts if "customers" not in p]))
    for i, body in enumerate(batches):
        (where / f"batch-{i}.json").write_text(json.dumps(body, indent=1), encoding="utf-8")
    return numbers, expected


Inputs = dict[str, tuple[Path, set[str], set[str]]]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Inputs:
    """Per operation: the directory of input files, their personal numbers, expected rules."""
    out = {}
    for operation in ("create", "update"):
        where = tmp_path_factory.mktemp(f"privacy-{operation}")
        numbers, expected = write_inputs(where, operation)
        out[operation] = (where, numbers, expected)
    return out


def run_check(inputs: Inputs, operation: str, fmt: str, *more: str) -> Any:
    where = inputs[operation][0]
    args = ["check", str(where), "--isolated", "--today", TODAY.isoformat(), "--format", fmt]
    result = CliRunner().invoke(cli, [*args, "--operation", operation, *more])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.exit_code == 1, result.stderr
    return result


# -- the command line ------------------------------------------------------------------------------


@pytest.mark.parametrize("operation", ["create", "update"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_no_output_format_shows_a_personal_number(inputs: Inputs, fmt: str, operation: str) -> None:
    numbers = inputs[operation][1]
    result = run_check(inputs, operation, fmt)
    assert_masked(result.stdout, numbers, f"--format {fmt}")
    assert_masked(result.stderr, numbers, f"--format {fmt} (stderr)")


@pytest.mark.parametrize("fmt", FORMATS)
def test_show_pii_shows_them(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / "in.jsonl"
    bad = {**BASE, "ssn": SHOWN, "bankAccountNo": ACCOUNTS["bad-checksum"]}
    path.write_text(json.dumps(bad) + "\n", encoding="utf-8")
    hidden = CliRunner().invoke(cli, ["check", str(path), "--isolated", "--format", fmt])
    assert hidden.exit_code == 1
    assert_masked(hidden.stdout, KNOWN, fmt)
    shown = CliRunner().invoke(
        cli, ["check", str(path), "--isolated", "--format", fmt, "--show-pii"]
    )
    assert shown.exit_code == 1
    assert SHOWN in shown.stdout, f"--show-pii --format {fmt}"
    assert ACCOUNTS["bad-checksum"] in shown.stdout


def test_every_rule_was_run(inputs: Inputs) -> None:
    """The audit is only as good as its coverage: every rule a payload can reach fired."""
    from armvalidate.strategies.mutations import UNREACHABLE

    fired: set[str] = set()
    for operation in ("create", "update"):
        doc = json.loads(run_check(inputs, operation, "json").stdout)
        found = {finding["rule"] for finding in doc["findings"]}
        assert inputs[operation][2] <= found, inputs[operation][2] - found
        fired |= found
    catalog = {rule.id for rule in armvalidate.rules()}
    assert catalog - fired <= set(UNREACHABLE), catalog - fired - set(UNREACHABLE)


def test_the_stderr_log_shows_no_personal_number(tmp_path: Path) -> None:
    """What goes to the log: unreadable inputs, partial runs, split-file notes."""
    number = SSNS["valid"]
    bad = tmp_path / f"x{number[:3]}.csv"
    bad.write_text(f"{number},{number}\r\n1,2\r\n", encoding="utf-8")  # duplicate column
    twice = tmp_path / "twice.csv"
    twice.write_text(f"name,ssn,ssn\r\n{number},{number},{number}\r\n", encoding="utf-8")
    binary = tmp_path / "bin.json"
    binary.write_bytes(b"\x00\x01" * 100 + number.encode())
    lines = tmp_path / "many.jsonl"
    lines.write_text(json.dumps({**BASE, "ssn": SSNS["bad-checksum"]}) + "\n", encoding="utf-8")
    for path in (bad, twice, binary):
        result = CliRunner().invoke(cli, ["check", str(path), "--isolated"])
        assert result.exit_code == 2
        assert_masked(result.stderr + result.stdout, [number], path.name)
    result = CliRunner().invoke(
        cli, ["check", str(lines), str(lines), "--isolated", "--max-errors", "1"]
    )
    assert_masked(result.stderr + result.stdout, [SSNS["bad-checksum"]], "--max-errors")


# -- the library -----------------------------------------------------------------------------------


def _check_report(report: armvalidate.Report, numbers: set[str], what: str) -> None:
    shown = [str(report), repr(report.issues), json.dumps(report.to_dict(), default=str)]
    shown += [json.dumps(report.to_api_warnings())]
    shown += [repr(i) + str(i) + str(i.to_dict()) for i in report.issues]
    for text in shown:
        assert_masked(text, numbers, what)


def test_reports_and_issues_show_no_personal_number() -> None:
    payloads = [(p, False) for p in hand_made()]
    payloads += [(p, True) for p in hand_made_batches()]
    payloads += [(e.payload, e.batch) for e in mutated()]
    for payload, batch in payloads:
        numbers = numbers_in(payload) | set(KNOWN)
        for profile in ("production", "test"):
            validate = validate_batch if batch else validate_customer
            report = validate(payload, profile=profile, today=TODAY)
            _check_report(report, numbers, f"{str(payload)[:100]}")
            if not isinstance(payload, str):
                try:
                    text = json.dumps(payload)
                except ValueError:
                    continue
                _check_report(validate(text, profile=profile, today=TODAY), numbers, "as text")


def test_pickled_reports_hold_no_personal_number_but_the_raw_value() -> None:
    """What a ``--jobs`` worker sends: the findings are pickled before anything read them (they
    are formatted when first read); the pickle holds their masked text, and the raw value only
    in ``value`` (for ``--show-pii``)."""
    payloads = [(p, False) for p in hand_made()] + [(p, True) for p in hand_made_batches()]
    for payload, batch in payloads:
        numbers = numbers_in(payload) | set(KNOWN)
        report = (validate_batch if batch else validate_customer)(payload, today=TODAY)
        for issue in report.issues:
            assert "_pending" in vars(issue)
            state = issue.__getstate__()  # what pickle stores
            shown = pickle.dumps({k: v for k, v in state.items() if k != "value"})
            assert_masked(shown.decode("latin-1"), numbers, f"{str(payload)[:100]}")
        again = pickle.loads(pickle.dumps(report))
        assert again == report
        _check_report(again, numbers, f"unpickled {str(payload)[:100]}")


def test_show_pii_is_the_only_way_to_the_raw_value() -> None:
    report = validate_customer({**BASE, "ssn": SHOWN, "bankAccountNo": "NO93 8601 1117 948"})
    assert {i.rule for i in report.issues} == {"ssn.checksum", "account.checksum"}
    for issue in report.issues:
        assert issue.pii
        assert "value" not in issue.to_dict()
        assert issue.to_dict(show_pii=True)["value"] in (SHOWN, "NO93 8601 1117 948")
    assert "value" not in json.dumps(report.to_dict())
    assert SHOWN in json.dumps(report.to_dict(show_pii=True))


def test_a_date_mismatch_does_not_quote_the_birth_date_inside_the_ssn() -> None:
    # 12015641779 is born 1956-01-12: with its last two digits (what a masked number shows) that
    # date would leave a handful of candidates, so no message or context quotes it in any form.
    for wrong in ({"dateOfBirth": "1957-02-13"}, {"yearOfBirth": 1957}):
        report = validate_customer({**BASE, "ssn": "12015641779", **wrong}, today=TODAY)
        [issue] = [i for i in report if i.rule == "ssn.dob-mismatch"]
        shown = issue.message + json.dumps(dict(issue.context))
        for form in ("1956", "12.01", "01-12", "12 01", "120156", "day 12", "month 01", "56"):
            assert form not in shown, (form, shown)


_FORMS = [form for n in KNOWN for form in [*spaced(n), n[:10], n + "9", f"NO93{n}", n[::-1]]]


@pytest.mark.parametrize("module", [fodselsnummer, orgnr, kontonr, kid])
def test_exceptions_show_no_personal_number(module: Any) -> None:
    for form in _FORMS + [n for n in KNOWN]:
        for function in ("validate", "info", "to_iban", "to_mva", "to_peppol"):
            call = getattr(module, function, None)
            if call is None:
                continue
            try:
                call(form)
            except InvalidValue as exc:
                text = " ".join([str(exc), repr(exc), exc.message, str(exc.context)])
                assert_masked(text, KNOWN, f"{module.__name__}.{function}({form!r})")


def test_decode_errors_show_no_personal_number() -> None:
    from armvalidate.decode import decode

    number = SSNS["valid"]
    for text in (
        f'{{"ssn": {number}x}}',
        f'{{"ssn": "{number}',
        f"{{'ssn': '{number}'}}",
        f'{{"ssn": {number}' + "0" * 5000 + "}",
        "[" * 100 + number,
        f'{{"{number}": ',
    ):
        try:
            decode(text, max_depth=32)
        except InvalidValue as exc:
            assert_masked(str(exc) + repr(exc) + str(exc.context), [number], text[:40])


# -- generated fixtures ----------------------------------------------------------------------------


def ordinary(number: str) -> bool:
    """An 11-digit number of the ordinary form: month 01-12, day 01-31 (or D-number 41-71)."""
    digits = re.sub(r"[ .\-]", "", number)
    if not re.fullmatch(r"[0-9]{11}", digits):
        return False
    day, month = int(digits[:2]), int(digits[2:4])
    return 1 <= month <= 12 and (1 <= day <= 31 or 41 <= day <= 71)


def ssn_values(value: Any) -> Iterator[str]:
    """Values under any key that looks like ``ssn`` (also misspelled), anywhere."""
    if isinstance(value, dict):
        for key, item in value.items():
            name = key.lower() if isinstance(key, str) else ""
            if "ssn" in name and "country" not in name and isinstance(item, str):
                yield item
            yield from ssn_values(item)
    elif isinstance(value, list):
        for item in value:
            yield from ssn_values(item)


def test_fixtures_hold_no_ordinary_fodselsnummer() -> None:
    from armvalidate.strategies.fixtures import PayloadFactory, generate

    seen = 0
    for operation in ("create", "update"):
        for seed in (0, 1, "x"):
            for fixture in generate(300, seed=seed, invalid_ratio=0.5, operation=operation):
                for value in ssn_values(fixture.payload):
                    seen += 1
                    assert not ordinary(value), (value, fixture.description)
    factory = PayloadFactory(seed=3)
    for _ in range(200):
        for value in ssn_values(factory()):
            seen += 1
            assert not ordinary(value), value
    assert seen > 200  # the test looked at something


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv"])
def test_cli_generate_holds_no_ordinary_fodselsnummer(fmt: str) -> None:
    result = CliRunner().invoke(
        cli,
        ["generate", "--count", "150", "--seed", "5", "--invalid-ratio", "0.5", "--format", fmt],
    )
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(text)))
        values = [r[c] for r in rows for c in r if c and "ssn" in c.lower() and "ountry" not in c]
    elif fmt == "json":
        values = [v for p in json.loads(text) for v in ssn_values(p)]
    else:
        values = [v for line in text.splitlines() for v in ssn_values(json.loads(line))]
    values = [v.lstrip("'") for v in values if v]
    assert len(values) > 50
    assert not [v for v in values if ordinary(v)]


def test_default_strategies_draw_no_ordinary_fodselsnummer_unless_asked() -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from armvalidate.strategies import customer_payloads, ssns

    drawn: dict[str, list[str]] = {"default": [], "asked": []}

    @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
    @given(ssn=ssns(), asked=ssns(synthetic=None), payload=customer_payloads())
    def draw(ssn: str, asked: str, payload: Any) -> None:
        drawn["default"].append(ssn)
        drawn["default"].extend(ssn_values(payload))
        drawn["asked"].append(asked)

    draw()
    assert drawn["default"] and not [v for v in drawn["default"] if ordinary(v)]
    assert any(ordinary(v) for v in drawn["asked"])  # explicitly asked: ordinary numbers
    assert st is not None


def test_the_detector_detects() -> None:
    """The audit's own check must be able to fail."""
    number = SSNS["valid"]
    for text in (
        number,
        "120156 41779",
        "1201.56.41779",
        "x120156-41779y",
        "1 2 0 1 5 6 4 1 7 7 9",
    ):
        with pytest.raises(AssertionError):
            assert_masked(text, [number], "self-test")
    for text in ("*********79", "120156", "1201564177", "12015 6 41779"[:5]):
        assert_masked(text, [number], "self-test")
    assert numbers_in({"a": [f"x {number} y"], number: 1}) >= {number}
    assert copy.deepcopy(SSNS) == SSNS
