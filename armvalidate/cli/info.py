"""``armvalidate rules``, ``armvalidate rule ID`` and ``armvalidate schema``."""

from __future__ import annotations

import difflib
import json
import sys

import click

from armvalidate.catalog import Rule

__all__ = ["rule", "rules", "schema"]


_SOURCE_TEXT = {
    "arm-docs": "stated by the ARM API docs",
    "authority": "a published standard or register",
    "policy": "armvalidate's judgement, not a statement about the server",
}


def _catalog() -> tuple[Rule, ...]:
    import armvalidate

    return armvalidate.rules()


def _rule_dict(r: Rule) -> dict[str, str]:
    return {
        "id": r.id,
        "severity": r.severity.value,
        "summary": r.summary,
        "example": r.example,
        "doc": r.doc,
        "source": r.source,
        "ref": r.ref,
    }


def _plain_table(catalog: tuple[Rule, ...]) -> str:
    width = max(len("ID"), *(len(r.id) for r in catalog)) if catalog else 2
    lines = [f"{'ID':<{width}}  SEVERITY  SOURCE     SUMMARY"]
    lines += [
        f"{r.id:<{width}}  {r.severity.value:<8}  {r.source:<9}  {r.summary}" for r in catalog
    ]
    return "\n".join(lines) + "\n"


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="A table, or a JSON array with each rule's full documentation.",
)
def rules(output_format: str) -> None:
    """List every rule: id, default severity, source (arm-docs, authority, policy), summary."""
    catalog = _catalog()
    if output_format == "json":
        click.echo(json.dumps([_rule_dict(r) for r in catalog], ensure_ascii=False, indent=2))
        return
    if sys.stdout.isatty():
        from rich.console import Console
        from rich.table import Table

        table = Table(box=None, header_style="bold", pad_edge=False)
        table.add_column("ID", no_wrap=True)
        table.add_column("SEVERITY", no_wrap=True)
        table.add_column("SOURCE", no_wrap=True)
        table.add_column("SUMMARY")
        for r in catalog:
            style = "red" if r.severity.value == "error" else "yellow"
            table.add_row(r.id, f"[{style}]{r.severity.value}[/]", r.source, r.summary)
        Console().print(table)
        return
    click.echo(_plain_table(catalog), nl=False)


def _suggestions(rule_id: str, catalog: tuple[Rule, ...]) -> list[str]:
    ids = [r.id for r in catalog]
    close = difflib.get_close_matches(rule_id, ids, n=3, cutoff=0.6)
    if not close:
        tail = rule_id.rsplit(".", 1)[-1]
        close = [i for i in ids if i.rsplit(".", 1)[-1] == tail][:3]
    return close


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("rule_id", metavar="ID")
@click.pass_context
def rule(ctx: click.Context, rule_id: str) -> None:
    """Show one rule's full documentation, with an example (an ID prefix lists a group)."""
    catalog = _catalog()
    by_id = {r.id: r for r in catalog}
    found = by_id.get(rule_id.strip().lower())
    if found is None:
        group = [r for r in catalog if r.prefix == rule_id.strip().lower()]
        if group:
            click.echo(_plain_table(tuple(group)), nl=False)
            return
        message = f"armvalidate: unknown rule {rule_id!r}"
        close = _suggestions(rule_id.strip().lower(), catalog)
        if close:
            message += "; did you mean " + " or ".join(repr(c) for c in close) + "?"
        message += " (armvalidate rules lists them all)"
        click.echo(message, err=True)
        ctx.exit(2)
    assert found is not None
    parts = [f"{found.id} ({found.severity.value})", "", found.summary]
    if found.doc:
        parts += ["", found.doc]
    if found.example:
        parts += ["", f"Example: {found.example}"]
    parts += ["", f"Source: {found.source} ({_SOURCE_TEXT[found.source]})", found.ref]
    click.echo("\n".join(parts))


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--operation",
    type=click.Choice(["create", "update"]),
    default="create",
    show_default=True,
    help="The body of POST (create) or PUT (update).",
)
@click.option("--batch", is_flag=True, help="The batch body {metadata, customers: [...]}.")
def schema(operation: str, batch: bool) -> None:
    """Print the JSON Schema (draft 2020-12) of the request body."""
    from armvalidate.schema import json_schema

    click.echo(json.dumps(json_schema(operation, batch=batch), ensure_ascii=False, indent=2))
