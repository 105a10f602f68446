"""Event records of one tenant per topic, generated on first use from the seed.

Every record is a flat dict whose keys are the property names that request bodies use. Times
are epoch milliseconds unless a field name says otherwise. The query engine filters, groups
and aggregates these records; the operations decide which topic they read.
"""

from __future__ import annotations

import random
from typing import Callable

from simulator import _names
from simulator._hierarchy import Tenant
from simulator._hostile import HOSTILE_TEXT
from simulator._profile import TenantProfile

Record = dict[str, object]
MINUTE_MS = 60_000
HOUR_MS = 60 * MINUTE_MS
DAY_MS = 24 * HOUR_MS

# Node types seen in the spec's examples: 48 for remote networks and 51 for service
# connections (site status), 49 for mobile users (user counts), 50 for explicit proxy.
NODE_REMOTE_NETWORK = 48
NODE_MOBILE_USERS = 49
NODE_EXPLICIT_PROXY = 50
NODE_SERVICE_CONNECTION = 51
SOURCE_TYPES = ("remote_network", "mobile_users", "proxy")


class TextSource:
    """Picks free text for data fields, replacing some values with hostile strings."""

    def __init__(self, rng: random.Random, hostile: bool) -> None:
        self._rng = rng
        self._hostile = hostile

    def pick(self, normal: str) -> str:
        if self._hostile and self._rng.random() < 0.15:
            return self._rng.choice(HOSTILE_TEXT)
        return normal


def _count(rng: random.Random, profile: TenantProfile, low: int, high: int) -> int:
    return max(0, int(rng.randint(low, high) * profile.activity))


def _user(rng: random.Random, tenant: Tenant) -> str:
    domain = "".join(ch for ch in tenant.display_name.lower() if ch.isascii() and ch.isalnum())
    return "%s.%s@%s.example" % (rng.choice(_names.FIRST_NAMES), rng.choice(_names.LAST_NAMES),
                                 domain[:20] or "tenant")


def _site(rng: random.Random) -> str:
    return "%s-branch-%02d" % (rng.choice(_names.CITIES), rng.randint(1, 40))


def threat_records(tenant: Tenant, profile: TenantProfile, rng: random.Random, now_ms: int,
                   text: TextSource) -> list[Record]:
    records: list[Record] = []
    total = _count(rng, profile, 3, 10)
    for index in range(total + (2 if profile.unblocked_critical_threats else 0)):
        # Tenants with unblocked critical threats get one Critical and one High event that
        # was not blocked, on top of their random events.
        forced = index >= total
        if index == total:
            severity = "Critical"
        elif forced:
            severity = "High"
        else:
            severity = rng.choices(("Critical", "High", "Medium", "Low", "Informational"),
                                   (5, 15, 30, 30, 20))[0]
        blocked = False if forced else rng.random() < 0.9
        verdict = rng.choices(("malicious", "unknown", "benign"), (50, 20, 30))[0]
        user = _user(rng, tenant)
        records.append({
            "sub_tenant_id": tenant.cdl_tenant_id,
            "event_time": now_ms - rng.randint(0, 6 * DAY_MS if forced else 30 * DAY_MS),
            "severity": severity,
            "threat_id": rng.randint(30000, 99999),
            "threat_name": rng.choice(_names.THREAT_NAMES),
            "threat_sub_type": rng.choice(_names.THREAT_SUB_TYPES),
            "threat_count": rng.randint(1, 400),
            "action": "block" if blocked else "alert",
            "blocked": blocked,
            "verdict": verdict,
            "wildfire_verdict": 1 if verdict == "malicious" and rng.random() < 0.3 else 0,
            "source_user": user,
            "source_user_info_name": text.pick(user.split("@")[0]),
            "rule_matched": text.pick(rng.choice(("allow-web", "allow-saas", "default-allow",
                                                  "block-known-bad", "outbound-any"))),
            "source_type": rng.choice(SOURCE_TYPES),
        })
    return records


def app_records(tenant: Tenant, profile: TenantProfile, rng: random.Random, now_ms: int,
                text: TextSource) -> list[Record]:
    records: list[Record] = []
    applications = list(_names.APPLICATIONS)
    chosen = rng.sample(applications, rng.randint(4, 8))
    if profile.risky_apps:
        chosen.append(("bittorrent", "general-internet", "file-sharing", 5))
    for app, category, sub_category, risk in chosen:
        for _event in range(rng.randint(1, 3)):
            risky = risk >= 4
            blocked = risky and not profile.risky_apps and rng.random() < 0.8
            user = _user(rng, tenant)
            records.append({
                "sub_tenant_id": tenant.cdl_tenant_id,
                "event_time": now_ms - rng.randint(0, 30 * DAY_MS),
                "app": app,
                "app_category": category,
                "app_sub_category": sub_category,
                "risk_of_app": risk,
                "is_risky": risky,
                "blocked": blocked,
                "total_bytes": rng.randint(10_000, 5_000_000_000),
                "app_count": rng.randint(1, 200),
                "session_id": rng.randint(1, 10**12),
                "source_user_info_name": text.pick(user.split("@")[0]),
                "rule_matched": text.pick(rng.choice(("allow-saas", "allow-web", "default-allow",
                                                      "block-p2p"))),
                "source_type": rng.choice(SOURCE_TYPES),
            })
    return records


def url_records(tenant: Tenant, profile: TenantProfile, rng: random.Random, now_ms: int,
                text: TextSource) -> list[Record]:
    records: list[Record] = []
    safe = [category for category in _names.URL_CATEGORIES
            if category not in _names.RISKY_URL_CATEGORIES]
    categories = rng.sample(safe, rng.randint(3, 6))
    if profile.risky_urls:
        categories += rng.sample(_names.RISKY_URL_CATEGORIES, rng.randint(1, 2))
    for category in categories:
        risky = category in _names.RISKY_URL_CATEGORIES
        blocked = risky and rng.random() < 0.5
        user = _user(rng, tenant)
        records.append({
            "sub_tenant_id": tenant.cdl_tenant_id,
            "event_time": now_ms - rng.randint(0, 6 * DAY_MS if risky else 30 * DAY_MS),
            "url_category_value": category,
            "url_domain": text.pick("%s.example" % category.replace("-", "")),
            "uri_count": rng.randint(1, 900),
            "blocked": blocked,
            "severity": rng.choice(("Critical", "High", "Medium")) if risky else "Low",
            "source_user_info_name": text.pick(user.split("@")[0]),
            "rule_matched": text.pick(rng.choice(("url-filtering-default", "allow-web"))),
        })
    return records


def alert_records(tenant: Tenant, profile: TenantProfile, rng: random.Random, now_ms: int,
                  text: TextSource) -> list[Record]:
    records: list[Record] = []
    for _index in range(_count(rng, profile, 1, 6)):
        updated = now_ms - rng.randint(0, 14 * DAY_MS)
        records.append({
            "sub_tenant_id": tenant.cdl_tenant_id,
            "alert_id": "%08x-%04x" % (rng.getrandbits(32), rng.getrandbits(16)),
            "severity": rng.choices(("Critical", "High", "Medium", "Low"), (5, 20, 40, 35))[0],
            "domain": "External",
            "category": rng.choice(("Remote Networks", "Mobile Users", "Service Connections")),
            "title": text.pick("Tunnel %s flapping" % _site(rng)),
            "source_type": rng.choice(("mu", "rn", "sc")),
            "node_type": rng.choice((NODE_REMOTE_NETWORK, NODE_MOBILE_USERS,
                                     NODE_SERVICE_CONNECTION)),
            "updated_time": updated,
            "update_time": updated,
            "event_time": updated - rng.randint(0, DAY_MS),
        })
    return records


def incident_records(tenant: Tenant, profile: TenantProfile, rng: random.Random, now_ms: int,
                     text: TextSource) -> list[Record]:
    records: list[Record] = []
    total = _count(rng, profile, 0, 4)
    for index in range(total + (1 if profile.open_critical_incident else 0)):
        forced = index == total
        site = _site(rng)
        # Cubing the uniform draw makes recent incidents more common than old ones, so a
        # one-hour window (the spec's trend examples) still finds some.
        raised = now_ms - (rng.randint(3 * DAY_MS, 9 * DAY_MS) if forced
                           else int(7 * DAY_MS * rng.random() ** 3))
        status = "Raised" if forced else rng.choice(("Raised", "Cleared", "Cleared"))
        cleared = None if status == "Raised" else raised + rng.randint(5 * MINUTE_MS, DAY_MS)
        updated = cleared if cleared is not None else raised + rng.randint(0, HOUR_MS)
        records.append({
            # The incident examples of the spec carry sub_tenant_id as an integer.
            "sub_tenant_id": int(tenant.tsg_id),
            "incident_id": "%08x-%04x-4%03x-a%03x-%012x" % (
                rng.getrandbits(32), rng.getrandbits(16), rng.getrandbits(12),
                rng.getrandbits(12), rng.getrandbits(48)),
            "title": text.pick(rng.choice(_names.INCIDENT_TITLES).format(
                site=site, city=rng.choice(_names.CITIES))),
            "severity": "Critical" if forced else rng.choice(("Critical", "Warning", "Warning")),
            "category": rng.choice(("Prisma-Access", "Remote-Networks", "Mobile-Users")),
            "sub_category": rng.choice(("Tunnel", "BGP", "Bandwidth", "Gateway")),
            "status": status,
            "code": rng.choice(("AL_TUNNEL_DOWN", "AL_BGP_DOWN", "AL_BW_HIGH", "AL_GW_DEGRADED")),
            "clear_reason": "Auto" if cleared is not None else "",
            "domain": "External",
            "created_time": raised,
            "raised_time": raised,
            "updated_time": updated,
            "cleared_time": cleared,
            "event_time": updated,
            "sites": [site],
            "tunnels": ["%s-tunnel-1" % site],
            "bgp_peers": ["%s-bgp" % site],
            "locations": [rng.choice(_names.LOCATIONS)[0]],
        })
    return records


def node_records(tenant: Tenant, profile: TenantProfile, rng: random.Random, now_ms: int,
                 text: TextSource) -> list[Record]:
    """Prisma Access nodes (remote networks, service connections and others) and sites."""
    records: list[Record] = []
    counts = ((NODE_REMOTE_NETWORK, rng.randint(1, 8)), (NODE_MOBILE_USERS, rng.randint(0, 2)),
              (NODE_EXPLICIT_PROXY, rng.randint(0, 1)), (NODE_SERVICE_CONNECTION, rng.randint(1, 2)))
    for node_type, count in counts:
        for _index in range(count):
            down = rng.random() < (0.3 if profile.gateway_degraded else 0.05)
            records.append({
                "sub_tenant_id": tenant.tsg_id,
                "node_type": node_type,
                "site_name": text.pick(_site(rng)),
                "site_state_name": "Down" if down else "Up",
                "event_time": now_ms - rng.randint(0, HOUR_MS),
            })
    return records


def cdl_status_records(tenant: Tenant, profile: TenantProfile, rng: random.Random,
                       now_ms: int, text: TextSource) -> list[Record]:
    records: list[Record] = []
    for position, _region in enumerate(tenant.regions):
        down = profile.cdl_down and position == 0
        # The request filters on "state" and the response names the same value "status".
        state = "Down" if down else "Up"
        records.append({"sub_tenant_id": tenant.tsg_id, "state": state, "status": state,
                        "location_count": rng.randint(1, 12), "event_time": now_ms})
    return records


def gateway_records(tenant: Tenant, profile: TenantProfile, rng: random.Random, now_ms: int,
                    text: TextSource) -> list[Record]:
    records: list[Record] = [{"sub_tenant_id": tenant.tsg_id, "status": "Up",
                              "gateway_count": rng.randint(1, 10), "event_time": now_ms}]
    if profile.gateway_degraded:
        records.append({"sub_tenant_id": tenant.tsg_id, "status": "Degraded",
                        "gateway_count": rng.randint(1, 3), "event_time": now_ms})
    return records


def outlier_records(tenant: Tenant, profile: TenantProfile, rng: random.Random, now_ms: int,
                    text: TextSource) -> list[Record]:
    records: list[Record] = []
    for _index in range(rng.randint(1, 4)):
        utilization = rng.randint(20, 99)
        records.append({
            "sub_tenant_id": tenant.tsg_id,
            "site_name": text.pick(_site(rng)),
            "bandwidth_consumed": rng.randint(1_000, 900_000),
            "unit": "Kbps",
            "threshold": utilization,
            "node_type": NODE_REMOTE_NETWORK,
            "event_time": now_ms - rng.randint(0, 40 * DAY_MS),
        })
    return records


def user_records(tenant: Tenant, profile: TenantProfile, rng: random.Random, now_ms: int,
                 text: TextSource) -> list[Record]:
    """Mobile-user connections per Prisma Access location."""
    records: list[Record] = []
    locations = rng.sample(_names.LOCATIONS, rng.randint(1, 3))
    for _index in range(_count(rng, profile, 2, 12)):
        location = rng.choice(locations)
        user = _user(rng, tenant)
        records.append({
            "sub_tenant_id": tenant.tsg_id,
            "gpuser_name": text.pick(user),
            "edge_location_display_name": location[0],
            "compute_location": location[1],
            "connection_state": rng.choices(("CONNECTED", "CONNECT_CONTINUE", "DISCONNECTED"),
                                            (70, 15, 15))[0],
            "node_type": NODE_MOBILE_USERS,
            "event_time": now_ms - rng.randint(0, 80 * DAY_MS),
        })
    return records


TopicGenerator = Callable[[Tenant, TenantProfile, random.Random, int, TextSource], list[Record]]

TOPICS: dict[str, TopicGenerator] = {
    "threats": threat_records,
    "applications": app_records,
    "urls": url_records,
    "alerts": alert_records,
    "incidents": incident_records,
    "nodes": node_records,
    "cdl_status": cdl_status_records,
    "gateways": gateway_records,
    "outliers": outlier_records,
    "users": user_records,
}
