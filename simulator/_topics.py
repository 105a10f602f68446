"""Topic definitions: record fields, computed counters and rules for each kind of data."""

from __future__ import annotations

from collections.abc import Callable

from simulator._names import RISKY_URL_CATEGORIES
from simulator._query import Topic
from simulator._records import Record


def _sum(field_name: str, where: Callable[[Record], bool] = lambda record: True
         ) -> Callable[[list[Record]], float]:
    def compute(records: list[Record]) -> float:
        return sum(int(record.get(field_name) or 0) for record in records if where(record))
    return compute


def _tally(where: Callable[[Record], bool] = lambda record: True
           ) -> Callable[[list[Record]], float]:
    def compute(records: list[Record]) -> float:
        return sum(1 for record in records if where(record))
    return compute


def _distinct(field_name: str, where: Callable[[Record], bool] = lambda record: True
              ) -> Callable[[list[Record]], float]:
    def compute(records: list[Record]) -> float:
        return len({record.get(field_name) for record in records if where(record)})
    return compute


def _is(field_name: str, value: object) -> Callable[[Record], bool]:
    return lambda record: record.get(field_name) == value


def _blocked(record: Record) -> bool:
    return bool(record.get("blocked"))


def _unblocked(record: Record) -> bool:
    return not record.get("blocked")


THREATS = Topic(
    name="threats",
    fields=frozenset({
        "sub_tenant_id", "event_time", "severity", "threat_id", "threat_name", "threat_sub_type",
        "threat_count", "action", "verdict", "source_user", "source_user_info_name",
        "rule_matched", "source_type"}),
    counters={
        "total_threats": _sum("threat_count"),
        "blocked_count": _sum("threat_count", _blocked),
        "unblocked_count": _sum("threat_count", _unblocked),
        "malicious_count": _sum("threat_count", _is("verdict", "malicious")),
        "unknown_count": _sum("threat_count", _is("verdict", "unknown")),
        "wildfire_verdict": _sum("wildfire_verdict"),
        "total_remote_network": _sum("threat_count", _is("source_type", "remote_network")),
        "total_mobile_users": _sum("threat_count", _is("source_type", "mobile_users")),
        "total_proxy_nodes": _sum("threat_count", _is("source_type", "proxy")),
    },
    rules={"blocked": _blocked, "unblocked": _unblocked},
    # The filter documentation names the severity field threat_severity on threats/source.
    filter_aliases={"threat_severity": "severity"},
    default_properties=("sub_tenant_id", "total_threats", "blocked_count", "unblocked_count"),
)


def _risky(record: Record) -> bool:
    return bool(record.get("is_risky"))


APPLICATIONS = Topic(
    name="applications",
    fields=frozenset({
        "sub_tenant_id", "event_time", "app", "app_category", "app_sub_category", "risk_of_app",
        "total_bytes", "app_count", "session_id", "source_user_info_name", "rule_matched",
        "source_type"}),
    counters={
        "unique_total_apps": _distinct("app"),
        "unique_app_count": _distinct("app"),
        "total_app_count": _distinct("app"),
        "risk_of_app_count": _distinct("app", _risky),
        "blocked_app_count": _distinct("app", lambda record: _risky(record) and _blocked(record)),
        "unblocked_app_count": _distinct("app",
                                         lambda record: _risky(record) and _unblocked(record)),
        "total_app_remote_network": _distinct("app", _is("source_type", "remote_network")),
        "total_app_mobile_users": _distinct("app", _is("source_type", "mobile_users")),
        "total_app_proxy_nodes": _distinct("app", _is("source_type", "proxy")),
    },
    rules={"app_risky": _risky, "blocked": _blocked, "unblocked": _unblocked},
    default_properties=("sub_tenant_id", "total_app_count", "risk_of_app_count"),
)


def _risky_url(record: Record) -> bool:
    return record.get("url_category_value") in RISKY_URL_CATEGORIES


URLS = Topic(
    name="urls",
    fields=frozenset({
        "sub_tenant_id", "event_time", "url_category_value", "url_domain", "uri_count",
        "severity", "source_user_info_name", "rule_matched"}),
    counters={
        "total_uri": _sum("uri_count"),
        "blocked_uri_count": _sum("uri_count", _blocked),
        "unblocked_uri_count": _sum("uri_count", _unblocked),
    },
    rules={"url_high_risk": _risky_url, "blocked": _blocked, "unblocked": _unblocked},
    default_properties=("sub_tenant_id", "total_uri"),
)

ALERTS = Topic(
    name="alerts",
    fields=frozenset({
        "sub_tenant_id", "alert_id", "severity", "domain", "category", "title", "node_type",
        "updated_time", "update_time", "event_time"}),
    counters={
        "total_count": _tally(),
        "mu_count": _tally(_is("source_type", "mu")),
        "rn_count": _tally(_is("source_type", "rn")),
        "sc_count": _tally(_is("source_type", "sc")),
    },
    default_properties=("sub_tenant_id", "total_count"),
)

INCIDENTS = Topic(
    name="incidents",
    fields=frozenset({
        "sub_tenant_id", "incident_id", "title", "severity", "category", "sub_category",
        "status", "code", "clear_reason", "domain", "created_time", "raised_time",
        "updated_time", "cleared_time", "event_time"}),
    counters={
        "total_count": _tally(),
        "critical_count": _tally(_is("severity", "Critical")),
        "warning_count": _tally(_is("severity", "Warning")),
    },
    default_properties=("incident_id", "title", "sub_tenant_id", "severity", "status",
                        "raised_time"),
    histogram_time_key=True,
)

NODES = Topic(
    name="nodes",
    fields=frozenset({"sub_tenant_id", "node_type", "site_name", "site_state_name",
                      "event_time"}),
    counters={"node_count": _tally()},
    default_properties=("sub_tenant_id", "node_type", "site_name", "site_state_name"),
)

CDL_STATUS = Topic(
    name="cdl_status",
    fields=frozenset({"sub_tenant_id", "state", "status", "event_time"}),
    counters={"location_count": _sum("location_count")},
    default_properties=("status", "location_count", "sub_tenant_id"),
)

GATEWAYS = Topic(
    name="gateways",
    fields=frozenset({"sub_tenant_id", "status", "event_time"}),
    counters={"gateway_count": _sum("gateway_count")},
    default_properties=("status", "gateway_count", "sub_tenant_id"),
)

OUTLIERS = Topic(
    name="outliers",
    fields=frozenset({"sub_tenant_id", "site_name", "bandwidth_consumed", "unit", "threshold",
                      "node_type", "event_time"}),
    default_properties=("sub_tenant_id", "site_name", "bandwidth_consumed", "unit"),
    default_sort=("bandwidth_consumed", "desc"),
)

USERS = Topic(
    name="users",
    fields=frozenset({"sub_tenant_id", "gpuser_name", "edge_location_display_name",
                      "compute_location", "connection_state", "node_type", "event_time"}),
    counters={"user_count": _distinct("gpuser_name")},
    default_properties=("sub_tenant_id", "user_count"),
)

UPGRADES = Topic(
    name="upgrades",
    fields=frozenset({
        "tenant_id", "sub_tenant_id", "current_version", "amiversion",
        "current_software_version", "candidate_release_list", "customer_onboarded_locations",
        "upgrade_ts", "time_window", "compute_timezone", "upgrade_type", "upgrade_version",
        "status", "error", "last_upgrade_date", "next_upgrade_scheduled",
        "next_upgrade_scheduled_str", "start_date", "end_date"}),
    default_properties=("tenant_id", "sub_tenant_id", "current_version", "upgrade_version",
                        "status"),
)
