"""The tenant hierarchy: generated from a seed or loaded from a file, then indexed."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

from simulator import _names
from simulator._hostile import HOSTILE_NAMES

ROOT_TSG_ID = "1000000001"
MAX_DEPTH = 4
LICENSE_TYPES = ("PA_ONLY", "SDWAN_ONLY", "SASE", "PA_SDWAN")

# Most customers keep their data in the Americas or Europe, so the generated regions are
# weighted the same way. Codes are the CDL region codes that the hierarchy response uses.
CDL_REGION_WEIGHTS = (
    ("us01", 45), ("eu01", 20), ("uk01", 8), ("de01", 8), ("jp01", 5), ("ca01", 4),
    ("sg01", 4), ("au01", 4), ("in01", 2),
)


@dataclass
class Tenant:
    """One node of the hierarchy: the MSSP root or a customer tenant."""

    tsg_id: str
    cdl_tenant_id: str
    display_name: str
    license_type: str
    vertical: str
    license_activated: bool
    regions: list[str]
    parent_tsg_id: str | None = None
    depth: int = 0
    children: list[Tenant] = field(default_factory=list)

    def to_hierarchy(self) -> dict[str, Any]:
        """Build the TenantHierarchy object of this node and its descendants."""
        node: dict[str, Any] = {
            "id": self.tsg_id,
            "display_name": self.display_name,
            "cdlTenantId": self.cdl_tenant_id,
            "tenantLicenseType": self.license_type,
            "vertical": self.vertical,
            "license_activated": self.license_activated,
            "region": list(self.regions),
        }
        if self.children:
            node["children"] = [child.to_hierarchy() for child in self.children]
        return node


class Hierarchy:
    """All tenants, indexed by TSG id, with subtree and region look-ups."""

    def __init__(self, root: Tenant) -> None:
        self.root = root
        self.by_tsg: dict[str, Tenant] = {}
        self.by_cdl: dict[str, Tenant] = {}
        self._order: list[Tenant] = []
        self._subtree_end: dict[str, int] = {}
        self._position: dict[str, int] = {}
        self._index(root, None, 0)

    def _index(self, tenant: Tenant, parent: Tenant | None, depth: int) -> None:
        # Iterative pre-order walk: a subtree is a contiguous slice of self._order, so a
        # subtree look-up costs as much as the rows it returns.
        stack: list[tuple[Tenant, Tenant | None, int, bool]] = [(tenant, parent, depth, False)]
        while stack:
            node, node_parent, node_depth, finished = stack.pop()
            if finished:
                self._subtree_end[node.tsg_id] = len(self._order)
                continue
            if node.tsg_id in self.by_tsg:
                raise ValueError("duplicate TSG id %s in the hierarchy" % node.tsg_id)
            node.parent_tsg_id = node_parent.tsg_id if node_parent else None
            node.depth = node_depth
            self.by_tsg[node.tsg_id] = node
            self.by_cdl[node.cdl_tenant_id] = node
            self._position[node.tsg_id] = len(self._order)
            self._order.append(node)
            stack.append((node, node_parent, node_depth, True))
            for child in reversed(node.children):
                stack.append((child, node, node_depth + 1, False))

    def __len__(self) -> int:
        return len(self._order)

    def __iter__(self) -> Iterator[Tenant]:
        return iter(self._order)

    def subtree(self, tsg_id: str) -> list[Tenant]:
        """Return the tenant and all its descendants, in pre-order."""
        start = self._position[tsg_id]
        return self._order[start:self._subtree_end[tsg_id]]

    def contains(self, ancestor_tsg_id: str, tsg_id: str) -> bool:
        """Return True when ``tsg_id`` is ``ancestor_tsg_id`` or one of its descendants."""
        if ancestor_tsg_id not in self._position or tsg_id not in self._position:
            return False
        start = self._position[ancestor_tsg_id]
        return start <= self._position[tsg_id] < self._subtree_end[ancestor_tsg_id]

    def max_depth(self) -> int:
        return max(tenant.depth for tenant in self._order)


def _unique_ids(rng: random.Random, count: int, used_ids: set[str]) -> list[str]:
    """Draw ``count`` distinct 10-digit ids that start with 1 and are not in ``used_ids``."""
    ids: list[str] = []
    while len(ids) < count:
        candidate = str(rng.randint(1_000_000_100, 1_999_999_999))
        if candidate not in used_ids:
            used_ids.add(candidate)
            ids.append(candidate)
    return ids


def _company_name(rng: random.Random, used: set[str]) -> str:
    for _attempt in range(20):
        name = "%s %s %s" % (
            rng.choice(_names.COMPANY_STEMS),
            rng.choice(_names.COMPANY_TRADES),
            rng.choice(_names.COMPANY_SUFFIXES),
        )
        if name not in used:
            used.add(name)
            return name
    name = "%s %s %d" % (rng.choice(_names.COMPANY_STEMS), rng.choice(_names.COMPANY_TRADES),
                         len(used))
    used.add(name)
    return name


def _regions(rng: random.Random) -> list[str]:
    codes = [code for code, _weight in CDL_REGION_WEIGHTS]
    weights = [weight for _code, weight in CDL_REGION_WEIGHTS]
    first = rng.choices(codes, weights)[0]
    # About one tenant in eight keeps data in a second region.
    if rng.random() < 0.125:
        second = rng.choices(codes, weights)[0]
        if second != first:
            return [first, second]
    return [first]


def generate_hierarchy(tenant_count: int, seed: int, hostile: bool = False) -> Hierarchy:
    """Generate the MSSP root (TSG id 1000000001) and ``tenant_count`` customer tenants.

    About two tenants in three sit directly under the root. The others nest below an earlier
    customer tenant, at most MAX_DEPTH levels below the root.
    """
    rng = random.Random("hierarchy:%d" % seed)
    used_ids = {ROOT_TSG_ID}
    tsg_ids = _unique_ids(rng, tenant_count, used_ids)
    cdl_ids = _unique_ids(rng, tenant_count + 1, used_ids)

    root = Tenant(
        tsg_id=ROOT_TSG_ID, cdl_tenant_id=cdl_ids[0], display_name="MSSP Root",
        license_type="SASE", vertical="technology", license_activated=True, regions=["us01"],
    )
    used_names: set[str] = set()
    nestable: list[Tenant] = []
    for index in range(tenant_count):
        tenant = Tenant(
            tsg_id=tsg_ids[index],
            cdl_tenant_id=cdl_ids[index + 1],
            display_name=_company_name(rng, used_names),
            license_type=rng.choices(LICENSE_TYPES, (40, 5, 40, 15))[0],
            vertical=rng.choice(_names.VERTICALS),
            license_activated=rng.random() > 0.05,
            regions=_regions(rng),
        )
        parent = root
        if nestable and rng.random() < 0.35:
            parent = rng.choice(nestable)
        tenant.depth = parent.depth + 1
        parent.children.append(tenant)
        if tenant.depth < MAX_DEPTH:
            nestable.append(tenant)

    hierarchy = Hierarchy(root)
    if hostile:
        _apply_hostile_names(hierarchy)
    return hierarchy


def _apply_hostile_names(hierarchy: Hierarchy) -> None:
    """Give every fifth customer tenant a hostile display name, in a fixed order."""
    customers = [tenant for tenant in hierarchy if tenant.parent_tsg_id is not None]
    for position, tenant in enumerate(customers[::5]):
        tenant.display_name = HOSTILE_NAMES[position % len(HOSTILE_NAMES)]


class HierarchyError(ValueError):
    """A hierarchy file is unreadable or not shaped like the hierarchy response."""


HIERARCHY_FIELDS = ("id", "display_name", "cdlTenantId", "tenantLicenseType", "vertical",
                    "license_activated")


def _tenant_from_node(node: Any, where: str) -> Tenant:
    if not isinstance(node, dict):
        raise HierarchyError("%s: expected a JSON object, got %s" % (where, type(node).__name__))
    missing = [name for name in HIERARCHY_FIELDS if name not in node]
    if missing:
        raise HierarchyError("%s: missing field(s) %s" % (where, ", ".join(missing)))
    regions = node.get("region") or []
    if not isinstance(regions, list) or not all(isinstance(code, str) for code in regions):
        raise HierarchyError("%s: 'region' must be a list of CDL region codes" % where)
    children = node.get("children") or []
    if not isinstance(children, list):
        raise HierarchyError("%s: 'children' must be a list" % where)
    tenant = Tenant(
        tsg_id=str(node["id"]),
        cdl_tenant_id=str(node["cdlTenantId"]),
        display_name=str(node["display_name"]),
        license_type=str(node["tenantLicenseType"]),
        vertical=str(node["vertical"]),
        license_activated=bool(node["license_activated"]),
        regions=list(regions),
    )
    for position, child in enumerate(children):
        tenant.children.append(_tenant_from_node(child, "%s.children[%d]" % (where, position)))
    return tenant


def _unwrap_root(document: Any) -> Any:
    """Accept the shapes clients meet: one root object, ``[root]``, ``{items}`` or ``{data}``."""
    if isinstance(document, dict):
        for key in ("items", "data"):
            if key in document and "id" not in document:
                document = document[key]
                break
    if isinstance(document, list):
        if len(document) != 1:
            raise HierarchyError("expected exactly one root tenant, got %d" % len(document))
        document = document[0]
    return document


def load_hierarchy(path: Path, hostile: bool = False) -> Hierarchy:
    """Load a hierarchy file shaped like the hierarchy operation's response."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise HierarchyError("cannot read hierarchy file %s: %s" % (path, error)) from error
    hierarchy = Hierarchy(_tenant_from_node(_unwrap_root(document), "root"))
    if hostile:
        _apply_hostile_names(hierarchy)
    return hierarchy


def iter_region_codes(tenants: Iterable[Tenant]) -> set[str]:
    return {code for tenant in tenants for code in tenant.regions}
