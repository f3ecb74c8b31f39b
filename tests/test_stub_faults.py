"""Fault plans: the SPEC grammar, seeded determinism, and each fault as a client sees it."""

from __future__ import annotations

import asyncio
import time

import pytest

from armvalidate.stub.faults import ENDPOINTS, Fault, FaultPlan, FaultSpecError


def _kinds(plan: FaultPlan, endpoint: str, n: int) -> list[str]:
    return [getattr(plan.decide(endpoint), "kind", "ok") for _ in range(n)]


def test_same_seed_same_faults_other_seed_other_faults() -> None:
    spec = "post-customer:429@0.3; *:500@0.1; get-customer:drop@0.2"
    a = _kinds(FaultPlan.parse(spec, seed=42), "post-customer", 300)
    b = _kinds(FaultPlan.parse(spec, seed=42), "post-customer", 300)
    c = _kinds(FaultPlan.parse(spec, seed=43), "post-customer", 300)
    assert a == b != c
    assert set(a) == {"ok", "429", "500"}  # no drop: that item is for get-customer


def test_endpoints_draw_from_their_own_streams() -> None:
    spec = "*:503@0.5"
    alone = _kinds(FaultPlan.parse(spec, seed=1), "put-customer", 50)
    mixed = FaultPlan.parse(spec, seed=1)
    seen = []
    for _ in range(50):
        mixed.decide("get-batch")  # traffic elsewhere does not shift put-customer's faults
        seen.append(getattr(mixed.decide("put-customer"), "kind", "ok"))
    assert seen == alone


def test_rates_are_roughly_honoured() -> None:
    kinds = _kinds(FaultPlan.parse("*:429@0.25;*:500@0.25", seed=3), "post-batch", 4000)
    share_429 = kinds.count("429") / len(kinds)
    share_500 = kinds.count("500") / len(kinds)
    # each item fires at its rate when the ones before it did not: 25 %, then 75 % x 25 %
    assert 0.22 < share_429 < 0.28 and 0.16 < share_500 < 0.22
    assert _kinds(FaultPlan.parse("*:500@0"), "post-batch", 100) == ["ok"] * 100
    assert _kinds(FaultPlan.parse("*:500"), "post-batch", 3) == ["500"] * 3


def test_scripts_then_ok_and_reset_restarts() -> None:
    plan = FaultPlan.parse("post-customer:script(429(3), ok, drop-after, slow(0.5));*:500@1")
    assert _kinds(plan, "post-customer", 6) == ["429", "ok", "drop-after", "slow", "ok", "ok"]
    assert _kinds(plan, "get-customer", 2) == ["500", "500"]  # rate items elsewhere
    plan.reset()
    first = plan.decide("post-customer")
    assert first == Fault("429", 3.0)


def test_spec_round_trips() -> None:
    spec = (
        "post-customer:429(2)@0.5;*:slow(0.01)@0.1;get-batch:script(503,ok,drop);*:drop-after@0.01"
    )
    plan = FaultPlan.parse(spec)
    assert FaultPlan.parse(plan.spec).items == plan.items
    assert FaultPlan.parse("").items == () and not FaultPlan.parse(None)


@pytest.mark.parametrize(
    "spec",
    [
        "post-customer:418",
        "nowhere:429",
        "*:429@1.5",
        "*:429@x",
        "*:drop(3)",
        "*:slow(-1)",
        "*:slow(abc)",
        "*:script()",
        "*:script(429)@0.5",
        "::",
    ],
)
def test_bad_specs_say_what_is_wrong(spec: str) -> None:
    with pytest.raises(FaultSpecError):
        FaultPlan.parse(spec)


def test_every_endpoint_name_is_a_target() -> None:
    for endpoint in ENDPOINTS:
        assert FaultPlan.parse(f"{endpoint}:500").decide(endpoint) == Fault("500")


# -- as a client sees them (in process) ------------------------------------------------------

httpx = pytest.importorskip("httpx")
pytest.importorskip("starlette")

from armvalidate.stub.server import InProcessServer  # noqa: E402

BODY = {"customer": {"customerNo": "1", "name": "Kari"}}


def test_429_and_503_carry_retry_after_and_store_nothing() -> None:
    server = InProcessServer(faults="post-customer:script(429(2),503,500,ok)")
    with server.client() as c:
        r429 = c.post("/clients/1/customers", json=BODY)
        r503 = c.post("/clients/1/customers", json=BODY)
        r500 = c.post("/clients/1/customers", json=BODY)
        assert server.customers(1) == []
        ok = c.post("/clients/1/customers", json=BODY)
    assert (r429.status_code, r429.headers["retry-after"]) == (429, "2")
    assert (r503.status_code, r503.headers["retry-after"]) == (503, "1")
    assert r500.status_code == 500 and r500.json()["error"] == "internal-error"
    assert ok.status_code == 200 and ok.json()["result"] == "CREATED"
    faults = [r["fault"] for r in server.requests]
    assert faults == ["429(2)", "503", "500", None]


def test_drop_loses_the_request_and_drop_after_keeps_it() -> None:
    server = InProcessServer(faults="post-customer:script(drop,drop-after)")
    with server.client() as c:
        with pytest.raises(httpx.RemoteProtocolError):
            c.post("/clients/1/customers", json=BODY)
        assert server.customers(1) == []
        with pytest.raises(httpx.RemoteProtocolError):
            c.post("/clients/1/customers", json=BODY)
        assert [x["customerNo"] for x in server.customers(1)] == ["1"]  # stored, unanswered
        assert c.post("/clients/1/customers", json=BODY).json()["result"] == "UPDATED"
    assert [r["status"] for r in server.requests] == [None, None, 200]


def test_slow_answers_late_but_normally() -> None:
    server = InProcessServer(faults="get-customer:slow(0.2)")

    async def run() -> tuple[float, int]:
        async with server.async_client() as c:
            start = time.monotonic()
            r = await c.get("/clients/1/customers/1")
            return time.monotonic() - start, r.status_code

    elapsed, status = asyncio.run(run())
    assert status == 404 and elapsed >= 0.19


def test_faults_come_after_auth() -> None:
    server = InProcessServer(faults="*:500")
    with server.client(auth=False) as c:
        assert c.get("/clients/1/customers").status_code == 401
