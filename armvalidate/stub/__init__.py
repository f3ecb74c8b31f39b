"""A local stand-in for the ARM REST API, for fuzzing API clients end to end.

Needs the ``server`` extra (``pip install 'armvalidate[server]'``: Starlette, uvicorn, httpx);
``import armvalidate`` never imports this package, and importing this package imports nothing
of the server stack until a name below is used.

>>> import armvalidate.stub
>>> sorted(armvalidate.stub.__all__)[:3]
['ArmService', 'BatchTiming', 'DroppedConnection']

Use::

    with armvalidate.stub.serve(mode="strict", faults="post-customer:429@0.2", seed=1) as server:
        httpx.post(f"{server.url}/clients/2218/customers", json=body,
                   headers={"Authorization": f"Bearer {server.token}"})
        assert server.customers(2218)

or in process, without sockets: ``app = armvalidate.stub.InProcessServer()`` and
``httpx.AsyncClient(transport=app.transport(), base_url=app.url)``. See docs/server.md.
"""

from __future__ import annotations

from armvalidate._lazy import lazy_exports

__all__ = [
    "ArmService",
    "BatchTiming",
    "DroppedConnection",
    "FaultPlan",
    "FaultSpecError",
    "InProcessServer",
    "RunningServer",
    "Store",
    "create_app",
    "serve",
]

_WHERE = {
    "ArmService": "armvalidate.stub.service",
    "BatchTiming": "armvalidate.stub.service",
    "FaultPlan": "armvalidate.stub.faults",
    "FaultSpecError": "armvalidate.stub.faults",
    "Store": "armvalidate.stub.store",
    "DroppedConnection": "armvalidate.stub.app",
    "create_app": "armvalidate.stub.app",
    "InProcessServer": "armvalidate.stub.server",
    "RunningServer": "armvalidate.stub.server",
    "serve": "armvalidate.stub.server",
}


__getattr__, __dir__ = lazy_exports(__name__, _WHERE, __all__)
