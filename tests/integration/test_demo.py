# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Checks of the `make demo` driver with stand-in example playbooks."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from pathlib import Path

import pytest

from ansible_collections.prisma_sase.mt_monitor.tests.integration import _demo
from ansible_collections.prisma_sase.mt_monitor.tests.integration._sample_playbooks import (
    TOKEN_PLAYBOOK,
)

FAILING_PLAYBOOK = """
- name: Fail
  hosts: localhost
  gather_facts: false
  tasks:
    - name: Fail on purpose
      ansible.builtin.fail:
        msg: demo failure
"""


def write_playbook(directory: Path, text: str) -> Path:
    path = directory / "tenants.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_demo_runs_example(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    monkeypatch.setattr(_demo, "DEMO_PLAYBOOKS", [write_playbook(tmp_path, TOKEN_PLAYBOOK)])

    assert _demo.main() == 0
    output = capsys.readouterr().out
    assert "client id demo-client-id" in output
    assert "ok=1" in output


def test_demo_reports_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    monkeypatch.setattr(_demo, "DEMO_PLAYBOOKS", [write_playbook(tmp_path, FAILING_PLAYBOOK)])

    assert _demo.main() == 2
    assert "failed with exit code 2" in capsys.readouterr().err


def test_demo_without_examples(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    monkeypatch.setattr(_demo, "DEMO_PLAYBOOKS", [tmp_path / "missing.yml"])

    assert _demo.main() == 0
    assert "no example playbook yet" in capsys.readouterr().out
