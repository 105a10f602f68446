# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Catalog entries of the locations family (module location_info)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._catalog_model import (
    BASE_PATH,
    DATA_TIME_FIELDS,
    TIME_FILTER_PROPERTIES,
    Operation,
    time_rule,
)

# ResourceProperty, plus the names that the location examples request and filter on.
_PROPERTIES = (
    "alert_id",
    "compute_location",
    "connection_state",
    "edge_location_display_name",
    "gpuser_name",
    "node_count",
    "node_type",
    "severity",
    "sub_tenant_id",
)

_FILTER_PROPERTIES = {
    **TIME_FILTER_PROPERTIES,
    "connection_state": ("in",),
    "edge_location_display_name": ("in",),
    "node_type": ("equals", "in"),
    "url_category_value": ("in",),
}

OPERATIONS = (
    Operation(
        name="locations.list",
        family="locations",
        summary="Get Location List",
        method="GET",
        path=BASE_PATH + "/location/list",
        operation_id="get-mt-monitor-v1-agg-location-list",
        agg_by=False,
        region_header=True,
        properties=("cloudRegionName", "latitude", "locationName", "longitude"),
        response_shape="list",
    ),
    Operation(
        name="locations.tenants",
        family="locations",
        summary="Get number of tenants at location",
        method="POST",
        path=BASE_PATH + "/locationsTenants",
        operation_id="post-mt-monitor-v1-agg-locationstenants",
        agg_by=True,
        region_header=True,
        body_schema="RequestBody_Resource",
        # The official "Tenant Count at Location" example puts the aggregate under `operator`
        # inside the property item. Every other example, and each property schema that declares
        # an aggregate, calls it `function`, so the default does too. The default drops the
        # example's filter on the placeholder location "US Central" and looks back 7 days
        # instead of 1 hour. This operation counts tenants, so it has no per-tenant rows.
        default_body={
            "filter": {"operator": "AND", "rules": [time_rule("event_time")]},
            "properties": [
                {
                    "property": "sub_tenant_id",
                    "function": "distinct_count",
                    "alias": "unique_tenant_count",
                },
            ],
        },
        properties=_PROPERTIES,
        filter_properties=dict(_FILTER_PROPERTIES),
        time_fields=dict(DATA_TIME_FIELDS),
        time_filter_property="event_time",
        response_shape="list",
    ),
    Operation(
        name="locations.users",
        family="locations",
        summary="Get number of users at location(s)",
        method="POST",
        path=BASE_PATH + "/locationsUsers",
        operation_id="post-mt-monitor-v1-agg-locationsusers",
        agg_by=True,
        region_header=True,
        body_schema="RequestBody_Resource",
        # The official "User Count across Locations" example, grouped by tenant as well, over
        # 7 days instead of 90. The example nests the connection states in a second array
        # ([["CONNECTED", "CONNECT_CONTINUE"]]) and sends node_type as the number 49, but rule
        # `values` is an array of strings. It also names the aggregate `operator` instead of
        # `function`.
        default_body={
            "filter": {
                "operator": "AND",
                "rules": [
                    time_rule("event_time"),
                    {
                        "operator": "in",
                        "property": "connection_state",
                        "values": ["CONNECTED", "CONNECT_CONTINUE"],
                    },
                    {"operator": "equals", "property": "node_type", "values": ["49"]},
                ],
            },
            "properties": [
                {"property": "sub_tenant_id"},
                {"property": "compute_location"},
                {
                    "property": "gpuser_name",
                    "function": "distinct_count",
                    "alias": "unique_user_count",
                },
            ],
        },
        properties=_PROPERTIES,
        filter_properties=dict(_FILTER_PROPERTIES),
        time_fields=dict(DATA_TIME_FIELDS),
        time_filter_property="event_time",
        response_shape="list",
        tenant_id_fields=("sub_tenant_id",),
    ),
)
