"""Unit tests of build_request: operation lookup, agg_by and GET query parameters."""

from __future__ import annotations

import pytest

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._catalog import OPERATIONS
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._errors import (
    InvalidInputError,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._query import (
    PreparedRequest,
    build_request,
)

JAN = {"from": "2026-01-01T00:00:00Z", "to": "2026-01-08T00:00:00Z"}
JAN_1_S = 1767225600
JAN_8_S = JAN_1_S + 7 * 86400


@pytest.mark.parametrize("name", sorted(OPERATIONS))
def test_default_request_per_operation(name):
    operation = OPERATIONS[name]
    request = build_request(name)

    assert isinstance(request, PreparedRequest)
    assert request.operation == name
    assert request.method == operation.method
    assert request.path == operation.path
    assert request.body == operation.default_body
    assert (request.query.get("agg_by") == "tenant") == operation.agg_by
    for key, value in operation.default_query.items():
        assert request.query[key] == value


def test_accepts_operation_object():
    operation = OPERATIONS["alerts.list"]

    assert build_request(operation).path == operation.path


def test_unknown_operation():
    with pytest.raises(InvalidInputError, match="did you mean 'alerts.list'"):
        build_request("alert.list")


def test_default_body_not_shared():
    request = build_request("threats.summary")
    request.body["filter"]["rules"].clear()

    assert OPERATIONS["threats.summary"].default_body["filter"]["rules"]


def test_agg_by_tenant_false():
    assert build_request("threats.summary", agg_by_tenant=False).query == {}


def test_agg_by_ignored_without_support():
    request = build_request("tenant.hierarchy", agg_by_tenant=True)

    assert request.query == {}
    assert request.body is None


@pytest.mark.parametrize("option", ["strict", "agg_by_tenant"])
def test_flags_must_be_bool(option):
    with pytest.raises(InvalidInputError, match="%s 'yes' is invalid for alerts.list; use true or false" % option):
        build_request("alerts.list", **{option: "yes"})


# --- GET operations ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "intent",
    [
        {"severity": ["high"]},
        {"rules": ["blocked"]},
        {"properties": ["sub_tenant_id"]},
        {"sort": "x"},
        {"function": "sum"},
        {"alias": "x"},
        {"filter": {}},
        {"raw_properties": []},
        {"body": {}},
        {"count": 3},
    ],
)
def test_get_rejects_body_intents(intent):
    with pytest.raises(InvalidInputError) as caught:
        build_request("license.utilization", **intent)

    message = str(caught.value)
    assert "license.utilization is a GET operation without a request body" in message
    assert next(iter(intent)) in message
    assert "time_period" in message


def test_get_relative_time_period():
    request = build_request("license.utilization", time_range={"last": 24, "unit": "hours"})

    assert request.query == {"agg_by": "tenant", "time_period": "24h"}


def test_get_relative_same_length_other_unit():
    request = build_request("app_monitor.tenants", time_range={"last": 1, "unit": "days"})

    assert request.query == {"time_period": "24h"}


def test_get_relative_without_matching_period():
    with pytest.raises(InvalidInputError) as caught:
        build_request("license.utilization", time_range={"last": 2, "unit": "days"})

    message = str(caught.value)
    assert "time_range of 2 days is not a time_period that license.utilization takes" in message
    assert "15 minutes, 1 hour, 3 hours, 1 day, 7 days, 30 days" in message


def test_get_absolute_seconds():
    request = build_request("app_monitor.node_trend", time_range=JAN)

    assert request.query == {"start_time": JAN_1_S, "end_time": JAN_8_S}


def test_get_absolute_milliseconds():
    request = build_request("license.utilization", time_range=JAN)

    assert request.query == {
        "agg_by": "tenant",
        "start_time": JAN_1_S * 1000,
        "end_time": JAN_8_S * 1000,
    }


@pytest.mark.parametrize("name", ["license.quota", "tenant.hierarchy", "locations.list"])
@pytest.mark.parametrize("time_range", [{"last": 7}, JAN])
def test_get_without_time_parameters(name, time_range):
    with pytest.raises(InvalidInputError, match="%s takes no time range; remove time_range" % name):
        build_request(name, time_range=time_range)


def test_get_query_overrides_defaults():
    request = build_request(
        "license.utilization", query={"product_type": "RN", "threshold": 80.5, "time_period": "30d"}
    )

    assert request.query == {
        "agg_by": "tenant",
        "product_type": "RN",
        "threshold": 80.5,
        "time_period": "30d",
    }


def test_get_query_not_dict():
    with pytest.raises(InvalidInputError, match="query 'product_type=MU' is invalid"):
        build_request("license.utilization", query="product_type=MU")


def test_get_query_agg_by_rejected():
    with pytest.raises(InvalidInputError, match="agg_by is set by agg_by_tenant"):
        build_request("license.quota", query={"agg_by": "tenant"})


def test_get_query_name_not_string():
    with pytest.raises(InvalidInputError, match="query parameter name 1 is invalid"):
        build_request("license.utilization", query={1: "x"})


def test_get_query_unknown_strict():
    with pytest.raises(InvalidInputError) as caught:
        build_request("app_monitor.tenants", query={"nodeType": "MU"})

    message = str(caught.value)
    assert "query parameter 'nodeType' is not known for app_monitor.tenants" in message
    assert "use one of: end_time, start_time, time_period" in message


def test_get_query_unknown_not_strict():
    request = build_request("app_monitor.tenants", query={"nodeType": "MU"}, strict=False)

    assert request.query["nodeType"] == "MU"


@pytest.mark.parametrize("value", [-1, True, "1767225600", 1.5])
def test_get_query_epoch_invalid(value):
    with pytest.raises(InvalidInputError, match="query start_time .* use epoch time as a whole number"):
        build_request("license.utilization", query={"start_time": value})


@pytest.mark.parametrize("value", ["80", True, None])
def test_get_query_threshold_invalid(value):
    with pytest.raises(InvalidInputError, match="query threshold .* use a number"):
        build_request("license.utilization", query={"threshold": value})


@pytest.mark.parametrize("value", [["MU"], {"a": 1}, None, True])
def test_get_query_value_type_invalid(value):
    with pytest.raises(InvalidInputError, match="use a string or a number"):
        build_request("app_monitor.node_trend", query={"app": value})


def test_get_query_choice_invalid():
    with pytest.raises(InvalidInputError, match="query product_type value 'SC' is not known"):
        build_request("license.utilization", query={"product_type": "SC"})


def test_get_query_choice_not_strict():
    request = build_request("license.utilization", query={"product_type": "SC"}, strict=False)

    assert request.query["product_type"] == "SC"


def test_get_query_start_after_end():
    with pytest.raises(InvalidInputError, match="start_time 20 is not earlier than end_time 10"):
        build_request("license.utilization", query={"start_time": 20, "end_time": 10})


def test_get_time_range_replaces_default_period():
    request = build_request("license.utilization", time_range=JAN)

    assert "time_period" not in request.query


# --- query parameters of POST operations ---------------------------------------------------


def test_post_query_rejected():
    with pytest.raises(InvalidInputError, match="threats.summary takes no query parameters besides agg_by"):
        build_request("threats.summary", query={"limit": 5})


def test_post_query_not_strict():
    request = build_request("threats.summary", query={"limit": 5}, strict=False)

    assert request.query == {"agg_by": "tenant", "limit": 5}


def test_post_query_not_dict():
    with pytest.raises(InvalidInputError, match="query \\['limit'\\] is invalid"):
        build_request("threats.summary", query=["limit"])
