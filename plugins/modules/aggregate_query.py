# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
---
module: aggregate_query
short_description: Call any Aggregate Monitoring API operation or path across regions
version_added: 1.0.0
description:
  - Sends one request of the Prisma SASE Aggregate Monitoring API, chosen by its catalog name
    (O(operation)) or by O(path) and O(method), with a raw O(body) and O(query), and returns
    the rows merged over regions.
  - The request goes to every region in O(region); with V(auto), to every region where the
    tenants' data lives, read from the tenant hierarchy.
  - Each row gets C(tenant) with the TSG ID, CDL tenant ID and display name, joined by the row's
    tenant id (the operation's id fields, or C(sub_tenant_id), C(tenant_id) and C(tsg_id) for paths
    outside the catalog).
  - Use the C(*_info) modules for the query-builder options such as O(prisma_sase.mt_monitor.threat_info#module:time_range).
author:
  - prisma_sase.mt_monitor contributors (!UNKNOWN)
options:
  operation:
    description:
      - The catalog name of the operation, such as V(threats.summary).
      - Without O(body), a POST operation sends the catalog's default body, which asks for one
        row per tenant over the last 7 days where the operation allows it.
      - Mutually exclusive with O(path).
    type: str
    choices:
      - alerts.count
      - alerts.list
      - app_monitor.applications
      - app_monitor.node_trend
      - app_monitor.tenants
      - applications.count
      - applications.list
      - applications.source
      - applications.summary
      - applications.usage
      - connectivity.cdl_status
      - connectivity.gateway_status
      - connectivity.license_allocated
      - connectivity.status
      - connectivity.top_outliers
      - connectivity.unique_users
      - incidents.count
      - incidents.impacted_list
      - incidents.list
      - incidents.tenants
      - incidents.trends
      - license.quota
      - license.setup_status
      - license.utilization
      - locations.list
      - locations.tenants
      - locations.users
      - resource.count
      - tenant.hierarchy
      - threats.count
      - threats.list
      - threats.source
      - threats.summary
      - upgrades.list
      - urls.logs
      - urls.summary
  path:
    description:
      - A path under C(/mt/monitor/), such as V(/mt/monitor/v1/agg/threats/summary). Paths
        elsewhere, with C(..) or C(//), or with a host are rejected before any request.
      - A path that the catalog lists is treated as that operation, except that O(body) is sent as given.
      - Mutually exclusive with O(operation).
    type: str
  method:
    description:
      - HTTP method for O(path). Every operation of the API reads data, so only V(GET) and V(POST) exist.
      - Defaults to the catalog's method for a listed path, else V(POST) with O(body) and V(GET) without.
      - With O(operation) it may be left out; a value that differs from the operation's method is rejected.
    type: str
    choices: [GET, POST]
  body:
    description:
      - The JSON request body of a POST, sent as it is.
      - Without it, a listed operation sends its default body and an unlisted POST path sends C({}).
    type: dict
  query:
    description:
      - "Query parameters, such as C({product_type: RN, time_period: 24h})."
      - With O(operation), only the parameters the operation takes are accepted.
    type: dict
  agg_by_tenant:
    description:
      - Add C(agg_by=tenant), so the answer has one row per tenant, on operations that take it
        and on unlisted paths under C(/mt/monitor/v1/agg/).
    type: bool
    default: true
extends_documentation_fragment:
  - prisma_sase.mt_monitor.connection
  - prisma_sase.mt_monitor.attributes
  - prisma_sase.mt_monitor.attributes.INFO_MODULE
  - prisma_sase.mt_monitor.attributes.ACTION_GROUP
  - prisma_sase.mt_monitor.attributes.PLATFORM
seealso:
  - module: prisma_sase.mt_monitor.tenant_info
  - module: prisma_sase.mt_monitor.threat_info
"""

EXAMPLES = r"""
# The connection values below are those of the local simulator (python -m simulator).
- name: Call a catalog operation with its default body
  prisma_sase.mt_monitor.aggregate_query:
    client_id: demo-client-id
    client_secret: demo-client-secret
    tsg_id: "1000000001"
    auth_url: http://127.0.0.1:8443/oauth2/access_token
    api_url: http://127.0.0.1:8443
    operation: threats.summary
  register: summary

- name: POST a raw body to a path in one region
  prisma_sase.mt_monitor.aggregate_query:
    client_id: demo-client-id
    client_secret: demo-client-secret
    tsg_id: "1000000001"
    auth_url: http://127.0.0.1:8443/oauth2/access_token
    api_url: http://127.0.0.1:8443
    region: europe
    path: /mt/monitor/v1/agg/alerts
    method: POST
    body:
      filter:
        operator: AND
        rules:
          - {property: event_time, operator: last_n_days, values: ["7"]}
      properties:
        - {property: sub_tenant_id}
        - {property: alert_id, function: distinct_count, alias: alert_count}
  register: europe_alerts

- name: Read remote network license utilization only
  prisma_sase.mt_monitor.aggregate_query:
    client_id: demo-client-id
    client_secret: demo-client-secret
    tsg_id: "1000000001"
    auth_url: http://127.0.0.1:8443/oauth2/access_token
    api_url: http://127.0.0.1:8443
    operation: license.utilization
    query:
      product_type: RN
  register: rn_licenses
"""

RETURN = r"""
rows:
  description:
    - The rows of every region, merged; rows that two regions returned with the same content are kept once.
  returned: always
  type: list
  elements: dict
  contains:
    tenant:
      description:
        - The tenant the row belongs to (TSG ID, CDL tenant ID and display name).
        - V(null) when the row carries no tenant id.
        - V(null) also when the row's tenant id matches no tenant of the hierarchy. The row then also has C(unmatched=true).
      returned: always
      type: dict
    region:
      description: The X-PANW-Region value of the request that returned the row.
      returned: when the request is sent with a region header
      type: str
responses:
  description: One entry per request sent.
  returned: always
  type: list
  elements: dict
  contains:
    region:
      description: The X-PANW-Region value sent.
      type: str
      returned: always
    query:
      description: The query parameters of this request, with the variant values (such as C(product_type)).
      type: dict
      returned: always
    status:
      description: HTTP status; V(null) when no response arrived.
      type: int
      returned: always
    request_id:
      description: Request ID that the service returned, for support cases.
      type: str
      returned: always
    rows:
      description: Rows in this response.
      type: int
      returned: always
    error:
      description: Kind of failure, such as C(server) or C(permission).
      type: str
      returned: when the request failed
  sample: [{region: americas, query: {agg_by: tenant}, status: 200, request_id: 9f1c2e, rows: 7}]
operation:
  description: The catalog name, or C(METHOD path) for a path the catalog does not list.
  returned: success
  type: str
  sample: threats.summary
request:
  description: The request sent, without headers.
  returned: success
  type: dict
  sample: {method: POST, path: /mt/monitor/v1/agg/threats/summary, query: {agg_by: tenant}, body: {}}
regions:
  description: The X-PANW-Region values queried; empty for operations sent without a region header.
  returned: success
  type: list
  elements: str
  sample: [americas, europe]
partial:
  description: V(true) when at least one request failed.
  returned: always
  type: bool
errors:
  description: One entry per failed request, with the operation, region, TSG ID, kind, status, request ID and message.
  returned: always
  type: list
  elements: dict
"""

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._aggregate_query import (
    run_aggregate_query,
)


def main() -> None:
    run_aggregate_query()


if __name__ == "__main__":
    main()
