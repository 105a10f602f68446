# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Checks of the simulator fixtures: start, connection variables, extra instances and errors."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import socket
from typing import Callable

import pytest

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._tenants import (
    TenantIndex,
    flatten_hierarchy,
)
from ansible_collections.prisma_sase.mt_monitor.tests.integration._sample_playbooks import (
    HIERARCHY_PLAYBOOK,
)
from ansible_collections.prisma_sase.mt_monitor.tests.integration._simulator import (
    DEMO_ROOT_TSG_ID,
    Simulator,
    SimulatorError,
)
from ansible_collections.prisma_sase.mt_monitor.tests.integration.conftest import (
    SESSION_TENANTS,
)


def port_is_open(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.settimeout(1.0)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def test_session_simulator_serves_hierarchy(
    playbook_runner: Callable, simulator: Simulator
) -> None:
    run = playbook_runner(HIERARCHY_PLAYBOOK)

    assert run.rc == 0, run.output()
    tenants = flatten_hierarchy(run.task("Get the hierarchy")["json"])
    assert tenants[0]["tsg_id"] == DEMO_ROOT_TSG_ID
    assert len(tenants) == SESSION_TENANTS + 1  # the MSSP root and its tenants
    assert len(TenantIndex(tenants).subtree(DEMO_ROOT_TSG_ID)) == len(tenants)


def test_wrong_secret_is_rejected(playbook_runner: Callable, simulator: Simulator) -> None:
    connection = simulator.connection_environment(client_secret="PLACEHOLDER-SECRET-K06")

    run = playbook_runner(HIERARCHY_PLAYBOOK, connection=connection)

    assert run.rc == 2, run.output()
    assert run.task("Get a token")["status"] == 401


def test_factory_starts_separate_simulator(
    simulator_factory: Callable[..., Simulator], playbook_runner: Callable, simulator: Simulator
) -> None:
    extra = simulator_factory(tenants=3, seed=99)

    run = playbook_runner(HIERARCHY_PLAYBOOK, target=extra)

    assert extra.port != simulator.port
    assert run.rc == 0, run.output()
    assert len(flatten_hierarchy(run.task("Get the hierarchy")["json"])) == 4


def test_stop_closes_port() -> None:
    running = Simulator(tenants=2, seed=3).start()
    port = running.port
    assert port is not None
    assert port_is_open(port)

    running.stop()

    assert not port_is_open(port)
    with pytest.raises(SimulatorError, match="not running"):
        assert running.url


def test_start_failure_shows_stderr() -> None:
    broken = Simulator(extra_args=["--fault", "no-such-fault"])

    with pytest.raises(SimulatorError) as caught:
        broken.start()

    assert "exited with code" in str(caught.value)
    assert "invalid --fault" in str(caught.value)
