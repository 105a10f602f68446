# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Invalid input, environment-only connections and module documentation."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import subprocess
from pathlib import Path
from typing import Callable, List

from ansible_collections.prisma_sase.mt_monitor.tests.integration._direct_api import DirectApi
from ansible_collections.prisma_sase.mt_monitor.tests.integration._playbook import (
    COLLECTIONS_PATH,
    VENV_BIN,
    PlaybookRun,
    build_environment,
)
from ansible_collections.prisma_sase.mt_monitor.tests.integration._simulator import Simulator

MODULES = (
    "tenant_info",
    "aggregate_query",
    "alert_info",
    "threat_info",
    "application_info",
    "url_info",
    "incident_info",
    "connectivity_info",
    "location_info",
    "resource_info",
    "upgrade_info",
    "license_info",
    "app_monitor_info",
)

BAD_INPUT_PLAYBOOK = """
- name: Send invalid input to the modules
  hosts: localhost
  gather_facts: false
  tasks:
    - name: unknown operation
      prisma_sase.mt_monitor.threat_info:
        operation: threats.nothing
      ignore_errors: true
    - name: unknown aggregate operation
      prisma_sase.mt_monitor.aggregate_query:
        operation: nothing.at_all
      ignore_errors: true
    - name: unknown property
      prisma_sase.mt_monitor.threat_info:
        properties: [sub_tenant_id, not_a_property]
      ignore_errors: true
    - name: malformed region
      prisma_sase.mt_monitor.alert_info:
        region: us-east-1
      ignore_errors: true
    - name: nine digit tsg_id
      prisma_sase.mt_monitor.tenant_info:
        tsg_id: "123456789"
      ignore_errors: true
    - name: path outside the API
      prisma_sase.mt_monitor.aggregate_query:
        path: /mt/monitor/../../api/sase/v1/config
      ignore_errors: true
    - name: unknown tenant
      prisma_sase.mt_monitor.tenant_info:
        tenant: No Such Customer
      ignore_errors: true
"""

ENV_ONLY_PLAYBOOK = """
- name: Use only PRISMA_SASE_* variables
  hosts: localhost
  gather_facts: false
  tasks:
    - name: threats from the environment
      prisma_sase.mt_monitor.threat_info:
    - name: tenants from the environment
      prisma_sase.mt_monitor.tenant_info:
"""


def task_status(run: PlaybookRun, name: str) -> str:
    """Return how the task ended: ok, failed, ignored (failed with ignore_errors) or skipped."""
    statuses = [record["status"] for record in run.results if record["task"] == name]
    assert len(statuses) == 1, (name, statuses)
    return statuses[0]


def test_bad_input_fails_before_calls(playbook_runner: Callable, simulator: Simulator) -> None:
    api = DirectApi(simulator)
    api.reset()

    run = playbook_runner(BAD_INPUT_PLAYBOOK)

    assert run.rc == 0, run.output()
    expected = {
        "unknown operation": "threats.nothing",
        "unknown aggregate operation": "nothing.at_all",
        "unknown property": "not_a_property",
        "malformed region": "us-east-1",
        "nine digit tsg_id": "123456789",
        "path outside the API": "/mt/monitor/",
    }
    for task, fragment in expected.items():
        result = run.task(task)
        assert task_status(run, task) == "ignored", task
        assert fragment in result["msg"], (task, result["msg"])
        assert "Traceback" not in result.get("module_stderr", ""), task

    # Only the unknown tenant needs the hierarchy to be judged, so it is the only API call.
    unknown = run.task("unknown tenant")
    assert task_status(run, "unknown tenant") == "ignored"
    assert "No Such Customer" in unknown["msg"]
    stats = api.stats()
    assert stats["api_calls"] == 1
    assert stats["operations"] == {"tenant.hierarchy": 1}


def test_k08_environment_only_connection(playbook_runner: Callable, simulator: Simulator) -> None:
    connection = simulator.connection_environment(client_secret="demo-client-secret")
    connection["PRISMA_SASE_VALIDATE_CERTS"] = "false"

    run = playbook_runner(ENV_ONLY_PLAYBOOK, connection=connection)

    assert run.rc == 0, run.output()
    threats = run.task("threats from the environment")
    assert threats["threats"]
    assert threats["invocation"]["module_args"]["validate_certs"] is False
    assert threats["invocation"]["module_args"]["api_url"] == simulator.url
    tenants = run.task("tenants from the environment")
    assert len(tenants["tenants"]) == simulator.tenants + 1


def test_k08_missing_secret_names_variables(
    playbook_runner: Callable, simulator: Simulator
) -> None:
    connection = simulator.connection_environment()
    del connection["PRISMA_SASE_CLIENT_SECRET"]

    run = playbook_runner(ENV_ONLY_PLAYBOOK, connection=connection)

    assert run.rc == 2
    message = run.task("threats from the environment")["msg"]
    assert "PRISMA_SASE_CLIENT_SECRET" in message
    assert "demo-client-id" not in message


def run_ansible_doc(arguments: List[str], workdir: Path) -> subprocess.CompletedProcess:
    environment = build_environment(workdir)
    environment["ANSIBLE_COLLECTIONS_PATH"] = str(COLLECTIONS_PATH)
    return subprocess.run(
        [str(VENV_BIN / "ansible-doc")] + arguments,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_ansible_doc_renders_every_module(tmp_path: Path) -> None:
    names = ["prisma_sase.mt_monitor.%s" % module for module in MODULES]

    completed = run_ansible_doc(["--json", "-t", "module"] + names, tmp_path)

    assert completed.returncode == 0, completed.stderr
    docs = json.loads(completed.stdout)
    assert sorted(docs) == sorted(names)
    for name in names:
        entry = docs[name]
        assert entry["doc"]["module"] == name.rsplit(".", 1)[1], name
        assert entry["doc"]["options"], name
        assert entry["examples"].strip(), name
        assert entry["return"], name
        assert "check_mode" in entry["doc"]["attributes"], name

    # The text renderer is what `ansible-doc prisma_sase.mt_monitor.<module>` prints.
    text = run_ansible_doc(names, tmp_path)
    assert text.returncode == 0, text.stderr
    assert "ERROR" not in text.stderr
    for name in names:
        assert "> MODULE %s" % name in text.stdout, name
