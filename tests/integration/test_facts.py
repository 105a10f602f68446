# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""monitor_facts in real ansible-playbook runs against the simulator."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import re
import stat

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._catalog import OPERATIONS
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._dataset import (
    default_operation_names,
)
from ansible_collections.prisma_sase.mt_monitor.tests.integration._simulator import (
    DEMO_CLIENT_SECRET,
    DEMO_ROOT_TSG_ID,
)
from ansible_collections.prisma_sase.mt_monitor.tests.integration._tenant_runs import (
    _control,
    add_fault,
    reset,
    run_ansible_doc,
    stats,
    task_status,
    write_inventory_config,
)

GATHER = """
- name: Gather
  hosts: localhost
  gather_facts: false
  tasks:
    - name: Gather facts
      prisma_sase.mt_monitor.monitor_facts:
%s
"""


def gather_playbook(**options) -> str:
    lines = ["        %s: %s" % (name, json.dumps(value)) for name, value in options.items()]
    return GATHER % ("\n".join(lines) or "        {}")


def dataset_of(run) -> dict:
    assert run.rc == 0, run.output()
    return run.task("Gather facts")["ansible_facts"]["mt_monitor"]


def test_default_set(simulator, playbook_runner) -> None:
    run = playbook_runner(gather_playbook())
    dataset = dataset_of(run)

    assert run.task("Gather facts")["changed"] is False
    assert set(run.task("Gather facts")) >= {"ansible_facts"}
    assert list(dataset["datasets"]) == default_operation_names()
    assert dataset["schema_version"] == 1
    assert dataset["root_tsg_id"] == DEMO_ROOT_TSG_ID
    assert len(dataset["tenants"]) == simulator.tenants + 1
    assert dataset["errors"] == []
    assert dataset["regions"]
    assert set(dataset["time_window"]) == {"from", "to"}
    assert set(dataset["versions"]) == {"collection", "ansible_core", "python"}
    for name, entry in dataset["datasets"].items():
        assert set(entry) >= {"rows", "request", "regions", "partial"}, name
        assert entry["partial"] is False, name
    rows = dataset["datasets"]["threats.summary"]["rows"]
    assert rows
    assert all(row["tenant"] is not None for row in rows)


def test_all_operations(simulator, playbook_runner) -> None:
    run = playbook_runner(gather_playbook(operations=["all"], time_range={"last": 1, "unit": "days"}))
    dataset = dataset_of(run)

    assert list(dataset["datasets"]) == list(OPERATIONS)
    assert dataset["errors"] == [], dataset["errors"]
    window = dataset["time_window"]
    assert window["from"] < window["to"]


def test_dest_written_and_idempotent(tmp_path, simulator, playbook_runner) -> None:
    dest = tmp_path / "dataset.json"
    options = {"operations": ["threats.summary", "license.quota"], "dest": str(dest)}

    first = playbook_runner(gather_playbook(**options))
    dataset = dataset_of(first)
    assert first.task("Gather facts")["changed"] is True
    assert json.loads(dest.read_text(encoding="utf-8")) == dataset
    assert stat.S_IMODE(os.stat(dest).st_mode) == 0o600

    second = playbook_runner(gather_playbook(**options))
    assert second.rc == 0, second.output()
    assert second.task("Gather facts")["changed"] is False
    assert json.loads(dest.read_text(encoding="utf-8"))["collected_at"] == dataset["collected_at"]

    group_readable = playbook_runner(gather_playbook(mode="0640", **options))
    assert group_readable.task("Gather facts")["changed"] is True
    assert stat.S_IMODE(os.stat(dest).st_mode) == 0o640


def test_return_facts_false_writes_dest_only(tmp_path, simulator, playbook_runner) -> None:
    dest = tmp_path / "dataset.json"
    options = {"operations": ["threats.summary", "license.quota"], "dest": str(dest)}
    run = playbook_runner(gather_playbook(return_facts=False, **options))

    assert run.rc == 0, run.output()
    result = run.task("Gather facts")
    written = json.loads(dest.read_text(encoding="utf-8"))
    assert "ansible_facts" not in result
    assert result["dest"] == str(dest)
    assert result["summary"]["tenants"] == len(written["tenants"]) == simulator.tenants + 1
    assert result["summary"]["operations"] == 2
    assert result["summary"]["rows"] == sum(len(entry["rows"]) for entry in written["datasets"].values())
    assert result["summary"]["errors"] == 0
    assert written["datasets"]["threats.summary"]["rows"]


def test_return_facts_false_needs_dest(playbook_runner) -> None:
    run = playbook_runner(gather_playbook(return_facts=False))

    assert run.rc != 0
    assert "dest" in run.task("Gather facts")["msg"]


def test_mode_outside_choices_fails(tmp_path, playbook_runner) -> None:
    run = playbook_runner(gather_playbook(dest=str(tmp_path / "d.json"), mode="0644"))

    assert run.rc != 0
    assert "0600 or 0640" in run.task("Gather facts")["msg"]
    assert not (tmp_path / "d.json").exists()


def test_bad_dest_fails_before_api_calls(tmp_path, simulator, playbook_runner) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file\n", encoding="utf-8")
    cases = {
        str(tmp_path / "missing" / "dataset.json"): "does not exist",
        str(blocker / "dataset.json"): "is a file, not a directory",
        str(tmp_path): "is a directory",
    }
    for dest, reason in cases.items():
        reset(simulator)
        run = playbook_runner(gather_playbook(operations=["all"], dest=dest))
        counters = stats(simulator)

        assert run.rc != 0, dest
        assert task_status(run, "Gather facts") == "failed", dest
        message = run.task("Gather facts")["msg"]
        assert dest in message, message
        assert reason in message, message
        assert counters["api_calls"] == 0, counters
        assert counters["token_requests_total"] == 0, counters


def test_write_failure_omits_dataset(tmp_path, simulator, playbook_runner) -> None:
    # A file name longer than the 255 bytes of common file systems passes the early dest check
    # and fails at the rename, also for root.
    directory = tmp_path / "out"
    directory.mkdir()
    dest = directory / ("d" * 300 + ".json")
    run = playbook_runner(gather_playbook(operations=["all"], dest=str(dest)))
    result = run.task("Gather facts")

    assert run.rc != 0
    assert task_status(run, "Gather facts") == "failed"
    assert "ansible_facts" not in result, sorted(result)
    assert str(dest) in result["msg"]
    assert "cannot write the dataset" in result["msg"]
    assert result["dest"] == str(dest)
    assert result["summary"]["tenants"] == simulator.tenants + 1
    assert result["summary"]["operations"] == len(OPERATIONS)
    assert result["summary"]["rows"] > 0
    assert len(json.dumps(result)) < 4000, len(json.dumps(result))
    assert len(run.stdout) < 20000, len(run.stdout)
    assert list(directory.iterdir()) == []


def test_check_mode_writes_nothing(tmp_path, playbook_runner) -> None:
    dest = tmp_path / "dataset.json"
    run = playbook_runner(
        gather_playbook(operations=["license.quota"], dest=str(dest)), args=["--check"]
    )
    dataset = dataset_of(run)

    assert run.task("Gather facts")["changed"] is True
    assert dataset["datasets"]["license.quota"]["rows"]
    assert not dest.exists()


def test_partial_failure_recorded(simulator, playbook_runner) -> None:
    reset(simulator)
    add_fault(simulator, kind="status", operation="alerts.list", status=403)
    try:
        run = playbook_runner(gather_playbook(operations=["alerts.list", "license.quota"]))
    finally:
        reset(simulator)
    dataset = dataset_of(run)

    assert task_status(run, "Gather facts") == "ok"
    warnings = run.task("Gather facts").get("warnings", [])
    assert len(warnings) == 1, warnings
    assert "%d requests failed" % len(dataset["errors"]) in warnings[0]
    assert "Operations: alerts.list." in warnings[0]
    assert "TSG ids: %s." % DEMO_ROOT_TSG_ID in warnings[0]
    assert dataset["datasets"]["alerts.list"]["partial"] is True
    assert dataset["datasets"]["license.quota"]["partial"] is False
    assert dataset["errors"]
    assert {error["kind"] for error in dataset["errors"]} == {"permission"}
    assert {error["operation"] for error in dataset["errors"]} == {"alerts.list"}
    assert all(error["status"] == 403 for error in dataset["errors"])


def test_region_down_warns_once(simulator, playbook_runner) -> None:
    reset(simulator)
    run = playbook_runner(gather_playbook(operations=["license.quota"]))
    down_region = dataset_of(run)["regions"][-1]
    reset(simulator)
    add_fault(simulator, kind="status", region=down_region, status=503)
    try:
        run = playbook_runner(
            gather_playbook(operations=["alerts.list", "threats.summary"], max_retries=0)
        )
        issued_tokens = _control(simulator, "GET", "/_sim/tokens")["tokens"]
    finally:
        reset(simulator)
    dataset = dataset_of(run)
    warnings = run.task("Gather facts").get("warnings", [])
    shown = re.sub(r"\s+", " ", run.stdout + run.stderr)

    assert task_status(run, "Gather facts") == "ok"
    assert len(warnings) == 1, warnings
    warning = warnings[0]
    assert warning.startswith("%d requests failed" % len(dataset["errors"])), warning
    assert "Operations: alerts.list, threats.summary." in warning
    assert "Regions: %s." % down_region in warning
    assert DEMO_ROOT_TSG_ID in warning
    assert "[WARNING]" in run.stdout + run.stderr
    assert shown.count("requests failed, so the dataset is partial") == 1, shown
    assert DEMO_CLIENT_SECRET not in shown
    assert issued_tokens
    for token in issued_tokens:
        assert str(token) not in shown


def test_hierarchy_failure_fails_task(simulator, playbook_runner) -> None:
    reset(simulator)
    add_fault(simulator, kind="status", operation="tenant.hierarchy", status=500)
    try:
        run = playbook_runner(gather_playbook(max_retries=0))
    finally:
        reset(simulator)

    assert run.rc != 0
    assert task_status(run, "Gather facts") == "failed"
    message = run.task("Gather facts")["msg"]
    assert "tenant.hierarchy" in message
    assert "500" in message


def test_tenant_scope_per_inventory_host(tmp_path, simulator, playbook_runner) -> None:
    config = write_inventory_config(tmp_path, "plugin: prisma_sase.mt_monitor.tenants\n")
    playbook = """
- name: Per tenant
  hosts: all:!localhost
  gather_facts: false
  tasks:
    - name: Gather facts
      prisma_sase.mt_monitor.monitor_facts:
        operations: [threats.summary]
"""
    reset(simulator)
    run = playbook_runner(playbook, args=["-i", str(config)])

    assert run.rc == 0, run.output()
    records = [record for record in run.results if record["task"] == "Gather facts"]
    assert len(records) == simulator.tenants + 1
    scopes = []
    for record in records:
        dataset = record["result"]["ansible_facts"]["mt_monitor"]
        scope = dataset["root_tsg_id"]
        scopes.append(scope)
        tenant_ids = {tenant["tsg_id"] for tenant in dataset["tenants"]}
        assert dataset["tenants"][0]["tsg_id"] == scope
        rows = dataset["datasets"]["threats.summary"]["rows"]
        assert {row["tenant"]["tsg_id"] for row in rows} <= tenant_ids

    counters = stats(simulator)
    assert sorted(counters["token_requests"]) == sorted(scopes)
    assert set(counters["token_requests"].values()) == {1}, counters["token_requests"]


def test_module_docs_render(tmp_path) -> None:
    run = run_ansible_doc(tmp_path, "module", "prisma_sase.mt_monitor.monitor_facts")

    assert run.rc == 0, run.output()
    assert "[WARNING]" not in run.stderr, run.output()
    options = run.results[0]["doc"]["options"]
    assert {"operations", "time_range", "tenant_tsg_id", "dest", "mode", "tsg_id"} <= set(options)
    assert "mt_monitor" in run.results[0]["return"]["ansible_facts"]["contains"]
