# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Token requests under load: one refresh per scope, and at most 10 token requests at once."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from typing import Any, Dict, List

import pytest

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._auth import (
    MAX_TOKEN_REQUESTS_IN_FLIGHT,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._client import Client
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._options import (
    ConnectionSettings,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._tenants import (
    flatten_hierarchy,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._token_cache import (
    TokenCache,
)
from ansible_collections.prisma_sase.mt_monitor.tests.integration._faults import (
    change_settings,
    expire_tokens,
    simulator_stats,
)
from ansible_collections.prisma_sase.mt_monitor.tests.integration._simulator import (
    DEMO_CLIENT_ID,
    DEMO_CLIENT_SECRET,
    DEMO_ROOT_TSG_ID,
    Simulator,
)
from ansible_collections.prisma_sase.mt_monitor.tests.integration._tenant_runs import reset

CONCURRENT_REQUESTS = 32
HIERARCHY_PATH = "/mt/monitor/v1/agg/custom/tenant/hierarchy"
ALERTS_COUNT_PATH = "/mt/monitor/v1/agg/alerts"


def make_client(simulator: Simulator, tmp_path, warnings: List[str]) -> Client:
    settings = ConnectionSettings(
        tsg_id=DEMO_ROOT_TSG_ID,
        client_id=DEMO_CLIENT_ID,
        client_secret=DEMO_CLIENT_SECRET,
        auth_url=simulator.auth_url,
        api_url=simulator.url,
        timeout=30.0,
        max_retries=2,
        max_concurrency=CONCURRENT_REQUESTS,
    )
    return Client(settings, warn=warnings.append, token_cache=TokenCache(str(tmp_path / "tokens")))


@pytest.fixture(scope="module")
def load_simulator():
    simulator = Simulator(tenants=30, seed=5).start()
    try:
        yield simulator
    finally:
        simulator.stop()


@pytest.fixture()
def settings_restored(load_simulator):
    yield load_simulator
    change_settings(load_simulator, latency_ms=0, token_latency_ms=0)
    reset(load_simulator)


def test_expired_token_refreshed_once(settings_restored, tmp_path) -> None:
    simulator = settings_restored
    warnings: List[str] = []
    client = make_client(simulator, tmp_path, warnings)
    try:
        client.request("POST", ALERTS_COUNT_PATH, body={}, region="americas", operation="warm-up")

        # Every request now carries the token the simulator has just expired, and the latency
        # keeps all 32 in flight together, so each of them gets 401.
        expire_tokens(simulator)
        reset(simulator)
        change_settings(simulator, latency_ms=200, token_latency_ms=200)

        def count_alerts(number: int) -> Any:
            return client.request(
                "POST", ALERTS_COUNT_PATH, body={}, region="americas", operation="alerts.count"
            )

        outcomes = client.map_concurrent(count_alerts, list(range(CONCURRENT_REQUESTS)))
    finally:
        client.close()

    stats = simulator_stats(simulator)
    failures = [outcome for _item, outcome in outcomes if isinstance(outcome, Exception)]
    assert failures == []
    assert stats["statuses"].get("401", 0) >= 2, stats
    assert stats["max_api_requests_in_flight"] >= 2, stats
    assert stats["token_requests"] == {DEMO_ROOT_TSG_ID: 1}, stats
    assert warnings == []


def tenant_scopes(simulator: Simulator, tmp_path) -> List[str]:
    client = make_client(simulator, tmp_path, [])
    try:
        response = client.request(
            "GET", HIERARCHY_PATH, region="americas", operation="tenant.hierarchy"
        )
    finally:
        client.close()
    return [tenant["tsg_id"] for tenant in flatten_hierarchy(response.data)]


def test_tenant_scopes_cap_token_requests(settings_restored, tmp_path) -> None:
    simulator = settings_restored
    scopes = tenant_scopes(simulator, tmp_path / "first")
    assert len(scopes) == 31

    reset(simulator)
    change_settings(simulator, token_latency_ms=300)
    client = make_client(simulator, tmp_path / "second", [])

    def hierarchy_of(tsg_id: str) -> Dict[str, Any]:
        return client.request(
            "GET", HIERARCHY_PATH, region="americas", operation="tenant.hierarchy", tsg_id=tsg_id
        ).data

    try:
        outcomes = client.map_concurrent(hierarchy_of, scopes)
    finally:
        client.close()

    stats = simulator_stats(simulator)
    assert [tsg_id for tsg_id, data in outcomes if isinstance(data, Exception)] == []
    assert [data["id"] for _scope, data in outcomes] == scopes
    assert stats["token_requests"] == {tsg_id: 1 for tsg_id in scopes}, stats
    assert stats["max_token_requests_in_flight"] <= MAX_TOKEN_REQUESTS_IN_FLIGHT, stats
    # 31 scopes over 32 threads: without the cap far more than 10 would be in flight.
    assert stats["max_token_requests_in_flight"] == MAX_TOKEN_REQUESTS_IN_FLIGHT, stats
