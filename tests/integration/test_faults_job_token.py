# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Fault matrix, main job column: token expiry and a failing token endpoint.

The cases are those of test_faults_token.py. The first call of the job fetches the hierarchy,
so a token endpoint that fails stops the job before any file is written.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.prisma_sase.mt_monitor.tests.integration._faults import (
    FAILED,
    REFRESHED,
    JobExpect,
    fault_simulator,
    job_case_params,
    run_job_case,
)
from ansible_collections.prisma_sase.mt_monitor.tests.integration.test_faults_token import (
    DROPPED,
    FIRST_OPERATION,
    JWT,
    TOKEN_CASES,
)

TOKEN_JOB_EXPECT = {
    # The job sends the hierarchy call and 4 data calls. A token that lasts 3 requests expires
    # once in the middle, and the second token covers the 2 calls left. The case's own limit
    # of 2 would expire the second token too, and a request is refreshed at most once.
    "expiry_mid_run": JobExpect(REFRESHED, settings={"token_max_requests": 3}),
    "token_401": JobExpect(
        FAILED, ["token request", "status 401 (invalid_client)"], operation=FIRST_OPERATION
    ),
    "token_503": JobExpect(
        FAILED, ["token request", "status 503", "try again later"], operation=FIRST_OPERATION
    ),
    "token_drop": JobExpect(FAILED, ["token request", DROPPED], operation=FIRST_OPERATION),
}


@pytest.fixture(scope="module")
def token_job_simulator():
    yield from fault_simulator()


@pytest.mark.parametrize(("case", "expect"), job_case_params(TOKEN_CASES, TOKEN_JOB_EXPECT))
def test_k01_job_token_faults(token_job_simulator, tmp_path, case, expect) -> None:
    outcome = run_job_case(token_job_simulator, case, expect, tmp_path)
    assert JWT.search(outcome.text) is None, outcome.describe()
