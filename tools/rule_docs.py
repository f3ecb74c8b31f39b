"""Generate the rule reference (docs/rules.md's body) from the catalog and the example table.

The catalog (:func:`armvalidate.rules`: id, severity, summary, exact behaviour, and ``source``
where a rule has one) and ``tools/rule_examples.py`` (why, bad, good) are the only inputs:
nothing of it is kept by hand. The findings shown under each bad example are produced by running
the validator while the page is built. ``mkdocs build`` calls :func:`render` through the hook in
``tools/mkdocs_hooks.py``; ``python tools/rule_docs.py`` prints the same Markdown.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any


def _examples() -> Any:
    """``tools/rule_examples.py``, loaded from beside this file (tools/ is no package)."""
    import importlib.util

    module = sys.modules.get("rule_examples")
    if module is None:
        path = Path(__file__).resolve().parent / "rule_examples.py"
        spec = importlib.util.spec_from_file_location("rule_examples", path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules["rule_examples"] = module
        spec.loader.exec_module(module)
    return module


MARKER = "<!-- rules:generated -->"

_GROUPS = {
    "account": "Account numbers",
    "batch": "Batch bodies",
    "category": "Customer category",
    "code": "Code lists",
    "country": "Countries",
    "currency": "Currency",
    "date": "Dates",
    "dob": "Birth dates",
    "email": "E-mail addresses",
    "identifier": "Identifiers",
    "input": "Input limits",
    "kid": "KID",
    "language": "Language",
    "length": "Lengths",
    "number": "Numbers",
    "orgnr": "Organisation numbers",
    "peppol": "Peppol",
    "phone": "Phone numbers",
    "postcode": "Postcodes",
    "schema": "Structure",
    "ssn": "Fødselsnummer",
    "stop": "Stops",
    "update": "Updates (PUT)",
}


def _payload_block(payload: Any) -> str:
    if isinstance(payload, str):  # JSON text, shown as it is sent
        return f"```json\n{payload}\n```"
    return "```json\n" + json.dumps(payload, ensure_ascii=False, indent=2) + "\n```"


def _findings(example: Any) -> str:
    """The lines the validator prints for the bad example (the text format's shape)."""
    from armvalidate import InvalidValue, profile_from_mapping, validate_batch, validate_customer
    from armvalidate.no import kid

    TODAY = _examples().TODAY

    if example.call == "kid":
        try:
            kid.validate(example.bad)
        except InvalidValue as exc:
            return f"InvalidValue: {exc.rule}: {exc}"
        return ""
    profile = profile_from_mapping(example.profile) if example.profile else None
    if example.call == "batch":
        report = validate_batch(example.bad, profile=profile, today=TODAY)
    else:
        report = validate_customer(
            example.bad, operation=example.operation, profile=profile, today=TODAY
        )
    return "\n".join(
        f"{i.path or chr(34) * 2} {i.rule} [{i.severity.value}] {i.message}" for i in report.issues
    )


def _toml(table: Any, prefix: str = "tool.armvalidate") -> str:
    lines = []
    for key, value in table.items():
        if isinstance(value, dict):
            lines.append(f"[{prefix}.{key}]")
            lines.extend(f"{k} = {json.dumps(v)}" for k, v in value.items())
    return "\n".join(lines)


def _call(example: Any, which: str) -> str:
    payload = example.bad if which == "bad" else example.good
    if example.call == "kid":
        return f'```python\nfrom armvalidate.no import kid\nkid.validate("{payload}")\n```'
    how = ""
    if example.call == "batch":
        how = "A batch body (`validate_batch`, or a file holding it):\n\n"
    elif example.operation == "update":
        how = 'On update (`--operation update`, `operation="update"`):\n\n'
    return how + _payload_block(payload)


def rule_section(rule: Any) -> str:
    EXAMPLES, NO_EXAMPLE = _examples().EXAMPLES, _examples().NO_EXAMPLE

    parts = [f"### `{rule.id}` {{#{rule.id.replace('.', '-')}}}", ""]
    parts.append(f"**{rule.severity.value}** by default · {rule.summary}")
    parts.append("")
    example = EXAMPLES.get(rule.id)
    if example is not None:
        parts += [f"**Why it matters.** {example.why}", ""]
    if rule.doc:
        parts += [f"**What it checks.** {rule.doc}", ""]
    source = getattr(rule, "source", None)
    if source:
        parts += [f"**Source.** {source}", ""]
    if example is None:
        parts += [f"**Example.** None: {NO_EXAMPLE.get(rule.id, 'none known')}", ""]
        return "\n".join(parts)
    if example.profile:
        parts += [
            "With this profile (in `pyproject.toml`, or a profile file without the "
            "`tool.armvalidate` prefix):",
            "",
            f"```toml\n{_toml(example.profile)}\n```",
            "",
        ]
    parts += ["**Bad**", "", _call(example, "bad"), ""]
    found = _findings(example)
    if found:
        parts += ["```text", found, "```", ""]
    parts += ["**Good**", "", _call(example, "good"), ""]
    return "\n".join(parts)


def render() -> str:
    """The Markdown of every rule, grouped by prefix, with an index table first."""
    from armvalidate import rules

    all_rules = rules()
    out = ["| rule | default | summary |", "|---|---|---|"]
    for rule in all_rules:
        anchor = rule.id.replace(".", "-")
        summary = rule.summary.replace("|", "\\|")
        out.append(f"| [`{rule.id}`](#{anchor}) | {rule.severity.value} | {summary} |")
    out.append("")
    group = None
    for rule in all_rules:
        if rule.prefix != group:
            group = rule.prefix
            out += [f"## {_GROUPS.get(group, group)}", ""]
        out.append(rule_section(rule))
    return "\n".join(out)


def expand(markdown: str) -> str:
    """``markdown`` with :data:`MARKER` replaced by the generated reference."""
    if MARKER not in markdown:
        raise ValueError(f"no {MARKER} in the page")
    head, _, tail = markdown.partition(MARKER)
    # the note for readers of the raw file (on GitHub) is no use on the built page
    tail = re.sub(r"^\s*\(Reading this file.*?\)\s*$", "", tail, count=1, flags=re.DOTALL)
    return head + render() + "\n" + tail


if __name__ == "__main__":
    sys.stdout.write(render() + "\n")
