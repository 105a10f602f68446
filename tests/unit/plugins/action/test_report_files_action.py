# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The report action when the disk fills up while it writes its formats.

A full disk cannot be made on demand, so the JUnit or Excel writer is replaced by one that
writes part of its file and then raises ENOSPC, as a write to a full file system does.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import errno
import json
import os
from pathlib import Path
from typing import Any, BinaryIO, Dict

import pytest
from ansible.errors import AnsibleActionFail

from ansible_collections.prisma_sase.mt_monitor.plugins.action.report import (
    ActionModule as Report,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils import (
    _render_junit,
    _render_xlsx,
)
from ansible_collections.prisma_sase.mt_monitor.tests.fixtures.report_data import (
    make_dataset,
    make_results,
)
from ansible_collections.prisma_sase.mt_monitor.tests.unit.plugins.action.conftest import (
    run_action,
)


def write_inputs(directory: Path, seed: int) -> Dict[str, str]:
    results = directory / ("results-%d.json" % seed)
    dataset = directory / ("dataset-%d.json" % seed)
    results.write_text(json.dumps(make_results(6, seed)), encoding="utf-8")
    dataset.write_text(json.dumps(make_dataset(6, seed)), encoding="utf-8")
    return {"results": str(results), "dataset": str(dataset)}


def disk_full(*args: Any) -> None:
    """Write part of a file, then raise ENOSPC. The output stream is the writer's last argument."""
    stream: BinaryIO = args[-1]
    stream.write(b"partial content")
    raise OSError(errno.ENOSPC, "No space left on device")


def contents(directory: Path) -> Dict[str, bytes]:
    return {name: (directory / name).read_bytes() for name in sorted(os.listdir(directory))}


@pytest.fixture(name="reports")
def fixture_reports(tmp_path: Path) -> Path:
    """Return a report directory that contains one good run of seed 1."""
    reports = tmp_path / "reports"
    reports.mkdir()
    outcome = run_action(Report, dict(write_inputs(tmp_path, 1), dest=str(reports)))
    assert outcome["changed"] is True
    return reports


def test_disk_full_mid_run(reports: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = contents(reports)
    monkeypatch.setattr(_render_junit, "write_junit", disk_full)

    with pytest.raises(AnsibleActionFail) as caught:
        run_action(Report, dict(write_inputs(tmp_path, 2), dest=str(reports)))
    message = str(caught.value)
    after = contents(reports)

    assert "no space left" in message
    assert str(reports / "compliance-latest.xml") in message
    assert "free space" in message
    assert [name for name in after if name.endswith(".tmp")] == []
    # JUnit fails before JSON and the manifest are written, so those keep the good run and the
    # next run's delta compares with it. Excel and HTML were written whole before the failure.
    for name in ("compliance-latest.xml", "compliance-latest.json", "compliance-manifest-latest.json"):
        assert after[name] == before[name], name
    for name in ("compliance-latest.xlsx", "compliance-latest.html"):
        assert after[name] != before[name], name
        assert after[name] in [content for file_name, content in after.items() if file_name != name]


def test_disk_full_first_format(reports: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = contents(reports)
    monkeypatch.setattr(_render_xlsx, "build_workbook", disk_full)

    with pytest.raises(AnsibleActionFail) as caught:
        run_action(Report, dict(write_inputs(tmp_path, 2), dest=str(reports)))

    assert "no space left" in str(caught.value)
    assert str(reports / "compliance-latest.xlsx") in str(caught.value)
    assert contents(reports) == before
