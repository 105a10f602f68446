# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The body of the monitor_facts module: options, one gathering run, facts and the file.

This is a private module: its interface may change between releases.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from datetime import datetime, timezone
from typing import Any, Callable, Dict, Mapping, Optional, Tuple

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
    ConnectionSettings,
    connection_argument_spec,
    settings_from_module,
    validate_tsg_id,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._token_cache import (
    TokenCache,
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


WarnCallback = Callable[[str], None]


def gather_facts(
    params: Mapping[str, Any],
    settings: ConnectionSettings,
    warn: WarnCallback,
    debug: WarnCallback,
    token_cache: Optional[TokenCache] = None,
    now: Optional[datetime] = None,
) -> Dict[str, Any]:
    """Gather the dataset that validated monitor_facts parameters describe; raise MonitorError."""
    names = resolve_operation_names(params["operations"])
    scope = params["tenant_tsg_id"]
    if scope is not None:
        scope = validate_tsg_id(scope)

    client = Client(settings, warn=warn, debug=debug, token_cache=token_cache)
    try:
        return collect_dataset(
            client,
            settings,
            names,
            time_range=params["time_range"],
            scope_tsg_id=scope,
            now=now or datetime.now(timezone.utc),
            warn=warn,
        )
    finally:
        client.close()


def gather_and_write(
    params: Mapping[str, Any],
    settings_factory: Callable[[], ConnectionSettings],
    check_mode: bool,
    warn: WarnCallback,
    debug: WarnCallback,
    token_cache: Optional[TokenCache] = None,
) -> Tuple[bool, Dict[str, Any]]:
    """Check dest, gather, warn about failed requests and write dest if set; raise MonitorError.

    Returns whether dest changed and the dataset. The module and the controller-side run of
    the action plugin both call this, so they gather and warn the same way. ``settings_factory``
    is called after the dest check, so a bad dest is reported before invalid connection options.
    """
    if params["dest"] and not check_mode:
        check_dest(params["dest"])
    settings = settings_factory()
    dataset = gather_facts(params, settings, warn, debug, token_cache=token_cache)
    warning = failed_requests_warning(dataset["errors"])
    if warning:
        warn(warning)
    changed = False
    if params["dest"]:
        changed = write_dataset(
            params["dest"], dataset, parse_mode(params["mode"]), check_mode=check_mode
        )
    return changed, dataset


def run_facts_module() -> None:
    """Run monitor_facts: gather, return ansible_facts.mt_monitor, write dest if set."""
    module = AnsibleModule(argument_spec=facts_argument_spec(), supports_check_mode=True)
    import_error = requests_import_error()
    if import_error:
        module.fail_json(msg=missing_required_lib("requests"), exception=import_error)

    try:
        changed, dataset = gather_and_write(
            module.params,
            lambda: settings_from_module(module),
            module.check_mode,
            module.warn,
            module.debug,
        )
    except MonitorError as error:
        module.fail_json(msg=error.message, error=error.to_dict())
        return

    module.exit_json(changed=changed, ansible_facts={FACTS_KEY: dataset})
