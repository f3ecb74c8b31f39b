"""Renderers: pure functions from findings to text, one per output format.

``text`` (ruff-like lines and a summary table), ``json`` (one document), ``jsonl`` (one finding
per line), ``sarif`` (SARIF 2.1.0), ``junit`` (JUnit XML), ``github`` (GitHub Actions workflow
commands). None of them shows the raw value of an issue unless ``show_pii=True``; messages are
masked already by the validator (:func:`armvalidate.masking.mask`).

>>> sorted(FORMATS)
['github', 'json', 'jsonl', 'junit', 'sarif', 'text']
>>> get_renderer("sarif").name
'sarif'
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from armvalidate.catalog import Rule
from armvalidate.render.base import Renderer
from armvalidate.render.github import GithubRenderer
from armvalidate.render.jsonfmt import JsonlRenderer, JsonRenderer
from armvalidate.render.junit import JunitRenderer
from armvalidate.render.model import Finding, RecordResult, Summary, Tally
from armvalidate.render.sarif import SarifRenderer
from armvalidate.render.text import TextRenderer

__all__ = [
    "FORMATS",
    "Finding",
    "RecordResult",
    "Renderer",
    "Summary",
    "Tally",
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
    )
}


def get_renderer(
    name: str,
    *,
    show_pii: bool = False,
    strict: bool = False,
    rules: Sequence[Rule] = (),
    version: str = "",
) -> Renderer:
    """A fresh renderer for format ``name`` (``KeyError`` for an unknown format)."""
    return FORMATS[name](show_pii=show_pii, strict=strict, rules=rules, version=version)


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
