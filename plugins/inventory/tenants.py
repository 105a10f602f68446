# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
name: tenants
short_description: One inventory host per Prisma SASE tenant
version_added: 1.0.0
description:
  - Reads the tenant hierarchy below O(tsg_id) and adds one host per tenant, including the
    tenant of O(tsg_id) itself.
  - Each host gets the C(tenant_*) variables listed under RETURN, C(ansible_connection=local)
    and C(ansible_python_interpreter={{ ansible_playbook_python }}), so modules on tenant hosts
    run on the controller's Python.
  - Hosts are grouped by region (C(region_americas)), license type (C(license_sase)) and parent
    TSG ID (C(parent_1000000001)). Group names are lower case with C(_) for other characters.
  - The configuration file name must end in C(.mt_monitor.yml) or C(.mt_monitor.yaml).
extends_documentation_fragment:
  - prisma_sase.mt_monitor.connection.PLUGINS
  - constructed
  - inventory_cache
options:
  plugin:
    description: Name of the plugin.
    required: true
    type: str
    choices: [prisma_sase.mt_monitor.tenants]
  hostname_source:
    description:
      - What host names are made of. V(display_name) uses the tenant's name without accents,
        with C(_) for characters other than letters, digits, C(.) and C(-); a name that is empty
        or already taken gets the TSG ID. V(tsg_id) uses the TSG ID.
    type: str
    choices: [display_name, tsg_id]
    default: display_name
  verify_scopes:
    description:
      - Read the hierarchy again with a token for each tenant's own TSG and leave out, with a
        warning, every tenant for which that call returns 403.
      - This sends one token request and one API call per tenant, O(max_concurrency) at a time.
    type: bool
    default: false
notes:
  - With O(cache=true), the tenant list is stored in the cache plugin and a later run within
    O(cache_timeout) seconds calls no API. The cache holds tenant data only, never credentials.
seealso:
  - module: prisma_sase.mt_monitor.monitor_facts
  - plugin: prisma_sase.mt_monitor.tenants
    plugin_type: lookup
author:
  - prisma_sase.mt_monitor contributors (!UNKNOWN)
"""

EXAMPLES = r"""
# customers.mt_monitor.yml, with credentials in the PRISMA_SASE_* environment variables
plugin: prisma_sase.mt_monitor.tenants
cache: true
cache_plugin: ansible.builtin.jsonfile
cache_connection: ~/.cache/mt_monitor_inventory
cache_timeout: 3600
keyed_groups:
  - key: tenant_vertical
    prefix: vertical
groups:
  deep_tenants: tenant_depth >= 2
compose:
  customer_label: tenant_path | join(' / ')
"""

RETURN = r"""
tenant_tsg_id:
  description: TSG ID of the tenant.
  type: str
tenant_cdl_id:
  description: Cortex Data Lake tenant ID, which some operations return instead of the TSG ID.
  type: str
tenant_display_name:
  description: Display name of the tenant.
  type: str
tenant_parent_tsg_id:
  description: TSG ID of the parent tenant, null for the top of the hierarchy.
  type: str
tenant_path:
  description: Display names from the top of the hierarchy down to this tenant.
  type: list
  elements: str
tenant_depth:
  description: Levels below the top of the hierarchy, 0 for the top.
  type: int
tenant_regions:
  description: Cortex Data Lake region codes where the tenant's data lives, such as C(us01).
  type: list
  elements: str
tenant_region_headers:
  description: The X-PANW-Region values of those regions, such as C(americas).
  type: list
  elements: str
tenant_license_type:
  description: License type, such as C(SASE).
  type: str
tenant_vertical:
  description: Industry vertical.
  type: str
tenant_license_activated:
  description: Whether the tenant's license is activated.
  type: bool
"""

from typing import Any, Dict, List, Optional

from ansible.errors import AnsibleError
from ansible.plugins.inventory import BaseInventoryPlugin, Cacheable, Constructable

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._errors import (
    MonitorError,
    PermissionDeniedError,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._inventory_hosts import (
    assign_hostnames,
    decode_tenant_table,
    encode_tenant_table,
    tenant_group_names,
    tenant_host_variables,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._plugin_base import (
    PluginMessages,
    load_settings,
    open_client,
    plugin_error,
)

try:
    # ansible-core 2.19 and later mark inventory strings as untrusted unless tagged.
    from ansible.template import trust_as_template
except ImportError:
    HAS_TRUST_TAGS = False
else:
    HAS_TRUST_TAGS = True

if not HAS_TRUST_TAGS:
    from ansible.utils.unsafe_proxy import wrap_var

PLUGIN_LABEL = "inventory prisma_sase.mt_monitor.tenants"
CONFIG_SUFFIXES = (".mt_monitor.yml", ".mt_monitor.yaml")

# Templated at run time, so tenant hosts run modules on the Python that runs the playbook.
PYTHON_INTERPRETER_TEMPLATE = "{{ ansible_playbook_python }}"

# Layout number of the cache entry. Layout 2 stores the tenants as one JSON string
# (encode_tenant_table), so ansible-core's cache layer decodes and checks one string instead of
# every value of every tenant. An entry of another layout, such as the list of tenant dicts of
# layout 1, is treated as a cache miss.
CACHE_LAYOUT = 2


def _trusted_template(text: str) -> Any:
    return trust_as_template(text) if HAS_TRUST_TAGS else text


def _untrusted(value: Any) -> Any:
    """Keep API data from being templated: on 2.19 and later it is untrusted already."""
    return value if HAS_TRUST_TAGS else wrap_var(value)


class InventoryModule(BaseInventoryPlugin, Constructable, Cacheable):
    NAME = "prisma_sase.mt_monitor.tenants"

    def verify_file(self, path: str) -> bool:
        return super().verify_file(path) and path.endswith(CONFIG_SUFFIXES)

    def parse(self, inventory: Any, loader: Any, path: str, cache: bool = True) -> None:
        super().parse(inventory, loader, path, cache)
        self._read_config_data(path)

        messages = PluginMessages(PLUGIN_LABEL)
        settings = load_settings(self, messages, PLUGIN_LABEL)
        scope = [settings.api_url, settings.tsg_id]

        cache_key = self.get_cache_key(path)
        use_cache = bool(self.get_option("cache")) and cache
        update_cache = bool(self.get_option("cache")) and not cache
        tenants: Optional[List[Dict[str, Any]]] = None
        if use_cache:
            tenants = _tenants_from_cache(self._cache.get(cache_key), scope, messages)
            if tenants is None:
                update_cache = True

        if tenants is None:
            tenants = self._fetch_tenants(settings, messages)
        if update_cache:
            self._cache[cache_key] = {
                "layout": CACHE_LAYOUT,
                "scope": scope,
                "tenant_table": encode_tenant_table(tenants),
            }

        self._populate(tenants)

    def _fetch_tenants(self, settings: Any, messages: PluginMessages) -> List[Dict[str, Any]]:
        # Imported here, so a run served from the cache imports neither the API client and
        # requests nor the gathering code.
        from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._gather import (
            load_tenants,
        )

        client = open_client(settings, messages, PLUGIN_LABEL)
        try:
            tenants = load_tenants(
                client, regions=settings.regions, region_map=settings.region_map
            ).tenants
            if self.get_option("verify_scopes"):
                tenants = self._readable_tenants(client, settings, tenants, messages)
        except MonitorError as error:
            raise plugin_error(error, PLUGIN_LABEL) from None
        finally:
            client.close()
            messages.report_repeats()
        return tenants

    @staticmethod
    def _readable_tenants(
        client: Any, settings: Any, tenants: List[Dict[str, Any]], messages: PluginMessages
    ) -> List[Dict[str, Any]]:
        """Return the tenants whose own scope can read the hierarchy, leaving out 403s."""

        from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._gather import (
            load_tenants,
        )

        def check(tenant: Dict[str, Any]) -> None:
            load_tenants(
                client,
                tsg_id=tenant["tsg_id"],
                regions=settings.regions,
                region_map=settings.region_map,
            )

        others = [tenant for tenant in tenants if tenant["tsg_id"] != settings.tsg_id]
        readable = [tenant for tenant in tenants if tenant["tsg_id"] == settings.tsg_id]
        for tenant, outcome in client.map_concurrent(check, others):
            if isinstance(outcome, PermissionDeniedError):
                messages.warn(
                    "tenant %s (%s) is left out: the service account is not authorised for its "
                    "scope (status %s, request id %s)"
                    % (tenant["tsg_id"], tenant["display_name"], outcome.status, outcome.request_id)
                )
                continue
            if isinstance(outcome, MonitorError):
                raise outcome
            readable.append(tenant)
        order = {tenant["tsg_id"]: position for position, tenant in enumerate(tenants)}
        return sorted(readable, key=lambda tenant: order[tenant["tsg_id"]])

    def _populate(self, tenants: List[Dict[str, Any]]) -> None:
        strict = self.get_option("strict")
        compose = self.get_option("compose")
        composed_groups = self.get_option("groups")
        keyed_groups = self.get_option("keyed_groups")
        try:
            names = assign_hostnames(tenants, self.get_option("hostname_source"))
        except ValueError as error:
            raise AnsibleError("%s: %s" % (PLUGIN_LABEL, error)) from None

        # Every host gets these same two objects. set_variable stores values without copying
        # them (ansible-core 2.19 Host.set_variable), which is safe because strings are immutable.
        connection = _trusted_template("local")
        interpreter = _trusted_template(PYTHON_INTERPRETER_TEMPLATE)
        added_groups = set()

        for name, tenant in zip(names, tenants):
            host = self.inventory.add_host(name)
            variables = tenant_host_variables(tenant)
            for key, value in variables.items():
                self.inventory.set_variable(host, key, _untrusted(value))
            self.inventory.set_variable(host, "ansible_connection", connection)
            self.inventory.set_variable(host, "ansible_python_interpreter", interpreter)

            for group in tenant_group_names(tenant):
                if group not in added_groups:
                    self.inventory.add_group(group)
                    added_groups.add(group)
                self.inventory.add_child(group, host)

            # Constructable does nothing for an option that is not set, so the calls are skipped.
            if compose:
                self._set_composite_vars(compose, variables, host, strict=strict)
            if composed_groups:
                self._add_host_to_composed_groups(composed_groups, variables, host, strict=strict)
            if keyed_groups:
                self._add_host_to_keyed_groups(keyed_groups, variables, host, strict=strict)


def _tenants_from_cache(entry: Any, scope: List[str], messages: PluginMessages) -> Optional[List[Dict[str, Any]]]:
    """Return the tenants of a cache entry, or None when it is missing, stale or unreadable."""
    if not isinstance(entry, dict) or entry.get("layout") != CACHE_LAYOUT:
        return None
    # The credentials may have changed since the entry was written, so it is used only for the
    # same API URL and TSG ID.
    if entry.get("scope") != scope:
        messages.debug("the inventory cache is for another API URL or TSG ID, so the hierarchy is requested")
        return None

    text = entry.get("tenant_table")
    if not isinstance(text, str):
        messages.debug("the inventory cache entry has no tenant table, so the hierarchy is requested")
        return None
    try:
        tenants = decode_tenant_table(text)
    except ValueError as error:
        messages.debug("the inventory cache entry is invalid (%s), so the hierarchy is requested" % error)
        return None

    messages.debug("%d tenants from the inventory cache" % len(tenants))
    return tenants
