"""The generated metrics: deterministic, plausible, and failing some checks."""

from __future__ import annotations

import json
from typing import Any

from ansible_collections.prisma_sase.mt_monitor.tests.unit.simulator.helpers import (
    SimulatorClient,
)
from simulator._hierarchy import generate_hierarchy
from simulator._hostile import HOSTILE_TEXT
from simulator._model import Model

REGIONS = ("americas", "europe", "uk", "de", "jp", "ca", "sg", "au", "in")
DAY_MS = 86_400_000


def _everywhere(simulator: SimulatorClient, method: str, path: str,
                body: Any = None, params: dict[str, str] | None = None) -> list[Any]:
    token = simulator.token()
    rows: list[Any] = []
    for region in REGIONS:
        answer = simulator.call(method, path, token=token, region=region, body=body,
                                params=params).json()
        rows += answer if isinstance(answer, list) else [answer]
    return rows


def test_metrics_are_deterministic() -> None:
    first = Model(generate_hierarchy(30, seed=4), seed=4, now_ms=1_800_000_000_000)
    second = Model(generate_hierarchy(30, seed=4), seed=4, now_ms=1_800_000_000_000)
    other = Model(generate_hierarchy(30, seed=5), seed=5, now_ms=1_800_000_000_000)

    def snapshot(model: Model) -> list[Any]:
        return [(model.records(tenant, "threats"), model.license_quota(tenant),
                 model.upgrade(tenant)) for tenant in model.hierarchy]

    assert snapshot(first) == snapshot(second)
    assert snapshot(first) != snapshot(other)


def test_some_tenants_fail_license_checks(simulator: SimulatorClient) -> None:
    utilization = _everywhere(simulator, "GET", "/custom/license/utilization")
    quotas = _everywhere(simulator, "GET", "/custom/license/quota")
    setup = _everywhere(simulator, "GET", "/custom/license/setup/status")
    now_ms = simulator.state.model.now_ms

    rn = [row for row in utilization if row["product_type"] == "RN"]
    mu = [row for row in utilization if row["product_type"] == "MU"]
    assert any(row["utilization_percentage"] > 90 for row in rn)
    assert any(row["utilization_percentage"] < 90 for row in rn)
    assert any(row["license_units_used"] == 0 for row in mu)
    assert any(row["license_units_used"] > 0 for row in mu)
    expiring = [quota for quota in quotas
                if quota["licenseDetails"]["RN"]["expiry_ts"] - now_ms < 30 * DAY_MS]
    assert expiring and len(expiring) < len(quotas)
    statuses = {row["operational_status"] for row in setup}
    assert "Complete" in statuses
    assert statuses - {"Complete"}


def test_some_tenants_fail_security_checks(simulator: SimulatorClient) -> None:
    unblocked = _everywhere(simulator, "POST", "/threats/summary", body={
        "filter": {"rules": [{"operator": "in", "property": "severity",
                              "values": ["Critical", "High"]}, {"rule": "unblocked"}]},
        "properties": [{"property": "sub_tenant_id"}, {"property": "total_threats"}]})
    urls = _everywhere(simulator, "POST", "/urlLogs", body={
        "filter": {"rules": [{"operator": "in", "property": "url_category_value",
                              "values": ["high-risk", "malware"]}]},
        "properties": [{"property": "sub_tenant_id"},
                       {"property": "uri_count", "function": "sum", "alias": "hits"}]})
    apps = _everywhere(simulator, "POST", "/applications/summary", body={
        "properties": [{"property": "sub_tenant_id"}, {"property": "unblocked_app_count"}]})

    assert 0 < sum(row["total_threats"] > 0 for row in unblocked) < len(unblocked)
    assert 0 < sum(row["hits"] > 0 for row in urls) < len(urls)
    assert any(row["unblocked_apps_count"] > 0 for row in apps)
    assert any(row["unblocked_apps_count"] == 0 for row in apps)


def test_some_tenants_fail_operations_checks(simulator: SimulatorClient) -> None:
    now_ms = simulator.state.model.now_ms
    incidents = _everywhere(simulator, "POST", "/incidents/list", body={
        "filter": {"rules": [{"operator": "equals", "property": "status", "values": ["Raised"]},
                             {"operator": "equals", "property": "severity",
                              "values": ["Critical"]}]},
        "properties": [{"property": "sub_tenant_id"}, {"property": "raised_time"}]})
    cdl = _everywhere(simulator, "POST", "/serviceConnectivity/cdlStatus", body={
        "properties": [{"property": "sub_tenant_id"}, {"property": "status"},
                       {"property": "location_count"}]})
    gateways = _everywhere(simulator, "POST", "/serviceConnectivity/gatewayStatus", body={
        "properties": [{"property": "sub_tenant_id"}, {"property": "status"},
                       {"property": "gateway_count"}]})
    upgrades = _everywhere(simulator, "POST", "/upgrades/list", body={
        "properties": [{"property": "sub_tenant_id"}, {"property": "status"},
                       {"property": "current_version"}]})

    assert any(now_ms - row["raised_time"] > 2 * DAY_MS for row in incidents)
    assert all(isinstance(row["sub_tenant_id"], int) for row in incidents)
    assert {row["status"] for row in cdl} == {"Up", "Down"}
    assert {"Up", "Degraded"} <= {row["status"] for row in gateways}
    statuses = [piece["status"] for piece in upgrades if "status" in piece]
    versions = [piece["current_version"] for piece in upgrades if "current_version" in piece]
    assert "Failed" in statuses
    assert {"10.1.6", "10.2.4"} & set(versions)


def test_hostile_text_in_data(make_simulator: Any) -> None:
    simulator = make_simulator(tenants=40, seed=2, hostile=True)
    rows = _everywhere(simulator, "POST", "/threats", body={
        "properties": [{"property": "source_user_info_name"}, {"property": "rule_matched"}]})
    names = [node["display_name"] for node in _flatten(
        simulator.call("GET", "/custom/tenant/hierarchy", region=None, agg_by=False).json())]

    values = {value for row in rows for value in row.values()}
    assert values & set(HOSTILE_TEXT)
    assert "<img src=x onerror=alert(1)>" in names


def _flatten(node: dict[str, Any]) -> list[dict[str, Any]]:
    nodes = [node]
    for child in node.get("children", []):
        nodes += _flatten(child)
    return nodes


def test_hierarchy_file_served(make_simulator: Any, tmp_path: Any) -> None:
    document = {"id": "1000000001", "display_name": "Root", "cdlTenantId": "1900000001",
                "tenantLicenseType": "SASE", "vertical": "retail", "license_activated": True,
                "region": ["us01"], "children": [
                    {"id": "1100000002", "display_name": "Child", "cdlTenantId": "1900000002",
                     "tenantLicenseType": "PA_ONLY", "vertical": "finance",
                     "license_activated": True, "region": ["eu01"]}]}
    path = tmp_path / "hierarchy.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    simulator = make_simulator(hierarchy_file=path)

    tree = simulator.call("GET", "/custom/tenant/hierarchy", region=None, agg_by=False).json()
    europe = simulator.call("POST", "/threats/summary", region="europe", body={
        "properties": [{"property": "sub_tenant_id"}, {"property": "total_threats"}]}).json()

    assert tree == document
    assert [row["sub_tenant_id"] for row in europe] == ["1900000002"]
