# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Inventory at scale: ``ansible-inventory --list`` over 5,000 tenants, uncached and cached.

The uncached run starts with an empty cache folder and stores the tenants in it. The cached
run reads them back and must send no API request, as the simulator's counters show.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import shutil
from typing import Any, Dict, List

from ansible_collections.prisma_sase.mt_monitor.bench import _harness
from ansible_collections.prisma_sase.mt_monitor.bench._measure import median, run_measured
from ansible_collections.prisma_sase.mt_monitor.tests.integration._simulator import Simulator
from ansible_collections.prisma_sase.mt_monitor.tests.integration._tenant_runs import reset, stats

TENANTS = 5000

CONFIG = """plugin: prisma_sase.mt_monitor.tenants
cache: true
cache_plugin: ansible.builtin.jsonfile
cache_connection: %s
cache_timeout: 3600
"""


def run(repeat: int) -> Dict[str, Any]:
    """Time ``repeat`` uncached and ``repeat`` cached runs, alternating."""
    workdir = _harness.fresh_workdir("inventory")
    cache_dir = workdir / "inventory-cache"
    config = workdir / "tenants.mt_monitor.yml"
    config.write_text(CONFIG % cache_dir, encoding="utf-8")
    simulator = Simulator(tenants=TENANTS, seed=1).start()
    uncached: List[float] = []
    cached: List[float] = []
    try:
        environment = _harness.playbook_environment(workdir, simulator)
        environment["ANSIBLE_INVENTORY_UNPARSED_FAILED"] = "1"
        environment["ANSIBLE_INVENTORY_ENABLED"] = "prisma_sase.mt_monitor.tenants"
        command = [str(_harness.VENV_BIN / "ansible-inventory"), "-i", str(config), "--list", "--output", str(workdir / "list.json")]
        for _repetition in range(repeat):
            for use_cache in (False, True):
                if not use_cache:
                    shutil.rmtree(cache_dir, ignore_errors=True)
                reset(simulator)
                measured = run_measured(command, workdir, environment, workdir / "output.log")
                if measured.returncode != 0:
                    raise RuntimeError("ansible-inventory failed: %s" % (workdir / "output.log").read_text(encoding="utf-8")[-3000:])
                hosts = json.loads((workdir / "list.json").read_text(encoding="utf-8"))["_meta"]["hostvars"]
                if len(hosts) != TENANTS + 1:
                    raise RuntimeError("ansible-inventory listed %d hosts, expected %d" % (len(hosts), TENANTS + 1))
                api_calls = stats(simulator)["api_calls"]
                if use_cache and api_calls:
                    raise RuntimeError("the cached run sent %d API requests" % api_calls)
                (cached if use_cache else uncached).append(measured.wall_s)
    finally:
        simulator.stop()
    return {
        "scenario": "inventory",
        "tenants": TENANTS,
        "repeat": repeat,
        "uncached_s": median(uncached),
        "cached_s": median(cached),
        "runs": {"uncached": uncached, "cached": cached},
    }
