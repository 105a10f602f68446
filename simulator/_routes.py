"""Method, path and header rules of the 36 operations, taken from the operation catalog."""

from __future__ import annotations

from simulator._collection import load_catalog
from simulator._operations import API_PREFIX, OperationRoute

# Used only while plugins/module_utils/_catalog.py is absent, and compared with the catalog
# by the tests once it exists. Columns: name, method, path, agg_by, region header declared.
BUILT_IN_ROUTES = (
    ("alerts.count", "POST", "/alerts", True, True),
    ("alerts.list", "POST", "/alerts/list", True, True),
    ("applications.usage", "POST", "/applicationUsage", True, True),
    ("applications.count", "POST", "/applications", True, True),
    ("applications.list", "POST", "/applications/list", True, True),
    ("applications.source", "POST", "/applications/source", True, True),
    ("applications.summary", "POST", "/applications/summary", True, True),
    ("app_monitor.applications", "GET", "/custom/appMonitor/applications", False, False),
    ("app_monitor.node_trend", "GET", "/custom/appMonitor/nodeTrend", False, False),
    ("app_monitor.tenants", "GET", "/custom/appMonitor/tenants", False, False),
    ("license.quota", "GET", "/custom/license/quota", True, True),
    ("license.setup_status", "GET", "/custom/license/setup/status", True, True),
    ("license.utilization", "GET", "/custom/license/utilization", True, True),
    ("tenant.hierarchy", "GET", "/custom/tenant/hierarchy", False, False),
    ("incidents.count", "POST", "/incidents/count", True, True),
    ("incidents.impacted_list", "POST", "/incidents/impactedList", True, True),
    ("incidents.list", "POST", "/incidents/list", True, True),
    ("incidents.tenants", "POST", "/incidents/tenants", True, True),
    ("incidents.trends", "POST", "/incidents/trends", True, True),
    ("locations.list", "GET", "/location/list", False, True),
    ("locations.tenants", "POST", "/locationsTenants", True, True),
    ("locations.users", "POST", "/locationsUsers", True, True),
    ("resource.count", "POST", "/resource", True, True),
    ("connectivity.status", "POST", "/serviceConnectivity", True, True),
    ("connectivity.cdl_status", "POST", "/serviceConnectivity/cdlStatus", True, True),
    ("connectivity.gateway_status", "POST", "/serviceConnectivity/gatewayStatus", True, True),
    ("connectivity.license_allocated", "GET", "/serviceConnectivity/licenseAllocated", False,
     True),
    ("connectivity.top_outliers", "POST", "/serviceConnectivity/topOutliers", True, True),
    ("connectivity.unique_users", "POST", "/serviceConnectivity/uniqueUsers", True, True),
    ("threats.count", "POST", "/threats", True, True),
    ("threats.list", "POST", "/threats/list", True, True),
    ("threats.source", "POST", "/threats/source", True, True),
    ("threats.summary", "POST", "/threats/summary", True, True),
    ("upgrades.list", "POST", "/upgrades/list", True, True),
    ("urls.summary", "POST", "/url/summary", True, True),
    ("urls.logs", "POST", "/urlLogs", True, True),
)


def built_in_routes() -> list[OperationRoute]:
    return [OperationRoute(name, method, API_PREFIX + path, agg_by, region)
            for name, method, path, agg_by, region in BUILT_IN_ROUTES]


def catalog_properties() -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """Return the property and filter property names the catalog lists per operation, or
    an empty dict without the catalog."""
    catalog = load_catalog()
    if catalog is None:
        return {}
    return {name: (tuple(operation.properties), tuple(operation.filter_properties or ()))
            for name, operation in catalog.OPERATIONS.items()}


def catalog_routes() -> list[OperationRoute] | None:
    """Return the routes of the operation catalog, or None while it does not exist."""
    catalog = load_catalog()
    if catalog is None:
        return None
    return [OperationRoute(operation.name, operation.method.upper(), operation.path,
                           bool(operation.agg_by), bool(operation.region_header))
            for operation in catalog.OPERATIONS.values()]


def operation_routes() -> list[OperationRoute]:
    """Return the routes from the catalog, falling back to BUILT_IN_ROUTES without it."""
    routes = catalog_routes()
    return routes if routes is not None else built_in_routes()
