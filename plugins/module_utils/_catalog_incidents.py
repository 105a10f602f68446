# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Catalog entries of the incidents family (module incident_info).

All five operations share the spec's RequestBody_Incidents. Corrections common to the official
examples: three of them leave out `filter.operator`, which the spec requires ("Always set to
AND"), and they filter `status` with `equals` where the spec's IncidentRule documents `in`.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._catalog_model import (
    BASE_PATH,
    TIME_FILTER_PROPERTIES,
    TIME_OPERATORS,
    Operation,
    external_domain_rule,
    props,
    time_rule,
)

_SEVERITIES = ("Critical", "Warning")

# IncidentProperty, plus the names that the list example requests and returns.
_PROPERTIES = (
    "category",
    "clear_reason",
    "cleared_time",
    "code",
    "created_time",
    "critical_count",
    "domain",
    "incident_id",
    "raised_time",
    "severity",
    "status",
    "sub_category",
    "sub_tenant_id",
    "title",
    "total_count",
    "updated_time",
    "warning_count",
)

_FILTER_PROPERTIES = {
    **TIME_FILTER_PROPERTIES,
    "cleared_time": TIME_OPERATORS,
    "raised_time": TIME_OPERATORS,
    "status": ("in", "equals"),
    "severity": ("in", "equals"),
    "domain": ("in",),
    "incident_id": ("in",),
}

# NOTE: the examples give created_time, updated_time and histogram_time as placeholder numbers
# without a unit; milliseconds matches the other data operations.
_INCIDENT_TIME_FIELDS = {
    "cleared_time": "ms",
    "created_time": "ms",
    "event_time": "ms",
    "histogram_time": "ms",
    "raised_time": "ms",
    "update_time": "ms",
    "updated_time": "ms",
}

_RAISED = {"operator": "in", "property": "status", "values": ["Raised"]}
_SEVERITY_RULE = {"operator": "in", "property": "severity", "values": list(_SEVERITIES)}


def _open_incidents_filter() -> dict:
    """Build the filter of raised external incidents of both severities over 7 days."""
    return {
        "operator": "AND",
        "rules": [
            time_rule("raised_time"),
            dict(_RAISED),
            dict(_SEVERITY_RULE),
            external_domain_rule(),
        ],
    }


def _incident_operation(**fields) -> Operation:
    return Operation(
        family="incidents",
        method="POST",
        agg_by=True,
        region_header=True,
        body_schema="RequestBody_Incidents",
        properties=_PROPERTIES,
        filter_properties=dict(_FILTER_PROPERTIES),
        time_fields=dict(_INCIDENT_TIME_FIELDS),
        severity_values=_SEVERITIES,
        response_shape="list",
        tenant_id_fields=("sub_tenant_id",),
        **fields,
    )


OPERATIONS = (
    _incident_operation(
        name="incidents.count",
        summary="Get incident count by severity",
        path=BASE_PATH + "/incidents/count",
        operation_id="post-mt-monitor-v1-agg-incidents-count",
        # The official "Incidents Count By Severity" example, per tenant (sub_tenant_id added)
        # over 7 days instead of 1.
        default_body={
            "filter": _open_incidents_filter(),
            "properties": props("sub_tenant_id", "total_count", "critical_count", "warning_count"),
        },
        time_filter_property="raised_time",
    ),
    _incident_operation(
        name="incidents.impacted_list",
        summary="Get list of impacted objects",
        path=BASE_PATH + "/incidents/impactedList",
        operation_id="post-mt-monitor-v1-agg-incidents-impactedlist",
        # The official example filters on one placeholder incident_id and sends no
        # `properties`, which the schema requires. The default keeps its time rule and sends an
        # empty property list; callers add `incident_id in [...]` through a raw filter.
        default_body={
            "filter": {"operator": "AND", "rules": [time_rule("event_time")]},
            "properties": [],
        },
        time_filter_property="event_time",
    ),
    _incident_operation(
        name="incidents.list",
        summary="Get list of incidents",
        path=BASE_PATH + "/incidents/list",
        operation_id="post-mt-monitor-v1-agg-incidents-list",
        # The official "List Of Incidents" example over 7 days instead of 1, plus raised_time
        # and cleared_time from IncidentProperty. The response spells sub_category as
        # `sub-category`.
        default_body={
            "filter": {
                "operator": "AND",
                "rules": [time_rule("updated_time"), external_domain_rule()],
            },
            "properties": props(
                "incident_id",
                "title",
                "sub_tenant_id",
                "severity",
                "category",
                "sub_category",
                "status",
                "created_time",
                "updated_time",
                "raised_time",
                "cleared_time",
                "code",
                "clear_reason",
            ),
        },
        time_filter_property="updated_time",
    ),
    _incident_operation(
        name="incidents.tenants",
        summary="Get top tenants by incidents count",
        path=BASE_PATH + "/incidents/tenants",
        operation_id="post-mt-monitor-v1-agg-incidents-tenants",
        # The official "Top Tenants By Incidents" example without its top-5 `count`, which
        # would drop every other tenant, over 7 days instead of 1.
        default_body={
            "filter": _open_incidents_filter(),
            "properties": props("sub_tenant_id", "total_count", "critical_count", "warning_count"),
        },
        time_filter_property="raised_time",
    ),
    _incident_operation(
        name="incidents.trends",
        summary="Get incident trends(open critical, open warning, closed incidents)",
        path=BASE_PATH + "/incidents/trends",
        operation_id="post-mt-monitor-v1-agg-incidents-trends",
        # The official "Open Critical Incidents Histogram" example over 7 days in daily buckets
        # instead of 1 hour in 5-minute buckets, for both severities, with the `properties`
        # list that the schema requires (empty: the response carries count and
        # histogram_time without it).
        default_body={
            "filter": _open_incidents_filter(),
            "histogram": {
                "enableEmptyInterval": True,
                "property": "raised_time",
                "range": "day",
                "value": "1",
            },
            "properties": [],
        },
        time_filter_property="raised_time",
    ),
)
