# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from typing import Any, Dict, List

import pytest

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._errors import (
    InvalidInputError,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._tenant_view import (
    build_tree,
    find_tenant,
    region_headers_of,
    select_tenants,
    unmatched_license_warnings,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._tenants import (
    TenantIndex,
    flatten_hierarchy,
)

HIERARCHY = {
    "id": "1000000001",
    "display_name": "Root",
    "cdlTenantId": "2000000001",
    "tenantLicenseType": "SASE",
    "region": ["us01"],
    "children": [
        {
            "id": "1000000002",
            "display_name": "Acme",
            "cdlTenantId": "2000000002",
            "tenantLicenseType": "PA_ONLY",
            "region": ["eu01"],
            "children": [
                {
                    "id": "1000000004",
                    "display_name": "Acme Labs",
                    "cdlTenantId": "2000000004",
                    "tenantLicenseType": "SASE",
                    "region": ["jp01"],
                },
            ],
        },
        {
            "id": "1000000003",
            "display_name": "Twin",
            "cdlTenantId": "2000000003",
            "tenantLicenseType": "SASE",
            "region": ["us01", "eu01"],
        },
        {
            "id": "1000000005",
            "display_name": "twin",
            "cdlTenantId": "2000000005",
            "tenantLicenseType": "SASE",
            "region": ["uk01"],
        },
    ],
}


def tenants() -> List[Dict[str, Any]]:
    return flatten_hierarchy(HIERARCHY)


def ids(items: List[Dict[str, Any]]) -> List[str]:
    return [item["tsg_id"] for item in items]


@pytest.mark.parametrize("wanted", ["1000000002", "2000000002", "acme", " Acme "])
def test_find_by_any_id_or_name(wanted: str) -> None:
    assert find_tenant(TenantIndex(tenants()), wanted)["tsg_id"] == "1000000002"


def test_find_shared_name_rejected() -> None:
    with pytest.raises(InvalidInputError) as caught:
        find_tenant(TenantIndex(tenants()), "TWIN")
    assert "1000000003" in caught.value.message
    assert "1000000005" in caught.value.message


def test_find_unknown_tenant_rejected() -> None:
    with pytest.raises(InvalidInputError) as caught:
        find_tenant(TenantIndex(tenants()), "Nobody")
    assert "'Nobody'" in caught.value.message
    assert "5 tenants" in caught.value.message


def test_select_everything_by_default() -> None:
    assert ids(select_tenants(tenants())) == ids(tenants())


def test_select_subtree_by_name() -> None:
    assert ids(select_tenants(tenants(), tenant="Acme")) == ["1000000002", "1000000004"]


def test_select_max_depth_from_root() -> None:
    selected = select_tenants(tenants(), max_depth=1)
    assert "1000000004" not in ids(selected)
    assert len(selected) == 4


def test_select_max_depth_zero_in_subtree() -> None:
    assert ids(select_tenants(tenants(), tenant="1000000002", max_depth=0)) == ["1000000002"]


def test_select_negative_depth_rejected() -> None:
    with pytest.raises(InvalidInputError):
        select_tenants(tenants(), max_depth=-1)


def test_select_license_type_any_case() -> None:
    assert ids(select_tenants(tenants(), license_types=["pa_only"])) == ["1000000002"]


def test_unknown_license_type_warns() -> None:
    warnings = unmatched_license_warnings(tenants(), ["pa_only", "FWaaS"])

    assert len(warnings) == 1
    assert "license_type 'FWaaS' matches no tenant" in warnings[0]
    assert "license types in the hierarchy: PA_ONLY, SASE" in warnings[0]
    assert "PA_ONLY, SDWAN_ONLY, SASE, PA_SDWAN" in warnings[0]


def test_known_license_types_no_warning() -> None:
    assert unmatched_license_warnings(tenants(), ["sase", "PA_ONLY"]) == []
    assert unmatched_license_warnings(tenants(), None) == []


@pytest.mark.parametrize("region", ["europe", "eu01", "EUROPE"])
def test_select_region_by_header_or_code(region: str) -> None:
    assert ids(select_tenants(tenants(), regions=[region])) == ["1000000002", "1000000003"]


def test_select_returns_copies() -> None:
    source = tenants()
    selected = select_tenants(source)
    selected[0]["display_name"] = "changed"
    assert source[0]["display_name"] == "Root"


def test_tree_nests_children() -> None:
    tree = build_tree(tenants())
    assert len(tree) == 1
    root = tree[0]
    assert ids(root["children"]) == ["1000000002", "1000000003", "1000000005"]
    assert ids(root["children"][0]["children"]) == ["1000000004"]
    assert root["children"][0]["children"][0]["children"] == []
    assert root["children"][0]["path"] == ["Root", "Acme"]


def test_tree_orphan_becomes_top_level() -> None:
    selected = select_tenants(tenants(), license_types=["SASE"])
    tree = build_tree(selected)
    assert ids(tree) == ["1000000001", "1000000004"]


def test_region_headers_first_seen_order() -> None:
    assert region_headers_of(tenants()) == ["americas", "europe", "jp", "uk"]
