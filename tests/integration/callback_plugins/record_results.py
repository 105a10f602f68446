# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = """
name: record_results
type: aggregate
short_description: Write every task result of a playbook run to a JSON file
description:
  - Test helper of the integration suite. ansible-core 2.19 ships no JSON stdout callback, so
    this callback keeps the human-readable output and writes the results to a file as well.
  - Results pass through the same censoring as the default callback, so C(no_log) results
    are written without their values.
options:
  path:
    description: File that receives a JSON list of task results when the playbook ends.
    type: path
    required: true
    env:
      - name: MT_MONITOR_TEST_RESULTS
"""

import json
import os

from ansible.plugins.callback import CallbackBase


class CallbackModule(CallbackBase):
    """Collect each task result and write the list as JSON when the playbook ends."""

    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "aggregate"
    CALLBACK_NAME = "record_results"
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._records = []

    def _record(self, status, result):
        # ansible-core 2.19 added `result`; `_result` is the older spelling of the same dict.
        payload = getattr(result, "result", None)
        if payload is None:
            payload = result._result
        self._records.append(
            {
                "task": result.task_name,
                "host": result.host.get_name(),
                "status": status,
                "result": self._strip_internal_keys(dict(payload)),
            }
        )

    @staticmethod
    def _strip_internal_keys(payload):
        return {key: value for key, value in payload.items() if not key.startswith("_ansible_")}

    def v2_runner_on_ok(self, result):
        self._record("ok", result)

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self._record("ignored" if ignore_errors else "failed", result)

    def v2_runner_on_skipped(self, result):
        self._record("skipped", result)

    def v2_runner_on_unreachable(self, result):
        self._record("unreachable", result)

    def v2_playbook_on_stats(self, stats):
        path = self.get_option("path")
        temporary = path + ".tmp"
        with open(temporary, "w", encoding="utf-8") as handle:
            json.dump(self._records, handle, default=str, indent=1)
        os.replace(temporary, path)
