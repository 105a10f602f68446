# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The license report playbook against the session simulator."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
from pathlib import Path

from openpyxl import load_workbook

from ansible_collections.prisma_sase.mt_monitor.tests.integration._simulator import REPO_ROOT

LICENSE_PLAYBOOK = REPO_ROOT / "playbooks" / "license_report.yml"
LICENSE_OPERATIONS = ("license.quota", "license.utilization", "license.setup_status",
                      "connectivity.license_allocated")


def test_license_report_writes_workbook_and_html(playbook_runner, tmp_path: Path) -> None:
    reports = tmp_path / "license"
    run = playbook_runner(LICENSE_PLAYBOOK,
                          args=["-e", "license_report_output_dir=%s" % reports])
    assert run.rc == 0, run.output()

    assert (reports / "license-latest.xlsx").is_file()
    assert (reports / "license-latest.html").is_file()
    assert (reports / "license-latest.json").is_file()

    results = json.loads((reports / "results.json").read_text(encoding="utf-8"))
    control_ids = {control["id"] for control in results["controls"]}
    assert control_ids
    assert all(control_id.startswith("LIC-") for control_id in control_ids)

    dataset = json.loads((reports / "dataset.json").read_text(encoding="utf-8"))
    assert sorted(dataset["datasets"]) == sorted(LICENSE_OPERATIONS)

    workbook = load_workbook(reports / "license-latest.xlsx", read_only=True)
    try:
        sheet_names = " ".join(workbook.sheetnames)
    finally:
        workbook.close()
    for operation in LICENSE_OPERATIONS:
        assert operation[:31] in sheet_names, operation


def test_license_report_second_run_has_delta(playbook_runner, tmp_path: Path) -> None:
    reports = tmp_path / "license"
    output_dir = "license_report_output_dir=%s" % reports
    # A lower LIC-001 threshold in the first run gives the second run results to compare with.
    overrides = json.dumps({"license_report_overrides": {"LIC-001": {"threshold": 1}}})
    first = playbook_runner(LICENSE_PLAYBOOK, args=["-e", output_dir, "-e", overrides])
    assert first.rc == 0, first.output()
    assert first.task("Write the license reports")["delta"]["first_run"] is True

    second = playbook_runner(LICENSE_PLAYBOOK, args=["-e", output_dir])
    assert second.rc == 0, second.output()

    delta = second.task("Write the license reports")["delta"]
    assert delta["first_run"] is False
    assert delta["previous_generated_at"]
    html = (reports / "license-latest.html").read_text(encoding="utf-8")
    assert "No previous run to compare with" not in html
    document = json.loads((reports / "license-latest.json").read_text(encoding="utf-8"))
    assert document["delta"]["first_run"] is False
