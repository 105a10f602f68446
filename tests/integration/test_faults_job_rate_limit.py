# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Fault matrix, main job column: 429 on the POST alerts.list (cases of test_faults_rate_limit.py)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.prisma_sase.mt_monitor.tests.integration._faults import (
    PARTIAL,
    RECOVERED,
    JobExpect,
    fault_simulator,
    job_case_params,
    run_job_case,
)
from ansible_collections.prisma_sase.mt_monitor.tests.integration.test_faults_rate_limit import (
    RATE_LIMIT_CASES,
)

RATE_LIMIT_JOB_EXPECT = {
    "retry_after_seconds": JobExpect(RECOVERED, ["status 429"]),
    "retry_after_http_date": JobExpect(RECOVERED, ["status 429"]),
    "no_retry_after": JobExpect(RECOVERED, ["status 429"]),
    # The capped wait of 60 s is beyond the retry budget, so each region fails at once.
    "retry_after_hour": JobExpect(PARTIAL, ["rate limited", "429"]),
    "retries_exhausted": JobExpect(PARTIAL, ["rate limited", "still received 429 after every retry"]),
}


@pytest.fixture(scope="module")
def rate_limit_job_simulator():
    yield from fault_simulator()


@pytest.mark.parametrize(
    ("case", "expect"), job_case_params(RATE_LIMIT_CASES, RATE_LIMIT_JOB_EXPECT)
)
def test_k04_job_rate_limit_matrix(rate_limit_job_simulator, tmp_path, case, expect) -> None:
    run_job_case(rate_limit_job_simulator, case, expect, tmp_path)
