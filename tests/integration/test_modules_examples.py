# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The EXAMPLES of every module run as written against the simulator."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import importlib
from pathlib import Path
from typing import Callable, List

import pytest
import yaml

from ansible_collections.prisma_sase.mt_monitor.tests.integration._simulator import Simulator
from ansible_collections.prisma_sase.mt_monitor.tests.integration.test_modules_input import (
    MODULES,
)

# The examples name the simulator's default address; the test simulator listens on a free port.
EXAMPLE_ADDRESS = "127.0.0.1:8443"


def example_tasks(address: str) -> List[dict]:
    tasks: List[dict] = []
    for module in MODULES:
        imported = importlib.import_module(
            "ansible_collections.prisma_sase.mt_monitor.plugins.modules.%s" % module
        )
        assert EXAMPLE_ADDRESS in imported.EXAMPLES, module
        tasks += yaml.safe_load(imported.EXAMPLES.replace(EXAMPLE_ADDRESS, address))
    return tasks


def test_module_examples_run(playbook_runner: Callable, simulator: Simulator) -> None:
    tasks = example_tasks(simulator.url.split("://", 1)[1])
    play = [
        {
            "name": "Run the module examples",
            "hosts": "localhost",
            "gather_facts": False,
            "tasks": tasks,
        }
    ]

    # No PRISMA_SASE_* variables: each example carries its own connection values.
    run = playbook_runner(yaml.safe_dump(play, sort_keys=False), connection={})

    assert run.rc == 0, run.output()
    assert len(run.results) == len(tasks)
    for record in run.results:
        assert record["status"] == "ok", (record["task"], record["result"].get("msg"))


EXAMPLE_PLAYBOOKS = sorted(
    (Path(__file__).resolve().parents[2] / "playbooks" / "examples").glob("*.yml")
)


@pytest.mark.parametrize("playbook", EXAMPLE_PLAYBOOKS, ids=lambda path: path.stem)
def test_example_playbook_runs(playbook_runner: Callable, playbook: Path) -> None:
    run = playbook_runner(playbook)

    assert run.rc == 0, run.output()
    assert run.results, run.output()
    failed = [record["task"] for record in run.results if record["status"] == "failed"]
    assert failed == []
    module_results = [
        record["result"]
        for record in run.results
        if record["task"].startswith(("Read", "Count")) and record["status"] == "ok"
    ]
    assert module_results, "no module task ran in %s" % playbook.name
