# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""A fake API client and a three-tenant hierarchy for the gathering and module tests."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from typing import Any, Callable, Dict, List, Sequence, Tuple

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._errors import (
    MonitorError,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._gather import (
    TenantScope,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._response import (
    ApiResponse,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._tenants import (
    TenantIndex,
    flatten_hierarchy,
)

HIERARCHY = {
    "id": "1000000001",
    "display_name": "Root",
    "cdlTenantId": "2000000001",
    "region": ["us01"],
    "children": [
        {
            "id": "1000000002",
            "display_name": "Acme",
            "cdlTenantId": "2000000002",
            "region": ["eu01"],
        },
        {
            "id": "1000000003",
            "display_name": "Both",
            "cdlTenantId": "2000000003",
            "region": ["us01", "eu01"],
        },
    ],
}

Call = Dict[str, Any]
Handler = Callable[[Call], Any]


class FakeClient:
    """Record each request and return what a handler builds for it; fan out sequentially."""

    def __init__(self, handler: Handler) -> None:
        self.handler = handler
        self.calls: List[Call] = []
        self.closed = False

    def request(self, method: str, path: str, **kwargs: Any) -> ApiResponse:
        call = dict(kwargs, method=method, path=path)
        self.calls.append(call)
        data = self.handler(call)
        return ApiResponse(status=200, data=data, request_id="req-%d" % len(self.calls), elapsed=0)

    def close(self) -> None:
        self.closed = True

    def map_concurrent(
        self, fn: Callable[[Any], Any], items: Sequence[Any]
    ) -> List[Tuple[Any, Any]]:
        results = []
        for item in items:
            try:
                results.append((item, fn(item)))
            except MonitorError as error:
                results.append((item, error))
        return results


def scope() -> TenantScope:
    tenants = flatten_hierarchy(HIERARCHY)
    return TenantScope(tenants=tenants, index=TenantIndex(tenants), root_tsg_id="1000000001")


def rows_by_region(call: Call) -> Any:
    """Return one row per tenant of the region in the call's header, by CDL id."""
    members = {
        "americas": ["2000000001", "2000000003"],
        "europe": ["2000000002", "2000000003"],
    }
    return [{"sub_tenant_id": cdl_id, "total": 1} for cdl_id in members[call["region"]]]
