# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Fault matrix, main job column: 5xx, one region down, timeouts, dropped connections.

The cases are those of test_faults_server.py. A call of alerts.list that fails after its
retries leaves the job partial: ALR-001 is `error` for the tenants of the failed regions.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.prisma_sase.mt_monitor.tests.integration._faults import (
    DATA_OPERATION,
    DOWN_REGION,
    JOB_OPERATIONS,
    PARTIAL,
    RECOVERED,
    JobExpect,
    fault_simulator,
    job_case_params,
    run_job_case,
)
from ansible_collections.prisma_sase.mt_monitor.tests.integration.test_faults_server import (
    DROPPED,
    SERVER_CASES,
    TIMED_OUT,
    TRANSPORT_CASES,
)

SERVER_JOB_EXPECT = {
    "status_500": JobExpect(PARTIAL, ["status 500"]),
    "status_502_once": JobExpect(RECOVERED, ["status 502"]),
    "status_503_once": JobExpect(RECOVERED, ["status 503"]),
    "status_504_once": JobExpect(RECOVERED, ["status 504"]),
    "status_503_always": JobExpect(PARTIAL, ["status 503"]),
    # Every call to the region fails, so both gathered operations lose the au tenants.
    "region_down": JobExpect(
        PARTIAL, ["status 503", "region %s" % DOWN_REGION], JOB_OPERATIONS, [DOWN_REGION]
    ),
}

TRANSPORT_JOB_EXPECT = {
    "timeout_once": JobExpect(RECOVERED, [TIMED_OUT]),
    "timeout_always": JobExpect(PARTIAL, [TIMED_OUT, DATA_OPERATION]),
    "drop_once": JobExpect(RECOVERED, [DROPPED]),
    "drop_always": JobExpect(PARTIAL, [DROPPED, "after 2 retries"]),
}


@pytest.fixture(scope="module")
def server_job_simulator():
    yield from fault_simulator()


@pytest.fixture(scope="module")
def transport_job_simulator():
    yield from fault_simulator()


@pytest.mark.parametrize(("case", "expect"), job_case_params(SERVER_CASES, SERVER_JOB_EXPECT))
def test_fault_job_server_matrix(server_job_simulator, tmp_path, case, expect) -> None:
    run_job_case(server_job_simulator, case, expect, tmp_path)


@pytest.mark.parametrize(
    ("case", "expect"), job_case_params(TRANSPORT_CASES, TRANSPORT_JOB_EXPECT)
)
def test_fault_job_transport_matrix(transport_job_simulator, tmp_path, case, expect) -> None:
    run_job_case(transport_job_simulator, case, expect, tmp_path)
