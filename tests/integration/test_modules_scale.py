# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""A 50-tenant simulator: tenant_info and aggregate_query over all 36 operations."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from typing import Callable

import pytest

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._catalog import OPERATIONS
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._tenants import (
    flatten_hierarchy,
)
from ansible_collections.prisma_sase.mt_monitor.tests.integration._direct_api import (
    DirectApi,
    id_values,
    regions_where_tenants_live,
)
from ansible_collections.prisma_sase.mt_monitor.tests.integration._simulator import Simulator

TENANTS = 50

PLAYBOOK = """
- name: Read 50 tenants and every operation
  hosts: localhost
  gather_facts: false
  tasks:
    - name: tenants
      prisma_sase.mt_monitor.tenant_info:
    - name: every operation
      prisma_sase.mt_monitor.aggregate_query:
        operation: "{{ item }}"
      loop: %s
""" % list(OPERATIONS)


@pytest.mark.slow
def test_fifty_tenants_every_operation(
    simulator_factory: Callable[..., Simulator], playbook_runner: Callable
) -> None:
    large = simulator_factory(tenants=TENANTS, seed=11)
    hierarchy = DirectApi(large).hierarchy()
    expected_tenants = flatten_hierarchy(hierarchy)

    run = playbook_runner(PLAYBOOK, target=large)

    assert run.rc == 0, run.output()
    tenants = run.task("tenants")["tenants"]
    assert len(tenants) == TENANTS + 1
    assert tenants[0]["tsg_id"] == hierarchy["id"]
    assert tenants[0]["depth"] == 0
    assert {tenant["tsg_id"] for tenant in tenants} == {
        tenant["tsg_id"] for tenant in expected_tenants
    }
    for tenant in tenants:
        assert tenant["display_name"], tenant
        assert len(tenant["tsg_id"]) == 10, tenant
        assert tenant["cdl_tenant_id"], tenant
        assert tenant["regions"], tenant
        assert tenant["region_headers"], tenant
        assert tenant["license_type"], tenant
    assert sorted(run.task("tenants")["regions"]) == regions_where_tenants_live(hierarchy)

    results = run.task("every operation")["results"]
    assert [result["operation"] for result in results] == list(OPERATIONS)
    tsg_ids = {tenant["tsg_id"] for tenant in tenants}
    for result in results:
        name = result["operation"]
        assert result["partial"] is False, name
        assert result["rows"], name
        matched = [row for row in result["rows"] if row.get("tenant")]
        # Some responses carry no tenant id (incidents.impacted_list lists incident ids only).
        if id_values(result["rows"], set(OPERATIONS[name].tenant_id_fields)):
            assert matched, name
        assert {row["tenant"]["tsg_id"] for row in matched} <= tsg_ids, name

    # The hierarchy through aggregate_query is the same document tenant_info read.
    hierarchy_rows = results[list(OPERATIONS).index("tenant.hierarchy")]["rows"]
    assert id_values(hierarchy_rows, {"id"}) == id_values(hierarchy, {"id"})
