"""Configuration: ``[tool.armvalidate]`` in the nearest ``pyproject.toml``, or ``--config FILE``.

The search starts in the current directory and goes up to the root; the first
``pyproject.toml`` that has a ``[tool.armvalidate]`` table wins. A ``--config`` file is either
such a ``pyproject.toml`` or a TOML file whose top level is the table itself.

The command line's own keys (:data:`CLI_KEYS`: ``operation``, ``strict``, ``format``,
``exit-zero``, ``max-errors``, ``show-pii``, ``jobs``) are taken out and checked here; the rest
of the table is the profile (:func:`armvalidate.profile.profile_from_mapping`). Options given on
the command line win over the file.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from armvalidate.profile import CLI_KEYS

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

__all__ = ["CLI_KEYS", "Config", "ConfigError", "find_pyproject", "load_config"]

_FORMATS = ("text", "json", "jsonl", "sarif", "junit", "github")


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
    return value


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
    cli = {key: _check_cli(path, key, value) for key, value in table.items() if key in CLI_KEYS}
    profile = {key: value for key, value in table.items() if key not in CLI_KEYS}
    return Config(path=path, cli=cli, profile=profile)
