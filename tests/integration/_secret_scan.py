# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Playbooks and file scans of the secret-leak tests (K05 for modules, K06 for plugins)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import stat
from pathlib import Path
from typing import Dict, Iterable, List, Sequence

from ansible_collections.prisma_sase.mt_monitor.tests.integration.test_modules_input import MODULES

K05_SECRET = "PLACEHOLDER-SECRET-K05"
K06_SECRET = "PLACEHOLDER-SECRET-K06"

# Timeouts and retries low enough that a fault that never clears ends each call in seconds.
FAST_SETTINGS = {
    "PRISMA_SASE_TIMEOUT": "1.5",
    "PRISMA_SASE_MAX_RETRIES": "1",
    "PRISMA_SASE_MAX_CONCURRENCY": "4",
}

# The info modules, each run with its default operation. The connection comes from
# module_defaults, so the secret travels inside a dict option. aggregate_query runs separately
# with the secret inside its body.
INFO_MODULES = tuple(module for module in MODULES if module != "aggregate_query")

MODULE_PLAYBOOK_HEAD = """
- name: Every module with the secret in module_defaults and in options
  hosts: localhost
  gather_facts: false
  vars_files:
    - "{vars_file}"
  module_defaults:
    group/prisma_sase.mt_monitor.all:
      client_id: demo-client-id
      client_secret: "{{{{ k05_secret }}}}"
      tsg_id: "1000000001"
      auth_url: "{{{{ auth_url }}}}"
      api_url: "{{{{ api_url }}}}"
  tasks:
"""

MODULE_TASK = """
    - name: Run {module}
      prisma_sase.mt_monitor.{module}:
      register: result_{module}
      ignore_errors: true
"""

MODULE_PLAYBOOK_TAIL = """
    - name: Send the secret inside the body dict of aggregate_query
      prisma_sase.mt_monitor.aggregate_query:
        operation: threats.summary
        body:
          filter:
            rules:
              - property: severity
                operator: in
                values: ["{{ k05_secret }}"]
      register: result_body
      ignore_errors: true

    - name: Pass the secret as a top-level option
      prisma_sase.mt_monitor.license_info:
        client_secret: "{{ k05_secret }}"
      register: result_top_level
      ignore_errors: true

    - name: Gather the dataset into the fact cache and a file
      prisma_sase.mt_monitor.monitor_facts:
        operations: [license.utilization, alerts.list]
        dest: "{{ output_dir }}/dataset.json"
      register: result_facts
      ignore_errors: true

    - name: Evaluate the dataset
      prisma_sase.mt_monitor.compliance_check:
        dataset: "{{ output_dir }}/dataset.json"
        dest: "{{ output_dir }}/results.json"
      register: result_check
      ignore_errors: true

    - name: Write the reports
      prisma_sase.mt_monitor.report:
        results: "{{ output_dir }}/results.json"
        dataset: "{{ output_dir }}/dataset.json"
        dest: "{{ output_dir }}"
      register: result_report
      ignore_errors: true

    - name: Write every registered result to a file
      ansible.builtin.copy:
        dest: "{{ output_dir }}/registered.json"
        mode: "0600"
        content: "{{ registered | to_nice_json }}"
      vars:
        registered:
          body: "{{ result_body }}"
          top_level: "{{ result_top_level }}"
          facts: "{{ result_facts }}"
          check: "{{ result_check }}"
          report: "{{ result_report }}"
"""

PLUGIN_PLAYBOOK = """
- name: Both lookups with the secret as an option
  hosts: localhost
  gather_facts: false
  vars_files:
    - "{vars_file}"
  tasks:
    - name: Look up tenants
      ansible.builtin.set_fact:
        tenants_found: "{{{{ query('prisma_sase.mt_monitor.tenants', client_secret=k06_secret,
                                   auth_url=auth_url, api_url=api_url, cache_ttl=0) }}}}"
      ignore_errors: true

    - name: Look up alerts
      ansible.builtin.set_fact:
        alerts_found: "{{{{ query('prisma_sase.mt_monitor.aggregate', 'alerts.list',
                                  client_secret=k06_secret, auth_url=auth_url,
                                  api_url=api_url, cache_ttl=0) }}}}"
      ignore_errors: true
"""

INVENTORY_CONFIG = """plugin: prisma_sase.mt_monitor.tenants
client_secret: {secret}
auth_url: {auth_url}
api_url: {api_url}
cache: true
cache_plugin: ansible.builtin.jsonfile
cache_connection: {cache_dir}
"""


def module_playbook() -> str:
    """Return the playbook that runs every module, formatted later with the vars file path."""
    tasks = "".join(MODULE_TASK.format(module=module) for module in INFO_MODULES)
    return MODULE_PLAYBOOK_HEAD + tasks + MODULE_PLAYBOOK_TAIL.replace("{", "{{").replace("}", "}}")


def files_under(root: Path, excluded: Iterable[Path]) -> List[Path]:
    """Return every regular file under ``root`` except the ``excluded`` input files."""
    skipped = {path.resolve() for path in excluded}
    return sorted(
        path for path in root.rglob("*") if path.is_file() and path.resolve() not in skipped
    )


def leaks(texts: Dict[str, str], needles: Sequence[str]) -> List[str]:
    """Return "where: needle" for each needle found in each named text."""
    found = []
    for where, text in texts.items():
        for needle in needles:
            if needle and needle in text:
                found.append("%s: %s..." % (where, needle[:24]))
    return found


def file_texts(paths: Iterable[Path]) -> Dict[str, str]:
    """Read files as text for searching; bytes that are not UTF-8 are replaced."""
    texts = {}
    for path in paths:
        texts[str(path)] = path.read_bytes().decode("utf-8", errors="replace")
    return texts


def xlsx_texts(paths: Iterable[Path]) -> Dict[str, str]:
    """Return the cell text of each workbook, since an .xlsx file is a zip archive."""
    from openpyxl import load_workbook

    texts = {}
    for path in paths:
        workbook = load_workbook(path, read_only=True)
        try:
            cells = []
            for sheet in workbook.worksheets:
                for row in sheet.iter_rows(values_only=True):
                    cells.extend(str(value) for value in row if value is not None)
        finally:
            workbook.close()
        texts[str(path) + " (cells)"] = "\n".join(cells)
    return texts


def private_mode(path: Path) -> str:
    return oct(stat.S_IMODE(path.stat().st_mode))
