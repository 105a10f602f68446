# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""monitor_facts gathering in the controller process and through its module, side by side.

A task on localhost (connection local) gathers in ansible-playbook's worker. The same task
with ``ansible_connection: local_module`` (tests/integration/connection_plugins) runs the
module, as on a remote host. Both must return the same result.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
from pathlib import Path

from ansible_collections.prisma_sase.mt_monitor.tests.integration._secret_scan import (
    K05_SECRET,
)
from ansible_collections.prisma_sase.mt_monitor.tests.integration._tenant_runs import (
    reset,
    stats,
    task_status,
)

CONNECTION_PLUGINS = Path(__file__).resolve().parent / "connection_plugins"
MODULE_PATH_ENV = {"ANSIBLE_CONNECTION_PLUGINS": str(CONNECTION_PLUGINS)}

BOTH_PATHS = """
- name: Both paths
  hosts: localhost
  gather_facts: false
  tasks:
%s
"""

TASK = """
    - name: %(name)s
      prisma_sase.mt_monitor.monitor_facts:
%(options)s
      vars:
        ansible_connection: %(connection)s
%(extra)s
"""

# Keys of the dataset that change from one run to the next.
RUN_KEYS = ("collected_at", "time_window")


def both_paths_playbook(options: dict, extra: str = "") -> str:
    """Return a playbook that runs the same monitor_facts task as "controller" and as "module"."""
    lines = "\n".join("        %s: %s" % (name, json.dumps(value)) for name, value in options.items())
    tasks = [
        TASK % {"name": name, "options": lines, "connection": connection, "extra": extra}
        for name, connection in (("controller", "local"), ("module", "local_module"))
    ]
    return BOTH_PATHS % "".join(tasks)


def comparable(result: dict) -> dict:
    """Return the result without the dataset keys that differ between two runs."""
    copy = json.loads(json.dumps(result))
    dataset = copy.get("ansible_facts", {}).get("mt_monitor")
    if dataset:
        for key in RUN_KEYS:
            dataset.pop(key)
    return copy


def module_starts(run) -> int:
    return (run.stdout + run.stderr).count("AnsiballZ_monitor_facts.py")


def test_paths_return_same_result(simulator, playbook_runner) -> None:
    options = {"operations": ["threats.summary", "license.quota", "tenant.hierarchy"]}
    run = playbook_runner(both_paths_playbook(options), extra_env=MODULE_PATH_ENV, args=["-vvv"])

    assert run.rc == 0, run.output()
    controller = run.task("controller")
    module = run.task("module")
    assert module_starts(run) > 0, "the local_module task did not run the module"
    assert sorted(controller) == sorted(module)
    assert comparable(controller) == comparable(module)
    assert controller["invocation"]["module_args"]["client_secret"] == "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER"


def test_controller_path_starts_no_module(simulator, playbook_runner) -> None:
    playbook = BOTH_PATHS % (
        TASK % {"name": "controller", "options": "        operations: [license.quota]", "connection": "local", "extra": ""}
    )
    run = playbook_runner(playbook, args=["-vvv"])

    assert run.rc == 0, run.output()
    assert run.task("controller")["ansible_facts"]["mt_monitor"]["datasets"]["license.quota"]["rows"]
    assert module_starts(run) == 0


def test_paths_fail_alike(simulator, playbook_runner) -> None:
    cases = {
        "unsupported option": {"operations": ["license.quota"], "bogus": 1},
        "wrong type": {"operations": ["license.quota"], "max_retries": "abc"},
        "unknown operation": {"operations": ["nope.nope"]},
        "invalid scope": {"operations": ["license.quota"], "tenant_tsg_id": "12"},
        "invalid settings": {"operations": ["license.quota"], "timeout": -1},
    }
    for case, options in cases.items():
        run = playbook_runner(
            both_paths_playbook(options, extra="      ignore_errors: true"), extra_env=MODULE_PATH_ENV
        )

        assert run.rc == 0, run.output()
        assert task_status(run, "controller") == "ignored", case
        assert task_status(run, "module") == "ignored", case
        assert comparable(run.task("controller")) == comparable(run.task("module")), case


def test_task_environment_supplies_secret(simulator, playbook_runner) -> None:
    # The connection variables leave out the client secret, so only the task's environment
    # keyword supplies it.
    connection = simulator.connection_environment()
    del connection["PRISMA_SASE_CLIENT_SECRET"]
    extra = "      environment:\n        PRISMA_SASE_CLIENT_SECRET: %s" % simulator.connection_environment()["PRISMA_SASE_CLIENT_SECRET"]
    reset(simulator)
    run = playbook_runner(
        both_paths_playbook({"operations": ["license.quota"]}, extra=extra),
        connection=connection,
        extra_env=MODULE_PATH_ENV,
    )

    assert run.rc == 0, run.output()
    assert comparable(run.task("controller")) == comparable(run.task("module"))
    assert stats(simulator)["api_calls"] > 0


def test_task_environment_secret_masked(simulator, playbook_runner) -> None:
    # The task's environment supplies a secret that the simulator rejects, and the run is at
    # -vvvv. Only the controller path is searched, because when the module runs, ansible-core
    # itself logs the environment of the module command at -vvv.
    playbook = BOTH_PATHS % (
        TASK
        % {
            "name": "controller",
            "options": "        operations: [license.quota]\n        max_retries: 0",
            "connection": "local",
            "extra": "      ignore_errors: true\n      environment:\n        PRISMA_SASE_CLIENT_SECRET: %s" % K05_SECRET,
        }
    )
    run = playbook_runner(playbook, args=["-vvvv"])
    result = run.task("controller")

    assert run.rc == 0, run.output()
    assert task_status(run, "controller") == "ignored"
    assert result["error"]["status"] == 401, result
    assert result["invocation"]["module_args"]["client_secret"] == "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER"
    assert K05_SECRET not in run.stdout + run.stderr
    assert K05_SECRET not in json.dumps(run.results)
