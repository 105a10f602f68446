# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.prisma_sase.mt_monitor.plugins.lookup.tenants import select_tenants

TENANTS = [
    {"tsg_id": "1000000001", "cdl_tenant_id": "901", "parent_tsg_id": None,
     "regions": ["us01"], "region_headers": ["americas"], "license_type": "SASE"},
    {"tsg_id": "1000000002", "cdl_tenant_id": "902", "parent_tsg_id": "1000000001",
     "regions": ["eu01"], "region_headers": ["europe"], "license_type": "PA_ONLY"},
    {"tsg_id": "1000000003", "cdl_tenant_id": "903", "parent_tsg_id": "1000000002",
     "regions": ["eu01", "us01"], "region_headers": ["europe", "americas"],
     "license_type": "sase"},
]


def ids(tenants):
    return [tenant["tsg_id"] for tenant in tenants]


def test_no_filter_returns_all() -> None:
    assert ids(select_tenants(TENANTS)) == ["1000000001", "1000000002", "1000000003"]


def test_auto_region_is_no_filter() -> None:
    assert len(select_tenants(TENANTS, regions=["auto"])) == 3


def test_region_header_filter() -> None:
    assert ids(select_tenants(TENANTS, regions=["europe"])) == ["1000000002", "1000000003"]


def test_region_code_filter() -> None:
    assert ids(select_tenants(TENANTS, regions=["us01"])) == ["1000000001", "1000000003"]


def test_license_filter_ignores_case() -> None:
    assert ids(select_tenants(TENANTS, license_types=["SASE"])) == ["1000000001", "1000000003"]


def test_parent_filter_direct_children() -> None:
    assert ids(select_tenants(TENANTS, parent="1000000001")) == ["1000000002"]


def test_ids_by_tsg_or_cdl() -> None:
    assert ids(select_tenants(TENANTS, ids=["903", "1000000001"])) == ["1000000001", "1000000003"]


def test_unknown_id_selects_nothing() -> None:
    assert select_tenants(TENANTS, ids=["1999999999"]) == []


def test_results_are_copies() -> None:
    selected = select_tenants(TENANTS)
    selected[0]["regions"].append("x")
    assert TENANTS[0]["regions"] == ["us01"]
