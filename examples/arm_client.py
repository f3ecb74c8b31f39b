"""A small ARM client with retries, fuzzed end to end against armvalidate's stand-in.

Run it: ``python examples/arm_client.py`` (a demo against a real server on 127.0.0.1, then the
fuzz properties). The test suite imports it and runs the same properties
(tests/test_stub_example.py). Needs ``armvalidate[server,strategies]``.

The client (:class:`ArmClient`) is what an ERP connector would have: POST a customer (an
upsert, so a retry is safe), retry on 429/503 (honouring ``Retry-After``), 500 and dropped
connections, never on any other 4xx (a 422 is the data's fault: retrying cannot help), and
hand the server's warnings back to the caller.

The properties, fuzzed with Hypothesis (valid payloads from ``customer_payloads()``, invalid
ones from ``invalid_customer_payloads()``, and seeded fault plans):

- no customer lost: every customer the client reports as stored is stored;
- none duplicated: one customerNo is one customer, with one accountNo, however many retries;
- warnings surfaced: a sanitized e-mail address comes back as an EmailAddressDocument warning;
- 422s not retried: an invalid payload is sent exactly once past the faults, and refused.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


class ArmRejected(Exception):
    """The server refused the request (a 4xx other than 429): not retried."""

    def __init__(self, status: int, body: Any) -> None:
        super().__init__(f"ARM refused the request: {status}")
        self.status = status
        self.body = body


class ArmUnavailable(Exception):
    """Every attempt failed with a retryable fault."""


@dataclass
class Result:
    status: int
    body: dict[str, Any]
    attempts: int

    @property
    def warnings(self) -> list[dict[str, str]]:
        return list(self.body.get("warnings", []))


def _body(payload: Any) -> dict[str, Any]:
    """The request body as JSON bytes (text is sent as it is; Python's json writes NaN, which
    the server refuses with 400, as a real one would)."""
    if isinstance(payload, str):
        content = payload.encode("utf-8", "surrogatepass")
    elif isinstance(payload, bytes):
        content = payload
    else:
        content = json.dumps(payload, ensure_ascii=False).encode("utf-8", "surrogatepass")
    return {"content": content, "headers": {"content-type": "application/json"}}


@dataclass
class ArmClient:
    """POST/PUT/GET customers with retries. ``sleep`` is injectable (tests pass a no-op)."""

    base_url: str
    token: str
    transport: httpx.BaseTransport | None = None
    max_attempts: int = 8
    max_wait: float = 5.0
    sleep: Callable[[float], None] = time.sleep
    surfaced: list[dict[str, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._http = httpx.Client(
            base_url=self.base_url,
            headers={"Authorization": f"Bearer {self.token}"},
            transport=self.transport,
            timeout=10.0,
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> ArmClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _send(self, method: str, path: str, **kwargs: Any) -> Result:
        for attempt in range(1, self.max_attempts + 1):
            try:
                response = self._http.request(method, path, **kwargs)
            except httpx.TransportError:  # dropped: the request may or may not have landed
                self.sleep(min(0.01 * 2**attempt, self.max_wait))
                continue
            if response.status_code in RETRY_STATUSES:
                retry_after = response.headers.get("retry-after", "")
                wait = float(retry_after) if retry_after.isdigit() else 0.01 * 2**attempt
                self.sleep(min(wait, self.max_wait))
                continue
            body = response.json()
            if response.status_code >= 400:
                raise ArmRejected(response.status_code, body)
            result = Result(response.status_code, body, attempt)
            self.surfaced.extend(result.warnings)
            return result
        raise ArmUnavailable(f"{method} {path}: no answer after {self.max_attempts} attempts")

    def upsert(self, client_no: int, payload: Any) -> Result:
        """POST one customer (create, or update when its customerNo exists)."""
        return self._send("POST", f"/clients/{client_no}/customers", **_body(payload))

    def update(self, client_no: int, payload: Any) -> Result:
        return self._send("PUT", f"/clients/{client_no}/customers", **_body(payload))

    def get(self, client_no: int, customer_no: str) -> Result:
        return self._send("GET", f"/clients/{client_no}/customers/{customer_no}")


# -- the fuzz properties ----------------------------------------------------------------------

CLIENT_NO = 2218


def _properties() -> dict[str, Any]:
    """The Hypothesis properties (built on call: Hypothesis and the stand-in are imported here)."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from armvalidate.checks.batch import customer_no_key
    from armvalidate.strategies import DEFAULT_TODAY, customer_payloads, invalid_customer_payloads
    from armvalidate.stub import InProcessServer

    fuzz = settings(
        max_examples=40,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )

    @st.composite
    def fault_plans(draw: st.DrawFn, kinds: tuple[str, ...]) -> str:
        """A fault SPEC: a few faults at moderate rates, or a scripted sequence."""
        if draw(st.booleans()):
            steps = draw(st.lists(st.sampled_from((*kinds, "ok")), min_size=1, max_size=4))
            return f"post-customer:script({','.join(steps)})"
        chosen = draw(st.lists(st.sampled_from(kinds), min_size=0, max_size=3, unique=True))
        return ";".join(f"*:{k}@{draw(st.sampled_from(['0.05', '0.1', '0.2']))}" for k in chosen)

    every_fault = ("429(0)", "503(0)", "500", "drop", "drop-after")

    @fuzz
    @given(
        payloads=st.lists(customer_payloads(), min_size=1, max_size=5),
        repeat=st.lists(st.integers(0, 4), max_size=3),
        dirty_email=st.booleans(),
        plan=fault_plans(every_fault),
        seed=st.integers(0, 2**16),
    )
    def no_customer_lost_or_duplicated(
        payloads: list[dict[str, Any]], repeat: list[int], dirty_email: bool, plan: str, seed: int
    ) -> None:
        payloads = payloads + [payloads[i % len(payloads)] for i in repeat]  # upserts
        if dirty_email:
            payloads[0] = {
                **payloads[0],
                "customer": {
                    **payloads[0]["customer"],
                    "emailAddressDocument": ["kari@ Example.no"],
                },
            }
        server = InProcessServer(faults=plan, seed=seed, today=DEFAULT_TODAY)
        succeeded: dict[str, list[int]] = {}
        attempted: set[str] = set()
        last_ok: dict[str, dict[str, Any]] = {}
        with ArmClient(
            server.url, server.token, transport=server.sync_transport(), sleep=lambda s: None
        ) as client:
            for payload in payloads:
                key = customer_no_key(payload["customer"]["customerNo"])
                attempted.add(key)
                try:
                    result = client.upsert(CLIENT_NO, payload)
                except ArmUnavailable:
                    last_ok.pop(key, None)  # unknown whether it landed (drop-after)
                    continue
                assert result.status == 200 and result.body["result"] in ("CREATED", "UPDATED")
                succeeded.setdefault(key, []).append(result.body["accountNo"])
                last_ok[key] = payload
                if dirty_email and payload is payloads[0]:
                    fields = {w["field"] for w in result.warnings}
                    assert "EmailAddressDocument" in fields, result.warnings
        stored = {customer_no_key(c["customerNo"]): c for c in server.customers(CLIENT_NO)}
        assert set(succeeded) <= set(stored) <= attempted  # nothing lost, nothing invented
        assert len(server.customers(CLIENT_NO)) == len(stored)  # one customer per customerNo
        for key, accounts in succeeded.items():
            assert set(accounts) == {stored[key]["accountNo"]}  # retries never made a second one
        for key, payload in last_ok.items():
            if "name" in payload["customer"]:
                assert stored[key]["name"] == payload["customer"]["name"]
        server.close()

    @fuzz
    @given(
        invalid=invalid_customer_payloads(),
        plan=fault_plans(("429(0)", "503(0)", "500", "drop")),
        seed=st.integers(0, 2**16),
    )
    def refusals_are_not_retried(invalid: Any, plan: str, seed: int) -> None:
        if invalid.batch:
            return
        server = InProcessServer(mode="strict", faults=plan, seed=seed, today=DEFAULT_TODAY)
        with ArmClient(
            server.url, server.token, transport=server.sync_transport(), sleep=lambda s: None
        ) as client:
            try:
                client.upsert(CLIENT_NO, invalid.payload)
            except ArmRejected as exc:
                assert 400 <= exc.status < 500 and exc.status != 429
                assert exc.body["code"] == exc.status and exc.body["status"] == "ERROR"
            except ArmUnavailable:
                pass  # every attempt met a fault: fine, as long as none was a refusal
            else:
                raise AssertionError(
                    f"strict mode accepted {invalid.description!r} ({invalid.rule})"
                )
        statuses = [r["status"] for r in server.requests]
        refusals = [s for s in statuses if s is not None and 400 <= s < 500 and s != 429]
        assert len(refusals) <= 1 and (not refusals or statuses[-1] == refusals[0])
        assert server.customers(CLIENT_NO) == []
        server.close()

    return {
        "no_customer_lost_or_duplicated": no_customer_lost_or_duplicated,
        "refusals_are_not_retried": refusals_are_not_retried,
    }


def demo() -> None:
    """Post the docs' request to a real stand-in on 127.0.0.1 with faults, and print what the
    client saw."""
    from pathlib import Path

    from armvalidate.stub import serve

    payload = json.loads((Path(__file__).with_name("post-customer.request.json")).read_text())
    with serve(faults="post-customer:script(429(0),drop-after,500)", seed=1) as server:
        with ArmClient(server.url, server.token) as client:
            result = client.upsert(CLIENT_NO, payload)
        body = result.body
        print(f"{body['result']} after {result.attempts} attempts, accountNo {body['accountNo']}")
        for warning in result.warnings:
            print(f"  warning {warning['field']}: {warning['message']}")
        print("server saw:", [(r["method"], r["status"], r["fault"]) for r in server.requests])
        print("stored customers:", len(server.customers(CLIENT_NO)))


if __name__ == "__main__":
    demo()
    for name, prop in _properties().items():
        prop()
        print(f"{name}: ok")
