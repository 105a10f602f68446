# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""An in-process stand-in for Client that serves a small hierarchy and one row per tenant."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from dataclasses import dataclass
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._errors import (
    MonitorError,
    PermissionDeniedError,
)

ROOT = "1000000001"
CHILD = "1000000002"
GRANDCHILD = "1000000003"

HIERARCHY = {
    "id": ROOT,
    "display_name": "Root",
    "cdlTenantId": "900001",
    "region": ["us01"],
    "tenantLicenseType": "SASE",
    "children": [
        {
            "id": CHILD,
            "display_name": "Acme, Inc.",
            "cdlTenantId": "900002",
            "region": ["eu01"],
            "tenantLicenseType": "PA_ONLY",
            "children": [
                {
                    "id": GRANDCHILD,
                    "display_name": "Acme Labs",
                    "cdlTenantId": "900003",
                    "region": ["eu01"],
                    "tenantLicenseType": "SASE",
                }
            ],
        }
    ],
}


@dataclass
class FakeResponse:
    data: Any
    status: int = 200
    request_id: str = "req-fake"


class FakeClient:
    """Record every request, and return the hierarchy and one row per tenant of the scope.

    ``deny`` contains (operation, region) pairs that raise a 403 error. A region of None
    matches every region. ``hierarchy_error`` is raised by the hierarchy call when set.
    """

    def __init__(
        self,
        deny: Sequence[Tuple[str, Optional[str]]] = (),
        hierarchy_error: Optional[MonitorError] = None,
    ) -> None:
        self.calls: List[Dict[str, Any]] = []
        self.deny = list(deny)
        self.hierarchy_error = hierarchy_error

    def _scope_nodes(self, tsg_id: Optional[str]) -> Any:
        wanted = tsg_id or ROOT
        stack = [HIERARCHY]
        while stack:
            node = stack.pop()
            if node["id"] == wanted:
                return node
            stack.extend(node.get("children", []))
        raise PermissionDeniedError("not authorised for %s" % wanted, status=403, tsg_id=wanted)

    def _ids(self, node: Any) -> List[str]:
        ids = [node["id"]]
        for child in node.get("children", []):
            ids.extend(self._ids(child))
        return ids

    def request(self, method: str, path: str, **kwargs: Any) -> FakeResponse:
        self.calls.append(dict(kwargs, method=method, path=path))
        operation = kwargs.get("operation")
        region = kwargs.get("region")
        if operation == "tenant.hierarchy":
            if self.hierarchy_error is not None:
                raise self.hierarchy_error
            return FakeResponse(self._scope_nodes(kwargs.get("tsg_id")))
        for denied_operation, denied_region in self.deny:
            if denied_operation == operation and denied_region in (None, region):
                raise PermissionDeniedError(
                    "operation %s is not authorised" % operation,
                    operation=operation,
                    region=region,
                    status=403,
                    request_id="req-%d" % len(self.calls),
                )
        scope = self._scope_nodes(kwargs.get("tsg_id"))
        if operation in ("license.quota", "license.setup_status", "license.utilization"):
            return FakeResponse({"tenant_id": scope["id"], "value": 1})
        return FakeResponse(
            [{"sub_tenant_id": tsg, "sent_to": region} for tsg in self._ids(scope)]
        )

    def map_concurrent(self, fn: Callable[[Any], Any], items: Sequence[Any]) -> List[Any]:
        results = []
        for item in items:
            try:
                results.append((item, fn(item)))
            except MonitorError as error:
                results.append((item, error))
        return results
