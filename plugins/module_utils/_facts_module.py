# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The body of the monitor_facts module: options, one gathering run, facts and the file.

This is a private module: its interface may change between releases.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from datetime import datetime, timezone
from typing import Any, Dict, Optional

from ansible.module_utils.basic import AnsibleModule, missing_required_lib

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._client import (
    Client,
    requests_import_error,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._dataset import (
    resolve_operation_names,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._dataset_collect import (
    collect_dataset,
    failed_requests_warning,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._dataset_file import (
    check_dest,
    parse_mode,
    write_dataset,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._errors import (
    MonitorError,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._options import (
    connection_argument_spec,
    settings_from_module,
    validate_tsg_id,
)

# Key of the dataset under ansible_facts.
FACTS_KEY = "mt_monitor"


def facts_argument_spec() -> Dict[str, Dict[str, Any]]:
    """Return the argument spec of monitor_facts: connection options plus its own."""
    spec = connection_argument_spec()
    spec.update(
        {
            "operations": {"type": "list", "elements": "str", "default": ["default"]},
            "time_range": {"type": "dict"},
            "tenant_tsg_id": {"type": "str"},
            "dest": {"type": "path"},
            "mode": {"type": "str", "default": "0600", "choices": ["0600", "0640"]},
            # The action plugin acts on return_facts; the module always returns the dataset,
            # because the action plugin writes dest on the controller from it.
            "return_facts": {"type": "bool", "default": True},
        }
    )
    return spec


def gather_facts(
    module: AnsibleModule, now: Optional[datetime] = None
) -> Dict[str, Any]:
    """Gather the dataset that the module's parameters describe; raise MonitorError."""
    params = module.params
    settings = settings_from_module(module)
    names = resolve_operation_names(params["operations"])
    scope = params["tenant_tsg_id"]
    if scope is not None:
        scope = validate_tsg_id(scope)

    client = Client(settings, warn=module.warn, debug=module.debug)
    try:
        return collect_dataset(
            client,
            settings,
            names,
            time_range=params["time_range"],
            scope_tsg_id=scope,
            now=now or datetime.now(timezone.utc),
            warn=module.warn,
        )
    finally:
        client.close()


def run_facts_module() -> None:
    """Run monitor_facts: gather, return ansible_facts.mt_monitor, write dest if set."""
    module = AnsibleModule(argument_spec=facts_argument_spec(), supports_check_mode=True)
    import_error = requests_import_error()
    if import_error:
        module.fail_json(msg=missing_required_lib("requests"), exception=import_error)

    try:
        if module.params["dest"] and not module.check_mode:
            check_dest(module.params["dest"])
        dataset = gather_facts(module)
        warning = failed_requests_warning(dataset["errors"])
        if warning:
            module.warn(warning)
        changed = False
        if module.params["dest"]:
            changed = write_dataset(
                module.params["dest"],
                dataset,
                parse_mode(module.params["mode"]),
                check_mode=module.check_mode,
            )
    except MonitorError as error:
        module.fail_json(msg=error.message, error=error.to_dict())
        return

    module.exit_json(changed=changed, ansible_facts={FACTS_KEY: dataset})
