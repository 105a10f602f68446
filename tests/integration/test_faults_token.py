# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Fault matrix, tokens: expiry in the middle of a run and a failing token endpoint."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

import pytest

from ansible_collections.prisma_sase.mt_monitor.tests.integration._faults import (
    FAILED,
    REFRESHED,
    SURFACES,
    UNAFFECTED,
    Expect,
    FaultCase,
    add_fault,
    assert_failed_cleanly,
    assert_succeeded,
    case_params,
    expire_tokens,
    fault_simulator,
    reset,
    run_case,
    run_surface,
    same_for_all,
    simulator_stats,
)
from ansible_collections.prisma_sase.mt_monitor.tests.integration._simulator import (
    DEMO_ROOT_TSG_ID,
)

# The first request of every run fetches the hierarchy, so token errors name that operation.
FIRST_OPERATION = "tenant.hierarchy"
DROPPED = "the connection dropped while reading the response"

TOKEN_CASES = [
    # A token stops working after 2 API calls: the hierarchy and one region call pass, the
    # other region call gets 401, and one refresh recovers it. The inventory makes 1 call.
    FaultCase(
        "expiry_mid_run",
        [],
        {
            "info": Expect(REFRESHED),
            "lookup": Expect(REFRESHED),
            "inventory": Expect(UNAFFECTED),
        },
        settings={"token_max_requests": 2},
    ),
    FaultCase(
        "token_401",
        [{"kind": "status", "status": 401, "target": "token"}],
        same_for_all(
            Expect(FAILED, ["token request", "status 401 (invalid_client)"], FIRST_OPERATION)
        ),
    ),
    FaultCase(
        "token_503",
        [{"kind": "status", "status": 503, "target": "token"}],
        same_for_all(
            Expect(FAILED, ["token request", "status 503", "try again later"], FIRST_OPERATION)
        ),
    ),
    FaultCase(
        "token_drop",
        [{"kind": "drop", "target": "token"}],
        same_for_all(
            Expect(FAILED, ["token request", DROPPED], FIRST_OPERATION)
        ),
    ),
]

# Text of an access token issued by the simulator: a JWT, which starts with "eyJ".
JWT = re.compile(r"eyJ[A-Za-z0-9_-]{10,}")


@pytest.fixture(scope="module")
def token_simulator():
    yield from fault_simulator()


def check_token_case(simulator, tmp_path, case, surface) -> None:
    outcome = run_case(simulator, case, surface, tmp_path)
    assert JWT.search(outcome.text) is None, outcome.describe()


@pytest.mark.parametrize(("case", "surface"), case_params(TOKEN_CASES[:1]))
def test_k01_token_expiry_mid_run(token_simulator, tmp_path, case, surface) -> None:
    check_token_case(token_simulator, tmp_path, case, surface)


@pytest.mark.parametrize(("case", "surface"), case_params(TOKEN_CASES[1:]))
def test_k01_token_endpoint_faults(token_simulator, tmp_path, case, surface) -> None:
    check_token_case(token_simulator, tmp_path, case, surface)


@pytest.mark.parametrize("surface", SURFACES)
def test_k01_refresh_drop_fails_cleanly(token_simulator, tmp_path, surface) -> None:
    reset(token_simulator)
    first = run_surface(surface, tmp_path, token_simulator)
    assert_succeeded(first)

    # The cached token is now rejected, and the refresh it causes loses its connection.
    expire_tokens(token_simulator)
    reset(token_simulator)
    add_fault(token_simulator, kind="drop", target="token")
    try:
        second = run_surface(surface, tmp_path, token_simulator)
        stats = simulator_stats(token_simulator)
    finally:
        reset(token_simulator)

    message = assert_failed_cleanly(second, "token request", DROPPED)
    assert "operation %s" % FIRST_OPERATION in message, message
    assert "tsg_id %s" % DEMO_ROOT_TSG_ID in message, message
    assert JWT.search(second.text) is None, second.describe()
    # The cached token was sent once, rejected, and exactly one refresh was tried.
    assert stats["token_requests_total"] == 1, stats
    assert stats["statuses"].get("401", 0) >= 1, stats
