# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = """
name: bench_task_times
type: aggregate
short_description: Write the wall time of every task of a playbook run to a JSON file
description:
  - Helper of make bench. Records when each task starts and when its last host result
    arrives, in seconds since the epoch (time.time), and writes the list when the play ends.
options:
  path:
    description: File that receives a JSON list of C({task, start, end, hosts}) records.
    type: path
    required: true
    env:
      - name: MT_MONITOR_BENCH_TASK_TIMES
"""

import json
import os
import time

from ansible.plugins.callback import CallbackBase


class CallbackModule(CallbackBase):
    """Record the start and the last result time of each task."""

    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "aggregate"
    CALLBACK_NAME = "bench_task_times"
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._records = []

    def v2_playbook_on_task_start(self, task, is_conditional):
        self._records.append({"task": task.get_name(), "start": time.time(), "end": None, "hosts": 0})

    def _finish(self, result):
        if not self._records:
            return
        record = self._records[-1]
        record["end"] = time.time()
        record["hosts"] += 1

    def v2_runner_on_ok(self, result):
        self._finish(result)

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self._finish(result)

    def v2_runner_on_skipped(self, result):
        self._finish(result)

    def v2_runner_on_unreachable(self, result):
        self._finish(result)

    def v2_playbook_on_stats(self, stats):
        path = self.get_option("path")
        temporary = path + ".tmp"
        with open(temporary, "w", encoding="utf-8") as handle:
            json.dump(self._records, handle, indent=1)
        os.replace(temporary, path)
