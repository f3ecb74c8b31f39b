"""``armvalidate check PATH...``: validate customer files before they are sent."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import IO, Any

import click

from armvalidate.cli.config import Config, ConfigError, load_config
from armvalidate.cli.engine import (
    BUILTIN_PROFILES,
    Checker,
    CheckOptions,
    Input,
    ProfileSpec,
    default_jobs,
)
from armvalidate.cli.output import Progress, spool, std_binary, text_stream
from armvalidate.cli.params import FilePath
from armvalidate.cli.split import SplitError, Splitter
from armvalidate.cli.workers import WorkerError
from armvalidate.readers import Format, Record, default_layout, format_from_name, read_records
from armvalidate.render import FORMATS, RecordResult, get_renderer

__all__ = ["check"]

_EXTENSIONS = (".json", ".jsonl", ".ndjson", ".csv")


def _split_ids(values: tuple[str, ...]) -> tuple[str, ...]:
    out: list[str] = []
    for value in values:
        out.extend(part.strip() for part in value.split(",") if part.strip())
    return tuple(out)


def _parse_today(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD") from None


def _expand(paths: tuple[str, ...]) -> list[str]:
    """Files to check: ``-`` and files as given, directories walked (sorted) for data files."""
    out: list[str] = []
    for path in paths:
        if path == "-":
            out.append(path)
            continue
        if os.path.isdir(path):
            found: list[str] = []
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found.extend(
                    os.path.join(root, f) for f in files if f.lower().endswith(_EXTENSIONS)
                )
            out.extend(sorted(found))
            continue
        if not os.path.exists(path):
            raise click.UsageError(f"{path}: no such file or directory")
        out.append(path)
    return out


def _opener(path: str, display: str, fmt: Format | None, stdin: IO[bytes]) -> Input:
    def records() -> Iterator[Record]:
        if path == "-":
            yield from read_records(stdin, display, format=fmt or format_from_name(display))
            return
        with open(path, "rb") as fh:
            yield from read_records(fh, display, format=fmt)

    return Input(display, records)


def _effective(ctx: click.Context, name: str, key: str, value: Any, config: Config) -> Any:
    source = ctx.get_parameter_source(name)
    if source in (click.core.ParameterSource.DEFAULT, None) and key in config.cli:
        return config.cli[key]
    return value


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, metavar="PATH...")
@click.option(
    "--profile",
    metavar="NAME|FILE",
    help="production (default), arm (predicts the server), test, or a TOML file.",
)
@click.option(
    "--operation",
    type=click.Choice(["create", "update", "upsert"]),
    default="create",
    show_default=True,
    help="POST (create), PUT (update), or POST for a customer that may exist (upsert: no name "
    "required).",
)
@click.option(
    "--select",
    multiple=True,
    metavar="RULES",
    help="Only these rule ids or prefixes (repeatable, comma-separated).",
)
@click.option(
    "--ignore",
    multiple=True,
    metavar="RULES",
    help="Skip these rule ids or prefixes (repeatable, comma-separated).",
)
@click.option("--strict/--no-strict", default=False, help="Warnings fail the check too.")
@click.option(
    "--exit-zero/--no-exit-zero", default=False, help="Exit 0 even when errors are found."
)
@click.option(
    "--max-errors",
    type=click.IntRange(min=1),
    metavar="N",
    help="Stop after N errors (the output says it is partial).",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(sorted(FORMATS)),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option(
    "-o",
    "--output",
    type=FilePath(dir_okay=False, writable=True),
    help="Write findings to FILE, not stdout.",
)
@click.option(
    "--show-pii/--no-show-pii",
    default=False,
    help="Show the raw offending values (masked by default).",
)
@click.option(
    "--valid-out",
    type=FilePath(dir_okay=False, writable=True),
    help="Write the records without errors to FILE.",
)
@click.option(
    "--invalid-out",
    type=FilePath(dir_okay=False, writable=True),
    help="Write the records with errors to FILE.",
)
@click.option(
    "--sanitize", is_flag=True, help="Write the sanitized form to --valid-out/--invalid-out."
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=0),
    default=1,
    show_default=True,
    help="Processes that validate: this one and N-1 workers (0: all cores).",
)
@click.option(
    "--today",
    callback=_parse_today,
    metavar="YYYY-MM-DD",
    help="The date rules compare with (default: today).",
)
@click.option(
    "--input-format",
    type=click.Choice(["json", "jsonl", "csv"]),
    help="Read every PATH as this format (default: by extension, else by content).",
)
@click.option(
    "--stdin-filename",
    metavar="NAME",
    help="The name of stdin in the output (and its format by extension).",
)
@click.option(
    "--config",
    "config_file",
    type=FilePath(dir_okay=False),
    help="Read [tool.armvalidate] from FILE.",
)
@click.option("--isolated", is_flag=True, help="Ignore configuration files.")
@click.pass_context
def check(
    ctx: click.Context,
    paths: tuple[str, ...],
    profile: str | None,
    operation: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    strict: bool,
    exit_zero: bool,
    max_errors: int | None,
    output_format: str,
    output: str | None,
    show_pii: bool,
    valid_out: str | None,
    invalid_out: str | None,
    sanitize: bool,
    jobs: int,
    today: date | None,
    input_format: Format | None,
    stdin_filename: str | None,
    config_file: str | None,
    isolated: bool,
) -> None:
    """Check customer payloads in PATH... (files, directories, or - for stdin).

    JSON (a request body, a bare customer, an array, the batch body), JSON Lines and CSV.
    Exit status: 0 no errors, 1 errors found, 2 usage error or unreadable input.
    """
    if not paths:
        raise click.UsageError("give at least one PATH (use - for stdin)")
    if sanitize and not (valid_out or invalid_out):
        raise click.UsageError("--sanitize needs --valid-out or --invalid-out")
    try:
        config = Config() if isolated else load_config(config_file)
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from None

    operation = _effective(ctx, "operation", "operation", operation, config)
    strict = _effective(ctx, "strict", "strict", strict, config)
    exit_zero = _effective(ctx, "exit_zero", "exit-zero", exit_zero, config)
    max_errors = _effective(ctx, "max_errors", "max-errors", max_errors, config)
    output_format = _effective(ctx, "output_format", "format", output_format, config)
    show_pii = _effective(ctx, "show_pii", "show-pii", show_pii, config)
    jobs = default_jobs(_effective(ctx, "jobs", "jobs", jobs, config))

    spec = _profile_spec(profile, config, _split_ids(select), _split_ids(ignore))
    options = CheckOptions(
        profile=spec,
        operation=operation,
        today=today or date.today(),
        want_sanitized=sanitize,
    )
    files = _expand(paths)
    if not files:
        raise click.UsageError("no .json, .jsonl, .ndjson or .csv files in the given directories")
    stdin = std_binary("stdin")
    stdin_name = stdin_filename or "<stdin>"
    inputs = [_opener(p, stdin_name if p == "-" else p, input_format, stdin) for p in files]

    def log(message: str) -> None:
        click.echo(f"armvalidate: {message}", err=True)

    progress = Progress()
    try:
        checker = Checker(
            options,
            jobs=jobs,
            strict=strict,
            max_errors=max_errors,
            log=log,
            progress=progress.update,
        )
    except Exception as exc:  # ProfileError, OSError reading a profile file
        raise click.UsageError(_profile_error_text(exc)) from None

    import armvalidate

    renderer = get_renderer(
        output_format,
        show_pii=show_pii,
        strict=strict,
        rules=armvalidate.rules(),
        version=armvalidate.__version__,
    )
    _refuse_overwrite(files, output=output, valid_out=valid_out, invalid_out=invalid_out)
    try:
        out_binary: IO[bytes] = (
            open(output, "wb") if output else std_binary("stdout")  # noqa: SIM115
        )
    except OSError as exc:
        raise click.UsageError(f"cannot write {output}: {exc.strerror or exc}") from None
    out = text_stream(out_binary)
    body: IO[str] = spool() if renderer.head_needs_summary else out
    splitter = _splitter(valid_out, invalid_out, sanitize=sanitize, strict=strict, log=log)
    status = 0
    try:
        if not renderer.head_needs_summary:
            out.write(renderer.head(None))

        def sink(record: Record, result: RecordResult, sanitized: Any) -> None:
            progress.description = record.source
            text = renderer.record(result)
            if text:
                body.write(text)
            if splitter is not None:
                splitter.write(record, result, sanitized)

        try:
            outcome = checker.run(inputs, sink)
        except SplitError as exc:
            log(str(exc))
            ctx.exit(2)
        except WorkerError as exc:  # killed from outside (out of memory?) or a failure in it
            log(f"{exc}: the check did not finish (--jobs 1 runs without workers)")
            ctx.exit(2)
        finally:
            progress.stop()
        summary = outcome.summary
        if renderer.head_needs_summary:
            out.write(renderer.head(summary))
            body.seek(0)
            while chunk := body.read(1 << 16):
                out.write(chunk)
        out.write(renderer.tail(summary))
        if summary.partial:
            log(f"stopped at --max-errors {max_errors}: the results are partial")
        if outcome.unreadable:
            status = 2
        elif summary.failed and not exit_zero:
            status = 1
    finally:
        if splitter is not None:
            splitter.close()
        if body is not out:
            body.close()
        out.flush()
        out.detach()
        if output:
            out_binary.close()
        else:
            out_binary.flush()
    ctx.exit(status)


def _refuse_overwrite(files: list[str], **targets: str | None) -> None:
    """Refuse an output file that is one of the inputs (it would be emptied before reading)."""
    inputs = {os.path.realpath(f) for f in files if f != "-"}
    for option, target in targets.items():
        if target and os.path.realpath(target) in inputs:
            flag = "-o/--output" if option == "output" else "--" + option.replace("_", "-")
            raise click.UsageError(f"{flag} {target} is also an input file")


def _profile_spec(
    profile: str | None, config: Config, select: tuple[str, ...], ignore: tuple[str, ...]
) -> ProfileSpec:
    table = config.profile or None
    table_name = str(config.path) if config.path else "custom"
    if profile is None:
        return ProfileSpec(table=table, table_name=table_name, select=select, ignore=ignore)
    if profile in BUILTIN_PROFILES:
        return ProfileSpec(
            name=profile, table=table, table_name=table_name, select=select, ignore=ignore
        )
    if Path(profile).is_file():
        return ProfileSpec(path=profile, select=select, ignore=ignore)
    raise click.BadParameter(
        f"{profile!r} is neither a built-in profile ({', '.join(BUILTIN_PROFILES)}) nor a file",
        param_hint="--profile",
    )


def _profile_error_text(exc: Exception) -> str:
    if isinstance(exc, OSError):
        return f"cannot read the profile: {exc.strerror or exc}"
    return str(exc)


def _splitter(
    valid_out: str | None,
    invalid_out: str | None,
    *,
    sanitize: bool,
    strict: bool,
    log: Any,
) -> Splitter | None:
    if not (valid_out or invalid_out):
        return None
    try:
        valid = open(valid_out, "wb") if valid_out else None  # noqa: SIM115
        invalid = open(invalid_out, "wb") if invalid_out else None  # noqa: SIM115
    except OSError as exc:
        raise click.UsageError(f"cannot write {exc.filename}: {exc.strerror}") from None
    return Splitter(
        valid, invalid, layout=default_layout(), sanitize=sanitize, strict=strict, log=log
    )
