"""Request counters served by /_sim/stats."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any


class Stats:
    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.api_calls = 0
        self.operations: Counter[str] = Counter()
        self.regions: Counter[str] = Counter()
        self.operation_regions: defaultdict[str, Counter[str]] = defaultdict(Counter)
        self.statuses: Counter[str] = Counter()
        self.token_requests: Counter[str] = Counter()
        self.token_requests_in_flight = 0
        self.max_token_requests_in_flight = 0
        self.api_requests_in_flight = 0
        self.max_api_requests_in_flight = 0
        self.faults_fired = 0

    def count_api_call(self, operation: str, region: str | None) -> None:
        region_key = region if region is not None else "(none)"
        self.api_calls += 1
        self.operations[operation] += 1
        self.regions[region_key] += 1
        self.operation_regions[operation][region_key] += 1

    def snapshot(self) -> dict[str, Any]:
        return {
            "api_calls": self.api_calls,
            "operations": dict(self.operations),
            "regions": dict(self.regions),
            "operation_regions": {name: dict(counts)
                                  for name, counts in self.operation_regions.items()},
            "statuses": dict(self.statuses),
            "token_requests": dict(self.token_requests),
            "token_requests_total": sum(self.token_requests.values()),
            "max_token_requests_in_flight": self.max_token_requests_in_flight,
            "max_api_requests_in_flight": self.max_api_requests_in_flight,
            "faults_fired": self.faults_fired,
        }
