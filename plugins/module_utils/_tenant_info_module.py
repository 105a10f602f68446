# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The body of the tenant_info module: the tenant hierarchy, flat and as a tree.

This is a private module: its interface may change between releases.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from typing import Any, Dict, Optional

from ansible.module_utils.basic import AnsibleModule, missing_required_lib

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._client import (
    Client,
    requests_import_error,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._errors import (
    MonitorError,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._gather import (
    load_tenants,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._options import (
    connection_argument_spec,
    settings_from_module,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._regions import (
    AUTO_REGION,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._tenant_view import (
    build_tree,
    region_headers_of,
    select_tenants,
    unmatched_license_warnings,
)


def tenant_info_argument_spec() -> Dict[str, Dict[str, Any]]:
    """Return the argument spec of tenant_info: connection options and the selections."""
    spec = connection_argument_spec()
    spec.update(
        {
            "tenant": {"type": "str"},
            "max_depth": {"type": "int"},
            "license_type": {"type": "list", "elements": "str"},
        }
    )
    return spec


def run_tenant_info() -> None:
    """Run tenant_info: read the hierarchy once, select tenants and return them two ways."""
    module = AnsibleModule(argument_spec=tenant_info_argument_spec(), supports_check_mode=True)
    import_error = requests_import_error()
    if import_error:
        module.fail_json(msg=missing_required_lib("requests"), exception=import_error)

    params = module.params
    if params["max_depth"] is not None and params["max_depth"] < 0:
        module.fail_json(msg="max_depth %d is invalid; pass 0 or more levels" % params["max_depth"])

    result: Dict[str, Any] = {"changed": False, "tenants": [], "tree": [], "regions": []}
    client: Optional[Client] = None
    try:
        settings = settings_from_module(module)
        region_filter = [region for region in settings.regions if region != AUTO_REGION]

        client = Client(settings, warn=module.warn, debug=module.debug)
        scope = load_tenants(client, regions=settings.regions, region_map=settings.region_map)
        tenants = select_tenants(
            scope.tenants,
            tenant=params["tenant"],
            max_depth=params["max_depth"],
            license_types=params["license_type"],
            regions=region_filter,
        )
        for warning in unmatched_license_warnings(scope.tenants, params["license_type"]):
            module.warn(warning)
    except MonitorError as error:
        module.fail_json(msg=error.message, error=error.to_dict(), **result)
        return
    finally:
        if client is not None:
            client.close()

    result.update(
        {
            "tenants": tenants,
            "tree": build_tree(tenants),
            "root_tsg_id": scope.root_tsg_id,
            "regions": region_headers_of(tenants),
        }
    )
    module.exit_json(**result)
