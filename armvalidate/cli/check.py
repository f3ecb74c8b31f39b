"""``armvalidate check PATH...``: validate customer files before they are sent."""

from __future__ import annotations

import codecs
import contextlib
import errno
import io
import os
import stat
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
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
    Terminated,
    same_target,
    spool,
    std_binary,
    terminate_cleanly,
    text_stream,
    write_error_text,
)
from armvalidate.cli.params import FilePath
from armvalidate.cli.progress import ByteCounter, CountingReader, Progress, input_size
from armvalidate.cli.split import SplitError, Splitter
from armvalidate.cli.workers import WorkerError
from armvalidate.files.csvlayout import default_layout
from armvalidate.files.read import read_records
from armvalidate.files.records import Format, Record
from armvalidate.files.sniff import format_from_name
from armvalidate.masking import scrub
from armvalidate.render import FORMATS, RecordResult, Unreadable, get_renderer
from armvalidate.report import Issue

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


def _expand(
    paths: tuple[str, ...], exclude: Sequence[str] = ()
) -> tuple[list[tuple[str, OSError | None]], list[str], int]:
    """Files to check, what a directory walk skipped, and how many ``exclude`` left out.

    ``-`` and files are taken as given (unless ``exclude`` matches them); directories are walked
    (sorted) for data files, leaving out hidden directories, what ``exclude`` matches and what
    git ignores (``.gitignore``, ``.git/info/exclude``, the global excludes file; without git,
    the ``.gitignore`` files met on the way).

    Each file comes with the error that makes it unreadable (a missing path, a symlink loop, a
    subdirectory that cannot be listed), reported in its place when the run gets there, so
    the other inputs are still checked and the run exits with 2. The second list holds what a
    directory walk skipped: entries that are not regular files (a FIFO would block the run,
    a device never end)."""
    spec = _exclude_spec(exclude)
    out: list[tuple[str, OSError | None]] = []
    skipped: list[str] = []
    excluded = 0
    for path in paths:
        if path == "-":
            out.append((path, None))
            continue
        try:
            st = os.stat(path)
        except OSError as exc:
            if _excluded(spec, path, False):
                excluded += 1
            else:
                out.append((path, exc))
            continue
        except ValueError:  # a NUL byte in the name
            out.append((path, OSError(errno.EINVAL, "not a valid file name")))
            continue
        if not stat.S_ISDIR(st.st_mode):
            if _excluded(spec, path, False):
                excluded += 1
            else:
                out.append((path, None))
            continue
        found: list[tuple[str, OSError | None]] = []
        candidates: list[str] = []

        def unreadable(exc: OSError) -> None:
            found.append((exc.filename or path, exc))  # noqa: B023 - called during this walk

        for root, dirs, files in os.walk(path, onerror=unreadable):
            dirs[:] = sorted(
                d
                for d in dirs
                if not d.startswith(".") and not _excluded(spec, os.path.join(root, d), True)
            )
            for name in files:
                if not name.lower().endswith(_EXTENSIONS):
                    continue
                full = os.path.join(root, name)
                if _excluded(spec, full, False):
                    excluded += 1
                else:
                    candidates.append(full)
        for full in _not_git_ignored(path, candidates):
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
    return out, skipped, excluded


def _exclude_spec(patterns: Sequence[str]) -> Any:
    if not patterns:
        return None
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(patterns)


def _excluded(spec: Any, path: str, is_dir: bool) -> bool:
    """Does a gitignore-style ``--exclude`` pattern match ``path`` (relative to the current
    directory) or one of its parent directories?"""
    if spec is None:
        return False
    rel = os.path.relpath(path) if os.path.isabs(path) else os.path.normpath(path)
    rel = rel.replace(os.sep, "/")
    return bool(spec.match_file(rel + "/" if is_dir else rel))


def _not_git_ignored(directory: str, files: list[str]) -> list[str]:
    """``files`` less those git would ignore (``git check-ignore``), or, where git is missing
    or the directory is not in a work tree, less those the ``.gitignore`` files match."""
    if not files:
        return files
    import subprocess

    try:
        done = subprocess.run(
            ["git", "check-ignore", "--stdin", "-z"],
            input="\0".join(files).encode("utf-8", "surrogateescape"),
            capture_output=True,
            cwd=None,
            check=False,
            timeout=60,
        )
    except (OSError, subprocess.SubprocessError):
        done = None
    if done is not None and done.returncode in (0, 1):  # 1: nothing ignored
        ignored = {
            os.path.normpath(name.decode("utf-8", "surrogateescape"))
            for name in done.stdout.split(b"\0")
            if name
        }
        return [f for f in files if os.path.normpath(f) not in ignored]
    return _gitignore_files_filter(directory, files)


def _gitignore_files_filter(directory: str, files: list[str]) -> list[str]:
    """Outside a git work tree: apply each ``.gitignore`` under ``directory`` to the files
    beneath it (the same pattern language, read by ``pathspec``)."""
    import pathspec

    specs: list[tuple[str, Any]] = []
    for root, dirs, names in os.walk(directory):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        if ".gitignore" in names:
            try:
                with open(os.path.join(root, ".gitignore"), encoding="utf-8") as fh:
                    specs.append((root, pathspec.GitIgnoreSpec.from_lines(fh)))
            except (OSError, UnicodeError):
                continue
    if not specs:
        return files
    kept = []
    for file in files:
        hidden = False
        for root, spec in specs:
            rel = os.path.relpath(file, root)
            if not rel.startswith(".."):
                hidden = hidden or bool(spec.match_file(rel.replace(os.sep, "/")))
        if not hidden:
            kept.append(file)
    return kept


class _Recoded(io.RawIOBase):
    """A binary stream in ``encoding``, read as UTF-8 (``--encoding cp1252`` for Excel's CSV).

    >>> reader = io.BufferedReader(_Recoded(io.BytesIO("Bodø;Ålesund".encode("cp1252")), "cp1252"))
    >>> reader.read().decode("utf-8")
    'Bodø;Ålesund'
    """

    def __init__(self, stream: IO[bytes], encoding: str) -> None:
        super().__init__()
        self._stream = stream
        self._decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
        self._pending = b""
        self._done = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._pending and not self._done:
            chunk = self._stream.read(1 << 16)
            self._done = not chunk
            text = self._decoder.decode(chunk, final=self._done)
            self._pending = text.encode("utf-8")
        n = min(len(buffer), len(self._pending))
        buffer[:n] = self._pending[:n]
        self._pending = self._pending[n:]
        return n


def _opener(
    path: str,
    display: str,
    fmt: Format | None,
    stdin: IO[bytes] | None,
    error: OSError | None,
    max_row_bytes: int,
    *,
    failures: list[Unreadable],
    encoding: str | None = None,
    counter: ByteCounter | None = None,
) -> Input:
    """An input whose read errors (``error`` found when the paths were expanded, or one met
    while reading) are also kept in ``failures`` (for the machine-readable formats); the
    checker logs them and goes on with the next input."""
    from armvalidate.files.records import InputError

    def wrap(stream: IO[bytes]) -> IO[bytes]:
        if counter is not None:
            stream = io.BufferedReader(CountingReader(stream, counter))
        if encoding is not None:
            stream = io.BufferedReader(_Recoded(stream, encoding))
        return stream

    def records() -> Iterator[Record]:
        try:
            if error is not None:
                raise error
            if path == "-":
                if stdin is None:
                    raise OSError(errno.EBADF, "stdin is closed")
                yield from read_records(
                    wrap(stdin),
                    display,
                    format=fmt or format_from_name(display),
                    max_row_bytes=max_row_bytes,
                )
                return
            with open(path, "rb") as fh:
                yield from read_records(wrap(fh), display, format=fmt, max_row_bytes=max_row_bytes)
        except (InputError, OSError, UnicodeError) as exc:
            failures.append(Unreadable(display, _unreadable_text(exc, encoding)))
            raise

    return Input(display, records)


def _unreadable_text(exc: BaseException, encoding: str | None) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return f"cannot read: {exc.strerror}"
    if isinstance(exc, UnicodeDecodeError):
        return f"not {encoding or 'UTF-8'} text (byte {exc.start}): try --encoding"
    return str(exc) or type(exc).__name__


def _rule_matches(rule: str, patterns: Sequence[str]) -> bool:
    return any(rule == p or rule.startswith(p + ".") for p in patterns)


class _PerFileChecker(Checker):
    """A checker that drops the findings ``per-file-ignores`` names for a file.

    Findings of the rules the catalog marks ``fatal`` ("not checked at all": ``input.*``...)
    are always kept, as with ``--ignore``.
    """

    def __init__(self, *args: Any, per_file: Mapping[str, Sequence[str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        import pathspec

        self._per_file = [
            (pathspec.GitIgnoreSpec.from_lines([pattern]), tuple(rules))
            for pattern, rules in per_file.items()
        ]
        self._cache: dict[str, tuple[str, ...]] = {}
        import armvalidate

        self._fatal = frozenset(r.id for r in armvalidate.rules() if r.fatal)

    def _ignored(self, source: str) -> tuple[str, ...]:
        found = self._cache.get(source)
        if found is None:
            rel = os.path.relpath(source) if os.path.isabs(source) else os.path.normpath(source)
            rel = rel.replace(os.sep, "/")
            found = tuple(
                r for spec, rules in self._per_file if spec.match_file(rel) for r in rules
            )
            self._cache[source] = found
        return found

    def _accept(self, record: Record, issues: Sequence[Issue], sanitized: Any, sink: Any) -> str:
        ignored = self._ignored(record.source)
        if ignored and issues:
            issues = [  # (a fatal rule means "not checked at all": always kept)
                i for i in issues if i.rule in self._fatal or not _rule_matches(i.rule, ignored)
            ]
        return super()._accept(record, issues, sanitized, sink)


def _use_color(choice: str, *, to_terminal: bool) -> bool:
    """``--color``: ``always``/``never``; ``auto`` honours ``NO_COLOR`` and ``FORCE_COLOR``
    (https://no-color.org, https://force-color.org), else colours a terminal."""
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return to_terminal and os.environ.get("TERM") != "dumb"


def _statistics(summary: Any, output_format: str) -> str:
    """``--statistics``: the count of findings per rule instead of the findings."""
    import armvalidate
    from armvalidate.render.base import json_text

    rows = [
        {
            "rule": rule,
            "severity": severity.value,
            "count": count,
            "summary": armvalidate.get_rule(rule).summary,
        }
        for rule, (severity, count) in sorted(
            summary.rules.items(), key=lambda item: (-item[1][1], item[0])
        )
    ]
    if output_format == "json":
        return json_text(rows) + "\n"
    width = max((len(r["rule"]) for r in rows), default=4)
    return "".join(
        f"{r['count']:>7}  {r['rule']:<{width}}  {r['severity']:<7}  {r['summary']}\n" for r in rows
    )


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
    "--extend-select",
    multiple=True,
    metavar="RULES",
    help="Add these rule ids or prefixes to the selected ones (repeatable, comma-separated).",
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
@click.option(
    "--exclude",
    multiple=True,
    metavar="PATTERN",
    help="Leave out files matching this gitignore-style pattern (repeatable). Directories are "
    "walked without hidden and git-ignored files anyway.",
)
@click.option(
    "--encoding",
    metavar="NAME",
    help="Read the inputs in this encoding (e.g. cp1252 for CSV from Excel); default UTF-8.",
)
@click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Colour the text output by severity (auto: on a terminal; honours NO_COLOR and "
    "FORCE_COLOR).",
)
@click.option(
    "-q",
    "--quiet",
    is_flag=True,
    help="Print the findings and nothing else (no summary, no progress).",
)
@click.option(
    "--statistics",
    is_flag=True,
    help="Print the number of findings per rule instead of the findings (text or json).",
)
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
    extend_select: tuple[str, ...] = (),
    exclude: tuple[str, ...] = (),
    encoding: str | None = None,
    color: str = "auto",
    quiet: bool = False,
    statistics: bool = False,
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
    exclude = (*config.cli.get("exclude", ()), *exclude)
    encoding = encoding or config.cli.get("encoding")
    if encoding is not None:
        try:
            encoding = codecs.lookup(encoding).name
        except LookupError:
            raise click.BadParameter(
                f"unknown encoding {encoding!r}", param_hint="--encoding"
            ) from None
        if encoding == "utf-8":
            encoding = None  # the readers' own: UTF-8 with or without a byte order mark
    if statistics and output_format not in ("text", "json"):
        raise click.UsageError("--statistics works with --format text or json")

    spec = _profile_spec(profile, config, _split_ids(select), _split_ids(ignore))
    if extend_select:
        spec = _extend_select(spec, _split_ids(extend_select), config)
    options = CheckOptions(
        profile=spec,
        operation=operation,
        today=today or date.today(),
        want_sanitized=sanitize,
        redact=not show_pii,
    )
    entries, skipped, excluded = _expand(paths, exclude)
    if not entries and excluded:  # everything given was excluded: nothing to do is no error
        if not quiet:
            click.echo(f"armvalidate: all {excluded} file(s) excluded, nothing checked", err=True)
        ctx.exit(0)
    if not entries:
        raise click.UsageError("no .json, .jsonl, .ndjson or .csv files in the given directories")
    readable = [p for p, error in entries if error is None]
    _check_targets(readable, output=output, valid_out=valid_out, invalid_out=invalid_out)

    def shown(text: str) -> str:  # (a file name can hold a personal number too)
        return text if show_pii else scrub(text)

    def log(message: str) -> None:
        click.echo(f"armvalidate: {shown(message)}", err=True)

    for path in skipped:
        log(f"{path}: not a regular file (a FIFO, a device, a socket); skipped")

    counter = ByteCounter()
    progress = Progress(
        enabled=False if quiet else None, total=input_size(readable), counter=counter
    )
    per_file = config.cli.get("per-file-ignores") or {}
    started = time.monotonic()
    try:
        checker_options: dict[str, Any] = {
            "jobs": jobs,
            "strict": strict,
            "max_errors": max_errors,
            "log": log,
            "progress": progress.update,
        }
        checker = (
            _PerFileChecker(options, per_file=per_file, **checker_options)
            if per_file
            else Checker(options, **checker_options)
        )
    except Exception as exc:  # ProfileError, OSError reading a profile file
        raise click.UsageError(_profile_error_text(exc, config)) from None

    stdin: IO[bytes] | None = None
    if any(p == "-" for p, _ in entries):
        try:
            stdin = std_binary("stdin")
        except OSError:
            stdin = None  # (reported as an unreadable input when its turn comes)
    stdin_name = shown(stdin_filename or "<stdin>")
    max_row_bytes = checker.profile.max_bytes
    failures: list[Unreadable] = []
    inputs = [
        _opener(
            p,
            stdin_name if p == "-" else shown(p),
            input_format,
            stdin,
            error,
            max_row_bytes,
            failures=failures,
            encoding=encoding,
            counter=counter,
        )
        for p, error in entries
    ]

    import armvalidate

    renderer = get_renderer(
        output_format,
        show_pii=show_pii,
        strict=strict,
        rules=armvalidate.rules(),
        version=armvalidate.__version__,
        color=_use_color(
            color, to_terminal=(not output or output == "-") and _stdout_is_terminal()
        ),
        quiet=quiet,
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
            failures=failures,
            started=started,
            statistics=output_format if statistics else None,
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
    failures: list[Unreadable],
    started: float,
    statistics: str | None = None,
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
        if not renderer.head_needs_summary and statistics is None:
            out.write(renderer.head(None))

        def sink(record: Record, result: RecordResult, sanitized: Any) -> None:
            progress.description = record.source
            text = renderer.record(result) if statistics is None else ""
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
        summary = replace(
            outcome.summary,
            unreadable_inputs=tuple(failures),
            elapsed=time.monotonic() - started,
        )
        if statistics is not None:
            out.write(_statistics(summary, statistics))
        else:
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


def _profile_error_text(exc: Exception, config: Config | None = None) -> str:
    if isinstance(exc, OSError):
        return f"cannot read the profile: {exc.strerror or exc}"
    text = str(exc)
    if config is not None and config.path is not None and str(config.path) not in text:
        text = f"{config.path}: [tool.armvalidate]: {text}"  # name the file that says it
    return text


def _stdout_is_terminal() -> bool:
    try:
        return os.isatty(1)
    except OSError:  # pragma: no cover
        return False


def _extend_select(spec: ProfileSpec, extra: tuple[str, ...], config: Config) -> ProfileSpec:
    """``--extend-select``: the selected rules (``--select``, else the profile's), plus these.
    An empty selection means every rule already, so then it changes nothing."""
    selected = spec.select
    if not selected:
        try:
            selected = tuple(replace(spec, select=(), ignore=()).build().select)
        except Exception as exc:
            raise click.UsageError(_profile_error_text(exc, config)) from None
    if not selected:
        return spec
    return replace(spec, select=tuple(dict.fromkeys((*selected, *extra))))
