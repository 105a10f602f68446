# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The main job (playbooks/compliance_report.yml) against a 40-tenant simulator."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from pathlib import Path
from typing import Iterator

import pytest

from ansible_collections.prisma_sase.mt_monitor.tests.integration._main_job import (
    MAIN_PLAYBOOK,
    REPORT_SUFFIXES,
    html_cards,
    junit_counts,
    output_args,
    read_json_report,
    status_counts,
    workbook_rows,
)
from ansible_collections.prisma_sase.mt_monitor.tests.integration._simulator import Simulator

DEMO_TENANTS = 40
DEMO_SEED = 1
MAIN_TASKS = (
    "Create the report directory",
    "Gather the monitoring dataset",
    "Evaluate the compliance policy",
    "Write the reports",
)


@pytest.fixture(scope="module")
def demo_simulator() -> Iterator[Simulator]:
    running = Simulator(tenants=DEMO_TENANTS, seed=DEMO_SEED).start()
    try:
        yield running
    finally:
        running.stop()


def test_main_job_formats_agree(playbook_runner, demo_simulator: Simulator,
                                tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    run = playbook_runner(MAIN_PLAYBOOK, target=demo_simulator, args=output_args(reports))
    assert run.rc == 0, run.output()

    document = read_json_report(reports)
    results = document["results"]
    dataset = document["dataset"]
    counts = status_counts(results)
    tenant_count = len(results["tenants"])
    control_count = len(results["controls"])

    # The simulator serves the root tenant and DEMO_TENANTS tenants below it.
    assert tenant_count == DEMO_TENANTS + 1
    assert {t["tsg_id"] for t in results["tenants"]} == {t["tsg_id"] for t in dataset["tenants"]}
    assert len(results["results"]) == tenant_count * control_count
    assert document["report"]["counts"]["results"] == tenant_count * control_count
    assert dict(counts) == {key: value for key, value in results["totals"].items() if value}

    # The default policy gives a mix of statuses on the simulator's data.
    assert counts["pass"] > 0
    assert counts["fail"] > 0
    assert counts["warn"] > 0
    assert counts["error"] < len(results["results"]) / 4

    cards = html_cards(reports)
    assert cards["tenants"] == str(tenant_count)
    assert cards["controls"] == str(control_count)
    for status in ("pass", "fail", "warn", "error", "skip", "waived"):
        assert cards[status] == str(counts[status]), status

    junit = junit_counts(reports)
    assert junit["tests"] == tenant_count * control_count
    assert junit["failures"] == counts["fail"]
    assert junit["errors"] == counts["error"]

    result_rows = workbook_rows(reports, "Results")
    assert len(result_rows) - 1 == tenant_count * control_count
    header = result_rows[0]
    status_column = header.index("Status") if "Status" in header else header.index("status")
    assert sorted(str(row[status_column]).lower() for row in result_rows[1:]) == sorted(
        item["status"] for item in results["results"])
    tenant_rows = workbook_rows(reports, "Tenants")
    assert len(tenant_rows) - 1 == tenant_count

    written = run.task("Write the reports")
    assert sorted(written["files"]) == ["html", "json", "junit", "xlsx"]
    for entry in written["files"].values():
        assert Path(entry["latest_path"]).is_file()


def test_main_job_second_run_unchanged(playbook_runner, demo_simulator: Simulator,
                                       tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    first = playbook_runner(MAIN_PLAYBOOK, target=demo_simulator, args=output_args(reports))
    assert first.rc == 0, first.output()
    before = sorted(path.name for path in reports.iterdir())

    second = playbook_runner(MAIN_PLAYBOOK, target=demo_simulator, args=output_args(reports))
    assert second.rc == 0, second.output()
    for name in MAIN_TASKS:
        assert second.task(name)["changed"] is False, name
    written = second.task("Write the reports")
    for fmt, entry in written["files"].items():
        assert entry["written"] is False, fmt
    assert sorted(path.name for path in reports.iterdir()) == before


def test_main_job_check_mode_writes_nothing(playbook_runner, demo_simulator: Simulator,
                                            tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    run = playbook_runner(MAIN_PLAYBOOK, target=demo_simulator,
                          args=output_args(reports, "--check"))
    assert run.rc == 0, run.output()
    assert not reports.exists()

    gathered = run.task("Gather the monitoring dataset")
    assert len(gathered["ansible_facts"]["mt_monitor"]["tenants"]) == DEMO_TENANTS + 1
    evaluated = run.task("Evaluate the compliance policy")
    assert evaluated["msg"].startswith("check mode: would write ")
    assert evaluated["written"] is False
    written = run.task("Write the reports")
    planned = written["would_write"]
    assert len(planned) == len(REPORT_SUFFIXES) + 1
    for path in planned:
        assert path.startswith(str(reports)), path
    for suffix in REPORT_SUFFIXES:
        assert any(path.endswith("." + suffix) for path in planned), suffix
    assert "would write 5 files" in written["msg"]


def test_main_job_fail_on_fail(playbook_runner, demo_simulator: Simulator,
                               tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    run = playbook_runner(MAIN_PLAYBOOK, target=demo_simulator,
                          args=output_args(reports, "-e", "compliance_report_fail_on=fail"))
    assert run.rc != 0, run.output()

    records = [record for record in run.results if record["task"] == "Write the reports"]
    assert [record["status"] for record in records] == ["failed"]
    written = run.task("Write the reports")
    assert written["msg"].startswith("fail_on=fail: ")
    for suffix in REPORT_SUFFIXES:
        assert (reports / ("compliance-latest." + suffix)).is_file(), suffix


def test_main_job_fail_on_none_passes(playbook_runner, demo_simulator: Simulator,
                                      tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    run = playbook_runner(MAIN_PLAYBOOK, target=demo_simulator,
                          args=output_args(reports, "-e", "compliance_report_fail_on=none"))
    assert run.rc == 0, run.output()
    assert run.task("Write the reports")["totals"]["fail"] > 0


def test_main_job_operation_forbidden(playbook_runner, simulator_factory,
                                      tmp_path: Path) -> None:
    faulty = simulator_factory(
        tenants=DEMO_TENANTS, seed=DEMO_SEED,
        extra_args=["--fault", "status,operation=threats.summary,status=403"])
    reports = tmp_path / "reports"
    run = playbook_runner(MAIN_PLAYBOOK, target=faulty, args=output_args(reports))
    assert run.rc == 0, run.output()

    results = read_json_report(reports)["results"]
    threat_statuses = {item["status"] for item in results["results"]
                       if item["control"] == "THR-001"}
    assert threat_statuses == {"error"}
    other_statuses = {item["status"] for item in results["results"]
                      if item["control"] != "THR-001"}
    assert "pass" in other_statuses

    error_rows = workbook_rows(reports, "Errors")
    assert len(error_rows) > 1
    assert any("threats.summary" in " ".join(str(cell) for cell in row) for row in error_rows[1:])
    assert any("403" in " ".join(str(cell) for cell in row) for row in error_rows[1:])
    for suffix in REPORT_SUFFIXES:
        assert (reports / ("compliance-latest." + suffix)).is_file(), suffix
