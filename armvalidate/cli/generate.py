"""``armvalidate generate``: deterministic fixture files (needs the ``armvalidate.strategies``
extra).

The same arguments give the same bytes on any machine and any day: the fixtures come from a
seeded generator with a fixed reference date, and are written with a fixed key order.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from datetime import date
from typing import IO, Any

import click

from armvalidate.cli.output import std_binary, text_stream
from armvalidate.cli.params import FilePath
from armvalidate.cli.progress import Progress

__all__ = ["generate"]

_MISSING_EXTRA = (
    "armvalidate generate needs the strategies extra (hypothesis, faker): "
    "pip install 'armvalidate[strategies]'"
)


class _MissingExtra(click.ClickException):
    exit_code = 2


def _seed(ctx: click.Context, param: click.Parameter, value: str) -> int | str:
    """An integer seed when it looks like one, else the text itself (both are reproducible)."""
    try:
        return int(value)
    except ValueError:
        return value


def _parse_date(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD") from None
    try:
        from armvalidate.strategies._customer import today_problem
    except ImportError:  # the strategies extra is missing: the command says so later
        return day
    problem = today_problem(day)
    if problem is not None:
        raise click.BadParameter(
            problem.replace("the generators support a today", "fixtures support a reference date")
        )
    return day


def _write_json(out: IO[str], payloads: Iterable[Any]) -> None:
    out.write("[")
    first = True
    for payload in payloads:
        text = json.dumps(payload, ensure_ascii=False, indent=2)
        out.write(("\n  " if first else ",\n  ") + text.replace("\n", "\n  "))
        first = False
    out.write("\n]\n" if not first else "]\n")


def _write_jsonl(out: IO[str], payloads: Iterable[Any]) -> None:
    for payload in payloads:
        out.write(json.dumps(payload, ensure_ascii=False, separators=(",", ":")) + "\n")


def _survives_csv(layout: Any) -> Any:
    """A test for invalid fixtures: is the payload read back from its CSV row unchanged? (A
    fault CSV cannot hold, such as a number sent as a string, would leave a wrong label.)"""
    from armvalidate.files.csvlayout import LayoutError

    def accept(payload: Any) -> bool:
        if not isinstance(payload, dict):
            return False
        try:
            back = layout.unflatten(layout.flatten(payload))
        except LayoutError:
            return False
        # Compared as JSON: in Python True == 1, but a CSV cell "1" read as true is no fault.
        return _json_key(back) == _json_key(payload)

    return accept


def _json_key(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, allow_nan=True)


def _write_csv(out: IO[str], make: Any, invalid: bool) -> int:
    """Write the fixtures as CSV; how many of them read back differently than generated."""
    import csv

    from armvalidate.cli.split import write_header
    from armvalidate.files.csvlayout import LayoutError, default_layout

    layout = default_layout()
    header = list(layout.columns)
    if invalid:  # a first pass for the columns of misspelled keys; the generator is seeded
        seen = dict.fromkeys(header)
        for payload in make():
            if isinstance(payload, dict):
                for column in layout.flatten(payload):
                    seen.setdefault(column, None)
        header = list(seen)
    write_header(out, header)
    writer = csv.writer(out, lineterminator="\r\n")
    changed = 0
    for payload in make(label=True):
        cells = layout.flatten(payload) if isinstance(payload, dict) else {}
        writer.writerow([cells.get(column, "") for column in header])
        try:
            same = layout.unflatten(cells) == payload
        except LayoutError:
            same = False
        changed += not same
    return changed


def _show_progress(quiet: bool, output: str | None) -> bool:
    """A progress display on stderr: on a terminal, unless ``--quiet``, and not when the
    fixtures themselves go to the same terminal (stdout)."""
    if quiet or sys.stderr is None or not sys.stderr.isatty():
        return False
    to_stdout = not output or output == "-"
    return not (to_stdout and sys.stdout is not None and sys.stdout.isatty())


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--count", type=click.IntRange(min=0), required=True, metavar="N", help="How many fixtures."
)
@click.option(
    "--seed", type=int, default=0, show_default=True, metavar="S", help="The random seed."
)
@click.option(
    "--invalid-ratio",
    type=click.FloatRange(0.0, 1.0),
    default=0.0,
    show_default=True,
    metavar="R",
    help="The share of invalid fixtures (one labelled fault each).",
)
@click.option(
    "--operation",
    type=click.Choice(["create", "update"]),
    default="create",
    show_default=True,
    help="POST (create) or PUT (update) bodies.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["json", "jsonl", "csv"]),
    default="jsonl",
    show_default=True,
    help="A JSON array, JSON Lines, or CSV (the layout check reads).",
)
@click.option(
    "-o",
    "--output",
    type=FilePath(dir_okay=False, writable=True),
    help="Write to FILE, not stdout (- is stdout).",
)
@click.option(
    "--reference-date",
    callback=_parse_date,
    metavar="YYYY-MM-DD",
    help="The 'today' of the fixtures' dates (default: the generator's fixed date, 2025-01-01).",
)
@click.option(
    "--labels",
    type=FilePath(dir_okay=False, writable=True),
    help="Also write one JSON line per fixture: index, expected rules, description.",
)
@click.option(
    "-q",
    "--quiet",
    is_flag=True,
    help="Write the fixtures and nothing else (no progress display, no note on stderr).",
)
def generate(
    count: int,
    seed: int | str,
    invalid_ratio: float,
    operation: str,
    output_format: str,
    output: str | None,
    reference_date: date | None,
    labels: str | None,
    quiet: bool = False,
) -> None:
    """Write --count fixture payloads (request bodies): valid ones, and with --invalid-ratio
    labelled invalid ones with one fault each. The same arguments always give the same bytes.

    Fixtures use synthetic Test-Norge fødselsnumre and are valid under the test profile:
    check them with `armvalidate check --profile test --today 2025-01-01 FILE`.
    """
    try:
        from armvalidate.strategies import fixtures
    except ImportError as exc:
        name = exc.name or ""
        if name.split(".")[0] in ("hypothesis", "faker") or name.startswith(
            "armvalidate.strategies"
        ):
            raise _MissingExtra(_MISSING_EXTRA) from None
        raise

    kwargs: dict[str, Any] = {
        "seed": seed,
        "invalid_ratio": invalid_ratio,
        "operation": operation,
    }
    if reference_date is not None:
        kwargs["reference_date"] = reference_date

    label_file = None
    if labels is not None:
        try:
            label_file = open(labels, "w", encoding="utf-8", newline="\n")  # noqa: SIM115
        except OSError as exc:
            raise click.UsageError(f"cannot write {labels}: {exc.strerror or exc}") from None

    # CSV with invalid fixtures takes two passes (the first finds the columns of misspelled keys)
    passes = 2 if output_format == "csv" and invalid_ratio > 0 else 1
    progress = Progress(
        enabled=_show_progress(quiet, output), total=count * passes, unit="fixtures"
    )
    produced = 0

    def make(*, label: bool = False) -> Iterator[Any]:
        nonlocal produced
        progress.description = "generating" if label or passes == 1 else "finding the columns"
        for index, item in enumerate(fixtures.generate(count, **kwargs), start=1):
            produced += 1
            progress.update(index, done=produced)
            if label and label_file is not None:
                entry = {
                    "index": index,
                    "valid": not item.expected_rules,
                    "expected_rules": sorted(item.expected_rules),
                    "description": item.description,
                }
                label_file.write(json.dumps(entry, ensure_ascii=False) + "\n")
            yield item.payload

    to_file = output if output != "-" else None  # (`-o -` is stdout)
    try:
        binary: IO[bytes] = open(to_file, "wb") if to_file else std_binary("stdout")  # noqa: SIM115
    except OSError as exc:
        raise click.UsageError(f"cannot write {output}: {exc.strerror or exc}") from None
    out = text_stream(binary)
    changed = 0
    try:
        if output_format == "json":
            _write_json(out, make(label=True))
        elif output_format == "jsonl":
            _write_jsonl(out, make(label=True))
        else:
            from armvalidate.files.csvlayout import default_layout

            kwargs["accept"] = _survives_csv(default_layout())
            changed = _write_csv(out, make, invalid_ratio > 0)
    finally:
        progress.stop()
        out.flush()
        out.detach()
        if to_file:
            binary.close()
        if label_file is not None:
            label_file.close()
    if changed and not quiet:
        click.echo(
            f"armvalidate: {changed} fixture(s) read back from CSV differently than generated "
            "(null, empty objects and values of the wrong JSON type have no CSV form; "
            "use --format jsonl for exact fixtures)",
            err=True,
        )
