"""Tests of the generated and loaded tenant hierarchy."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from simulator._hierarchy import (
    MAX_DEPTH,
    ROOT_TSG_ID,
    HierarchyError,
    generate_hierarchy,
    load_hierarchy,
)
from simulator._model import header_for_cdl_region

TEN_DIGITS = re.compile(r"^1[0-9]{9}$")
CDL_CODES = {"us01", "eu01", "uk01", "de01", "jp01", "ca01", "sg01", "au01", "in01"}


def test_generated_hierarchy_size_and_depth() -> None:
    hierarchy = generate_hierarchy(50, seed=7)

    assert len(hierarchy) == 51
    assert hierarchy.root.tsg_id == ROOT_TSG_ID
    assert hierarchy.max_depth() <= MAX_DEPTH
    assert hierarchy.max_depth() >= 2, "some tenants must nest below other customers"


def test_generated_hierarchy_is_deterministic() -> None:
    first = generate_hierarchy(50, seed=7).root.to_hierarchy()
    second = generate_hierarchy(50, seed=7).root.to_hierarchy()
    other = generate_hierarchy(50, seed=8).root.to_hierarchy()

    assert first == second
    assert first != other


def test_generated_ids_and_attributes() -> None:
    hierarchy = generate_hierarchy(200, seed=3)
    tenants = list(hierarchy)
    tsg_ids = {tenant.tsg_id for tenant in tenants}
    cdl_ids = {tenant.cdl_tenant_id for tenant in tenants}

    assert len(tsg_ids) == len(tenants)
    assert len(cdl_ids) == len(tenants)
    assert not tsg_ids & cdl_ids, "CDL tenant ids must differ from TSG ids"
    assert all(TEN_DIGITS.match(tenant_id) for tenant_id in tsg_ids | cdl_ids)
    assert {tenant.license_type for tenant in tenants} == {"PA_ONLY", "SDWAN_ONLY", "SASE",
                                                           "PA_SDWAN"}
    assert {code for tenant in tenants for code in tenant.regions} <= CDL_CODES
    assert any(len(tenant.regions) == 2 for tenant in tenants)
    us_share = sum("us01" in tenant.regions for tenant in tenants) / len(tenants)
    assert 0.3 < us_share < 0.7, "most tenants should sit in one region"
    assert any(not tenant.license_activated for tenant in tenants)
    assert len({tenant.display_name for tenant in tenants}) == len(tenants)
    assert any(not tenant.display_name.isascii() for tenant in tenants)


def test_every_cdl_code_maps_to_header() -> None:
    assert {header_for_cdl_region(code) for code in CDL_CODES} == {
        "americas", "europe", "uk", "de", "jp", "ca", "sg", "au", "in"}


def test_subtree_is_contiguous_and_complete() -> None:
    hierarchy = generate_hierarchy(120, seed=11)
    for tenant in hierarchy:
        subtree = hierarchy.subtree(tenant.tsg_id)
        expected = {tenant.tsg_id}
        stack = list(tenant.children)
        while stack:
            child = stack.pop()
            expected.add(child.tsg_id)
            stack.extend(child.children)
        assert {node.tsg_id for node in subtree} == expected


def test_hostile_names_are_injected() -> None:
    names = [tenant.display_name for tenant in generate_hierarchy(60, seed=1, hostile=True)]

    assert any(name.startswith("=HYPERLINK(") for name in names)
    assert "<img src=x onerror=alert(1)>" in names
    assert any("\x0b" in name for name in names)
    assert any(len(name) == 100_000 for name in names)


def _node(tsg_id: str, name: str, children: list[dict] | None = None) -> dict:
    node = {"id": tsg_id, "display_name": name, "cdlTenantId": "1" + tsg_id[1:][::-1],
            "tenantLicenseType": "SASE", "vertical": "retail", "license_activated": True,
            "region": ["eu01"]}
    if children:
        node["children"] = children
    return node


def test_load_hierarchy_file(tmp_path: Path) -> None:
    document = _node("1000000001", "Root", [
        _node("1100000002", "Child A", [_node("1100000003", "Grandchild")]),
        _node("1100000004", "Child B")])
    path = tmp_path / "hierarchy.json"
    path.write_text(json.dumps({"data": [document]}), encoding="utf-8")

    hierarchy = load_hierarchy(path)

    assert len(hierarchy) == 4
    assert hierarchy.by_tsg["1100000003"].parent_tsg_id == "1100000002"
    assert hierarchy.by_tsg["1100000003"].depth == 2
    assert hierarchy.root.to_hierarchy() == document


@pytest.mark.parametrize("document, message", [
    ({"id": "1000000001"}, "missing field"),
    ([], "exactly one root"),
    (dict(_node("1000000001", "Root"), children={"id": 1}), "'children' must be a list"),
])
def test_load_hierarchy_rejects_bad_files(tmp_path: Path, document: object,
                                          message: str) -> None:
    path = tmp_path / "hierarchy.json"
    path.write_text(json.dumps(document), encoding="utf-8")

    with pytest.raises(HierarchyError, match=message):
        load_hierarchy(path)
