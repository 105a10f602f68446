"""The simulated account: hierarchy, region index and lazily generated per-tenant data."""

from __future__ import annotations

import threading
import time
from typing import Any

from simulator import _records, _tenant_state
from simulator._collection import load_module_util
from simulator._hierarchy import Hierarchy, Tenant
from simulator._profile import TenantProfile, build_profile, tenant_rng
from simulator._records import Record, TextSource

_regions = load_module_util("_regions")


class Model:
    """Everything the API serves, deterministic for a seed.

    Records are generated per (tenant, topic) on first use and kept, so start-up stays fast
    for thousands of tenants and a request costs as much as the tenants it covers. Times are
    relative to ``now_ms``, fixed when the model is built.
    """

    def __init__(self, hierarchy: Hierarchy, seed: int, hostile: bool = False,
                 now_ms: int | None = None) -> None:
        self.hierarchy = hierarchy
        self.seed = seed
        self.hostile = hostile
        self.now_ms = now_ms if now_ms is not None else int(time.time() * 1000)
        self._cache: dict[tuple[str, str], Any] = {}
        self._lock = threading.Lock()
        self._region_headers: dict[str, frozenset[str]] = {
            tenant.tsg_id: frozenset(header_for_cdl_region(code) for code in tenant.regions)
            for tenant in hierarchy
        }

    def region_headers(self, tenant: Tenant) -> frozenset[str]:
        """Return the X-PANW-Region values whose calls include this tenant's rows."""
        return self._region_headers[tenant.tsg_id]

    def tenants_in_scope(self, tsg_id: str, aggregate: bool, region: str | None) -> list[Tenant]:
        """Return the token's tenant, or its whole subtree when ``aggregate`` is true, keeping
        only tenants whose data lives in ``region`` (every tenant when ``region`` is None)."""
        if aggregate:
            tenants = self.hierarchy.subtree(tsg_id)
        else:
            tenants = [self.hierarchy.by_tsg[tsg_id]]
        if region is None:
            return tenants
        return [tenant for tenant in tenants if region in self._region_headers[tenant.tsg_id]]

    def _cached(self, tenant: Tenant, topic: str, build: Any) -> Any:
        key = (tenant.tsg_id, topic)
        value = self._cache.get(key)
        if value is None:
            value = build()
            with self._lock:
                value = self._cache.setdefault(key, value)
        return value

    def profile(self, tenant: Tenant) -> TenantProfile:
        return self._cached(tenant, "profile", lambda: build_profile(self.seed, tenant))

    def records(self, tenant: Tenant, topic: str) -> list[Record]:
        """Return the event records of one topic (a key of _records.TOPICS) for a tenant."""
        def build() -> list[Record]:
            rng = tenant_rng(self.seed, tenant, topic)
            text = TextSource(tenant_rng(self.seed, tenant, topic + ":text"), self.hostile)
            return _records.TOPICS[topic](tenant, self.profile(tenant), rng, self.now_ms, text)
        return self._cached(tenant, topic, build)

    def license_quota(self, tenant: Tenant) -> Record:
        return self._cached(tenant, "license_quota", lambda: _tenant_state.license_quota(
            tenant, self.profile(tenant), tenant_rng(self.seed, tenant, "license"), self.now_ms))

    def setup_status(self, tenant: Tenant) -> Record:
        return self._cached(tenant, "setup_status", lambda: _tenant_state.setup_status(
            tenant, self.profile(tenant), tenant_rng(self.seed, tenant, "setup")))

    def license_utilization(self, tenant: Tenant) -> list[Record]:
        return self._cached(tenant, "license_utilization", lambda: _tenant_state.
                            license_utilization(tenant, self.profile(tenant),
                                                tenant_rng(self.seed, tenant, "utilization"),
                                                self.license_quota(tenant)))

    def upgrade(self, tenant: Tenant) -> Record:
        return self._cached(tenant, "upgrade", lambda: _tenant_state.upgrade_record(
            tenant, self.profile(tenant), tenant_rng(self.seed, tenant, "upgrade"), self.now_ms))

    def app_experience(self, tenant: Tenant) -> list[Record]:
        return self._cached(tenant, "app_experience", lambda: _tenant_state.app_experience(
            tenant, tenant_rng(self.seed, tenant, "app_experience")))

    def tenant_experience(self, tenant: Tenant) -> Record:
        return self._cached(tenant, "tenant_experience", lambda: _tenant_state.
                            tenant_experience(tenant, tenant_rng(self.seed, tenant, "experience")))

    def node_trend(self, tenant: Tenant) -> list[Record]:
        return self._cached(tenant, "node_trend", lambda: _tenant_state.node_trend(
            tenant_rng(self.seed, tenant, "node_trend"), self.now_ms))


def header_for_cdl_region(code: str) -> str:
    """Map a CDL region code (us01) to its X-PANW-Region value (americas)."""
    header = _regions.CDL_REGION_TO_HEADER.get(code)
    if header is not None:
        return header
    # An unmapped code such as ch01 is served under its letters, so a well-formed but
    # undocumented header value such as "ch" selects those tenants.
    return code.rstrip("0123456789")
