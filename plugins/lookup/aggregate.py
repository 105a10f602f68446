# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
name: aggregate
short_description: Rows of an Aggregate Monitoring operation across all tenants
version_added: 1.0.0
description:
  - Runs one Prisma SASE Aggregate Monitoring API operation per term, over every region where
    tenants live, and returns the rows, each joined to its tenant under C(tenant).
  - The result is a list of dicts whatever the number of rows. Use C(query()) or
    C(lookup(..., wantlist=true)), because C(lookup()) alone returns a single row as a dict.
  - Results are kept in memory for O(cache_ttl) seconds, keyed by scope, operation and options,
    so a template that uses the same lookup twice calls the API once.
extends_documentation_fragment:
  - prisma_sase.mt_monitor.connection.PLUGINS
  - prisma_sase.mt_monitor.query
options:
  _terms:
    description:
      - Operation names such as V(threats.summary) or V(license.utilization). The rows of all
        terms are returned in one list, in term order.
    required: true
    type: list
    elements: str
  time_range:
    description:
      - "The time window of the query: C({last: 7, unit: days}) with unit C(minutes), C(hours)
        or C(days), or C({from: 2026-11-01T00:00:00Z, to: 2026-11-08T00:00:00Z}) in ISO 8601."
      - The window filters on the operation's time property in that property's unit. GET
        operations receive it as their C(time_period) or C(start_time) and C(end_time) query
        parameters.
      - When left out, the operation's default body applies, which covers the last 7 days
        where the operation has a time filter.
  on_denied:
    description:
      - What a 403 from the API does. V(error) fails the lookup, V(warn) prints a warning and
        returns the rows of the calls that succeeded, V(skip) does the same without a warning.
    type: str
    choices: [error, warn, skip]
    default: error
  cache_ttl:
    description:
      - Seconds a result stays in the in-memory cache of the worker process. V(0) turns the
        cache off. Only the scope (URLs, client ID, TSG ID), a one-way digest of the
        credentials, the operation and the options form the key, so no secret is stored.
    type: float
    default: 60
notes:
  - A call that fails for another reason than a 403 fails the lookup when every region failed,
    and prints a warning when only some regions failed.
seealso:
  - module: prisma_sase.mt_monitor.monitor_facts
  - plugin: prisma_sase.mt_monitor.tenants
    plugin_type: lookup
author:
  - prisma_sase.mt_monitor contributors (!UNKNOWN)
"""

EXAMPLES = r"""
- name: Tenants with unblocked critical threats (connection from PRISMA_SASE_* variables)
  ansible.builtin.debug:
    msg: "{{ query('prisma_sase.mt_monitor.aggregate', 'threats.summary', severity=['critical'])
             | selectattr('unblocked_count', 'gt', 0) | map(attribute='tenant.display_name') }}"

- name: License utilization of remote networks, skipping tenants the account cannot read
  ansible.builtin.set_fact:
    utilization: "{{ query('prisma_sase.mt_monitor.aggregate', 'license.utilization',
                           query={'product_type': 'RN'}, on_denied='warn') }}"
"""

RETURN = r"""
_raw:
  description:
    - One dict per row, with the fields of the operation's response plus C(tenant)
      (C(tsg_id), C(cdl_tenant_id), C(display_name)), or C(tenant=null) and C(unmatched=true)
      for a row whose tenant is not in the hierarchy. Rows from several regions carry C(region).
  type: list
  elements: dict
"""

import copy
from typing import Any, Dict, List, Optional, Tuple

from ansible.errors import AnsibleError
from ansible.plugins.lookup import LookupBase

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._errors import (
    MonitorError,
    PermissionDeniedError,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._gather import (
    gather_scope,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._info_module import (
    query_argument_spec,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._query import (
    build_request,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._plugin_base import (
    LOOKUP_CACHE,
    PluginMessages,
    error_from_record,
    handle_denied,
    open_client,
    options_key,
    plugin_error,
    read_lookup_options,
    scope_key,
)

# Options passed to the query builder: the query options of the info modules.
INTENT_OPTIONS = tuple(query_argument_spec())

PLUGIN_LABEL = "lookup prisma_sase.mt_monitor.aggregate"


class LookupModule(LookupBase):
    def run(self, terms: List[Any], variables: Optional[Dict[str, Any]] = None, **kwargs: Any):
        options = read_lookup_options(self, variables, kwargs, PLUGIN_LABEL)
        messages, on_denied = options.messages, options.on_denied
        ttl, settings = options.cache_ttl, options.settings
        intent = {name: self.get_option(name) for name in INTENT_OPTIONS}

        if not terms:
            raise AnsibleError(
                "%s needs at least one operation name, such as 'threats.summary'" % PLUGIN_LABEL
            )
        prepared_requests = []
        for term in terms:
            try:
                prepared_requests.append(build_request(str(term), **intent))
            except MonitorError as error:
                raise plugin_error(error, PLUGIN_LABEL) from None

        rows: List[Dict[str, Any]] = []
        client = None
        try:
            for prepared in prepared_requests:
                key = ("aggregate", scope_key(settings), prepared.operation, options_key(intent))
                cached = LOOKUP_CACHE.get(key, ttl)
                if cached is None:
                    if client is None:
                        client = open_client(settings, messages, PLUGIN_LABEL)
                    cached, complete = self._query(
                        client, settings, prepared, on_denied, messages
                    )
                    # Partial rows are returned but not kept, so the next call tries again.
                    if complete:
                        LOOKUP_CACHE.put(key, cached, ttl)
                else:
                    messages.debug("%s rows from the in-memory cache" % prepared.operation)
                rows.extend(copy.deepcopy(cached))
        finally:
            if client is not None:
                client.close()
            messages.report_repeats()
        return rows

    @staticmethod
    def _query(
        client: Any, settings: Any, prepared: Any, on_denied: str, messages: PluginMessages
    ) -> Tuple[List[Dict[str, Any]], bool]:
        """Return the rows of one operation and whether no call failed except by a 403."""
        operation_label = "%s %s" % (PLUGIN_LABEL, prepared.operation)
        try:
            results = gather_scope(client, [prepared], settings, warn=messages.warn)[2]
        except PermissionDeniedError as error:
            handle_denied(error, on_denied, messages, operation_label)
            return [], True
        except MonitorError as error:
            raise plugin_error(error, operation_label) from None

        outcome = results[prepared.operation]

        denied = [error for error in outcome.errors if error.get("kind") == "permission"]
        others = [error for error in outcome.errors if error.get("kind") != "permission"]
        if denied:
            first_denied = error_from_record(denied[0], PermissionDeniedError)
            handle_denied(first_denied, on_denied, messages, operation_label)
        if others and outcome.failed and not denied:
            raise plugin_error(error_from_record(others[0], MonitorError), operation_label)
        for error in others:
            messages.warn(
                "%s: the rows are partial, because region %s failed: %s"
                % (operation_label, error.get("region"), error.get("message"))
            )
        return outcome.rows, not others
