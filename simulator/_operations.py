"""The 36 operations: how each one turns the model into a response body."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any

from simulator import _names, _tenant_state, _topics
from simulator._hierarchy import Tenant
from simulator._model import Model
from simulator._query import QueryError, Topic, parse_query, run_query
from simulator._records import Record

API_PREFIX = "/mt/monitor/v1/agg"
TIME_FILTER_NAMES = ("event_time", "update_time", "updated_time")


@dataclass
class RequestContext:
    """One authorised API request, after the token, agg_by and region were checked."""

    model: Model
    tsg_id: str
    aggregate: bool
    region: str | None
    body: Any
    query: dict[str, str]

    def tenants(self) -> list[Tenant]:
        return self.model.tenants_in_scope(self.tsg_id, self.aggregate, self.region)


Handler = Callable[[RequestContext], Any]


@dataclass(frozen=True)
class OperationRoute:
    """Method, path and header rules of one operation, as the spec declares them."""

    name: str
    method: str
    path: str
    agg_by: bool
    region_header: bool


def _cdl_id(tenant: Tenant) -> object:
    return tenant.cdl_tenant_id


def _tsg_id(tenant: Tenant) -> object:
    return tenant.tsg_id


def _tsg_int(tenant: Tenant) -> object:
    return int(tenant.tsg_id)


# The sub_tenant_id each topic reports: the CDL tenant id in security and license data, the
# TSG id in connectivity data and, as in the spec's incident examples, an integer TSG id.
TENANT_KEYS: dict[str, Callable[[Tenant], object]] = {
    "threats": _cdl_id, "applications": _cdl_id, "urls": _cdl_id, "alerts": _cdl_id,
    "incidents": _tsg_int, "nodes": _tsg_id, "cdl_status": _tsg_id, "gateways": _tsg_id,
    "outliers": _tsg_id, "users": _tsg_id, "upgrades": _cdl_id,
}


def _topic_records(context: RequestContext, topic: Topic) -> tuple[list[Record], list[object]]:
    records: list[Record] = []
    keys: list[object] = []
    key_of = TENANT_KEYS[topic.name]
    for tenant in context.tenants():
        if topic.name == "upgrades":
            records.append(context.model.upgrade(tenant))
        else:
            records.extend(context.model.records(tenant, topic.name))
        keys.append(key_of(tenant))
    return records, keys


class QueryHandler:
    """Handler that returns the rows of a query over one topic."""

    def __init__(self, topic: Topic, renames: dict[str, str] | None = None) -> None:
        self.topic = topic
        self.renames = renames or {}

    def accept_properties(self, names: Iterable[str]) -> None:
        """Accept further property names, such as those the catalog lists for the operation.

        Names that no record of the topic carries are returned as null, like a column
        without data.
        """
        extra = set(names) - self.topic.fields - set(self.topic.counters)
        if extra:
            self.topic = replace(self.topic, fields=self.topic.fields | extra)

    def accept_filter_properties(self, names: Iterable[str]) -> None:
        """Accept further filter property names, such as those the catalog lists.

        The spec's TimeFilter names event_time, update_time and updated_time for every
        operation; a topic that records only event_time filters the other two on it.
        """
        aliases = dict(self.topic.filter_aliases)
        extra = set()
        for name in set(names) - self.topic.fields - set(aliases):
            if name in TIME_FILTER_NAMES and "event_time" in self.topic.fields:
                aliases[name] = "event_time"
            else:
                extra.add(name)
        self.topic = replace(self.topic, fields=self.topic.fields | extra,
                             filter_aliases=aliases)

    def __call__(self, context: RequestContext) -> Any:
        query = parse_query(self.topic, context.body, context.model.now_ms, self.renames)
        records, keys = _topic_records(context, self.topic)
        return run_query(self.topic, query, records, keys)


class UrlSummaryHandler(QueryHandler):
    """Rows of url/summary; a query with no group key answers with a bare object, as the
    spec's "Blocked Risky URL Count" example shows."""

    def __call__(self, context: RequestContext) -> Any:
        query = parse_query(self.topic, context.body, context.model.now_ms)
        records, keys = _topic_records(context, self.topic)
        rows = run_query(self.topic, query, records, keys)
        if query.aggregates and not query.group_properties() and query.histogram is None \
                and rows:
            return rows[0]
        return rows


class UpgradesHandler(QueryHandler):
    """Rows of upgrades/list, each field as its own single-key object, as the spec shows."""

    def __call__(self, context: RequestContext) -> Any:
        body = context.body
        if isinstance(body, dict) and isinstance(body.get("filter"), dict):
            # NOTE: the spec's example filters on start_date and end_date with "equals" and a
            # nested list of ISO times, and what the service does with them is not
            # documented. They are accepted and not applied, so every upgrade record in
            # scope is returned.
            rules = body["filter"].get("rules") or []
            rules_without_dates = [rule for rule in rules if not (
                isinstance(rule, dict) and rule.get("property") in ("start_date", "end_date"))]
            body = dict(body, filter=dict(body["filter"], rules=rules_without_dates))
        query = parse_query(self.topic, body, context.model.now_ms)
        records, keys = _topic_records(context, self.topic)
        pieces: list[dict[str, Any]] = []
        for row in run_query(self.topic, query, records, keys):
            pieces.extend({key: value} for key, value in row.items())
        return pieces


class ImpactedListHandler(QueryHandler):
    """Objects (sites, tunnels, BGP peers, locations) of the incidents that match."""

    def __call__(self, context: RequestContext) -> Any:
        body = context.body if isinstance(context.body, dict) else {}
        query = parse_query(self.topic, dict(body, properties=[]), context.model.now_ms)
        records, _keys = _topic_records(context, self.topic)
        rows = []
        for record in records:
            if query.predicate(record):
                rows.append({"impacted_list": record["incident_id"], "sites": record["sites"],
                             "tunnels": record["tunnels"], "bgp_peers": record["bgp_peers"],
                             "locations": record["locations"]})
        return rows


def _one_or_list(context: RequestContext, rows: list[Record]) -> Any:
    """Return one row as an object, or the rows as a list.

    The spec gives only a single-object schema for the license operations. A request for the
    token's own tenant that yields one row gets that object, and agg_by=tenant gets a list.
    """
    if not context.aggregate and len(rows) == 1:
        return rows[0]
    return rows


def license_quota(context: RequestContext) -> Any:
    return _one_or_list(context, [context.model.license_quota(t) for t in context.tenants()])


def license_setup_status(context: RequestContext) -> Any:
    return _one_or_list(context, [context.model.setup_status(t) for t in context.tenants()])


def license_utilization(context: RequestContext) -> Any:
    product_types = {value.strip().upper() for value in
                     context.query.get("product_type", "").split(",") if value.strip()}
    unknown = product_types - {"RN", "MU"}
    if unknown:
        raise QueryError("unknown product_type %s; use MU, RN or MU,RN"
                         % ", ".join(sorted(unknown)))
    threshold_text = context.query.get("threshold", "-1")
    try:
        threshold = float(threshold_text)
    except ValueError:
        raise QueryError("threshold must be a number, got %r" % threshold_text) from None

    rows = []
    for tenant in context.tenants():
        for row in context.model.license_utilization(tenant):
            if product_types and row["product_type"] not in product_types:
                continue
            if float(row["utilization_percentage"]) > threshold:  # type: ignore[arg-type]
                rows.append(row)
    return _one_or_list(context, rows)


def tenant_hierarchy(context: RequestContext) -> Any:
    return context.model.hierarchy.by_tsg[context.tsg_id].to_hierarchy()


def _envelope(context: RequestContext, data: list[Any]) -> dict[str, Any]:
    created = datetime.datetime.fromtimestamp(context.model.now_ms / 1000,
                                              tz=datetime.timezone.utc)
    return {"data": data, "header": {
        "clientRequestId": str(uuid.uuid4()),
        "createdAt": created.strftime("%Y-%m-%d %H:%M:%S+00:00"),
        "dataCount": len(data),
        "status": {"subCode": 200}}}


def app_monitor_applications(context: RequestContext) -> Any:
    tenant = context.model.hierarchy.by_tsg[context.tsg_id]
    return _envelope(context, context.model.app_experience(tenant))


def app_monitor_node_trend(context: RequestContext) -> Any:
    tenant = context.model.hierarchy.by_tsg[context.tsg_id]
    return _envelope(context, context.model.node_trend(tenant))


def app_monitor_tenants(context: RequestContext) -> Any:
    tenants = context.model.hierarchy.subtree(context.tsg_id)
    return _envelope(context, [context.model.tenant_experience(tenant) for tenant in tenants])


def locations_list(context: RequestContext) -> Any:
    """Prisma Access locations where tenants in scope have users, once each."""
    seen: dict[str, dict[str, str]] = {}
    names = {location[0]: location for location in _names.LOCATIONS}
    for tenant in context.model.tenants_in_scope(context.tsg_id, True, context.region):
        for record in context.model.records(tenant, "users"):
            location = names[str(record["edge_location_display_name"])]
            seen.setdefault(location[0], {"locationName": location[0],
                                          "cloudRegionName": location[2],
                                          "latitude": location[3], "longitude": location[4]})
    return [seen[name] for name in sorted(seen)]


def license_allocated(context: RequestContext) -> Any:
    """Total GlobalProtect license allocation of the token's subtree in that region."""
    tenants = context.model.tenants_in_scope(context.tsg_id, True, context.region)
    if not tenants:
        return []
    totals = {"explicit_proxy": 0, "mobile_users": 0, "okyo": 0, "remote_networks": 0}
    for tenant in tenants:
        quota = context.model.license_quota(tenant)
        for key, size in _tenant_state.license_allocated(tenant, quota).items():
            totals[key] += size
    units = {"remote_networks": "mbps"}
    return [{key: {"size": size, "unit": units.get(key, "user")}
             for key, size in totals.items()}]


HANDLERS: dict[str, Handler] = {
    "alerts.count": QueryHandler(_topics.ALERTS),
    "alerts.list": QueryHandler(_topics.ALERTS),
    "applications.usage": QueryHandler(_topics.APPLICATIONS),
    "applications.count": QueryHandler(_topics.APPLICATIONS),
    "applications.list": QueryHandler(_topics.APPLICATIONS),
    "applications.source": QueryHandler(_topics.APPLICATIONS),
    # The summary answers blocked_app_count as blocked_apps_count (spec response examples).
    "applications.summary": QueryHandler(_topics.APPLICATIONS, {
        "blocked_app_count": "blocked_apps_count",
        "unblocked_app_count": "unblocked_apps_count"}),
    "app_monitor.applications": app_monitor_applications,
    "app_monitor.node_trend": app_monitor_node_trend,
    "app_monitor.tenants": app_monitor_tenants,
    "license.quota": license_quota,
    "license.setup_status": license_setup_status,
    "license.utilization": license_utilization,
    "tenant.hierarchy": tenant_hierarchy,
    "incidents.count": QueryHandler(_topics.INCIDENTS),
    "incidents.impacted_list": ImpactedListHandler(_topics.INCIDENTS),
    # The incident list answers sub_category as "sub-category" (spec response example).
    "incidents.list": QueryHandler(_topics.INCIDENTS, {"sub_category": "sub-category"}),
    "incidents.tenants": QueryHandler(_topics.INCIDENTS),
    "incidents.trends": QueryHandler(_topics.INCIDENTS),
    "locations.list": locations_list,
    "locations.tenants": QueryHandler(_topics.USERS),
    "locations.users": QueryHandler(_topics.USERS),
    "resource.count": QueryHandler(_topics.NODES),
    "connectivity.status": QueryHandler(_topics.NODES),
    "connectivity.cdl_status": QueryHandler(_topics.CDL_STATUS),
    "connectivity.gateway_status": QueryHandler(_topics.GATEWAYS),
    "connectivity.license_allocated": license_allocated,
    "connectivity.top_outliers": QueryHandler(_topics.OUTLIERS),
    "connectivity.unique_users": QueryHandler(_topics.USERS),
    "threats.count": QueryHandler(_topics.THREATS),
    "threats.list": QueryHandler(_topics.THREATS),
    "threats.source": QueryHandler(_topics.THREATS),
    "threats.summary": QueryHandler(_topics.THREATS),
    "upgrades.list": UpgradesHandler(_topics.UPGRADES),
    "urls.summary": UrlSummaryHandler(_topics.URLS),
    "urls.logs": QueryHandler(_topics.URLS),
}
