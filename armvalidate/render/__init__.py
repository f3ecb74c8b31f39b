"""Renderers: pure functions from findings to text, one per output format.

``text`` (ruff-like lines and a summary table), ``json`` (one document), ``jsonl`` (one finding
per line), ``sarif`` (SARIF 2.1.0), ``junit`` (JUnit XML), ``github`` (GitHub Actions workflow
commands), ``gitlab`` (GitLab Code Quality). None of them shows the raw value of an issue
unless ``show_pii=True``; messages are masked already by the validator
(:func:`armvalidate.masking.mask`).

>>> sorted(FORMATS)
['github', 'gitlab', 'json', 'jsonl', 'junit', 'sarif', 'text']
>>> get_renderer("sarif").name
'sarif'
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from armvalidate.catalog import Rule
from armvalidate.render.base import Renderer
from armvalidate.render.github import GithubRenderer
from armvalidate.render.gitlab import GitlabRenderer
from armvalidate.render.jsonfmt import JsonlRenderer, JsonRenderer
from armvalidate.render.junit import JunitRenderer
from armvalidate.render.model import Finding, RecordResult, Summary, Tally, Unreadable
from armvalidate.render.sarif import SarifRenderer
from armvalidate.render.text import TextRenderer

__all__ = [
    "FORMATS",
    "Finding",
    "RecordResult",
    "Renderer",
    "Summary",
    "Tally",
    "Unreadable",
    "get_renderer",
    "render",
]

FORMATS: dict[str, type[Renderer]] = {
    cls.name: cls
    for cls in (
        TextRenderer,
        JsonRenderer,
        JsonlRenderer,
        SarifRenderer,
        JunitRenderer,
        GithubRenderer,
        GitlabRenderer,
    )
}


def get_renderer(
    name: str,
    *,
    show_pii: bool = False,
    strict: bool = False,
    rules: Sequence[Rule] = (),
    version: str = "",
    color: bool = False,
    quiet: bool = False,
) -> Renderer:
    """A fresh renderer for format ``name`` (``KeyError`` for an unknown format)."""
    return FORMATS[name](
        show_pii=show_pii, strict=strict, rules=rules, version=version, color=color, quiet=quiet
    )


def render(
    name: str,
    results: Iterable[RecordResult],
    summary: Summary,
    *,
    show_pii: bool = False,
    strict: bool = False,
    rules: Sequence[Rule] = (),
    version: str = "",
) -> str:
    """Render all ``results`` at once in format ``name``."""
    renderer = get_renderer(name, show_pii=show_pii, strict=strict, rules=rules, version=version)
    return renderer.render(results, summary)
