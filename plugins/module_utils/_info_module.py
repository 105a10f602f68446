# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The shared body of the ``*_info`` modules: options, one query over regions, the result.

This is a private module: its interface may change between releases.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from typing import Any, Dict, List, Optional

from ansible.module_utils.basic import AnsibleModule, missing_required_lib

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._catalog import (
    operations_by_family,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._client import (
    Client,
    requests_import_error,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._errors import (
    MonitorError,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._gather import (
    gather_scope,
    raise_if_failed,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._options import (
    connection_argument_spec,
    settings_from_module,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._query import (
    build_request,
)


def query_argument_spec() -> Dict[str, Dict[str, Any]]:
    """Return the query-builder options every info module takes (doc fragment ``query``)."""
    return {
        "time_range": {"type": "dict"},
        "severity": {"type": "list", "elements": "str"},
        "rules": {"type": "list", "elements": "str"},
        "properties": {"type": "list", "elements": "raw"},
        "sort": {"type": "dict"},
        "function": {"type": "str"},
        "alias": {"type": "str"},
        "filter": {"type": "dict"},
        "raw_properties": {"type": "list", "elements": "dict"},
        "body": {"type": "dict"},
        "query": {"type": "dict"},
        "count": {"type": "int"},
        "agg_by_tenant": {"type": "bool", "default": True},
        "strict": {"type": "bool", "default": True},
    }


_INTENT_OPTIONS = (
    "time_range",
    "severity",
    "rules",
    "properties",
    "sort",
    "function",
    "alias",
    "filter",
    "raw_properties",
    "body",
    "query",
    "count",
    "agg_by_tenant",
    "strict",
)


def family_operation_names(family: str) -> List[str]:
    """Return the catalog names of one family, in catalog order."""
    return [operation.name for operation in operations_by_family(family)]


def info_argument_spec(family: str, default_operation: str) -> Dict[str, Dict[str, Any]]:
    """Return the full argument spec of the info module of one family."""
    spec = connection_argument_spec()
    spec.update(query_argument_spec())
    spec["operation"] = {
        "type": "str",
        "default": default_operation,
        "choices": family_operation_names(family),
    }
    return spec


def prepare_from_params(params: Dict[str, Any], operation: str) -> Any:
    """Build the prepared request of an info module from its parameters."""
    intent = {name: params.get(name) for name in _INTENT_OPTIONS}
    return build_request(operation, **intent)


def fail_with(module: AnsibleModule, error: MonitorError, **extra: Any) -> None:
    """End the module with the error's message and its safe fields."""
    module.fail_json(msg=error.message, error=error.to_dict(), **extra)


def run_info_module(family: str, result_key: str, default_operation: str) -> None:
    """Run the info module of one family: validate, query every region, return the rows."""
    module = AnsibleModule(
        argument_spec=info_argument_spec(family, default_operation),
        supports_check_mode=True,
    )
    import_error = requests_import_error()
    if import_error:
        module.fail_json(msg=missing_required_lib("requests"), exception=import_error)

    result: Dict[str, Any] = {"changed": False, result_key: [], "partial": False, "errors": []}
    client: Optional[Client] = None
    try:
        settings = settings_from_module(module)
        prepared = prepare_from_params(module.params, module.params["operation"])
        result["operation"] = prepared.operation

        client = Client(settings, warn=module.warn, debug=module.debug)
        results = gather_scope(client, [prepared], settings, warn=module.warn)[2]
        outcome = results[prepared.operation]
        # Set before the check below, so a failed task still names every failed region.
        result.update(
            {
                "request": outcome.request,
                "regions": outcome.regions,
                "partial": outcome.partial,
                "errors": outcome.errors,
            }
        )
        raise_if_failed(outcome)
    except MonitorError as error:
        fail_with(module, error, **result)
        return
    finally:
        if client is not None:
            client.close()

    result[result_key] = outcome.rows
    module.exit_json(**result)
