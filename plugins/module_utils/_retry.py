# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Retry decisions for API calls: which failures to retry and how long to wait.

This is a private module: its interface may change between releases. Every operation of the
API is read-only, so POST is retried exactly like GET.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import random
import time
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import Callable, Optional

# Statuses retried: 429 (rate limited) and the gateway statuses 502, 503 and 504. Any other
# status, 500 included, is returned to the caller at once.
RETRY_STATUSES = frozenset((429, 502, 503, 504))

DEFAULT_BACKOFF_BASE = 1.0
DEFAULT_BACKOFF_FACTOR = 2.0
DEFAULT_WAIT_CAP = 60.0


def parse_retry_after(
    value: Optional[str],
    now: Callable[[], float] = time.time,
) -> Optional[float]:
    """Parse a Retry-After header given in seconds or as an HTTP-date; return seconds or None.

    A date in the past gives 0. A value that is neither form gives None, so the caller falls
    back to backoff.
    """
    if value is None:
        return None
    text = value.strip()
    if not text:
        return None

    if text.isdigit():
        return float(text)

    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if moment is None or moment.tzinfo is None:
        return None
    return max(0.0, moment.timestamp() - now())


@dataclass
class RetryPolicy:
    """Limits of the retries of one call: count, time budget and backoff shape."""

    max_retries: int
    budget: float
    backoff_base: float = DEFAULT_BACKOFF_BASE
    backoff_factor: float = DEFAULT_BACKOFF_FACTOR
    wait_cap: float = DEFAULT_WAIT_CAP
    random: Callable[[], float] = field(default=random.random, repr=False)

    @classmethod
    def for_settings(cls, timeout: float, max_retries: int, **kwargs: object) -> "RetryPolicy":
        """Build the default policy, whose budget is timeout x (max_retries + 1) seconds."""
        return cls(max_retries=max_retries, budget=timeout * (max_retries + 1), **kwargs)

    def backoff(self, retry_number: int) -> float:
        """Return a full-jitter wait for the given retry (1 for the first): 0 to base x factor^n."""
        ceiling = min(self.wait_cap, self.backoff_base * self.backoff_factor ** (retry_number - 1))
        return self.random() * ceiling

    def wait_for(self, retry_number: int, retry_after: Optional[float]) -> float:
        """Return the wait before a retry: Retry-After when given, capped, else backoff."""
        if retry_after is not None:
            return min(retry_after, self.wait_cap)
        return self.backoff(retry_number)


class RetryState:
    """Count retries of one call and stop when the count or the time budget runs out."""

    def __init__(self, policy: RetryPolicy, clock: Callable[[], float]) -> None:
        self.policy = policy
        self.clock = clock
        self.started = clock()
        self.retries = 0

    def next_wait(self, retry_after: Optional[float] = None) -> Optional[float]:
        """Return the wait before the next retry, or None when no retry is left.

        A retry is left while fewer than max_retries were made and the wait still ends
        inside the budget.
        """
        if self.retries >= self.policy.max_retries:
            return None

        wait = self.policy.wait_for(self.retries + 1, retry_after)
        elapsed = self.clock() - self.started
        if elapsed + wait > self.policy.budget:
            return None

        self.retries += 1
        return wait
