"""``armvalidate openapi``: the OpenAPI 3.1 document of the stand-in server."""

from __future__ import annotations

import click

__all__ = ["openapi"]


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--server-url",
    default="http://127.0.0.1:8080/arm/v1",
    show_default=True,
    help="The base URL written into the document (the URL armvalidate serve prints).",
)
@click.option(
    "--mode",
    type=click.Choice(["lenient", "strict"]),
    default="lenient",
    show_default=True,
    help="The mode of the server the document describes (their request bodies differ).",
)
def openapi(server_url: str, mode: str) -> None:
    """Print the OpenAPI 3.1 document of the ARM stand-in (JSON)."""
    from armvalidate.stub.openapi import openapi_json

    click.echo(openapi_json(server_url=server_url, mode=mode))
