# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._catalog import (
    get_operation,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._errors import (
    BadResponseError,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._rows import (
    bandwidth_in_mbps,
    label_variant_rows,
    merge_region_rows,
    normalize_license_row,
    normalize_rows,
    unflag_rows_without_ids,
)


def test_normalize_list_of_objects() -> None:
    rows = normalize_rows(get_operation("threats.summary"), [{"a": 1}, {"a": 2}])
    assert rows == [{"a": 1}, {"a": 2}]


def test_normalize_object_becomes_one_row() -> None:
    assert normalize_rows(get_operation("license.quota"), {"tsg_id": "1"}) == [{"tsg_id": "1"}]


def test_normalize_none_is_no_rows() -> None:
    assert normalize_rows(get_operation("alerts.count"), None) == []


def test_normalize_rejects_scalar_response() -> None:
    with pytest.raises(BadResponseError) as caught:
        normalize_rows(get_operation("alerts.count"), "oops")
    assert "str" in caught.value.message
    assert caught.value.operation == "alerts.count"


def test_normalize_rejects_scalar_row() -> None:
    with pytest.raises(BadResponseError) as caught:
        normalize_rows(get_operation("alerts.count"), [{"a": 1}, 7])
    assert "row 1" in caught.value.message


def test_normalize_accepts_bare_summary_object() -> None:
    row = {"sub_tenant_id": "1", "total_uri": 4}
    assert normalize_rows(get_operation("urls.summary"), row) == [row]


def test_normalize_rejects_object_without_known_keys() -> None:
    with pytest.raises(BadResponseError) as raised:
        normalize_rows(get_operation("alerts.list"), {"status": "success", "result": "x"})
    assert "alerts.list" in str(raised.value)
    assert "result, status" in str(raised.value)
    assert raised.value.operation == "alerts.list"


def test_normalize_upgrades_rebuilds_records() -> None:
    pieces = [
        {"tenant_id": "1"},
        {"sub_tenant_id": "c1"},
        {"status": "Failed"},
        {"tenant_id": "2"},
        {"sub_tenant_id": "c2"},
        {"status": "Success"},
    ]
    rows = normalize_rows(get_operation("upgrades.list"), pieces)
    assert rows == [
        {"tenant_id": "1", "sub_tenant_id": "c1", "status": "Failed"},
        {"tenant_id": "2", "sub_tenant_id": "c2", "status": "Success"},
    ]


def test_normalize_upgrades_whole_records_pass() -> None:
    records = [{"tenant_id": "1", "status": "Failed"}, {"tenant_id": "2", "status": "Success"}]
    assert normalize_rows(get_operation("upgrades.list"), records) == records


def test_merge_tags_rows_with_region() -> None:
    merged = merge_region_rows([("americas", [{"id": 1}]), ("europe", [{"id": 2}])])
    assert merged == [{"id": 1, "region": "americas"}, {"id": 2, "region": "europe"}]


def test_merge_drops_repeat_from_second_region() -> None:
    merged = merge_region_rows([("americas", [{"id": 1}]), ("europe", [{"id": 1}, {"id": 3}])])
    assert merged == [{"id": 1, "region": "americas"}, {"id": 3, "region": "europe"}]


def test_merge_keeps_equal_rows_of_one_response() -> None:
    same = {"severity": "High", "sub_tenant_id": "c1"}
    merged = merge_region_rows([("americas", [same, same])])
    assert len(merged) == 2


def test_merge_keeps_max_count_over_regions() -> None:
    same = {"severity": "High"}
    merged = merge_region_rows([("americas", [same, same]), ("europe", [same, same, same])])
    assert len(merged) == 3
    assert [row["region"] for row in merged] == ["americas", "americas", "europe"]


def test_merge_without_region_adds_no_key() -> None:
    assert merge_region_rows([(None, [{"id": 1}])]) == [{"id": 1}]


def test_label_adds_missing_product_type() -> None:
    operation = get_operation("license.utilization")
    rows = label_variant_rows(operation, {"product_type": "RN"}, [{"sub_tenant_id": "c1"}])
    assert rows == [{"sub_tenant_id": "c1", "product_type": "RN"}]


def test_label_keeps_value_from_service() -> None:
    operation = get_operation("license.utilization")
    rows = label_variant_rows(operation, {"product_type": "RN"}, [{"product_type": "MU"}])
    assert rows == [{"product_type": "MU"}]


def test_label_ignores_operation_without_variants() -> None:
    rows = [{"sub_tenant_id": "c1"}]
    assert label_variant_rows(get_operation("alerts.count"), {"x": 1}, rows) is rows


def test_unflag_keeps_rows_with_unknown_id() -> None:
    rows = [
        {"sub_tenant_id": "9", "tenant": None, "unmatched": True},
        {"count": 3, "tenant": None, "unmatched": True},
        {"sub_tenant_id": "", "tenant": None, "unmatched": True},
    ]
    unflag_rows_without_ids(rows, ("sub_tenant_id",))
    assert rows[0]["unmatched"] is True
    assert rows[1] == {"count": 3, "tenant": None}
    assert rows[2] == {"sub_tenant_id": "", "tenant": None}


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (19453.0, "Kbps", 19.453),
        ("100", "Mbps", 100.0),
        (2, "gbps", 2000.0),
        (5, "", None),
        (True, "Mbps", None),
        ("n/a", "Mbps", None),
    ],
)
def test_bandwidth_in_mbps(value: object, unit: str, expected: object) -> None:
    assert bandwidth_in_mbps(value, unit) == expected


def test_license_row_remote_network_in_mbps() -> None:
    row = {
        "product_type": "RN",
        "license_units_used": 19453.0,
        "license_used_unit": "Kbps",
        "license_units": 100.0,
        "license_unit": "Mbps",
    }
    result = normalize_license_row(row)
    assert result["license_units_used_mbps"] == 19.453
    assert result["license_units_mbps"] == 100.0
    assert result["normalized_unit"] == "Mbps"
    assert result["utilization_percentage_computed"] == 19.45
    assert result["license_used_unit"] == "Kbps"
    assert result["license_units_used"] == 19453.0


def test_license_row_mobile_users_counted() -> None:
    row = {"license_units_used": 4413, "license_units": 5000, "license_unit": ""}
    result = normalize_license_row(row)
    assert "license_units_mbps" not in result
    assert result["utilization_percentage_computed"] == 88.26


def test_license_row_zero_allocation_has_no_percentage() -> None:
    result = normalize_license_row({"license_units_used": 4, "license_units": 0})
    assert "utilization_percentage_computed" not in result


def test_merge_one_region_leaves_input_untouched() -> None:
    row = {"id": 1}
    merged = merge_region_rows([("americas", [row])])
    assert merged == [{"id": 1, "region": "americas"}]
    assert row == {"id": 1}
