"""pytest fixtures of the ARM stand-in, registered by armvalidate's pytest plugin.

Light at import: pytest and the standard library only; the server stack (Starlette, uvicorn,
httpx: the ``server`` extra) is imported when a fixture runs, and a test that uses one is
skipped cleanly without the extra.

- ``arm_server``: a real server on 127.0.0.1 and a free port (one per session, reset before
  every test): ``arm_server.url``, ``.token``, ``.headers``, ``.requests``,
  ``.customers(clientno)``, ``.reset()``.
- ``arm_server_factory``: ``arm_server_factory(mode="strict", faults="...", seed=1)`` starts a
  dedicated server for the test (stopped after it).
- ``arm_app``: the stand-in in process, no sockets (a fresh one per test):
  ``arm_app.client()`` (synchronous, httpx API), ``arm_app.async_client()``,
  ``arm_app.transport()`` (an httpx transport), ``.requests``, ``.customers(clientno)``.

Example::

    def test_my_client_posts(arm_server):
        client = MyArmClient(arm_server.url, token=arm_server.token)
        client.push(customer)
        assert arm_server.customers(2218)[0]["customerNo"] == customer["customerNo"]
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from armvalidate.stub.server import InProcessServer, RunningServer

__all__ = ["_arm_server_session", "arm_app", "arm_server", "arm_server_factory"]

_REASON = "the ARM stand-in needs the server extra: pip install 'armvalidate[server]'"


def _need_server_extra() -> None:
    for module in ("starlette", "uvicorn", "httpx"):
        pytest.importorskip(module, reason=_REASON)


@pytest.fixture(scope="session")
def _arm_server_session() -> Iterator[RunningServer]:
    _need_server_extra()
    from armvalidate.stub.server import serve

    with serve() as server:
        yield server


@pytest.fixture
def arm_server(_arm_server_session: RunningServer) -> RunningServer:
    """A real ARM stand-in on 127.0.0.1 (lenient mode), emptied before the test."""
    _arm_server_session.reset()
    return _arm_server_session


@pytest.fixture
def arm_server_factory() -> Iterator[Callable[..., RunningServer]]:
    """Start dedicated stand-ins with options (as :func:`armvalidate.stub.serve`)."""
    _need_server_extra()
    from armvalidate.stub.server import serve

    with ExitStack() as stack:

        def start(**options: Any) -> RunningServer:
            return stack.enter_context(serve(**options))

        yield start


@pytest.fixture
def arm_app() -> Iterator[InProcessServer]:
    """The ARM stand-in in process (lenient mode), no sockets."""
    _need_server_extra()
    from armvalidate.stub.server import InProcessServer

    app = InProcessServer()
    yield app
    app.close()
