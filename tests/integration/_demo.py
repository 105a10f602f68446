# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Run the example playbooks against a simulator on a free local port (`make demo`)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import sys

from ansible_collections.prisma_sase.mt_monitor.tests.integration._playbook import run_playbook
from ansible_collections.prisma_sase.mt_monitor.tests.integration._simulator import (
    DEMO_CLIENT_ID,
    DEMO_CLIENT_SECRET,
    DEMO_ROOT_TSG_ID,
    REPO_ROOT,
    Simulator,
)

DEMO_PLAYBOOKS = [REPO_ROOT / "playbooks" / "examples" / "tenants.yml"]
DEMO_TENANTS = 25
DEMO_SEED = 1


def main() -> int:
    playbooks = [path for path in DEMO_PLAYBOOKS if path.is_file()]
    if not playbooks:
        print("make demo: no example playbook yet (expected %s)" % DEMO_PLAYBOOKS[0])
        return 0

    simulator = Simulator(tenants=DEMO_TENANTS, seed=DEMO_SEED).start()
    try:
        print(
            "simulator at %s (client id %s, client secret %s, root TSG %s)"
            % (simulator.url, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_ROOT_TSG_ID)
        )
        for playbook in playbooks:
            workdir = REPO_ROOT / ".build" / "demo" / playbook.stem
            run = run_playbook(playbook, workdir, simulator.connection_environment())
            print(run.stdout)
            print(run.stderr, file=sys.stderr)
            if run.rc != 0:
                print(
                    "make demo: %s failed with exit code %d" % (playbook, run.rc), file=sys.stderr
                )
                return run.rc
    finally:
        simulator.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
