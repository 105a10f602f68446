# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest
from ansible.errors import AnsibleError

from ansible_collections.prisma_sase.mt_monitor.plugins.lookup.tenants import (
    select_tenants,
    split_region_option,
)

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


@pytest.mark.parametrize(
    "value,headers,filters",
    [
        (None, ["auto"], []),
        (["auto"], ["auto"], ["auto"]),
        (["europe"], ["europe"], ["europe"]),
        (["eu01"], ["auto"], ["eu01"]),
        (["EU01", " Europe "], [" Europe "], ["eu01", "europe"]),
        ("us01,americas", ["americas"], ["us01", "americas"]),
        (["ch"], ["ch"], ["ch"]),
    ],
)
def test_region_option_split(value, headers, filters) -> None:
    assert split_region_option(value) == (headers, filters)


@pytest.mark.parametrize("value", ["eu-01", "01", "e", "europe 1", "eu01x"])
def test_region_option_malformed(value) -> None:
    with pytest.raises(AnsibleError) as info:
        split_region_option([value])
    message = str(info.value)
    assert "region %r is neither an X-PANW-Region value" % value in message
    assert "CDL region code such as 'eu01'" in message


def test_region_option_auto_alone() -> None:
    with pytest.raises(AnsibleError, match="'auto' cannot be combined"):
        split_region_option(["auto", "eu01"])


def test_region_code_and_header_match_same() -> None:
    by_code = ids(select_tenants(TENANTS, regions=split_region_option(["eu01"])[1]))
    by_header = ids(select_tenants(TENANTS, regions=split_region_option(["europe"])[1]))
    assert by_code == ["1000000002", "1000000003"]
    assert by_header == by_code
