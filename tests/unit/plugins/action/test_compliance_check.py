# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import stat
from pathlib import Path

import pytest
from ansible.errors import AnsibleActionFail

from ansible_collections.prisma_sase.mt_monitor.plugins.action.compliance_check import (
    ActionModule,
)
from ansible_collections.prisma_sase.mt_monitor.tests.unit.plugins.action.conftest import (
    run_action,
)
from ansible_collections.prisma_sase.mt_monitor.tests.unit.plugins.module_utils.dataset_factory import (
    COLLECTED_AT,
)


def test_writes_results_file(dataset_file: Path, tmp_path: Path) -> None:
    dest = tmp_path / "results.json"
    result = run_action(ActionModule, {"dataset": str(dataset_file), "dest": str(dest)})

    assert result["changed"] is True
    assert result["written"] is True
    document = json.loads(dest.read_text(encoding="utf-8"))
    assert document["generated_at"] == COLLECTED_AT
    assert result["generated_at"] == COLLECTED_AT
    assert result["tenants"] == 12
    assert result["results"] == 12 * result["controls"]
    assert sum(result["totals"].values()) == result["results"]
    assert set(result["scores"]) == {t["tsg_id"] for t in document["tenants"]}
    assert stat.S_IMODE(os.stat(dest).st_mode) == 0o600
    assert "results_document" not in result


def test_same_dataset_unchanged(dataset_file: Path, tmp_path: Path) -> None:
    dest = tmp_path / "results.json"
    run_action(ActionModule, {"dataset": str(dataset_file), "dest": str(dest)})
    before = dest.stat().st_mtime_ns

    again = run_action(ActionModule, {"dataset": str(dataset_file), "dest": str(dest)})

    assert again["changed"] is False
    assert again["written"] is False
    assert dest.stat().st_mtime_ns == before


def test_override_changes_results(dataset_file: Path, tmp_path: Path) -> None:
    dest = tmp_path / "results.json"
    run_action(ActionModule, {"dataset": str(dataset_file), "dest": str(dest)})
    digest = json.loads(dest.read_text())["policy"]["digest"]

    result = run_action(ActionModule, {"dataset": str(dataset_file), "dest": str(dest),
                                       "overrides": {"LIC-001": {"enabled": False}}})

    assert result["changed"] is True
    document = json.loads(dest.read_text())
    assert document["policy"]["digest"] != digest
    assert "LIC-001" not in {control["id"] for control in document["controls"]}


def test_check_mode_writes_nothing(dataset_file: Path, tmp_path: Path) -> None:
    dest = tmp_path / "results.json"
    result = run_action(ActionModule, {"dataset": str(dataset_file), "dest": str(dest)},
                        check_mode=True)

    assert not dest.exists()
    assert result["changed"] is True
    assert result["msg"] == "check mode: would write %s (%d results)" % (dest, result["results"])
    assert len(result["results_document"]["results"]) == result["results"]


def test_dataset_given_inline(dataset_file: Path, tmp_path: Path) -> None:
    dataset = json.loads(dataset_file.read_text())
    result = run_action(ActionModule, {"dataset": dataset, "dest": str(tmp_path / "r.json")})

    assert result["tenants"] == len(dataset["tenants"])


def test_missing_policy_file_error(dataset_file: Path, tmp_path: Path) -> None:
    policy = tmp_path / "absent-policy.yml"
    with pytest.raises(AnsibleActionFail) as caught:
        run_action(ActionModule, {"dataset": str(dataset_file), "dest": str(tmp_path / "r.json"),
                                  "policy": str(policy)})

    message = str(caught.value)
    assert str(policy) in message
    assert "set policy to 'default'" in message
    assert not (tmp_path / "r.json").exists()


def test_invalid_waiver_file_error(dataset_file: Path, tmp_path: Path) -> None:
    waivers = tmp_path / "waivers.yml"
    waivers.write_text("- control: LIC-001\n  tenant: '*'\n", encoding="utf-8")
    with pytest.raises(AnsibleActionFail) as caught:
        run_action(ActionModule, {"dataset": str(dataset_file), "dest": str(tmp_path / "r.json"),
                                  "waivers": str(waivers)})

    message = str(caught.value)
    assert "waivers is invalid" in message
    assert "reason" in message
    assert "set waivers to a list" in message


def test_unreadable_waiver_file_error(dataset_file: Path, tmp_path: Path) -> None:
    waivers = tmp_path / "missing-waivers.yml"
    with pytest.raises(AnsibleActionFail) as caught:
        run_action(ActionModule, {"dataset": str(dataset_file), "dest": str(tmp_path / "r.json"),
                                  "waivers": str(waivers)})

    assert str(waivers) in str(caught.value)


def test_missing_dataset_names_fix(tmp_path: Path) -> None:
    with pytest.raises(AnsibleActionFail) as caught:
        run_action(ActionModule, {"dataset": str(tmp_path / "none.json"),
                                  "dest": str(tmp_path / "r.json")})

    message = str(caught.value)
    assert "was not found" in message
    assert "monitor_facts" in message


def test_waiver_marks_result_waived(dataset_file: Path, tmp_path: Path) -> None:
    dest = tmp_path / "results.json"
    waiver = {"control": "*", "tenant": "*", "reason": "Accepted for the audit",
              "expires": "2099-01-01"}
    result = run_action(ActionModule, {"dataset": str(dataset_file), "dest": str(dest),
                                       "waivers": [waiver]})

    assert result["totals"]["waived"] > 0
    assert result["totals"]["fail"] == 0
