# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Catalog entry of the tenant family (module tenant_info)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._catalog_model import (
    BASE_PATH,
    Operation,
)

OPERATIONS = (
    Operation(
        name="tenant.hierarchy",
        family="tenant",
        summary="List tenant hierarchy",
        method="GET",
        path=BASE_PATH + "/custom/tenant/hierarchy",
        operation_id="get-mt-monitor-v1-agg-custom-tenant-hierarchy",
        # The spec declares no parameter at all here: no agg_by and no region header.
        agg_by=False,
        region_header=False,
        # TenantHierarchy: `id` is the TSG id (there is no tsg_id field), `region` lists CDL
        # region codes such as us01, and `children` nests the same object.
        properties=(
            "cdlTenantId",
            "children",
            "display_name",
            "id",
            "license_activated",
            "region",
            "tenantLicenseType",
            "vertical",
        ),
        response_shape="hierarchy",
        tenant_id_fields=("id", "cdlTenantId"),
    ),
)
