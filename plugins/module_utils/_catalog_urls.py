# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Catalog entries of the URL family (module url_info)."""

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

OPERATIONS = (
    Operation(
        name="urls.summary",
        family="urls",
        summary="List URL count summary",
        method="POST",
        path=BASE_PATH + "/url/summary",
        operation_id="post-mt-monitor-v1-agg-url-summary",
        agg_by=True,
        region_header=True,
        body_schema="RequestBody_UrlSummary",
        # The official "Risky URL Count By Tenant" and "Blocked Risky URL Count By Tenant"
        # examples merged, without their shared alias `count` so the two counts keep apart.
        default_body={
            "filter": {"operator": "AND", "rules": [time_rule("event_time")]},
            "properties": props("sub_tenant_id", "total_uri", "blocked_uri_count"),
        },
        properties=("blocked_uri_count", "sub_tenant_id", "total_uri", "uri_count"),
        rules=("blocked", "url_high_risk"),
        filter_properties=dict(TIME_FILTER_PROPERTIES),
        time_fields=dict(DATA_TIME_FIELDS),
        time_filter_property="event_time",
        # One official example answers with a bare object ({"count": 10}) when no property
        # groups the rows; grouped by tenant, every example is a list.
        response_shape="list",
        tenant_id_fields=("sub_tenant_id",),
    ),
    Operation(
        name="urls.logs",
        family="urls",
        summary="List top tenants with risky URLs",
        method="POST",
        path=BASE_PATH + "/urlLogs",
        operation_id="post-mt-monitor-v1-agg-urllogs",
        agg_by=True,
        region_header=True,
        body_schema="RequestBody_Resource",
        # The official "Top Tenants with Risky URLs" example, grouped by URL category as well so
        # that each tenant gets one row for high-risk and one for malware, with the sum keyed
        # uri_count instead of the alias `value`.
        default_body={
            "filter": {
                "operator": "AND",
                "rules": [
                    {
                        "operator": "in",
                        "property": "url_category_value",
                        "values": ["high-risk", "malware"],
                    },
                    time_rule("event_time"),
                ],
            },
            "properties": [
                {"property": "sub_tenant_id"},
                {"property": "url_category_value"},
                {"property": "uri_count", "function": "sum", "alias": "uri_count"},
            ],
        },
        properties=(
            "alert_id",
            "node_count",
            "node_type",
            "rule_matched",
            "severity",
            "source_user_info_name",
            "sub_tenant_id",
            "uri_count",
            "url_category_value",
        ),
        rules=("unblocked", "url_high_risk"),
        filter_properties={
            **TIME_FILTER_PROPERTIES,
            "rule_matched": PRESENCE_OPERATORS,
            "severity": ("in",),
            "source_user_info_name": PRESENCE_OPERATORS,
            "url_category_value": ("in",),
        },
        time_fields=dict(DATA_TIME_FIELDS),
        time_filter_property="event_time",
        severity_values=("Critical", "High", "Medium"),
        response_shape="list",
        tenant_id_fields=("sub_tenant_id",),
    ),
)
