# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Run a command and measure its wall time and the peak memory of every process it starts.

Memory comes from Linux /proc: each process's VmHWM (its peak resident set size), read every
``interval`` seconds while the process lives, and the sum of VmRSS over the process tree at
each sample. A process that starts and exits between two samples is missed by the per-process
table, so the result also carries ``ru_maxrss`` from wait4(2), the exact peak of the largest
single process of the tree.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import statistics
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Mapping, Optional, Sequence


@dataclass
class ProcessPeak:
    """Peak resident memory of one process of the measured tree."""

    pid: int
    label: str
    peak_kib: int


@dataclass
class Measured:
    """Outcome of one measured command."""

    returncode: int
    wall_s: float
    max_rss_kib: int
    peak_tree_rss_kib: int
    processes: List[ProcessPeak] = field(default_factory=list)
    stdout_path: Optional[Path] = None

    def peak_by_label(self) -> Dict[str, int]:
        """Return the largest peak per process label, in KiB."""
        peaks: Dict[str, int] = {}
        for process in self.processes:
            peaks[process.label] = max(peaks.get(process.label, 0), process.peak_kib)
        return peaks


def _status_fields(pid: int) -> Dict[str, int]:
    values: Dict[str, int] = {}
    try:
        with open("/proc/%d/status" % pid, encoding="ascii", errors="replace") as handle:
            for line in handle:
                if line.startswith(("VmHWM:", "VmRSS:")):
                    name, amount = line.split(":", 1)
                    values[name] = int(amount.split()[0])
    except (FileNotFoundError, ProcessLookupError, PermissionError, ValueError):
        pass
    return values


def _parent_map() -> Dict[int, int]:
    parents: Dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % entry, encoding="ascii", errors="replace") as handle:
                text = handle.read()
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
        # The command name in brackets may contain spaces, so split after its closing bracket.
        fields = text[text.rfind(")") + 2:].split()
        parents[int(entry)] = int(fields[1])
    return parents


def descendants(root: int) -> List[int]:
    """Return ``root`` and every live process below it."""
    children: Dict[int, List[int]] = {}
    for pid, parent in _parent_map().items():
        children.setdefault(parent, []).append(pid)
    found = [root]
    index = 0
    while index < len(found):
        found.extend(children.get(found[index], []))
        index += 1
    return found


def label_process(pid: int) -> str:
    """Name a process by its role: ansible-playbook, a worker, a module, the simulator, etc."""
    try:
        with open("/proc/%d/cmdline" % pid, "rb") as handle:
            arguments = [part.decode("utf-8", "replace") for part in handle.read().split(b"\0") if part]
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        return "unknown"
    text = " ".join(arguments)
    if "AnsiballZ_" in text:
        return "module " + text.split("AnsiballZ_", 1)[1].split(".py", 1)[0]
    for program in ("ansible-playbook", "ansible-inventory", "chromium", "chrome"):
        if program in text:
            return program
    return os.path.basename(arguments[0]) if arguments else "unknown"


def run_measured(
    command: Sequence[str],
    cwd: Path,
    env: Mapping[str, str],
    output: Path,
    timeout: float = 1800.0,
    interval: float = 0.05,
) -> Measured:
    """Run ``command`` with stdout and stderr in ``output`` and sample its process tree."""
    peaks: Dict[int, ProcessPeak] = {}
    labels: Dict[int, str] = {}
    peak_tree = 0
    started = time.monotonic()
    with open(output, "wb") as log:
        process = subprocess.Popen(
            list(command), cwd=str(cwd), env=dict(env), stdin=subprocess.DEVNULL, stdout=log,
            stderr=subprocess.STDOUT,
        )
        while True:
            finished, status, usage = os.wait4(process.pid, os.WNOHANG)
            if finished:
                break
            tree_rss = 0
            for pid in descendants(process.pid):
                values = _status_fields(pid)
                if not values:
                    continue
                # A worker forks from ansible-playbook and keeps its command line, so a pid is
                # labelled once, when first seen, and keeps that label.
                if pid not in labels:
                    labels[pid] = label_process(pid)
                    if pid != process.pid and labels[pid] == "ansible-playbook":
                        labels[pid] = "ansible-playbook worker"
                tree_rss += values.get("VmRSS", 0)
                previous = peaks.get(pid)
                peak = max(values.get("VmHWM", 0), previous.peak_kib if previous else 0)
                peaks[pid] = ProcessPeak(pid, labels[pid], peak)
            peak_tree = max(peak_tree, tree_rss)
            if time.monotonic() - started > timeout:
                process.kill()
            time.sleep(interval)
    wall = time.monotonic() - started
    # wait4 reaped the process, so Popen must not wait for it again.
    process.returncode = os.waitstatus_to_exitcode(status)
    processes = sorted(peaks.values(), key=lambda peak: peak.pid)
    return Measured(process.returncode, wall, usage.ru_maxrss, peak_tree, processes, output)


def median(values: Sequence[float]) -> float:
    """Return the median of measured values."""
    return float(statistics.median(values))
