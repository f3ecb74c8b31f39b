"""Configuration: ``[tool.armvalidate]`` in the nearest ``pyproject.toml``, or ``--config FILE``.

The search starts in the current directory and goes up to the root; the first
``pyproject.toml`` that has a ``[tool.armvalidate]`` table wins. A ``--config`` file is either
such a ``pyproject.toml`` or a TOML file whose top level is the table itself.

The command line's own keys (:data:`CLI_KEYS`: ``operation``, ``strict``, ``format``,
``exit-zero``, ``max-errors``, ``show-pii``, ``jobs``, ``exclude``, ``per-file-ignores``,
``encoding``) are taken out and checked here; the rest of the table is the profile
(:func:`armvalidate.profile.profile_from_mapping`). Options given on the command line win over
the file. A key that is neither (a typo) is refused with the file's name and the closest key:

>>> import tempfile
>>> with tempfile.TemporaryDirectory() as d:
...     path = Path(d, "pyproject.toml")
...     _ = path.write_text('[tool.armvalidate]\\nignroe = ["phone"]\\n', encoding="utf-8")
...     load_config(str(path))  # doctest: +ELLIPSIS, +NORMALIZE_WHITESPACE
Traceback (most recent call last):
...
armvalidate.cli.config.ConfigError: .../pyproject.toml: unknown key 'ignroe'
in [tool.armvalidate] (did you mean 'ignore'?)
"""

from __future__ import annotations

import codecs
import difflib
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from armvalidate.profile import _TOP_KEYS, CLI_KEYS

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

__all__ = ["CLI_KEYS", "Config", "ConfigError", "find_pyproject", "load_config"]

_FORMATS = ("text", "json", "jsonl", "sarif", "junit", "github", "gitlab")
KNOWN_KEYS: tuple[str, ...] = tuple(sorted({*_TOP_KEYS, *CLI_KEYS, "name"}))
"""Every key ``[tool.armvalidate]`` may have: the profile's and the command line's."""


def _suggest(word: str) -> str:
    close = difflib.get_close_matches(word, KNOWN_KEYS, n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _str_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


class ConfigError(Exception):
    """A configuration file that cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class Config:
    """The configuration found: where, the CLI keys (``-`` in names), the profile table."""

    path: Path | None = None
    cli: Mapping[str, Any] = field(default_factory=dict)
    profile: dict[str, Any] = field(default_factory=dict)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            data: dict[str, Any] = tomllib.load(fh)
            return data
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    except UnicodeDecodeError:  # tomllib decodes the bytes before it parses them
        raise ConfigError(f"{path}: not UTF-8 text") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None


def _tool_table(data: Mapping[str, Any]) -> Any:
    tool = data.get("tool")
    if isinstance(tool, Mapping):
        return tool.get("armvalidate")
    return None


def find_pyproject(start: Path) -> Path | None:
    """The nearest ``pyproject.toml`` at or above ``start`` with a ``[tool.armvalidate]`` table.

    A ``pyproject.toml`` that is not valid TOML stops the search with :class:`ConfigError`
    only if it mentions ``tool.armvalidate``; others are passed over.
    """
    for directory in (start, *start.parents):
        candidate = directory / "pyproject.toml"
        if not candidate.is_file():
            continue
        try:
            data = _read_toml(candidate)
        except ConfigError:
            try:
                mentions = "tool.armvalidate" in candidate.read_text(
                    encoding="utf-8", errors="replace"
                )
            except OSError:
                mentions = False
            if mentions:
                raise
            continue
        if _tool_table(data) is not None:
            return candidate
    return None


def _check_cli(path: Path, key: str, value: Any) -> Any:
    def bad(expected: str) -> ConfigError:
        return ConfigError(f"{path}: [tool.armvalidate] {key} must be {expected}, not {value!r}")

    if key in ("strict", "exit-zero", "show-pii"):
        if not isinstance(value, bool):
            raise bad("true or false")
    elif key == "operation":
        if value not in ("create", "update", "upsert"):
            raise bad('"create", "update" or "upsert"')
    elif key == "format":
        if value not in _FORMATS:
            raise bad("one of " + ", ".join(f'"{f}"' for f in _FORMATS))
    elif key == "max-errors":
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise bad("a positive integer")
    elif key == "jobs" and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
        raise bad("an integer >= 0 (0: all cores)")
    elif key == "exclude":
        if not _str_list(value):
            raise bad("a list of gitignore-style patterns")
    elif key == "per-file-ignores":
        if not isinstance(value, Mapping) or not all(
            isinstance(k, str) and _str_list(v) for k, v in value.items()
        ):
            raise bad('a table of "pattern" = ["rule or prefix", ...]')
        _check_rule_patterns(path, value)
    elif key == "encoding":
        try:
            codecs.lookup(value) if isinstance(value, str) else None
        except LookupError:
            raise bad("a text encoding Python knows (utf-8, cp1252, latin-1 ...)") from None
        if not isinstance(value, str):
            raise bad("the name of a text encoding")
    return value


def _check_rule_patterns(path: Path, table: Mapping[str, Any]) -> None:
    """Every rule id or prefix named in per-file-ignores must exist (a typo ignores nothing)."""
    from armvalidate import rules

    known = {rule.id for rule in rules()} | {rule.id.split(".")[0] for rule in rules()}
    for pattern, ids in table.items():
        for rule_id in ids:
            if rule_id not in known:
                close = difflib.get_close_matches(rule_id, sorted(known), n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                raise ConfigError(
                    f"{path}: [tool.armvalidate.per-file-ignores] {pattern!r}: "
                    f"unknown rule or prefix {rule_id!r}{hint}"
                )


def load_config(config_file: str | None, *, cwd: Path | None = None) -> Config:
    """Find and read the configuration (``config_file`` if given, else the search)."""
    if config_file is not None:
        path = Path(config_file)
        data = _read_toml(path)
        table = _tool_table(data)
        if table is None:
            table = data if "tool" not in data else {}
    else:
        found = find_pyproject((cwd or Path.cwd()).resolve())
        if found is None:
            return Config()
        path = found
        table = _tool_table(_read_toml(path))
    if not isinstance(table, Mapping):
        raise ConfigError(f"{path}: [tool.armvalidate] must be a table")
    for key in table:
        if key not in KNOWN_KEYS:
            raise ConfigError(
                f"{path}: unknown key {key!r} in [tool.armvalidate]{_suggest(str(key))}"
            )
    cli = {key: _check_cli(path, key, value) for key, value in table.items() if key in CLI_KEYS}
    profile = {key: value for key, value in table.items() if key not in CLI_KEYS}
    return Config(path=path, cli=cli, profile=profile)
