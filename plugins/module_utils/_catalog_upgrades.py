# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Catalog entry of the upgrades family (module upgrade_info)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._catalog_model import (
    BASE_PATH,
    Operation,
    props,
)

OPERATIONS = (
    Operation(
        name="upgrades.list",
        family="upgrades",
        summary="List upgrades",
        method="POST",
        path=BASE_PATH + "/upgrades/list",
        operation_id="post-mt-monitor-v1-agg-upgrades-list",
        agg_by=True,
        region_header=True,
        body_schema="RequestBody_UpgradesList",
        # The official "Upgrade List" example requests the property list of filters.md (the
        # spec's UpgradeListProperty still lists the older amiversion names). It requests
        # upgrade_ts twice, so the default requests it once. The example's date window is a
        # fixed day in 2023, written as nested arrays ([["2023-05-01T01:00:00.000Z"]]) although
        # rule `values` is an array of strings. A static body cannot express "the last 7 days"
        # as ISO dates, so the default sends no date rule, and
        # `time_range={"from": ..., "to": ...}` adds the window.
        default_body={
            "filter": {"operator": "AND", "rules": []},
            "properties": props(
                "tenant_id",
                "sub_tenant_id",
                "current_version",
                "candidate_release_list",
                "customer_onboarded_locations",
                "upgrade_ts",
                "time_window",
                "compute_timezone",
                "upgrade_type",
                "upgrade_version",
                "status",
            ),
        },
        properties=(
            "amiversion",
            "candidate_release_list",
            "compute_timezone",
            "current_software_version",
            "current_version",
            "customer_onboarded_locations",
            "error",
            "last_upgrade_date",
            "next_upgrade_scheduled",
            "next_upgrade_scheduled_str",
            "status",
            "sub_tenant_id",
            "tenant_id",
            "time_window",
            "upgrade_ts",
            "upgrade_type",
            "upgrade_version",
        ),
        filter_properties={"start_date": ("equals",), "end_date": ("equals",)},
        # filters.md describes upgrade_ts as epoch milliseconds ("1647241200000").
        time_fields={"start_date": "iso", "end_date": "iso", "upgrade_ts": "ms"},
        time_filter_property="start_date",
        time_filter_end_property="end_date",
        # The array contains single-key objects that together form one record
        # ([{"tenant_id": ...}, {"sub_tenant_id": ...}, ...]).
        response_shape="single_key_list",
        tenant_id_fields=("tenant_id", "sub_tenant_id"),
    ),
)
