"""Whatever a client sends gets a documented 4xx in the one error shape, never a 500 or a
traceback: broken JSON, huge bodies, wrong content types, odd paths, unicode client numbers,
duplicate keys (fuzzed with Hypothesis, in process)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytest.importorskip("starlette")
pytest.importorskip("httpx")

from armvalidate.stub.server import InProcessServer
from armvalidate.stub.service import MAX_BODY_BYTES, MAX_DEPTH

ERROR_KEYS = {"status", "code", "error", "message", "errors"}
FUZZ = settings(
    max_examples=150,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture(scope="module")
def server() -> Iterator[InProcessServer]:
    app = InProcessServer(token="tok")
    yield app
    app.close()


@pytest.fixture(scope="module")
def client(server: InProcessServer) -> Iterator[Any]:
    with server.client() as c:
        yield c


def check(response: Any, allowed: set[int]) -> Any:
    assert response.status_code in allowed, (response.status_code, response.text[:300])
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    if response.status_code >= 400:
        assert set(body) == ERROR_KEYS and body["code"] == response.status_code
        assert "Traceback" not in response.text
    return body


@pytest.mark.parametrize(
    ("raw", "error"),
    [
        (b'{"customer": ', "invalid-json"),
        (b"", "invalid-json"),
        (b"   ", "invalid-json"),
        (b"\xff\xfe{}", "invalid-json"),
        (b'{"customer": {"customerNo": "1"}, "customer": {"customerNo": "2"}}', "duplicate-key"),
        (b'{"customer": {"customerNo": "1", "customerNo": "1"}}', "duplicate-key"),
        (b'{"customer": {"customerNo": "1", "limitAmount": NaN}}', "invalid-json"),
        (b'{"customer": {"customerNo": "1", "limitAmount": Infinity}}', "invalid-json"),
        (b'{"customer": {"customerNo": "1", "limitAmount": 1e999}}', "invalid-json"),
        (b'{"customer": {"customerNo": "1", "dueDays": 1' + b"0" * 5000 + b"}}", "invalid-json"),
        (b"[" * (MAX_DEPTH + 1) + b"]" * (MAX_DEPTH + 1), "too-deep"),
        (b"[" * 100_000, "too-deep"),
        (b'"a string"', "not-an-object"),
        (b"[]", "not-an-object"),
        (b"null", "not-an-object"),
    ],
)
def test_unreadable_bodies_are_400(client: Any, raw: bytes, error: str) -> None:
    for path in ("/clients/1/customers", "/clients/1/customers/batches"):
        for method in ("POST", "PUT"):
            r = client.request(
                method, path, content=raw, headers={"content-type": "application/json"}
            )
            assert check(r, {400})["error"] == error


def test_huge_bodies_are_413(client: Any) -> None:
    big = b'{"customer": {"customerNo": "1", "name": "' + b"x" * MAX_BODY_BYTES + b'"}}'
    r = client.post("/clients/1/customers", content=big)
    assert check(r, {413})["error"] == "body-too-large"

    def stream() -> Iterator[bytes]:  # no Content-Length: counted while read
        for _ in range(MAX_BODY_BYTES // 65536 + 2):
            yield b" " * 65536

    r = client.post("/clients/1/customers", content=stream())
    assert check(r, {413})["error"] == "body-too-large"


@pytest.mark.parametrize(
    "content_type",
    [
        "text/plain",
        "application/xml",
        "multipart/form-data; boundary=x",
        "application/x-www-form-urlencoded",
    ],
)
def test_wrong_content_types_are_415(client: Any, content_type: str) -> None:
    body = json.dumps({"customer": {"customerNo": "1", "name": "A"}})
    r = client.post("/clients/1/customers", content=body, headers={"content-type": content_type})
    assert check(r, {415})["error"] == "unsupported-media-type"
    ok = ("application/json; charset=utf-8", "application/vnd.arm+json")
    for good in ok:
        r = client.post("/clients/1/customers", content=body, headers={"content-type": good})
        check(r, {200})


@FUZZ
@given(
    raw=st.binary(max_size=300)
    | st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass"))
)
def test_fuzzed_bytes_never_500(client: Any, raw: bytes) -> None:
    for path in ("/clients/1/customers", "/clients/1/customers/batches"):
        r = client.post(path, content=raw, headers={"content-type": "application/json"})
        check(r, {200, 202, 400, 422})


JSONISH = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=5)
    ),
    max_leaves=25,
)
KEYS = st.sampled_from(
    [
        "customerNo",
        "name",
        "ssn",
        "postalAddress",
        "emailAddressDocument",
        "dueDays",
        "yearOfBirth",
        "distribution",
        "x",
    ]
)


@FUZZ
@given(
    customer=st.dictionaries(KEYS, JSONISH, max_size=6),
    extra=st.dictionaries(st.text(max_size=8), JSONISH, max_size=2),
    method=st.sampled_from(["POST", "PUT"]),
)
def test_fuzzed_json_never_500(
    client: Any, customer: dict[str, Any], extra: dict[str, Any], method: str
) -> None:
    body = {**extra, "customer": customer}
    r = client.request(method, "/clients/1/customers", json=body)
    check(r, {200, 404, 422})
    r = client.request(
        method, "/clients/1/customers/batches", json={"customers": [customer, extra]}
    )
    check(r, {202})


@FUZZ
@given(client_no=st.text(min_size=1, max_size=12).filter(lambda t: "/" not in t))
def test_unicode_client_numbers(client: Any, client_no: str) -> None:
    path = "/clients/" + quote(client_no, safe="") + "/customers"
    r = client.get(path)
    ascii_digits = client_no.isascii() and client_no.isdigit() and len(client_no) <= 9
    check(r, {200} if ascii_digits else {404})


@pytest.mark.parametrize(
    "client_no", ["٢٢١٨", "２２１８", "2218\u200b", "-1", "1e3", "0x10", "1234567890", " 1"]
)
def test_odd_client_numbers_are_404(client: Any, client_no: str) -> None:
    r = client.get("/clients/" + quote(client_no, safe="") + "/customers")
    assert check(r, {404})["error"] == "unknown-client"


@FUZZ
@given(
    prefix=st.sampled_from(["", "/arm/v1", "/arm/v1/clients/1", "/arm/v1/clients/1/customers"]),
    segments=st.lists(st.text(max_size=10), min_size=0, max_size=5),
    method=st.sampled_from(["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"]),
)
def test_odd_paths(
    client: Any, server: InProcessServer, prefix: str, segments: list[str], method: str
) -> None:
    path = prefix + "/" + "/".join(quote(s, safe="") for s in segments)
    r = client.request(
        method, server.origin + path, content=b"{}" if method in ("POST", "PUT") else None
    )
    if method == "HEAD":
        assert r.status_code in {200, 400, 401, 404, 405} and r.status_code != 500
        return
    check(r, {200, 202, 400, 401, 404, 405, 422})


@FUZZ
@given(
    params=st.dictionaries(
        st.sampled_from(["pageSize", "maximumCount", "query", "pageno", "x"]),
        st.text(max_size=12),
        max_size=4,
    )
)
def test_fuzzed_list_parameters(client: Any, params: dict[str, str]) -> None:
    r = client.get("/clients/1/customers", params=params)
    check(r, {200, 400, 404})


@FUZZ
@given(
    header=st.text(max_size=40).filter(lambda h: h.isascii() and "\n" not in h and "\r" not in h)
)
def test_fuzzed_authorization_headers(server: InProcessServer, header: str) -> None:
    with server.client(auth=False) as c:
        r = c.get("/clients/1/customers", headers={"Authorization": header})
    check(r, {200, 401} if header.strip() == "Bearer tok" else {401})


def test_customer_numbers_in_paths(client: Any) -> None:
    for number in ("å/ø", "%", "..", "a b", "ÆØÅ", "\u0000", "x" * 2000):
        r = client.get("/clients/1/customers/" + quote(number, safe=""))
        check(r, {404})
