# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The body of the aggregate_query module: one catalog operation or raw path, every region.

This is a private module: its interface may change between releases.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import posixpath
from typing import Any, Dict, Mapping, Optional, Tuple

from ansible.module_utils.basic import AnsibleModule, missing_required_lib

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._catalog import (
    BASE_PATH,
    OPERATIONS,
    Operation,
    find_by_path,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._client import (
    Client,
    requests_import_error,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._errors import (
    InvalidInputError,
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
    PreparedRequest,
    build_request,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._tenants import (
    DEFAULT_TENANT_ID_FIELDS,
)

ALLOWED_PATH_PREFIX = "/mt/monitor/"
METHODS = ("GET", "POST")


def aggregate_query_argument_spec() -> Dict[str, Dict[str, Any]]:
    """Return the argument spec of aggregate_query."""
    spec = connection_argument_spec()
    spec.update(
        {
            "operation": {"type": "str", "choices": list(OPERATIONS)},
            "path": {"type": "str"},
            "method": {"type": "str", "choices": list(METHODS)},
            "body": {"type": "dict"},
            "query": {"type": "dict"},
            "agg_by_tenant": {"type": "bool", "default": True},
        }
    )
    return spec


def check_path(path: str) -> str:
    """Return the path without its query string; reject paths outside /mt/monitor/."""
    bare = str(path).strip().split("?", 1)[0]
    normalized = posixpath.normpath(bare) if bare else bare
    if bare.endswith("/") and normalized != "/":
        normalized += "/"
    if "://" in bare or not normalized.startswith(ALLOWED_PATH_PREFIX) or normalized != bare:
        raise InvalidInputError(
            "path %r is invalid; aggregate_query only calls paths under %s, such as "
            "%s/alerts/list, written without '..', '//' or a host (api_url sets the host)"
            % (path, ALLOWED_PATH_PREFIX, BASE_PATH)
        )
    return bare


def raw_operation(method: str, path: str) -> Operation:
    """Describe a path that the catalog does not list, so the gathering code can call it."""
    return Operation(
        name="%s %s" % (method, path),
        family="custom",
        summary="Raw request to a path outside the operation catalog",
        method=method,
        path=path,
        operation_id="",
        agg_by=path.startswith(BASE_PATH + "/"),
        region_header=True,
        response_shape="list",
        tenant_id_fields=DEFAULT_TENANT_ID_FIELDS,
    )


def prepare_path_request(
    method: str,
    path: str,
    body: Optional[Dict[str, Any]],
    query: Optional[Dict[str, Any]],
    agg_by_tenant: bool,
) -> Tuple[PreparedRequest, Optional[Operation]]:
    """Build the request for a raw path and return it with an ad hoc catalog entry, or None.

    A path that the catalog lists keeps the catalog's name, so its rows are joined to tenants
    and its variants are sent as for ``operation``. Its body is still sent as given.
    """
    if method == "GET" and body is not None:
        raise InvalidInputError(
            "body is set but method is GET, which sends no body; use method POST or remove body"
        )

    known = find_by_path(method, path)
    operation = known or raw_operation(method, path)
    request_query: Dict[str, Any] = {}
    if operation.agg_by and agg_by_tenant:
        request_query["agg_by"] = "tenant"
    if known is not None and method == "GET":
        request_query.update(known.default_query)
    request_query.update(query or {})

    if method == "POST" and body is None:
        body = known.new_default_body() if known is not None else {}
    prepared = PreparedRequest(operation.name, method, path, request_query, body)
    return prepared, (None if known is not None else operation)


def default_method(path: str, body: Optional[Dict[str, Any]]) -> str:
    """Return the catalog's method for a path, else POST when a body is given, else GET."""
    for method in METHODS:
        if find_by_path(method, path) is not None:
            return method
    return "GET" if body is None else "POST"


def prepare_from_params(params: Mapping[str, Any]) -> Tuple[PreparedRequest, Optional[Operation]]:
    """Build the request of aggregate_query from its parameters; raise InvalidInputError."""
    if params.get("operation"):
        if params.get("path"):
            raise InvalidInputError("operation and path are mutually exclusive; set one of them")
        operation = OPERATIONS[params["operation"]]
        method = params.get("method")
        if method and method != operation.method:
            raise InvalidInputError(
                "method %s does not match operation %s, which is %s %s; leave method out"
                % (method, operation.name, operation.method, operation.path)
            )
        prepared = build_request(
            operation.name,
            body=params.get("body"),
            query=params.get("query"),
            agg_by_tenant=params.get("agg_by_tenant", True),
        )
        return prepared, None

    if not params.get("path"):
        raise InvalidInputError(
            "set operation (a catalog name such as threats.summary) or path and method"
        )
    path = check_path(params["path"])
    method = params.get("method") or default_method(path, params.get("body"))
    return prepare_path_request(
        method,
        path,
        params.get("body"),
        params.get("query"),
        params.get("agg_by_tenant", True),
    )


def run_aggregate_query() -> None:
    """Run aggregate_query: validate, send to every planned region, merge and enrich rows."""
    module = AnsibleModule(
        argument_spec=aggregate_query_argument_spec(),
        mutually_exclusive=[("operation", "path")],
        required_one_of=[("operation", "path")],
        supports_check_mode=True,
    )
    import_error = requests_import_error()
    if import_error:
        module.fail_json(msg=missing_required_lib("requests"), exception=import_error)

    result: Dict[str, Any] = {
        "changed": False,
        "rows": [],
        "responses": [],
        "partial": False,
        "errors": [],
    }
    client: Optional[Client] = None
    try:
        settings = settings_from_module(module)
        prepared, extra = prepare_from_params(module.params)
        result["operation"] = prepared.operation
        extra_operations = {extra.name: extra} if extra is not None else None

        client = Client(settings, warn=module.warn, debug=module.debug)
        results = gather_scope(
            client, [prepared], settings, warn=module.warn, extra_operations=extra_operations
        )[2]
        outcome = results[prepared.operation]
        # Set before the check below, so a failed task still shows every response and error.
        result.update(
            {
                "responses": outcome.responses,
                "request": outcome.request,
                "regions": outcome.regions,
                "partial": outcome.partial,
                "errors": outcome.errors,
            }
        )
        raise_if_failed(outcome)
    except MonitorError as error:
        module.fail_json(msg=error.message, error=error.to_dict(), **result)
        return
    finally:
        if client is not None:
            client.close()

    result["rows"] = outcome.rows
    module.exit_json(**result)
