"""Filters, properties, aliases, functions, sort, count and histograms."""

from __future__ import annotations

from typing import Any

import pytest

from ansible_collections.prisma_sase.mt_monitor.tests.unit.simulator.helpers import (
    SimulatorClient,
)
from simulator._query import QueryError, parse_query, run_query
from simulator._records import DAY_MS, HOUR_MS
from simulator._topics import INCIDENTS, THREATS

NOW = 1_800_000_000_000


def _threat(tenant: str, severity: str, count: int, blocked: bool, age_ms: int = 0,
            user: str = "anna") -> dict[str, Any]:
    return {"sub_tenant_id": tenant, "severity": severity, "threat_count": count,
            "blocked": blocked, "verdict": "malicious", "event_time": NOW - age_ms,
            "source_user": user, "threat_id": count, "rule_matched": "allow-web",
            "source_type": "mobile_users"}


RECORDS = [
    _threat("A", "Critical", 5, False, user="anna"),
    _threat("A", "High", 10, True, user="ben"),
    _threat("A", "Low", 1, True, age_ms=10 * DAY_MS, user="anna"),
    _threat("B", "Critical", 7, True, user="chen"),
    _threat("B", "Medium", 3, False, age_ms=2 * HOUR_MS, user="chen"),
]


def _run(body: dict[str, Any], tenant_keys: tuple[str, ...] = ("A", "B", "C")) -> list[Any]:
    return run_query(THREATS, parse_query(THREATS, body, NOW), RECORDS, tenant_keys)


def test_counters_per_tenant_include_empty_tenants() -> None:
    rows = _run({"properties": [{"property": "sub_tenant_id"}, {"property": "total_threats"},
                                {"property": "unblocked_count"}]})

    assert rows == [
        {"sub_tenant_id": "A", "total_threats": 16, "unblocked_count": 5},
        {"sub_tenant_id": "B", "total_threats": 10, "unblocked_count": 3},
        {"sub_tenant_id": "C", "total_threats": 0, "unblocked_count": 0},
    ]


def test_filter_in_and_time_window() -> None:
    rows = _run({"filter": {"operator": "AND", "rules": [
        {"operator": "in", "property": "severity", "values": ["Critical", "High"]},
        {"operator": "last_n_days", "property": "event_time", "values": ["7"]}]},
        "properties": [{"property": "total_threats"}]})

    assert rows == [{"total_threats": 22}]


@pytest.mark.parametrize("rule, expected", [
    ({"operator": "equals", "property": "severity", "values": ["critical"]}, 12),
    ({"operator": "not_equals", "property": "severity", "values": ["Critical"]}, 14),
    ({"operator": "gt", "property": "threat_count", "values": ["5"]}, 17),
    ({"operator": "lt", "property": "threat_count", "values": [5]}, 4),
    ({"operator": "is_not_null", "property": "source_user"}, 26),
    ({"operator": "last_n_hours", "property": "event_time", "values": [1]}, 22),
    ({"operator": "last_n_minutes", "property": "event_time", "values": [180]}, 25),
    ({"operator": "in", "property": "threat_count", "values": [[5, 7]]}, 12),
    ({"rule": "unblocked"}, 8),
    ({"rule": "blocked"}, 18),
    ({"operator": "in", "property": "threat_severity", "values": ["Low"]}, 1),
])
def test_filter_operators(rule: dict[str, Any], expected: int) -> None:
    rows = _run({"filter": {"rules": [rule]}, "properties": [{"property": "total_threats"}]})

    assert rows == [{"total_threats": expected}]


def test_filter_or_operator() -> None:
    rows = _run({"filter": {"operator": "OR", "rules": [
        {"operator": "equals", "property": "severity", "values": ["Low"]},
        {"operator": "equals", "property": "severity", "values": ["Medium"]}]},
        "properties": [{"property": "total_threats"}]})

    assert rows == [{"total_threats": 4}]


def test_functions_alias_and_sort() -> None:
    rows = _run({"properties": [
        {"property": "source_user"},
        {"property": "threat_id", "function": "count", "alias": "events"},
        {"property": "threat_count", "function": "sum", "alias": "total",
         "sort": {"order": "desc"}},
        {"property": "threat_count", "function": "avg", "alias": "mean"},
        {"property": "sub_tenant_id", "operator": "distinct_count", "alias": "tenants"}]})

    assert rows == [
        {"source_user": "ben", "events": 1, "total": 10, "mean": 10.0, "tenants": 1},
        {"source_user": "chen", "events": 2, "total": 10, "mean": 5.0, "tenants": 1},
        {"source_user": "anna", "events": 2, "total": 6, "mean": 3.0, "tenants": 1},
    ]


def test_projection_sort_ascending_and_count() -> None:
    rows = _run({"count": 2, "properties": [
        {"property": "sub_tenant_id"},
        {"property": "threat_count", "sort": {"order": "asc"}}]})

    assert rows == [{"sub_tenant_id": "A", "threat_count": 1},
                    {"sub_tenant_id": "B", "threat_count": 3}]


def test_histogram_buckets() -> None:
    records = [{"sub_tenant_id": 1, "severity": "Critical", "status": "Raised",
                "raised_time": NOW - offset} for offset in (0, 60_000, DAY_MS, DAY_MS + 5)]
    query = parse_query(INCIDENTS, {"histogram": {"property": "raised_time", "range": "day",
                                                  "value": "1"}}, NOW)

    rows = run_query(INCIDENTS, query, records)

    # NOW is 08:00 UTC, so the four records fall into two day buckets of two each.
    assert [row["count"] for row in rows] == [2, 2]
    assert all(row["histogram_time"] == row["raised_time"] for row in rows)
    assert all(row["raised_time"] % DAY_MS == 0 for row in rows)
    assert [row["raised_time"] for row in rows] == sorted(row["raised_time"] for row in rows)


@pytest.mark.parametrize("body, message", [
    ({"properties": [{"property": "no_such_field"}]}, "unknown property 'no_such_field'"),
    ({"filter": {"rules": [{"rule": "app_risky"}]}}, "unknown rule 'app_risky'"),
    ({"filter": {"rules": [{"operator": "like", "property": "severity", "values": ["x"]}]}},
     "unknown filter operator 'like'"),
    ({"filter": {"rules": [{"operator": "in", "property": "nope", "values": ["x"]}]}},
     "unknown filter property 'nope'"),
    ({"filter": {"operator": "XOR", "rules": []}}, "AND or OR"),
    ({"properties": [{"property": "severity", "function": "median"}]}, "unknown function"),
    ({"properties": [{"property": "total_threats", "function": "sum"}]}, "computed count"),
    ({"count": 0}, "positive integer"),
    ({"histogram": {"property": "event_time", "range": "week"}}, "histogram range"),
    ([], "JSON object"),
])
def test_invalid_bodies_are_rejected(body: Any, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        parse_query(THREATS, body, NOW)


def test_unknown_property_answers_400(simulator: SimulatorClient) -> None:
    response = simulator.call("POST", "/threats/summary",
                              body={"properties": [{"property": "no_such_field"}]})

    assert response.status_code == 400
    assert "unknown property 'no_such_field'" in response.json()["error"]["msg"]
    assert response.json()["error"]["httpStatus"] == 400


def test_malformed_json_answers_400(simulator: SimulatorClient) -> None:
    response = simulator.http.post(
        "/mt/monitor/v1/agg/threats/summary?agg_by=tenant", content=b'{"filter": ',
        headers={"Authorization": "Bearer " + simulator.token(), "X-PANW-Region": "americas",
                 "Content-Type": "application/json"})

    assert response.status_code == 400
    assert "not valid JSON" in response.json()["error"]["msg"]


def test_renamed_response_keys(simulator: SimulatorClient) -> None:
    summary = simulator.call("POST", "/applications/summary", body={"properties": [
        {"property": "blocked_app_count"}, {"property": "unblocked_app_count"}]}).json()
    incidents = simulator.call("POST", "/incidents/list", body={"properties": [
        {"property": "sub_category"}]}).json()

    assert set(summary[0]) == {"blocked_apps_count", "unblocked_apps_count"}
    assert incidents and set(incidents[0]) == {"sub-category"}


def test_url_summary_without_group_is_object(simulator: SimulatorClient) -> None:
    total = simulator.call("POST", "/url/summary", body={"properties": [
        {"property": "blocked_uri_count", "alias": "count"}]}).json()
    per_tenant = simulator.call("POST", "/url/summary", body={"properties": [
        {"property": "sub_tenant_id"}, {"property": "total_uri"}]}).json()

    assert isinstance(total, dict) and set(total) == {"count"}
    assert isinstance(per_tenant, list) and len(per_tenant) > 1
