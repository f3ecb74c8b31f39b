"""Oracles shared by the atheris harnesses: what must hold for every input, whatever it is.

Each ``check_*`` function raises ``AssertionError`` (atheris reports it as a crash and saves the
input under ``fuzz/crashes/``) when a promise of armvalidate is broken:

- the validator returns a :class:`~armvalidate.Report` for every input, and never the safety
  net ``input.unprocessable`` (which means a check crashed inside);
- every finding names a rule of the catalog, and renders in every output format (the XML and
  JSON formats stay well-formed);
- no run of eleven or more digits from the input (a fødselsnummer, an account number; also
  with spaces, dots or hyphens between the digits) appears in a message, a context, a path, a
  field name or any rendered output; nor can a reader put one together after normalising
  what is shown (:func:`recoverable`: NFKC, invisible characters dropped, any Unicode digit
  read as its ASCII digit, a few characters of any kind between two digits);
- nothing is lost or invented between the input and the split files (:func:`split_accounting`):
  every record read is written to the valid or the invalid file, or counted as left out (and
  said on the log), and every line written is a record of the input;
- the identifier modules raise nothing but :class:`~armvalidate.InvalidValue` from ``validate``
  and nothing at all from ``is_valid``, and agree with themselves.

Set ``ARMVALIDATE_FUZZ_SKIP_KNOWN=1`` to skip the oracles of bugs that are known and open
(listed in :data:`KNOWN`), so that a long run looks for new ones.
"""

from __future__ import annotations

import io
import itertools
import json
import os
import re
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from typing import Any

import armvalidate
from armvalidate import InvalidValue, Report
from armvalidate.checks.limits import UNPROCESSABLE

# None is open: the three listed here once (path privacy, separators that escaped the scrub, a
# CSV header with NUL bytes) are fixed and kept in tests/test_regressions.py. An oracle of a new
# known bug reads ``SKIP_KNOWN and "its-name" in KNOWN``.
KNOWN: dict[str, str] = {}
SKIP_KNOWN = os.environ.get("ARMVALIDATE_FUZZ_SKIP_KNOWN", "") not in ("", "0")

RULE_IDS = frozenset(rule.id for rule in armvalidate.rules())

# Eleven or more digits, with separators between them as the identifier modules accept them
# (spaces, no-break spaces, tabs, dots, hyphens; a few in a row).
_LONG_RUN = re.compile(r"[0-9](?:[ .\-\t\u00a0\u202f]{0,3}[0-9]){10,}")
_SEPARATORS = re.compile(r"[^0-9]")


def digit_runs(text: str) -> Iterator[str]:
    """The runs of eleven or more digits in ``text`` (separators removed).

    >>> list(digit_runs("a 120156 41779 b 99887766 c 8150.13.66584 d 1201\\u00a056\\t41779"))
    ['12015641779', '81501366584', '12015641779']
    """
    for match in _LONG_RUN.finditer(text):
        yield _SEPARATORS.sub("", match.group(0))


def input_digits(data: bytes | str) -> str:
    """The input with everything but digits removed (to look up leaked runs in); digits of any
    script or width as ASCII (as :func:`normalised` reads them)."""
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
    else:
        text = data
    return _SEPARATORS.sub("", normalised(text))


_HIDDEN = frozenset({"Cf", "Mn", "Mc", "Me"})
_ESCAPES = re.compile(r"\\(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[ntr])")


def normalised(text: str) -> str:
    """``text`` as a reader may read it: escapes (``\\n``, ``\\u200b``) as a blank, NFKC,
    format and combining characters dropped, every decimal digit as its ASCII digit.

    >>> normalised("1\\u200b2\\uff13\\u0664 5\\\\n6")
    '1234 5 6'
    """
    out = []
    for ch in unicodedata.normalize("NFKC", _ESCAPES.sub(" ", text)):
        if unicodedata.category(ch) in _HIDDEN:
            continue
        digit = unicodedata.decimal(ch, None)
        out.append(str(digit) if digit is not None else ch)
    return "".join(out)


def recoverable(shown: str, digits_of_input: str, *, gap: int = 3) -> str | None:
    """Eleven digits a reader can put together from ``shown`` (after :func:`normalised`, at
    most ``gap`` characters of any kind between two of them) that are also a run of the
    input's digits (:func:`input_digits`), if any.

    >>> recoverable("id 1201_56/41\u200b779", "12015641779")
    '12015641779'
    >>> recoverable("id *********79", "12015641779") is None
    True
    """
    text = normalised(shown)
    digits = [(m.start(), m.group()) for m in re.finditer("[0-9]", text)]
    for i in range(len(digits) - 10):
        window = digits[i : i + 11]
        if all(b[0] - a[0] <= gap + 1 for a, b in itertools.pairwise(window)):
            number = "".join(d for _, d in window)
            if number in digits_of_input:
                return number
    return None


def leaked(shown: str, digits_of_input: str) -> str | None:
    """A run of eleven or more digits in ``shown`` that is also in the input, if any.

    Only the first eleven digits of a run are looked up: a leaked number followed by other
    digits of the output (a line number, say) is still a leak.
    """
    for run in digit_runs(shown):
        for start in range(len(run) - 10):
            if run[start : start + 11] in digits_of_input:
                return run
    return None


def _texts(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield str(k)
            yield from _texts(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _texts(v)
    elif value is not None:
        yield str(value)


def check_report(
    report: Any, raw: bytes | str, *, paths: bool = True, digits: str | None = None
) -> None:
    """The promises about one report of ``validate_customer``/``validate_batch``
    (``digits``: :func:`input_digits` of ``raw``, if already known)."""
    assert isinstance(report, Report), type(report)
    if digits is None:
        digits = input_digits(raw)
    for issue in report.issues:
        assert issue.rule in RULE_IDS, issue.rule
        assert issue.rule != UNPROCESSABLE.id, f"a check crashed: {issue.message}"
        assert isinstance(issue.message, str) and issue.message, issue
        assert isinstance(issue.path, str) and (issue.path == "" or issue.path[0] == "/")
        shown = [issue.message, *_texts(dict(issue.context))]
        if paths:
            shown += [issue.path, issue.field]
        for text in shown:
            run = leaked(text, digits) or recoverable(text, digits)
            assert run is None, f"{issue.rule}: personal number {run} shown unmasked: {text!r}"
    str(report)
    repr(report.issues)
    json.dumps(report.to_dict(), default=str)
    json.dumps(report.to_dict(show_pii=True), default=str)


def render_all(report: Report, raw: bytes | str, *, source: str = "in.json") -> None:
    """Render the report's findings in every output format; check well-formedness and masking."""
    from armvalidate.cli.engine import locate
    from armvalidate.files import Record
    from armvalidate.render import FORMATS, Tally, get_renderer

    text = raw if isinstance(raw, str) else raw.decode("utf-8", "replace")
    record = Record(source, 1, 1, text, "json", text=text)
    result = locate(record, report.issues)
    tally = Tally()
    tally.add(result)
    summary = tally.summary(files=1)
    digits = input_digits(raw)
    rules = [armvalidate.get_rule(rule_id) for rule_id in sorted(report.rules)]
    for name in FORMATS:
        out = get_renderer(name, rules=rules).render([result], summary)
        if name in ("json", "sarif"):
            json.loads(out)
        elif name == "jsonl":
            for line in out.splitlines():
                json.loads(line)
        elif name == "junit":
            ET.fromstring(out)
        run = leaked(out, digits) or recoverable(out, digits)
        assert run is None, f"{name} output shows personal number {run} unmasked"


def check_identifier(module: Any, value: object, **kw: Any) -> None:
    """The promises of one identifier module (``armvalidate.no.*``) for one value."""
    prefix = {
        "fodselsnummer": "ssn.",
        "orgnr": "orgnr.",
        "kontonr": "account.",
        "kid": "kid.",
    }[module.__name__.rsplit(".", 1)[-1]]
    valid = module.is_valid(value, **kw)
    assert valid is True or valid is False, valid
    try:
        number = module.validate(value, **kw)
    except InvalidValue as exc:
        assert not valid, "is_valid said True, validate raised"
        assert exc.rule.startswith(prefix) and exc.rule in RULE_IDS, exc.rule
        assert isinstance(exc.message, str) and exc.message
        if isinstance(value, str):
            digits = input_digits(value)
            for text in (exc.message, str(exc), repr(exc), *_texts(dict(exc.context))):
                run = leaked(text, digits)
                assert run is None, f"{exc.rule}: {run} in {text!r}"
        if hasattr(module, "info"):
            try:
                module.info(value)
            except InvalidValue:
                pass
            else:
                raise AssertionError("info() accepted what validate() refused")
        return
    assert valid, "validate accepted, is_valid said False"
    assert isinstance(number, str)
    assert module.validate(number, **kw) == number, "validate is not idempotent"
    assert module.compact(number) == number
    formatted = module.format(number)
    assert module.validate(formatted, **kw) == number, "format() does not round-trip"
    if hasattr(module, "info"):
        module.info(value)
    if hasattr(module, "to_iban"):
        iban = module.to_iban(number)
        assert module.is_iban(iban) and module.validate(iban) == number
    if hasattr(module, "to_mva"):
        assert module.to_mva(number) == f"NO{number}MVA"
        module.to_peppol(number)


def check_text_functions(module: Any, text: str) -> None:
    """``compact`` and ``format`` take any str without raising (format does no validation)."""
    assert isinstance(module.compact(text), str)
    if module.__name__.endswith(("fodselsnummer", "orgnr", "kontonr")):
        assert isinstance(module.format(text), str)


def records_of(data: bytes, name: str, fmt: Any) -> tuple[list[Any], bool]:
    """All records of ``data`` read as file ``name`` (``fmt`` or sniffed), and whether the
    reader refused the input (``InputError``, the CLI's exit 2). Nothing else may escape."""
    from armvalidate.files import InputError, Record, read_records

    out: list[Record] = []
    try:
        for record in read_records(io.BytesIO(data), name, format=fmt):
            assert isinstance(record, Record)
            assert record.index == len(out) + 1, (record.index, len(out))
            assert record.line >= 1
            if record.problem is not None:
                assert record.payload is None
                assert record.problem.rule in RULE_IDS
            out.append(record)
    except InputError as exc:
        assert "Traceback" not in str(exc)
        return out, True
    return out, False


def csv_round_trip(records: Iterable[Any]) -> None:
    """Write CSV records with the split-file writer, read them back: the same payloads, and
    no cell that a spreadsheet would run as a formula."""
    import csv as csvmod

    from armvalidate.cli.split import Splitter
    from armvalidate.files import default_layout
    from armvalidate.files.csvlayout import FORMULA_TRIGGERS
    from armvalidate.render.model import RecordResult

    kept = [r for r in records if r.format == "csv" and r.problem is None and r.cells]
    if not kept:
        return
    sink = io.BytesIO()
    sink.close = lambda: None  # type: ignore[method-assign]
    splitter = Splitter(sink, None, layout=default_layout())
    for record in kept:
        splitter.write(record, RecordResult(record.source, record.index, record.line), None)
    splitter.close()
    written = sink.getvalue()
    rows = list(csvmod.reader(io.StringIO(written.decode("utf-8", "surrogateescape"), newline="")))
    for row in rows[1:]:
        for cell in row:
            assert cell[:1] not in FORMULA_TRIGGERS, f"formula cell written: {cell!r}"
    back, refused = records_of(written, "split.csv", "csv")
    assert not refused, "the reader refuses the CSV the writer wrote"
    assert [r.payload for r in back] == [r.payload for r in kept], "CSV round trip changed data"


_UNPARSABLE = object()


def _loads(text: str) -> Any:
    """The value of a JSON text; one marker for every text that is not JSON (the writer puts a
    broken multi-line record on one line, so its text changes, but it stays broken)."""
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return _UNPARSABLE


def json_round_trip(records: Iterable[Any]) -> None:
    """Write JSON records with the split-file writer (JSONL), read them back: every record that
    was read as JSON comes back, with the same value."""
    from armvalidate.cli.split import Splitter
    from armvalidate.files import default_layout
    from armvalidate.render.model import RecordResult

    kept = [
        r
        for r in records
        if r.format in ("json", "jsonl") and r.problem is None and not r.batch and r.text
        if r.text.strip()  # a blank document is no line of JSONL
        if "\x00" not in r.text  # never JSON: the writer leaves it out (and says so)
    ]
    if not kept:
        return
    sink = io.BytesIO()
    sink.close = lambda: None  # type: ignore[method-assign]
    splitter = Splitter(sink, None, layout=default_layout())
    for record in kept:
        splitter.write(record, RecordResult(record.source, record.index, record.line), None)
    splitter.close()
    back, refused = records_of(sink.getvalue(), "split.jsonl", "jsonl")
    assert not refused, "the reader refuses the JSONL the writer wrote"
    assert [_loads(r.text or "") for r in back] == [_loads(r.text) for r in kept], (
        "JSONL round trip changed data"
    )


def split_accounting(records: Iterable[Any]) -> None:
    """Split ``records`` with the split-file writer (every other one "failing") and account for
    each: a record is written to exactly one file, or counted as left out (a record that was
    not read whole, or holds a NUL byte); a batch body is one line per customer. Every line
    written is a record of the input (none invented: a phantom row of a broken CSV cell)."""
    from armvalidate.cli.split import SplitError, Splitter
    from armvalidate.files import default_layout
    from armvalidate.render.model import Finding, RecordResult
    from armvalidate.report import Issue, Severity

    items = list(records)
    sinks = [io.BytesIO(), io.BytesIO()]
    splitter = Splitter(sinks[0], sinks[1], layout=default_layout())
    expected = 0
    fail = Issue(rule="schema.json", severity=Severity.ERROR, path="", field="", message="x")
    try:
        for n, record in enumerate(items):
            findings = (Finding(record.source, record.line, fail),) if n % 2 else ()
            result = RecordResult(record.source, record.index, record.line, findings)
            splitter.write(record, result, None)
            expected += _written_lines(record)
    except SplitError:
        return  # CSV and JSON mixed in one file: refused as a whole
    splitter.close()
    lines = 0
    for sink in sinks:
        data = sink.getvalue()
        family = "csv" if any(r.format == "csv" for r in items) else "jsonl"
        back, refused = records_of(data, f"split.{family}", family)
        if data:
            assert not refused, "the reader refuses a split file"
        lines += len(back)
        if family == "csv":
            known = [r.payload for r in items if r.format == "csv" and r.problem is None]
            for r in back:
                assert r.payload in known or r.problem is not None, "a CSV row was invented"
    left_out = splitter.skipped + splitter.nul
    assert lines + left_out == expected, (lines, left_out, expected)


def _written_lines(record: Any) -> int:
    """How many lines the split writer makes of ``record`` (a batch: one per customer)."""
    if record.batch and record.problem is None and record.text is not None:
        try:
            body = json.loads(record.text)
        except (ValueError, RecursionError):
            return 1
        customers = body.get("customers") if isinstance(body, dict) else None
        if isinstance(customers, list):
            return len(customers)
    return 1
