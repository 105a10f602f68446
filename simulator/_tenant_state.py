"""Per-tenant state that is not a stream of events: licenses, upgrades, app experience."""

from __future__ import annotations

import datetime
import random

from simulator import _names
from simulator._hierarchy import Tenant
from simulator._profile import TenantProfile
from simulator._records import DAY_MS, HOUR_MS, Record

LICENSE_SKUS = {"MU": "PAN-PRISMA-ACCESS-MU-BUS-PREM", "RN": "PAN-PRISMA-ACCESS-RN-BUS-PREM",
                "CDL": "PAN-CDL-1TB"}


def _license_units(rng: random.Random) -> dict[str, int]:
    return {"MU": rng.choice((200, 500, 1000, 2500, 5000)),
            "RN": rng.choice((50, 100, 200, 500, 1000)),
            "CDL": rng.choice((1, 5, 10, 50))}


def license_quota(tenant: Tenant, profile: TenantProfile, rng: random.Random,
                  now_ms: int) -> Record:
    """Build the LicenseQuota object of the spec; every required field is present."""
    units = _license_units(rng)
    issue_ts = now_ms - rng.randint(60, 700) * DAY_MS
    if profile.license_expiring:
        expiry_ts = now_ms + rng.randint(1, 29) * DAY_MS
    else:
        expiry_ts = now_ms + rng.randint(45, 1000) * DAY_MS
    details = {}
    for resource, amount in units.items():
        details[resource] = {
            "license_units": amount,
            "expiry_ts": expiry_ts,
            "issue_ts": issue_ts,
            "sku": LICENSE_SKUS[resource],
            # The spec documents "Mbps or no units at all (for MU)".
            "license_allocated_unit": "Mbps" if resource == "RN" else "",
        }
    primary_region = tenant.regions[0] if tenant.regions else "us01"
    return {
        "tsg_id": tenant.tsg_id,
        "sub_tenant_id": tenant.cdl_tenant_id,
        "licenseDetails": details,
        "support": {
            "cdl_tenant_id": tenant.cdl_tenant_id,
            "pa_tenant_id": str(int(tenant.cdl_tenant_id) + 1),
            "fawkes_tenant_id": str(int(tenant.cdl_tenant_id) + 2),
            "panorama_tenant_id": str(int(tenant.cdl_tenant_id) + 3),
            "cdl_tenant_region": primary_region,
            "pa_tenant_region": primary_region,
            "fawkes_tenant_region": primary_region,
            # The spec misspells this required field, so it is kept as written there.
            "panorma_tenant_region": primary_region,
        },
    }


def setup_status(tenant: Tenant, profile: TenantProfile, rng: random.Random) -> Record:
    if not tenant.license_activated:
        operational, setup = "No License", "License Allocated"
    elif profile.setup_incomplete:
        operational, setup = rng.choice((("Warning", "License Activated"),
                                         ("Activating", "License Activated"),
                                         ("Error", "License Allocated")))
    else:
        operational, setup = "Complete", "Components Configured"
    return {"tsg_id": tenant.tsg_id, "cdl_tenant_id": tenant.cdl_tenant_id,
            "operational_status": operational, "service_setup_status": setup}


def license_utilization(tenant: Tenant, profile: TenantProfile, rng: random.Random,
                        quota: Record) -> list[Record]:
    """Build one LicenseUtilization row per product type (RN, then MU).

    Remote-network licenses are allocated in Mbps while usage is reported in Kbps; the
    utilization percentage is computed after converting, as the service reports it.
    """
    details = quota["licenseDetails"]
    assert isinstance(details, dict)
    rn_units = float(details["RN"]["license_units"])
    mu_units = float(details["MU"]["license_units"])
    rn_percent = rng.uniform(91, 130) if profile.license_over_90 else rng.uniform(5, 85)
    rn_used_kbps = round(rn_units * 1000 * rn_percent / 100, 1)
    if profile.mobile_users_idle:
        mu_used, mu_percent = 0.0, 0.0
    else:
        mu_used = float(rng.randint(0, int(mu_units * 0.95)))
        mu_percent = mu_used / mu_units * 100
    return [
        {"sub_tenant_id": tenant.cdl_tenant_id, "product_type": "RN",
         "utilization_percentage": round(rn_used_kbps / (rn_units * 1000) * 100, 2),
         "license_units_used": rn_used_kbps, "license_used_unit": "Kbps",
         "license_units": rn_units, "license_unit": "Mbps"},
        {"sub_tenant_id": tenant.cdl_tenant_id, "product_type": "MU",
         "utilization_percentage": round(mu_percent, 2),
         "license_units_used": mu_used, "license_used_unit": "",
         "license_units": mu_units, "license_unit": ""},
    ]


def license_allocated(tenant: Tenant, quota: Record) -> dict[str, int]:
    details = quota["licenseDetails"]
    assert isinstance(details, dict)
    return {"mobile_users": int(details["MU"]["license_units"]),
            "remote_networks": int(details["RN"]["license_units"]),
            "explicit_proxy": 0, "okyo": 0}


def upgrade_record(tenant: Tenant, profile: TenantProfile, rng: random.Random,
                   now_ms: int) -> Record:
    versions = _names.DATAPLANE_VERSIONS
    current = versions[rng.randint(0, 1)] if profile.old_version else versions[
        rng.randint(len(versions) - 3, len(versions) - 1)]
    candidates = [version for version in versions if version > current] or [current]
    upgrade_ts = now_ms + rng.randint(-20, 20) * DAY_MS
    status = "Failed" if profile.upgrade_failed else rng.choice(
        ("Completed", "Completed", "Scheduled", "Not Scheduled"))
    window_start = (upgrade_ts // DAY_MS) * DAY_MS + 2 * HOUR_MS
    return {
        "tenant_id": tenant.tsg_id,
        "sub_tenant_id": tenant.cdl_tenant_id,
        "current_version": current,
        "amiversion": current,
        "current_software_version": current,
        "candidate_release_list": ",".join(candidates),
        "customer_onboarded_locations": ",".join(
            location[0] for location in rng.sample(_names.LOCATIONS, 2)),
        "upgrade_ts": upgrade_ts,
        "time_window": "02:00-06:00",
        "compute_timezone": rng.choice(("UTC", "Europe/Berlin", "America/Chicago", "Asia/Tokyo")),
        "upgrade_type": rng.choice(("dataplane", "gp-gateway")),
        "upgrade_version": candidates[-1],
        "status": status,
        "error": "Upgrade failed: dataplane health check timed out" if status == "Failed" else "",
        "last_upgrade_date": _iso(now_ms - rng.randint(30, 200) * DAY_MS),
        "next_upgrade_scheduled": upgrade_ts,
        "next_upgrade_scheduled_str": _iso(upgrade_ts),
        "start_date": _iso(window_start),
        "end_date": _iso(window_start + 4 * HOUR_MS),
    }


def _iso(epoch_ms: int) -> str:
    moment = datetime.datetime.fromtimestamp(epoch_ms / 1000, tz=datetime.timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.000Z")


def app_experience(tenant: Tenant, rng: random.Random) -> list[Record]:
    """Application experience rows of the appMonitor applications operation."""
    rows: list[Record] = []
    for name in rng.sample(("Slack (Predefined)", "Gmail", "Salesforce (Predefined)", "Zoom",
                            "Microsoft 365", "Box", "ServiceNow"), 3):
        good, fair, poor = rng.randint(0, 40), rng.randint(0, 10), rng.randint(0, 5)
        devices = good + fair + poor
        score = round((good * 100 + fair * 60 + poor * 20) / devices, 1) if devices else 0
        rows.append({"appName": name, "dataUsage": rng.randint(0, 10**9),
                     "sessions": rng.randint(0, 5000),
                     "mu": {"devices": devices, "expScore": score, "fair": fair, "good": good,
                            "poor": poor}})
    return rows


def tenant_experience(tenant: Tenant, rng: random.Random) -> Record:
    return {"tsg_id": tenant.tsg_id, "mu_exp_score": round(rng.uniform(40, 100), 1),
            "rn_exp_score": round(rng.uniform(40, 100), 1),
            "total_app_usage": rng.randint(1000, 10**8), "total_sessions": rng.randint(10, 10**6),
            "unique_app_count": rng.randint(5, 150)}


def node_trend(rng: random.Random, now_ms: int, points: int = 48) -> list[Record]:
    """Half-hourly experience scores; nodeTrend reports event_time in epoch seconds."""
    end_s = (now_ms // 1000 // 1800) * 1800
    rows: list[Record] = []
    for index in range(points):
        rows.append({"event_time": end_s - (points - 1 - index) * 1800,
                     "app_score": round(rng.uniform(50, 100), 1),
                     "mu_exp_score": round(rng.uniform(50, 100), 1),
                     "rn_exp_score": round(rng.uniform(50, 100), 1)})
    return rows
