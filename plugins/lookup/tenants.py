# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
name: tenants
short_description: The flat list of tenants below a Prisma SASE TSG
version_added: 1.0.0
description:
  - Reads the tenant hierarchy once and returns every tenant as a dict, parents first.
  - The result is a list of dicts whatever the number of tenants, and names that contain commas
    stay whole. Use C(query()) or C(lookup(..., wantlist=true)), because C(lookup()) alone
    returns a single tenant as a dict.
  - The hierarchy is kept in memory for O(cache_ttl) seconds, keyed by scope, so a template that
    uses the lookup twice calls the API once.
extends_documentation_fragment:
  - prisma_sase.mt_monitor.connection.PLUGINS
options:
  _terms:
    description:
      - TSG IDs or CDL tenant IDs to return. When none are given, every tenant is returned.
      - An ID that matches no tenant returns nothing for that ID.
    required: false
    type: list
    elements: str
  region:
    description:
      - Besides choosing the X-PANW-Region of the hierarchy call, a list other than V(auto) keeps
        only tenants whose data lives in one of these regions. Header values such as V(europe)
        and CDL region codes such as V(eu01) both match.
  license_type:
    description:
      - Keep only tenants with one of these license types, such as V(SASE), compared without
        regard to case.
      - A value that no tenant in the hierarchy has prints a warning that lists the license
        types present.
    type: list
    elements: str
  parent:
    description:
      - Keep only the direct children of this TSG ID.
    type: str
  on_denied:
    description:
      - What a 403 on the hierarchy call does. V(error) fails the lookup, V(warn) prints a
        warning and returns an empty list, V(skip) returns an empty list.
    type: str
    choices: [error, warn, skip]
    default: error
  cache_ttl:
    description:
      - Seconds the hierarchy stays in the in-memory cache of the worker process. V(0) turns
        the cache off. The key is the scope (URLs, client ID, TSG ID) and a one-way digest of
        the credentials, so no secret is stored.
    type: float
    default: 60
seealso:
  - plugin: prisma_sase.mt_monitor.tenants
    plugin_type: inventory
  - plugin: prisma_sase.mt_monitor.aggregate
    plugin_type: lookup
author:
  - prisma_sase.mt_monitor contributors (!UNKNOWN)
"""

EXAMPLES = r"""
- name: Names of every tenant (connection from PRISMA_SASE_* variables)
  ansible.builtin.debug:
    msg: "{{ query('prisma_sase.mt_monitor.tenants') | map(attribute='display_name') }}"

- name: SASE tenants whose data lives in Europe
  ansible.builtin.debug:
    msg: "{{ query('prisma_sase.mt_monitor.tenants', region=['europe'], license_type=['SASE']) }}"

- name: One tenant by TSG ID
  ansible.builtin.debug:
    msg: "{{ lookup('prisma_sase.mt_monitor.tenants', '1000000002', wantlist=true) }}"
"""

RETURN = r"""
_raw:
  description:
    - One dict per tenant with C(tsg_id), C(cdl_tenant_id), C(display_name), C(parent_tsg_id),
      C(path) (names from the root), C(depth), C(regions) (CDL codes), C(region_headers)
      (X-PANW-Region values), C(license_type), C(vertical) and C(license_activated).
  type: list
  elements: dict
"""

import copy
import re
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

from ansible.errors import AnsibleError
from ansible.plugins.lookup import LookupBase

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._errors import (
    MonitorError,
    PermissionDeniedError,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._gather import (
    load_tenants,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._regions import (
    AUTO_REGION,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._tenant_view import (
    unmatched_license_warnings,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._tenants import (
    TenantIndex,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._plugin_base import (
    LOOKUP_CACHE,
    handle_denied,
    open_client,
    plugin_error,
    read_lookup_options,
    scope_key,
)

PLUGIN_LABEL = "lookup prisma_sase.mt_monitor.tenants"

# Forms of the region filter values: X-PANW-Region header values are letters only (europe),
# CDL region codes are letters followed by digits (eu01).
_HEADER_FORM = re.compile(r"^[a-z]{2,16}$")
_CDL_CODE_FORM = re.compile(r"^[a-z]{2,16}[0-9]{1,4}$")


def split_region_option(value: Any) -> Tuple[List[str], List[str]]:
    """Split the region option into the header values to send and the values to filter by.

    Header values and ``auto`` stay in the connection option, where they are validated as
    X-PANW-Region values. CDL region codes only filter, because the hierarchy call returns
    the same tenants whatever the header. Raises AnsibleError for a value of neither form.
    """
    if value in (None, "", []):
        return [AUTO_REGION], []
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, (list, tuple)):
        value = [value]

    headers: List[str] = []
    filters: List[str] = []
    for item in value:
        region = item.strip().lower() if isinstance(item, str) else None
        if region is not None and _CDL_CODE_FORM.match(region):
            filters.append(region)
            continue
        if region is not None and region != AUTO_REGION and not _HEADER_FORM.match(region):
            raise AnsibleError(
                "%s: region %r is neither an X-PANW-Region value such as 'europe' nor a CDL "
                "region code such as 'eu01'; pass values of these forms or 'auto'"
                % (PLUGIN_LABEL, item)
            )
        headers.append(item)
        if region is not None:
            filters.append(region)

    if AUTO_REGION in filters and len(filters) > 1:
        raise AnsibleError(
            "%s: region 'auto' cannot be combined with other regions (got %s); pass 'auto' "
            "alone or a list of regions" % (PLUGIN_LABEL, ", ".join(filters))
        )
    return headers or [AUTO_REGION], filters


def select_tenants(
    tenants: Sequence[Mapping[str, Any]],
    ids: Sequence[str] = (),
    regions: Sequence[str] = (),
    license_types: Optional[Sequence[str]] = None,
    parent: Optional[str] = None,
) -> List[Dict[str, Any]]:
    """Return copies of the tenants that pass every filter given, in hierarchy order."""
    requested_regions = {value.lower() for value in regions if value.lower() != AUTO_REGION}
    requested_licenses = {value.lower() for value in license_types or []}

    chosen = list(tenants)
    if ids:
        index = TenantIndex(tenants)
        matched = [index.lookup(value) for value in ids]
        chosen_ids = {tenant["tsg_id"] for tenant in matched if tenant is not None}
        chosen = [tenant for tenant in chosen if tenant["tsg_id"] in chosen_ids]
    if requested_regions:
        chosen = [
            tenant
            for tenant in chosen
            if requested_regions
            & {str(value).lower() for value in (tenant.get("region_headers") or [])
               + (tenant.get("regions") or [])}
        ]
    if requested_licenses:
        chosen = [
            tenant
            for tenant in chosen
            if str(tenant.get("license_type") or "").lower() in requested_licenses
        ]
    if parent:
        chosen = [tenant for tenant in chosen if tenant.get("parent_tsg_id") == str(parent).strip()]
    return [copy.deepcopy(dict(tenant)) for tenant in chosen]


class LookupModule(LookupBase):
    def run(self, terms: List[Any], variables: Optional[Dict[str, Any]] = None, **kwargs: Any):
        region_filter: List[str] = []

        def adjust_region_option() -> None:
            headers, filters = split_region_option(self.get_option("region"))
            region_filter.extend(filters)
            self.set_option("region", headers)

        options = read_lookup_options(
            self, variables, kwargs, PLUGIN_LABEL, adjust_options=adjust_region_option
        )
        messages, on_denied = options.messages, options.on_denied
        ttl, settings = options.cache_ttl, options.settings

        # The hierarchy is the same whatever the region filter, so regions are not in the key.
        key = ("tenants", scope_key(settings, with_regions=False))
        tenants = LOOKUP_CACHE.get(key, ttl)
        if tenants is None:
            client = open_client(settings, messages, PLUGIN_LABEL)
            try:
                tenants = load_tenants(
                    client, regions=settings.regions, region_map=settings.region_map
                ).tenants
            except PermissionDeniedError as error:
                handle_denied(error, on_denied, messages, PLUGIN_LABEL)
                return []
            except MonitorError as error:
                raise plugin_error(error, PLUGIN_LABEL) from None
            finally:
                client.close()
                messages.report_repeats()
            LOOKUP_CACHE.put(key, tenants, ttl)
        else:
            messages.debug("tenant hierarchy from the in-memory cache")

        for warning in unmatched_license_warnings(tenants, self.get_option("license_type")):
            messages.warn(warning)
        return select_tenants(
            tenants,
            ids=[str(term).strip() for term in terms],
            regions=region_filter,
            license_types=self.get_option("license_type"),
            parent=self.get_option("parent"),
        )
