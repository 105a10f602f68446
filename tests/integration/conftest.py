# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Fixtures of the integration suite: simulators and real ansible-playbook runs."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from pathlib import Path
from typing import Callable, Iterator, List, Optional, Sequence, Union

import pytest

from ansible_collections.prisma_sase.mt_monitor.tests.integration._playbook import (
    PlaybookRun,
    run_playbook,
)
from ansible_collections.prisma_sase.mt_monitor.tests.integration._simulator import Simulator

# The shared simulator: enough tenants for a hierarchy of several levels, small enough to start
# in a few seconds. Tests that need other data start their own with `simulator_factory`.
SESSION_TENANTS = 12
SESSION_SEED = 7


@pytest.fixture(scope="session")
def simulator() -> Iterator[Simulator]:
    """Return one simulator shared by the whole session, stopped at its end."""
    running = Simulator(tenants=SESSION_TENANTS, seed=SESSION_SEED).start()
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture()
def simulator_factory() -> Iterator[Callable[..., Simulator]]:
    """Return a function that starts extra simulators, all stopped after the test.

    Arguments are those of ``Simulator``: ``tenants``, ``seed`` and ``extra_args`` for options
    such as fault injection or ``--hierarchy FILE``.
    """
    started: List[Simulator] = []

    def start(**options: object) -> Simulator:
        simulator = Simulator(**options)  # type: ignore[arg-type]
        started.append(simulator)
        return simulator.start()

    yield start
    for simulator in started:
        simulator.stop()


PlaybookRunner = Callable[..., PlaybookRun]


@pytest.fixture()
def playbook_runner(tmp_path: Path, simulator: Simulator) -> PlaybookRunner:
    """Return a function that runs a playbook against the session simulator.

    ``playbook`` is a path or YAML text. ``target`` picks another simulator, ``connection``
    replaces the PRISMA_SASE_* variables, and ``extra_env`` and ``args`` are passed through.
    """
    runs = iter(range(1, 1000))

    def run(
        playbook: Union[str, Path],
        target: Optional[Simulator] = None,
        connection: Optional[dict] = None,
        extra_env: Optional[dict] = None,
        args: Sequence[str] = (),
    ) -> PlaybookRun:
        chosen = target or simulator
        environment = chosen.connection_environment() if connection is None else connection
        workdir = tmp_path / ("run-%d" % next(runs))
        return run_playbook(playbook, workdir, environment, extra_env, args)

    return run
