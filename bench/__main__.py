# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Run the benchmark scenarios and write docs/benchmarks.md: ``python -m bench``.

Run from the repository root with PYTHONPATH=.build/collections (``make bench`` does both).
Each scenario stores its numbers in .build/bench/<scenario>.json, and the page is written
from every stored file, so a run of one scenario keeps the others' last numbers.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import argparse
import datetime
import json
import os
import statistics
import sys
import threading
from typing import Any, Callable, Dict, List

from ansible_collections.prisma_sase.mt_monitor.bench import (
    _harness,
    _page,
    gathering,
    html_scale,
    inventory,
    scale,
    tenant_scopes,
)

LOAD_INTERVAL_S = 5

SCENARIOS: Dict[str, Callable[[argparse.Namespace], Dict[str, Any]]] = {
    "gathering": lambda options: gathering.run(options.repeat, options.gather_regions),
    "inventory": lambda options: inventory.run(options.repeat),
    "tenant_scopes": lambda options: tenant_scopes.run(options.repeat),
    "scale": lambda options: scale.run(options.repeat, options.scale_tenants),
    "html": lambda options: html_scale.run(options.repeat),
}


class LoadSampler:
    """Read the 1-minute load average from /proc/loadavg every few seconds in a thread."""

    def __init__(self, interval_s: int = LOAD_INTERVAL_S) -> None:
        self.interval_s = interval_s
        self.samples: List[float] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while True:
            with open("/proc/loadavg", encoding="ascii") as handle:
                self.samples.append(float(handle.read().split()[0]))
            if self._stop.wait(self.interval_s):
                return

    def start(self) -> None:
        """Start sampling in the background."""
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def summary(self) -> Dict[str, float]:
        """Return the interval and the min, median and max of the samples."""
        return {
            "interval_s": self.interval_s,
            "min": min(self.samples),
            "median": statistics.median(self.samples),
            "max": max(self.samples),
        }


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=int(os.environ.get("BENCH_REPEAT", "5")),
                        help="runs per measurement; the page reports medians (default: BENCH_REPEAT or 5)")
    parser.add_argument("--scenarios", default=os.environ.get("BENCH_SCENARIOS", ",".join(SCENARIOS)),
                        help="comma-separated scenarios to run (default: BENCH_SCENARIOS or all: %s)" % ", ".join(SCENARIOS))
    parser.add_argument("--gather-regions", default=os.environ.get("BENCH_GATHER_REGIONS", "americas"),
                        help="comma-separated X-PANW-Region values of the gathering scenario (default: americas)")
    parser.add_argument("--scale-tenants", default=os.environ.get("BENCH_SCALE_TENANTS", "50,500,5000"),
                        help="comma-separated tenant counts of the scale scenario (default: 50,500,5000)")
    options = parser.parse_args()
    options.scale_tenants = [int(count) for count in options.scale_tenants.split(",") if count]
    options.gather_regions = [region for region in options.gather_regions.split(",") if region]
    return options


def main() -> int:
    options = parse_arguments()
    chosen = [name for name in options.scenarios.split(",") if name]
    unknown = [name for name in chosen if name not in SCENARIOS]
    if unknown:
        print("unknown scenario(s): %s; choose from %s" % (", ".join(unknown), ", ".join(SCENARIOS)), file=sys.stderr)
        return 2
    if options.repeat < 1:
        print("--repeat must be at least 1, got %d" % options.repeat, file=sys.stderr)
        return 2

    _harness.WORK_ROOT.mkdir(parents=True, exist_ok=True)
    for name in chosen:
        print("bench: running %s, %d repetition(s)" % (name, options.repeat), flush=True)
        started = datetime.datetime.now(datetime.timezone.utc)
        load = LoadSampler()
        load.start()
        try:
            result = SCENARIOS[name](options)
        finally:
            load.stop()
        result["load"] = load.summary()
        result["date"] = started.strftime("%Y-%m-%d %H:%M UTC")
        result["machine"] = _page.machine_facts()
        result["command"] = "make bench BENCH_REPEAT=%d BENCH_SCENARIOS=%s" % (options.repeat, name)
        (_harness.WORK_ROOT / ("%s.json" % name)).write_text(json.dumps(result, indent=1), encoding="utf-8")
        print("bench: %s done" % name, flush=True)

    page = _page.write_page(_harness.WORK_ROOT)
    print("bench: wrote %s" % page)
    return 0


if __name__ == "__main__":
    sys.exit(main())
