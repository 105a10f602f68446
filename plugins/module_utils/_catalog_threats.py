# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Catalog entries of the threats family (module threat_info)."""

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

# The severity values that the threat rule schemas list, in the API's capitalisation.
_SEVERITIES = ("Critical", "High", "Medium")

# The per-tenant summary counts: ThreatSummaryProperty and ThreatProperty, plus what the
# summary examples request.
_SUMMARY_PROPERTIES = (
    "blocked_count",
    "malicious_count",
    "sub_tenant_id",
    "total_threats",
    "unblocked_count",
    "unknown_count",
    "wildfire_verdict",
)


def _severity_rule(*values: str) -> dict:
    return {"operator": "in", "property": "severity", "values": list(values)}


OPERATIONS = (
    Operation(
        name="threats.count",
        family="threats",
        summary="List threat count",
        method="POST",
        path=BASE_PATH + "/threats",
        operation_id="post-mt-monitor-v1-agg-threats",
        agg_by=True,
        region_header=True,
        body_schema="RequestBody_Resource",
        # The official examples group by rule, user or threat type; grouping by sub_tenant_id
        # with the "Threats Trend" sum of threat_count gives one row per tenant.
        default_body={
            "filter": {
                "operator": "AND",
                "rules": [time_rule("event_time"), _severity_rule(*_SEVERITIES)],
            },
            "properties": [
                {"property": "sub_tenant_id"},
                {"property": "threat_count", "function": "sum", "alias": "threat_count"},
            ],
        },
        properties=(
            "alert_id",
            "node_count",
            "node_type",
            "rule_matched",
            "severity",
            "source_user",
            "source_user_info_name",
            "sub_tenant_id",
            "threat_count",
            "threat_id",
            "threat_sub_type",
        ),
        filter_properties={
            **TIME_FILTER_PROPERTIES,
            "rule_matched": PRESENCE_OPERATORS,
            "severity": ("in",),
            "source_user": PRESENCE_OPERATORS,
            "threat_sub_type": PRESENCE_OPERATORS,
            "url_category_value": ("in",),
        },
        time_fields=dict(DATA_TIME_FIELDS),
        time_filter_property="event_time",
        severity_values=_SEVERITIES,
        response_shape="list",
        tenant_id_fields=("sub_tenant_id",),
    ),
    Operation(
        name="threats.list",
        family="threats",
        summary="List threats",
        method="POST",
        path=BASE_PATH + "/threats/list",
        operation_id="post-mt-monitor-v1-agg-threats-list",
        agg_by=True,
        region_header=True,
        body_schema="RequestBody_Threat",
        # The official "Threat List" example uses the payload that the spec adopted in November
        # 2023 (`severity in [...]` and per-tenant counts). filters.md still shows the older
        # one (`threat_severity equals critical`, threat_id and url_count properties). The
        # example has no time rule, so the default adds the 7-day window.
        default_body={
            "filter": {
                "operator": "AND",
                "rules": [_severity_rule(*_SEVERITIES), time_rule("event_time")],
            },
            "properties": props(
                "sub_tenant_id",
                "total_threats",
                "blocked_count",
                "unblocked_count",
                "malicious_count",
                "unknown_count",
            ),
        },
        properties=(
            "blocked_count",
            "malicious_count",
            "sub_tenant_id",
            "tenant_id",
            "tenant_name",
            "threat_count",
            "threat_id",
            "threat_severity",
            "threat_severity_count",
            "total_threats",
            "unblocked_count",
            "unknown_count",
            "url_count",
            "url_type",
        ),
        filter_properties={
            **TIME_FILTER_PROPERTIES,
            "severity": ("in",),
            "threat_severity": ("equals",),
        },
        time_fields=dict(DATA_TIME_FIELDS),
        time_filter_property="event_time",
        severity_values=_SEVERITIES,
        response_shape="list",
        tenant_id_fields=("sub_tenant_id", "tenant_id"),
    ),
    Operation(
        name="threats.source",
        family="threats",
        summary="List threats by source",
        method="POST",
        path=BASE_PATH + "/threats/source",
        operation_id="post-mt-monitor-v1-agg-threats-source",
        agg_by=True,
        region_header=True,
        body_schema="RequestBody_ThreatSrc",
        # The official "Threat Count by Source per Tenant" example. ThreatSrcRule names the
        # rule property `threat_severity`, but this example, filters.md's own example and every
        # other threat rule use `severity`, so the default keeps `severity`. ThreatSrcProperty
        # is a copy of the application list (total_app_*); the example's total_* names are the
        # threat counts.
        default_body={
            "filter": {
                "operator": "AND",
                "rules": [_severity_rule(*_SEVERITIES), time_rule("event_time")],
            },
            "properties": props(
                "sub_tenant_id",
                "total_threats",
                "total_remote_network",
                "total_mobile_users",
                "total_proxy_nodes",
            ),
        },
        properties=(
            "sub_tenant_id",
            "total_app_count",
            "total_app_mobile_users",
            "total_app_proxy_nodes",
            "total_app_remote_network",
            "total_mobile_users",
            "total_proxy_nodes",
            "total_remote_network",
            "total_threats",
        ),
        filter_properties={
            **TIME_FILTER_PROPERTIES,
            "severity": ("in",),
            "threat_severity": ("in",),
        },
        time_fields=dict(DATA_TIME_FIELDS),
        time_filter_property="event_time",
        severity_values=_SEVERITIES,
        response_shape="list",
        tenant_id_fields=("sub_tenant_id",),
    ),
    Operation(
        name="threats.summary",
        family="threats",
        summary="List threat summary",
        method="POST",
        path=BASE_PATH + "/threats/summary",
        operation_id="post-mt-monitor-v1-agg-threats-summary",
        agg_by=True,
        region_header=True,
        body_schema="RequestBody_ThreatSummary",
        # The official "Threat Summary" example over 7 days instead of 30, for critical and high
        # threats only (the example adds medium). Callers split critical from high with
        # `severity=["critical"]` and `severity=["high"]`.
        default_body={
            "filter": {
                "operator": "AND",
                "rules": [time_rule("event_time"), _severity_rule("Critical", "High")],
            },
            "properties": props(
                "sub_tenant_id",
                "total_threats",
                "blocked_count",
                "unblocked_count",
                "malicious_count",
                "unknown_count",
            ),
        },
        properties=_SUMMARY_PROPERTIES,
        rules=("blocked", "unblocked"),
        filter_properties={**TIME_FILTER_PROPERTIES, "severity": ("in",)},
        time_fields=dict(DATA_TIME_FIELDS),
        time_filter_property="event_time",
        severity_values=_SEVERITIES,
        response_shape="list",
        tenant_id_fields=("sub_tenant_id",),
    ),
)
