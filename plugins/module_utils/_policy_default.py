# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The built-in default policy, as Python data because module_utils cannot ship YAML files.

This is a private module: its interface may change between releases. Every control reads only
response fields that the official spec's schemas or examples show. docs/controls.md is generated
from this data by docs/_gen_controls.py.

Framework tags name CIS Controls v8 safeguards (``CIS-8:<n.n>``) and NIST Cybersecurity
Framework 1.1 subcategories (``NIST-CSF:<id>``).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from typing import Any, Dict

_LICENSE_PERCENTAGE = {
    "used": "license_units_used",
    "used_unit": "license_used_unit",
    "total": "license_units",
    "total_unit": "license_unit",
}


def _utilization_check(product_type: str) -> Dict[str, Any]:
    """Build the check on the highest utilization among the tenant's rows of one product type."""
    return {
        "field": "utilization_percentage",
        "where": {"product_type": product_type},
        "comparison": "gt",
        "threshold": 90,
        "unit": "%",
        "aggregate": "max",
        "percentage_of": dict(_LICENSE_PERCENTAGE),
    }


DEFAULT_POLICY: Dict[str, Any] = {
    "name": "default",
    "version": "1.0.0",
    "description": "Built-in controls for Prisma SASE tenants managed by an MSSP.",
    "controls": [
        {
            "id": "LIC-001",
            "title": "Remote-network bandwidth license utilization is high",
            "family": "license",
            "severity": "high",
            "operation": "license.utilization",
            "check": _utilization_check("RN"),
            "warn_threshold": 80,
            "missing": "skip",
            "description": (
                "Remote-network bandwidth used as a share of the bandwidth allocated. When the "
                "service leaves out utilization_percentage, it is computed from license_units_used "
                "and license_units after converting Kbps and Gbps to Mbps. Tenants without a "
                "remote-network license row are skipped."
            ),
            "remediation": (
                "Review the tenant's remote-network sites for bandwidth growth, then raise the "
                "allocated bandwidth in the tenant's license allocation or move sites to a larger "
                "bandwidth tier before traffic is throttled."
            ),
            "frameworks": ["NIST-CSF:PR.DS-4", "NIST-CSF:ID.AM-1"],
        },
        {
            "id": "LIC-002",
            "title": "Mobile-user license utilization is high",
            "family": "license",
            "severity": "high",
            "operation": "license.utilization",
            "check": _utilization_check("MU"),
            "warn_threshold": 80,
            "missing": "skip",
            "description": (
                "Mobile users connected as a share of the mobile-user licenses allocated. Tenants "
                "without a mobile-user license row are skipped."
            ),
            "remediation": (
                "Compare the tenant's active mobile users with its allocation, remove stale users, "
                "and order or allocate more mobile-user licenses before new users are refused."
            ),
            "frameworks": ["NIST-CSF:PR.DS-4", "NIST-CSF:ID.AM-1"],
        },
        {
            "id": "LIC-003",
            "title": "A license expires soon",
            "family": "license",
            "severity": "critical",
            "operation": "license.quota",
            "check": {
                "field": "licenseDetails.*.expiry_ts",
                "comparison": "within_days",
                "threshold": 30,
                "unit": "days",
                "aggregate": "any",
            },
            "warn_threshold": 90,
            "missing": "error",
            "description": (
                "Days until the earliest expiry_ts among the tenant's licenses (MU, RN, CDL). An "
                "expired license counts as expiring within any number of days."
            ),
            "remediation": (
                "Start the renewal with the customer and Palo Alto Networks for the license named "
                "in the evidence; confirm the new expiry date in the tenant's license details."
            ),
            "frameworks": ["CIS-8:2.2", "NIST-CSF:ID.SC-4"],
        },
        {
            "id": "LIC-004",
            "title": "Licensed services are not fully set up",
            "family": "license",
            "severity": "medium",
            "operation": "license.setup_status",
            "check": {
                "field": "service_setup_status",
                "comparison": "not_in",
                "threshold": ["Components Configured"],
                "unit": "",
            },
            "missing": "error",
            "description": (
                "The service setup status must be 'Components Configured'. The other values the "
                "spec lists are 'No License', 'License Allocated' and 'License Activated'."
            ),
            "remediation": (
                "Finish onboarding in the tenant: activate the allocated license and configure the "
                "service components (infrastructure subnet, service connections, mobile users or "
                "remote networks) until the status reads Components Configured."
            ),
            "frameworks": ["CIS-8:4.1", "NIST-CSF:PR.IP-1"],
        },
        {
            "id": "LIC-005",
            "title": "Service operational status is not Complete",
            "family": "license",
            "severity": "high",
            "operation": "license.setup_status",
            "check": {
                "field": "operational_status",
                "comparison": "not_in",
                "threshold": ["Complete", "Warning", "Activating"],
                "unit": "",
            },
            "warn_threshold": ["Complete"],
            "missing": "error",
            "description": (
                "Fails on 'Error' and 'No License' and warns on 'Warning' and 'Activating', the "
                "operational status values the spec lists besides 'Complete'."
            ),
            "remediation": (
                "Open the tenant's Prisma Access status page, resolve the errors it lists (license, "
                "provisioning or configuration push), and open a support case if it stays in Error."
            ),
            "frameworks": ["NIST-CSF:PR.PT-5", "NIST-CSF:DE.CM-7"],
        },
        {
            "id": "THR-001",
            "title": "Critical or high threats were not blocked",
            "family": "threats",
            "severity": "critical",
            "operation": "threats.summary",
            "check": {
                "field": "unblocked_count",
                "comparison": "gt",
                "threshold": 0,
                "unit": "threats",
                "aggregate": "sum",
            },
            "missing": "pass",
            "description": (
                "Unblocked threats in the collection window. The severity filter comes from the "
                "request the dataset was gathered with (critical and high by default). A tenant "
                "without a row had no threats in the window, because the aggregate response has "
                "rows only for tenants with data."
            ),
            "remediation": (
                "Find the security rules that allowed the threats (threat logs filtered on action "
                "allow or alert), attach a strict Anti-Spyware and Vulnerability Protection profile "
                "with block actions for critical and high severities, and push the configuration."
            ),
            "frameworks": ["CIS-8:13.8", "NIST-CSF:DE.CM-1", "NIST-CSF:RS.MI-1"],
        },
        {
            "id": "ALR-001",
            "title": "Critical or high alerts are open",
            "family": "alerts",
            "severity": "high",
            "operation": "alerts.list",
            "check": {
                "field": "total_count",
                "comparison": "gt",
                "threshold": 0,
                "unit": "alerts",
                "aggregate": "sum",
            },
            "missing": "pass",
            # The response has counts, not severities, so the request decides which severities
            # count. The catalog's default alerts.list body keeps Critical and High alerts.
            "description": (
                "Critical and high alerts in the collection window, as selected by the severity "
                "rule of the default alerts.list request. A tenant without a row had none."
            ),
            "remediation": (
                "Triage the tenant's open alerts in Prisma SASE Activity Insights, fix the cause "
                "(tunnel, capacity or configuration) and clear or acknowledge each alert."
            ),
            "frameworks": ["CIS-8:8.11", "NIST-CSF:DE.AE-2"],
        },
        {
            "id": "INC-001",
            "title": "Critical incidents stay raised too long",
            "family": "incidents",
            "severity": "critical",
            "operation": "incidents.list",
            "check": {
                "field": "created_time",
                "where": {"status": "Raised", "severity": "Critical"},
                "comparison": "older_than_hours",
                "threshold": 24,
                "unit": "hours",
                "aggregate": "any",
            },
            "warn_threshold": 4,
            "missing": "pass",
            "description": (
                "Hours since created_time of each raised critical incident. A tenant without a "
                "raised critical incident passes."
            ),
            "remediation": (
                "Assign an owner to each incident in the evidence, follow the incident's "
                "recommended actions in Prisma SASE, and escalate to the customer or to Palo Alto "
                "Networks support when the cause is outside your change rights."
            ),
            "frameworks": ["CIS-8:17.4", "NIST-CSF:RS.AN-1", "NIST-CSF:RS.MI-2"],
        },
        {
            "id": "INC-002",
            "title": "Warning incidents stay raised too long",
            "family": "incidents",
            "severity": "medium",
            "operation": "incidents.list",
            "check": {
                "field": "created_time",
                "where": {"status": "Raised", "severity": "Warning"},
                "comparison": "older_than_hours",
                "threshold": 72,
                "unit": "hours",
                "aggregate": "any",
            },
            "missing": "pass",
            "description": "Hours since created_time of each raised incident of severity Warning.",
            "remediation": (
                "Review the tenant's warning incidents, fix or accept each cause, and clear the "
                "incident so real problems stand out."
            ),
            "frameworks": ["CIS-8:17.4", "NIST-CSF:RS.AN-1"],
        },
        {
            "id": "CON-001",
            "title": "Cortex Data Lake connections are down",
            "family": "connectivity",
            "severity": "critical",
            "operation": "connectivity.cdl_status",
            "check": {
                "field": "location_count",
                "where": {"status": "Down"},
                "comparison": "gt",
                "threshold": 0,
                "unit": "locations",
                "aggregate": "sum",
            },
            "missing": "pass",
            "description": (
                "Locations whose logging connection to Cortex Data Lake has status Down. Logs that "
                "do not reach the data lake are missing from every report and investigation."
            ),
            "remediation": (
                "Check the tenant's Cortex Data Lake license and region, then the service "
                "infrastructure status of the locations listed; open a support case when the "
                "status stays Down for more than an hour."
            ),
            "frameworks": ["CIS-8:8.2", "NIST-CSF:PR.PT-1", "NIST-CSF:DE.CM-1"],
        },
        {
            "id": "CON-002",
            "title": "Gateways are down",
            "family": "connectivity",
            "severity": "high",
            "operation": "connectivity.gateway_status",
            "check": {
                "field": "gateway_count",
                "where": {"status": "Down"},
                "comparison": "gt",
                "threshold": 0,
                "unit": "gateways",
                "aggregate": "sum",
            },
            "missing": "pass",
            "description": (
                "Gateway locations with status Down. The spec's examples show the status only as a "
                "placeholder, so Down is the value the service uses for other connectivity states."
            ),
            "remediation": (
                "Check the gateway locations in the tenant's Prisma Access status page; verify the "
                "locations still have capacity and are enabled, and move mobile users to a healthy "
                "location while the gateway is down."
            ),
            "frameworks": ["NIST-CSF:PR.PT-5", "NIST-CSF:DE.CM-1"],
        },
        {
            "id": "CON-003",
            "title": "Sites or service connections are down",
            "family": "connectivity",
            "severity": "high",
            "operation": "connectivity.status",
            "check": {
                "field": "count",
                "where": {"site_state_name": "Down"},
                "comparison": "gt",
                "threshold": 0,
                "unit": "sites",
                "aggregate": "sum",
            },
            "missing": "pass",
            "description": "Remote-network sites and service connections whose state is Down.",
            "remediation": (
                "Check the IPSec tunnel and BGP state of each site that is down, then the branch "
                "device and its upstream link; confirm the IKE and IPSec crypto settings match "
                "on both ends."
            ),
            "frameworks": ["NIST-CSF:PR.PT-5", "NIST-CSF:DE.CM-1"],
        },
        {
            "id": "UPG-001",
            "title": "An upgrade failed",
            "family": "upgrades",
            "severity": "high",
            "operation": "upgrades.list",
            "check": {
                "field": "status",
                "comparison": "in",
                "threshold": ["Failed", "Error"],
                "unit": "",
                "aggregate": "any",
            },
            "missing": "pass",
            "description": (
                "Upgrade rows whose status is Failed or Error (compared without regard to case). "
                "The spec shows the status only as a placeholder; add other failure values with an "
                "override of threshold."
            ),
            "remediation": (
                "Read the upgrade details for the tenant, reschedule the upgrade in a maintenance "
                "window, and open a support case with the upgrade version if it fails again."
            ),
            "frameworks": ["CIS-8:7.4", "NIST-CSF:PR.IP-12"],
        },
        {
            "id": "UPG-002",
            "title": "Software version is behind the fleet",
            "family": "upgrades",
            "severity": "medium",
            "operation": "upgrades.list",
            "check": {
                "field": "current_version",
                "comparison": "version_behind",
                "threshold": 1,
                "unit": "versions",
                "aggregate": "any",
            },
            "warn_threshold": 0,
            "missing": "skip",
            "description": (
                "How many newer distinct versions of current_version run elsewhere in the fleet (all "
                "tenants in the dataset). One version behind warns; more than one fails."
            ),
            "remediation": (
                "Schedule the tenant's upgrade to the newest version in the fleet from the "
                "candidate releases, in the customer's agreed maintenance window."
            ),
            "frameworks": ["CIS-8:2.2", "CIS-8:7.4", "NIST-CSF:PR.IP-12"],
        },
        {
            "id": "URL-001",
            "title": "High-risk or malware URLs were reached",
            "family": "urls",
            "severity": "medium",
            "operation": "urls.logs",
            "check": {
                "field": "uri_count",
                "comparison": "gt",
                "threshold": 0,
                "unit": "requests",
                "aggregate": "sum",
            },
            "missing": "pass",
            "description": (
                "URL requests in the high-risk and malware categories in the collection window, "
                "as selected by the request the dataset was gathered with."
            ),
            "remediation": (
                "Set the URL Filtering profile of the tenant's internet rules to block the "
                "high-risk and malware categories, then check the users in the URL logs for "
                "infected hosts."
            ),
            "frameworks": ["CIS-8:9.3", "NIST-CSF:PR.PT-4", "NIST-CSF:DE.CM-7"],
        },
        {
            "id": "APP-001",
            "title": "Risky applications are in use",
            "family": "applications",
            "severity": "medium",
            "operation": "applications.list",
            "check": {
                "field": "risk_of_app_count",
                "comparison": "gt",
                "threshold": 5,
                "unit": "applications",
                "aggregate": "sum",
            },
            "warn_threshold": 0,
            "missing": "pass",
            "description": (
                "Risky applications seen in the collection window. Any warns; more than the "
                "threshold fails. The service sends the count as a number or as numeric text."
            ),
            "remediation": (
                "Review the risky applications in the tenant's application usage, sanction the "
                "ones the customer needs, and block the rest with an application filter in the "
                "security policy."
            ),
            "frameworks": ["CIS-8:2.5", "NIST-CSF:ID.AM-2", "NIST-CSF:DE.CM-7"],
        },
    ],
}
