# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Synthetic dataset documents (docs/architecture.md) for tests of the controls engine and reports.

``make_dataset(n_tenants, seed)`` builds a deterministic dataset with rows for every operation
the default policy reads, with values spread so that some tenants pass, warn and fail each
control. ``make_tenant`` and ``make_row`` build small hand-made datasets.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime
import random
from typing import Any, Dict, List, Optional

ROOT_TSG_ID = "1000000001"
COLLECTED_AT = "2026-12-04T19:00:00Z"
NOW = datetime.datetime(2026, 12, 4, 19, 0, 0, tzinfo=datetime.timezone.utc)
REGION_CODES = {"americas": "us01", "europe": "eu01", "uk": "uk01", "jp": "jp01"}
LICENSE_TYPES = ("SASE", "PA_ONLY", "SDWAN_ONLY", "PA_SDWAN")
VERSIONS = ("10.2.4", "10.2.8", "10.2.10", "11.0.1")


def epoch_ms(moment: datetime.datetime) -> int:
    return int(moment.timestamp() * 1000)


def make_tenant(
    index: int,
    region: str = "americas",
    license_type: str = "SASE",
    parent_tsg_id: str = ROOT_TSG_ID,
    name: Optional[str] = None,
) -> Dict[str, Any]:
    """Build one tenant entry; the TSG id is ``1000000002 + index`` and the CDL id ``cdl-<index>``."""
    display_name = name or "Tenant %04d" % index
    return {
        "tsg_id": str(1000000002 + index),
        "cdl_tenant_id": "cdl-%d" % index,
        "display_name": display_name,
        "parent_tsg_id": parent_tsg_id,
        "path": ["Root", display_name],
        "depth": 1,
        "regions": [REGION_CODES.get(region, region)],
        "region_headers": [region],
        "license_type": license_type,
        "vertical": "finance",
        "license_activated": True,
    }


def make_row(tenant: Optional[Dict[str, Any]], **fields: Any) -> Dict[str, Any]:
    """Build one enriched row; ``tenant=None`` makes a row that matched no tenant."""
    row = dict(fields)
    if tenant is None:
        row["tenant"] = None
        row["unmatched"] = True
        return row
    row.setdefault("sub_tenant_id", tenant["cdl_tenant_id"])
    row.setdefault("region", tenant["region_headers"][0])
    row["tenant"] = {key: tenant[key] for key in ("tsg_id", "cdl_tenant_id", "display_name")}
    return row


def make_entry(rows: List[Dict[str, Any]], regions: Optional[List[str]] = None, partial: bool = False) -> Dict[str, Any]:
    """Build one ``datasets[operation]`` entry."""
    return {
        "rows": rows,
        "request": {"method": "POST", "path": "/mt/monitor/v1/agg/test", "query": {"agg_by": "tenant"}, "body": {}},
        "regions": list(regions or ["americas", "europe"]),
        "partial": partial,
    }


def make_document(
    tenants: List[Dict[str, Any]],
    datasets: Dict[str, Dict[str, Any]],
    errors: Optional[List[Dict[str, Any]]] = None,
) -> Dict[str, Any]:
    """Wrap tenants, dataset entries and errors into a dataset document."""
    regions = sorted({region for tenant in tenants for region in tenant["region_headers"]})
    return {
        "schema_version": 1,
        "collected_at": COLLECTED_AT,
        "time_window": {"from": "2026-11-27T19:00:00Z", "to": COLLECTED_AT},
        "root_tsg_id": ROOT_TSG_ID,
        "regions": regions,
        "tenants": tenants,
        "datasets": datasets,
        "errors": list(errors or []),
        "versions": {"collection": "1.0.0", "ansible_core": "2.19.4", "python": "3.11.7"},
    }


def make_control(**changes: Any) -> Dict[str, Any]:
    """Build a valid control on alerts.list ``total_count``: fails above 5, warns above 0.

    A ``check`` mapping in ``changes`` updates the check; other keys replace control keys.
    """
    control: Dict[str, Any] = {
        "id": "ACME-001",
        "title": "Alerts are open",
        "family": "alerts",
        "severity": "high",
        "operation": "alerts.list",
        "check": {"field": "total_count", "comparison": "gt", "threshold": 5, "unit": "alerts",
                  "aggregate": "sum"},
        "warn_threshold": 0,
        "missing": "pass",
        "remediation": "Triage the alerts.",
    }
    check_changes = changes.pop("check", {})
    control.update(changes)
    control["check"].update(check_changes)
    return control


def _tenant_rows(tenant: Dict[str, Any], rng: random.Random) -> Dict[str, List[Dict[str, Any]]]:
    """Build one tenant's rows for every operation the default policy reads."""
    rows: Dict[str, List[Dict[str, Any]]] = {}
    allocated = rng.choice((100, 500, 1000))
    used_mbps = allocated * rng.uniform(0.2, 1.05)
    rows["license.utilization"] = [
        # The remote-network row reports usage in Kbps and allocation in Mbps, as the service
        # does, and sometimes leaves out the percentage.
        make_row(tenant, product_type="RN", license_units_used=round(used_mbps * 1000, 1), license_used_unit="Kbps",
                 license_units=allocated, license_unit="Mbps",
                 utilization_percentage=None if rng.random() < 0.3 else round(100 * used_mbps / allocated, 2)),
        make_row(tenant, product_type="MU", license_units_used=rng.randint(0, 200), license_used_unit="",
                 license_units=200, license_unit="", utilization_percentage=round(rng.uniform(5, 99), 2)),
    ]

    rows["license.quota"] = [make_row(tenant, tsg_id=tenant["tsg_id"], licenseDetails={
        product: {"license_units": 100, "sku": "PAN-SASE-%s" % product, "license_allocated_unit": "Mbps",
                  "issue_ts": epoch_ms(NOW - datetime.timedelta(days=300)),
                  "expiry_ts": epoch_ms(NOW + datetime.timedelta(days=rng.randint(-5, 400)))}
        for product in ("MU", "RN")
    })]

    rows["license.setup_status"] = [make_row(
        tenant, tsg_id=tenant["tsg_id"], cdl_tenant_id=tenant["cdl_tenant_id"],
        service_setup_status=rng.choice(("Components Configured",) * 5 + ("License Activated",)),
        operational_status=rng.choice(("Complete",) * 6 + ("Warning", "Error", "Activating")))]

    if rng.random() < 0.6:
        rows["threats.summary"] = [make_row(tenant, total_threats=100, blocked_count=100,
                                            unblocked_count=rng.choice((0, 0, 0, 3)), malicious_count=1)]

    rows["alerts.list"] = [make_row(tenant, total_count=rng.choice((0, 0, 2)), mu_count=0, rn_count=0, sc_count=0)]

    rows["incidents.list"] = [
        make_row(tenant, incident_id=str(rng.randint(1, 99999)), title="Tunnel1 is down", status="Raised",
                 severity=rng.choice(("Critical", "Warning")), category="Prisma-Access",
                 created_time=epoch_ms(NOW - datetime.timedelta(hours=rng.randint(1, 100))))
        for incident_index in range(rng.randint(0, 2))
    ]

    rows["connectivity.cdl_status"] = [make_row(tenant, status="Up", location_count=3)]
    if rng.random() < 0.1:
        rows["connectivity.cdl_status"].append(make_row(tenant, status="Down", location_count=1))
    rows["connectivity.gateway_status"] = [make_row(tenant, status=rng.choice(("Up", "Up", "Down")), gateway_count=2)]
    rows["connectivity.status"] = [make_row(tenant, site_state_name=rng.choice(("Up", "Up", "Down")), node_type=48,
                                            count=rng.randint(1, 4))]

    rows["upgrades.list"] = [make_row(tenant, tenant_id=tenant["tsg_id"], current_version=rng.choice(VERSIONS),
                                      status=rng.choice(("Completed", "Completed", "Scheduled", "Failed")))]

    rows["urls.logs"] = [make_row(tenant, uri_count=rng.choice((0, 0, 12)))]
    rows["applications.list"] = [make_row(tenant, risk_of_app_count=str(rng.randint(0, 9)), unique_total_apps="20",
                                          blocked_app_count=3)]
    return rows


def make_dataset(n_tenants: int, seed: int) -> Dict[str, Any]:
    """Build a deterministic dataset of ``n_tenants`` tenants in two regions."""
    rng = random.Random(seed)
    tenants = [
        make_tenant(index, region=rng.choice(("americas", "europe")), license_type=rng.choice(LICENSE_TYPES))
        for index in range(n_tenants)
    ]
    rows_by_operation: Dict[str, List[Dict[str, Any]]] = {}
    for tenant in tenants:
        for operation, rows in _tenant_rows(tenant, rng).items():
            rows_by_operation.setdefault(operation, []).extend(rows)
    datasets = {operation: make_entry(rows) for operation, rows in sorted(rows_by_operation.items())}
    return make_document(tenants, datasets)
