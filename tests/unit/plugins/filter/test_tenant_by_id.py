# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest
from ansible.errors import AnsibleFilterError

from ansible_collections.prisma_sase.mt_monitor.plugins.filter.tenant_by_id import (
    FilterModule,
    tenant_by_id,
)

TENANTS = [
    {"tsg_id": "1000000002", "cdl_tenant_id": "cdl-2", "display_name": "Acme"},
    {"tsg_id": "1000000003", "cdl_tenant_id": "cdl-3", "display_name": "Globex"},
]


def test_rows_joined_by_either_id() -> None:
    rows = [{"sub_tenant_id": "cdl-2", "count": 1}, {"tenant_id": 1000000003, "count": 2}]
    joined = tenant_by_id(rows, TENANTS)

    assert joined[0]["tenant"]["display_name"] == "Acme"
    assert joined[1]["tenant"]["tsg_id"] == "1000000003"
    assert joined[0]["count"] == 1
    assert "tenant" not in rows[0]


def test_unmatched_row_flagged() -> None:
    joined = tenant_by_id([{"sub_tenant_id": "9999999999"}], TENANTS)

    assert joined[0]["tenant"] is None
    assert joined[0]["unmatched"] is True
    assert joined[0]["sub_tenant_id"] == "9999999999"


def test_custom_fields_only() -> None:
    rows = [{"owner": "1000000002", "sub_tenant_id": "1000000003"}]
    joined = tenant_by_id(rows, TENANTS, ["owner"])

    assert joined[0]["tenant"]["display_name"] == "Acme"


def test_single_id_lookup() -> None:
    assert tenant_by_id("cdl-3", TENANTS)["display_name"] == "Globex"
    assert tenant_by_id(1000000002, TENANTS)["display_name"] == "Acme"
    assert tenant_by_id("1234567890", TENANTS) is None


@pytest.mark.parametrize("value, tenants, fragment", [
    ([], "not-a-list", "tenants must be a list"),
    ({"a": 1}, TENANTS, "not dict"),
    (["row"], TENANTS, "not an object"),
])
def test_invalid_input_error(value: object, tenants: object, fragment: str) -> None:
    with pytest.raises(AnsibleFilterError) as caught:
        tenant_by_id(value, tenants)
    assert fragment in str(caught.value)


def test_tenant_by_id_registered() -> None:
    assert FilterModule().filters()["tenant_by_id"] is tenant_by_id
