# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Time one inventory source in a fresh process, without ansible-inventory's output work.

Run by file path, ``python _inventory_parse.py SOURCE RESULT_JSON``, with the environment of
an ansible-inventory run. The timer covers ``InventoryManager(sources=[SOURCE])``: loading the
inventory plugin (its imports included), its ``parse`` and ansible-core's reconciliation of
the groups. Importing ansible-core and reading its configuration happen before the timer
starts. RESULT_JSON receives the wall seconds, the CPU seconds and the number of hosts. CPU
seconds are the user and system time of this process, which vary less than wall time with the
load of other processes on the machine.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import sys
import time


def main(source: str, result_path: str) -> None:
    from ansible import context
    from ansible.inventory.manager import InventoryManager
    from ansible.module_utils.common.collections import ImmutableDict
    from ansible.parsing.dataloader import DataLoader
    from ansible.plugins.loader import init_plugin_loader

    # The command-line options of an ansible-inventory run without --flush-cache.
    context.CLIARGS = ImmutableDict({"flush_cache": False})
    init_plugin_loader()
    loader = DataLoader()

    started = time.perf_counter()
    started_cpu = time.process_time()
    inventory = InventoryManager(loader=loader, sources=[source])
    parse_cpu_s = time.process_time() - started_cpu
    parse_s = time.perf_counter() - started

    with open(result_path, "w", encoding="utf-8") as handle:
        json.dump({"parse_s": parse_s, "parse_cpu_s": parse_cpu_s, "hosts": len(inventory.hosts)}, handle)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python _inventory_parse.py SOURCE RESULT_JSON (expected 2 arguments, got %d)" % (len(sys.argv) - 1))
    main(sys.argv[1], sys.argv[2])
