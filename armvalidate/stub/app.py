"""The stand-in's HTTP face: a Starlette (ASGI) app over :class:`ArmService`.

Every answer is JSON; every error answer has the one shape of :func:`error_body`. Nothing a
client sends produces a 500 or a traceback: a 500 is only ever an injected fault (or a bug).
"""

from __future__ import annotations

import asyncio
import json
import logging
import math
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import Receive, Scope, Send

from armvalidate.stub.faults import Fault
from armvalidate.stub.service import (
    MAX_BATCH_BODY_BYTES,
    MAX_BODY_BYTES,
    ApiError,
    ArmService,
    error_body,
    parse_client_no,
    parse_json,
)

__all__ = ["DEFAULT_BASE_PATH", "DroppedConnection", "create_app"]

DEFAULT_BASE_PATH = "/arm/v1"
_RECORDED_TEXT = 64 << 10  # a body that is no JSON is recorded as text, cut at 64 KiB
_log = logging.getLogger("armvalidate.stub")


class DroppedConnection(ConnectionError):
    """Raised by the app to drop a connection (a ``drop`` fault); uvicorn then closes the
    socket, and in process the transport turns it into ``httpx.RemoteProtocolError``."""


def _json(status: int, body: Any, headers: Mapping[str, str] | None = None) -> Response:
    content = json.dumps(body, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return Response(content.encode("utf-8"), status, headers, media_type="application/json")


def _error(exc: ApiError) -> Response:
    return _json(exc.status, exc.body(), exc.headers)


class _Drop(Response):
    """Start an answer, send part of it, then drop the connection."""

    def __init__(self) -> None:
        super().__init__(b"", 200)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [(b"content-type", b"application/json"), (b"content-length", b"64")],
            }
        )
        await send({"type": "http.response.body", "body": b'{"status":', "more_body": True})
        raise DroppedConnection("fault: connection dropped")


def _fault_response(fault: Fault) -> Response:
    if fault.kind in ("429", "503"):
        status = int(fault.kind)
        error = "too-many-requests" if status == 429 else "service-unavailable"
        message = (
            "rate limit exceeded (injected fault)"
            if status == 429
            else "service unavailable (injected fault)"
        )
        retry_after = str(math.ceil(fault.seconds))  # delay-seconds is an integer
        return _json(status, error_body(status, error, message), {"Retry-After": retry_after})
    return _json(500, error_body(500, "internal-error", "internal server error (injected fault)"))


async def _read_body(request: Request, limit: int) -> bytes:
    length = request.headers.get("content-length")
    if length is not None and length.isdigit() and int(length) > limit:
        raise ApiError(413, "body-too-large", f"the body is larger than {limit} bytes")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise ApiError(413, "body-too-large", f"the body is larger than {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _check_content_type(request: Request) -> None:
    header = request.headers.get("content-type")
    if header is None:
        return  # no content type: read as JSON
    media = header.split(";", 1)[0].strip().lower()
    if media != "application/json" and not (
        media.startswith("application/") and media.endswith("+json")
    ):
        raise ApiError(415, "unsupported-media-type", "the body must be application/json")


def _recorded_body(raw: bytes, parsed: Any, ok: bool) -> Any:
    if ok:
        return parsed
    if not raw:
        return None
    return raw[:_RECORDED_TEXT].decode("utf-8", "replace")


Handler = Callable[[ArmService, int, Request, Any], Awaitable[tuple[int, Any]] | tuple[int, Any]]


def _endpoint(
    name: str, handler: Handler, *, body: bool = False, batch: bool = False
) -> Callable[[Request], Awaitable[Response]]:
    limit = MAX_BATCH_BODY_BYTES if batch else MAX_BODY_BYTES

    async def endpoint(request: Request) -> Response:
        service: ArmService = request.app.state.service
        entry: dict[str, Any] = {
            "method": request.method,
            "path": request.url.path,
            "query": request.url.query,
            "endpoint": name,
            "clientNo": None,
            "body": None,
            "status": None,
            "fault": None,
        }
        try:
            response = await _run(request, service, entry, name, handler, body, limit)
        except DroppedConnection:
            entry["status"] = None
            service.record(entry)
            raise
        except ApiError as exc:
            response = _error(exc)
        except Exception as exc:  # a bug: answer 500 in the error shape, never a traceback
            _log.exception("internal error in %s", name)
            response = _json(
                500, error_body(500, "internal-error", f"internal error ({type(exc).__name__})")
            )
        entry["status"] = None if isinstance(response, _Drop) else response.status_code
        service.record(entry)
        return response

    return endpoint


async def _run(
    request: Request,
    service: ArmService,
    entry: dict[str, Any],
    name: str,
    handler: Handler,
    has_body: bool,
    limit: int,
) -> Response:
    service.authorize(request.headers.get("authorization"), None)
    client_no = parse_client_no(request.path_params["clientno"])
    entry["clientNo"] = client_no
    service.authorize(request.headers.get("authorization"), client_no)
    payload: Any = None
    problem: ApiError | None = None
    if has_body:
        try:
            _check_content_type(request)
            raw = await _read_body(request, limit)
        except ApiError as exc:
            entry["body"] = None
            raise exc from None
        try:
            payload = parse_json(raw)
        except ApiError as exc:
            problem = exc
        entry["body"] = _recorded_body(raw, payload, problem is None)
    fault = service.faults.decide(name)
    after = False
    if fault is not None:
        entry["fault"] = str(fault)
        if fault.kind == "slow":
            await asyncio.sleep(fault.seconds)
        elif fault.kind == "drop":
            return _Drop()
        elif fault.kind == "drop-after":
            after = True
        else:
            return _fault_response(fault)
    if problem is not None:
        raise problem
    result = handler(service, client_no, request, payload)
    if not isinstance(result, tuple):
        result = await result
    status, answer = result
    if after:
        return _Drop()
    return _json(status, answer)


def _post(service: ArmService, client_no: int, request: Request, payload: Any) -> tuple[int, Any]:
    return service.post_customer(client_no, payload)


def _put(service: ArmService, client_no: int, request: Request, payload: Any) -> tuple[int, Any]:
    return service.put_customer(client_no, payload)


def _get(service: ArmService, client_no: int, request: Request, payload: Any) -> tuple[int, Any]:
    return service.get_customer(client_no, request.path_params["customerno"])


def _delete(service: ArmService, client_no: int, request: Request, payload: Any) -> tuple[int, Any]:
    return service.delete_customer(client_no, request.path_params["customerno"])


def _list(service: ArmService, client_no: int, request: Request, payload: Any) -> tuple[int, Any]:
    return service.list_customers(client_no, request.query_params)


def _post_batch(
    service: ArmService, client_no: int, request: Request, payload: Any
) -> tuple[int, Any]:
    return service.submit_batch(client_no, "create", payload)


def _put_batch(
    service: ArmService, client_no: int, request: Request, payload: Any
) -> tuple[int, Any]:
    return service.submit_batch(client_no, "update", payload)


def _get_batch(
    service: ArmService, client_no: int, request: Request, payload: Any
) -> tuple[int, Any]:
    return service.batch_status(client_no, request.path_params["batchuuid"])


# -- admin (not recorded, never faulted) ---------------------------------------------------


async def _openapi(request: Request) -> Response:
    from armvalidate.stub.openapi import openapi_document

    base = str(request.base_url).rstrip("/") + request.app.state.base_path
    cache: dict[str, Any] = request.app.state.openapi
    if base not in cache:
        service: ArmService = request.app.state.service
        cache[base] = openapi_document(server_url=base, mode=service.mode)
    return _json(200, cache[base])


async def _health(request: Request) -> Response:
    service: ArmService = request.app.state.service
    return _json(200, {"status": "OK", "mode": service.mode})


def _admin(fn: Callable[[Request, ArmService], Any]) -> Callable[[Request], Awaitable[Response]]:
    async def endpoint(request: Request) -> Response:
        service: ArmService = request.app.state.service
        try:
            service.authorize(request.headers.get("authorization"), None)
            return _json(200, fn(request, service))
        except ApiError as exc:
            return _error(exc)

    return endpoint


def _admin_requests(request: Request, service: ArmService) -> Any:
    return {"requests": service.requests}


def _admin_reset(request: Request, service: ArmService) -> Any:
    service.reset()
    return {"status": "OK", "message": "state, recording and fault plan reset"}


def _admin_customers(request: Request, service: ArmService) -> Any:
    client_no = parse_client_no(request.path_params["clientno"])
    return {"clientNo": client_no, "customers": service.customers(client_no)}


def _named_batches(
    handler: Callable[[Request], Awaitable[Response]],
) -> Callable[[Request], Awaitable[Response]]:
    async def endpoint(request: Request) -> Response:
        request.scope["path_params"] = {**request.path_params, "customerno": "batches"}
        return await handler(Request(request.scope, request.receive))

    endpoint.aliased = True  # type: ignore[attr-defined]
    return endpoint


class _ByMethod:
    """One route per path (an ASGI app, so Starlette routes every method here); a method the
    path does not have is 405 with the exact ``Allow`` list."""

    def __init__(self, methods: dict[str, Callable[[Request], Awaitable[Response]]]) -> None:
        self.methods = methods
        # GET/DELETE .../customers/batches read the customer "batches" (its own path template)
        self.allow = ", ".join(m for m, h in methods.items() if not getattr(h, "aliased", False))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope, receive)
        handler = self.methods.get(request.method)
        if handler is not None:
            response = await handler(request)
        else:
            response = await _http_error(request, HTTPException(405, headers={"Allow": self.allow}))
        await response(scope, receive, send)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    status = exc.status_code
    if status == 404:
        error, message = "not-found", "no such endpoint"
    elif status == 405:
        error, message = "method-not-allowed", f"{request.method} is not allowed here"
    else:
        error, message = "bad-request", "the request cannot be read"
    response = _json(status, error_body(status, error, message), exc.headers)
    service: ArmService = request.app.state.service
    if not request.url.path.startswith(("/_stub/", "/openapi.json")):
        service.record(
            {
                "method": request.method,
                "path": request.url.path,
                "query": request.url.query,
                "endpoint": None,
                "clientNo": None,
                "body": None,
                "status": status,
                "fault": None,
            }
        )
    return response


def create_app(
    service: ArmService | None = None, *, base_path: str = DEFAULT_BASE_PATH, **options: Any
) -> Starlette:
    """The ASGI app of the stand-in. ``service`` (or ``ArmService(**options)``) holds the mode,
    tokens, store, fault plan and recording; ``base_path`` prefixes the API's paths."""
    if service is None:
        service = ArmService(**options)
    elif options:
        raise TypeError("pass either a service or its options, not both")
    base = "/" + base_path.strip("/") if base_path.strip("/") else ""
    c = base + "/clients/{clientno}"
    table: dict[str, dict[str, Callable[[Request], Awaitable[Response]]]] = {
        c + "/customers": {
            "POST": _endpoint("post-customer", _post, body=True),
            "PUT": _endpoint("put-customer", _put, body=True),
            "GET": _endpoint("list-customers", _list),
        },
        c + "/customers/batches": {
            "POST": _endpoint("post-batch", _post_batch, body=True, batch=True),
            "PUT": _endpoint("put-batch", _put_batch, body=True, batch=True),
            # the customer whose customerNo is "batches"
            "GET": _named_batches(_endpoint("get-customer", _get)),
            "DELETE": _named_batches(_endpoint("delete-customer", _delete)),
        },
        c + "/customers/{customerno}": {
            "GET": _endpoint("get-customer", _get),
            "DELETE": _endpoint("delete-customer", _delete),
        },
        c + "/batches/{batchuuid}": {"GET": _endpoint("get-batch", _get_batch)},
    }
    routes = [Route(path, _ByMethod(methods)) for path, methods in table.items()]
    routes += [
        Route("/_stub/health", _health, methods=["GET"]),
        Route("/openapi.json", _openapi, methods=["GET"]),
        Route("/_stub/requests", _admin(_admin_requests), methods=["GET"]),
        Route("/_stub/reset", _admin(_admin_reset), methods=["POST"]),
        Route("/_stub/clients/{clientno}/customers", _admin(_admin_customers), methods=["GET"]),
    ]
    app = Starlette(routes=routes, exception_handlers={HTTPException: _http_error})
    app.router.redirect_slashes = False
    app.state.service = service
    app.state.base_path = base
    app.state.openapi = {}
    return app
