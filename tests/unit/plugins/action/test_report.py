# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import resource
from pathlib import Path
from typing import Dict, Tuple

import pytest
from ansible.errors import AnsibleActionFail

from ansible_collections.prisma_sase.mt_monitor.plugins.action.compliance_check import (
    ActionModule as ComplianceCheck,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.action.report import (
    ActionModule as Report,
)
from ansible_collections.prisma_sase.mt_monitor.tests.unit.plugins.action.conftest import (
    run_action,
)
from ansible_collections.prisma_sase.mt_monitor.tests.unit.plugins.module_utils.dataset_factory import (
    make_dataset,
)

FORMAT_FILES = {"xlsx": "compliance-latest.xlsx", "html": "compliance-latest.html",
                "junit": "compliance-latest.xml", "json": "compliance-latest.json"}


def _evaluate(tmp_path: Path, dataset_file: Path) -> Tuple[Path, Path]:
    results = tmp_path / "results.json"
    run_action(ComplianceCheck, {"dataset": str(dataset_file), "dest": str(results)})
    reports = tmp_path / "reports"
    reports.mkdir()
    return results, reports


def _args(results: Path, dataset: Path, reports: Path, **extra: object) -> Dict[str, object]:
    args: Dict[str, object] = {"results": str(results), "dataset": str(dataset),
                               "dest": str(reports)}
    args.update(extra)
    return args


def test_writes_every_format(dataset_file: Path, tmp_path: Path) -> None:
    results, reports = _evaluate(tmp_path, dataset_file)
    outcome = run_action(Report, _args(results, dataset_file, reports))

    assert outcome["changed"] is True
    assert sorted(outcome["files"]) == sorted(FORMAT_FILES)
    for name, file_name in FORMAT_FILES.items():
        assert outcome["files"][name]["latest_path"] == str(reports / file_name)
        assert (reports / file_name).is_file()
    manifest = json.loads((reports / "compliance-manifest-latest.json").read_text())
    assert manifest["files"]["json"]["sha256"] == outcome["files"]["json"]["sha256"]
    assert outcome["delta"]["first_run"] is True


def test_repeated_run_unchanged(dataset_file: Path, tmp_path: Path) -> None:
    results, reports = _evaluate(tmp_path, dataset_file)
    run_action(Report, _args(results, dataset_file, reports))
    names = sorted(os.listdir(reports))

    again = run_action(Report, _args(results, dataset_file, reports))

    assert again["changed"] is False
    assert sorted(os.listdir(reports)) == names


def test_delta_shared_by_formats(dataset_file: Path, tmp_path: Path) -> None:
    results, reports = _evaluate(tmp_path, dataset_file)
    run_action(Report, _args(results, dataset_file, reports))

    # A stricter policy turns passing results into failing ones in the next run.
    changed_results = tmp_path / "results-strict.json"
    run_action(ComplianceCheck, {"dataset": str(dataset_file), "dest": str(changed_results),
                                 "overrides": {"LIC-001": {"threshold": 0}}})
    outcome = run_action(Report, _args(changed_results, dataset_file, reports))

    newly_failing = outcome["delta"]["counts"]["newly_failing"]
    assert outcome["delta"]["first_run"] is False
    assert newly_failing > 0
    document = json.loads((reports / "compliance-latest.json").read_text())
    assert document["delta"]["counts"]["newly_failing"] == newly_failing
    html = (reports / "compliance-latest.html").read_text()
    assert ('<span class="value">%d</span><span class="label">newly failing' % newly_failing) in html
    junit = (reports / "compliance-latest.xml").read_text()
    assert 'name="delta.counts.newly_failing" value="%d"' % newly_failing in junit


def test_check_mode_lists_files(dataset_file: Path, tmp_path: Path) -> None:
    results, reports = _evaluate(tmp_path, dataset_file)
    outcome = run_action(Report, _args(results, dataset_file, reports), check_mode=True)

    assert os.listdir(reports) == []
    assert len(outcome["would_write"]) == 5
    assert outcome["msg"] == "check mode: would write 5 files in %s" % reports


def test_unwritable_directory_fails_first(dataset_file: Path, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    results, reports = _evaluate(tmp_path, dataset_file)
    # Tests may run as root, which passes every permission check, so os.access reports the
    # directory as read-only instead of a chmod.
    real_access = os.access

    def access(path: object, mode: int) -> bool:
        if str(path) == str(reports):
            return False
        return real_access(path, mode)

    monkeypatch.setattr(os, "access", access)
    with pytest.raises(AnsibleActionFail) as caught:
        run_action(Report, _args(results, dataset_file, reports))

    assert "is not writable" in str(caught.value)
    assert str(reports) in str(caught.value)
    assert os.listdir(reports) == []


def test_directory_is_a_file(dataset_file: Path, tmp_path: Path) -> None:
    results, _reports = _evaluate(tmp_path, dataset_file)
    target = tmp_path / "a-file"
    target.write_text("x")
    with pytest.raises(AnsibleActionFail) as caught:
        run_action(Report, _args(results, dataset_file, target))

    assert "is not a directory" in str(caught.value)


def test_missing_directory_fails(dataset_file: Path, tmp_path: Path) -> None:
    results, _reports = _evaluate(tmp_path, dataset_file)
    missing = tmp_path / "missing"
    with pytest.raises(AnsibleActionFail) as caught:
        run_action(Report, _args(results, dataset_file, missing))

    assert "does not exist" in str(caught.value)
    assert not missing.exists()


@pytest.mark.parametrize("fail_on, fails", [("none", False), ("fail", True), ("error", True)])
def test_fail_on_after_writing(dataset_file: Path, tmp_path: Path, fail_on: str,
                               fails: bool) -> None:
    results, reports = _evaluate(tmp_path, dataset_file)
    outcome = run_action(Report, _args(results, dataset_file, reports, fail_on=fail_on))

    assert outcome.get("failed", False) is fails
    assert (reports / "compliance-latest.json").is_file()
    if fails:
        assert outcome["msg"].startswith("fail_on=%s: " % fail_on)


def test_fail_on_error_only_errors(tmp_path: Path) -> None:
    # Without fail rows, fail_on=fail passes and fail_on=error fails on the error rows.
    document = {"results": [{"tsg_id": "1", "control": "A", "status": "error"},
                            {"tsg_id": "2", "control": "A", "status": "pass"}]}
    from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._report_gate import (
        failure_message,
    )

    assert failure_message(document, "fail") is None
    message = failure_message(document, "error")
    assert message == "fail_on=error: 1 results (0 fail, 1 error) in 1 tenants and 1 controls (A)"


@pytest.mark.slow
def test_k03_five_thousand_tenants_counts_match(tmp_path: Path) -> None:
    dataset_file = tmp_path / "dataset.json"
    dataset_file.write_text(json.dumps(make_dataset(5000, 11)), encoding="utf-8")
    results, reports = _evaluate(tmp_path, dataset_file)

    outcome = run_action(Report, _args(results, dataset_file, reports))

    document = json.loads((reports / "compliance-latest.json").read_text())
    expected = len(document["results"]["results"])
    assert len(document["results"]["tenants"]) == 5000
    assert document["report"]["counts"]["results"] == expected
    assert sum(outcome["totals"].values()) == expected
    # ru_maxrss is in kilobytes on Linux and covers this whole test process.
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    assert peak_mb < 1024, peak_mb
