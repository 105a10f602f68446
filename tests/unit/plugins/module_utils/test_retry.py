# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from email.utils import formatdate
from typing import List

import pytest

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._retry import (
    RETRY_STATUSES,
    RetryPolicy,
    RetryState,
    parse_retry_after,
)

NOW = 1_800_000_000.0


def fixed_now() -> float:
    return NOW


def test_retry_statuses() -> None:
    assert RETRY_STATUSES == {429, 502, 503, 504}


@pytest.mark.parametrize("value, expected", [("2", 2.0), (" 3600 ", 3600.0), ("0", 0.0)])
def test_retry_after_seconds(value: str, expected: float) -> None:
    assert parse_retry_after(value, now=fixed_now) == expected


def test_retry_after_http_date() -> None:
    header = formatdate(NOW + 7, usegmt=True)
    assert parse_retry_after(header, now=fixed_now) == pytest.approx(7.0)


def test_retry_after_past_date_is_zero() -> None:
    header = formatdate(NOW - 100, usegmt=True)
    assert parse_retry_after(header, now=fixed_now) == 0.0


@pytest.mark.parametrize("value", [None, "", "soon", "-5", "1.5e3", "Mon, 99 Foo 2026"])
def test_retry_after_invalid_is_none(value: str) -> None:
    assert parse_retry_after(value, now=fixed_now) is None


def test_backoff_full_jitter_bounds() -> None:
    top = RetryPolicy(max_retries=10, budget=1000, random=lambda: 1.0)
    assert [top.backoff(n) for n in range(1, 9)] == [1, 2, 4, 8, 16, 32, 60, 60]
    half = RetryPolicy(max_retries=10, budget=1000, random=lambda: 0.5)
    assert half.backoff(3) == 2.0
    zero = RetryPolicy(max_retries=10, budget=1000, random=lambda: 0.0)
    assert zero.backoff(5) == 0.0


def test_retry_after_capped() -> None:
    policy = RetryPolicy(max_retries=3, budget=1000)
    assert policy.wait_for(1, 3600.0) == 60.0
    assert policy.wait_for(1, 2.0) == 2.0
    assert RetryPolicy(max_retries=3, budget=1000, wait_cap=10).wait_for(1, 30.0) == 10.0


def test_default_budget_from_settings() -> None:
    policy = RetryPolicy.for_settings(30.0, 5)
    assert policy.budget == 180.0
    assert policy.max_retries == 5


class ManualClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_state_stops_after_max_retries() -> None:
    clock = ManualClock()
    state = RetryState(RetryPolicy(max_retries=2, budget=1000), clock)
    waits: List[object] = [state.next_wait(1.0), state.next_wait(1.0), state.next_wait(1.0)]
    assert waits == [1.0, 1.0, None]
    assert state.retries == 2


def test_state_stops_at_budget() -> None:
    clock = ManualClock()
    state = RetryState(RetryPolicy(max_retries=10, budget=10), clock)
    assert state.next_wait(4.0) == 4.0
    clock.now = 4.0
    assert state.next_wait(4.0) == 4.0
    clock.now = 8.0
    assert state.next_wait(4.0) is None
    assert state.retries == 2


def test_zero_retries_never_waits() -> None:
    state = RetryState(RetryPolicy(max_retries=0, budget=100), ManualClock())
    assert state.next_wait() is None
