"""Token scope, agg_by and the X-PANW-Region header."""

from __future__ import annotations

from ansible_collections.prisma_sase.mt_monitor.tests.unit.simulator.helpers import (
    SimulatorClient,
)

SUMMARY = {"properties": [{"property": "sub_tenant_id"}, {"property": "total_threats"}]}


def _cdl_ids(rows: list[dict]) -> set[str]:
    return {row["sub_tenant_id"] for row in rows}


def _expected(simulator: SimulatorClient, tsg_id: str, region: str) -> set[str]:
    model = simulator.state.model
    return {tenant.cdl_tenant_id for tenant in model.hierarchy.subtree(tsg_id)
            if region in model.region_headers(tenant)}


def test_agg_by_returns_one_row_per_tenant(simulator: SimulatorClient) -> None:
    rows = simulator.call("POST", "/threats/summary", body=SUMMARY).json()

    assert _cdl_ids(rows) == _expected(simulator, "1000000001", "americas")
    assert len(rows) == len(_cdl_ids(rows))


def test_without_agg_by_only_own_tenant(simulator: SimulatorClient) -> None:
    rows = simulator.call("POST", "/threats/summary", body=SUMMARY, agg_by=False).json()

    assert _cdl_ids(rows) == {simulator.state.model.hierarchy.root.cdl_tenant_id}


def test_invalid_agg_by_answers_400(simulator: SimulatorClient) -> None:
    response = simulator.call("POST", "/threats/summary", body=SUMMARY, agg_by=False,
                              params={"agg_by": "region"})

    assert response.status_code == 400


def test_token_sees_only_its_subtree(simulator: SimulatorClient) -> None:
    hierarchy = simulator.state.model.hierarchy
    parent = next(tenant for tenant in hierarchy if tenant.depth == 1 and tenant.children)
    token = simulator.token(parent.tsg_id)

    rows = []
    for region in ("americas", "europe", "uk", "de", "jp", "ca", "sg", "au", "in"):
        rows += simulator.call("POST", "/threats/summary", token=token, region=region,
                               body=SUMMARY).json()
    tree = simulator.call("GET", "/custom/tenant/hierarchy", token=token, region=None,
                          agg_by=False).json()

    subtree_ids = {tenant.cdl_tenant_id for tenant in hierarchy.subtree(parent.tsg_id)}
    assert _cdl_ids(rows) == subtree_ids
    assert hierarchy.root.cdl_tenant_id not in _cdl_ids(rows)
    assert tree["id"] == parent.tsg_id


def test_regions_partition_tenants(simulator: SimulatorClient) -> None:
    token = simulator.token()
    seen: dict[str, int] = {}
    for region in ("americas", "europe", "uk", "de", "jp", "ca", "sg", "au", "in"):
        rows = simulator.call("POST", "/threats/summary", token=token, region=region,
                              body=SUMMARY).json()
        assert _cdl_ids(rows) == _expected(simulator, "1000000001", region), region
        for cdl_id in _cdl_ids(rows):
            seen[cdl_id] = seen.get(cdl_id, 0) + 1

    model = simulator.state.model
    assert set(seen) == {tenant.cdl_tenant_id for tenant in model.hierarchy}
    expected_counts = {tenant.cdl_tenant_id: len(model.region_headers(tenant))
                       for tenant in model.hierarchy}
    assert seen == expected_counts


def test_missing_region_header_answers_400(simulator: SimulatorClient) -> None:
    response = simulator.call("POST", "/threats/summary", body=SUMMARY, region=None)

    assert response.status_code == 400
    assert "X-PANW-Region" in response.json()["error"]["msg"]


def test_malformed_region_header_answers_400(simulator: SimulatorClient) -> None:
    for value in ("US", "americas!", "a", ""):
        response = simulator.call("POST", "/threats/summary", body=SUMMARY, region=value)
        assert response.status_code == 400, value


def test_unknown_region_answers_empty(simulator: SimulatorClient) -> None:
    summary = simulator.call("POST", "/threats/summary", body=SUMMARY, region="ch")
    quota = simulator.call("GET", "/custom/license/quota", region="ch")

    assert summary.status_code == 200
    assert summary.json() == []
    assert quota.json() == []


def test_undeclared_region_header_is_ignored(simulator: SimulatorClient) -> None:
    with_header = simulator.call("GET", "/custom/appMonitor/tenants", agg_by=False,
                                 region="jp").json()
    without = simulator.call("GET", "/custom/appMonitor/tenants", agg_by=False,
                             region=None).json()

    assert len(with_header["data"]) == len(without["data"]) == 51


def test_license_shapes(simulator: SimulatorClient) -> None:
    own = simulator.call("GET", "/custom/license/setup/status", agg_by=False).json()
    every = simulator.call("GET", "/custom/license/setup/status").json()

    assert isinstance(own, dict) and own["tsg_id"] == "1000000001"
    assert isinstance(every, list) and len(every) > 1


def test_license_utilization_parameters(simulator: SimulatorClient) -> None:
    rn = simulator.call("GET", "/custom/license/utilization",
                        params={"product_type": "RN"}).json()
    high = simulator.call("GET", "/custom/license/utilization",
                          params={"product_type": "RN", "threshold": "90"}).json()
    bad = simulator.call("GET", "/custom/license/utilization", params={"product_type": "XX"})

    assert {row["product_type"] for row in rn} == {"RN"}
    assert {(row["license_unit"], row["license_used_unit"]) for row in rn} == {("Mbps", "Kbps")}
    assert high and all(row["utilization_percentage"] > 90 for row in high)
    assert len(high) < len(rn)
    assert bad.status_code == 400
