# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
---
module: tenant_info
short_description: Read the MSSP tenant hierarchy, flat and as a tree
version_added: 1.0.0
description:
  - Reads the tenant hierarchy below O(tsg_id) with the C(tenant.hierarchy) operation
    (C(GET /mt/monitor/v1/agg/custom/tenant/hierarchy)) and returns it twice, as a flat list
    with each tenant's path and depth, and as a nested tree.
  - Each tenant has both of its ids, the TSG ID and the Cortex Data Lake (CDL) tenant ID, so
    rows of the other modules can be joined by either.
  - O(tenant), O(max_depth), O(license_type) and O(region) narrow the result. The hierarchy is
    read once in every case.
author:
  - prisma_sase.mt_monitor contributors (!UNKNOWN)
options:
  tenant:
    description:
      - Keep only this tenant and its descendants.
      - A TSG ID, a CDL tenant ID or a display name (case-insensitive). A name that several
        tenants share is rejected with their TSG IDs.
    type: str
  max_depth:
    description:
      - Levels to keep below the top tenant (O(tenant), or the root when O(tenant) is not set).
        V(0) keeps the top tenant only.
    type: int
  license_type:
    description:
      - Keep only tenants with one of these license types, such as V(SASE) or V(PA_ONLY),
        compared case-insensitively.
      - A value that no tenant in the hierarchy has prints a warning that lists the license
        types present.
    type: list
    elements: str
  region:
    description:
      - In this module, O(region) filters tenants instead of choosing where requests go.
        With V(auto) (the default) every tenant is kept. Otherwise only tenants whose data
        lives in one of these X-PANW-Region values are kept, such as V(europe).
extends_documentation_fragment:
  - prisma_sase.mt_monitor.connection
  - prisma_sase.mt_monitor.attributes
  - prisma_sase.mt_monitor.attributes.INFO_MODULE
  - prisma_sase.mt_monitor.attributes.ACTION_GROUP
  - prisma_sase.mt_monitor.attributes.PLATFORM
notes:
  - When filters remove a tenant's parent, the tenant becomes a top-level node of RV(tree), so
    no selected tenant is lost.
seealso:
  - module: prisma_sase.mt_monitor.aggregate_query
"""

EXAMPLES = r"""
# The connection values below are those of the local simulator (python -m simulator).
- name: Read every tenant below the MSSP root
  prisma_sase.mt_monitor.tenant_info:
    client_id: demo-client-id
    client_secret: demo-client-secret
    tsg_id: "1000000001"
    auth_url: http://127.0.0.1:8443/oauth2/access_token
    api_url: http://127.0.0.1:8443
  register: hierarchy

- name: Read the direct children of the root that have a SASE license
  prisma_sase.mt_monitor.tenant_info:
    client_id: demo-client-id
    client_secret: demo-client-secret
    tsg_id: "1000000001"
    auth_url: http://127.0.0.1:8443/oauth2/access_token
    api_url: http://127.0.0.1:8443
    max_depth: 1
    license_type: [SASE]
  register: sase_children

- name: Print the path of each tenant
  ansible.builtin.debug:
    msg: "{{ hierarchy.tenants | map(attribute='path') | map('join', ' > ') | list }}"
"""

RETURN = r"""
tenants:
  description: The selected tenants, parents before their children.
  returned: always
  type: list
  elements: dict
  contains:
    tsg_id:
      description: TSG ID of the tenant.
      type: str
      returned: always
      sample: "1217339960"
    cdl_tenant_id:
      description: Cortex Data Lake tenant ID, which license rows use; V(null) when the hierarchy has none.
      type: str
      returned: always
      sample: "1874596597"
    display_name:
      description: Display name of the tenant.
      type: str
      returned: always
      sample: Lim Steel PLC
    parent_tsg_id:
      description: TSG ID of the parent; V(null) for the root.
      type: str
      returned: always
      sample: "1000000001"
    path:
      description: Display names from the root down to this tenant.
      type: list
      elements: str
      returned: always
      sample: [MSSP Root, Lim Steel PLC]
    depth:
      description: Levels below the root; the root has depth 0.
      type: int
      returned: always
      sample: 1
    regions:
      description: CDL region codes of the tenant, as the hierarchy lists them.
      type: list
      elements: str
      returned: always
      sample: [de01, us01]
    region_headers:
      description: The X-PANW-Region values of those CDL regions.
      type: list
      elements: str
      returned: always
      sample: [de, americas]
    license_type:
      description: License type, such as C(SASE) or C(PA_ONLY).
      type: str
      returned: always
      sample: SASE
    vertical:
      description: Industry vertical of the tenant.
      type: str
      returned: always
      sample: legal
    license_activated:
      description: Whether the license is activated.
      type: bool
      returned: always
      sample: true
tree:
  description:
    - The selected tenants nested under their parents, with the same fields as RV(tenants)
      and a C(children) list in each node.
  returned: always
  type: list
  elements: dict
  sample: [{tsg_id: "1000000001", display_name: MSSP Root, depth: 0, children: []}]
root_tsg_id:
  description: TSG ID of the root of the hierarchy that O(tsg_id) can see.
  returned: success
  type: str
  sample: "1000000001"
regions:
  description: The X-PANW-Region values where the selected tenants' data lives.
  returned: always
  type: list
  elements: str
  sample: [americas, uk, de, europe, jp]
"""

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._tenant_info_module import (
    run_tenant_info,
)


def main() -> None:
    run_tenant_info()


if __name__ == "__main__":
    main()
