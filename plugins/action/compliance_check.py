# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Action plugin of compliance_check: evaluate a dataset on the controller, write results."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from typing import Any

from ansible.errors import AnsibleActionFail
from ansible.plugins.action import ActionBase

# Results and reports contain tenant data, so they allow the same two modes as the dataset file.
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._dataset_file import (
    ALLOWED_MODES,
    parse_mode,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._errors import (
    InvalidInputError,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._compliance_run import (
    ComplianceInputError,
    run_compliance,
)

ARGUMENT_SPEC: dict[str, Any] = {
    "dataset": {"type": "raw", "required": True},
    "dest": {"type": "path", "required": True},
    "policy": {"type": "raw", "default": "default"},
    "overrides": {"type": "dict"},
    "tenant_groups": {"type": "dict"},
    "waivers": {"type": "raw"},
    "mode": {"type": "str", "default": "0600", "choices": sorted(ALLOWED_MODES)},
    "return_results": {"type": "bool", "default": False},
}


class ActionModule(ActionBase):
    """Run the controls engine on the controller. Nothing runs on the target host."""

    TRANSFERS_FILES = False
    _requires_connection = False
    _supports_check_mode = True
    _supports_async = False

    def run(self, tmp: Any = None, task_vars: Any = None) -> dict[str, Any]:
        result = super().run(tmp, task_vars)
        _validation, args = self.validate_argument_spec(argument_spec=ARGUMENT_SPEC)
        check_mode = bool(self._task.check_mode)

        try:
            outcome = run_compliance(
                args["dataset"],
                args["dest"],
                policy=args["policy"],
                overrides=args["overrides"],
                waivers=args["waivers"],
                tenant_groups=args["tenant_groups"],
                mode=parse_mode(args["mode"]),
                check_mode=check_mode,
            )
        except (ComplianceInputError, InvalidInputError, ValueError) as error:
            raise AnsibleActionFail("compliance_check: %s" % error) from None

        summary = outcome.summary()
        result.update(summary)
        result["changed"] = outcome.changed
        result["dest"] = outcome.dest
        result["written"] = outcome.written
        if outcome.warnings:
            result["warnings"] = list(outcome.warnings)

        # In check mode the results file is not written, so the next task (report) gets the
        # results from this task's return value instead.
        if check_mode or args["return_results"]:
            result["results_document"] = outcome.results
        if check_mode:
            verb = "would write" if outcome.changed else "would leave unchanged"
            result["msg"] = "check mode: %s %s (%d results)" % (
                verb, outcome.dest, summary["results"])
        else:
            verb = "wrote" if outcome.changed else "left unchanged"
            result["msg"] = "%s %s (%d results)" % (verb, outcome.dest, summary["results"])
        return result
