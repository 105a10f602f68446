# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The controls engine end to end: statuses, evidence, coverage, scores, ordering and scale."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import datetime
import json

import pytest

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._controls import evaluate
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._policy import load_policy
from ansible_collections.prisma_sase.mt_monitor.tests.unit.plugins.module_utils.dataset_factory import (
    NOW,
    ROOT_TSG_ID,
    epoch_ms,
    make_control,
    make_dataset,
    make_document,
    make_entry,
    make_row,
    make_tenant,
)

STATUSES = ("pass", "fail", "warn", "error", "skip", "waived")


def single_control_policy(**changes):
    """Return a policy with one control on alerts.list total_count, changed by ``changes``."""
    return {"name": "test", "version": "1", "controls": [make_control(id="T-001", **changes)]}


def alerts_document(counts, **entry_options):
    """Return a dataset with one tenant per value of ``counts`` (None: no row) on alerts.list."""
    tenants = [make_tenant(index) for index in range(len(counts))]
    rows = [make_row(tenant, total_count=count) for tenant, count in zip(tenants, counts) if count is not None]
    return make_document(tenants, {"alerts.list": make_entry(rows, **entry_options)})


def result_of(results, control_id):
    """Return the only result of ``control_id`` in a one-tenant results document."""
    matches = [result for result in results["results"] if result["control"] == control_id]
    assert len(matches) == 1
    return matches[0]


def statuses(results):
    return [result["status"] for result in results["results"]]


def test_pass_warn_fail_by_threshold():
    results = evaluate(alerts_document([0, 3, 9]), single_control_policy(), now=NOW)
    assert statuses(results) == ["pass", "warn", "fail"]


def test_fail_result_carries_evidence():
    results = evaluate(alerts_document([9]), single_control_policy(), now=NOW)
    result = results["results"][0]
    assert result["tsg_id"] == "1000000002"
    assert result["control"] == "T-001"
    assert result["severity"] == "high"
    assert result["waiver"] is None
    evidence = result["evidence"]
    assert evidence["operation"] == "alerts.list"
    assert evidence["field"] == "total_count"
    assert evidence["observed"] == 9
    assert evidence["comparison"] == "gt"
    assert evidence["threshold"] == 5
    assert evidence["warn_threshold"] == 0
    assert evidence["unit"] == "alerts"
    assert evidence["rows"] == 1
    assert result["message"] == (
        "The sum of total_count is 9 alerts over 1 row, which is greater than the threshold 5 alerts.")


def test_sum_adds_rows_of_one_tenant():
    tenant = make_tenant(0)
    rows = [make_row(tenant, total_count=3, region="americas"), make_row(tenant, total_count="4", region="europe")]
    document = make_document([tenant], {"alerts.list": make_entry(rows)})
    result = evaluate(document, single_control_policy(), now=NOW)["results"][0]
    assert result["status"] == "fail"
    assert result["evidence"]["observed"] == 7
    assert result["evidence"]["rows"] == 2


@pytest.mark.parametrize(("aggregate", "values", "expected_status", "expected_observed"), [
    ("max", [1, 9, 2], "fail", 9),
    ("min", [1, 9, 2], "warn", 1),
    ("count", [0, 0, 0], "warn", 3),
    ("any", [1, 9, 2], "fail", 9),
    # Rows of one tenant are sorted by content, so lists of observed values come in that order.
    ("all", [1, 9, 2], "warn", [1, 2, 9]),
    ("all", [6, 9, 7], "fail", [6, 7, 9]),
    ("any", [0, 0], "pass", [0, 0]),
])
def test_aggregates(aggregate, values, expected_status, expected_observed):
    tenant = make_tenant(0)
    rows = [make_row(tenant, total_count=value) for value in values]
    document = make_document([tenant], {"alerts.list": make_entry(rows)})
    policy = single_control_policy(check={"aggregate": aggregate})
    result = evaluate(document, policy, now=NOW)["results"][0]
    assert result["status"] == expected_status
    assert result["evidence"]["observed"] == expected_observed


@pytest.mark.parametrize(("missing", "expected"), [("pass", "pass"), ("skip", "skip"), ("error", "error")])
def test_missing_rows_follow_control(missing, expected):
    results = evaluate(alerts_document([None]), single_control_policy(missing=missing), now=NOW)
    assert statuses(results) == [expected]
    assert "alerts.list has no rows for this tenant" in results["results"][0]["message"]


def test_missing_defaults_to_error():
    policy = single_control_policy()
    del policy["controls"][0]["missing"]
    assert statuses(evaluate(alerts_document([None]), policy, now=NOW)) == ["error"]


def test_where_filter_selects_rows():
    tenant = make_tenant(0)
    rows = [make_row(tenant, status="Up", location_count=4), make_row(tenant, status="Down", location_count=2)]
    document = make_document([tenant], {"connectivity.cdl_status": make_entry(rows)})
    policy = load_policy(None)
    result = result_of(evaluate(document, policy, now=NOW), "CON-001")
    assert result["status"] == "fail"
    assert result["evidence"]["observed"] == 2
    assert result["evidence"]["rows"] == 1


def test_where_without_match_uses_missing():
    tenant = make_tenant(0)
    document = make_document([tenant], {"connectivity.cdl_status": make_entry([make_row(tenant, status="Up",
                                                                                        location_count=4)])})
    result = result_of(evaluate(document, None, now=NOW), "CON-001")
    assert result["status"] == "pass"
    assert "none of the tenant's 1 rows of connectivity.cdl_status match status=Down" in result["message"]


def test_error_when_operation_failed_for_region():
    tenants = [make_tenant(0, region="americas"), make_tenant(1, region="europe")]
    rows = [make_row(tenant, total_count=0) for tenant in tenants]
    errors = [{"operation": "alerts.list", "region": "europe", "tsg_id": ROOT_TSG_ID, "kind": "permission",
               "status": 403, "request_id": "req-1", "message": "forbidden"}]
    document = make_document(tenants, {"alerts.list": make_entry(rows)}, errors)
    results = evaluate(document, single_control_policy(), now=NOW)
    assert statuses(results) == ["pass", "error"]
    message = results["results"][1]["message"]
    assert "alerts.list failed for this tenant" in message
    assert "permission in region europe status 403 request id req-1" in message
    assert results["errors"] == errors


def test_error_for_one_tenant_only():
    tenants = [make_tenant(0), make_tenant(1)]
    errors = [{"operation": "alerts.list", "region": "americas", "tsg_id": tenants[1]["tsg_id"],
               "kind": "server", "status": 500}]
    document = make_document(tenants, {"alerts.list": make_entry([])}, errors)
    assert statuses(evaluate(document, single_control_policy(), now=NOW)) == ["pass", "error"]


def test_error_of_parent_tenant_covers_child():
    parent = make_tenant(0)
    child = make_tenant(1, parent_tsg_id=parent["tsg_id"])
    errors = [{"operation": "alerts.list", "region": None, "tsg_id": parent["tsg_id"], "kind": "auth"}]
    document = make_document([parent, child], {"alerts.list": make_entry([])}, errors)
    assert statuses(evaluate(document, single_control_policy(), now=NOW)) == ["error", "error"]


def test_error_without_operation_covers_all():
    document = alerts_document([0])
    document["errors"] = [{"operation": None, "region": None, "tsg_id": None, "kind": "transport"}]
    assert statuses(evaluate(document, single_control_policy(), now=NOW)) == ["error"]


def test_error_when_dataset_lacks_operation():
    document = make_document([make_tenant(0)], {})
    result = evaluate(document, single_control_policy(), now=NOW)["results"][0]
    assert result["status"] == "error"
    assert "the dataset has no data for alerts.list" in result["message"]


def test_error_when_region_not_queried():
    document = alerts_document([0], regions=["americas"])
    document["tenants"][0]["region_headers"] = ["jp"]
    result = evaluate(document, single_control_policy(), now=NOW)["results"][0]
    assert result["status"] == "error"
    assert "not queried in the tenant's region jp" in result["message"]


def test_partial_dataset_never_passes_absent_rows():
    document = alerts_document([None, 9], partial=True)
    results = evaluate(document, single_control_policy(missing="pass"), now=NOW)
    assert statuses(results) == ["error", "fail"]
    assert "partial data" in results["results"][0]["message"]


def test_partial_dataset_trusts_unaffected_regions():
    tenants = [make_tenant(0, region="americas"), make_tenant(1, region="europe")]
    errors = [{"operation": "alerts.list", "region": "europe", "tsg_id": ROOT_TSG_ID, "kind": "server",
               "status": 503}]
    document = make_document(tenants, {"alerts.list": make_entry([], partial=True)}, errors)
    results = evaluate(document, single_control_policy(missing="pass"), now=NOW)
    assert statuses(results) == ["pass", "error"]


def test_partial_dataset_unknown_region_is_error():
    document = alerts_document([0], partial=True)
    document["tenants"][0]["region_headers"] = []
    assert statuses(evaluate(document, single_control_policy(), now=NOW)) == ["error"]


def test_unreadable_value_is_error():
    results = evaluate(alerts_document(["many"]), single_control_policy(), now=NOW)
    result = results["results"][0]
    assert result["status"] == "error"
    assert "'many' is not a number" in result["message"]


def test_missing_field_in_row_is_error():
    tenant = make_tenant(0)
    document = make_document([tenant], {"alerts.list": make_entry([make_row(tenant, mu_count=1)])})
    result = evaluate(document, single_control_policy(), now=NOW)["results"][0]
    assert result["status"] == "error"
    assert "total_count: the field is missing" in result["message"]


def test_skip_by_license_type():
    tenants = [make_tenant(0, license_type="SASE"), make_tenant(1, license_type="SDWAN_ONLY")]
    document = make_document(tenants, {"alerts.list": make_entry([make_row(t, total_count=9) for t in tenants])})
    policy = single_control_policy(applies_to={"license_types": ["SASE", "PA_ONLY"]})
    results = evaluate(document, policy, now=NOW)
    assert statuses(results) == ["fail", "skip"]
    assert "license types SASE, PA_ONLY, and the tenant's is SDWAN_ONLY" in results["results"][1]["message"]


def test_skip_by_region():
    tenants = [make_tenant(0, region="americas"), make_tenant(1, region="europe")]
    document = make_document(tenants, {"alerts.list": make_entry([make_row(t, total_count=9) for t in tenants])})
    policy = single_control_policy(applies_to={"regions": ["eu01"]})
    assert statuses(evaluate(document, policy, now=NOW)) == ["skip", "fail"]


def test_skip_by_tenant_group():
    document = alerts_document([9, 9])
    policy = single_control_policy(applies_to={"tenant_groups": ["gold"]})
    results = evaluate(document, policy, now=NOW, tenant_groups={"gold": ["Tenant 0001"]})
    assert statuses(results) == ["skip", "fail"]
    assert results["warnings"] == []


def test_unknown_tenant_group_warns():
    policy = single_control_policy(applies_to={"tenant_groups": ["gold"]})
    results = evaluate(alerts_document([9]), policy, now=NOW)
    assert statuses(results) == ["skip"]
    assert any("tenant group gold" in warning for warning in results["warnings"])


def test_unmatched_rows_warn():
    document = alerts_document([0])
    document["datasets"]["alerts.list"]["rows"].append(make_row(None, sub_tenant_id="999", total_count=50))
    results = evaluate(document, single_control_policy(), now=NOW)
    assert statuses(results) == ["pass"]
    assert results["warnings"] == ["1 rows of alerts.list match no tenant of the hierarchy and were not evaluated"]


def test_license_percentage_computed_when_missing():
    tenant = make_tenant(0)
    rows = [make_row(tenant, product_type="RN", utilization_percentage=None, license_units_used=930000,
                     license_used_unit="Kbps", license_units=1000, license_unit="Mbps")]
    document = make_document([tenant], {"license.utilization": make_entry(rows)})
    result = result_of(evaluate(document, None, now=NOW), "LIC-001")
    assert result["status"] == "fail"
    assert result["evidence"]["observed"] == 93.0
    assert result["evidence"]["unit"] == "%"
    assert result["evidence"]["details"] == ["computed from 930000 Kbps used of 1000 Mbps allocated"]


def test_license_without_rn_row_is_skipped():
    tenant = make_tenant(0)
    rows = [make_row(tenant, product_type="MU", utilization_percentage=50.0, license_units_used=50,
                     license_used_unit="", license_units=100, license_unit="")]
    document = make_document([tenant], {"license.utilization": make_entry(rows)})
    by_control = {r["control"]: r for r in evaluate(document, None, now=NOW)["results"]}
    assert by_control["LIC-001"]["status"] == "skip"
    assert by_control["LIC-002"]["status"] == "pass"


@pytest.mark.parametrize(("days", "expected"), [(10, "fail"), (60, "warn"), (200, "pass"), (-2, "fail")])
def test_license_expiry(days, expected):
    tenant = make_tenant(0)
    details = {"RN": {"expiry_ts": epoch_ms(NOW + datetime.timedelta(days=400))},
               "MU": {"expiry_ts": epoch_ms(NOW + datetime.timedelta(days=days))}}
    document = make_document([tenant], {"license.quota": make_entry([make_row(tenant, licenseDetails=details)])})
    result = result_of(evaluate(document, None, now=NOW), "LIC-003")
    assert result["status"] == expected


@pytest.mark.parametrize(("hours", "expected"), [(30, "fail"), (10, "warn"), (2, "pass")])
def test_incident_age(hours, expected):
    tenant = make_tenant(0)
    rows = [make_row(tenant, status="Raised", severity="Critical",
                     created_time=epoch_ms(NOW - datetime.timedelta(hours=hours))),
            make_row(tenant, status="Cleared", severity="Critical",
                     created_time=epoch_ms(NOW - datetime.timedelta(hours=500)))]
    document = make_document([tenant], {"incidents.list": make_entry(rows)})
    result = result_of(evaluate(document, None, now=NOW), "INC-001")
    assert result["status"] == expected
    assert result["evidence"]["rows"] == 1


def test_version_behind_fleet():
    tenants = [make_tenant(index) for index in range(3)]
    versions = ["11.0.1", "10.2.10", "10.2.8"]
    rows = [make_row(tenant, current_version=version, status="Completed")
            for tenant, version in zip(tenants, versions)]
    document = make_document(tenants, {"upgrades.list": make_entry(rows)})
    results = [r for r in evaluate(document, None, now=NOW)["results"] if r["control"] == "UPG-002"]
    assert [r["status"] for r in results] == ["pass", "warn", "fail"]
    assert "newest in the fleet (11.0.1)" in results[2]["message"]


def test_scores_leave_out_skip_and_waived():
    tenant = make_tenant(0)
    document = make_document([tenant], {"alerts.list": make_entry([make_row(tenant, total_count=0)])})
    controls = []
    for index, (threshold, applies) in enumerate([(5, {}), (-1, {}), (5, {"license_types": ["NONE"]})]):
        controls.append(dict(single_control_policy()["controls"][0], id="T-%03d" % index,
                             check=dict(single_control_policy()["controls"][0]["check"], threshold=threshold),
                             warn_threshold=None, applies_to=applies))
    results = evaluate(document, {"controls": controls}, now=NOW)
    assert statuses(results) == ["pass", "fail", "skip"]
    assert results["scores"][tenant["tsg_id"]] == {
        "score": 50.0, "pass": 1, "fail": 1, "warn": 0, "error": 0, "skip": 1, "waived": 0}


def test_scores_count_error_against():
    document = alerts_document([0, None])
    results = evaluate(document, single_control_policy(missing="error"), now=NOW)
    assert results["scores"]["1000000002"]["score"] == 100.0
    assert results["scores"]["1000000003"]["score"] == 0.0
    assert results["totals"] == {"pass": 1, "fail": 0, "warn": 0, "error": 1, "skip": 0, "waived": 0}


def test_score_is_none_when_nothing_scored():
    policy = single_control_policy(applies_to={"license_types": ["NONE"]})
    results = evaluate(alerts_document([0]), policy, now=NOW)
    assert results["scores"]["1000000002"]["score"] is None


def test_results_document_shape():
    results = evaluate(alerts_document([0]), single_control_policy(), now="2026-12-04T19:00:05Z")
    assert results["schema_version"] == 1
    assert results["generated_at"] == "2026-12-04T19:00:05Z"
    assert results["run"] == {"collected_at": "2026-12-04T19:00:00Z",
                              "time_window": {"from": "2026-11-27T19:00:00Z", "to": "2026-12-04T19:00:00Z"},
                              "regions": ["americas"], "root_tsg_id": ROOT_TSG_ID}
    assert results["policy"]["name"] == "test"
    assert results["policy"]["source"] == "inline"
    assert results["policy"]["digest"].startswith("sha256:")
    assert results["controls"][0]["id"] == "T-001"
    assert results["controls"][0]["remediation"] == "Triage the alerts."
    assert results["tenants"][0]["tsg_id"] == "1000000002"
    assert set(results["totals"]) == set(STATUSES)


def test_ordering_by_path_then_tsg_id_then_control():
    tenants = [make_tenant(2, name="Beta"), make_tenant(1, name="Alpha"), make_tenant(0, name="Beta")]
    document = make_document(tenants, {})
    results = evaluate(document, None, now=NOW)
    order = [(r["tsg_id"], r["control"]) for r in results["results"]]
    tenant_order = ["1000000003", "1000000002", "1000000004"]
    control_ids = sorted(control["id"] for control in results["controls"])
    assert order == [(tsg_id, control_id) for tsg_id in tenant_order for control_id in control_ids]
    assert [tenant["tsg_id"] for tenant in results["tenants"]] == tenant_order


def test_deterministic_for_shuffled_input():
    document = make_dataset(40, seed=7)
    shuffled = copy.deepcopy(document)
    shuffled["tenants"].reverse()
    for entry in shuffled["datasets"].values():
        entry["rows"].reverse()
    first = json.dumps(evaluate(document, None, now=NOW), sort_keys=True)
    second = json.dumps(evaluate(shuffled, None, now=NOW), sort_keys=True)
    assert first == second


def test_input_dataset_not_modified():
    document = make_dataset(5, seed=3)
    before = json.dumps(document, sort_keys=True)
    evaluate(document, None, now=NOW)
    assert json.dumps(document, sort_keys=True) == before


def test_large_dataset_evaluates_every_pair():
    document = make_dataset(5000, seed=11)
    results = evaluate(document, None, now=NOW)
    control_count = len(results["controls"])
    assert len(results["results"]) == 5000 * control_count
    assert sum(results["totals"].values()) == 5000 * control_count
    for status in ("pass", "fail", "warn"):
        assert results["totals"][status] > 0
    assert results["totals"]["error"] == 0
    json.dumps(results)
