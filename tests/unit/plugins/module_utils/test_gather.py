# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import dataclasses
from typing import Any, Dict, List, Optional

import pytest

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._catalog import (
    get_operation,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._errors import (
    BadResponseError,
    InvalidInputError,
    ServerError,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._gather import (
    FALLBACK_REGION,
    expand_requests,
    gather,
    load_tenants,
    plan_regions,
    raise_if_failed,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._query import (
    build_request,
)
from ansible_collections.prisma_sase.mt_monitor.tests.unit.plugins.module_utils.gather_fakes import (
    HIERARCHY,
    Call,
    FakeClient,
    rows_by_region,
    scope,
)


def test_plan_regions_auto_uses_hierarchy() -> None:
    assert plan_regions(["auto"], scope().tenants) == ["americas", "europe"]


def test_plan_regions_explicit_list_wins() -> None:
    assert plan_regions(["europe", "jp"], scope().tenants) == ["europe", "jp"]


def test_plan_regions_fallback_warns() -> None:
    warnings: List[str] = []
    regions = plan_regions(["auto"], [{"tsg_id": "1", "regions": []}], warn=warnings.append)
    assert regions == [FALLBACK_REGION]
    assert len(warnings) == 1
    assert "set the region option" in warnings[0]


def test_load_tenants_sends_first_region() -> None:
    client = FakeClient(lambda call: HIERARCHY)
    loaded = load_tenants(client, regions=["europe"])
    assert client.calls[0]["region"] == "europe"
    assert client.calls[0]["operation"] == "tenant.hierarchy"
    assert loaded.root_tsg_id == "1000000001"
    assert len(loaded.index) == 3


def test_expand_uses_catalog_variants() -> None:
    prepared = build_request("license.utilization")
    sent = expand_requests(prepared)
    variants = get_operation("license.utilization").query_variants
    assert [item.query["product_type"] for item in sent] == [v["product_type"] for v in variants]
    assert all(item.query["time_period"] == "7d" for item in sent)


def test_expand_keeps_caller_variant() -> None:
    prepared = build_request("license.utilization", query={"product_type": "RN"})
    sent = expand_requests(prepared)
    assert len(sent) == 1
    assert sent[0].query["product_type"] == "RN"


def test_expand_splits_caller_list() -> None:
    prepared = build_request("license.utilization", query={"product_type": "MU,RN"})
    assert [item.query["product_type"] for item in expand_requests(prepared)] == ["MU", "RN"]


def test_expand_single_for_plain_operation() -> None:
    prepared = build_request("threats.summary")
    assert expand_requests(prepared) == [prepared]


def test_expand_follows_changed_catalog_entry() -> None:
    operation = dataclasses.replace(
        get_operation("license.utilization"),
        query_variants=({"product_type": "A"}, {"product_type": "B"}, {"product_type": "C"}),
    )
    sent = expand_requests(build_request("license.utilization"), operation)
    assert [item.query["product_type"] for item in sent] == ["A", "B", "C"]


def test_gather_merges_regions_and_enriches() -> None:
    client = FakeClient(rows_by_region)
    prepared = build_request("threats.summary")
    result = gather(client, [prepared], ["americas", "europe"], scope())["threats.summary"]

    assert [call["region"] for call in client.calls] == ["americas", "europe"]
    assert result.regions == ["americas", "europe"]
    # "Both" lives in two regions and returns the same row twice, which is kept once.
    assert len(result.rows) == 3
    by_tenant = {row["tenant"]["tsg_id"]: row for row in result.rows}
    assert sorted(by_tenant) == ["1000000001", "1000000002", "1000000003"]
    assert by_tenant["1000000003"]["region"] == "americas"
    assert by_tenant["1000000002"]["tenant"]["display_name"] == "Acme"
    assert result.partial is False
    assert result.request["path"].endswith("/threats/summary")
    assert [record["rows"] for record in result.responses] == [2, 2]
    assert [record["status"] for record in result.responses] == [200, 200]


def test_gather_unmatched_row_is_flagged() -> None:
    client = FakeClient(lambda call: [{"sub_tenant_id": "9999999999"}])
    result = gather(client, [build_request("alerts.count")], ["americas"], scope())
    row = result["alerts.count"].rows[0]
    assert row["tenant"] is None
    assert row["unmatched"] is True
    assert row["sub_tenant_id"] == "9999999999"


def test_gather_row_without_id_not_flagged() -> None:
    client = FakeClient(lambda call: [{"impacted_list": "a1", "sites": ["x"]}])
    result = gather(client, [build_request("incidents.impacted_list")], ["americas"], scope())
    row = result["incidents.impacted_list"].rows[0]
    assert row["tenant"] is None
    assert "unmatched" not in row


def test_gather_one_region_down_is_partial() -> None:
    def handler(call: Call) -> Any:
        if call["region"] == "europe":
            raise ServerError("status 503", operation=call["operation"], status=503)
        return rows_by_region(call)

    client = FakeClient(handler)
    result = gather(client, [build_request("alerts.count")], ["americas", "europe"], scope())
    outcome = result["alerts.count"]

    assert outcome.partial is True
    assert outcome.failed is False
    assert len(outcome.rows) == 2
    assert {row["region"] for row in outcome.rows} == {"americas"}
    assert len(outcome.errors) == 1
    assert outcome.errors[0]["region"] == "europe"
    assert outcome.errors[0]["kind"] == "server"
    assert outcome.responses[1]["error"] == "server"
    raise_if_failed(outcome)


def test_gather_all_regions_down_fails() -> None:
    def handler(call: Call) -> Any:
        raise ServerError("status 500", operation=call["operation"], status=500)

    result = gather(FakeClient(handler), [build_request("alerts.count")], ["americas"], scope())
    outcome = result["alerts.count"]
    assert outcome.failed is True
    with pytest.raises(ServerError) as caught:
        raise_if_failed(outcome)
    assert caught.value.status == 500
    assert caught.value.region == "americas"


def test_gather_wrong_shape_names_the_call() -> None:
    def handler(call: Call) -> Any:
        if call["region"] == "europe":
            return {"status": "success", "result": "unexpected"}
        return rows_by_region(call)

    client = FakeClient(handler)
    result = gather(
        client, [build_request("alerts.list")], ["americas", "europe"], scope(), tsg_id="1000000009"
    )
    outcome = result["alerts.list"]

    assert outcome.partial is True
    assert {row["region"] for row in outcome.rows} == {"americas"}
    (error,) = outcome.errors
    assert error["kind"] == "bad_response"
    assert error["region"] == "europe"
    assert error["tsg_id"] == "1000000009"
    assert error["status"] == 200
    assert error["request_id"] == "req-2"
    assert "region europe, tsg_id 1000000009, status 200, request id req-2" in error["message"]


def test_load_tenants_wrong_shape_names_the_call() -> None:
    client = FakeClient(lambda call: [["unexpected"]])
    with pytest.raises(BadResponseError) as caught:
        load_tenants(client, regions=["europe"], tsg_id="1000000009")
    assert caught.value.region == "europe"
    assert caught.value.tsg_id == "1000000009"
    assert caught.value.request_id == "req-1"
    assert "status 200" in caught.value.message


def test_gather_license_per_product_type() -> None:
    def handler(call: Call) -> Any:
        product_type = call["query"]["product_type"]
        unit = "Kbps" if product_type == "RN" else ""
        return {
            "sub_tenant_id": "2000000001",
            "license_units_used": 5000,
            "license_used_unit": unit,
            "license_units": 10,
            "license_unit": "Mbps",
        }

    client = FakeClient(handler)
    result = gather(client, [build_request("license.utilization")], ["americas"], scope())
    rows = result["license.utilization"].rows

    assert sorted(call["query"]["product_type"] for call in client.calls) == ["MU", "RN"]
    assert sorted(row["product_type"] for row in rows) == ["MU", "RN"]
    remote = next(row for row in rows if row["product_type"] == "RN")
    assert remote["license_units_used_mbps"] == 5.0
    assert remote["utilization_percentage_computed"] == 50.0
    assert all(row["tenant"]["tsg_id"] == "1000000001" for row in rows)


def test_gather_regionless_operation_sent_once() -> None:
    client = FakeClient(lambda call: {"data": [], "header": {}})
    result = gather(client, [build_request("app_monitor.tenants")], ["americas", "jp"], scope())
    assert len(client.calls) == 1
    assert result["app_monitor.tenants"].regions == []


def test_gather_extra_operation_by_name() -> None:
    prepared = build_request("alerts.count")
    custom = dataclasses.replace(
        get_operation("alerts.count"), name="POST /custom", tenant_id_fields=("tsg_id",)
    )
    prepared = dataclasses.replace(prepared, operation="POST /custom")
    client = FakeClient(lambda call: [{"tsg_id": "1000000002"}])
    result = gather(client, [prepared], ["europe"], scope(), extra_operations={custom.name: custom})
    assert result["POST /custom"].rows[0]["tenant"]["display_name"] == "Acme"


def test_gather_unknown_operation_rejected() -> None:
    prepared = dataclasses.replace(build_request("alerts.count"), operation="nope.nothing")
    with pytest.raises(InvalidInputError):
        gather(FakeClient(rows_by_region), [prepared], ["americas"], scope())


def test_gather_passes_scope_tsg_id() -> None:
    client = FakeClient(rows_by_region)
    gather(client, [build_request("alerts.count")], ["americas"], scope(), tsg_id="1000000002")
    assert client.calls[0]["tsg_id"] == "1000000002"


def test_gather_request_failure_recorded_with_tsg() -> None:
    def handler(call: Call) -> Any:
        raise ServerError("boom", status=502)

    result = gather(
        FakeClient(handler),
        [build_request("alerts.count")],
        ["americas"],
        scope(),
        tsg_id="1000000003",
    )
    error: Optional[Dict[str, Any]] = result["alerts.count"].errors[0]
    assert error["operation"] == "alerts.count"
    assert error["tsg_id"] == "1000000003"


def test_gather_reuses_loaded_hierarchy() -> None:
    client = FakeClient(lambda call: HIERARCHY)
    loaded = load_tenants(client, regions=["europe"])
    results = gather(client, [build_request("tenant.hierarchy")], ["europe"], loaded)
    hierarchy_calls = [call for call in client.calls if call["operation"] == "tenant.hierarchy"]
    assert len(hierarchy_calls) == 1
    sent = gather(FakeClient(lambda call: HIERARCHY), [build_request("tenant.hierarchy")], ["europe"], scope())
    assert results["tenant.hierarchy"].rows == sent["tenant.hierarchy"].rows
    assert results["tenant.hierarchy"].request_count == 1
    assert results["tenant.hierarchy"].responses == sent["tenant.hierarchy"].responses


def test_gather_sends_hierarchy_without_loaded() -> None:
    client = FakeClient(lambda call: HIERARCHY)
    gather(client, [build_request("tenant.hierarchy")], ["europe"], scope())
    assert [call["operation"] for call in client.calls] == ["tenant.hierarchy"]
