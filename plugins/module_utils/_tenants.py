# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Tenant identity: flatten the tenant hierarchy and join data rows to tenants.

This is a private module: its interface may change between releases.

A tenant has two ids. The hierarchy names the TSG id ``id`` and the Cortex Data Lake tenant id
``cdlTenantId``, while data rows carry ``sub_tenant_id``, ``tenant_id`` or ``tsg_id``, which
hold either of the two (license rows carry the CDL id). The join therefore accepts both.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from typing import Any, Callable, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._errors import (
    BadResponseError,
    InvalidInputError,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._regions import (
    headers_for_cdl_regions,
)

HIERARCHY_OPERATION = "tenant.hierarchy"

# Row fields that identify a tenant, tried in this order when an operation names none.
DEFAULT_TENANT_ID_FIELDS = ("sub_tenant_id", "tenant_id", "tsg_id")

# Wrappers seen around the hierarchy: {"items": [...]} from the tenancy service and
# {"data": [...]} or {"data": {...}} from the monitoring API.
_WRAPPER_KEYS = ("items", "data")

WarnCallback = Callable[[str], None]


def _id_text(value: Any) -> Optional[str]:
    """Return an id as a string: ints become their decimal text, blanks become None."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        text = value.strip()
        return text or None
    return None


def _as_bool(value: Any) -> Optional[bool]:
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    return bool(value)


def _region_codes(value: Any) -> List[str]:
    """Return the CDL region codes of a node. The field may be a list, one string or missing."""
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    codes: List[str] = []
    for item in value:
        if isinstance(item, str) and item.strip() and item.strip() not in codes:
            codes.append(item.strip())
    return codes


def _root_nodes(response: Any) -> List[Any]:
    """Unwrap the hierarchy response into its list of root nodes.

    Accepted shapes: a root object, a list of roots, and either of those inside ``items`` or
    ``data`` (wrappers may nest, as in ``{"data": {"items": [...]}}``).
    """
    current = response
    while isinstance(current, dict) and "id" not in current:
        wrapper_key = next((key for key in _WRAPPER_KEYS if key in current), None)
        if wrapper_key is None:
            raise BadResponseError(
                "the tenant hierarchy response is an object without 'id', 'items' or 'data' "
                "(keys: %s); expected a tenant object, a list of them, or one of them under "
                "'items' or 'data'" % ", ".join(sorted(str(key) for key in current)[:10]),
                operation=HIERARCHY_OPERATION,
            )
        current = current[wrapper_key]

    if isinstance(current, dict):
        return [current]
    if isinstance(current, list):
        return current
    if current is None:
        return []
    raise BadResponseError(
        "the tenant hierarchy response is a %s; expected a tenant object or a list of them"
        % type(current).__name__,
        operation=HIERARCHY_OPERATION,
    )


def _describe_location(parent_names: Sequence[str], position: str) -> str:
    return " > ".join(list(parent_names) + [position])


def _tenant_from_node(
    node: Mapping[str, Any],
    location: str,
    parent_tsg_id: Optional[str],
    region_map: Optional[Mapping[str, str]],
    warn: Optional[WarnCallback],
) -> Dict[str, Any]:
    tsg_id = _id_text(node.get("id"))
    if tsg_id is None:
        raise BadResponseError(
            "the tenant hierarchy node at %s has no 'id' (TSG id); every tenant needs one"
            % location,
            operation=HIERARCHY_OPERATION,
        )

    # The tenancy service names some nodes with 'name' instead of 'display_name'.
    display_name = node.get("display_name") or node.get("name") or tsg_id
    cdl_tenant_id = _id_text(node.get("cdlTenantId", node.get("cdl_tenant_id")))
    # Only root nodes take the parent from 'parent_id', because nesting gives the others' parent.
    if parent_tsg_id is None:
        parent_tsg_id = _id_text(node.get("parent_id"))
    regions = _region_codes(node.get("region", node.get("regions")))

    return {
        "tsg_id": tsg_id,
        "cdl_tenant_id": cdl_tenant_id,
        "display_name": str(display_name),
        "parent_tsg_id": parent_tsg_id,
        "path": [],
        "depth": 0,
        "regions": regions,
        "region_headers": headers_for_cdl_regions(regions, region_map, warn),
        "license_type": node.get("tenantLicenseType", node.get("license_type")),
        "vertical": node.get("vertical"),
        "license_activated": _as_bool(node.get("license_activated")),
    }


def _walk(
    roots: List[Any],
    region_map: Optional[Mapping[str, str]],
    warn: Optional[WarnCallback],
) -> List[Dict[str, Any]]:
    """Visit every node in pre-order with an explicit stack, so depth has no limit."""
    tenants: List[Dict[str, Any]] = []
    seen: Dict[str, str] = {}
    # Each entry: node, parent TSG id, display names of the ancestors, position text.
    stack: List[Tuple[Any, Optional[str], Tuple[str, ...], str]] = [
        (root, None, (), "[%d]" % index) for index, root in reversed(list(enumerate(roots)))
    ]

    while stack:
        node, parent_tsg_id, parent_names, position = stack.pop()
        location = _describe_location(parent_names, position)
        if not isinstance(node, dict):
            raise BadResponseError(
                "the tenant hierarchy node at %s is a %s, not an object"
                % (location, type(node).__name__),
                operation=HIERARCHY_OPERATION,
            )

        tenant = _tenant_from_node(node, location, parent_tsg_id, region_map, warn)
        if tenant["tsg_id"] in seen:
            if warn is not None:
                warn(
                    "tenant %s appears twice in the tenant hierarchy (at %s and at %s); "
                    "keeping the first" % (tenant["tsg_id"], seen[tenant["tsg_id"]], location)
                )
        else:
            seen[tenant["tsg_id"]] = location
            tenants.append(tenant)

        children = node.get("children") or []
        if not isinstance(children, list):
            raise BadResponseError(
                "the 'children' of the tenant hierarchy node at %s is a %s, not a list"
                % (location, type(children).__name__),
                operation=HIERARCHY_OPERATION,
            )
        names = parent_names + (tenant["display_name"],)
        for index in range(len(children) - 1, -1, -1):
            stack.append((children[index], tenant["tsg_id"], names, "children[%d]" % index))

    return tenants


def _set_paths(tenants: List[Dict[str, Any]]) -> None:
    """Fill ``path`` and ``depth`` from the parent links.

    Parents come from nesting or, in flat lists, from ``parent_id``. A parent outside the
    list (the token may see only a subtree) makes that tenant a root of the path.
    """
    by_id = {tenant["tsg_id"]: tenant for tenant in tenants}
    done: Dict[str, List[str]] = {}

    for tenant in tenants:
        chain: List[Dict[str, Any]] = []
        chain_ids = set()
        current: Optional[Dict[str, Any]] = tenant
        while current is not None and current["tsg_id"] not in done:
            if current["tsg_id"] in chain_ids:
                cycle = " > ".join(item["tsg_id"] for item in chain + [current])
                raise BadResponseError(
                    "the tenant hierarchy has a parent cycle through %s" % cycle,
                    operation=HIERARCHY_OPERATION,
                )
            chain.append(current)
            chain_ids.add(current["tsg_id"])
            current = by_id.get(current["parent_tsg_id"] or "")

        prefix = done[current["tsg_id"]] if current is not None else []
        for item in reversed(chain):
            prefix = prefix + [item["display_name"]]
            done[item["tsg_id"]] = prefix
            item["path"] = prefix
            item["depth"] = len(prefix) - 1


def flatten_hierarchy(
    response: Any,
    region_map: Optional[Mapping[str, str]] = None,
    warn: Optional[WarnCallback] = None,
) -> List[Dict[str, Any]]:
    """Flatten a tenant hierarchy response into one dict per tenant, parents first.

    ``region_map`` adds or overrides CDL region code to X-PANW-Region mappings. ``warn``
    receives messages about duplicate tenants (the first one is kept) and unmapped regions.
    Raises BadResponseError for an unexpected shape or a node without an id.
    """
    roots = _root_nodes(response)
    tenants = _walk(roots, region_map, warn)
    _set_paths(tenants)
    return tenants


def _fields_of(operation: Any) -> Tuple[str, ...]:
    """Return the tenant id fields of an operation entry, a list of field names, or None."""
    if operation is None or isinstance(operation, str):
        return DEFAULT_TENANT_ID_FIELDS
    fields = getattr(operation, "tenant_id_fields", operation)
    return tuple(fields) or DEFAULT_TENANT_ID_FIELDS


def _operation_name(operation: Any) -> Optional[str]:
    if isinstance(operation, str):
        return operation
    return getattr(operation, "name", None)


class TenantIndex:
    """Tenants looked up by TSG id or CDL tenant id, for joins and selections.

    When one id is the TSG id of a tenant and the CDL id of another, the TSG id wins. A CDL id
    shared by several tenants matches none of them, because the row's tenant is unknown.
    """

    def __init__(self, tenants: Iterable[Mapping[str, Any]]) -> None:
        self.tenants: List[Mapping[str, Any]] = []
        self._by_tsg: Dict[str, Mapping[str, Any]] = {}
        self._by_cdl: Dict[str, Mapping[str, Any]] = {}
        self.ambiguous_cdl_ids: List[str] = []
        self._children: Dict[str, List[str]] = {}

        for tenant in tenants:
            tsg_id = _id_text(tenant.get("tsg_id"))
            if tsg_id is None or tsg_id in self._by_tsg:
                continue
            self.tenants.append(tenant)
            self._by_tsg[tsg_id] = tenant
            parent = _id_text(tenant.get("parent_tsg_id"))
            if parent is not None:
                self._children.setdefault(parent, []).append(tsg_id)
            self._add_cdl_id(tenant)

    def _add_cdl_id(self, tenant: Mapping[str, Any]) -> None:
        cdl_id = _id_text(tenant.get("cdl_tenant_id"))
        if cdl_id is None or cdl_id in self.ambiguous_cdl_ids:
            return
        if cdl_id in self._by_cdl:
            del self._by_cdl[cdl_id]
            self.ambiguous_cdl_ids.append(cdl_id)
            return
        self._by_cdl[cdl_id] = tenant

    def __len__(self) -> int:
        return len(self.tenants)

    def lookup(self, any_id: Any) -> Optional[Mapping[str, Any]]:
        """Return the tenant whose TSG id or CDL tenant id is ``any_id`` (str or int), or None."""
        key = _id_text(any_id)
        if key is None:
            return None
        return self._by_tsg.get(key) or self._by_cdl.get(key)

    def subtree(self, tsg_id: Any) -> List[Mapping[str, Any]]:
        """Return the tenant and all its descendants, parents first.

        Raises InvalidInputError when the id matches no tenant.
        """
        top = self.lookup(tsg_id)
        if top is None:
            raise InvalidInputError(
                "tenant %r is not in the tenant hierarchy (%d tenants); pass a TSG id or CDL "
                "tenant id that the service account can see" % (tsg_id, len(self.tenants))
            )

        result: List[Mapping[str, Any]] = []
        stack = [top["tsg_id"]]
        while stack:
            current = stack.pop()
            result.append(self._by_tsg[current])
            stack.extend(reversed(self._children.get(current, [])))
        return result

    def in_region(self, header: str) -> List[Mapping[str, Any]]:
        """Return the tenants whose data lives in one X-PANW-Region value, such as ``europe``."""
        target = header.strip().lower()
        return [
            tenant
            for tenant in self.tenants
            if target in [value.lower() for value in tenant.get("region_headers") or []]
        ]

    def _match_row(
        self, row: Mapping[str, Any], fields: Sequence[str]
    ) -> Optional[Mapping[str, Any]]:
        for field in fields:
            tenant = self.lookup(row.get(field))
            if tenant is not None:
                return tenant
        return None

    def enrich(self, rows: Iterable[Any], operation: Any = None) -> List[Dict[str, Any]]:
        """Return copies of ``rows``, each with ``tenant`` set to the matching tenant's ids.

        ``operation`` is a catalog entry (its ``tenant_id_fields`` are tried in order), a list
        of field names, or None for sub_tenant_id, tenant_id, tsg_id. A row that matches no
        tenant keeps its raw ids and gets ``tenant: None`` and ``unmatched: True``.
        """
        fields = _fields_of(operation)
        enriched: List[Dict[str, Any]] = []
        for position, row in enumerate(rows):
            if not isinstance(row, dict):
                raise BadResponseError(
                    "row %d is a %s, not an object, so it cannot be joined to a tenant"
                    % (position, type(row).__name__),
                    operation=_operation_name(operation),
                )

            copy = dict(row)
            tenant = self._match_row(row, fields)
            if tenant is None:
                copy["tenant"] = None
                copy["unmatched"] = True
            else:
                copy["tenant"] = {
                    "tsg_id": tenant["tsg_id"],
                    "cdl_tenant_id": tenant.get("cdl_tenant_id"),
                    "display_name": tenant.get("display_name"),
                }
            enriched.append(copy)
        return enriched
