"""Seeded fault plans for the ARM stand-in: 429, 500, 503, slow answers, dropped connections.

A plan is written as a SPEC string (``--faults``) or built in Python. The grammar::

    spec    := item (";" item)*
    item    := [target ":"] action ["@" rate]
    target  := an endpoint name (see ENDPOINTS) or "*" (every endpoint; the default)
    action  := fault | "script(" step ("," step)* ")"
    fault   := "429" ["(" seconds ")"]   429 Too Many Requests, Retry-After: seconds (default 1)
             | "503" ["(" seconds ")"]   503 Service Unavailable, Retry-After: seconds (default 1)
             | "500"                     500 Internal Server Error (error body, nothing stored)
             | "slow" ["(" seconds ")"]  answer normally after a delay (default 0.2 s)
             | "drop"                    close the connection before processing (nothing stored)
             | "drop-after"              process the request, then close the connection unanswered
    step    := fault | "ok"
    rate    := a probability in [0, 1] (default 1)

Rate items are tried in the order written; each fires at its rate when the ones before it did
not (``*:429@0.25;*:500@0.25`` gives 25 % 429s and 18.75 % 500s).
A ``script(...)`` gives the n-th request of its endpoint the n-th step, then ``ok`` for good;
rate items never apply to a scripted endpoint.

Every endpoint draws from its own random stream seeded with ``(seed, endpoint)``, so the same
seed gives the same faults to the same sequence of requests of each endpoint, whatever the
other endpoints see.

>>> plan = FaultPlan.parse("post-customer:429(2)@0.5; *:slow(0.01)@0.1", seed=7)
>>> [str(item) for item in plan.items]
['post-customer:429(2)@0.5', '*:slow(0.01)@0.1']
>>> a = [plan.decide("post-customer") for _ in range(8)]
>>> b = FaultPlan.parse(plan.spec, seed=7)
>>> a == [b.decide("post-customer") for _ in range(8)]
True
>>> s = FaultPlan.parse("get-batch:script(503,ok,drop)")
>>> [getattr(s.decide("get-batch"), "kind", "ok") for _ in range(4)]
['503', 'ok', 'drop', 'ok']
>>> FaultPlan.parse("post-customer:418")  # doctest: +ELLIPSIS
Traceback (most recent call last):
    ...
armvalidate.stub.faults.FaultSpecError: unknown fault '418' in 'post-customer:418' (faults: ...)
"""

from __future__ import annotations

import random
import re
import threading
from dataclasses import dataclass, field

__all__ = ["ENDPOINTS", "Fault", "FaultItem", "FaultPlan", "FaultSpecError"]

ENDPOINTS: tuple[str, ...] = (
    "post-customer",
    "put-customer",
    "get-customer",
    "list-customers",
    "delete-customer",
    "post-batch",
    "put-batch",
    "get-batch",
)
"""The names of the API's endpoints, as fault targets (admin endpoints never fail)."""

_KINDS = ("429", "503", "500", "slow", "drop", "drop-after")
_DEFAULT_SECONDS = {"429": 1.0, "503": 1.0, "slow": 0.2}
_MAX_SECONDS = 60.0


class FaultSpecError(ValueError):
    """A fault SPEC that cannot be read; the message says where."""


@dataclass(frozen=True)
class Fault:
    """One fault: ``kind`` is one of 429, 503, 500, slow, drop, drop-after; ``seconds`` is the
    Retry-After of 429/503 or the delay of slow."""

    kind: str
    seconds: float = 0.0

    def __str__(self) -> str:
        if self.kind in _DEFAULT_SECONDS and self.seconds != _DEFAULT_SECONDS[self.kind]:
            return f"{self.kind}({self.seconds:g})"
        return self.kind


@dataclass(frozen=True)
class FaultItem:
    """One item of a plan: a fault at a rate, or a script, for one endpoint or ``*``."""

    target: str
    fault: Fault | None = None
    rate: float = 1.0
    script: tuple[Fault | None, ...] = ()

    def __str__(self) -> str:
        if self.fault is None:
            steps = ",".join("ok" if s is None else str(s) for s in self.script)
            return f"{self.target}:script({steps})"
        rate = "" if self.rate == 1.0 else f"@{self.rate:g}"
        return f"{self.target}:{self.fault}{rate}"


_ITEM = re.compile(
    r"^(?:(?P<target>[A-Za-z*][A-Za-z-]*)\s*:)?\s*(?P<action>.+?)(?:@(?P<rate>[^@]+))?$"
)
_FAULT = re.compile(r"^(?P<kind>[A-Za-z0-9-]+)\s*(?:\(\s*(?P<arg>[^()]*)\s*\))?$")


def _fault(text: str, item: str) -> Fault:
    m = _FAULT.match(text.strip())
    if not m or m.group("kind").lower() not in _KINDS:
        what = m.group("kind") if m else text.strip()
        raise FaultSpecError(f"unknown fault {what!r} in {item!r} (faults: {', '.join(_KINDS)})")
    kind = m.group("kind").lower()
    arg = m.group("arg")
    if arg is None or arg == "":
        return Fault(kind, _DEFAULT_SECONDS.get(kind, 0.0))
    if kind not in _DEFAULT_SECONDS:
        raise FaultSpecError(f"fault {kind!r} takes no argument, in {item!r}")
    try:
        seconds = float(arg)
    except ValueError:
        raise FaultSpecError(f"{arg!r} is no number of seconds, in {item!r}") from None
    if not 0.0 <= seconds <= _MAX_SECONDS:
        raise FaultSpecError(f"seconds must lie in 0..{_MAX_SECONDS:g}, in {item!r}")
    return Fault(kind, seconds)


def _item(text: str) -> FaultItem:
    m = _ITEM.match(text.strip())
    if not m:
        raise FaultSpecError(f"cannot read the fault item {text!r}")
    target = (m.group("target") or "*").lower()
    if target != "*" and target not in ENDPOINTS:
        raise FaultSpecError(
            f"unknown endpoint {target!r} in {text!r} (endpoints: *, {', '.join(ENDPOINTS)})"
        )
    action = m.group("action").strip()
    rate_text = m.group("rate")
    rate = 1.0
    if rate_text is not None:
        try:
            rate = float(rate_text)
        except ValueError:
            raise FaultSpecError(f"{rate_text!r} is no rate, in {text!r}") from None
        if not 0.0 <= rate <= 1.0:
            raise FaultSpecError(f"a rate must lie in 0..1, in {text!r}")
    if action.lower().startswith("script(") and action.endswith(")"):
        if rate_text is not None:
            raise FaultSpecError(f"a script takes no rate, in {text!r}")
        body = action[len("script(") : -1]
        steps = tuple(
            None if step.strip().lower() == "ok" else _fault(step, text)
            for step in _split_steps(body)
        )
        if not steps:
            raise FaultSpecError(f"an empty script, in {text!r}")
        return FaultItem(target, script=steps)
    return FaultItem(target, _fault(action, text), rate)


def _split_steps(body: str) -> list[str]:
    """Split ``429(2),ok,slow(0.1)`` at the commas outside parentheses."""
    steps, depth, start = [], 0, 0
    for i, ch in enumerate(body):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "," and depth == 0:
            steps.append(body[start:i])
            start = i + 1
    steps.append(body[start:])
    return [s for s in steps if s.strip()]


@dataclass
class FaultPlan:
    """A seeded fault plan; :meth:`decide` gives the fault (or None) for the next request."""

    items: tuple[FaultItem, ...] = ()
    seed: int = 0
    _streams: dict[str, random.Random] = field(default_factory=dict, init=False, repr=False)
    _counts: dict[str, int] = field(default_factory=dict, init=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    @classmethod
    def parse(cls, spec: str | None, *, seed: int = 0) -> FaultPlan:
        """Read a SPEC (None or blank: no faults)."""
        if spec is None or not spec.strip():
            return cls((), seed)
        if len(spec) > 10_000:
            raise FaultSpecError("the fault SPEC is longer than 10000 characters")
        items = tuple(_item(part) for part in spec.split(";") if part.strip())
        return cls(items, seed)

    @property
    def spec(self) -> str:
        """The plan as a SPEC string (parses back to the same plan)."""
        return ";".join(str(item) for item in self.items)

    def __bool__(self) -> bool:
        return bool(self.items)

    def reset(self) -> None:
        """Start every endpoint's stream and script again from the beginning."""
        with self._lock:
            self._streams.clear()
            self._counts.clear()

    def decide(self, endpoint: str) -> Fault | None:
        """The fault for the next request of ``endpoint``, or None (answer normally)."""
        if not self.items:
            return None
        with self._lock:
            n = self._counts.get(endpoint, 0)
            self._counts[endpoint] = n + 1
            stream = self._streams.get(endpoint)
            if stream is None:
                stream = self._streams[endpoint] = random.Random(f"{self.seed}:{endpoint}")
            draw = stream.random()  # one draw per request, whatever the outcome
            scripted = False
            for item in self.items:
                if item.target not in ("*", endpoint) or item.fault is not None:
                    continue
                scripted = True
                if n < len(item.script):
                    return item.script[n]
            if scripted:
                return None
            for item in self.items:
                if item.target not in ("*", endpoint) or item.fault is None:
                    continue
                if draw < item.rate:
                    return item.fault
                draw = (draw - item.rate) / (1.0 - item.rate) if item.rate < 1.0 else draw
            return None
