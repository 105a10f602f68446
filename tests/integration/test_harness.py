# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Checks of the integration harness itself: playbook runs, isolation and result parsing."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from pathlib import Path

import pytest

from ansible_collections.prisma_sase.mt_monitor.tests.integration._playbook import run_playbook
from ansible_collections.prisma_sase.mt_monitor.tests.integration._simulator import (
    SimulatorError,
    _port_from_ready_file,
)

CONNECTION = {
    "PRISMA_SASE_API_URL": "http://127.0.0.1:9",
    "PRISMA_SASE_CLIENT_SECRET": "PLACEHOLDER-SECRET-K05",
}

PLAYBOOK = """
- name: Harness check
  hosts: localhost
  gather_facts: false
  tasks:
    - name: Read connection variables
      ansible.builtin.set_fact:
        api_url: "{{ lookup('ansible.builtin.env', 'PRISMA_SASE_API_URL') }}"
        cache_home: "{{ lookup('ansible.builtin.env', 'XDG_CACHE_HOME') }}"
        python: "{{ ansible_playbook_python }}"

    - name: Run a module on localhost
      ansible.builtin.command: "{{ ansible_python_interpreter }} -c 'import sys; print(sys.prefix)'"
      changed_when: false

    - name: Hide a secret
      ansible.builtin.debug:
        msg: "{{ lookup('ansible.builtin.env', 'PRISMA_SASE_CLIENT_SECRET') }}"
      no_log: true

    - name: Fail on purpose
      ansible.builtin.fail:
        msg: expected failure
      ignore_errors: true
"""


def test_run_playbook_parses_results(tmp_path: Path) -> None:
    run = run_playbook(PLAYBOOK, tmp_path, CONNECTION)

    assert run.rc == 0, run.output()
    facts = run.task("Read connection variables")["ansible_facts"]
    assert facts["api_url"] == "http://127.0.0.1:9"
    assert facts["cache_home"] == str(tmp_path / "cache")
    assert run.task("Run a module on localhost")["stdout"].endswith(".venv")
    assert run.task("Fail on purpose")["msg"] == "expected failure"
    assert [record["status"] for record in run.results] == ["ok", "ok", "ok", "ignored"]


def test_run_playbook_censors_no_log(tmp_path: Path) -> None:
    run = run_playbook(PLAYBOOK, tmp_path, CONNECTION)

    assert run.rc == 0, run.output()
    assert "PLACEHOLDER-SECRET-K05" not in run.stdout
    assert "PLACEHOLDER-SECRET-K05" not in (tmp_path / "results.json").read_text()


def test_run_playbook_drops_inherited_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PRISMA_SASE_TSG_ID", "1999999999")
    monkeypatch.setenv("HTTPS_PROXY", "http://127.0.0.1:9")
    playbook = """
- name: Environment check
  hosts: localhost
  gather_facts: false
  tasks:
    - name: Read inherited variables
      ansible.builtin.set_fact:
        tsg_id: "{{ lookup('ansible.builtin.env', 'PRISMA_SASE_TSG_ID') }}"
        proxy: "{{ lookup('ansible.builtin.env', 'HTTPS_PROXY') }}"
"""

    run = run_playbook(playbook, tmp_path, CONNECTION)

    assert run.rc == 0, run.output()
    assert run.task("Read inherited variables")["ansible_facts"] == {"tsg_id": "", "proxy": ""}


def test_run_playbook_failure_rc(tmp_path: Path) -> None:
    playbook = """
- name: Failing play
  hosts: localhost
  gather_facts: false
  tasks:
    - name: Fail
      ansible.builtin.fail:
        msg: stop here
"""

    run = run_playbook(playbook, tmp_path, CONNECTION)

    assert run.rc == 2
    assert run.results[0]["status"] == "failed"
    assert run.task("Fail")["msg"] == "stop here"


def test_ready_file_port() -> None:
    assert _port_from_ready_file("43113\n") == 43113


def test_ready_file_without_port() -> None:
    with pytest.raises(SimulatorError, match="no port"):
        _port_from_ready_file("")
