# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Catalog entry of the resource family (module resource_info)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._catalog_model import (
    BASE_PATH,
    TIME_FILTER_PROPERTIES,
    Operation,
)

OPERATIONS = (
    Operation(
        name="resource.count",
        family="resource",
        summary="List network inventory count",
        method="POST",
        path=BASE_PATH + "/resource",
        operation_id="post-mt-monitor-v1-agg-resource",
        agg_by=True,
        region_header=True,
        body_schema="RequestBody_Resource",
        # The official "Network Inventory Count" example, grouped by tenant as well. It sends
        # no `filter`, although RequestBody_Resource requires one. The default sends a filter
        # with no rules, because the inventory is the current state and a time rule would
        # narrow it.
        default_body={
            "filter": {"operator": "AND", "rules": []},
            "properties": [
                {"property": "sub_tenant_id"},
                {"property": "node_type"},
                {"property": "node_type", "function": "count", "alias": "node_count"},
            ],
        },
        properties=("alert_id", "node_count", "node_type", "severity", "sub_tenant_id"),
        filter_properties={**TIME_FILTER_PROPERTIES, "url_category_value": ("in",)},
        time_fields={"event_time": "ms", "update_time": "ms", "updated_time": "ms"},
        time_filter_property="event_time",
        response_shape="list",
        tenant_id_fields=("sub_tenant_id",),
    ),
)
