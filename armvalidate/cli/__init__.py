"""The ``armvalidate`` command line.

``armvalidate check PATH...`` checks files, ``rules`` lists the rule catalog, ``rule ID`` shows
one rule, ``schema`` prints the JSON Schema of the request body, ``generate`` writes fixtures.
Findings go to stdout (or ``-o``), logs to stderr. Exit status: 0 no errors, 1 errors found, 2
usage error or unreadable input. There is never a traceback: an unexpected failure prints one
line and exits with 2 (set ``ARMVALIDATE_DEBUG=1`` to see the traceback).
"""

from __future__ import annotations

import os
import sys
import traceback

import click

from armvalidate import __version__
from armvalidate.cli.check import check
from armvalidate.cli.generate import generate
from armvalidate.cli.info import rule, rules, schema
from armvalidate.cli.openapi import openapi
from armvalidate.cli.serve import serve

__all__ = ["cli", "main"]


def _internal_error(exc: BaseException) -> None:
    click.echo(
        f"armvalidate: internal error ({type(exc).__name__}); please report it "
        "(ARMVALIDATE_DEBUG=1 shows the traceback)",
        err=True,
    )


class _Group(click.Group):
    """A group whose commands never end in a traceback: one line on stderr, exit status 2."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort, KeyboardInterrupt):
            raise
        except BrokenPipeError:
            raise
        except Exception as exc:
            if os.environ.get("ARMVALIDATE_DEBUG"):
                raise  # (main prints the traceback and exits with 2 all the same)
            _internal_error(exc)
            raise click.exceptions.Exit(2) from None


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(
    __version__, "-V", "--version", prog_name="armvalidate", message="%(prog)s %(version)s"
)
def cli() -> None:
    """Validate (and generate) customer payloads of the Amili ARM REST API."""


cli.add_command(check)
cli.add_command(rules)
cli.add_command(rule)
cli.add_command(schema)
cli.add_command(generate)
cli.add_command(serve)
cli.add_command(openapi)


def _silence_stdout() -> None:
    """After a broken pipe (``armvalidate check ... | head``), let the interpreter exit quietly."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status (the console script's entry point)."""
    try:
        result = cli.main(args=argv, prog_name="armvalidate", standalone_mode=False)
    except click.exceptions.Exit as exc:
        return int(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        return int(exc.exit_code)
    except (click.Abort, KeyboardInterrupt):
        click.echo("armvalidate: interrupted", err=True)
        return 130
    except BrokenPipeError:
        _silence_stdout()
        return 1
    except Exception as exc:
        if os.environ.get("ARMVALIDATE_DEBUG"):
            traceback.print_exc()  # the traceback, but the same exit status
        else:
            _internal_error(exc)
        return 2
    return result if isinstance(result, int) else 0
