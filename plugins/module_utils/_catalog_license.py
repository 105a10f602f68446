# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Catalog entries of the license family (module license_info).

The spec gives these GET operations a single-object response schema and no example, while
their descriptions call the result an aggregated list; the response code accepts both.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._catalog_model import (
    BASE_PATH,
    TIME_PERIODS,
    Operation,
)

OPERATIONS = (
    Operation(
        name="license.quota",
        family="license",
        summary="List license quota",
        method="GET",
        path=BASE_PATH + "/custom/license/quota",
        operation_id="get-mt-monitor-v1-agg-custom-license-quota",
        agg_by=True,
        region_header=True,
        # LicenseQuota and its nested LicenseDetails and Support schemas. `panorma_tenant_region`
        # is the spec's own spelling of a required field.
        properties=(
            "cdl_tenant_id",
            "cdl_tenant_region",
            "expiry_ts",
            "fawkes_tenant_id",
            "fawkes_tenant_region",
            "issue_ts",
            "licenseDetails",
            "license_allocated_unit",
            "license_units",
            "pa_tenant_id",
            "pa_tenant_region",
            "panorama_tenant_id",
            "panorma_tenant_region",
            "sku",
            "sub_tenant_id",
            "support",
            "tsg_id",
        ),
        # NOTE: the spec says only "timestamp in UTC" for these int64 fields; milliseconds
        # matches every other epoch field of the data operations.
        time_fields={"expiry_ts": "ms", "issue_ts": "ms"},
        response_shape="object",
        tenant_id_fields=("tsg_id", "sub_tenant_id"),
    ),
    Operation(
        name="license.setup_status",
        family="license",
        summary="List license service setup status",
        method="GET",
        path=BASE_PATH + "/custom/license/setup/status",
        operation_id="get-mt-monitor-v1-agg-custom-license-setup-status",
        agg_by=True,
        region_header=True,
        properties=("cdl_tenant_id", "operational_status", "service_setup_status", "tsg_id"),
        response_shape="object",
        tenant_id_fields=("tsg_id", "cdl_tenant_id"),
    ),
    Operation(
        name="license.utilization",
        family="license",
        summary="List license utilization",
        method="GET",
        path=BASE_PATH + "/custom/license/utilization",
        operation_id="get-mt-monitor-v1-agg-custom-license-utilization",
        agg_by=True,
        region_header=True,
        query_params=("end_time", "start_time", "product_type", "threshold", "time_period"),
        properties=(
            "license_unit",
            "license_units",
            "license_units_used",
            "license_used_unit",
            "product_type",
            "sub_tenant_id",
            "utilization_percentage",
        ),
        # NOTE: the spec states no unit for start_time and end_time (its examples 123456789 and
        # 98765432 are placeholders); milliseconds is assumed as for the data operations.
        time_fields={"start_time": "ms", "end_time": "ms"},
        default_query={"time_period": "7d"},
        # `product_type=MU,RN` in one call was reported to fail with a 5xx, so each product
        # type gets its own call.
        query_variants=({"product_type": "MU"}, {"product_type": "RN"}),
        query_choices={
            "product_type": ("MU", "RN", "MU,RN"),
            "time_period": tuple(TIME_PERIODS.values()),
        },
        response_shape="object",
        tenant_id_fields=("sub_tenant_id",),
    ),
)
