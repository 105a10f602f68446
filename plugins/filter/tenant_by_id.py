# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
name: tenant_by_id
short_description: Join rows or ids to tenants by TSG id or CDL tenant id
version_added: 1.0.0
description:
  - Given a list of rows, returns copies of the rows, each with C(tenant) set to the TSG id,
    CDL tenant id and display name of its tenant. The tenant id is read from the first of
    O(fields) that matches. A row that matches no tenant gets C(tenant=null) and
    C(unmatched=true).
  - Given one id (a TSG id or a CDL tenant id), returns that tenant's entry, or null.
  - The tenants list is the C(tenants) of the tenant_info module, of the tenants lookup or of
    the monitor_facts dataset.
options:
  _input:
    description: A list of row mappings, or one tenant id.
    type: raw
    required: true
  tenants:
    description: The tenants to join with; each has C(tsg_id) and optionally C(cdl_tenant_id).
    type: list
    elements: dict
    required: true
  fields:
    description: Row fields that hold the tenant id, tried in order.
    type: list
    elements: str
    default: [sub_tenant_id, tenant_id, tsg_id]
author:
  - prisma_sase.mt_monitor contributors (!UNKNOWN)
"""

EXAMPLES = r"""
- name: Name the tenant of every threat row
  ansible.builtin.debug:
    msg: "{{ item.tenant.display_name }}: {{ item.unblocked_count }}"
  loop: "{{ threats.threats | prisma_sase.mt_monitor.tenant_by_id(tenants.tenants) }}"

- name: Look up one tenant
  ansible.builtin.set_fact:
    acme: "{{ '1000000002' | prisma_sase.mt_monitor.tenant_by_id(tenants.tenants) }}"
"""

RETURN = r"""
_value:
  description: The rows with C(tenant) added, or the tenant entry of one id (null when none matches).
  type: raw
"""

from typing import Any, Callable, Dict, List, Optional, Sequence

from ansible.errors import AnsibleFilterError

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._errors import MonitorError
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._tenants import TenantIndex

DEFAULT_FIELDS = ("sub_tenant_id", "tenant_id", "tsg_id")


def tenant_by_id(value: Any, tenants: Any, fields: Optional[Sequence[str]] = None) -> Any:
    """Join a list of rows to `tenants`, or return the tenant of one id."""
    if not isinstance(tenants, list) or not all(isinstance(item, dict) for item in tenants):
        raise AnsibleFilterError("tenant_by_id: tenants must be a list of tenant mappings, such "
                                 "as the tenants returned by tenant_info")
    index = TenantIndex(tenants)

    if isinstance(value, (str, int)) and not isinstance(value, bool):
        tenant = index.lookup(value)
        return dict(tenant) if tenant is not None else None
    if not isinstance(value, list):
        raise AnsibleFilterError("tenant_by_id: the input must be a list of rows or one tenant "
                                 "id, not %s" % type(value).__name__)

    chosen: List[str] = list(fields) if fields else list(DEFAULT_FIELDS)
    try:
        return index.enrich(value, chosen)
    except MonitorError as error:
        raise AnsibleFilterError("tenant_by_id: %s" % error.message) from None


class FilterModule:
    """The tenant_by_id filter."""

    def filters(self) -> Dict[str, Callable[..., Any]]:
        return {"tenant_by_id": tenant_by_id}
