"""Click parameter types shared by the commands."""

from __future__ import annotations

from typing import Any

import click

__all__ = ["FilePath"]


class FilePath(click.Path):
    """:class:`click.Path` that refuses a name with a NUL byte as a usage error (the operating
    system cannot take one; ``os.stat`` raises ``ValueError``, which click leaves alone).

    >>> FilePath(dir_okay=False).convert("a\\x00b", None, None)
    Traceback (most recent call last):
    click.exceptions.BadParameter: a file name cannot hold a NUL byte
    """

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str):
            nul = "\x00" in value
        else:
            nul = isinstance(value, bytes) and b"\x00" in value
        if nul:
            self.fail("a file name cannot hold a NUL byte", param, ctx)
        return super().convert(value, param, ctx)
