# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Catalog entries of the applications family (module application_info)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._catalog_model import (
    BASE_PATH,
    DATA_TIME_FIELDS,
    PRESENCE_OPERATORS,
    TIME_FILTER_PROPERTIES,
    Operation,
    props,
    time_rule,
)

# Property names of the application summaries: the spec's AppSummaryProperty and
# AppSrcProperty lists plus the names their examples request.
_APP_TOTALS = (
    "blocked_app_count",
    "risk_of_app_count",
    "sub_tenant_id",
    "total_app_count",
    "total_app_mobile_users",
    "total_app_proxy_nodes",
    "total_app_remote_network",
    "unblocked_app_count",
)

OPERATIONS = (
    Operation(
        name="applications.usage",
        family="applications",
        summary="List application usage by type",
        method="POST",
        path=BASE_PATH + "/applicationUsage",
        operation_id="post-mt-monitor-v1-agg-applicationusage",
        agg_by=True,
        region_header=True,
        body_schema="RequestBody_Resource",
        # The official examples group by app or category across tenants; grouping by
        # sub_tenant_id with the same sum of total_bytes gives one row per tenant.
        default_body={
            "filter": {"operator": "AND", "rules": [time_rule("event_time")]},
            "properties": [
                {"property": "sub_tenant_id"},
                {"property": "total_bytes", "function": "sum", "alias": "total_bytes_usage"},
            ],
        },
        properties=(
            "alert_id",
            "app",
            "app_sub_category",
            "node_count",
            "node_type",
            "severity",
            "sub_tenant_id",
            "total_bytes",
        ),
        rules=("app_risky",),
        filter_properties={
            **TIME_FILTER_PROPERTIES,
            "app": PRESENCE_OPERATORS,
            "app_sub_category": PRESENCE_OPERATORS,
            "url_category_value": ("in",),
        },
        time_fields=dict(DATA_TIME_FIELDS),
        time_filter_property="event_time",
        response_shape="list",
        tenant_id_fields=("sub_tenant_id",),
    ),
    Operation(
        name="applications.count",
        family="applications",
        summary="List application count",
        method="POST",
        path=BASE_PATH + "/applications",
        operation_id="post-mt-monitor-v1-agg-applications",
        agg_by=True,
        region_header=True,
        body_schema="RequestBody_Resource",
        # The official "Security Rules and Risky Apps" example without its top-4 `count` and
        # its per-rule grouping, so that every tenant gets one row of risky applications.
        default_body={
            "filter": {"operator": "AND", "rules": [{"rule": "app_risky"}, time_rule("event_time")]},
            "properties": [
                {"property": "sub_tenant_id"},
                {"property": "app_count", "function": "sum", "alias": "app_count"},
            ],
        },
        properties=(
            "alert_id",
            "app_category",
            "app_count",
            "node_count",
            "node_type",
            "rule_matched",
            "session_id",
            "severity",
            "source_user_info_name",
            "sub_tenant_id",
        ),
        rules=("app_risky", "unblocked"),
        filter_properties={
            **TIME_FILTER_PROPERTIES,
            "app_category": PRESENCE_OPERATORS,
            "rule_matched": PRESENCE_OPERATORS,
            "source_user_info_name": PRESENCE_OPERATORS,
            "url_category_value": ("in",),
        },
        time_fields=dict(DATA_TIME_FIELDS),
        time_filter_property="event_time",
        response_shape="list",
        tenant_id_fields=("sub_tenant_id",),
    ),
    Operation(
        name="applications.list",
        family="applications",
        summary="List applications",
        method="POST",
        path=BASE_PATH + "/applications/list",
        operation_id="post-mt-monitor-v1-agg-applications-list",
        agg_by=True,
        region_header=True,
        body_schema="RequestBody_Application",
        # The official "Applications List" example. Its three counts are in neither the spec's
        # ApplicationProperty list nor filters.md, but they are what the example returns.
        default_body={
            "filter": {"operator": "AND", "rules": [time_rule("event_time")]},
            "properties": props(
                "sub_tenant_id", "unique_total_apps", "risk_of_app_count", "blocked_app_count"
            ),
        },
        properties=(
            "app",
            "app_count",
            "blocked_app_count",
            "risk_of_app_count",
            "sub_tenant_id",
            "tenant_id",
            "tenant_name",
            "unique_app_count",
            "unique_total_apps",
        ),
        rules=("app_risky", "blocked"),
        filter_properties=dict(TIME_FILTER_PROPERTIES),
        time_fields=dict(DATA_TIME_FIELDS),
        time_filter_property="event_time",
        response_shape="list",
        tenant_id_fields=("sub_tenant_id", "tenant_id"),
    ),
    Operation(
        name="applications.source",
        family="applications",
        summary="List applications by source",
        method="POST",
        path=BASE_PATH + "/applications/source",
        operation_id="post-mt-monitor-v1-agg-applications-source",
        agg_by=True,
        region_header=True,
        body_schema="RequestBody_AppSrc",
        # The official "Risky Application Count by Source per Tenant" example.
        default_body={
            "filter": {"operator": "AND", "rules": [time_rule("event_time")]},
            "properties": props(
                "sub_tenant_id",
                "total_app_count",
                "total_app_remote_network",
                "total_app_mobile_users",
                "total_app_proxy_nodes",
            ),
        },
        properties=_APP_TOTALS,
        rules=("app_risky",),
        filter_properties=dict(TIME_FILTER_PROPERTIES),
        time_fields=dict(DATA_TIME_FIELDS),
        time_filter_property="event_time",
        response_shape="list",
        tenant_id_fields=("sub_tenant_id",),
    ),
    Operation(
        name="applications.summary",
        family="applications",
        summary="List app summary",
        method="POST",
        path=BASE_PATH + "/applications/summary",
        operation_id="post-mt-monitor-v1-agg-applications-summary",
        agg_by=True,
        region_header=True,
        body_schema="RequestBody_AppSummary",
        # The official "Total Risky Apps Per Tenant" example plus the blocked and unblocked
        # counts of its sibling examples. The response spells those two keys
        # blocked_apps_count and unblocked_apps_count.
        default_body={
            "filter": {"operator": "AND", "rules": [time_rule("event_time")]},
            "properties": props(
                "sub_tenant_id",
                "total_app_count",
                "risk_of_app_count",
                "blocked_app_count",
                "unblocked_app_count",
            ),
        },
        properties=_APP_TOTALS,
        rules=("app_risky",),
        filter_properties=dict(TIME_FILTER_PROPERTIES),
        time_fields=dict(DATA_TIME_FIELDS),
        time_filter_property="event_time",
        response_shape="list",
        tenant_id_fields=("sub_tenant_id",),
    ),
)
