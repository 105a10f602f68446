# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Helpers of the facts, lookup and inventory tests: simulator control and ansible-inventory."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import socket
import subprocess
import urllib.request
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional, Sequence

from ansible_collections.prisma_sase.mt_monitor.tests.integration._playbook import (
    VENV_BIN,
    PlaybookRun,
    build_environment,
)
from ansible_collections.prisma_sase.mt_monitor.tests.integration._simulator import Simulator

K06_SECRET = "PLACEHOLDER-SECRET-K06"


def _control(simulator: Simulator, method: str, path: str, payload: Any = None) -> Any:
    data = None if payload is None else json.dumps(payload).encode("utf-8")
    request = urllib.request.Request(
        simulator.url + path, data=data, method=method, headers={"Content-Type": "application/json"}
    )
    # The simulator listens on 127.0.0.1; an empty proxy map keeps any proxy variable away.
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(request, timeout=30) as response:
        return json.loads(response.read().decode("utf-8"))


def reset(simulator: Simulator) -> None:
    """Clear the simulator's counters and faults."""
    _control(simulator, "POST", "/_sim/reset", {})


def stats(simulator: Simulator) -> Dict[str, Any]:
    """Return the simulator's request counters."""
    return _control(simulator, "GET", "/_sim/stats")


def add_fault(simulator: Simulator, **fault: Any) -> None:
    """Inject one fault, such as ``kind="status", operation="alerts.list", status=403``."""
    _control(simulator, "POST", "/_sim/faults", fault)


def closed_port() -> int:
    """Return a port on 127.0.0.1 that nothing listens on (bound once, then released)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def tenant_node(tsg_id: str, name: str, children: Sequence[Dict[str, Any]] = (), **extra: Any):
    """Return a hierarchy node as the hierarchy operation returns it."""
    node = {
        "id": tsg_id,
        "display_name": name,
        "cdlTenantId": "9" + tsg_id[1:],
        "tenantLicenseType": "SASE",
        "region": ["us01"],
        "vertical": "finance",
        "license_activated": True,
        "children": list(children),
    }
    node.update(extra)
    return node


def write_hierarchy(path: Path, root: Dict[str, Any]) -> Path:
    """Write a hierarchy file for ``--hierarchy``."""
    path.write_text(json.dumps(root), encoding="utf-8")
    return path


def write_inventory_config(workdir: Path, text: str, name: str = "tenants.mt_monitor.yml") -> Path:
    workdir.mkdir(parents=True, exist_ok=True)
    path = workdir / name
    path.write_text(text, encoding="utf-8")
    return path


def run_inventory(
    workdir: Path,
    inventory: Path,
    connection: Optional[Mapping[str, str]],
    args: Sequence[str] = ("--list",),
    extra_env: Optional[Mapping[str, str]] = None,
) -> PlaybookRun:
    """Run ansible-inventory on one source with the isolated environment of the playbook runs.

    An inventory source that fails to parse is an error (not a warning), so failures show.
    """
    environment = build_environment(workdir, connection, extra_env)
    environment["ANSIBLE_INVENTORY_UNPARSED_FAILED"] = "1"
    environment["ANSIBLE_INVENTORY_ENABLED"] = "prisma_sase.mt_monitor.tenants"
    command: List[str] = [str(VENV_BIN / "ansible-inventory"), "-i", str(inventory)] + list(args)
    completed = _run(command, workdir, environment)
    return PlaybookRun(completed.returncode, completed.stdout, completed.stderr, [], command)


def _run(
    command: List[str], workdir: Path, environment: Mapping[str, str], timeout: float = 600
) -> "subprocess.CompletedProcess[str]":
    return subprocess.run(
        command,
        cwd=str(workdir),
        env=dict(environment),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def task_status(run: PlaybookRun, name: str) -> str:
    """Return the status (ok, failed, ignored, skipped) of the only run of a task."""
    statuses = [record["status"] for record in run.results if record["task"] == name]
    if len(statuses) != 1:
        raise AssertionError("expected one result for task %r, got %r\n%s" % (name, statuses, run.output()))
    return statuses[0]


def run_ansible_doc(workdir: Path, plugin_type: str, name: str) -> PlaybookRun:
    """Run ``ansible-doc -t TYPE NAME`` and, on success, ``--json`` for the parsed document."""
    environment = build_environment(workdir)
    command = [str(VENV_BIN / "ansible-doc"), "-t", plugin_type, name]
    completed = _run(command + ["--json"], workdir, environment, timeout=120)
    results: List[Dict[str, Any]] = []
    if completed.returncode == 0:
        results = [json.loads(completed.stdout)[name]]
    text = _run(command, workdir, dict(environment, PAGER="cat"), timeout=120)
    return PlaybookRun(
        max(completed.returncode, text.returncode),
        text.stdout,
        completed.stderr + text.stderr,
        results,
        command,
    )
