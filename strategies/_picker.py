"""The source of choices behind every generator: a seeded ``random.Random`` or Hypothesis.

Generators in this package are written once, against :class:`Picker`. The fixtures drive them
with :class:`RandomPicker` (a plain ``random.Random``: fast, reproducible, no Hypothesis); the
strategies drive them with a picker over Hypothesis' ``draw`` (see
``armvalidate.strategies.identifiers``), so
every choice is a Hypothesis draw and shrinks: integers towards the lower bound, choices towards
the first entry, chances towards "no".

>>> p = RandomPicker(7)
>>> p.integer(1, 6) in range(1, 7)
True
>>> RandomPicker(7).choice("abc") == RandomPicker(7).choice("abc")
True
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any, Protocol, TypeVar

__all__ = ["Picker", "RandomPicker"]

T = TypeVar("T")


class Picker(Protocol):
    """Where generators get their choices from."""

    def integer(self, lo: int, hi: int) -> int:
        """An integer in ``lo..hi`` (inclusive); shrinks towards ``lo``."""
        ...

    def choice(self, seq: Sequence[T]) -> T:
        """One element of a non-empty sequence; shrinks towards ``seq[0]``."""
        ...

    def chance(self, p: float) -> bool:
        """True with probability about ``p``; shrinks towards False."""
        ...

    def text(self, max_size: int) -> str:
        """Free text (any printable Unicode) of at most ``max_size`` characters."""
        ...

    def resolve(self, value: Any) -> Any:
        """An override: a Hypothesis strategy is drawn from, anything else is used as it is."""
        ...


class RandomPicker:
    """A :class:`Picker` over ``random.Random(seed)``: the same seed gives the same choices on
    every machine (Mersenne Twister, integer arithmetic and IEEE doubles only)."""

    __slots__ = ("_rand", "_random", "_texts")

    def __init__(self, seed: int | str | random.Random, texts: Sequence[str] = ()) -> None:
        self._random = seed if isinstance(seed, random.Random) else random.Random(seed)
        self._rand = self._random.random
        self._texts = tuple(texts)

    def integer(self, lo: int, hi: int) -> int:
        span = hi - lo + 1
        if span <= 1 << 48:
            return lo + int(self._rand() * span)
        return lo + self._random.randrange(span)

    def choice(self, seq: Sequence[T]) -> T:
        return seq[int(self._rand() * len(seq))]

    def chance(self, p: float) -> bool:
        return self._rand() < p

    def text(self, max_size: int) -> str:
        if not self._texts:
            return ""
        return self.choice(self._texts)[:max_size]

    def resolve(self, value: Any) -> Any:
        return value
