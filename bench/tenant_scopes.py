# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Per-tenant work: monitor_facts on 500 tenant hosts of the inventory with 20 forks.

Checks from the simulator's counters after each run: at most 10 token requests in flight, and
one token request per tenant scope.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from typing import Any, Dict, List

from ansible_collections.prisma_sase.mt_monitor.bench import _harness
from ansible_collections.prisma_sase.mt_monitor.bench._measure import median
from ansible_collections.prisma_sase.mt_monitor.tests.integration._simulator import Simulator
from ansible_collections.prisma_sase.mt_monitor.tests.integration._tenant_runs import reset, stats

TENANTS = 500
FORKS = 20
MAX_TOKENS_IN_FLIGHT = 10

INVENTORY = "plugin: prisma_sase.mt_monitor.tenants\n"

PLAYBOOK = """
- name: One dataset per tenant scope
  hosts: all
  gather_facts: false
  tasks:
    - name: monitor_facts
      prisma_sase.mt_monitor.monitor_facts:
        operations: [threats.summary, license.utilization]
"""


def run(repeat: int) -> Dict[str, Any]:
    """Run the playbook ``repeat`` times, each with an empty token cache."""
    workdir = _harness.fresh_workdir("tenant_scopes")
    inventory = workdir / "tenants.mt_monitor.yml"
    inventory.write_text(INVENTORY, encoding="utf-8")
    playbook = workdir / "playbook.yml"
    playbook.write_text(PLAYBOOK, encoding="utf-8")
    simulator = Simulator(tenants=TENANTS, seed=1).start()
    runs: List[Dict[str, Any]] = []
    try:
        environment = _harness.playbook_environment(workdir, simulator)
        environment["ANSIBLE_INVENTORY_ENABLED"] = "prisma_sase.mt_monitor.tenants"
        for _repetition in range(repeat):
            # The token cache file lives under XDG_CACHE_HOME, so emptying it gives each run new tokens.
            for cached in (workdir / "cache").glob("**/*"):
                if cached.is_file():
                    cached.unlink()
            reset(simulator)
            measured = _harness.run_playbook_measured(workdir, playbook, environment, inventory, ["--forks", str(FORKS)])
            counters = stats(simulator)
            per_scope = counters["token_requests"]
            repeated = {scope: count for scope, count in per_scope.items() if count != 1}
            runs.append(
                {
                    "wall_s": measured.wall_s,
                    "hosts": len(_harness.task_results(workdir)),
                    "token_requests_total": counters["token_requests_total"],
                    "scopes": len(per_scope),
                    "scopes_requested_more_than_once": len(repeated),
                    "max_token_requests_in_flight": counters["max_token_requests_in_flight"],
                    "max_api_requests_in_flight": counters["max_api_requests_in_flight"],
                    "peak_tree_rss_mib": measured.peak_tree_rss_kib / 1024.0,
                }
            )
    finally:
        simulator.stop()
    return {
        "scenario": "tenant_scopes",
        "tenants": TENANTS,
        "forks": FORKS,
        "repeat": repeat,
        "wall_s": median([entry["wall_s"] for entry in runs]),
        "max_token_requests_in_flight": max(entry["max_token_requests_in_flight"] for entry in runs),
        "token_limit_met": all(entry["max_token_requests_in_flight"] <= MAX_TOKENS_IN_FLIGHT for entry in runs),
        "one_token_per_scope": all(entry["scopes_requested_more_than_once"] == 0 for entry in runs),
        "runs": runs,
    }
