# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Fault matrix, main job column: bad bodies and a denied operation on alerts.list.

The cases are those of test_faults_body.py. A 200 with a bad body is not retried, and a 502 is
retried until the budget runs out. Either way the alerts.list call of each region fails, and
ALR-001 becomes `error` for every tenant.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.prisma_sase.mt_monitor.tests.integration._faults import (
    PARTIAL,
    JobExpect,
    fault_simulator,
    job_case_params,
    run_job_case,
)
from ansible_collections.prisma_sase.mt_monitor.tests.integration.test_faults_body import (
    BODY_CASES,
    PERMISSION_CASES,
)


def bad_body(*fragments: str) -> JobExpect:
    return JobExpect(PARTIAL, ["status 200", "request id"] + list(fragments))


BODY_JOB_EXPECT = {
    "empty": bad_body("empty body"),
    "null": bad_body("unexpected shape, a JSON null"),
    "truncated": bad_body("invalid or truncated JSON"),
    "html_login": bad_body("content type 'text/html"),
    "wrong_shape": bad_body("returned an object with the keys result, status"),
    "html_502": JobExpect(PARTIAL, ["status 502", "request id", "body starts: <"]),
}

PERMISSION_JOB_EXPECT = {
    "operation_403": JobExpect(PARTIAL, ["not authorised for operation", "status 403"]),
}


@pytest.fixture(scope="module")
def body_job_simulator():
    yield from fault_simulator()


@pytest.mark.parametrize(("case", "expect"), job_case_params(BODY_CASES, BODY_JOB_EXPECT))
def test_k09_job_bad_body_matrix(body_job_simulator, tmp_path, case, expect) -> None:
    outcome = run_job_case(body_job_simulator, case, expect, tmp_path)
    # Body excerpts are cut to 200 characters.
    assert "a" * 201 not in outcome.text


@pytest.mark.parametrize(
    ("case", "expect"), job_case_params(PERMISSION_CASES, PERMISSION_JOB_EXPECT)
)
def test_k02_job_denied_operation(body_job_simulator, tmp_path, case, expect) -> None:
    run_job_case(body_job_simulator, case, expect, tmp_path)
