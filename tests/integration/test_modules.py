# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Every info module and every operation through real ansible-playbook runs.

One playbook calls tenant_info once and each family module once per operation of its family,
so the 36 operations cost one ansible-playbook process. It runs once normally and once with
--check, and the results are compared with raw responses of the same simulator.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from pathlib import Path
from typing import Any, Dict, Iterator, List

import pytest

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._catalog import (
    OPERATIONS,
    get_operation,
    operations_by_family,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._tenants import (
    TenantIndex,
    flatten_hierarchy,
)
from ansible_collections.prisma_sase.mt_monitor.tests.integration._direct_api import (
    DirectApi,
    id_values,
    merged_list_count,
    raw_responses,
    regions_where_tenants_live,
    variant_queries,
)
from ansible_collections.prisma_sase.mt_monitor.tests.integration._playbook import (
    PlaybookRun,
    run_playbook,
)
from ansible_collections.prisma_sase.mt_monitor.tests.integration._simulator import Simulator

# Module -> (family, return key), as docs/architecture.md fixes them.
FAMILY_MODULES = {
    "alert_info": ("alerts", "alerts"),
    "threat_info": ("threats", "threats"),
    "application_info": ("applications", "applications"),
    "url_info": ("urls", "urls"),
    "incident_info": ("incidents", "incidents"),
    "connectivity_info": ("connectivity", "connectivity"),
    "location_info": ("locations", "locations"),
    "resource_info": ("resource", "resources"),
    "upgrade_info": ("upgrades", "upgrades"),
    "license_info": ("license", "licenses"),
    "app_monitor_info": ("app_monitor", "app_monitor"),
}

TENANT_FIELDS = (
    "tsg_id",
    "cdl_tenant_id",
    "display_name",
    "parent_tsg_id",
    "path",
    "depth",
    "regions",
    "region_headers",
    "license_type",
    "vertical",
    "license_activated",
)


def all_operations_playbook() -> str:
    lines = [
        "- name: Call every operation through the info modules",
        "  hosts: localhost",
        "  gather_facts: false",
        "  tasks:",
        "    - name: tenant_info",
        "      prisma_sase.mt_monitor.tenant_info:",
    ]
    for module, (family, _key) in FAMILY_MODULES.items():
        names = [operation.name for operation in operations_by_family(family)]
        lines += [
            "    - name: %s" % module,
            "      prisma_sase.mt_monitor.%s:" % module,
            '        operation: "{{ item }}"',
            "      loop: %s" % names,
        ]
    return "\n".join(lines) + "\n"


def run_all_operations(simulator: Simulator, workdir: Path, args: List[str]) -> Dict[str, Any]:
    api = DirectApi(simulator)
    api.reset()
    run = run_playbook(
        all_operations_playbook(), workdir, simulator.connection_environment(), None, args
    )
    return {"run": run, "stats": api.stats()}


@pytest.fixture(scope="module")
def expected(simulator: Simulator) -> Dict[str, Any]:
    """Return the raw hierarchy, its tenants, the regions and the raw responses per operation."""
    api = DirectApi(simulator)
    hierarchy = api.hierarchy()
    regions = regions_where_tenants_live(hierarchy)
    responses = {
        name: raw_responses(api, operation, regions)
        for name, operation in OPERATIONS.items()
        if name != "tenant.hierarchy"
    }
    return {
        "hierarchy": hierarchy,
        "tenants": flatten_hierarchy(hierarchy),
        "regions": regions,
        "responses": responses,
    }


@pytest.fixture(scope="module")
def normal_run(simulator: Simulator, tmp_path_factory: Any) -> Dict[str, Any]:
    return run_all_operations(simulator, tmp_path_factory.mktemp("all-ops"), [])


@pytest.fixture(scope="module")
def check_run(simulator: Simulator, tmp_path_factory: Any) -> Dict[str, Any]:
    return run_all_operations(simulator, tmp_path_factory.mktemp("all-ops-check"), ["--check"])


def module_results(run: PlaybookRun, module: str) -> Iterator[Dict[str, Any]]:
    """Yield the result of each loop item of one module's task."""
    yield from run.task(module)["results"]


def check_operation_result(result: Dict[str, Any], key: str, expected: Dict[str, Any]) -> None:
    """Compare one module result with the raw responses of its operation."""
    name = result["operation"]
    operation = get_operation(name)
    responses = expected["responses"][name]
    rows = result[key]
    index = TenantIndex(expected["tenants"])

    assert result["changed"] is False, name
    assert "ansible_facts" not in result, name
    assert result["partial"] is False, name
    assert result["errors"] == [], name
    assert result["request"]["path"] == operation.path, name
    assert result["request"]["method"] == operation.method, name
    if operation.region_header:
        assert sorted(result["regions"]) == expected["regions"], name
    else:
        assert result["regions"] == [], name

    # Every tenant id in the raw responses appears in the module's rows, and no other.
    fields = set(operation.tenant_id_fields)
    if fields:
        assert id_values(rows, fields) == id_values(responses, fields), name

    if operation.response_shape == "list" and not operation.query_variants:
        assert len(rows) == merged_list_count(responses), name

    id_fields = fields or {"sub_tenant_id", "tenant_id", "tsg_id"}
    for row in rows:
        assert "tenant" in row, (name, row)
        tenant = row["tenant"]
        if row.get("unmatched"):
            # Only a row that carries a tenant id can fail to match one.
            assert id_values(row, id_fields), (name, row)
        if tenant is None:
            continue
        known = index.lookup(tenant["tsg_id"])
        assert known is not None, name
        assert tenant["cdl_tenant_id"] == known["cdl_tenant_id"], name
        assert tenant["display_name"] == known["display_name"], name
        if operation.region_header and "region" in row:
            # The simulator returns rows of a region only for the tenants whose data lives there.
            assert row["region"] in known["region_headers"], (name, row)


def check_all_operations(outcome: Dict[str, Any], expected: Dict[str, Any]) -> None:
    run: PlaybookRun = outcome["run"]
    assert run.rc == 0, run.output()

    seen: List[str] = []
    for module, (_family, key) in FAMILY_MODULES.items():
        for result in module_results(run, module):
            check_operation_result(result, key, expected)
            seen.append(result["operation"])
    assert sorted(seen + ["tenant.hierarchy"]) == sorted(OPERATIONS)


def check_request_counts(outcome: Dict[str, Any], expected: Dict[str, Any]) -> None:
    """Each operation is sent once per region and variant; the hierarchy once per task run."""
    stats = outcome["stats"]
    for name, operation in OPERATIONS.items():
        if name == "tenant.hierarchy":
            continue
        regions = len(expected["regions"]) if operation.region_header else 1
        calls = regions * len(variant_queries(operation))
        assert stats["operations"].get(name) == calls, name
    assert stats["operations"]["tenant.hierarchy"] == len(OPERATIONS)
    assert stats["statuses"] == {"200": stats["api_calls"]}


def test_every_operation_matches_simulator(
    normal_run: Dict[str, Any], expected: Dict[str, Any]
) -> None:
    check_all_operations(normal_run, expected)


def test_every_operation_request_counts(
    normal_run: Dict[str, Any], expected: Dict[str, Any]
) -> None:
    check_request_counts(normal_run, expected)


def test_k07_check_mode_returns_real_data(
    check_run: Dict[str, Any], normal_run: Dict[str, Any], expected: Dict[str, Any]
) -> None:
    check_all_operations(check_run, expected)
    check_request_counts(check_run, expected)
    for module, (_family, key) in FAMILY_MODULES.items():
        checked = list(module_results(check_run["run"], module))
        normal = list(module_results(normal_run["run"], module))
        assert [len(item[key]) for item in checked] == [len(item[key]) for item in normal], module


def test_tenant_info_matches_hierarchy(
    normal_run: Dict[str, Any], expected: Dict[str, Any], simulator: Simulator
) -> None:
    result = normal_run["run"].task("tenant_info")
    tenants = result["tenants"]

    assert result["changed"] is False
    assert "ansible_facts" not in result
    assert len(tenants) == simulator.tenants + 1
    assert [tenant["tsg_id"] for tenant in tenants] == [
        tenant["tsg_id"] for tenant in expected["tenants"]
    ]
    for tenant in tenants:
        assert sorted(tenant) == sorted(TENANT_FIELDS)
    assert result["root_tsg_id"] == expected["hierarchy"]["id"]
    assert sorted(result["regions"]) == expected["regions"]
    assert len(result["tree"]) == 1
    assert result["tree"][0]["tsg_id"] == expected["hierarchy"]["id"]
    assert len(result["tree"][0]["children"]) == len(expected["hierarchy"]["children"])
