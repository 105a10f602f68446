# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Controller side of monitor_facts: pick the tenant scope, gather, write the dataset file.

This plugin fills ``tenant_tsg_id`` from the host variable that the tenants inventory sets,
and writes ``dest`` on the controller, as the module documentation promises, even when the
task runs on another host. On a local connection without become it gathers in this process
with the module's own code and argument spec, which spares the module start and the
encoding and decoding of a large result. On any other connection it runs the module.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
from typing import Any, Dict, Optional

from ansible.module_utils.parsing.convert_bool import boolean
from ansible.plugins.action import ActionBase
from ansible.utils.display import Display

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._dataset_file import (
    check_dest,
    parse_mode,
    write_dataset,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._errors import (
    InvalidInputError,
    MonitorError,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._facts_controller import (
    run_on_controller,
)

MODULE_NAME = "prisma_sase.mt_monitor.monitor_facts"
TENANT_HOST_VARIABLE = "tenant_tsg_id"

display = Display()


def gathers_on_controller(connection: Any, become: bool) -> bool:
    """Tell whether the task may gather in this process: a local connection without become.

    A module on such a connection runs as the controller's user on the controller, so the
    result is the same. With become, or on any other connection, the module runs on the target.
    """
    return getattr(connection, "transport", None) == "local" and not become


def parse_return_facts(value: Any, dest: Any) -> bool:
    """Validate return_facts; raise InvalidInputError when it is not a boolean or lacks dest."""
    try:
        flag = boolean(value, strict=True)
    except TypeError:
        raise InvalidInputError("return_facts %r is invalid; pass true or false" % (value,)) from None
    if not flag and not dest:
        raise InvalidInputError("return_facts is false but dest is missing; set dest to keep the dataset in a file")
    return flag


def dataset_summary(dataset: Dict[str, Any]) -> Dict[str, int]:
    """Count the tenants, operations, rows and failed calls of a dataset."""
    return {
        "tenants": len(dataset["tenants"]),
        "operations": len(dataset["datasets"]),
        "rows": sum(len(entry["rows"]) for entry in dataset["datasets"].values()),
        "errors": len(dataset["errors"]),
    }


class ActionModule(ActionBase):
    _supports_check_mode = True
    _supports_async = False

    def run(
        self, tmp: Optional[str] = None, task_vars: Optional[Dict[str, Any]] = None
    ) -> Dict[str, Any]:
        task_vars = task_vars or {}
        result = super().run(tmp, task_vars)

        module_args = dict(self._task.args)
        dest = module_args.pop("dest", None)
        mode_text = module_args.pop("mode", None) or "0600"
        path = os.path.expanduser(str(dest)) if dest else None
        try:
            mode = parse_mode(mode_text)
            return_facts = parse_return_facts(module_args.pop("return_facts", True), dest)
            # Checked before the module runs, so that a bad dest fails at once and not after
            # gathering every operation. Check mode writes nothing, and the directory may be
            # created by an earlier task that check mode skipped, so it is not checked there.
            if path and not self._task.check_mode:
                check_dest(path)
        except MonitorError as error:
            result.update(failed=True, msg=error.message)
            return result

        if module_args.get("tenant_tsg_id") in (None, "") and task_vars.get(TENANT_HOST_VARIABLE):
            module_args["tenant_tsg_id"] = str(task_vars[TENANT_HOST_VARIABLE])

        result.update(self._gather(module_args, task_vars))
        if result.get("failed") or not path:
            return result

        dataset = (result.get("ansible_facts") or {}).get("mt_monitor")
        if not isinstance(dataset, dict):
            result.update(failed=True, msg="monitor_facts returned no dataset, so dest was not written")
            return result

        try:
            result["changed"] = write_dataset(
                path, dataset, mode, check_mode=bool(self._task.check_mode)
            )
        except MonitorError as error:
            # A failed result is printed whole on the console, so it carries the counts and
            # never the dataset, which can be hundreds of kilobytes.
            del result["ansible_facts"]
            result.update(
                failed=True, msg=error.message, dest=path, summary=dataset_summary(dataset)
            )
            return result
        result["dest"] = path
        if not return_facts:
            # Dropped here so that the dataset is not sent on to ansible-playbook's main process,
            # its fact store and every callback.
            del result["ansible_facts"]
            result["summary"] = dataset_summary(dataset)
        return result

    def _gather(self, module_args: Dict[str, Any], task_vars: Dict[str, Any]) -> Dict[str, Any]:
        if not gathers_on_controller(self._connection, bool(self._play_context.become)):
            return self._execute_module(
                module_name=MODULE_NAME, module_args=module_args, task_vars=task_vars
            )

        environment: Dict[str, Any] = {}
        self._compute_environment_string(environment)
        return run_on_controller(
            module_args,
            check_mode=bool(self._task.check_mode),
            environment=environment,
            debug=display.debug,
        )
