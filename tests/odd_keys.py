"""Odd keys and containers for the tests of the pipeline and of the ordering of findings:
values that equal (and hash like) the JSON types' but are not exactly them."""

from __future__ import annotations

from typing import Any


class Text(str):
    """A str subclass: equal to (and hashing like) the str of its text."""


class Key:
    """A key that is no string but equals (and hashes like) one."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __hash__(self) -> int:
        return hash(self.text)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Key):
            return other.text == self.text
        return other == self.text

    def __repr__(self) -> str:
        return f"Key({self.text!r})"


class Mapping_(dict[Any, Any]):
    """A dict subclass that is a dict in everything."""
