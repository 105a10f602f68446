# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Inventory at scale: ``ansible-inventory --list`` over 5,000 tenants, uncached and cached.

The uncached run starts with an empty cache folder and stores the tenants in it. The cached
run reads them back and must send no API request, as the simulator's counters show. One
uncached parse runs before the measured runs, because the first request to a new simulator is
slower.

Beside the two wall times, each repetition measures the parts that explain them:

- the start-up floor, ``ansible-inventory --list`` on a static inventory of one host;
- the plugin's own time, ``InventoryManager`` over the same source in a fresh process
  (``_inventory_parse.py``), uncached and cached, without ansible-inventory's output work;
- ``--graph`` and ``--list --export`` from the cache, which do less work per host than
  ``--list``.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import shutil
from pathlib import Path
from typing import Any, Dict, List, Mapping, Sequence

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

PARSE_SCRIPT = Path(__file__).resolve().parent / "_inventory_parse.py"

# Pairs of measurement name and whether it reads the cache that the uncached runs write. A run
# that reads the cache must send no API request.
MEASUREMENTS = (
    ("uncached", False),
    ("cached", True),
    ("floor", False),
    ("parse_uncached", False),
    ("parse_cached", True),
    ("graph_cached", True),
    ("export_cached", True),
)


def _run_checked(command: Sequence[str], workdir: Path, environment: Mapping[str, str]) -> float:
    """Run a command under the sampler and return its wall time. Raise RuntimeError when it fails."""
    log = workdir / "output.log"
    measured = run_measured(command, workdir, environment, log)
    if measured.returncode != 0:
        output_tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
        raise RuntimeError("%s failed with exit status %d, last output:\n%s" % (command[0], measured.returncode, output_tail))
    return measured.wall_s


def _listed_hosts(path: Path) -> int:
    return len(json.loads(path.read_text(encoding="utf-8"))["_meta"]["hostvars"])


class _Runs:
    """Runner for the measurements of one scenario run, in one work folder against one simulator."""

    def __init__(self, workdir: Path, simulator: Simulator) -> None:
        self.workdir = workdir
        self.simulator = simulator
        self.cache_dir = workdir / "inventory-cache"
        self.config = workdir / "tenants.mt_monitor.yml"
        self.config.write_text(CONFIG % self.cache_dir, encoding="utf-8")
        self.static = workdir / "one-host.ini"
        self.static.write_text("localhost ansible_connection=local\n", encoding="utf-8")
        self.environment = _harness.playbook_environment(workdir, simulator)
        self.environment["ANSIBLE_INVENTORY_UNPARSED_FAILED"] = "1"
        self.environment["ANSIBLE_INVENTORY_ENABLED"] = "prisma_sase.mt_monitor.tenants"
        self.output = workdir / "list.json"
        self.listing_bytes = 0
        # CPU seconds of the parse runs, which vary less than wall time with the load of other
        # processes on the machine.
        self.cpu_seconds: Dict[str, List[float]] = {"parse_uncached": [], "parse_cached": []}

    def inventory_command(self, source: Path, *args: str) -> List[str]:
        return [str(_harness.VENV_BIN / "ansible-inventory"), "-i", str(source)] + list(args) + ["--output", str(self.output)]

    def measure(self, name: str) -> float:
        """Run one measurement, check the hosts it listed and return its seconds."""
        if name in ("uncached", "parse_uncached"):
            shutil.rmtree(self.cache_dir, ignore_errors=True)
        reset(self.simulator)

        if name == "floor":
            environment = dict(self.environment, ANSIBLE_INVENTORY_ENABLED="ini")
            seconds = _run_checked(self.inventory_command(self.static, "--list"), self.workdir, environment)
            expected_hosts = 1
            hosts = _listed_hosts(self.output)
        elif name.startswith("parse_"):
            result_path = self.workdir / "parse.json"
            command = [str(_harness.VENV_BIN / "python"), str(PARSE_SCRIPT), str(self.config), str(result_path)]
            _run_checked(command, self.workdir, self.environment)
            result = json.loads(result_path.read_text(encoding="utf-8"))
            seconds, hosts, expected_hosts = result["parse_s"], result["hosts"], TENANTS + 1
            self.cpu_seconds[name].append(result["parse_cpu_s"])
        elif name == "graph_cached":
            seconds = _run_checked(self.inventory_command(self.config, "--graph"), self.workdir, self.environment)
            # One line per group membership, the host name after "--" and a group name after "--@".
            lines = self.output.read_text(encoding="utf-8").splitlines()
            hosts = len({line.split("--", 1)[1] for line in lines if "--" in line and "--@" not in line})
            expected_hosts = TENANTS + 1
        else:
            args = ["--list", "--export"] if name == "export_cached" else ["--list"]
            seconds = _run_checked(self.inventory_command(self.config, *args), self.workdir, self.environment)
            hosts, expected_hosts = _listed_hosts(self.output), TENANTS + 1
            if name == "cached":
                self.listing_bytes = self.output.stat().st_size

        if hosts != expected_hosts:
            raise RuntimeError("%s listed %d hosts, expected %d" % (name, hosts, expected_hosts))
        api_calls = stats(self.simulator)["api_calls"]
        if dict(MEASUREMENTS)[name] and api_calls:
            raise RuntimeError("the %s run sent %d API requests, expected none because it reads the cache" % (name, api_calls))
        return seconds


def run(repeat: int) -> Dict[str, Any]:
    """Time ``repeat`` runs of every measurement, alternating them within each repetition."""
    workdir = _harness.fresh_workdir("inventory")
    simulator = Simulator(tenants=TENANTS, seed=1).start()
    seconds: Dict[str, List[float]] = {name: [] for name, _cached in MEASUREMENTS}
    try:
        runs = _Runs(workdir, simulator)
        # In trial runs the first uncached run against a new simulator took about 2 s longer
        # than the later ones, so one warm-up run is not measured.
        runs.measure("parse_uncached")
        runs.cpu_seconds["parse_uncached"].clear()
        for _repetition in range(repeat):
            for name, _cached in MEASUREMENTS:
                seconds[name].append(runs.measure(name))
        # The last measurement reads the cache, so the cache folder contains the entry.
        cache_bytes = sum(path.stat().st_size for path in runs.cache_dir.iterdir())
    finally:
        simulator.stop()

    result: Dict[str, Any] = {
        "scenario": "inventory",
        "tenants": TENANTS,
        "repeat": repeat,
        "listing_bytes": runs.listing_bytes,
        "cache_bytes": cache_bytes,
        "runs": seconds,
    }
    for name, values in seconds.items():
        result[name + "_s"] = median(values)
    for name, values in runs.cpu_seconds.items():
        result["cpu_runs_" + name] = values
        result[name + "_cpu_s"] = median(values)
    return result
