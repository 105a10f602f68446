# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Catalog entries of the Application Monitor family (module app_monitor_info).

The three GET operations take neither agg_by nor the region header, and wrap their rows as
``{"data": [...], "header": {...}}``.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._catalog_model import (
    BASE_PATH,
    Operation,
)

# NOTE: the spec states no unit for start_time and end_time. Seconds is an inference from the
# nodeTrend example, whose event_time values are epoch seconds.
_QUERY_TIME_FIELDS = {"start_time": "s", "end_time": "s", "createdAt": "datetime"}

# NOTE: the spec lists accepted time_period values (15m, 1h, 3h, 24h, 7d, 30d) only for license
# utilization; the same vocabulary is assumed here.
_DEFAULT_QUERY = {"time_period": "7d"}

OPERATIONS = (
    Operation(
        name="app_monitor.applications",
        family="app_monitor",
        summary="Get Application details with experience trend",
        method="GET",
        path=BASE_PATH + "/custom/appMonitor/applications",
        operation_id="get-mt-monitor-v1-agg-custom-appmonitor-applications",
        agg_by=False,
        region_header=False,
        query_params=("details", "end_time", "start_time", "time_period"),
        properties=("appName", "dataUsage", "mu", "rn", "sessions"),
        time_fields=dict(_QUERY_TIME_FIELDS),
        default_query=dict(_DEFAULT_QUERY),
        response_shape="envelope",
    ),
    Operation(
        name="app_monitor.node_trend",
        family="app_monitor",
        summary="Get Application Monitor experience trend",
        method="GET",
        path=BASE_PATH + "/custom/appMonitor/nodeTrend",
        operation_id="get-mt-monitor-v1-agg-custom-appmonitor-nodetrend",
        agg_by=False,
        region_header=False,
        query_params=("app", "compare", "end_time", "nodeType", "start_time", "time_period"),
        properties=("app_score", "event_time", "mu_exp_score", "rn_exp_score"),
        time_fields={**_QUERY_TIME_FIELDS, "event_time": "s"},
        default_query=dict(_DEFAULT_QUERY),
        response_shape="envelope",
    ),
    Operation(
        name="app_monitor.tenants",
        family="app_monitor",
        summary="Get child tenant information",
        method="GET",
        path=BASE_PATH + "/custom/appMonitor/tenants",
        operation_id="get-mt-monitor-v1-agg-custom-appmonitor-tenants",
        agg_by=False,
        region_header=False,
        query_params=("end_time", "start_time", "time_period"),
        properties=(
            "mu_exp_score",
            "rn_exp_score",
            "total_app_usage",
            "total_sessions",
            "tsg_id",
            "unique_app_count",
        ),
        time_fields=dict(_QUERY_TIME_FIELDS),
        default_query=dict(_DEFAULT_QUERY),
        response_shape="envelope",
        tenant_id_fields=("tsg_id",),
    ),
)
