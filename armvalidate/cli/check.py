"""``armvalidate check PATH...``: validate customer files before they are sent."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
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
from armvalidate.cli.output import (
    OutputFile,
    Progress,
    Terminated,
    same_target,
    spool,
    std_binary,
    terminate_cleanly,
    text_stream,
    write_error_text,
)
from armvalidate.cli.params import FilePath
from armvalidate.cli.split import SplitError, Splitter
from armvalidate.cli.workers import WorkerError
from armvalidate.masking import scrub
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


def _expand(paths: tuple[str, ...]) -> tuple[list[tuple[str, OSError | None]], list[str]]:
    """Files to check: ``-`` and files as given, directories walked (sorted) for data files.

    Each comes with the error that makes it unreadable (a missing path, a symlink loop, a
    subdirectory that cannot be listed), reported in its place when the run gets there, so
    the other inputs are still checked and the run exits with 2. The second list holds what a
    directory walk skipped: entries that are not regular files (a FIFO would block the run,
    a device never end)."""
    out: list[tuple[str, OSError | None]] = []
    skipped: list[str] = []
    for path in paths:
        if path == "-":
            out.append((path, None))
            continue
        try:
            st = os.stat(path)
        except OSError as exc:
            out.append((path, exc))
            continue
        except ValueError:  # a NUL byte in the name
            out.append((path, OSError(errno.EINVAL, "not a valid file name")))
            continue
        if not stat.S_ISDIR(st.st_mode):
            out.append((path, None))
            continue
        found: list[tuple[str, OSError | None]] = []

        def unreadable(exc: OSError) -> None:
            found.append((exc.filename or path, exc))  # noqa: B023 - called during this walk

        for root, dirs, files in os.walk(path, onerror=unreadable):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in files:
                if not name.lower().endswith(_EXTENSIONS):
                    continue
                full = os.path.join(root, name)
                try:
                    mode = os.stat(full).st_mode
                except OSError as exc:
                    found.append((full, exc))
                    continue
                if stat.S_ISREG(mode):
                    found.append((full, None))
                else:
                    skipped.append(full)
        out.extend(sorted(found, key=lambda item: item[0]))
    return out, skipped


def _opener(
    path: str,
    display: str,
    fmt: Format | None,
    stdin: IO[bytes] | None,
    error: OSError | None,
    max_row_bytes: int,
) -> Input:
    def records() -> Iterator[Record]:
        if error is not None:
            raise error
        if path == "-":
            if stdin is None:
                raise OSError(errno.EBADF, "stdin is closed")
            yield from read_records(
                stdin,
                display,
                format=fmt or format_from_name(display),
                max_row_bytes=max_row_bytes,
            )
            return
        with open(path, "rb") as fh:
            yield from read_records(fh, display, format=fmt, max_row_bytes=max_row_bytes)

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
    type=FilePath(dir_okay=False, writable=True, allow_dash=True),
    help="Write findings to FILE, not stdout (- is stdout).",
)
@click.option(
    "--show-pii/--no-show-pii",
    default=False,
    help="Show the raw offending values (masked by default).",
)
@click.option(
    "--valid-out",
    type=FilePath(dir_okay=False, writable=True, allow_dash=True),
    help="Write the records without errors to FILE (- is stdout).",
)
@click.option(
    "--invalid-out",
    type=FilePath(dir_okay=False, writable=True, allow_dash=True),
    help="Write the records with errors to FILE (- is stdout).",
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
    entries, skipped = _expand(paths)
    if not entries:
        raise click.UsageError("no .json, .jsonl, .ndjson or .csv files in the given directories")
    _check_targets(
        [p for p, error in entries if error is None],
        output=output,
        valid_out=valid_out,
        invalid_out=invalid_out,
    )

    def shown(text: str) -> str:  # (a file name can hold a personal number too)
        return text if show_pii else scrub(text)

    def log(message: str) -> None:
        click.echo(f"armvalidate: {shown(message)}", err=True)

    for path in skipped:
        log(f"{path}: not a regular file (a FIFO, a device, a socket); skipped")

    progress = Progress()
    try:
        checker = Checker(
            options,
            jobs=jobs,
            strict=strict,
            max_errors=max_errors,
            log=log,
            progress=progress.update,
            redact=not show_pii,
        )
    except Exception as exc:  # ProfileError, OSError reading a profile file
        raise click.UsageError(_profile_error_text(exc)) from None

    stdin: IO[bytes] | None = None
    if any(p == "-" for p, _ in entries):
        try:
            stdin = std_binary("stdin")
        except OSError:
            stdin = None  # (reported as an unreadable input when its turn comes)
    stdin_name = shown(stdin_filename or "<stdin>")
    max_row_bytes = checker.profile.max_bytes
    inputs = [
        _opener(p, stdin_name if p == "-" else shown(p), input_format, stdin, error, max_row_bytes)
        for p, error in entries
    ]

    import armvalidate

    renderer = get_renderer(
        output_format,
        show_pii=show_pii,
        strict=strict,
        rules=armvalidate.rules(),
        version=armvalidate.__version__,
    )
    with terminate_cleanly():
        status = _run(
            ctx,
            checker,
            inputs,
            renderer,
            progress,
            log,
            output=output,
            valid_out=valid_out,
            invalid_out=invalid_out,
            sanitize=sanitize,
            strict=strict,
            exit_zero=exit_zero,
            max_errors=max_errors,
        )
    ctx.exit(status)


def _open_outputs(
    output: str | None, valid_out: str | None, invalid_out: str | None
) -> tuple[OutputFile, OutputFile | None, OutputFile | None]:
    """The outputs, each written aside until the run is complete (:class:`OutputFile`); one
    that cannot be created is a usage error, and none is left behind."""
    opened: list[OutputFile] = []
    for path in (output or "-", valid_out, invalid_out):
        if path is None:
            continue
        try:
            opened.append(OutputFile(path))
        except OSError as exc:
            for target in opened:
                target.discard()
            name = "stdout" if path == "-" else scrub(path)
            raise click.UsageError(f"cannot write {name}: {exc.strerror or exc}") from None
    found = iter(opened)
    out = next(found)
    valid = next(found) if valid_out is not None else None
    invalid = next(found) if invalid_out is not None else None
    return out, valid, invalid


def _run(
    ctx: click.Context,
    checker: Checker,
    inputs: list[Input],
    renderer: Any,
    progress: Progress,
    log: Any,
    *,
    output: str | None,
    valid_out: str | None,
    invalid_out: str | None,
    sanitize: bool,
    strict: bool,
    exit_zero: bool,
    max_errors: int | None,
) -> int:
    """Check ``inputs`` into the outputs; the exit status. The outputs are kept only when the
    run is complete; on any failure (a full disk, a signal, a dead worker, a bug) they are
    removed, so no file that looks finished holds part of the records."""
    out_file, valid_file, invalid_file = _open_outputs(output, valid_out, invalid_out)
    targets = [t for t in (out_file, valid_file, invalid_file) if t is not None]
    out = text_stream(out_file.stream)
    body: IO[str] = spool() if renderer.head_needs_summary else out
    splitter = (
        Splitter(
            valid_file.stream if valid_file else None,
            invalid_file.stream if invalid_file else None,
            layout=default_layout(),
            sanitize=sanitize,
            strict=strict,
            log=log,
        )
        if valid_file or invalid_file
        else None
    )
    done = False
    keep_split = True
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
            return 2
        except WorkerError as exc:  # killed from outside (out of memory?) or a failure in it
            log(f"{exc}: the check did not finish (--jobs 1 runs without workers)")
            return 2
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
            if splitter is not None:
                keep_split = False
                log(
                    "--valid-out/--invalid-out were not written: the records after the stop "
                    "were never split"
                )
        if outcome.unreadable and splitter is not None:
            log("--valid-out/--invalid-out hold only the records of the inputs that were read")
        if outcome.unreadable:
            status = 2
        elif summary.failed and not exit_zero:
            status = 1
        if splitter is not None:
            splitter.close()
        out.flush()
        out.detach()
        for target in targets:  # (a full disk may show only now, at close)
            split = target is valid_file or target is invalid_file
            if keep_split or not split:
                target.commit()
        done = True
    except BrokenPipeError:
        raise
    except OSError as exc:
        log(write_error_text(exc, _which(exc, targets)))
        return 2
    except Terminated:
        log("terminated: the output files were not written")
        raise
    finally:
        if not done and splitter is not None:
            with contextlib.suppress(Exception):
                splitter.close()
        if body is not out:
            with contextlib.suppress(OSError):
                body.close()
        with contextlib.suppress(OSError, ValueError):
            out.detach()
        for target in targets:
            target.discard()  # (nothing left to do for one committed)
    return status


def _which(exc: OSError, targets: list[OutputFile]) -> str:
    if isinstance(exc.filename, str) and exc.filename:
        return exc.filename
    return "the output"


def _check_targets(files: list[str], **targets: str | None) -> None:
    """Refuse an output that is one of the inputs (it would be emptied before reading), or
    that another output names too (they would overwrite each other); ``-`` is stdout, where
    the findings go without ``-o``."""
    _refuse_overwrite(files, **targets)
    named = {option: target for option, target in targets.items() if target is not None}
    if "output" not in named:
        named["output"] = "-"
    flags = {option: _flag(option) for option in named}
    options = list(named)
    for i, first in enumerate(options):
        for second in options[i + 1 :]:
            if same_target(named[first], named[second]):
                where = "stdout" if named[first] == "-" else scrub(named[first])
                raise click.UsageError(
                    f"{flags[first]} and {flags[second]} both write to {where}; "
                    "give each its own file"
                )


def _flag(option: str) -> str:
    return "-o/--output" if option == "output" else "--" + option.replace("_", "-")


def _refuse_overwrite(files: list[str], **targets: str | None) -> None:
    """Refuse an output file that is one of the inputs (it would be emptied before reading)."""
    inputs = [f for f in files if f != "-"]
    for option, target in targets.items():
        if target and target != "-" and any(same_target(target, f) for f in inputs):
            raise click.UsageError(f"{_flag(option)} {scrub(target)} is also an input file")


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
