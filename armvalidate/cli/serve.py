"""``armvalidate serve``: the local ARM stand-in (needs the ``server`` extra)."""

from __future__ import annotations

import sqlite3
from typing import Any

import click

__all__ = ["serve"]

_EXTRA = "armvalidate serve needs the server extra: pip install 'armvalidate[server]'"


def _parse_tokens(values: tuple[str, ...]) -> dict[str, Any]:
    """``T`` (every client) or ``T:2218,2219`` (only those client numbers)."""
    tokens: dict[str, Any] = {}
    for value in values:
        token, sep, clients = value.partition(":")
        if not token.strip():
            raise click.BadParameter("a token may not be empty", param_hint="--token")
        if not sep:
            tokens[token] = None
            continue
        try:
            numbers = [int(c) for c in clients.split(",") if c.strip()]
        except ValueError:
            raise click.BadParameter(
                f"{value!r}: client numbers must be integers (T:2218,2219)", param_hint="--token"
            ) from None
        tokens[token] = numbers
    return tokens


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=0,
    show_default=True,
    help="Port; 0 picks a free one.",
)
@click.option(
    "--mode",
    type=click.Choice(["lenient", "strict"]),
    default="lenient",
    show_default=True,
    help="lenient: like ARM, warnings; strict: errors give 422.",
)
@click.option(
    "--warnings",
    type=click.Choice(["arm", "all"]),
    default="arm",
    show_default=True,
    help="What answers' warnings hold: arm, what ARM itself would answer (sanitized e-mail "
    "addresses); all, every warning-level finding of armvalidate.",
)
@click.option(
    "--token",
    "tokens",
    multiple=True,
    metavar="T[:CLIENTS]",
    help="Bearer token, granted every client or only CLIENTS (2218,2219). Repeatable. "
    "Default: a random token granted every client.",
)
@click.option(
    "--db",
    type=click.Path(dir_okay=False),
    default=None,
    help="SQLite file (WAL; survives restarts). Default: in memory.",
)
@click.option(
    "--faults",
    default=None,
    metavar="SPEC",
    help="Fault plan, e.g. 'post-customer:429@0.1;*:drop@0.01' (see docs/server.md).",
)
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the fault plan.")
@click.option("--base-path", default="/arm/v1", show_default=True, help="Prefix of the API.")
@click.option(
    "--batch-polls",
    type=click.IntRange(0),
    default=1,
    show_default=True,
    help="Polls a batch answers 202 before it completes.",
)
@click.option(
    "--batch-seconds",
    type=click.FloatRange(0),
    default=0.0,
    show_default=True,
    help="Seconds a batch takes at least.",
)
@click.option(
    "--today",
    type=click.DateTime(["%Y-%m-%d"]),
    default=None,
    help="The date birth and stop dates are compared with (default: today).",
)
@click.option(
    "--allow-remote",
    is_flag=True,
    help="Allow a non-loopback --host (the stand-in has no TLS and a dev token).",
)
def serve(
    host: str,
    port: int,
    mode: str,
    tokens: tuple[str, ...],
    db: str | None,
    faults: str | None,
    seed: int,
    base_path: str,
    batch_polls: int,
    batch_seconds: float,
    today: Any,
    allow_remote: bool,
    warnings: str,
) -> None:
    """Run the local ARM stand-in until Ctrl-C or SIGTERM.

    The first line of stdout is the base URL and the token: ``URL token=TOKEN``.
    """
    try:
        import uvicorn

        from armvalidate.stub.app import create_app
        from armvalidate.stub.faults import FaultPlan, FaultSpecError
        from armvalidate.stub.server import CleanExitServer, _quiet_drops, _service, bind
    except ImportError:
        raise click.UsageError(_EXTRA) from None
    try:
        plan = FaultPlan.parse(faults, seed=seed)
    except FaultSpecError as exc:
        raise click.BadParameter(str(exc), param_hint="--faults") from None
    parsed = _parse_tokens(tokens)
    main = next(iter(parsed)) if parsed else None
    try:
        service, token = _service(
            mode=mode,
            token=main,
            tokens=parsed,
            db=db,
            faults=plan,
            seed=seed,
            batch_polls=batch_polls,
            batch_seconds=batch_seconds,
            today=today.date() if today is not None else None,
            warnings=warnings,
        )
    except sqlite3.Error as exc:
        raise click.BadParameter(f"cannot open the database: {exc}", param_hint="--db") from None
    app = create_app(service, base_path=base_path)
    try:
        sock = bind(host, port, allow_remote=allow_remote)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    except OSError as exc:
        raise click.UsageError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    bound_host, bound_port = sock.getsockname()[:2]
    shown = f"[{bound_host}]" if ":" in bound_host else bound_host
    url = f"http://{shown}:{bound_port}{app.state.base_path}"
    click.echo(f"{url} token={token}")
    click.echo(
        f"armvalidate serve: mode {mode}, store {db or 'in memory'}, faults "
        f"{plan.spec or 'none'} (seed {seed}); admin at http://{shown}:{bound_port}/_stub/; "
        "Ctrl-C stops",
        err=True,
    )
    _quiet_drops()
    config = uvicorn.Config(
        app, log_level="warning", lifespan="off", access_log=False, timeout_graceful_shutdown=2
    )
    try:
        CleanExitServer(config).run(sockets=[sock])
    finally:
        sock.close()
        service.store.close()
    click.echo("armvalidate serve: stopped", err=True)
