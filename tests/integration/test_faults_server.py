# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Fault matrix, server and transport faults: 5xx, one region down, timeouts, dropped connections."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.prisma_sase.mt_monitor.tests.integration._faults import (
    DOWN_REGION,
    FAILED,
    PARTIAL,
    RECOVERED,
    SLOW_DELAY_MS,
    SURFACE_OPERATION,
    UNAFFECTED,
    Expect,
    FaultCase,
    case_params,
    fault_simulator,
    run_case,
    same_for_all,
)

TIMED_OUT = "no response within the timeout of 1.5 s"
DROPPED = "the connection dropped while reading the response"


def status_once(status: int) -> FaultCase:
    """Return the case of one gateway status on the first call, retried and recovered."""
    return FaultCase(
        "status_%d_once" % status,
        [{"kind": "status", "status": status, "operation": SURFACE_OPERATION, "times": 1}],
        same_for_all(Expect(RECOVERED, ["status %d" % status])),
    )


SERVER_CASES = [
    # 500 is not a gateway status, so it is final at once.
    FaultCase(
        "status_500",
        [{"kind": "status", "status": 500, "operation": SURFACE_OPERATION}],
        same_for_all(Expect(FAILED, ["status 500"])),
    ),
    status_once(502),
    status_once(503),
    status_once(504),
    FaultCase(
        "status_503_always",
        [{"kind": "status", "status": 503, "operation": SURFACE_OPERATION}],
        same_for_all(Expect(FAILED, ["status 503"])),
    ),
    # The inventory calls only the hierarchy, which goes to the first region (americas).
    FaultCase(
        "region_down",
        [{"kind": "status", "region": DOWN_REGION}],
        {
            "info": Expect(PARTIAL, [DOWN_REGION]),
            "lookup": Expect(PARTIAL, [DOWN_REGION]),
            "inventory": Expect(UNAFFECTED),
        },
    ),
]

TRANSPORT_CASES = [
    FaultCase(
        "timeout_once",
        [{"kind": "slow", "delay_ms": SLOW_DELAY_MS, "operation": SURFACE_OPERATION, "times": 1}],
        same_for_all(Expect(RECOVERED, [TIMED_OUT])),
    ),
    FaultCase(
        "timeout_always",
        [{"kind": "slow", "delay_ms": SLOW_DELAY_MS, "operation": SURFACE_OPERATION}],
        same_for_all(Expect(FAILED, [TIMED_OUT, "after"])),
    ),
    FaultCase(
        "drop_once",
        [{"kind": "drop", "operation": SURFACE_OPERATION, "times": 1}],
        same_for_all(Expect(RECOVERED, [DROPPED])),
    ),
    FaultCase(
        "drop_always",
        [{"kind": "drop", "operation": SURFACE_OPERATION}],
        same_for_all(Expect(FAILED, [DROPPED, "after 2 retries"])),
    ),
]


@pytest.fixture(scope="module")
def server_simulator():
    yield from fault_simulator()


@pytest.fixture(scope="module")
def transport_simulator():
    yield from fault_simulator()


@pytest.mark.parametrize(("case", "surface"), case_params(SERVER_CASES))
def test_fault_server_matrix(server_simulator, tmp_path, case, surface) -> None:
    run_case(server_simulator, case, surface, tmp_path)


@pytest.mark.parametrize(("case", "surface"), case_params(TRANSPORT_CASES))
def test_fault_transport_matrix(transport_simulator, tmp_path, case, surface) -> None:
    run_case(transport_simulator, case, surface, tmp_path)
