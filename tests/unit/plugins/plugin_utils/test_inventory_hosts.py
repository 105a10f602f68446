# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._inventory_hosts import (
    HOST_VARIABLE_FIELDS,
    assign_hostnames,
    decode_tenant_table,
    encode_tenant_table,
    safe_group_name,
    safe_hostname,
    tenant_group_names,
    tenant_host_variables,
)


def tenant(tsg_id: str, name: str, **extra):
    record = {
        "tsg_id": tsg_id,
        "cdl_tenant_id": "9" + tsg_id[1:],
        "display_name": name,
        "parent_tsg_id": "1000000001",
        "path": ["Root", name],
        "depth": 1,
        "regions": ["eu01"],
        "region_headers": ["europe"],
        "license_type": "PA_ONLY",
        "vertical": "finance",
        "license_activated": True,
    }
    record.update(extra)
    return record


@pytest.mark.parametrize(
    "name,expected",
    [
        ("Acme Corp", "Acme_Corp"),
        ("Björk Bank Sp. z o.o.", "Bjork_Bank_Sp._z_o.o"),
        ("Acme, Inc.", "Acme_Inc"),
        ("{{ lookup('pipe', 'id') }}", "lookup_pipe_id"),
        ("日本", ""),
        ("  ", ""),
        ("Østergaard Logistics Pvt Ltd", "Ostergaard_Logistics_Pvt_Ltd"),
        ("李 Software SARL", "_Software_SARL"),
        ("Software 李", "Software_"),
        ("Acme 李明 Ltd", "Acme_Ltd"),
        ("Straße ŁÓDŹ Đuro Æble", "Strasse_LODZ_Duro_AEble"),
        ("李明 株式会社", ""),
        ("(Acme)", "Acme"),
        ("a__b", "a__b"),
        ("Ａｃｍｅ", "Acme"),
    ],
)
def test_safe_hostname(name, expected) -> None:
    assert safe_hostname(name) == expected


def test_hostnames_without_ascii_letters() -> None:
    tenants = [
        tenant("1000000002", "李 Software SARL"),
        tenant("1000000003", "王 Software SARL"),
        tenant("1000000004", "Software SARL"),
        tenant("1000000005", "李明"),
        tenant("1000000006", "株式会社"),
    ]
    assert assign_hostnames(tenants, "display_name") == [
        "_Software_SARL",
        "_Software_SARL_1000000003",
        "Software_SARL",
        "1000000005",
        "1000000006",
    ]


def test_hostnames_unique_with_tsg_suffix() -> None:
    tenants = [
        tenant("1000000002", "Acme, Inc."),
        tenant("1000000003", "Acme Inc"),
        tenant("1000000004", "日本"),
    ]
    assert assign_hostnames(tenants, "display_name") == [
        "Acme_Inc",
        "Acme_Inc_1000000003",
        "1000000004",
    ]


def test_hostnames_from_tsg_id() -> None:
    tenants = [tenant("1000000002", "A"), tenant("1000000003", "A")]
    assert assign_hostnames(tenants, "tsg_id") == ["1000000002", "1000000003"]


def test_hostname_source_rejected() -> None:
    with pytest.raises(ValueError, match="display_name, tsg_id"):
        assign_hostnames([tenant("1000000002", "A")], "name")


def test_host_variables_cover_identity() -> None:
    record = tenant("1000000002", "Acme")
    variables = tenant_host_variables(record)
    assert set(variables) == {name for name, field in HOST_VARIABLE_FIELDS}
    assert variables["tenant_tsg_id"] == "1000000002"
    assert variables["tenant_cdl_id"] == "9000000002"
    assert variables["tenant_region_headers"] == ["europe"]
    assert variables["tenant_license_activated"] is True


def test_groups_by_region_license_parent() -> None:
    record = tenant("1000000002", "Acme", region_headers=["europe", "uk"])
    assert tenant_group_names(record) == [
        "region_europe",
        "region_uk",
        "license_pa_only",
        "parent_1000000001",
    ]


def test_groups_skip_missing_fields() -> None:
    record = tenant("1000000001", "Root", parent_tsg_id=None, license_type=None, region_headers=[])
    assert tenant_group_names(record) == []


def test_group_name_sanitised() -> None:
    assert safe_group_name("license_", "Prisma Access / SASE") == "license_prisma_access_sase"
    assert safe_group_name("license_", "***") == "license_unknown"


def test_group_name_of_unhashable_value() -> None:
    assert safe_group_name("license_", ["SASE"]) == "license_sase"


def test_tenant_table_round_trip() -> None:
    tenants = [
        tenant("1000000001", "Root", parent_tsg_id=None, path=["Root"], depth=0),
        tenant("1000000002", "Björk Bank 李", regions=["eu01", "us01"], license_activated=False),
        tenant("1000000003", "{{ 7 * 6 }}", vertical=None, depth=2),
    ]

    decoded = decode_tenant_table(encode_tenant_table(tenants))

    assert decoded == tenants
    assert [type(record["depth"]) for record in decoded] == [int, int, int]
    assert [type(record["license_activated"]) for record in decoded] == [bool, bool, bool]


def test_tenant_table_lists_field_names_once() -> None:
    tenants = [tenant("10000000%02d" % index, "Tenant %d" % index) for index in range(20)]

    text = encode_tenant_table(tenants)

    assert text.count('"display_name"') == 1
    assert text.count('"license_activated"') == 1


def test_tenant_table_fills_missing_fields() -> None:
    partial = {"tsg_id": "1000000009", "display_name": "Partial"}

    decoded = decode_tenant_table(encode_tenant_table([tenant("1000000002", "Full"), partial]))

    assert decoded[1]["tsg_id"] == "1000000009"
    assert decoded[1]["license_type"] is None
    assert set(decoded[1]) == set(decoded[0])


def test_tenant_table_empty() -> None:
    assert decode_tenant_table(encode_tenant_table([])) == []


@pytest.mark.parametrize(
    "text,message",
    [
        ("not json", "Expecting value"),
        ("[]", "not an object"),
        ('{"rows": []}', "no list of field names"),
        ('{"fields": ["display_name"], "rows": [["Acme"]]}', "no tsg_id field"),
        ('{"fields": ["tsg_id"], "rows": {}}', "no list of rows"),
        ('{"fields": ["tsg_id", "depth"], "rows": [["1000000001"]]}', "row 0"),
        ('{"fields": ["tsg_id"], "rows": ["1000000001"]}', "row 0"),
    ],
)
def test_tenant_table_rejects_other_layouts(text, message) -> None:
    with pytest.raises(ValueError, match=message):
        decode_tenant_table(text)
