# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Fault matrix, bodies and permissions: non-JSON or wrongly shaped bodies, 403 and bad TSG ids."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.prisma_sase.mt_monitor.tests.integration._faults import (
    FAILED,
    SURFACE_OPERATION,
    SURFACES,
    Expect,
    FaultCase,
    assert_no_traceback,
    case_params,
    fault_simulator,
    reset,
    run_case,
    run_surface,
    same_for_all,
    simulator_stats,
)


def malformed(body: str, *fragments: str) -> FaultCase:
    return FaultCase(
        body,
        [{"kind": "malformed", "body": body, "operation": SURFACE_OPERATION}],
        same_for_all(Expect(FAILED, ["status 200", "request id"] + list(fragments))),
    )


BODY_CASES = [
    malformed("empty", "empty body"),
    malformed("null", "unexpected shape, a JSON null"),
    malformed("truncated", "invalid or truncated JSON"),
    malformed("html_login", "content type 'text/html"),
    # The hierarchy gets a list where an object belongs and alerts.list an object.
    FaultCase(
        "wrong_shape",
        [{"kind": "malformed", "body": "wrong_shape", "operation": SURFACE_OPERATION}],
        {
            "info": Expect(FAILED, ["returned an object with the keys result, status"]),
            "lookup": Expect(FAILED, ["returned an object with the keys result, status"]),
            "inventory": Expect(FAILED, ["is a list, not an object"]),
        },
    ),
    # 502 returns an HTML page; after the retries the error names the status, not a parse error.
    FaultCase(
        "html_502",
        [{"kind": "status", "status": 502, "operation": SURFACE_OPERATION}],
        same_for_all(Expect(FAILED, ["status 502", "request id", "body starts: <"])),
    ),
]

PERMISSION_CASES = [
    FaultCase(
        "operation_403",
        [{"kind": "status", "status": 403, "operation": SURFACE_OPERATION}],
        same_for_all(Expect(FAILED, ["not authorised for operation", "status 403"])),
    ),
]


@pytest.fixture(scope="module")
def body_simulator():
    yield from fault_simulator()


@pytest.mark.parametrize(("case", "surface"), case_params(BODY_CASES))
def test_k09_bad_body_matrix(body_simulator, tmp_path, case, surface) -> None:
    outcome = run_case(body_simulator, case, surface, tmp_path)
    # Body excerpts are cut to 200 characters.
    assert "a" * 201 not in outcome.text


@pytest.mark.parametrize(("case", "surface"), case_params(PERMISSION_CASES))
def test_k02_denied_operation_matrix(body_simulator, tmp_path, case, surface) -> None:
    run_case(body_simulator, case, surface, tmp_path)


@pytest.mark.parametrize("surface", SURFACES)
def test_k02_short_tsg_id_rejected(body_simulator, tmp_path, surface) -> None:
    reset(body_simulator)
    outcome = run_surface(
        surface, tmp_path, body_simulator, extra_env={"PRISMA_SASE_TSG_ID": "100000001"}
    )
    stats = simulator_stats(body_simulator)

    assert_no_traceback(outcome)
    assert outcome.run.rc != 0, outcome.describe()
    assert "tsg_id '100000001' is invalid; a TSG id is 10 digits" in outcome.text
    assert stats["api_calls"] == 0, stats
    assert stats["token_requests_total"] == 0, stats
