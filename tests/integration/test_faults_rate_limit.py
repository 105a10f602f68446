# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Fault matrix, rate limits: 429 on the POST alerts.list and on the hierarchy call."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.prisma_sase.mt_monitor.tests.integration._faults import (
    FAILED,
    RECOVERED,
    SURFACE_OPERATION,
    Expect,
    FaultCase,
    case_params,
    fault_simulator,
    run_case,
    same_for_all,
)

RATE_LIMIT_CASES = [
    FaultCase(
        "retry_after_seconds",
        [{"kind": "rate_limit", "operation": SURFACE_OPERATION, "times": 2, "retry_after": "1"}],
        same_for_all(Expect(RECOVERED, ["status 429"])),
    ),
    FaultCase(
        "retry_after_http_date",
        [{"kind": "rate_limit", "operation": SURFACE_OPERATION, "times": 2, "retry_after": "date:1"}],
        same_for_all(Expect(RECOVERED, ["status 429"])),
    ),
    FaultCase(
        "no_retry_after",
        [{"kind": "rate_limit", "operation": SURFACE_OPERATION, "times": 2, "retry_after": "none"}],
        same_for_all(Expect(RECOVERED, ["status 429"])),
    ),
    # A wait of an hour is capped at 60 s, which is beyond the retry budget of 4.5 s, so the
    # call fails at once instead of sleeping.
    FaultCase(
        "retry_after_hour",
        [{"kind": "rate_limit", "operation": SURFACE_OPERATION, "retry_after": "3600"}],
        same_for_all(Expect(FAILED, ["rate limited", "429"])),
    ),
    FaultCase(
        "retries_exhausted",
        [{"kind": "rate_limit", "operation": SURFACE_OPERATION, "retry_after": "1"}],
        same_for_all(Expect(FAILED, ["rate limited", "still received 429 after every retry"])),
    ),
]


@pytest.fixture(scope="module")
def rate_limit_simulator():
    yield from fault_simulator()


@pytest.mark.parametrize(("case", "surface"), case_params(RATE_LIMIT_CASES))
def test_k04_rate_limit_matrix(rate_limit_simulator, tmp_path, case, surface) -> None:
    run_case(rate_limit_simulator, case, surface, tmp_path)
