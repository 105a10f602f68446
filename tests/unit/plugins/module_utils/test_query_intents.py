"""Unit tests of build_request intents: severity, rules, properties, function, alias, sort, count."""

from __future__ import annotations

import pytest

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._catalog import OPERATIONS
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._errors import (
    InvalidInputError,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._query import build_request


def _rules(request):
    return request.body["filter"]["rules"]


def _severity_rules(request):
    return [rule for rule in _rules(request) if rule.get("property") == "severity"]


# --- severity --------------------------------------------------------------------------------


def test_severity_normalized_per_operation():
    threats = build_request("threats.summary", severity=["critical", "HIGH", "Critical"])
    incidents = build_request("incidents.count", severity="warning")

    assert _severity_rules(threats) == [
        {"operator": "in", "property": "severity", "values": ["Critical", "High"]}
    ]
    assert _severity_rules(incidents) == [
        {"operator": "in", "property": "severity", "values": ["Warning"]}
    ]


def test_severity_added_where_default_has_none():
    request = build_request("urls.logs", severity=["medium"])

    assert _severity_rules(request) == [
        {"operator": "in", "property": "severity", "values": ["Medium"]}
    ]


def test_severity_unknown_value():
    with pytest.raises(InvalidInputError) as caught:
        build_request("incidents.list", severity=["high"])

    message = str(caught.value)
    assert "severity 'high' is not known for incidents.list" in message
    assert "use one of: critical, warning" in message


def test_severity_unknown_value_not_strict():
    request = build_request("threats.summary", severity=["Low"], strict=False)

    assert _severity_rules(request)[0]["values"] == ["Low"]


def test_severity_on_alerts_list():
    request = build_request("alerts.list", severity=["critical", "medium"])

    assert _severity_rules(request) == [
        {"operator": "in", "property": "severity", "values": ["Critical", "Medium"]}
    ]


def test_severity_filter_has_values():
    # An operation that lists severity as a filter property must also list its levels, or a
    # severity option fails with "has no severity filter".
    missing = [
        op.name for op in OPERATIONS.values() if "severity" in op.filter_properties and not op.severity_values
    ]

    assert missing == []


def test_severity_on_operation_without_it():
    with pytest.raises(InvalidInputError, match="applications.list has no severity filter"):
        build_request("applications.list", severity=["high"])


def test_severity_on_operation_without_it_not_strict():
    request = build_request("applications.list", severity=["high"], strict=False)

    assert _severity_rules(request)[0]["values"] == ["high"]


def test_severity_without_filter():
    with pytest.raises(InvalidInputError, match="connectivity.gateway_status has no filter"):
        build_request("connectivity.gateway_status", severity=["high"], strict=False)


def test_severity_empty():
    with pytest.raises(InvalidInputError, match="severity is empty for threats.summary"):
        build_request("threats.summary", severity=[])


@pytest.mark.parametrize("severity", [[1], [None], [""], 5])
def test_severity_wrong_type(severity):
    with pytest.raises(InvalidInputError, match="severity"):
        build_request("threats.summary", severity=severity)


# --- named rules -----------------------------------------------------------------------------


def test_rules_replace_named_rules():
    request = build_request("applications.count", rules=["unblocked", "unblocked"])

    assert _rules(request)[0] == {"rule": "unblocked"}
    assert {"rule": "app_risky"} not in _rules(request)
    assert sum(1 for rule in _rules(request) if "rule" in rule) == 1


def test_rules_single_string():
    request = build_request("urls.summary", rules="url_high_risk")

    assert _rules(request)[0] == {"rule": "url_high_risk"}


def test_rules_empty_removes_named_rules():
    request = build_request("applications.count", rules=[])

    assert all("rule" not in rule for rule in _rules(request))


def test_rules_unknown():
    with pytest.raises(InvalidInputError) as caught:
        build_request("urls.summary", rules=["unblocked"])

    message = str(caught.value)
    assert "rule 'unblocked' is not known for urls.summary" in message
    assert "use one of: blocked, url_high_risk" in message


def test_rules_unknown_not_strict():
    request = build_request("urls.summary", rules=["unblocked"], strict=False)

    assert _rules(request)[0] == {"rule": "unblocked"}


def test_rules_without_filter():
    with pytest.raises(InvalidInputError, match="connectivity.unique_users has no filter"):
        build_request("connectivity.unique_users", rules=["blocked"])


@pytest.mark.parametrize("rules", [[["blocked"]], [""], {"rule": "blocked"}])
def test_rules_wrong_type(rules):
    with pytest.raises(InvalidInputError, match="rules"):
        build_request("urls.summary", rules=rules)


# --- properties, function and alias ----------------------------------------------------------


def test_properties_names_and_dicts():
    request = build_request(
        "urls.logs",
        properties=[
            "sub_tenant_id",
            {"property": "uri_count", "function": "sum", "alias": "hits", "sort": "desc"},
        ],
    )

    assert request.body["properties"] == [
        {"property": "sub_tenant_id"},
        {"property": "uri_count", "alias": "hits", "function": "sum", "sort": {"order": "desc"}},
    ]


def test_properties_empty():
    with pytest.raises(InvalidInputError, match="properties is empty for urls.logs"):
        build_request("urls.logs", properties=[])


def test_properties_unknown_lists_valid():
    with pytest.raises(InvalidInputError) as caught:
        build_request("connectivity.cdl_status", properties=["sub_tenant_id", "health"])

    message = str(caught.value)
    assert "property 'health' is not known for connectivity.cdl_status" in message
    assert "use one of: location_count, state, status, sub_tenant_id" in message
    assert "set strict to false" in message


def test_properties_unknown_not_strict():
    request = build_request("connectivity.cdl_status", properties=["health"], strict=False)

    assert request.body["properties"] == [{"property": "health"}]


@pytest.mark.parametrize(
    ("item", "message"),
    [
        (5, "properties\\[0\\] 5 is invalid"),
        ({"name": "x"}, "properties\\[0\\] has invalid keys name"),
        ({"alias": "x"}, "is missing the key 'property'"),
        ({"property": ""}, "properties\\[0\\].property '' is invalid"),
        ({"property": "uri_count", "alias": 3}, "properties\\[0\\].alias 3 is invalid"),
        ({"property": "uri_count", "function": "median"}, "function 'median' is not known"),
        ({"property": "uri_count", "sort": "up"}, "properties\\[0\\].sort order 'up' is invalid"),
        ({"property": "uri_count", "sort": {"by": "x"}}, "use {'order': 'asc'}"),
    ],
)
def test_property_item_errors(item, message):
    with pytest.raises(InvalidInputError, match=message):
        build_request("urls.logs", properties=[item])


def test_function_and_alias_apply_to_last():
    request = build_request(
        "threats.count", properties=["sub_tenant_id", "threat_id"], function="distinct_count", alias="unique"
    )

    assert request.body["properties"][-1] == {
        "property": "threat_id",
        "alias": "unique",
        "function": "distinct_count",
    }
    assert request.body["properties"][0] == {"property": "sub_tenant_id"}


def test_alias_alone_on_default():
    request = build_request("applications.list", alias="blocked")

    assert request.body["properties"][-1] == {"property": "blocked_app_count", "alias": "blocked"}


def test_function_unknown():
    with pytest.raises(InvalidInputError, match="function 'max' is not known for threats.count"):
        build_request("threats.count", function="max")


def test_function_without_properties():
    with pytest.raises(InvalidInputError, match="function and alias apply to the last property"):
        build_request("incidents.impacted_list", function="count")


# --- sort and count --------------------------------------------------------------------------


def test_sort_moves_to_one_property():
    request = build_request("threats.summary", sort={"property": "total_threats", "order": "asc"})
    sorted_items = [item for item in request.body["properties"] if "sort" in item]

    assert sorted_items == [{"property": "total_threats", "sort": {"order": "asc"}}]


def test_sort_by_alias_defaults_to_desc():
    request = build_request(
        "urls.logs",
        properties=["sub_tenant_id", {"property": "uri_count", "function": "sum", "alias": "hits"}],
        sort="hits",
    )

    assert request.body["properties"][1]["sort"] == {"order": "desc"}


def test_sort_prefers_alias_match():
    request = build_request(
        "resource.count",
        raw_properties=[
            {"property": "node_type"},
            {"property": "node_type", "function": "count", "alias": "node_type_total"},
            {"property": "sub_tenant_id", "alias": "node_type"},
        ],
        sort="node_type",
    )

    assert "sort" in request.body["properties"][2]
    assert "sort" not in request.body["properties"][0]


def test_sort_property_matches_unaliased_first():
    request = build_request(
        "resource.count",
        raw_properties=[
            {"property": "node_type", "function": "count", "alias": "n"},
            {"property": "node_type"},
        ],
        sort="node_type",
    )

    assert "sort" in request.body["properties"][1]


def test_sort_property_matches_aliased_item():
    request = build_request("resource.count", raw_properties=[{"property": "node_type", "alias": "n"}], sort="node_type")

    assert request.body["properties"][0]["sort"] == {"order": "desc"}


def test_sort_not_requested():
    with pytest.raises(InvalidInputError) as caught:
        build_request("threats.summary", sort="wildfire_verdict")

    message = str(caught.value)
    assert "sort.property 'wildfire_verdict' is not requested from threats.summary" in message
    assert "blocked_count" in message


@pytest.mark.parametrize("sort", [{"field": "x"}, ["x"], {"property": "total_threats", "order": "up"}])
def test_sort_invalid(sort):
    with pytest.raises(InvalidInputError, match="sort"):
        build_request("threats.summary", sort=sort)


def test_count_positive():
    assert build_request("threats.summary", count=10).body["count"] == 10


@pytest.mark.parametrize("count", [0, -5, True, 2.5, "10"])
def test_count_invalid(count):
    with pytest.raises(InvalidInputError, match="count .* is invalid for threats.summary; use a positive"):
        build_request("threats.summary", count=count)
