"""The check engine: records in, located findings out, in input order, on one or many cores.

No click and no terminal here: the command (:mod:`armvalidate.cli.check`) wires options,
files and output to :class:`Checker`. With ``jobs > 1`` records travel in chunks to forked
workers (:mod:`armvalidate.cli.workers`; the checker validates chunks too when they are busy),
or where forking is unsafe to a pool of spawned processes; results come back in input order,
so the output is identical to one job's.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from armvalidate.catalog import Severity
from armvalidate.cli.workers import WorkerError, Workers, can_fork
from armvalidate.files.jsonreader import pointer_line, pointer_lines
from armvalidate.files.records import Record
from armvalidate.masking import redact_dates, scrub
from armvalidate.profile import Profile, get_profile, load_profile
from armvalidate.profile import profile_from_mapping as _profile_from_mapping
from armvalidate.render.model import Finding, RecordResult, Summary, Tally
from armvalidate.report import Issue, new_issue

if TYPE_CHECKING:
    from concurrent.futures import Future

__all__ = [
    "BUILTIN_PROFILES",
    "CheckOptions",
    "Checker",
    "Input",
    "Outcome",
    "ProfileSpec",
    "csv_column",
    "default_jobs",
    "locate",
]

BUILTIN_PROFILES = ("production", "arm", "test")

_CHUNK_RECORDS = 256
_CHUNK_CHARS = 1 << 20


@dataclass(frozen=True)
class ProfileSpec:
    """How to build the run's profile; plain data, so worker processes can rebuild it.

    ``name`` is a built-in profile, ``path`` a TOML file, ``table`` the ``[tool.armvalidate]``
    table (with ``name`` as its ``base``); ``select`` replaces the profile's select list,
    ``ignore`` extends its ignore list.
    """

    name: str | None = None
    path: str | None = None
    table: dict[str, Any] | None = None
    table_name: str = "custom"
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()

    def build(self) -> Profile:
        """The profile; raises :class:`ProfileError` or ``OSError``."""
        if self.path is not None:
            profile = load_profile(self.path)
        elif self.table:
            table = dict(self.table)
            if self.name is not None:
                table["base"] = self.name
            profile = _profile_from_mapping(table, name=self.name or self.table_name)
        else:
            profile = get_profile(self.name)
        if self.select or self.ignore:
            profile = replace(
                profile,
                select=self.select or profile.select,
                ignore=tuple(dict.fromkeys((*profile.ignore, *self.ignore))),
            )
        return profile


@dataclass(frozen=True)
class CheckOptions:
    """Everything the validation of one record depends on (sent to worker processes)."""

    profile: ProfileSpec = field(default_factory=ProfileSpec)
    operation: str = "create"
    today: date | None = None
    want_sanitized: bool = False
    redact: bool = True
    """Hide the dates of findings about birth dates and personal numbers (off: --show-pii);
    see :func:`shown_issue`."""


# -- validation of one record (main process or worker) ---------------------------------------

_WORKER: dict[str, Any] = {}


def _init_worker(options: CheckOptions) -> None:
    _WORKER["options"] = options
    _WORKER["profile"] = options.profile.build()


def _validate(
    payload: Any, batch: bool, options: CheckOptions, profile: Profile
) -> tuple[tuple[Issue, ...], Any]:
    import armvalidate

    try:
        if batch:
            report = armvalidate.validate_batch(
                payload, operation=options.operation, profile=profile, today=options.today
            )
        else:
            report = armvalidate.validate_customer(
                payload, operation=options.operation, profile=profile, today=options.today
            )
    except Exception as exc:  # validate_customer promises never to raise; belt and braces
        from armvalidate.checks.limits import UNPROCESSABLE

        issue = Issue(
            rule=UNPROCESSABLE.id,
            severity=Severity.ERROR,
            path="",
            field="",
            message=f"the validator failed on this record ({type(exc).__name__}); please report it",
        )
        return (issue,), None
    # The findings as the output shows them, made here, where they were found: a worker sends
    # them so (the scrub's cache that the validator filled is in its process).
    redact = options.redact
    shown = tuple(shown_issue(issue, redact=redact) for issue in report.issues)
    return shown, (report.sanitized if options.want_sanitized else None)


def _work_chunk(request: Any) -> list[tuple[tuple[Issue, ...], Any]]:
    """Validate the records of a chunk (a request made by :func:`_request`) in a worker."""
    options: CheckOptions = _WORKER["options"]
    profile: Profile = _WORKER["profile"]
    return [_validate(payload, batch, options, profile) for payload, batch in request]


def _reduce_issue(issue: Issue) -> tuple[Any, tuple[Any, ...]]:
    """How a worker pickles an Issue (see :class:`~armvalidate.cli.workers.Workers`): as the
    call of :func:`armvalidate.report.new_issue` that makes it again. Pickled as an object, it
    is rebuilt from a dict of its fields, and the look-up of ``__setstate__`` that this takes
    (the Issue has none: its ``__getattr__`` raises) cost the checker more than the rest."""
    return new_issue, (
        issue.rule,
        issue.severity,
        issue.path,
        issue.field,
        issue.message,
        issue.context,
        issue.value,
        issue.pii,
    )


def _request(chunk: list[Record]) -> Any:
    """What a worker gets for a chunk: the payloads of the records that were read (JSON texts,
    CSV rows), each with its batch flag.

    Each text travels as its own string. Joined into one, they pickled faster only while every
    text was Latin-1: one character beyond (``€``, a zero-width space, an emoji: 30 % of the
    benchmark's messy records) widens the whole chunk to two or four bytes a character, and
    the join cost 2.6 µs a record against 1.5 µs for the list (measured on 20,000 of them).
    """
    return [(r.payload, r.batch) for r in chunk if r.problem is None]


# -- inputs and outcome ----------------------------------------------------------------------


@dataclass(frozen=True)
class Input:
    """One input: a display name and a function that yields its records.

    ``open`` may raise ``OSError`` or :class:`armvalidate.files.InputError` (also while
    iterating); the checker reports those on ``log`` and goes on with the next input.
    """

    name: str
    open: Callable[[], Iterator[Record]]


@dataclass
class Outcome:
    """What a run found: the summary, and whether some input could not be read."""

    summary: Summary
    unreadable: list[str] = field(default_factory=list)


_SHOWN: list[tuple[Sequence[str], dict[str, str]]] = []


def _shown_columns(header: Sequence[str]) -> dict[str, str]:
    """The header's columns as a finding shows them (scrubbed of personal numbers, like the
    finding's path), keyed by their own name and by the scrubbed one. Kept for the last few
    headers by identity: every record of a CSV file shares its header's tuple, and hashing a
    header of a million columns per finding made wide files quadratic."""
    for seen, columns in _SHOWN:
        if seen is header:
            return columns
    shown = {column: scrub(column) for column in header}
    columns = {**{masked: masked for masked in shown.values()}, **shown}
    _SHOWN.insert(0, (header, columns))
    del _SHOWN[8:]
    return columns


def csv_column(path: str, header: Sequence[str], envelope: bool) -> str | None:
    """The CSV column a JSON Pointer points into, if the header has it, as findings show it:
    a column named with a personal number is masked (:func:`armvalidate.masking.scrub`,
    the same net that masks messages), and a masked pointer finds its column.

    >>> csv_column("/customer/postalAddress/cityName", ("postalAddress.cityName",), True)
    'postalAddress.cityName'
    >>> csv_column("/emailAddressDocument/1", ("emailAddressDocument",), False)
    'emailAddressDocument'
    >>> csv_column("/name", ("customerNo",), False) is None
    True
    >>> csv_column("/12015641779", ("12015641779",), False)
    '*********79'
    >>> csv_column("/*********79", ("12015641779",), False)
    '*********79'
    """
    parts = [p.replace("~1", "/").replace("~0", "~") for p in path.split("/")[1:]]
    if envelope and parts[:1] == ["customer"]:
        parts = parts[1:]
    columns = _shown_columns(header)
    for n in range(len(parts), 0, -1):
        candidate = ".".join(parts[:n])
        for name in (candidate, f"customer.{candidate}"):
            shown = columns.get(name)
            if shown is not None:
                return shown
    return None


_BIRTH_FIELDS = frozenset({"dateOfBirth", "yearOfBirth", "ssn", "ssnCountry"})


def _scrub_any(value: Any) -> Any:
    if isinstance(value, str):
        return scrub(value)
    if isinstance(value, (list, tuple)):
        return [_scrub_any(v) for v in value]
    if isinstance(value, dict):
        return {scrub(str(k)): _scrub_any(v) for k, v in value.items()}
    return value


def _dates_any(value: Any) -> Any:
    if isinstance(value, str):
        return redact_dates(value)
    if isinstance(value, (list, tuple)):
        return [_dates_any(v) for v in value]
    if isinstance(value, dict):
        return {k: _dates_any(v) for k, v in value.items()}
    return value


def shown_issue(issue: Issue, *, redact: bool = True) -> Issue:
    """``issue`` as the output may show it: message, path, field and context scrubbed of
    personal numbers once more at the edge (:func:`armvalidate.masking.scrub`, whatever the
    validator did), and, with ``redact``, the day and month of the dates in a finding about a
    birth date or a personal number hidden (:func:`armvalidate.masking.redact_dates`): next to
    the two digits a masked number shows, a full birth date would narrow the number down to a
    few candidates."""
    message = scrub(issue.message)
    path = scrub(issue.path)
    name = scrub(issue.field)
    context = issue.context
    if context and any(not isinstance(v, (int, float, type(None))) for v in context.values()):
        context = _scrub_any(dict(context))
    if redact and (
        issue.path.rsplit("/", 1)[-1] in _BIRTH_FIELDS or issue.rule.startswith(("ssn", "dob"))
    ):
        message = redact_dates(message)
        if context:
            context = _dates_any(context)
    if (
        message == issue.message
        and path == issue.path
        and name == issue.field
        and context == issue.context
    ):
        return issue
    return replace(issue, message=message, path=path, field=name, context=context)


def locate(
    record: Record, issues: Sequence[Issue], *, redact: bool = True, shown: bool = False
) -> RecordResult:
    """Put each issue of a record in its place: file, line (row, column), as the output shows
    it (:func:`shown_issue`; ``redact=False`` for ``--show-pii``). ``shown``: the issues are
    shown already (the checker's: :func:`_validate` made them so)."""
    lines = pointer_lines(record.text) if issues and record.multiline and record.text else None
    header = record.header or ()
    source = scrub(record.source) if redact else record.source  # (a name can hold a number)
    envelope = isinstance(record.payload, dict) and "metadata" in record.payload
    findings = []
    for issue in issues:
        line = record.line
        at = issue.context.get("line") if not issue.path else None
        if isinstance(at, int) and not isinstance(at, bool) and at > 0:
            line = record.line - 1 + at  # a syntax error: where the parser stopped
        elif lines is not None:
            line = record.line - 1 + pointer_line(lines, issue.path)
        column = csv_column(issue.path, header, envelope) if record.format == "csv" else None
        findings.append(
            Finding(
                file=source,
                line=line,
                issue=issue if shown else shown_issue(issue, redact=redact),
                record=record.index,
                row=record.row,
                column=column,
            )
        )
    return RecordResult(source, record.index, record.line, tuple(findings), record.row)


# -- the checker -----------------------------------------------------------------------------

Sink = Callable[[Record, RecordResult, Any], None]
"""Called for every record in order: the record, its result, and its sanitized form."""


class Checker:
    """Runs records through the validator and hands the results, in order, to ``sink``."""

    def __init__(
        self,
        options: CheckOptions,
        *,
        jobs: int = 1,
        strict: bool = False,
        max_errors: int | None = None,
        log: Callable[[str], None] = lambda message: None,
        progress: Callable[[int], None] | None = None,
        redact: bool | None = None,
    ) -> None:
        if redact is not None and redact != options.redact:  # (None: the options decide)
            options = replace(options, redact=redact)
        self.options = options
        self.redact = options.redact
        self.jobs = max(1, jobs)
        self.strict = strict
        self.max_errors = max_errors
        self.log = log
        self.progress = progress
        self.tally = Tally(strict=strict)
        self._profile = options.profile.build()
        self.profile = self._profile
        """The run's profile (its ``max_bytes`` limits the CSV rows the readers read)."""
        self._closers: list[Callable[[], None]] = []
        self.chunks = 0
        """Chunks of records validated with ``jobs > 1``, ``local_chunks`` of them in this
        process (the others by workers)."""
        self.local_chunks = 0

    # -- records from all inputs, with unreadable inputs logged --------------------------------

    def _records(self, inputs: Iterable[Input], outcome: Outcome) -> Iterator[Record]:
        from armvalidate.files.records import InputError

        for item in inputs:
            count = 0
            try:
                for record in item.open():
                    count += 1
                    yield record
            except (InputError, OSError, UnicodeError) as exc:
                outcome.unreadable.append(item.name)
                self.log(f"{item.name}: {_os_error_text(exc)}")
                continue
            if count == 0:
                self.log(f"{item.name}: no records")

    # -- the run ---------------------------------------------------------------------------

    def run(self, inputs: Sequence[Input], sink: Sink) -> Outcome:
        outcome = Outcome(summary=Summary())
        records = self._records(inputs, outcome)
        partial = False
        try:
            results = self._serial(records) if self.jobs == 1 else self._parallel(records)
            for record, issues, sanitized in results:
                stop = self._accept(record, issues, sanitized, sink)
                if stop:
                    partial = stop == "cut" or _has_more(results)
                    break
        finally:
            while self._closers:
                self._closers.pop()()
        outcome.summary = self.tally.summary(
            files=len(inputs) - len(outcome.unreadable),
            partial=partial,
            max_errors=self.max_errors,
            unreadable=len(outcome.unreadable),
        )
        return outcome

    def _accept(self, record: Record, issues: Sequence[Issue], sanitized: Any, sink: Sink) -> str:
        """Record a result; ``"cut"`` if findings were dropped at --max-errors, ``"full"`` if
        the limit is reached exactly, ``""`` to go on."""
        cut = ""
        if self.max_errors is not None:
            room = self.max_errors - self.tally.failing
            kept: list[Issue] = []
            for issue in issues:
                fails = issue.severity is Severity.ERROR or self.strict
                if fails:
                    if room <= 0:
                        cut = "cut"
                        break
                    room -= 1
                kept.append(issue)
            issues = kept
        # (the validator's findings were shown by _validate; a record's problem was not)
        result = locate(record, issues, redact=self.redact, shown=record.problem is None)
        self.tally.add(result)
        sink(record, result, sanitized)
        if self.progress is not None:
            self.progress(self.tally.records)
        if cut:
            return cut
        if self.max_errors is not None and self.tally.failing >= self.max_errors:
            return "full"
        return ""

    def _serial(self, records: Iterator[Record]) -> Iterator[tuple[Record, Sequence[Issue], Any]]:
        for record in records:
            if record.problem is not None:
                yield record, (record.problem,), None
                continue
            issues, sanitized = _validate(record.payload, record.batch, self.options, self._profile)
            yield record, issues, sanitized

    def _parallel(self, records: Iterator[Record]) -> Iterator[tuple[Record, Sequence[Issue], Any]]:
        if can_fork():
            return self._forked(records)
        return self._pooled(records)

    def _forked(self, records: Iterator[Record]) -> Iterator[tuple[Record, Sequence[Issue], Any]]:
        """``jobs - 1`` forked workers and this process: chunks go to the workers while fewer
        than ``_AHEAD`` per worker are out; when that many are and the oldest is not back,
        this process validates the next chunk itself instead of waiting (it reads and renders
        too, so it takes what the workers leave). At most ``_LOCAL_AHEAD`` chunks validated
        here wait behind a worker's, so memory stays bounded. Results leave in input order."""
        workers = Workers(
            self.jobs - 1,
            work=_work_chunk,
            initializer=_init_worker,
            initargs=(self.options,),
            reducers={Issue: _reduce_issue},
        )
        self._closers.append(workers.close)
        limit = (self.jobs - 1) * _AHEAD
        pending: deque[tuple[list[Record], int | list[tuple[tuple[Issue, ...], Any]]]] = deque()
        out = 0  # tickets among ``pending``

        def head_ready() -> bool:
            done = pending[0][1]
            return not isinstance(done, int) or workers.ready(done)

        def pop() -> list[tuple[Record, Sequence[Issue], Any]]:
            nonlocal out
            chunk, done = pending.popleft()
            if isinstance(done, int):
                out -= 1
                done = workers.result(done)
            return list(_merge(chunk, done))

        for chunk in _chunks(records):
            workers.pump(0)
            while pending and head_ready():
                yield from pop()
            if out >= limit and len(pending) < limit + _LOCAL_AHEAD:
                pending.append((chunk, self._local(chunk, workers.pump)))
                self.local_chunks += 1
            else:
                while out >= limit:  # far enough ahead: wait for the oldest
                    yield from pop()
                pending.append((chunk, workers.submit(_request(chunk))))
                out += 1
            self.chunks += 1
        while pending:
            yield from pop()

    def _local(
        self, chunk: list[Record], pump: Callable[[], None]
    ) -> list[tuple[tuple[Issue, ...], Any]]:
        results = []
        for n, record in enumerate(chunk):
            if record.problem is None:
                results.append(_validate(record.payload, record.batch, self.options, self._profile))
            if n % _PUMP_EVERY == 0:
                pump()  # keep the workers' sockets flowing
        return results

    def _pooled(self, records: Iterator[Record]) -> Iterator[tuple[Record, Sequence[Issue], Any]]:
        """Where forking is not safe: ``jobs`` spawned processes of an executor, this one
        waiting."""
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor  # (only here: ~20 ms to import)

        pool = ProcessPoolExecutor(
            max_workers=self.jobs,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_init_worker,
            initargs=(self.options,),
        )
        self._closers.append(lambda: pool.shutdown(wait=True, cancel_futures=True))
        window: deque[tuple[list[Record], Future[list[tuple[tuple[Issue, ...], Any]]]]] = deque()
        limit = self.jobs * _AHEAD
        for chunk in _chunks(records):
            window.append((chunk, pool.submit(_work_chunk, _request(chunk))))
            self.chunks += 1
            if len(window) >= limit:
                yield from _merge(*_finished(*window.popleft()))
        while window:
            yield from _merge(*_finished(*window.popleft()))


_AHEAD = 3
"""Chunks out at each worker at a time."""

_LOCAL_AHEAD = 4
"""How many chunks the checker may validate itself ahead of the oldest one out at a worker."""

_PUMP_EVERY = 16
"""Records the checker validates between two looks at the workers' sockets."""


def _finished(
    chunk: list[Record], future: Future[list[tuple[tuple[Issue, ...], Any]]]
) -> tuple[list[Record], list[tuple[tuple[Issue, ...], Any]]]:
    """A chunk and its results from the executor; a dead worker as a :class:`WorkerError`,
    as the forked workers report it."""
    from concurrent.futures.process import BrokenProcessPool

    try:
        return chunk, future.result()
    except BrokenProcessPool:
        raise WorkerError("a worker process ended before it answered") from None


def _merge(
    chunk: list[Record], results: list[tuple[tuple[Issue, ...], Any]]
) -> Iterator[tuple[Record, Sequence[Issue], Any]]:
    """The chunk's records with their results (records that could not be read had none)."""
    done = iter(results)
    for record in chunk:
        if record.problem is not None:
            yield record, (record.problem,), None
        else:
            issues, sanitized = next(done)
            yield record, issues, sanitized


def _chunks(records: Iterator[Record]) -> Iterator[list[Record]]:
    chunk: list[Record] = []
    size = 0
    for record in records:
        chunk.append(record)
        size += len(record.text or "") + 200
        if len(chunk) >= _CHUNK_RECORDS or size >= _CHUNK_CHARS:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def _has_more(results: Iterator[Any]) -> bool:
    return next(results, None) is not None


def _os_error_text(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return f"cannot read: {exc.strerror}"
    return str(exc) or type(exc).__name__


def default_jobs(jobs: int) -> int:
    """``0`` means every core this process may use."""
    if jobs > 0:
        return jobs
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1
