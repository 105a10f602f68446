"""Unit tests of build_request for POST bodies: raw overrides and time ranges."""

from __future__ import annotations

import pytest

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._catalog import OPERATIONS
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._errors import (
    InvalidInputError,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._query import build_request

JAN = {"from": "2026-01-01T00:00:00Z", "to": "2026-01-08T00:00:00Z"}
JAN_1_MS = 1767225600000
JAN_8_MS = JAN_1_MS + 7 * 86400000


def _rules(request):
    return request.body["filter"]["rules"]


# --- whole body ------------------------------------------------------------------------------


def test_body_replaces_default():
    body = {"filter": {"rules": []}, "properties": ["sub_tenant_id"], "count": 2}
    request = build_request("threats.summary", body=body)

    assert request.body == {
        "filter": {"operator": "AND", "rules": []},
        "properties": [{"property": "sub_tenant_id"}],
        "count": 2,
    }
    assert body["properties"] == ["sub_tenant_id"]


def test_body_keeps_histogram():
    histogram = {"property": "raised_time", "range": "day", "value": "1"}
    request = build_request("incidents.trends", body={"filter": {}, "properties": [], "histogram": histogram})

    assert request.body["histogram"] == histogram


def test_body_not_dict():
    with pytest.raises(InvalidInputError, match="body \\[\\] is invalid for alerts.list"):
        build_request("alerts.list", body=[])


def test_body_unknown_key_strict():
    with pytest.raises(InvalidInputError, match="body has keys limit that alerts.list does not take"):
        build_request("alerts.list", body={"properties": [], "limit": 1})


def test_body_unknown_key_not_strict():
    request = build_request("alerts.list", body={"properties": [], "limit": 1}, strict=False)

    assert request.body["limit"] == 1


def test_body_filter_without_filter_support():
    with pytest.raises(InvalidInputError, match="body.filter is not taken by connectivity.gateway_status"):
        build_request("connectivity.gateway_status", body={"filter": {}, "properties": []})


def test_body_filter_without_support_not_strict():
    request = build_request(
        "connectivity.gateway_status", body={"filter": {}, "properties": []}, strict=False
    )

    assert request.body["filter"] == {"operator": "AND", "rules": []}


def test_body_count_invalid():
    with pytest.raises(InvalidInputError, match="count -2 is invalid"):
        build_request("alerts.list", body={"properties": [], "count": -2})


# --- raw filter and raw properties -----------------------------------------------------------


def test_raw_filter_adds_operator():
    rule = {"operator": "in", "property": "incident_id", "values": ["34898"]}
    request = build_request("incidents.impacted_list", filter={"rules": [rule]})

    assert request.body["filter"] == {"operator": "AND", "rules": [rule]}


def test_raw_filter_on_operation_without_filter():
    with pytest.raises(InvalidInputError, match="connectivity.unique_users has no filter in its request"):
        build_request("connectivity.unique_users", filter={"rules": []})


@pytest.mark.parametrize(
    ("raw_filter", "message"),
    [
        ("AND", "filter 'AND' is invalid for alerts.list"),
        ({"operator": "AND", "where": []}, "filter has invalid keys where"),
        ({"operator": "OR"}, "filter.operator 'OR' is invalid; the API accepts only 'AND'"),
        ({"rules": {"rule": "x"}}, "filter.rules .* is invalid for alerts.list; use a list"),
        ({"rules": ["domain"]}, "filter.rules\\[0\\] 'domain' is invalid"),
        ({"rules": [{"rule": "x", "property": "y"}]}, "mixes 'rule' with other keys"),
        ({"rules": [{"rule": ""}]}, "filter.rules\\[0\\].rule '' is invalid"),
        ({"rules": [{"property": "domain", "operator": "in", "value": []}]}, "invalid keys value"),
        ({"rules": [{"operator": "in", "values": []}]}, "filter.rules\\[0\\].property None is invalid"),
        ({"rules": [{"property": "domain", "values": []}]}, "filter.rules\\[0\\].operator None is invalid"),
        ({"rules": [{"property": "domain", "operator": "in"}]}, "is missing 'values'"),
        ({"rules": [{"property": "domain", "operator": "in", "values": "x"}]}, "values 'x' is invalid"),
    ],
)
def test_raw_filter_shape_errors(raw_filter, message):
    with pytest.raises(InvalidInputError, match=message):
        build_request("alerts.list", filter=raw_filter, strict=False)


def test_raw_filter_named_rule():
    request = build_request("applications.count", filter={"rules": [{"rule": "unblocked"}]})

    # A raw filter replaces the default filter, time rule included.
    assert _rules(request) == [{"rule": "unblocked"}]


def test_raw_filter_is_not_null_without_values():
    rule = {"operator": "is_not_null", "property": "rule_matched"}
    request = build_request("threats.count", filter={"operator": "AND", "rules": [rule]})

    assert _rules(request) == [rule]


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ({"rule": "app_risky"}, "rule 'app_risky' is not known for alerts.list; use one of: \\(none\\)"),
        ({"property": "status", "operator": "in", "values": []}, "filter property 'status' is not known"),
        ({"property": "domain", "operator": "equals", "values": []}, "operator of 'domain' 'equals'"),
    ],
)
def test_raw_filter_unknown_names(rule, message):
    with pytest.raises(InvalidInputError, match=message):
        build_request("alerts.list", filter={"rules": [rule]})


def test_raw_filter_unknown_names_not_strict():
    rule = {"property": "status", "operator": "like", "values": ["x"]}
    request = build_request("alerts.list", filter={"rules": [rule]}, strict=False)

    assert _rules(request) == [rule]


def test_raw_properties_replace_default():
    request = build_request(
        "alerts.count",
        raw_properties=[{"property": "severity"}, {"property": "alert_id", "function": "count"}],
    )

    assert request.body["properties"] == [
        {"property": "severity"},
        {"property": "alert_id", "function": "count"},
    ]


def test_raw_properties_unknown_strict():
    with pytest.raises(InvalidInputError, match="property 'threat_id' is not known for alerts.count"):
        build_request("alerts.count", raw_properties=[{"property": "threat_id"}])


def test_raw_properties_not_list():
    with pytest.raises(InvalidInputError, match="raw_properties 5 is invalid for alerts.count; use a list"):
        build_request("alerts.count", raw_properties=5)


# --- time_range on POST ----------------------------------------------------------------------


def test_time_range_relative_replaces_rule():
    request = build_request("alerts.list", time_range={"last": 30, "unit": "minutes"})

    assert _rules(request) == [
        {"operator": "in", "property": "domain", "values": ["External", "external"]},
        {"operator": "in", "property": "severity", "values": ["Critical", "High"]},
        {"operator": "last_n_minutes", "property": "event_time", "values": ["30"]},
    ]


def test_time_range_absolute_milliseconds():
    request = build_request("threats.summary", time_range=JAN)
    time_rules = [r for r in _rules(request) if r["property"] == "event_time"]

    assert time_rules == [
        {"operator": "gt", "property": "event_time", "values": [str(JAN_1_MS)]},
        {"operator": "lt", "property": "event_time", "values": [str(JAN_8_MS)]},
    ]


def test_time_range_drops_other_time_fields():
    rule = {"operator": "last_n_days", "property": "updated_time", "values": ["3"]}
    request = build_request("threats.summary", filter={"rules": [rule]}, time_range={"last": 1})

    assert _rules(request) == [{"operator": "last_n_days", "property": "event_time", "values": ["1"]}]


def test_time_range_added_where_default_has_none():
    request = build_request("resource.count", time_range={"last": 2, "unit": "hours"})

    assert _rules(request) == [{"operator": "last_n_hours", "property": "event_time", "values": ["2"]}]


def test_time_range_upgrades_absolute():
    request = build_request("upgrades.list", time_range=JAN)

    assert _rules(request) == [
        {"operator": "equals", "property": "start_date", "values": ["2026-01-01T00:00:00.000Z"]},
        {"operator": "equals", "property": "end_date", "values": ["2026-01-08T00:00:00.000Z"]},
    ]


def test_time_range_upgrades_relative():
    with pytest.raises(InvalidInputError, match="upgrades.list filters on absolute dates"):
        build_request("upgrades.list", time_range={"last": 7})


def test_time_range_without_time_property():
    with pytest.raises(InvalidInputError, match="connectivity.cdl_status takes no time range"):
        build_request("connectivity.cdl_status", time_range={"last": 7})


def test_time_range_without_filter():
    with pytest.raises(InvalidInputError, match="connectivity.gateway_status has no filter"):
        build_request("connectivity.gateway_status", time_range={"last": 7})


def test_time_range_creates_missing_filter():
    request = build_request("alerts.list", body={"properties": ["sub_tenant_id"]}, time_range={"last": 1})

    assert request.body["filter"] == {
        "operator": "AND",
        "rules": [{"operator": "last_n_days", "property": "event_time", "values": ["1"]}],
    }


def test_default_bodies_unchanged_after_builds():
    before = {name: op.new_default_body() for name, op in OPERATIONS.items()}
    for name, operation in OPERATIONS.items():
        if operation.accepts_filter and operation.time_filter_property and not operation.time_filter_end_property:
            build_request(name, time_range={"last": 1, "unit": "hours"})

    assert {name: op.default_body for name, op in OPERATIONS.items()} == before
