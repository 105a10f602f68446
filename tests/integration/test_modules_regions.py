# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Region fan-out of the info modules and aggregate_query, and region failures."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from typing import Any, Callable, Dict

import pytest

from ansible_collections.prisma_sase.mt_monitor.tests.integration._direct_api import (
    DirectApi,
    regions_where_tenants_live,
)
from ansible_collections.prisma_sase.mt_monitor.tests.integration._simulator import Simulator

REGION_PLAYBOOK = """
- name: Query threats with different region options
  hosts: localhost
  gather_facts: false
  tasks:
    - name: auto
      prisma_sase.mt_monitor.threat_info:
        region: auto
    - name: one region
      prisma_sase.mt_monitor.threat_info:
        region: europe
    - name: two regions
      prisma_sase.mt_monitor.threat_info:
        region: [jp, europe]
    - name: aggregate auto
      prisma_sase.mt_monitor.aggregate_query:
        operation: threats.summary
    - name: aggregate one region
      prisma_sase.mt_monitor.aggregate_query:
        path: /mt/monitor/v1/agg/threats/summary
        region: uk
"""

FAULT_PLAYBOOK = """
- name: Query threats while one region fails
  hosts: localhost
  gather_facts: false
  tasks:
    - name: info with a region down
      prisma_sase.mt_monitor.threat_info:
    - name: aggregate with a region down
      prisma_sase.mt_monitor.aggregate_query:
        operation: alerts.count
"""

DOWN_REGION = "europe"


@pytest.fixture()
def api(simulator: Simulator) -> DirectApi:
    direct = DirectApi(simulator)
    direct.reset()
    yield direct
    direct.reset()


def data_regions(stats: Dict[str, Any], operation: str) -> Dict[str, int]:
    return stats["operation_regions"].get(operation, {})


def test_region_options_choose_requests(playbook_runner: Callable, api: DirectApi) -> None:
    lived = regions_where_tenants_live(api.hierarchy())
    api.reset()

    run = playbook_runner(REGION_PLAYBOOK)

    assert run.rc == 0, run.output()
    auto = run.task("auto")
    assert sorted(auto["regions"]) == lived
    assert {row["region"] for row in auto["threats"]} <= set(lived)
    assert run.task("one region")["regions"] == ["europe"]
    assert {row["region"] for row in run.task("one region")["threats"]} == {"europe"}
    assert run.task("two regions")["regions"] == ["jp", "europe"]
    assert sorted(run.task("aggregate auto")["regions"]) == lived
    assert [item["region"] for item in run.task("aggregate one region")["responses"]] == ["uk"]

    counts = data_regions(api.stats(), "threats.summary")
    expected = {region: 2 for region in lived}  # auto of threat_info and aggregate_query
    expected["europe"] = expected.get("europe", 0) + 2
    expected["jp"] = expected.get("jp", 0) + 1
    expected["uk"] = expected.get("uk", 0) + 1
    assert counts == expected


def test_region_down_is_partial(playbook_runner: Callable, api: DirectApi) -> None:
    api.add_fault(kind="status", status=500, region=DOWN_REGION)
    lived = regions_where_tenants_live(api.hierarchy())
    assert DOWN_REGION in lived

    run = playbook_runner(FAULT_PLAYBOOK)

    assert run.rc == 0, run.output()
    for task, key in (
        ("info with a region down", "threats"),
        ("aggregate with a region down", "rows"),
    ):
        result = run.task(task)
        assert result["partial"] is True, task
        assert [error["region"] for error in result["errors"]] == [DOWN_REGION], task
        assert result["errors"][0]["status"] == 500, task
        kept = {row["region"] for row in result[key]}
        assert DOWN_REGION not in kept, task
        assert kept, task
        assert kept <= set(lived) - {DOWN_REGION}, task

    responses = run.task("aggregate with a region down")["responses"]
    failed = [item for item in responses if item.get("error")]
    assert [item["region"] for item in failed] == [DOWN_REGION]
    assert all(item["status"] == 200 for item in responses if not item.get("error"))
