"""A :class:`~armvalidate.strategies._picker.Picker` over Hypothesis' ``draw``: every choice a
generator
makes becomes a Hypothesis draw, so the examples shrink choice by choice."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

__all__ = ["DrawPicker", "free_text"]

T = TypeVar("T")

# Printable Unicode for free-text fields: no surrogates (not encodable as UTF-8), no control
# characters except the newline (people type multi-line messages).
_TEXT_CHARS = st.characters(exclude_categories=("Cs", "Cc")) | st.just("\n")


def free_text(max_size: int) -> SearchStrategy[str]:
    """Arbitrary printable Unicode text of at most ``max_size`` characters."""
    return st.text(_TEXT_CHARS, max_size=max_size)


# Strategy objects are cached: Hypothesis computes a label per strategy object (for
# sampled_from, from every element), which costs more than the draw itself.
_INTEGERS: dict[tuple[int, int], SearchStrategy[int]] = {}
_SAMPLED: dict[int, tuple[Sequence[Any], SearchStrategy[Any]]] = {}
_PERMILLE = st.integers(0, 999)
_CHANCES: dict[float, SearchStrategy[bool]] = {}


class _Chance(SearchStrategy[bool]):
    """True with probability ``p``, through Hypothesis' own weighted coin (it shrinks to
    False). ``st.integers`` is no uniform source: it favours small values on purpose."""

    def __init__(self, p: float) -> None:
        super().__init__()
        self.p = p

    def do_draw(self, data: Any) -> bool:
        return bool(data.draw_boolean(self.p))

    def calc_label(self) -> int:
        return hash(("armvalidate.strategies._draw._Chance", self.p)) & 0xFFFFFFFFFFFFFFFF

    def __repr__(self) -> str:
        return f"chances({self.p!r})"


def _chance(p: float) -> SearchStrategy[bool]:
    strategy = _CHANCES.get(p)
    if strategy is None:
        strategy = _Chance(p)
        try:  # the weighted coin is internal API: fall back if this Hypothesis lacks it
            from hypothesis.internal.conjecture.data import ConjectureData

            if not hasattr(ConjectureData, "draw_boolean"):
                raise AttributeError
        except (ImportError, AttributeError):  # pragma: no cover
            threshold = round(1000 * (1 - p))
            strategy = _PERMILLE.map(lambda v: v >= threshold)
        if len(_CHANCES) < 1024:
            _CHANCES[p] = strategy
    return strategy


def _integers(lo: int, hi: int) -> SearchStrategy[int]:
    strategy = _INTEGERS.get((lo, hi))
    if strategy is None:
        strategy = st.integers(lo, hi)
        if len(_INTEGERS) < 4096:
            _INTEGERS[(lo, hi)] = strategy
    return strategy


def _sampled(seq: Sequence[T]) -> SearchStrategy[T]:
    if not isinstance(seq, (tuple, str)):
        return st.sampled_from(seq)
    cached = _SAMPLED.get(id(seq))
    if cached is not None and cached[0] is seq:
        return cached[1]
    strategy = st.sampled_from(seq)
    if len(_SAMPLED) < 4096:
        _SAMPLED[id(seq)] = (seq, strategy)  # holding seq keeps its id from being reused
    return strategy


class DrawPicker:
    """Turns :class:`~armvalidate.strategies._picker.Picker` calls into Hypothesis draws."""

    __slots__ = ("_draw",)

    def __init__(self, draw: Callable[[SearchStrategy[Any]], Any]) -> None:
        self._draw = draw

    def integer(self, lo: int, hi: int) -> int:
        if lo == hi:
            return lo
        result: int = self._draw(_integers(lo, hi))
        return result

    def choice(self, seq: Sequence[T]) -> T:
        if len(seq) == 1:
            return seq[0]
        result: T = self._draw(_sampled(seq))
        return result

    def chance(self, p: float) -> bool:
        if p <= 0:
            return False
        if p >= 1:
            return True
        # Shrinks towards False: the simpler payload (an optional key absent).
        result: bool = self._draw(_chance(p))
        return result

    def text(self, max_size: int) -> str:
        result: str = self._draw(free_text(max_size))
        return result

    def resolve(self, value: Any) -> Any:
        if isinstance(value, SearchStrategy):
            return self._draw(value)
        return value
