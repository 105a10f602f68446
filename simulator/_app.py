"""The FastAPI application: token endpoints, the 36 operations and the /_sim control API."""

from __future__ import annotations

import asyncio
import json
import logging
import re
from typing import Any
from urllib.parse import parse_qs

from fastapi import FastAPI, Request
from starlette.responses import JSONResponse, Response

from simulator._auth import TOKEN_PATHS, TokenRequestError, TokenService
from simulator._config import SimulatorConfig
from simulator._control import add_control_routes
from simulator._faults import FaultSet
from simulator._hierarchy import Hierarchy, generate_hierarchy, load_hierarchy
from simulator._model import Model
from simulator._operations import HANDLERS, OperationRoute, QueryHandler, RequestContext
from simulator._query import QueryError
from simulator._responses import error_response, fault_response, new_request_id
from simulator._routes import catalog_properties, operation_routes
from simulator._stats import Stats

LOGGER = logging.getLogger("simulator")
WELL_FORMED_REGION = re.compile(r"^[a-z]{2,16}$")


class SimulatorState:
    """State of a running simulator, which the control API changes at run time."""

    def __init__(self, config: SimulatorConfig, hierarchy: Hierarchy) -> None:
        self.config = config
        self.model = Model(hierarchy, config.seed, hostile=config.hostile)
        self.tokens = TokenService(hierarchy, config.client_id, config.client_secret,
                                   config.token_lifetime_s)
        self.tokens.max_requests_per_token = config.token_max_requests
        self.faults = FaultSet()
        for fault in config.faults:
            self.faults.add(fault)
        self.stats = Stats()


def build_hierarchy(config: SimulatorConfig) -> Hierarchy:
    if config.hierarchy_file is not None:
        return load_hierarchy(config.hierarchy_file, hostile=config.hostile)
    return generate_hierarchy(config.tenants, config.seed, hostile=config.hostile)


def create_app(config: SimulatorConfig, hierarchy: Hierarchy | None = None) -> FastAPI:
    """Build the application. ``hierarchy``, when given, replaces the one the config describes."""
    state = SimulatorState(config, hierarchy or build_hierarchy(config))
    app = FastAPI(title="Prisma SASE Aggregate Monitoring simulator", docs_url=None,
                  redoc_url=None, openapi_url=None)
    app.state.simulator = state

    for path in TOKEN_PATHS:
        app.add_api_route(path, _token_endpoint(state), methods=["POST"])

    for name, (properties, filter_properties) in catalog_properties().items():
        handler = HANDLERS.get(name)
        if isinstance(handler, QueryHandler):
            handler.accept_properties(properties)
            handler.accept_filter_properties(filter_properties)

    served = set()
    for route in operation_routes():
        handler = HANDLERS.get(route.name)
        if handler is None:
            raise RuntimeError("the catalog names operation %s, which the simulator does "
                               "not implement" % route.name)
        app.add_api_route(route.path, _operation_endpoint(state, route), methods=[route.method])
        served.add(route.name)
    missing = sorted(set(HANDLERS) - served)
    if missing:
        LOGGER.warning("operations not in the catalog are not served: %s", ", ".join(missing))

    add_control_routes(app, state)
    return app


def _token_endpoint(state: SimulatorState) -> Any:
    async def token(request: Request) -> Response:
        request_id = new_request_id()
        body = await request.body()
        scope_tsg = _requested_tsg(body)
        stats = state.stats
        stats.token_requests[scope_tsg or "(none)"] += 1
        stats.token_requests_in_flight += 1
        stats.max_token_requests_in_flight = max(stats.max_token_requests_in_flight,
                                                 stats.token_requests_in_flight)
        try:
            delay_ms = state.config.token_latency_ms
            fault = state.faults.take("token", None, request.url.path, None, scope_tsg)
            if fault is not None:
                stats.faults_fired += 1
                delay_ms += fault.delay_ms
            if delay_ms:
                await asyncio.sleep(delay_ms / 1000)
            if fault is not None and fault.kind != "slow":
                LOGGER.info("token request %s: injected fault %s #%d", request_id, fault.kind,
                            fault.id)
                return fault_response(fault, request_id, {"access_token": "x"},
                                      token_endpoint=True)
            try:
                answer = state.tokens.issue(request.headers.get("authorization"), body)
            except TokenRequestError as error:
                LOGGER.info("token request %s rejected: %s", request_id, error)
                return JSONResponse(error.body, status_code=error.status)
            return JSONResponse(answer, headers={"Cache-Control": "no-store"})
        finally:
            stats.token_requests_in_flight -= 1
    return token


def _requested_tsg(body: bytes) -> str | None:
    scope = parse_qs(body.decode("utf-8", "replace")).get("scope", [""])[0]
    return scope[len("tsg_id:"):] if scope.startswith("tsg_id:") else None


def _operation_endpoint(state: SimulatorState, route: OperationRoute) -> Any:
    async def endpoint(request: Request) -> Response:
        stats = state.stats
        stats.api_requests_in_flight += 1
        stats.max_api_requests_in_flight = max(stats.max_api_requests_in_flight,
                                               stats.api_requests_in_flight)
        try:
            response = await _serve_operation(state, route, request)
        finally:
            stats.api_requests_in_flight -= 1
        stats.statuses[str(response.status_code)] += 1
        return response
    endpoint.__name__ = route.name.replace(".", "_")
    return endpoint


def _reject(route: OperationRoute, request_id: str, status: int, message: str,
            headers: dict[str, str] | None = None) -> Response:
    LOGGER.info("%s %s (%s) rejected with %d: %s", route.method, route.path, request_id,
                status, message)
    return error_response(status, message, request_id, headers)


async def _serve_operation(state: SimulatorState, route: OperationRoute,
                           request: Request) -> Response:
    request_id = new_request_id()
    region_value = request.headers.get("x-panw-region")
    state.stats.count_api_call(route.name, region_value if route.region_header else None)

    issued = state.tokens.authorize(request.headers.get("authorization"))
    if issued is None:
        return _reject(route, request_id, 401, "Authentication failed: the access token is "
                       "missing, invalid or expired",
                       {"WWW-Authenticate": 'Bearer error="invalid_token"'})

    region = None
    if route.region_header:
        if region_value is None:
            return _reject(route, request_id, 400, "missing X-PANW-Region header")
        if not WELL_FORMED_REGION.match(region_value):
            return _reject(route, request_id, 400,
                           "invalid X-PANW-Region header %r" % region_value[:40])
        region = region_value

    agg_by = request.query_params.get("agg_by", "")
    if agg_by and (not route.agg_by or agg_by != "tenant"):
        return _reject(route, request_id, 400, "invalid agg_by %r: must be 'tenant'" % agg_by[:40])

    fault = state.faults.take("api", route.name, route.path, region, issued.tsg_id)
    delay_ms = state.config.latency_ms
    if fault is not None:
        state.stats.faults_fired += 1
        delay_ms += fault.delay_ms
        LOGGER.info("%s %s (%s, region %s): injected fault %s #%d", route.method, route.path,
                    request_id, region, fault.kind, fault.id)
    if delay_ms:
        await asyncio.sleep(delay_ms / 1000)
    if fault is not None and fault.kind in ("rate_limit", "status", "drop"):
        return fault_response(fault, request_id)

    body: Any = None
    if route.method == "POST":
        raw = await request.body()
        if raw.strip():
            try:
                body = json.loads(raw)
            except (json.JSONDecodeError, UnicodeDecodeError) as error:
                return _reject(route, request_id, 400,
                               "the request body is not valid JSON: %s" % error)

    context = RequestContext(state.model, issued.tsg_id, agg_by == "tenant", region, body,
                             dict(request.query_params))
    try:
        answer = HANDLERS[route.name](context)
    except QueryError as error:
        return _reject(route, request_id, 400, str(error))

    if fault is not None and fault.kind == "malformed":
        return fault_response(fault, request_id, answer)
    return JSONResponse(answer, headers={"X-Request-Id": request_id})
