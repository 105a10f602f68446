# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
---
module: incident_info
short_description: Read incident data of every tenant from the Aggregate Monitoring API
version_added: 1.0.0
description:
  - "Reads incident counts by severity, incident lists, impacted objects, top tenants and trends."
  - Each operation of the C(incidents) family is one value of O(operation). With O(agg_by_tenant=true)
    (the default) the answer has one row per tenant below O(tsg_id) where the operation allows it.
  - The request goes to every region in O(region); with V(auto), to every region where the tenants'
    data lives, read from the tenant hierarchy. Rows of all regions are merged, and each row gets
    C(region) and C(tenant) (TSG ID, CDL tenant ID and display name).
  - When some regions fail, the rows of the others are returned with RV(partial=true) and the
    failures in RV(errors). When every request fails, the task fails.
author:
  - prisma_sase.mt_monitor contributors (!UNKNOWN)
options:
  operation:
    description:
      - The operation to call, by its name in the collection's operation catalog.
      - "V(incidents.count): Get incident count by severity (C(POST /incidents/count))."
      - "V(incidents.impacted_list): Get list of impacted objects (C(POST /incidents/impactedList))."
      - "V(incidents.list): Get list of incidents (C(POST /incidents/list))."
      - "V(incidents.tenants): Get top tenants by incidents count (C(POST /incidents/tenants))."
      - "V(incidents.trends): Get incident trends(open critical, open warning, closed incidents) (C(POST /incidents/trends))."
    type: str
    choices:
      - incidents.count
      - incidents.impacted_list
      - incidents.list
      - incidents.tenants
      - incidents.trends
    default: incidents.count
extends_documentation_fragment:
  - prisma_sase.mt_monitor.connection
  - prisma_sase.mt_monitor.query
  - prisma_sase.mt_monitor.attributes
  - prisma_sase.mt_monitor.attributes.INFO_MODULE
  - prisma_sase.mt_monitor.attributes.ACTION_GROUP
  - prisma_sase.mt_monitor.attributes.PLATFORM
seealso:
  - module: prisma_sase.mt_monitor.tenant_info
  - module: prisma_sase.mt_monitor.aggregate_query
"""

EXAMPLES = r"""
# The connection values below are those of the local simulator (python -m simulator).
- name: Read the default operation (incidents.count) for every tenant
  prisma_sase.mt_monitor.incident_info:
    client_id: demo-client-id
    client_secret: demo-client-secret
    tsg_id: "1000000001"
    auth_url: http://127.0.0.1:8443/oauth2/access_token
    api_url: http://127.0.0.1:8443
  register: incidents_default

- name: Choose another operation; connection options come from PRISMA_SASE_* variables here
  prisma_sase.mt_monitor.incident_info:
    operation: incidents.list
    time_range: {last: 7, unit: days}
  environment:
    PRISMA_SASE_CLIENT_ID: demo-client-id
    PRISMA_SASE_CLIENT_SECRET: demo-client-secret
    PRISMA_SASE_TSG_ID: "1000000001"
    PRISMA_SASE_AUTH_URL: http://127.0.0.1:8443/oauth2/access_token
    PRISMA_SASE_API_URL: http://127.0.0.1:8443
  register: incidents_other

- name: List the tenants that have rows
  ansible.builtin.debug:
    msg: "{{ incidents_default.incidents | selectattr('tenant') | map(attribute='tenant.display_name') | unique | list }}"
"""

RETURN = r"""
incidents:
  description:
    - The rows of the operation, merged over the regions queried, in the API's field names.
    - Rows that two regions both returned with the same content are kept once.
  returned: always
  type: list
  elements: dict
  contains:
    tenant:
      description:
        - The tenant the row belongs to, joined by TSG ID or CDL tenant ID.
        - V(null) when the row carries no tenant id, as in lists that are not per tenant.
        - V(null) also when the row's id matches no tenant of the hierarchy. The row then also has C(unmatched=true).
      returned: always
      type: dict
      sample: {tsg_id: "1217339960", cdl_tenant_id: "1874596597", display_name: Lim Steel PLC}
    region:
      description: The X-PANW-Region value of the request that returned the row.
      returned: when the operation is sent with a region header
      type: str
      sample: americas
    unmatched:
      description: Present and V(true) when the row's tenant id matches no tenant.
      returned: when the row carries a tenant id that matches no tenant
      type: bool
operation:
  description: The operation name that was called.
  returned: always
  type: str
  sample: incidents.count
request:
  description: The request that was sent, without headers.
  returned: success
  type: dict
  sample: {method: POST, path: /mt/monitor/v1/agg/incidents/count, query: {"agg_by": "tenant"}, body: {...}}
regions:
  description: The X-PANW-Region values queried; empty for operations sent without a region header.
  returned: success
  type: list
  elements: str
  sample: [americas, europe]
partial:
  description: V(true) when at least one request failed, so some tenants' rows may be missing.
  returned: always
  type: bool
  sample: false
errors:
  description: One entry per failed request, with the operation, region, TSG ID, kind, HTTP status, request ID and message.
  returned: always
  type: list
  elements: dict
  sample: [{operation: incidents.count, region: europe, tsg_id: "1000000001", kind: server, status: 503, request_id: null, message: "..."}]
"""

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._info_module import (
    run_info_module,
)


def main() -> None:
    run_info_module("incidents", "incidents", "incidents.count")


if __name__ == "__main__":
    main()
