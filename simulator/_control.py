"""The control API under /_sim/: statistics, faults and settings changed at run time.

It is not part of the real API. Like the rest of the simulator it listens on 127.0.0.1 only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fastapi import FastAPI, Request
from starlette.responses import JSONResponse

from simulator._faults import FaultError, fault_from_mapping

if TYPE_CHECKING:
    from simulator._app import SimulatorState

SETTINGS = ("latency_ms", "token_latency_ms", "token_lifetime_s", "token_max_requests")


def _settings(state: SimulatorState) -> dict[str, Any]:
    return {name: getattr(state.config, name) for name in SETTINGS}


def add_control_routes(app: FastAPI, state: SimulatorState) -> None:
    @app.get("/_sim/info")
    async def info() -> dict[str, Any]:
        hierarchy = state.model.hierarchy
        return {"root_tsg_id": hierarchy.root.tsg_id, "tenants": len(hierarchy),
                "max_depth": hierarchy.max_depth(), "seed": state.config.seed,
                "hostile": state.config.hostile, "settings": _settings(state)}

    @app.get("/_sim/stats")
    async def stats() -> dict[str, Any]:
        return state.stats.snapshot()

    @app.post("/_sim/reset")
    async def reset() -> dict[str, Any]:
        state.stats.reset()
        state.faults.clear()
        return {"reset": True}

    @app.get("/_sim/faults")
    async def list_faults() -> list[dict[str, Any]]:
        return state.faults.describe()

    @app.post("/_sim/faults")
    async def add_faults(request: Request) -> JSONResponse:
        try:
            payload = await request.json()
        except ValueError:
            return JSONResponse({"error": "the body must be a JSON fault or a list of faults"},
                                status_code=400)
        items = payload if isinstance(payload, list) else [payload]
        try:
            faults = [fault_from_mapping(item) for item in items]
        except (FaultError, TypeError) as error:
            return JSONResponse({"error": str(error)}, status_code=400)
        added = [state.faults.add(fault).describe() for fault in faults]
        return JSONResponse(added, status_code=201)

    @app.delete("/_sim/faults")
    async def clear_faults() -> dict[str, Any]:
        state.faults.clear()
        return {"faults": []}

    @app.post("/_sim/settings")
    async def change_settings(request: Request) -> JSONResponse:
        try:
            payload = await request.json()
        except ValueError:
            payload = None
        if not isinstance(payload, dict) or set(payload) - set(SETTINGS):
            return JSONResponse({"error": "send a JSON object with any of: %s"
                                 % ", ".join(SETTINGS)}, status_code=400)
        for name, value in payload.items():
            if value is not None and (isinstance(value, bool) or not isinstance(value, int)
                                      or value < 0):
                return JSONResponse({"error": "%s must be a non-negative integer or null"
                                     % name}, status_code=400)
            if value is None and name != "token_max_requests":
                return JSONResponse({"error": "%s cannot be null" % name}, status_code=400)
        for name, value in payload.items():
            setattr(state.config, name, value)
        state.tokens.lifetime_s = state.config.token_lifetime_s
        state.tokens.max_requests_per_token = state.config.token_max_requests
        return JSONResponse(_settings(state))

    @app.get("/_sim/tokens")
    async def issued_tokens() -> dict[str, Any]:
        return {"tokens": list(state.tokens.issued)}

    @app.post("/_sim/tokens/expire")
    async def expire_tokens() -> dict[str, Any]:
        return {"expired": state.tokens.expire_all()}
