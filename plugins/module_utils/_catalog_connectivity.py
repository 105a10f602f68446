# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Catalog entries of the service connectivity family (module connectivity_info)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._catalog_model import (
    BASE_PATH,
    DATA_TIME_FIELDS,
    TIME_FILTER_PROPERTIES,
    Operation,
    props,
    time_rule,
)

OPERATIONS = (
    Operation(
        name="connectivity.status",
        family="connectivity",
        summary="List RN and SC site status count",
        method="POST",
        path=BASE_PATH + "/serviceConnectivity",
        operation_id="post-mt-monitor-v1-agg-serviceconnectivity",
        agg_by=True,
        region_header=True,
        body_schema="RequestBody_Resource",
        # The official "Site Status per Tenant" example. Corrections: it leaves out
        # `filter.operator`, which the schema requires, and sends node types as numbers where
        # rule `values` is an array of strings. Site state is current, so no time rule.
        default_body={
            "filter": {
                "operator": "AND",
                "rules": [
                    {"operator": "in", "property": "node_type", "values": ["51", "48"]},
                    {"operator": "in", "property": "site_state_name", "values": ["Up", "Down"]},
                ],
            },
            "properties": [
                {"property": "site_state_name"},
                {"property": "node_type"},
                {"property": "sub_tenant_id"},
                {"property": "site_name", "function": "distinct_count", "alias": "count"},
            ],
        },
        properties=(
            "alert_id",
            "node_count",
            "node_type",
            "severity",
            "site_name",
            "site_state_name",
            "sub_tenant_id",
        ),
        filter_properties={
            **TIME_FILTER_PROPERTIES,
            "node_type": ("in",),
            "site_state_name": ("in",),
            "url_category_value": ("in",),
        },
        time_fields=dict(DATA_TIME_FIELDS),
        time_filter_property="event_time",
        response_shape="list",
        tenant_id_fields=("sub_tenant_id",),
    ),
    Operation(
        name="connectivity.cdl_status",
        family="connectivity",
        summary="List CDL connectivity status",
        method="POST",
        path=BASE_PATH + "/serviceConnectivity/cdlStatus",
        operation_id="post-mt-monitor-v1-agg-serviceconnectivity-cdlstatus",
        agg_by=True,
        region_header=True,
        body_schema="RequestBody_CDLStatus",
        # The official "Cortex Data Lake Connections per Tenant" example, corrected. The spec
        # swaps `state` and `status`: CDLStatusRule filters on `status` but the example filters
        # on `state`, and CDLStatusProperty lists `state` but the example requests `status`,
        # which is also the key in every response example. The default uses `status` in both
        # places, as the rule schema and the response agree, and adds the required
        # `filter.operator`.
        default_body={
            "filter": {
                "operator": "AND",
                "rules": [{"operator": "in", "property": "status", "values": ["Up", "Down"]}],
            },
            "properties": props("status", "location_count", "sub_tenant_id"),
        },
        properties=("location_count", "state", "status", "sub_tenant_id"),
        filter_properties={"state": ("in",), "status": ("in",)},
        response_shape="list",
        tenant_id_fields=("sub_tenant_id",),
    ),
    Operation(
        name="connectivity.gateway_status",
        family="connectivity",
        summary="List mobile gateway connection status",
        method="POST",
        path=BASE_PATH + "/serviceConnectivity/gatewayStatus",
        operation_id="post-mt-monitor-v1-agg-serviceconnectivity-gatewaystatus",
        agg_by=True,
        region_header=True,
        # RequestBody_GatewayStatus has only `properties`: no filter, so no rules or time range.
        body_schema="RequestBody_GatewayStatus",
        # The official "Gateway Locations per Tenant" example.
        default_body={"properties": props("status", "gateway_count", "sub_tenant_id")},
        properties=("gateway_count", "status", "sub_tenant_id"),
        response_shape="list",
        tenant_id_fields=("sub_tenant_id",),
    ),
    Operation(
        name="connectivity.license_allocated",
        family="connectivity",
        summary="Get total GP licenses allocated",
        method="GET",
        path=BASE_PATH + "/serviceConnectivity/licenseAllocated",
        operation_id="get-mt-monitor-v1-agg-serviceconnectivity-licenseallocated",
        # agg_by was removed from this operation in the spec (January 2023).
        agg_by=False,
        region_header=True,
        # One object per response row, each value {size, unit} with unit "user" or "mbps".
        properties=("explicit_proxy", "mobile_users", "okyo", "remote_networks"),
        response_shape="list",
    ),
    Operation(
        name="connectivity.top_outliers",
        family="connectivity",
        summary="List top outliers",
        method="POST",
        path=BASE_PATH + "/serviceConnectivity/topOutliers",
        operation_id="post-mt-monitor-v1-agg-serviceconnectivity-topoutliers",
        agg_by=True,
        region_header=True,
        body_schema="RequestBody_Outliers",
        # The official "Top Outliers" example, corrected: it leaves out `filter.operator` and
        # sends the threshold and node type as numbers where rule `values` is an array of
        # strings. The default also groups by tenant, drops the top-5 `count` that would hide
        # other tenants, and looks back 7 days instead of 45.
        default_body={
            "filter": {
                "operator": "AND",
                "rules": [
                    time_rule("event_time"),
                    {"operator": "gt", "property": "threshold", "values": ["80"]},
                    {"operator": "in", "property": "node_type", "values": ["48"]},
                ],
            },
            "properties": props("sub_tenant_id", "site_name", "bandwidth_consumed", "unit"),
        },
        properties=("bandwidth_consumed", "site_name", "sub_tenant_id", "unit"),
        filter_properties={
            **TIME_FILTER_PROPERTIES,
            "node_type": ("in",),
            "threshold": ("gt",),
        },
        time_fields=dict(DATA_TIME_FIELDS),
        time_filter_property="event_time",
        response_shape="list",
        tenant_id_fields=("sub_tenant_id",),
    ),
    Operation(
        name="connectivity.unique_users",
        family="connectivity",
        summary="List unique GP users",
        method="POST",
        path=BASE_PATH + "/serviceConnectivity/uniqueUsers",
        operation_id="post-mt-monitor-v1-agg-serviceconnectivity-uniqueusers",
        agg_by=True,
        region_header=True,
        # RequestBody_UniqueUsers has only `properties`: no filter, so no rules or time range.
        body_schema="RequestBody_UniqueUsers",
        # The official "Unique Users GP" example, grouped by tenant.
        default_body={"properties": props("sub_tenant_id", "user_count")},
        properties=("sub_tenant_id", "user_count"),
        response_shape="list",
        tenant_id_fields=("sub_tenant_id",),
    ),
)
