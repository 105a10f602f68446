"""Per-tenant traits that decide which compliance checks a tenant fails."""

from __future__ import annotations

import random
from dataclasses import dataclass

from simulator._hierarchy import Tenant


@dataclass(frozen=True)
class TenantProfile:
    """Failure flags of one tenant, each of which shapes the records generated for it.

    The probabilities are chosen so that a run over 50 tenants shows every kind of failure a
    few times and most tenants pass most checks.
    """

    activity: float  # scales event counts, 0.2 (quiet) to 3.0 (busy)
    license_over_90: bool
    license_expiring: bool
    setup_incomplete: bool
    unblocked_critical_threats: bool
    open_critical_incident: bool
    cdl_down: bool
    gateway_degraded: bool
    upgrade_failed: bool
    old_version: bool
    risky_urls: bool
    risky_apps: bool
    mobile_users_idle: bool  # mobile-user license_units_used is 0


def tenant_rng(seed: int, tenant: Tenant, topic: str) -> random.Random:
    """Return a generator seeded by the run seed, the tenant and the topic, so records of one
    tenant do not change when other tenants or topics are added."""
    return random.Random("%d:%s:%s" % (seed, tenant.tsg_id, topic))


def build_profile(seed: int, tenant: Tenant) -> TenantProfile:
    rng = tenant_rng(seed, tenant, "profile")
    return TenantProfile(
        activity=round(rng.uniform(0.2, 3.0), 2),
        license_over_90=rng.random() < 0.15,
        license_expiring=rng.random() < 0.10,
        setup_incomplete=rng.random() < 0.10 or not tenant.license_activated,
        unblocked_critical_threats=rng.random() < 0.20,
        open_critical_incident=rng.random() < 0.15,
        cdl_down=rng.random() < 0.08,
        gateway_degraded=rng.random() < 0.10,
        upgrade_failed=rng.random() < 0.08,
        old_version=rng.random() < 0.10,
        risky_urls=rng.random() < 0.25,
        risky_apps=rng.random() < 0.30,
        mobile_users_idle=rng.random() < 0.30,
    )
