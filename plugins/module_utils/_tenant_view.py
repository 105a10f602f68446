# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Select part of the flattened tenant hierarchy and nest it again, for tenant_info.

This is a private module: its interface may change between releases.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
from typing import Any, Dict, List, Mapping, Optional, Sequence

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._errors import (
    InvalidInputError,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._tenants import (
    TenantIndex,
)


def find_tenant(index: TenantIndex, wanted: Any) -> Mapping[str, Any]:
    """Find one tenant by TSG id, CDL tenant id or display name (case-insensitive).

    Raises InvalidInputError when nothing matches or when a name matches several tenants.
    """
    text = str(wanted).strip()
    tenant = index.lookup(text)
    if tenant is not None:
        return tenant

    named = [
        item for item in index.tenants if str(item.get("display_name")).lower() == text.lower()
    ]
    if len(named) == 1:
        return named[0]
    if len(named) > 1:
        ids = ", ".join(str(item["tsg_id"]) for item in named)
        raise InvalidInputError(
            "tenant name %r matches %d tenants (TSG ids %s); pass one TSG id instead"
            % (text, len(named), ids)
        )
    raise InvalidInputError(
        "tenant %r is not in the tenant hierarchy (%d tenants); pass a TSG id, CDL tenant id "
        "or display name that the service account can see" % (text, len(index.tenants))
    )


# The tenantLicenseType values of the API's tenant schema (MSP_Monitoring spec).
DOCUMENTED_LICENSE_TYPES = ("PA_ONLY", "SDWAN_ONLY", "SASE", "PA_SDWAN")


def unmatched_license_warnings(
    tenants: Sequence[Mapping[str, Any]], license_types: Optional[Sequence[Any]]
) -> List[str]:
    """Build one warning for each requested license type that no tenant in ``tenants`` has.

    The comparison ignores case, as the license_type filter does.
    """
    present = sorted({str(item["license_type"]) for item in tenants if item.get("license_type")})
    present_lower = {value.lower() for value in present}
    warnings: List[str] = []
    for value in license_types or []:
        if str(value).lower() in present_lower:
            continue
        warnings.append(
            "license_type %r matches no tenant, so it selects none; license types in the "
            "hierarchy: %s (the API documents %s)"
            % (value, ", ".join(present) or "none", ", ".join(DOCUMENTED_LICENSE_TYPES))
        )
    return warnings


def _matches_any(values: Sequence[Any], wanted: Sequence[str]) -> bool:
    lowered = {str(value).lower() for value in values if value is not None}
    return any(item.lower() in lowered for item in wanted)


def select_tenants(
    tenants: Sequence[Mapping[str, Any]],
    *,
    tenant: Optional[str] = None,
    max_depth: Optional[int] = None,
    license_types: Optional[Sequence[str]] = None,
    regions: Optional[Sequence[str]] = None,
) -> List[Dict[str, Any]]:
    """Return copies of the tenants that pass every selection, parents first.

    ``tenant`` keeps one tenant and its descendants. ``max_depth`` counts levels below that
    tenant (or below the root when no tenant is chosen): 0 keeps only the top one.
    ``license_types`` and ``regions`` compare case-insensitively; a region matches either a
    CDL code (us01) or an X-PANW-Region value (americas) of the tenant.
    """
    if max_depth is not None and max_depth < 0:
        raise InvalidInputError("max_depth %d is invalid; pass 0 or more levels" % max_depth)

    index = TenantIndex(tenants)
    chosen: List[Mapping[str, Any]] = list(index.tenants)
    if tenant not in (None, ""):
        chosen = index.subtree(find_tenant(index, tenant)["tsg_id"])

    top_depth = min((int(item.get("depth") or 0) for item in chosen), default=0)
    selected: List[Dict[str, Any]] = []
    for item in chosen:
        if max_depth is not None and int(item.get("depth") or 0) - top_depth > max_depth:
            continue
        if license_types and not _matches_any([item.get("license_type")], license_types):
            continue
        tenant_regions = list(item.get("regions") or []) + list(item.get("region_headers") or [])
        if regions and not _matches_any(tenant_regions, regions):
            continue
        selected.append(copy.deepcopy(dict(item)))
    return selected


def build_tree(tenants: Sequence[Mapping[str, Any]]) -> List[Dict[str, Any]]:
    """Nest flat tenants under their parents; each node gets a ``children`` list.

    A tenant whose parent is not in ``tenants`` (filtered out, or outside the token's scope)
    becomes a top-level node, so no selected tenant is lost.
    """
    nodes: Dict[str, Dict[str, Any]] = {}
    for tenant in tenants:
        node = copy.deepcopy(dict(tenant))
        node["children"] = []
        nodes[node["tsg_id"]] = node

    roots: List[Dict[str, Any]] = []
    for node in nodes.values():
        parent = nodes.get(node.get("parent_tsg_id") or "")
        if parent is None:
            roots.append(node)
        else:
            parent["children"].append(node)
    return roots


def region_headers_of(tenants: Sequence[Mapping[str, Any]]) -> List[str]:
    """Return the distinct X-PANW-Region values where the tenants live, in first-seen order."""
    headers: List[str] = []
    for tenant in tenants:
        for header in tenant.get("region_headers") or []:
            if header not in headers:
                headers.append(header)
    return headers
