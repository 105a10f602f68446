"""Check that each default body uses only the names the catalog lists for its operation."""

from __future__ import annotations

import pytest

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._catalog import (
    FUNCTIONS,
    OPERATIONS,
    SORT_ORDERS,
)

POST_OPERATIONS = [op for op in OPERATIONS.values() if op.method == "POST"]

# Operations whose default body has no time rule, each for a reason given in its entry.
NO_DEFAULT_TIME_RULE = {
    "connectivity.status",  # current site state
    "resource.count",  # current inventory
    "upgrades.list",  # absolute ISO dates only
}

# Operations whose rows cannot be per tenant: the response counts tenants, or lists one
# incident's impacted objects, or is a histogram.
NOT_PER_TENANT = {"locations.tenants", "incidents.impacted_list", "incidents.trends"}

# Fields that the controls engine reads from the default rows.
CONTROL_FIELDS = {
    "threats.summary": (
        "sub_tenant_id",
        "total_threats",
        "blocked_count",
        "unblocked_count",
        "malicious_count",
    ),
    "alerts.list": ("sub_tenant_id", "severity", "total_count"),
    "incidents.list": (
        "incident_id",
        "sub_tenant_id",
        "severity",
        "status",
        "raised_time",
        "title",
    ),
    "connectivity.cdl_status": ("sub_tenant_id", "status"),
    "connectivity.gateway_status": ("sub_tenant_id", "status", "gateway_count"),
    "upgrades.list": ("sub_tenant_id", "current_version", "upgrade_version", "status"),
    "urls.logs": ("sub_tenant_id", "url_category_value", "uri_count"),
    "applications.list": (
        "sub_tenant_id",
        "risk_of_app_count",
        "unique_total_apps",
        "blocked_app_count",
    ),
}


def _rules(operation):
    return operation.default_body.get("filter", {}).get("rules", [])


@pytest.mark.parametrize("operation", POST_OPERATIONS, ids=lambda op: op.name)
def test_default_properties_are_known(operation):
    for item in operation.default_body["properties"]:
        assert item["property"] in operation.properties, item
        assert set(item) <= {"property", "alias", "function", "sort"}, item
        if "function" in item:
            assert item["function"] in FUNCTIONS, item
        if "sort" in item:
            assert item["sort"]["order"] in SORT_ORDERS, item


@pytest.mark.parametrize("operation", POST_OPERATIONS, ids=lambda op: op.name)
def test_default_rules_are_known(operation):
    for rule in _rules(operation):
        if "rule" in rule:
            assert rule["rule"] in operation.rules, rule
            continue
        allowed = operation.filter_properties.get(rule["property"])
        assert allowed is not None, rule
        assert rule["operator"] in allowed, rule
        assert all(isinstance(value, str) for value in rule["values"]), rule


@pytest.mark.parametrize("operation", POST_OPERATIONS, ids=lambda op: op.name)
def test_default_time_rule(operation):
    time_rules = [r for r in _rules(operation) if r.get("property") == operation.time_filter_property]

    if operation.name in NO_DEFAULT_TIME_RULE or not operation.accepts_filter:
        assert time_rules == []
        return
    if operation.time_filter_property is None:
        assert operation.name == "connectivity.cdl_status"
        return
    assert time_rules == [
        {"operator": "last_n_days", "property": operation.time_filter_property, "values": ["7"]}
    ]


@pytest.mark.parametrize("operation", POST_OPERATIONS, ids=lambda op: op.name)
def test_default_body_groups_by_tenant(operation):
    requested = {item["property"] for item in operation.default_body["properties"]}

    if operation.name in NOT_PER_TENANT:
        assert "sub_tenant_id" not in requested or operation.name == "locations.tenants"
        return
    assert "sub_tenant_id" in requested
    assert "count" not in operation.default_body, "a top-N count would drop tenants"


@pytest.mark.parametrize("name", sorted(CONTROL_FIELDS))
def test_default_body_has_control_fields(name):
    operation = OPERATIONS[name]
    requested = set()
    for item in operation.default_body["properties"]:
        requested.add(item.get("alias", item["property"]))
        requested.add(item["property"])

    for field_name in CONTROL_FIELDS[name]:
        assert field_name in requested, field_name


def test_threats_summary_filters_critical_and_high():
    rules = _rules(OPERATIONS["threats.summary"])
    severity = [r for r in rules if r.get("property") == "severity"]

    assert severity == [{"operator": "in", "property": "severity", "values": ["Critical", "High"]}]


def test_cdl_status_uses_status_not_state():
    operation = OPERATIONS["connectivity.cdl_status"]
    rule_properties = [r["property"] for r in _rules(operation)]
    requested = [item["property"] for item in operation.default_body["properties"]]

    assert rule_properties == ["status"]
    assert "status" in requested
    assert "state" not in requested


def test_license_utilization_calls_each_product_type():
    operation = OPERATIONS["license.utilization"]

    assert [dict(v) for v in operation.query_variants] == [
        {"product_type": "MU"},
        {"product_type": "RN"},
    ]
    assert operation.default_query == {"time_period": "7d"}
    for field_name in (
        "sub_tenant_id",
        "product_type",
        "utilization_percentage",
        "license_units_used",
        "license_used_unit",
        "license_units",
        "license_unit",
    ):
        assert field_name in operation.properties


def test_license_schema_fields_are_known():
    quota = OPERATIONS["license.quota"]
    setup = OPERATIONS["license.setup_status"]

    for field_name in ("tsg_id", "sub_tenant_id", "licenseDetails", "support", "expiry_ts"):
        assert field_name in quota.properties
    for field_name in ("tsg_id", "cdl_tenant_id", "operational_status", "service_setup_status"):
        assert field_name in setup.properties


def test_upgrades_requests_upgrade_ts_once():
    requested = [item["property"] for item in OPERATIONS["upgrades.list"].default_body["properties"]]

    assert requested.count("upgrade_ts") == 1
