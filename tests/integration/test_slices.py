# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Sliced runs: tenant hosts split between three jobs give the report of one unsliced job."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import json
from pathlib import Path
from typing import Any, Dict, List

from ansible_collections.prisma_sase.mt_monitor.tests.integration._main_job import (
    read_json_report,
)
from ansible_collections.prisma_sase.mt_monitor.tests.integration._simulator import REPO_ROOT
from ansible_collections.prisma_sase.mt_monitor.tests.integration._tenant_runs import (
    run_inventory,
    write_inventory_config,
)

SLICE_PLAYBOOK = REPO_ROOT / "playbooks" / "compliance_slice.yml"
MERGE_PLAYBOOK = REPO_ROOT / "playbooks" / "compliance_merge.yml"
INVENTORY = "plugin: prisma_sase.mt_monitor.tenants\n"
# One operation per family that the default policy reads keeps the eight playbook runs fast.
OPERATIONS = ["license.utilization", "threats.summary", "connectivity.cdl_status"]


def tenant_hosts(tmp_path: Path, simulator) -> List[str]:
    config = write_inventory_config(tmp_path / "hosts", INVENTORY)
    run = run_inventory(tmp_path / "hosts", config, simulator.connection_environment())
    assert run.rc == 0, run.output()
    hostvars = json.loads(run.stdout)["_meta"]["hostvars"]
    return sorted(hostvars)


def gather(playbook_runner, tmp_path: Path, parts: Path, limit: str) -> None:
    """Run the slice playbook on the tenant hosts in ``limit`` (the runner adds localhost)."""
    config = write_inventory_config(tmp_path / "inventory", INVENTORY)
    variables = {"compliance_report_parts_dir": str(parts),
                 "compliance_report_operations": OPERATIONS}
    args = ["-i", str(config), "-e", json.dumps(variables), "--limit", limit]
    run = playbook_runner(SLICE_PLAYBOOK, args=args)
    assert run.rc == 0, run.output()


def merge(playbook_runner, parts: Path, reports: Path, **extra: str) -> Any:
    variables = {"compliance_report_parts_dir": str(parts),
                 "compliance_report_output_dir": str(reports),
                 "compliance_report_formats": ["json", "junit"]}
    variables.update(extra)
    run = playbook_runner(MERGE_PLAYBOOK, args=["-e", json.dumps(variables)],
                          extra_env={"ANSIBLE_SHOW_CUSTOM_STATS": "1"})
    assert run.rc == 0, run.output()
    return run


def without_run_metadata(report: Dict[str, Any]) -> Dict[str, Any]:
    """Drop the fields that name when and in which parts a run happened."""
    document = copy.deepcopy(report)
    results = document["results"]
    results.pop("generated_at")
    results.pop("run")
    dataset = document["dataset"]
    for key in ("collected_at", "time_window"):
        dataset.pop(key)
    for entry in dataset["datasets"].values():
        entry.pop("request")
    document.pop("delta")
    for key in ("collected_at", "generated_at", "time_window"):
        document["report"].pop(key)
    return document


def test_three_slices_equal_unsliced_run(tmp_path, playbook_runner, simulator) -> None:
    hosts = tenant_hosts(tmp_path, simulator)
    assert len(hosts) >= 6

    gather(playbook_runner, tmp_path, tmp_path / "parts-unsliced", "all:!localhost")
    merge(playbook_runner, tmp_path / "parts-unsliced", tmp_path / "reports-unsliced")

    sliced_parts = tmp_path / "parts-sliced"
    for start in range(3):
        gather(playbook_runner, tmp_path, sliced_parts, ",".join(hosts[start::3]))
    assert len(list(sliced_parts.glob("results-*.json"))) == len(hosts)
    run = merge(playbook_runner, sliced_parts, tmp_path / "reports-sliced",
                compliance_report_publish_dir=str(tmp_path / "published"))

    unsliced = read_json_report(tmp_path / "reports-unsliced")
    sliced = read_json_report(tmp_path / "reports-sliced")
    assert len(sliced["results"]["tenants"]) == len(hosts)
    assert len(sliced["results"]["run"]["parts"]) == len(hosts)
    assert sliced["results"]["run"]["root_tsg_id"] == simulator.connection_environment()[
        "PRISMA_SASE_TSG_ID"]
    assert without_run_metadata(sliced) == without_run_metadata(unsliced)

    stats = run.task("Publish the report results as job statistics")
    published = stats["ansible_stats"]["data"]["mt_monitor_report"]
    assert published["totals"] == sliced["results"]["totals"]
    assert published["score"] == run.task("Write the merged reports")["score"]
    assert "CUSTOM STATS" in run.stdout

    published_names = sorted(path.name for path in (tmp_path / "published").iterdir())
    assert published_names == ["compliance-latest.json", "compliance-latest.xml",
                               "compliance-manifest-latest.json"]
    assert (tmp_path / "published" / "compliance-latest.json").read_bytes() == (
        tmp_path / "reports-sliced" / "compliance-latest.json").read_bytes()


def test_merge_rejects_parts_without_scope(tmp_path, playbook_runner) -> None:
    parts = tmp_path / "parts"
    parts.mkdir()
    (parts / "results-1000000002.json").write_text(json.dumps({"tenants": []}), encoding="utf-8")
    (parts / "dataset-1000000002.json").write_text(json.dumps({"tenants": []}), encoding="utf-8")
    run = playbook_runner(MERGE_PLAYBOOK, args=[
        "-e", "compliance_report_parts_dir=%s" % parts,
        "-e", "compliance_report_output_dir=%s" % (tmp_path / "reports"),
    ])
    assert run.rc != 0
    failed = run.task("Write the merged reports")
    assert "results part 1 has no root_tsg_id" in failed["msg"]
