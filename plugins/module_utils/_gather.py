# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Fan requests out over operations and regions, merge the rows and join them to tenants.

This is a private module: its interface may change between releases.
Data of a tenant lives in the Cortex Data Lake region of that tenant, so one aggregate call
sees only the tenants of the region in its X-PANW-Region header. A complete answer queries
every region where tenants live and merges the rows.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import dataclasses
import threading
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence, Tuple, Union

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._catalog import (
    Operation,
    get_operation,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._errors import (
    BadResponseError,
    InvalidInputError,
    MonitorError,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._regions import (
    AUTO_REGION,
    headers_for_cdl_regions,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._response import (
    CallContext,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._rows import (
    label_variant_rows,
    merge_region_rows,
    normalize_license_row,
    normalize_rows,
    unflag_rows_without_ids,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._tenants import (
    DEFAULT_TENANT_ID_FIELDS,
    HIERARCHY_OPERATION,
    TenantIndex,
    flatten_hierarchy,
)

WarnCallback = Callable[[str], None]

# The spec names this region header value as the service's default. The hierarchy call uses
# it when no region is configured, because every /mt/monitor/ call carries the header.
FALLBACK_REGION = "americas"

LICENSE_UTILIZATION = "license.utilization"


@dataclass
class OperationResult:
    """Rows of one operation merged over regions, with the request and any failures."""

    operation: str
    rows: List[Dict[str, Any]] = field(default_factory=list)
    request: Dict[str, Any] = field(default_factory=dict)
    regions: List[str] = field(default_factory=list)
    errors: List[Dict[str, Any]] = field(default_factory=list)
    request_count: int = 0
    # One record per call sent: region, variant query, status, request id and row count.
    responses: List[Dict[str, Any]] = field(default_factory=list)

    @property
    def partial(self) -> bool:
        """True when at least one request of this operation failed."""
        return bool(self.errors)

    @property
    def failed(self) -> bool:
        """True when every request of this operation failed, so no row is trustworthy."""
        return bool(self.errors) and len(self.errors) >= self.request_count

    def to_dict(self) -> Dict[str, Any]:
        """Describe the result in the dataset's per-operation format."""
        return {
            "rows": self.rows,
            "request": self.request,
            "regions": self.regions,
            "partial": self.partial,
        }


@dataclass
class TenantScope:
    """The flattened hierarchy of one scope and the index that joins rows to it."""

    tenants: List[Dict[str, Any]]
    index: TenantIndex
    root_tsg_id: Optional[str]
    # The hierarchy response itself, so gather() can reuse it for tenant.hierarchy rows.
    hierarchy_response: Any = None


class PendingScope:
    """A scope whose hierarchy gather() reads as the first call of its pool.

    When the regions are given, the operations' requests do not depend on the hierarchy. So
    they are sent while it loads, and only the join to tenants waits for it, which saves one
    round trip of latency per run.
    """

    def __init__(self, load: Callable[[], TenantScope]) -> None:
        self._load = load
        self.scope: Optional[TenantScope] = None

    def load(self) -> TenantScope:
        """Read the hierarchy, keep the scope and return it. A MonitorError is raised unchanged."""
        self.scope = self._load()
        return self.scope


# Name of the call in gather()'s pool that loads a PendingScope.
_SCOPE_CALL = "(hierarchy of the scope)"


def request_summary(prepared: Any) -> Dict[str, Any]:
    """Describe a prepared request without headers: method, path, query and body."""
    return {
        "method": prepared.method,
        "path": prepared.path,
        "query": dict(prepared.query or {}),
        "body": prepared.body,
    }


def scope_tsg_id(client: Any, tsg_id: Optional[str]) -> Optional[str]:
    """Return the TSG id whose token a call uses: the given one or the client's default."""
    if tsg_id is not None:
        return tsg_id
    return getattr(getattr(client, "settings", None), "tsg_id", None)


def with_call_details(
    error: BadResponseError, response: Any, region: Optional[str], tsg_id: Optional[str]
) -> BadResponseError:
    """Add the region, TSG id, status and request id of the call to a shape error.

    Rows and the hierarchy are checked after the response parsed as JSON, where the call that
    returned them is no longer known, so the caller adds it here.
    """
    context = CallContext(error.operation, region, tsg_id)
    details = context.describe(response.status, response.request_id)
    return context.error(
        BadResponseError,
        "%s (%s)" % (error.message, details),
        response.status,
        response.request_id,
    )


def first_region(regions: Sequence[str]) -> str:
    """Return the region to send on calls that need one header value only."""
    for region in regions:
        if region != AUTO_REGION:
            return region
    return FALLBACK_REGION


def load_tenants(
    client: Any,
    *,
    tsg_id: Optional[str] = None,
    regions: Sequence[str] = (AUTO_REGION,),
    region_map: Optional[Dict[str, str]] = None,
) -> TenantScope:
    """Fetch the tenant hierarchy of a scope and flatten it.

    Raises MonitorError subclasses when the call fails; a hierarchy is needed for every join.
    """
    operation = get_operation(HIERARCHY_OPERATION)
    response = client.request(
        operation.method,
        operation.path,
        region=first_region(regions),
        operation=operation.name,
        tsg_id=tsg_id,
    )
    try:
        tenants = flatten_hierarchy(response.data, region_map=region_map)
    except BadResponseError as error:
        region = first_region(regions)
        raise with_call_details(error, response, region, scope_tsg_id(client, tsg_id)) from None
    root = tenants[0]["tsg_id"] if tenants else None
    return TenantScope(
        tenants=tenants, index=TenantIndex(tenants), root_tsg_id=root, hierarchy_response=response
    )


def plan_regions(
    requested: Sequence[str],
    tenants: Sequence[Dict[str, Any]],
    region_map: Optional[Dict[str, str]] = None,
    warn: Optional[WarnCallback] = None,
) -> List[str]:
    """Return the header values to query: the requested ones, or with ``auto`` every region
    where the tenants of the hierarchy live."""
    explicit = [region for region in requested if region != AUTO_REGION]
    if explicit:
        return explicit

    codes: List[str] = []
    for tenant in tenants:
        for code in tenant.get("regions") or []:
            if code not in codes:
                codes.append(code)
    headers = headers_for_cdl_regions(codes, region_map, warn)
    if headers:
        return headers

    if warn is not None:
        warn(
            "no tenant in the hierarchy lists a CDL region, so only region '%s' is queried; "
            "set the region option to query others" % FALLBACK_REGION
        )
    return [FALLBACK_REGION]


def _chosen_values(query: Dict[str, Any], name: str) -> List[str]:
    """Return the comma-separated values that the caller set for one query parameter."""
    text = str(query.get(name) or "").replace(" ", "")
    return [value for value in text.split(",") if value]


def expand_requests(prepared: Any, operation: Optional[Operation] = None) -> List[Any]:
    """Split one prepared request into the requests actually sent.

    An operation with ``query_variants`` in the catalog (license.utilization: one call per
    product type) is sent once per variant. A caller who set a variant parameter gets one
    call per value given, so ``product_type: MU,RN`` still becomes two calls. ``operation``
    is the catalog entry, looked up by the request's operation name when not given.
    """
    if operation is None:
        operation = get_operation(prepared.operation)
    if not operation.query_variants:
        return [prepared]

    query = dict(prepared.query or {})
    variant_keys: List[str] = []
    for variant in operation.query_variants:
        for key in variant:
            if key not in variant_keys:
                variant_keys.append(key)

    chosen = {key: _chosen_values(query, key) for key in variant_keys}
    if not any(chosen.values()):
        variants = [dict(variant) for variant in operation.query_variants]
    else:
        # Only single-key variants can be split from a caller's list of values.
        key = next(key for key in variant_keys if chosen[key])
        variants = [{key: value} for value in chosen[key]]

    return [dataclasses.replace(prepared, query=dict(query, **variant)) for variant in variants]


def _error_record(
    error: MonitorError, operation: str, region: Optional[str], tsg_id: Optional[str]
) -> Dict[str, Any]:
    record = error.to_dict()
    record["operation"] = record.get("operation") or operation
    record["region"] = record.get("region") or region
    record["tsg_id"] = record.get("tsg_id") or tsg_id
    return record


def _response_record(region: Optional[str], sent: Any, outcome: Any) -> Dict[str, Any]:
    """Describe one call for ``responses``: region, variant query, status, id and row count."""
    record: Dict[str, Any] = {"region": region, "query": dict(sent.query or {})}
    if isinstance(outcome, MonitorError):
        record.update(
            {
                "status": outcome.status,
                "request_id": outcome.request_id,
                "rows": 0,
                "error": outcome.kind,
            }
        )
    else:
        response, rows = outcome
        record.update(
            {"status": response.status, "request_id": response.request_id, "rows": len(rows)}
        )
    return record


def _is_plain_hierarchy(name: str, sent: Any) -> bool:
    """Tell whether a call is a tenant.hierarchy read with no query or body."""
    return name == HIERARCHY_OPERATION and not sent.query and sent.body is None


def _reuses_hierarchy(name: str, sent: Any, scope: TenantScope) -> bool:
    """Tell whether a tenant.hierarchy call can take the response that load_tenants read.

    The hierarchy takes no region header, query or body, so a second call of the same scope
    would return the same document and only cost one more round trip.
    """
    return _is_plain_hierarchy(name, sent) and scope.hierarchy_response is not None


def gather(
    client: Any,
    prepared_requests: Sequence[Any],
    regions: Sequence[str],
    scope: Union[TenantScope, PendingScope],
    *,
    tsg_id: Optional[str] = None,
    extra_operations: Optional[Mapping[str, Operation]] = None,
) -> Dict[str, OperationResult]:
    """Send every prepared request to every region concurrently and merge the responses.

    Returns one OperationResult per operation name, in the order given. A failed request is
    recorded in that operation's ``errors`` and never stops the others. ``extra_operations``
    describes request operation names that are not in the catalog (raw paths), by name.
    A PendingScope is loaded as the first call of the pool, beside the operations. When that
    load fails, the calls that have not started are skipped and its MonitorError is raised.
    """
    extra = dict(extra_operations or {})
    pending = scope if isinstance(scope, PendingScope) else None

    def lookup(name: str) -> Operation:
        return extra[name] if name in extra else get_operation(name)

    results: Dict[str, OperationResult] = {}
    calls: List[Tuple[str, Any, Optional[str]]] = [(_SCOPE_CALL, None, None)] if pending else []
    # tenant.hierarchy calls that reuse the response that the pending scope loads.
    deferred: List[Tuple[str, Any, Optional[str]]] = []

    for prepared in prepared_requests:
        operation = lookup(prepared.operation)
        call_regions = list(regions) if operation.region_header else [first_region(regions)]
        result = results.setdefault(
            operation.name,
            OperationResult(
                operation=operation.name,
                request=request_summary(prepared),
                regions=list(call_regions) if operation.region_header else [],
            ),
        )
        for sent in expand_requests(prepared, operation):
            for region in call_regions:
                result.request_count += 1
                if pending and _is_plain_hierarchy(operation.name, sent):
                    deferred.append((operation.name, sent, region))
                else:
                    calls.append((operation.name, sent, region))

    def rows_of(
        name: str, sent: Any, region: Optional[str], response: Any
    ) -> Tuple[Any, List[Dict[str, Any]]]:
        operation = lookup(name)
        try:
            rows = normalize_rows(operation, response.data)
        except BadResponseError as error:
            raise with_call_details(error, response, region, scope_tsg_id(client, tsg_id)) from None
        return response, label_variant_rows(operation, sent.query or {}, rows)

    scope_failed = threading.Event()

    def send(call: Tuple[str, Any, Optional[str]]) -> Any:
        name, sent, region = call
        if pending and name == _SCOPE_CALL:
            try:
                return pending.load()
            except MonitorError:
                scope_failed.set()
                raise
        if scope_failed.is_set():
            # gather() raises the hierarchy's error after the pool, so this call is not sent.
            return None
        if not pending and _reuses_hierarchy(name, sent, scope):
            response = scope.hierarchy_response
        else:
            response = client.request(
                sent.method,
                sent.path,
                body=sent.body,
                query=sent.query or None,
                region=region,
                operation=name,
                tsg_id=tsg_id,
            )
        return rows_of(name, sent, region, response)

    outcomes = client.map_concurrent(send, calls)
    if pending:
        loaded = outcomes.pop(0)[1]
        if isinstance(loaded, MonitorError):
            raise loaded
        for call in deferred:
            name, sent, region = call
            try:
                outcomes.append((call, rows_of(name, sent, region, loaded.hierarchy_response)))
            except MonitorError as error:
                outcomes.append((call, error))
        scope = loaded

    collected: Dict[str, List[Tuple[Optional[str], List[Dict[str, Any]]]]] = {}
    for call, outcome in outcomes:
        name, sent, region = call
        results[name].responses.append(_response_record(region, sent, outcome))
        if isinstance(outcome, MonitorError):
            results[name].errors.append(_error_record(outcome, name, region, tsg_id))
            continue
        tag = region if lookup(name).region_header else None
        collected.setdefault(name, []).append((tag, outcome[1]))

    for name, result in results.items():
        rows = merge_region_rows(collected.get(name, []))
        if name == LICENSE_UTILIZATION:
            rows = [normalize_license_row(row) for row in rows]
        operation = lookup(name)
        result.rows = scope.index.enrich(rows, operation)
        unflag_rows_without_ids(result.rows, operation.tenant_id_fields or DEFAULT_TENANT_ID_FIELDS)
    return results


def gather_scope(
    client: Any,
    prepared_requests: Sequence[Any],
    settings: Any,
    *,
    tsg_id: Optional[str] = None,
    warn: Optional[WarnCallback] = None,
    extra_operations: Optional[Mapping[str, Operation]] = None,
) -> Tuple[TenantScope, List[str], Dict[str, OperationResult]]:
    """Load the scope's hierarchy, plan the regions and gather the requests; return all three.

    When ``settings.regions`` names the regions, the hierarchy is read beside the operations
    (see PendingScope). With ``auto`` it is read first, because it lists where tenants live.
    A failed hierarchy call raises its MonitorError.
    """

    def load() -> TenantScope:
        return load_tenants(
            client, tsg_id=tsg_id, regions=settings.regions, region_map=settings.region_map
        )

    if any(region != AUTO_REGION for region in settings.regions):
        pending = PendingScope(load)
        regions = plan_regions(settings.regions, [], settings.region_map, warn)
        results = gather(
            client,
            prepared_requests,
            regions,
            pending,
            tsg_id=tsg_id,
            extra_operations=extra_operations,
        )
        return pending.scope, regions, results

    scope = load()
    regions = plan_regions(settings.regions, scope.tenants, settings.region_map, warn)
    results = gather(
        client, prepared_requests, regions, scope, tsg_id=tsg_id, extra_operations=extra_operations
    )
    return scope, regions, results


def _error_class(kind: Any) -> type:
    """Return the MonitorError subclass of an error kind, or MonitorError itself."""
    for subclass in MonitorError.__subclasses__():
        if getattr(subclass, "kind", None) == kind:
            return subclass
    return MonitorError


def raise_if_failed(result: OperationResult) -> None:
    """Raise the first error of an operation whose every request failed, with its kind."""
    if not result.failed:
        return
    first = result.errors[0]
    raise _error_class(first.get("kind"))(
        first.get("message") or "every request of %s failed" % result.operation,
        operation=first.get("operation"),
        region=first.get("region"),
        tsg_id=first.get("tsg_id"),
        status=first.get("status"),
        request_id=first.get("request_id"),
    )


def check_operation_names(names: Sequence[str]) -> List[str]:
    """Validate operation names against the catalog, keeping order and dropping repeats."""
    checked: List[str] = []
    for name in names:
        if not isinstance(name, str):
            raise InvalidInputError(
                "operation names must be strings, got %r; pass catalog names such as "
                "'threats.summary'" % (name,)
            )
        operation = get_operation(name)
        if operation.name not in checked:
            checked.append(operation.name)
    return checked
