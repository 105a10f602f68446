# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Shared pieces of the scenarios: the isolated ansible environment, tokens and timed runs.

The simulator and the playbook environment come from the integration test helpers, so a
benchmark runs the collection exactly as the integration tests do.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import base64
import json
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional, Sequence

from ansible_collections.prisma_sase.mt_monitor.bench._measure import Measured, run_measured
from ansible_collections.prisma_sase.mt_monitor.tests.integration._playbook import (
    CALLBACK_DIR,
    VENV_BIN,
    build_environment,
)
from ansible_collections.prisma_sase.mt_monitor.tests.integration._simulator import (
    DEMO_CLIENT_ID,
    DEMO_CLIENT_SECRET,
    DEMO_ROOT_TSG_ID,
    REPO_ROOT,
    Simulator,
)

BENCH_CALLBACK_DIR = Path(__file__).resolve().parent / "callback_plugins"
WORK_ROOT = REPO_ROOT / ".build" / "bench"


def playbook_environment(workdir: Path, simulator: Optional[Simulator], extra: Optional[Mapping[str, str]] = None) -> Dict[str, str]:
    """Return the isolated environment of the integration tests plus the task timer."""
    connection = simulator.connection_environment() if simulator is not None else None
    environment = build_environment(workdir, connection, extra)
    environment["ANSIBLE_CALLBACK_PLUGINS"] = "%s:%s" % (CALLBACK_DIR, BENCH_CALLBACK_DIR)
    environment["ANSIBLE_CALLBACKS_ENABLED"] = "record_results,bench_task_times"
    environment["MT_MONITOR_BENCH_TASK_TIMES"] = str(workdir / "task_times.json")
    return environment


def write_localhost_inventory(workdir: Path) -> Path:
    """Write an inventory of localhost whose modules run on the virtual environment's Python."""
    inventory = workdir / "inventory.ini"
    inventory.write_text(
        "localhost ansible_connection=local ansible_python_interpreter=%s\n" % (VENV_BIN / "python"),
        encoding="utf-8",
    )
    return inventory


def run_playbook_measured(
    workdir: Path,
    playbook: Path,
    environment: Mapping[str, str],
    inventory: Optional[Path] = None,
    args: Sequence[str] = (),
) -> Measured:
    """Run ansible-playbook under the process-tree sampler; raise when it fails."""
    for name in ("results.json", "task_times.json"):
        (workdir / name).unlink(missing_ok=True)
    command = [
        str(VENV_BIN / "ansible-playbook"),
        "-i",
        str(inventory or write_localhost_inventory(workdir)),
        str(playbook),
    ] + list(args)
    measured = run_measured(command, workdir, environment, workdir / "output.log")
    if measured.returncode != 0:
        tail = (workdir / "output.log").read_text(encoding="utf-8", errors="replace")[-3000:]
        raise RuntimeError("ansible-playbook failed with code %d: %s\n%s" % (measured.returncode, " ".join(command), tail))
    return measured


def task_times(workdir: Path) -> List[Dict[str, Any]]:
    """Return the task records that the bench_task_times callback wrote."""
    return json.loads((workdir / "task_times.json").read_text(encoding="utf-8"))


def task_results(workdir: Path) -> List[Dict[str, Any]]:
    """Return the task results that the record_results callback wrote."""
    return json.loads((workdir / "results.json").read_text(encoding="utf-8"))


def request_token(simulator: Simulator, tsg_id: str = DEMO_ROOT_TSG_ID) -> str:
    """Request an access token for ``tsg_id`` from the simulator with the demo credentials."""
    credentials = base64.b64encode(("%s:%s" % (DEMO_CLIENT_ID, DEMO_CLIENT_SECRET)).encode()).decode()
    request = urllib.request.Request(
        simulator.auth_url,
        data=urllib.parse.urlencode({"grant_type": "client_credentials", "scope": "tsg_id:%s" % tsg_id}).encode(),
        headers={"Authorization": "Basic " + credentials, "Content-Type": "application/x-www-form-urlencoded"},
        method="POST",
    )
    # The simulator listens on 127.0.0.1; an empty proxy map keeps any proxy variable away.
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(request, timeout=30) as response:
        return json.loads(response.read().decode("utf-8"))["access_token"]


def fresh_workdir(name: str) -> Path:
    """Return an empty work folder under .build/bench."""
    workdir = WORK_ROOT / name
    workdir.mkdir(parents=True, exist_ok=True)
    for child in ("results.json", "task_times.json", "output.log"):
        (workdir / child).unlink(missing_ok=True)
    return workdir
