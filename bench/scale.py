# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Scale: the main job (playbooks/compliance_report.yml) end to end at 50, 500 and 5,000 tenants.

Each point starts its own simulator with the given latency and sends one run that is not
measured, because the simulator builds each tenant's records on first use. Then it measures
``repeat`` runs of gather, evaluate and the four reports (xlsx, html, junit, json). Only the bench's task timer
callback is enabled, so ansible-playbook keeps no copy of the results that a user's run
would not keep.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import shutil
from pathlib import Path
from typing import Any, Dict, List, Sequence

from ansible_collections.prisma_sase.mt_monitor.bench import _harness
from ansible_collections.prisma_sase.mt_monitor.bench._measure import Measured, median
from ansible_collections.prisma_sase.mt_monitor.tests.integration._main_job import (
    MAIN_PLAYBOOK,
    output_args,
)
from ansible_collections.prisma_sase.mt_monitor.tests.integration._simulator import Simulator

TENANT_COUNTS = (50, 500, 5000)
LATENCIES_MS = (0, 100)
# Runs at 5,000 tenants; each takes under a minute on 2 cores, so the full repeat count fits.
MAX_REPEAT_AT_5000 = 5

WALL_TARGET_S = 60.0
MEMORY_TARGET_MIB = 1024.0

# Role tasks are named "compliance_report : <task name>" by ansible-playbook.
PHASES = {
    "gather": "Gather the monitoring dataset",
    "evaluate": "Evaluate the compliance policy",
    "reports": "Write the reports",
}


def output_dir(tenants: int, latency_ms: int) -> Path:
    """Return the folder that keeps the reports of the last run of one point."""
    return _harness.WORK_ROOT / "scale" / ("reports-%d-%dms" % (tenants, latency_ms))


def _phase_times(records: List[Dict[str, Any]]) -> Dict[str, float]:
    times: Dict[str, float] = {}
    for phase, task_name in PHASES.items():
        for record in records:
            if record["task"].endswith(task_name) and record["end"] is not None:
                times[phase] = record["end"] - record["start"]
    return times


def _run_once(workdir: Path, environment: Dict[str, str], reports: Path) -> Dict[str, Any]:
    shutil.rmtree(reports, ignore_errors=True)
    measured: Measured = _harness.run_playbook_measured(workdir, MAIN_PLAYBOOK, environment, args=output_args(reports))
    peaks = measured.peak_by_label()
    return {
        "wall_s": measured.wall_s,
        "phases_s": _phase_times(_harness.task_times(workdir)),
        "peak_process_mib": max([measured.max_rss_kib, *peaks.values()]) / 1024.0,
        "peak_tree_rss_mib": measured.peak_tree_rss_kib / 1024.0,
        "peak_by_process_mib": {label: peak / 1024.0 for label, peak in sorted(peaks.items())},
        "html_bytes": (reports / "compliance-latest.html").stat().st_size,
        "dataset_bytes": (reports / "dataset.json").stat().st_size,
    }


def measure_point(tenants: int, latency_ms: int, repeat: int) -> Dict[str, Any]:
    """Run the main job against one simulator and return the medians and every run."""
    workdir = _harness.fresh_workdir("scale")
    reports = output_dir(tenants, latency_ms)
    simulator = Simulator(tenants=tenants, seed=1, extra_args=["--latency-ms", str(latency_ms)]).start()
    try:
        environment = _harness.playbook_environment(workdir, simulator)
        environment["ANSIBLE_CALLBACKS_ENABLED"] = "bench_task_times"
        _run_once(workdir, environment, reports)
        runs = [_run_once(workdir, environment, reports) for _repetition in range(repeat)]
    finally:
        simulator.stop()

    labels = sorted({label for run in runs for label in run["peak_by_process_mib"]})
    return {
        "tenants": tenants,
        "latency_ms": latency_ms,
        "repeat": repeat,
        "wall_s": median([run["wall_s"] for run in runs]),
        "phases_s": {phase: median([run["phases_s"].get(phase, 0.0) for run in runs]) for phase in PHASES},
        "peak_process_mib": max(run["peak_process_mib"] for run in runs),
        "peak_tree_rss_mib": max(run["peak_tree_rss_mib"] for run in runs),
        "peak_by_process_mib": {label: max(run["peak_by_process_mib"].get(label, 0.0) for run in runs) for label in labels},
        "html_bytes": runs[-1]["html_bytes"],
        "dataset_bytes": runs[-1]["dataset_bytes"],
        "runs": runs,
    }


def run(repeat: int, tenant_counts: Sequence[int] = TENANT_COUNTS) -> Dict[str, Any]:
    """Measure every tenant count at every latency and return the points."""
    points = []
    for tenants in tenant_counts:
        for latency_ms in LATENCIES_MS:
            point_repeat = min(repeat, MAX_REPEAT_AT_5000) if tenants >= 5000 else repeat
            print("bench: scale %d tenants, %d ms, %d run(s)" % (tenants, latency_ms, point_repeat), flush=True)
            points.append(measure_point(tenants, latency_ms, point_repeat))
    return {
        "scenario": "scale",
        "repeat": repeat,
        "max_repeat_at_5000": MAX_REPEAT_AT_5000,
        "wall_target_s": WALL_TARGET_S,
        "memory_target_mib": MEMORY_TARGET_MIB,
        "points": points,
    }
