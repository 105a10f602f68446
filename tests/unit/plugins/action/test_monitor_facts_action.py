# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from types import SimpleNamespace
from unittest.mock import MagicMock, patch

from ansible_collections.prisma_sase.mt_monitor.plugins.action import monitor_facts
from ansible_collections.prisma_sase.mt_monitor.plugins.action.monitor_facts import (
    ActionModule,
    gathers_on_controller,
)

DATASET = {"tenants": [{"tsg_id": "1000000001"}], "datasets": {}, "errors": []}


def test_local_connection_gathers_on_controller() -> None:
    assert gathers_on_controller(SimpleNamespace(transport="local"), become=False) is True


def test_become_runs_module() -> None:
    assert gathers_on_controller(SimpleNamespace(transport="local"), become=True) is False


def test_other_connections_run_module() -> None:
    for transport in ("ssh", "paramiko", "winrm", "local_module"):
        assert gathers_on_controller(SimpleNamespace(transport=transport), become=False) is False, transport
    assert gathers_on_controller(object(), become=False) is False


def make_action(transport: str, args: dict) -> ActionModule:
    task = MagicMock()
    task.args = args
    task.check_mode = False
    task.async_val = 0
    connection = MagicMock()
    connection.transport = transport
    play_context = MagicMock()
    play_context.become = False
    return ActionModule(task, connection, play_context, loader=MagicMock(), templar=MagicMock(), shared_loader_obj=None)


def test_run_chooses_controller_path() -> None:
    action = make_action("local", {"operations": ["license.quota"]})
    controller_result = {"changed": False, "ansible_facts": {"mt_monitor": DATASET}}
    with patch.object(monitor_facts, "run_on_controller", return_value=controller_result) as controller, \
            patch.object(ActionModule, "_execute_module") as module, \
            patch.object(ActionModule, "_compute_environment_string"):
        result = action.run(task_vars={"tenant_tsg_id": "1000000002"})

    module.assert_not_called()
    assert controller.call_args.args[0] == {"operations": ["license.quota"], "tenant_tsg_id": "1000000002"}
    assert result["ansible_facts"]["mt_monitor"] is DATASET


def test_run_chooses_module_path() -> None:
    action = make_action("ssh", {"operations": ["license.quota"]})
    module_result = {"changed": False, "ansible_facts": {"mt_monitor": DATASET}}
    with patch.object(monitor_facts, "run_on_controller") as controller, \
            patch.object(ActionModule, "_execute_module", return_value=module_result) as module:
        result = action.run(task_vars={})

    controller.assert_not_called()
    assert module.call_args.kwargs["module_name"] == "prisma_sase.mt_monitor.monitor_facts"
    assert result["ansible_facts"]["mt_monitor"] is DATASET
