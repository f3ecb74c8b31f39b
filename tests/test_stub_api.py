"""The ARM stand-in's endpoints, in process (no sockets): the docs' flows, upsert, PUT
semantics, paging, batches, auth, modes, the error shape."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("starlette")
pytest.importorskip("httpx")

import jsonschema_rs

from armvalidate.stub.openapi import openapi_document
from armvalidate.stub.server import InProcessServer

DOCS = Path(__file__).resolve().parents[1] / "examples"
# The keys of the docs' 200 answer (shared/arm-api/examples/post-customer.response-200.json)
DOCS_ANSWER_KEYS = {
    "status",
    "result",
    "message",
    "clientNo",
    "accountNo",
    "customerNo",
    "warnings",
}
REQUEST = {
    "metadata": {"userId": "TestUser"},
    "customer": {
        "customerNo": "543210",
        "name": "Owe Armstrong",
        "postalAddress": {
            "addressLine1": "C/O ARMchair industries",
            "postalCode": "0150",
            "cityName": "Oslo",
            "countryCode": "NO",
        },
        "customerCategory": "CONS",
        "emailAddressDocument": ["owea@ testarmrest.no"],
        "phoneNo": "99887766",
        "ssn": "12015641779",
        "ssnCountry": "NO",
        "dateOfBirth": "1956-01-12",
        "yearOfBirth": 1956,
        "language": "no",
        "currency": "NOK",
        "bankAccountNo": "815013665841",  # 12 digits, as in the docs: invalid
    },
}
DOC = openapi_document()


class _Schemas:
    """``jsonschema.validate(instance, _schema(name))`` against the OpenAPI document."""

    def __init__(self) -> None:
        self._validators: dict[str, Any] = {}

    def validate(self, instance: Any, name: str) -> None:
        if name not in self._validators:
            schema = {"$ref": f"#/components/schemas/{name}", "components": DOC["components"]}
            self._validators[name] = jsonschema_rs.Draft202012Validator(schema)
        self._validators[name].validate(instance)


jsonschema = _Schemas()


def _schema(name: str) -> str:
    return name


def assert_error(response: Any, status: int) -> dict[str, Any]:
    """The one error shape, validated against the OpenAPI document's Error schema."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    jsonschema.validate(body, _schema("Error"))
    assert body["code"] == status and body["status"] == "ERROR"
    return body


@pytest.fixture
def app() -> Iterator[InProcessServer]:
    server = InProcessServer(token="tok", tokens={"narrow": [2218]})
    yield server
    server.close()


@pytest.fixture
def client(app: InProcessServer) -> Any:
    with app.client() as c:
        yield c


def test_the_docs_request_gets_200_in_the_docs_shape(app: InProcessServer, client: Any) -> None:
    docs_request = json.loads((DOCS / "post-customer.request.json").read_text())
    r = client.post("/clients/2218/customers", json=docs_request)
    assert r.status_code == 200
    body = r.json()
    assert set(body) == DOCS_ANSWER_KEYS
    jsonschema.validate(body, _schema("CustomerAnswer"))
    assert body["result"] == "CREATED" and body["status"] == "PROCESSED"
    assert body["clientNo"] == 2218 and body["customerNo"] == "543210"
    assert isinstance(body["accountNo"], int)
    # what ARM answered for it: its addresses were clean, and the 12-digit account, the
    # 9-digit phone and the bad Peppol ids got no warning from the server (warnings="arm")
    assert body["warnings"] == []
    chatty = InProcessServer(token="tok", warnings="all")
    r = chatty.client().post("/clients/2218/customers", json=docs_request)
    chatty.close()
    fields = {w["field"] for w in r.json()["warnings"]}
    assert "BankAccountNo" in fields  # 12 digits: warned about, not refused (lenient)


def test_the_docs_answer_warning_for_the_docs_original_address(client: Any) -> None:
    """The docs' answer warns about ``owea@ testarmrest.no``: the stand-in answers the same
    field, and the message starts as the docs' message does."""
    docs_request = json.loads((DOCS / "post-customer.request.json").read_text())
    docs_request["customer"]["emailAddressDocument"] = ["owea@ testarmrest.no"]
    body = client.post("/clients/2218/customers", json=docs_request).json()
    answer = json.loads((DOCS / "post-customer.response-200.json").read_text())
    assert [w["field"] for w in body["warnings"]] == [w["field"] for w in answer["warnings"]]
    assert answer["warnings"][0]["message"].startswith(body["warnings"][0]["message"][:60])


def test_post_is_an_upsert_with_a_stable_account_number(client: Any) -> None:
    first = client.post("/clients/2218/customers", json=REQUEST).json()
    again = client.post("/clients/2218/customers", json=REQUEST).json()
    other = client.post(
        "/clients/2218/customers", json={"customer": {"customerNo": "2", "name": "B"}}
    ).json()
    assert (first["result"], again["result"]) == ("CREATED", "UPDATED")
    assert first["message"] == "Customer created" and again["message"] == "Customer updated"
    assert first["accountNo"] == again["accountNo"] != other["accountNo"]
    # customer numbers compare as the validator compares them (values are not case-sensitive)
    upper = client.post("/clients/2218/customers", json={"customer": {"customerNo": " 543210 "}})
    assert upper.json()["result"] == "UPDATED"


def test_warnings_use_pascal_case_fields_and_the_stored_customer_is_sanitized(
    app: InProcessServer, client: Any
) -> None:
    body = client.post("/clients/2218/customers", json=REQUEST).json()
    email = [w for w in body["warnings"] if w["field"] == "EmailAddressDocument"]
    assert email and "sanitized" in email[0]["message"]
    stored = client.get("/clients/2218/customers/543210").json()
    assert stored["emailAddressDocument"] == ["owea@testarmrest.no"]
    assert app.customers(2218)[0]["emailAddressDocument"] == ["owea@testarmrest.no"]
    jsonschema.validate(stored, _schema("StoredCustomer"))


def test_unknown_and_answer_only_keys_are_dropped_with_a_warning() -> None:
    server = InProcessServer(token="tok", warnings="all")
    client = server.client()
    payload = {"customer": {"customerNo": "7", "name": "X", "shoeSize": 44, "accountNo": 1}}
    body = client.post("/clients/2218/customers", json=payload).json()
    assert {"ShoeSize", "AccountNo"} <= {w["field"] for w in body["warnings"]}
    stored = client.get("/clients/2218/customers/7").json()
    assert "shoeSize" not in stored and stored["accountNo"] == body["accountNo"]


def test_put_keeps_missing_and_null_keys_and_replaces_the_address_group(client: Any) -> None:
    client.post("/clients/2218/customers", json=REQUEST)
    update = {
        "customer": {
            "customerNo": "543210",
            "name": None,
            "phoneNo": "41234567",
            "postalAddress": {"cityName": "Bergen", "postalCode": None, "addressLine1": ""},
        }
    }
    r = client.put("/clients/2218/customers", json=update)
    assert r.status_code == 200 and r.json()["result"] == "UPDATED"
    stored = client.get("/clients/2218/customers/543210").json()
    assert stored["name"] == "Owe Armstrong"  # null: unchanged
    assert stored["ssn"] == REQUEST["customer"]["ssn"]  # missing: unchanged
    assert stored["phoneNo"] == "41234567"
    assert stored["postalAddress"] == {"cityName": "Bergen", "addressLine1": ""}
    only_null = {"customer": {"customerNo": "543210", "postalAddress": {"cityName": None}}}
    client.put("/clients/2218/customers", json=only_null)
    assert (
        client.get("/clients/2218/customers/543210").json()["postalAddress"]["cityName"] == "Bergen"
    )


def test_put_of_an_unknown_customer_is_404(client: Any) -> None:
    r = client.put("/clients/2218/customers", json={"customer": {"customerNo": "nobody"}})
    assert assert_error(r, 404)["error"] == "customer-not-found"


def test_get_and_delete(client: Any) -> None:
    assert_error(client.get("/clients/2218/customers/543210"), 404)
    created = client.post("/clients/2218/customers", json=REQUEST).json()
    got = client.get("/clients/2218/customers/543210").json()
    assert got["accountNo"] == created["accountNo"] and got["clientNo"] == 2218
    assert got["organizationNoScheme"] == "0192" if "organizationNo" in got else True
    deleted = client.delete("/clients/2218/customers/543210")
    assert deleted.status_code == 200 and deleted.json()["result"] == "DELETED"
    jsonschema.validate(deleted.json(), _schema("DeleteAnswer"))
    assert_error(client.delete("/clients/2218/customers/543210"), 404)
    assert_error(client.get("/clients/2218/customers/543210"), 404)
    # another client's customers are not visible
    client.post("/clients/2218/customers", json=REQUEST)
    assert_error(client.get("/clients/2219/customers/543210"), 404)


def _fill(client: Any, n: int, client_no: int = 2218) -> None:
    body = {"customers": [{"customerNo": f"c{i:05}", "name": f"N{i}"} for i in range(n)]}
    uuid = client.post(f"/clients/{client_no}/customers/batches", json=body).json()["batchUuid"]
    assert client.get(f"/clients/{client_no}/batches/{uuid}").status_code == 202
    assert client.get(f"/clients/{client_no}/batches/{uuid}").status_code == 200


def test_paging_defaults_and_later_pages_by_query_id(client: Any) -> None:
    _fill(client, 1205)
    first = client.get("/clients/2218/customers").json()
    jsonschema.validate(first, _schema("CustomerList"))
    s = first["summary"]
    assert (s["pageNo"], s["currentPageSize"], s["pageSizeLimit"]) == (1, 100, 100)
    assert (s["totalCount"], s["totalPages"], s["maximumCount"]) == (1205, 13, 10000)
    assert s["nextPage"] == 2 and s["lastPage"] is False
    seen = [c["customerNo"] for c in first["customers"]]
    page = 2
    while True:
        r = client.get("/clients/2218/customers", params={"query": s["queryId"], "pageno": page})
        body = r.json()
        seen += [c["customerNo"] for c in body["customers"]]
        if body["summary"]["lastPage"]:
            break
        page = body["summary"]["nextPage"]
    assert body["summary"]["currentPageSize"] == 5 and body["summary"]["nextPage"] is None
    assert seen == [f"c{i:05}" for i in range(1205)]  # each once, in creation order
    assert_error(
        client.get("/clients/2218/customers", params={"query": s["queryId"], "pageno": 14}), 404
    )
    assert_error(client.get("/clients/2218/customers", params={"query": "nope"}), 404)
    assert_error(client.get("/clients/2218/customers", params={"pageno": "x"}), 400)


@pytest.mark.parametrize(
    ("asked", "limit"),
    [(None, 100), ("4", 10), ("0", 10), ("5", 5), ("1000", 1000), ("5000", 1000)],
)
def test_page_size_rules(client: Any, asked: str | None, limit: int) -> None:
    _fill(client, 12)
    params = {} if asked is None else {"pageSize": asked}
    s = client.get("/clients/2218/customers", params=params).json()["summary"]
    assert s["pageSizeLimit"] == limit
    assert s["currentPageSize"] == min(limit, 12)


@pytest.mark.parametrize(("asked", "most"), [(None, 10000), ("3", 3), ("20000", 10000)])
def test_maximum_count(client: Any, asked: str | None, most: int) -> None:
    _fill(client, 12)
    params = {"pageSize": "5"} if asked is None else {"pageSize": "5", "maximumCount": asked}
    s = client.get("/clients/2218/customers", params=params).json()["summary"]
    assert s["maximumCount"] == most and s["totalCount"] == min(most, 12)


def test_batches_answer_202_then_200_or_206_with_per_item_results(client: Any) -> None:
    batch = {
        "metadata": {"userId": "u"},
        "customers": [{"customerNo": "1", "name": "A"}, {"name": "no number"}, {"customerNo": "1"}],
    }
    r = client.post("/clients/2218/customers/batches", json=batch)
    assert r.status_code == 202
    jsonschema.validate(r.json(), _schema("BatchAccepted"))
    uuid = r.json()["batchUuid"]
    assert client.get("/clients/2218/customers/1").status_code == 404  # not processed yet
    polling = client.get(f"/clients/2218/batches/{uuid}")
    assert polling.status_code == 202 and polling.json()["status"] == "PROCESSING"
    done = client.get(f"/clients/2218/batches/{uuid}")
    assert done.status_code == 206
    jsonschema.validate(done.json(), _schema("BatchStatus"))
    results = done.json()["results"]
    assert [(x["index"], x["status"], x["result"]) for x in results] == [
        (0, 200, "CREATED"),
        (1, 422, "FAILED"),
        (2, 200, "UPDATED"),
    ]
    assert results[1]["errors"][0]["rule"] == "schema.required"
    assert client.get(f"/clients/2218/batches/{uuid}").status_code == 206  # stable
    good = client.put(
        "/clients/2218/customers/batches", json={"customers": [{"customerNo": "1", "name": "Z"}]}
    )
    uuid2 = good.json()["batchUuid"]
    client.get(f"/clients/2218/batches/{uuid2}")
    assert client.get(f"/clients/2218/batches/{uuid2}").status_code == 200
    assert client.get("/clients/2218/customers/1").json()["name"] == "Z"
    assert_error(client.get(f"/clients/2219/batches/{uuid2}"), 404)
    assert_error(client.post("/clients/2218/customers/batches", json={"customer": {}}), 422)


def test_batch_timing_is_configurable() -> None:
    server = InProcessServer(batch_polls=3)
    with server.client() as c:
        uuid = c.post("/clients/1/customers/batches", json={"customers": []}).json()["batchUuid"]
        codes = [c.get(f"/clients/1/batches/{uuid}").status_code for _ in range(5)]
    assert codes == [202, 202, 202, 200, 200]
    now = InProcessServer(batch_polls=0)
    with now.client() as c:
        uuid = c.post("/clients/1/customers/batches", json={"customers": []}).json()["batchUuid"]
        assert c.get(f"/clients/1/batches/{uuid}").status_code == 200


def test_auth_401_and_403(app: InProcessServer) -> None:
    with app.client(auth=False) as c:
        r = c.post("/clients/2218/customers", json=REQUEST)
        assert assert_error(r, 401)["error"] == "unauthorized"
        assert r.headers["www-authenticate"].startswith("Bearer")
        assert_error(
            c.get("/clients/2218/customers", headers={"Authorization": "Bearer wrong"}), 401
        )
        assert_error(
            c.get("/clients/2218/customers", headers={"Authorization": "Basic dG9rOg=="}), 401
        )
        narrow = {"Authorization": "Bearer narrow"}
        assert c.get("/clients/2218/customers", headers=narrow).status_code == 200
        assert_error(c.get("/clients/2219/customers", headers=narrow), 403)
        assert_error(c.post("/clients/2219/customers", json=REQUEST, headers=narrow), 403)
    assert app.customers(2219) == []


def test_lenient_refuses_only_what_cannot_be_processed(client: Any) -> None:
    for payload in (
        {"customer": {"name": "no number"}},
        {"customer": {"customerNo": "", "name": "empty"}},
        {"customer": {"customerNo": "  "}},
        {"customer": {"customerNo": 12}},
        {"metadata": {}},
        {"customer": {"customerNo": "1", "yearOfBirth": "1956"}},  # a wrong JSON type
    ):
        body = assert_error(client.post("/clients/2218/customers", json=payload), 422)
        assert body["errors"] and all(
            {"field", "rule", "message"} <= set(e) for e in body["errors"]
        )
    assert_error(client.post("/clients/2218/customers", json=[REQUEST]), 400)
    # everything else is 200 with warnings: no name, a bad checksum, an unknown code
    bad = {"customer": {"customerNo": "9", "ssn": "12015641770", "currency": "QQQ"}}
    r = client.post("/clients/2218/customers", json=bad)
    assert r.status_code == 200 and r.json()["warnings"] == []  # ARM's: none of these
    chatty = InProcessServer(token="tok", warnings="all")
    r = chatty.client().post("/clients/2218/customers", json=bad)
    chatty.close()
    assert r.status_code == 200 and {"Name", "Ssn", "Currency"} <= {
        w["field"] for w in r.json()["warnings"]
    }


def test_strict_mode_answers_422_with_masked_findings() -> None:
    server = InProcessServer(mode="strict")
    with server.client() as c:
        bad = copy.deepcopy(REQUEST)
        bad["customer"]["ssn"] = "12015641770"  # wrong check digits
        r = c.post("/clients/2218/customers", json=bad)
        body = assert_error(r, 422)
        rules = {e["rule"] for e in body["errors"]}
        assert {"ssn.checksum", "account.format"} <= rules
        assert all({"field", "rule", "message"} <= set(e) for e in body["errors"])
        assert "12015641770" not in r.text and "815013665841" not in r.text
        assert server.customers(2218) == []
        good = copy.deepcopy(REQUEST)
        good["customer"]["bankAccountNo"] = "86011117947"
        ok = c.post("/clients/2218/customers", json=good)
        assert ok.status_code == 200, ok.text
        assert ok.json()["warnings"]  # warnings still come with a 200


def test_a_post_for_an_existing_customer_is_checked_as_an_upsert() -> None:
    """A POST whose customerNo exists updates that customer (the docs), so it is checked with
    ``operation="upsert"``: no name required. A new customer is checked as a create."""
    server = InProcessServer(mode="strict", warnings="all")
    with server.client() as c:
        good = copy.deepcopy(REQUEST)
        good["customer"]["bankAccountNo"] = "86011117947"
        assert c.post("/clients/2218/customers", json=good).status_code == 200
        nameless = {"customer": {"customerNo": good["customer"]["customerNo"].lower()}}
        r = c.post("/clients/2218/customers", json=nameless)
        assert r.status_code == 200, r.text
        assert r.json()["result"] == "UPDATED"
        assert "Name" not in {w["field"] for w in r.json()["warnings"]}
        # the same body for a customer number that is not there: a create, name required
        r = c.post("/clients/2218/customers", json={"customer": {"customerNo": "new-1"}})
        body = assert_error(r, 422)
        assert {e["rule"] for e in body["errors"]} == {"schema.required"}
        # the same customer number under another client: a create there too
        assert_error(c.post("/clients/1/customers", json=nameless), 422)
    server.close()


def test_every_request_is_recorded_in_order_without_the_token(
    app: InProcessServer, client: Any
) -> None:
    client.post("/clients/2218/customers", json=REQUEST)
    client.get("/clients/2218/customers/543210")
    client.get("/nowhere")
    with app.client(auth=False) as anon:
        anon.get("/clients/2218/customers")
    seen = app.requests
    assert [(r["method"], r["status"]) for r in seen] == [
        ("POST", 200),
        ("GET", 200),
        ("GET", 404),
        ("GET", 401),
    ]
    assert seen[0]["body"] == REQUEST and seen[0]["endpoint"] == "post-customer"
    assert [r["seq"] for r in seen] == [1, 2, 3, 4]
    assert "tok" not in json.dumps(seen)
    admin = client.get(app.origin + "/_stub/requests").json()["requests"]
    assert admin == seen
    assert client.get(app.origin + "/_stub/clients/2218/customers").json()["customers"]
    with app.client(auth=False) as anon:
        assert_error(anon.get(app.origin + "/_stub/requests"), 401)
    assert client.post(app.origin + "/_stub/reset").status_code == 200
    assert app.requests == [] and app.customers(2218) == []


def test_served_openapi_document_names_this_server(client: Any, app: InProcessServer) -> None:
    doc = client.get(app.origin + "/openapi.json").json()
    assert doc["servers"] == [{"url": app.url}]
    assert doc["paths"] == DOC["paths"]
