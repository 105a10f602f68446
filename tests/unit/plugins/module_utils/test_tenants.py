# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
from dataclasses import dataclass
from typing import Any, Dict, List

import pytest

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._errors import (
    BadResponseError,
    InvalidInputError,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._tenants import (
    TenantIndex,
    flatten_hierarchy,
)


def node(
    tsg_id: Any, name: str, cdl_id: Any = None, children: Any = None, **fields: Any
) -> Dict[str, Any]:
    """Build a hierarchy node shaped like the API's TenantHierarchy schema."""
    result: Dict[str, Any] = {
        "id": tsg_id,
        "display_name": name,
        "cdlTenantId": cdl_id if cdl_id is not None else "cdl-%s" % tsg_id,
        "tenantLicenseType": fields.pop("license_type", "SASE"),
        "license_activated": fields.pop("license_activated", True),
        "vertical": fields.pop("vertical", "finance"),
        "region": fields.pop("region", ["us01"]),
    }
    result.update(fields)
    if children is not None:
        result["children"] = children
    return result


ROOT = node(
    "1000000001",
    "Root MSSP",
    children=[
        node(
            "1000000002",
            "Acme",
            "55501",
            region=["eu01", "us01"],
            children=[node("1000000004", "Acme Labs", "55504", region=["de01"])],
        ),
        node("1000000003", "Globex", "55503", region=["jp01"], license_type="PA_ONLY"),
    ],
)

EXPECTED_ORDER = ["1000000001", "1000000002", "1000000004", "1000000003"]


def by_id(tenants: List[Dict[str, Any]]) -> Dict[str, Dict[str, Any]]:
    return {tenant["tsg_id"]: tenant for tenant in tenants}


@pytest.mark.parametrize(
    "response",
    [
        pytest.param(ROOT, id="root-object"),
        pytest.param([ROOT], id="list-of-roots"),
        pytest.param({"items": [ROOT]}, id="items-wrapper"),
        pytest.param({"data": [ROOT]}, id="data-list-wrapper"),
        pytest.param({"data": ROOT}, id="data-object-wrapper"),
        pytest.param({"header": {"dataCount": 4}, "data": [ROOT]}, id="envelope"),
        pytest.param({"data": {"items": [ROOT]}}, id="nested-wrappers"),
    ],
)
def test_flatten_accepts_every_shape(response: Any) -> None:
    tenants = flatten_hierarchy(copy.deepcopy(response))

    assert [tenant["tsg_id"] for tenant in tenants] == EXPECTED_ORDER


def test_flatten_fields_of_nested_tenant() -> None:
    labs = by_id(flatten_hierarchy(ROOT))["1000000004"]

    assert labs["cdl_tenant_id"] == "55504"
    assert labs["display_name"] == "Acme Labs"
    assert labs["parent_tsg_id"] == "1000000002"
    assert labs["path"] == ["Root MSSP", "Acme", "Acme Labs"]
    assert labs["depth"] == 2
    assert labs["regions"] == ["de01"]
    assert labs["region_headers"] == ["de"]
    assert labs["license_type"] == "SASE"
    assert labs["vertical"] == "finance"
    assert labs["license_activated"] is True


def test_flatten_root_has_no_parent() -> None:
    root = by_id(flatten_hierarchy(ROOT))["1000000001"]

    assert root["parent_tsg_id"] is None
    assert root["path"] == ["Root MSSP"]
    assert root["depth"] == 0


def test_flatten_maps_every_region() -> None:
    acme = by_id(flatten_hierarchy(ROOT))["1000000002"]

    assert acme["regions"] == ["eu01", "us01"]
    assert acme["region_headers"] == ["europe", "americas"]


def test_flatten_region_map_extends_table() -> None:
    response = node("1000000001", "Root", region=["ch01"])
    warnings: List[str] = []

    plain = flatten_hierarchy(response, warn=warnings.append)
    mapped = flatten_hierarchy(response, region_map={"ch01": "ch"})

    assert plain[0]["region_headers"] == []
    assert plain[0]["regions"] == ["ch01"]
    assert len(warnings) == 1
    assert "ch01" in warnings[0]
    assert mapped[0]["region_headers"] == ["ch"]


def test_flatten_int_ids_become_strings() -> None:
    response = node(
        1000000001, "Root", cdl_id=777, children=[node(1000000002, "Child", cdl_id=778)]
    )

    tenants = flatten_hierarchy(response)

    assert tenants[0]["tsg_id"] == "1000000001"
    assert tenants[0]["cdl_tenant_id"] == "777"
    assert tenants[1]["tsg_id"] == "1000000002"
    assert tenants[1]["parent_tsg_id"] == "1000000001"


def test_flatten_depth_fifty() -> None:
    deepest = node("1000000050", "Tenant 50")
    current = deepest
    for level in range(49, 0, -1):
        current = node("10000000%02d" % level, "Tenant %d" % level, children=[current])

    tenants = flatten_hierarchy({"data": current})

    assert len(tenants) == 50
    assert tenants[-1]["tsg_id"] == "1000000050"
    assert tenants[-1]["depth"] == 49
    assert tenants[-1]["path"] == ["Tenant %d" % level for level in range(1, 51)]
    assert tenants[-1]["parent_tsg_id"] == "1000000049"


def test_flatten_deeper_than_recursion_limit() -> None:
    levels = 5000  # above Python's default recursion limit of 1000
    current = node(str(2000000000 + levels), "leaf")
    for level in range(levels - 1, 0, -1):
        current = {
            "id": str(2000000000 + level),
            "display_name": "n%d" % level,
            "children": [current],
        }

    tenants = flatten_hierarchy(current)

    assert len(tenants) == levels
    assert tenants[-1]["depth"] == levels - 1


def test_flatten_missing_id_names_path() -> None:
    broken = node(
        "1000000001",
        "Root MSSP",
        children=[node("1000000002", "Acme", children=[{"display_name": "Nameless"}])],
    )

    with pytest.raises(BadResponseError) as caught:
        flatten_hierarchy(broken)

    assert "Root MSSP > Acme > children[0]" in str(caught.value)
    assert "'id'" in str(caught.value)
    assert caught.value.operation == "tenant.hierarchy"


def test_flatten_blank_id_is_missing() -> None:
    with pytest.raises(BadResponseError, match=r"\[1\] has no 'id'"):
        flatten_hierarchy([node("1000000001", "Root"), node("  ", "Blank")])


@pytest.mark.parametrize(
    "response",
    [
        pytest.param({"header": {}}, id="object-without-tenants"),
        pytest.param("not json", id="string"),
        pytest.param([node("1000000001", "Root"), "stray"], id="string-node"),
        pytest.param(node("1000000001", "Root", children={"id": "x"}), id="children-not-list"),
    ],
)
def test_flatten_rejects_bad_shapes(response: Any) -> None:
    with pytest.raises(BadResponseError):
        flatten_hierarchy(response)


def test_flatten_empty_responses() -> None:
    assert flatten_hierarchy([]) == []
    assert flatten_hierarchy({"data": []}) == []
    assert flatten_hierarchy({"items": None}) == []


def test_flatten_duplicate_keeps_first() -> None:
    first = node("1000000002", "Acme", "55501")
    second = node("1000000002", "Acme again", "55599")
    warnings: List[str] = []

    tenants = flatten_hierarchy(
        [node("1000000001", "Root", children=[first]), second], warn=warnings.append
    )

    assert [tenant["tsg_id"] for tenant in tenants] == ["1000000001", "1000000002"]
    assert tenants[1]["display_name"] == "Acme"
    assert len(warnings) == 1
    assert "1000000002 appears twice" in warnings[0]


def test_flatten_flat_list_uses_parent_id() -> None:
    # The tenancy service lists tenants flat with 'parent_id' and sometimes uses 'name'.
    response = {
        "count": "3",
        "items": [
            {"id": "1000000003", "name": "Grandchild", "parent_id": "1000000002"},
            {"id": "1000000002", "display_name": "Child", "parent_id": "1000000001"},
            {"id": "1000000001", "display_name": "Root"},
        ],
    }

    grandchild = by_id(flatten_hierarchy(response))["1000000003"]

    assert grandchild["display_name"] == "Grandchild"
    assert grandchild["path"] == ["Root", "Child", "Grandchild"]
    assert grandchild["depth"] == 2


def test_flatten_parent_outside_scope() -> None:
    response = {"id": "1000000005", "display_name": "Scoped", "parent_id": "1000000001"}

    tenant = flatten_hierarchy(response)[0]

    assert tenant["parent_tsg_id"] == "1000000001"
    assert tenant["path"] == ["Scoped"]
    assert tenant["depth"] == 0


def test_flatten_parent_cycle_rejected() -> None:
    response = [
        {"id": "1000000001", "display_name": "A", "parent_id": "1000000002"},
        {"id": "1000000002", "display_name": "B", "parent_id": "1000000001"},
    ]

    with pytest.raises(BadResponseError, match="cycle"):
        flatten_hierarchy(response)


def test_flatten_optional_fields_missing() -> None:
    tenant = flatten_hierarchy({"id": "1000000001"})[0]

    assert tenant["display_name"] == "1000000001"
    assert tenant["cdl_tenant_id"] is None
    assert tenant["regions"] == []
    assert tenant["region_headers"] == []
    assert tenant["license_type"] is None
    assert tenant["license_activated"] is None


def test_flatten_does_not_modify_input() -> None:
    response = copy.deepcopy(ROOT)

    flatten_hierarchy(response)

    assert response == ROOT


@pytest.fixture()
def index() -> TenantIndex:
    return TenantIndex(flatten_hierarchy(ROOT))


def test_lookup_by_tsg_id(index: TenantIndex) -> None:
    assert index.lookup("1000000002")["display_name"] == "Acme"
    assert index.lookup(1000000002)["display_name"] == "Acme"
    assert index.lookup(" 1000000002 ")["display_name"] == "Acme"


def test_lookup_by_cdl_id(index: TenantIndex) -> None:
    assert index.lookup("55503")["tsg_id"] == "1000000003"
    assert index.lookup(55503)["tsg_id"] == "1000000003"


def test_lookup_unknown_ids(index: TenantIndex) -> None:
    assert index.lookup("9999999999") is None
    assert index.lookup(None) is None
    assert index.lookup("") is None
    assert index.lookup(True) is None


def test_lookup_tsg_id_wins_over_cdl() -> None:
    tenants = flatten_hierarchy(
        [
            node("1000000001", "Root", cdl_id="1000000002"),
            node("1000000002", "Other", cdl_id="55502"),
        ]
    )

    assert TenantIndex(tenants).lookup("1000000002")["display_name"] == "Other"


def test_lookup_shared_cdl_id_matches_none() -> None:
    tenants = flatten_hierarchy(
        [node("1000000001", "A", cdl_id="55500"), node("1000000002", "B", cdl_id="55500")]
    )
    index = TenantIndex(tenants)

    assert index.lookup("55500") is None
    assert index.ambiguous_cdl_ids == ["55500"]
    assert index.lookup("1000000002")["display_name"] == "B"


def test_index_duplicate_tsg_keeps_first() -> None:
    index = TenantIndex(
        [
            {"tsg_id": "1000000001", "display_name": "first"},
            {"tsg_id": 1000000001, "display_name": "second"},
        ]
    )

    assert len(index) == 1
    assert index.lookup("1000000001")["display_name"] == "first"


def test_subtree_parents_first(index: TenantIndex) -> None:
    assert [tenant["tsg_id"] for tenant in index.subtree("1000000002")] == [
        "1000000002",
        "1000000004",
    ]
    assert [tenant["tsg_id"] for tenant in index.subtree(1000000001)] == EXPECTED_ORDER
    assert [tenant["tsg_id"] for tenant in index.subtree("1000000003")] == ["1000000003"]


def test_subtree_accepts_cdl_id(index: TenantIndex) -> None:
    assert [tenant["tsg_id"] for tenant in index.subtree("55501")] == ["1000000002", "1000000004"]


def test_subtree_unknown_id(index: TenantIndex) -> None:
    with pytest.raises(InvalidInputError, match="'1234567890' is not in the tenant hierarchy"):
        index.subtree("1234567890")


def test_in_region(index: TenantIndex) -> None:
    assert [tenant["tsg_id"] for tenant in index.in_region("americas")] == [
        "1000000001",
        "1000000002",
    ]
    assert [tenant["tsg_id"] for tenant in index.in_region("Europe")] == ["1000000002"]
    assert [tenant["tsg_id"] for tenant in index.in_region("jp")] == ["1000000003"]
    assert index.in_region("uk") == []


def test_enrich_field_order(index: TenantIndex) -> None:
    rows = [
        {"sub_tenant_id": "55501", "tenant_id": "1000000003", "value": 1},
        {"tenant_id": "1000000003", "value": 2},
        {"tsg_id": 1000000004, "value": 3},
    ]

    enriched = index.enrich(rows, "threats.summary")

    assert enriched[0]["tenant"] == {
        "tsg_id": "1000000002",
        "cdl_tenant_id": "55501",
        "display_name": "Acme",
    }
    assert enriched[1]["tenant"]["tsg_id"] == "1000000003"
    assert enriched[2]["tenant"]["tsg_id"] == "1000000004"
    assert all("unmatched" not in row for row in enriched)


def test_enrich_falls_through_unknown_field(index: TenantIndex) -> None:
    enriched = index.enrich([{"sub_tenant_id": "unknown", "tsg_id": "1000000003"}])

    assert enriched[0]["tenant"]["display_name"] == "Globex"


def test_enrich_int_cdl_id(index: TenantIndex) -> None:
    enriched = index.enrich([{"sub_tenant_id": 55504, "count": 9}])

    assert enriched[0]["tenant"]["tsg_id"] == "1000000004"
    assert enriched[0]["sub_tenant_id"] == 55504


def test_enrich_unmatched_keeps_raw_id(index: TenantIndex) -> None:
    enriched = index.enrich([{"sub_tenant_id": "<sub_tenant_id>", "count": 3}, {"count": 4}])

    assert enriched[0] == {
        "sub_tenant_id": "<sub_tenant_id>",
        "count": 3,
        "tenant": None,
        "unmatched": True,
    }
    assert enriched[1] == {"count": 4, "tenant": None, "unmatched": True}


def test_enrich_uses_operation_fields(index: TenantIndex) -> None:
    @dataclass(frozen=True)
    class FakeOperation:
        name: str
        tenant_id_fields: tuple

    operation = FakeOperation("license.setup_status", ("tsg_id",))
    row = {"sub_tenant_id": "55501", "tsg_id": "1000000003"}

    assert index.enrich([row], operation)[0]["tenant"]["tsg_id"] == "1000000003"
    assert index.enrich([row], ["sub_tenant_id"])[0]["tenant"]["tsg_id"] == "1000000002"
    assert index.enrich([{"sub_tenant_id": "55501"}], operation)[0]["unmatched"] is True


def test_enrich_leaves_input_rows(index: TenantIndex) -> None:
    rows = [{"sub_tenant_id": "55501"}]

    index.enrich(rows)

    assert rows == [{"sub_tenant_id": "55501"}]


def test_enrich_rejects_non_object_row(index: TenantIndex) -> None:
    with pytest.raises(BadResponseError, match="row 1 is a list") as caught:
        index.enrich([{"tsg_id": "1000000001"}, ["1000000001"]], "upgrades.list")

    assert caught.value.operation == "upgrades.list"
