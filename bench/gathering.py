# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Gathering: one monitor_facts task against uri tasks sending the same requests in turn.

Both sides use one access token requested before the runs, so neither pays for a token in
the measured time. The uri side gets one task per operation, 36 with the hierarchy read that
monitor_facts sends before the others and reuses for its tenant.hierarchy rows. Each task loops over the regions and query variants
that monitor_facts sent. The simulator's per-operation, per-region counters must match
between the two sides, or the scenario fails.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import math
import time
from pathlib import Path
from typing import Any, Dict, List, Tuple

from ansible_collections.prisma_sase.mt_monitor.bench import _harness
from ansible_collections.prisma_sase.mt_monitor.bench._measure import median
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._catalog import OPERATIONS
from ansible_collections.prisma_sase.mt_monitor.tests.integration._simulator import Simulator
from ansible_collections.prisma_sase.mt_monitor.tests.integration._tenant_runs import reset, stats

TENANTS = 1000
LATENCY_MS = 300
MAX_CONCURRENCY = 8
HIERARCHY = "tenant.hierarchy"

FACTS_PLAYBOOK = """
- name: Gather every operation with monitor_facts
  hosts: localhost
  gather_facts: false
  tasks:
    - name: module start
      ansible.builtin.ping:
    - name: monitor_facts
      prisma_sase.mt_monitor.monitor_facts:
        operations: [all]
        region: %(regions)s
        access_token: %(token)s
        max_concurrency: %(concurrency)d
        dest: %(dest)s
        return_facts: %(return_facts)s
"""


def _uri_task(name: str, calls: List[Dict[str, Any]], base_url: str, token: str) -> Dict[str, Any]:
    operation = OPERATIONS[name]
    task: Dict[str, Any] = {
        "name": name,
        "ansible.builtin.uri": {
            "url": base_url + operation.path + "{{ item.query }}",
            "method": operation.method,
            "headers": {"Authorization": "Bearer " + token, "X-PANW-Region": "{{ item.region }}"},
            "status_code": 200,
        },
        "loop": calls,
    }
    if operation.method == "POST":
        task["ansible.builtin.uri"]["body_format"] = "json"
        task["ansible.builtin.uri"]["body"] = "{{ item.body }}"
    return task


def _query_text(query: Dict[str, Any]) -> str:
    if not query:
        return ""
    return "?" + "&".join("%s=%s" % (key, value) for key, value in sorted(query.items()))


def build_uri_playbook(dataset: Dict[str, Any], base_url: str, token: str) -> str:
    """Build the uri side as playbook text: one task per operation, looping over regions and query variants."""
    regions = dataset["regions"]
    tasks = [_uri_task(HIERARCHY, [{"region": regions[0], "query": "", "body": None}], base_url, token)]
    for name, entry in dataset["datasets"].items():
        # monitor_facts reads the hierarchy once and reuses it for its tenant.hierarchy rows.
        if name == HIERARCHY:
            continue
        request = entry["request"]
        variants = [dict(request.get("query") or {})]
        if OPERATIONS[name].query_variants:
            variants = [dict(variants[0], **variant) for variant in OPERATIONS[name].query_variants]
        calls = [
            {"region": region, "query": _query_text(query), "body": request.get("body")}
            # Operations that ignore the region header list no regions and are sent once.
            for region in entry["regions"] or regions[:1]
            for query in variants
        ]
        tasks.append(_uri_task(name, calls, base_url, token))
    play = [{"name": "Send the same requests with ansible.builtin.uri", "hosts": "localhost", "gather_facts": False, "tasks": tasks}]
    return json.dumps(play, indent=1)


def _span(records: List[Dict[str, Any]], names: List[str]) -> float:
    chosen = [record for record in records if record["task"] in names]
    return max(record["end"] for record in chosen) - min(record["start"] for record in chosen)


def _run_side(workdir: Path, playbook: Path, environment: Dict[str, str], simulator: Simulator) -> Tuple[List[Dict[str, Any]], Dict[str, Any], float]:
    """Run one side with fresh simulator counters; return its task times, counters and wall time."""
    reset(simulator)
    measured = _harness.run_playbook_measured(workdir, playbook, environment)
    return _harness.task_times(workdir), stats(simulator), measured.wall_s


def run(repeat: int, regions: List[str]) -> Dict[str, Any]:
    """Measure both sides ``repeat`` times, side by side, and return the summary."""
    workdir = _harness.fresh_workdir("gathering")
    simulator = Simulator(tenants=TENANTS, seed=1, extra_args=["--latency-ms", str(LATENCY_MS)]).start()
    try:
        token_started = time.monotonic()
        token = _harness.request_token(simulator)
        token_s = time.monotonic() - token_started
        environment = _harness.playbook_environment(workdir, simulator)
        # Only the task timer: the test suite's record_results callback copies and encodes
        # every result, which no ordinary run does, and this scenario reads no results file.
        environment["ANSIBLE_CALLBACKS_ENABLED"] = "bench_task_times"
        dataset_path = workdir / "dataset.json"
        facts_playbook = workdir / "facts.yml"
        file_playbook = workdir / "facts_file_only.yml"
        for path, return_facts in ((facts_playbook, "true"), (file_playbook, "false")):
            path.write_text(
                FACTS_PLAYBOOK % {
                    "regions": json.dumps(regions), "token": token, "concurrency": MAX_CONCURRENCY, "dest": dataset_path,
                    "return_facts": return_facts,
                },
                encoding="utf-8",
            )

        # The simulator generates each tenant's records on first use, so one run that is not
        # measured keeps that cost out of both sides.
        _harness.run_playbook_measured(workdir, facts_playbook, environment)

        # With ansible-core's inject_facts_as_vars off, facts are not also copied into top-level variables.
        no_inject_environment = dict(environment, ANSIBLE_INJECT_FACT_VARS="False")

        facts_runs: List[Dict[str, float]] = []
        file_runs: List[Dict[str, float]] = []
        no_inject_runs: List[Dict[str, float]] = []
        uri_runs: List[Dict[str, float]] = []
        uri_playbook = workdir / "uri.yml"
        for _repetition in range(repeat):
            dataset_path.unlink(missing_ok=True)
            times, counters, wall = _run_side(workdir, file_playbook, environment, simulator)
            file_counts = counters["operation_regions"]
            file_runs.append({"wall_s": wall, "task_s": _span(times, ["monitor_facts"])})

            dataset_path.unlink(missing_ok=True)
            times, counters, wall = _run_side(workdir, facts_playbook, environment, simulator)
            facts_counts = counters["operation_regions"]
            facts_runs.append(
                {
                    "wall_s": wall,
                    "task_s": _span(times, ["monitor_facts"]),
                    "module_start_s": _span(times, ["module start"]),
                    "requests": counters["api_calls"],
                    "max_in_flight": counters["max_api_requests_in_flight"],
                }
            )

            dataset_path.unlink(missing_ok=True)
            times, counters, wall = _run_side(workdir, facts_playbook, no_inject_environment, simulator)
            no_inject_counts = counters["operation_regions"]
            no_inject_runs.append({"wall_s": wall, "task_s": _span(times, ["monitor_facts"])})

            dataset = json.loads(dataset_path.read_text(encoding="utf-8"))
            uri_playbook.write_text(build_uri_playbook(dataset, simulator.url, token), encoding="utf-8")
            times, counters, wall = _run_side(workdir, uri_playbook, environment, simulator)
            uri_counts = counters["operation_regions"]
            uri_runs.append(
                {
                    "wall_s": wall,
                    "task_s": _span(times, [record["task"] for record in times]),
                    "requests": counters["api_calls"],
                    "tasks": len(times),
                }
            )
            if any(counts != uri_counts for counts in (facts_counts, file_counts, no_inject_counts)):
                raise RuntimeError(
                    "the monitor_facts and uri runs sent different requests per operation and region, so their times do not "
                    "compare; check the uri playbook that build_uri_playbook writes. monitor_facts: %s; with return_facts false: %s; "
                    "with inject_facts_as_vars off: %s; uri: %s" % (facts_counts, file_counts, no_inject_counts, uri_counts)
                )
    finally:
        simulator.stop()

    requests = facts_runs[-1]["requests"]
    facts_task = median([entry["task_s"] for entry in facts_runs])
    module_start = median([entry["module_start_s"] for entry in facts_runs])
    uri_task = median([entry["task_s"] for entry in uri_runs])
    bound = module_start + token_s + math.ceil(requests / MAX_CONCURRENCY) * LATENCY_MS / 1000.0
    return {
        "scenario": "gathering",
        "tenants": TENANTS,
        "latency_ms": LATENCY_MS,
        "max_concurrency": MAX_CONCURRENCY,
        "regions": regions,
        "repeat": repeat,
        "requests": requests,
        "uri_tasks": uri_runs[-1]["tasks"],
        "token_s": token_s,
        "module_start_s": module_start,
        "facts_task_s": facts_task,
        "facts_wall_s": median([entry["wall_s"] for entry in facts_runs]),
        "facts_max_in_flight": max(entry["max_in_flight"] for entry in facts_runs),
        "uri_task_s": uri_task,
        "uri_wall_s": median([entry["wall_s"] for entry in uri_runs]),
        "speedup": uri_task / facts_task,
        "file_task_s": median([entry["task_s"] for entry in file_runs]),
        "file_wall_s": median([entry["wall_s"] for entry in file_runs]),
        "file_speedup": uri_task / median([entry["task_s"] for entry in file_runs]),
        "file_bound_ratio": median([entry["task_s"] for entry in file_runs]) / bound,
        "no_inject_task_s": median([entry["task_s"] for entry in no_inject_runs]),
        "no_inject_speedup": uri_task / median([entry["task_s"] for entry in no_inject_runs]),
        "bound_s": bound,
        "bound_ratio": facts_task / bound,
        "runs": {
            "monitor_facts": facts_runs,
            "monitor_facts_file_only": file_runs,
            "monitor_facts_no_inject": no_inject_runs,
            "uri": uri_runs,
        },
    }
