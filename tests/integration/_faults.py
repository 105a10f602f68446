# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Helpers of the fault matrix: one surface run per fault, and checks of its outcome.

Every surface (an info module, the aggregate lookup, an inventory sync and the main job) runs
as a real ansible process against a simulator on 127.0.0.1 whose faults are set through its
control API. Timeouts and retries are set low through PRISMA_SASE_* variables, so a fault that
is never recovered from ends within seconds.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional, Sequence

import pytest

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._policy_default import (
    DEFAULT_POLICY,
)
from ansible_collections.prisma_sase.mt_monitor.tests.integration._main_job import (
    MAIN_PLAYBOOK,
    REPORT_SUFFIXES,
    junit_counts,
    read_json_report,
    workbook_rows,
)
from ansible_collections.prisma_sase.mt_monitor.tests.integration._playbook import (
    PlaybookRun,
    run_playbook,
)
from ansible_collections.prisma_sase.mt_monitor.tests.integration._simulator import (
    DEMO_ROOT_TSG_ID,
    Simulator,
)
from ansible_collections.prisma_sase.mt_monitor.tests.integration._tenant_runs import (
    _control,
    add_fault,
    reset,
    run_inventory,
    write_inventory_config,
)

# 6 tenants with seed 3 live in two regions (americas and au), so a region can fail alone.
FAULT_TENANTS = 6
FAULT_SEED = 3
DOWN_REGION = "au"

# The operation the info module and the lookup query: a POST, as in the 429 reports.
DATA_OPERATION = "alerts.list"
# The only operation an inventory sync calls.
HIERARCHY_OPERATION = "tenant.hierarchy"

# Seconds per request and retries per call: a slow fault of SLOW_DELAY_MS times out, and the
# retry budget (timeout x (retries + 1) = 4.5 s) still allows two 1-second Retry-After waits.
FAST_SETTINGS = {
    "PRISMA_SASE_TIMEOUT": "1.5",
    "PRISMA_SASE_MAX_RETRIES": "2",
    "PRISMA_SASE_MAX_CONCURRENCY": "4",
}
SLOW_DELAY_MS = 2500

SURFACES = ("info", "lookup", "inventory")

INFO_TASK = "Query alerts"
LOOKUP_TASK = "Look up alerts"

INFO_PLAYBOOK = """
- name: Info module under a fault
  hosts: localhost
  gather_facts: false
  tasks:
    - name: %s
      prisma_sase.mt_monitor.alert_info:
        operation: %s
""" % (INFO_TASK, DATA_OPERATION)

LOOKUP_PLAYBOOK = """
- name: Lookup under a fault
  hosts: localhost
  gather_facts: false
  tasks:
    - name: %s
      ansible.builtin.set_fact:
        rows: "{{ query('prisma_sase.mt_monitor.aggregate', '%s', cache_ttl=0) }}"
""" % (LOOKUP_TASK, DATA_OPERATION)


@dataclass
class SurfaceRun:
    """The ansible process of one surface and the parts of its output the checks read."""

    surface: str
    run: PlaybookRun
    result: Dict[str, Any] = field(default_factory=dict)
    # The report directory of a main job run.
    reports: Optional[Path] = None

    @property
    def text(self) -> str:
        return self.run.stdout + self.run.stderr

    def describe(self) -> str:
        return "surface %s\n%s" % (self.surface, self.run.output())


def fault_environment(simulator: Simulator) -> Dict[str, str]:
    """Return the PRISMA_SASE_* variables of a fault run: the simulator and low limits."""
    environment = simulator.connection_environment()
    environment.update(FAST_SETTINGS)
    return environment


def set_faults(simulator: Simulator, faults: Sequence[Dict[str, Any]]) -> None:
    """Clear counters and faults, then inject the given faults in order."""
    reset(simulator)
    for fault in faults:
        add_fault(simulator, **fault)


def change_settings(simulator: Simulator, **settings: Any) -> None:
    """Change token or latency settings of a running simulator (``/_sim/settings``)."""
    _control(simulator, "POST", "/_sim/settings", settings)


def expire_tokens(simulator: Simulator) -> None:
    """Make the simulator reject every token it issued so far."""
    _control(simulator, "POST", "/_sim/tokens/expire", {})


def _last_task_result(run: PlaybookRun, task: str) -> Dict[str, Any]:
    matches = [record for record in run.results if record["task"] == task]
    if not matches:
        return {}
    record = matches[-1]
    result = dict(record["result"])
    result["_status"] = record["status"]
    return result


def run_surface(
    surface: str,
    workdir: Path,
    simulator: Simulator,
    extra_env: Optional[Dict[str, str]] = None,
) -> SurfaceRun:
    """Run one surface against the simulator with the fault settings.

    ``workdir`` holds the Ansible home and the token cache, so two runs in the same workdir
    share cached tokens.
    """
    environment = fault_environment(simulator)
    if surface == "info":
        run = run_playbook(INFO_PLAYBOOK, workdir, environment, extra_env)
        return SurfaceRun(surface, run, _last_task_result(run, INFO_TASK))
    if surface == "lookup":
        run = run_playbook(LOOKUP_PLAYBOOK, workdir, environment, extra_env)
        return SurfaceRun(surface, run, _last_task_result(run, LOOKUP_TASK))
    if surface == "inventory":
        config = write_inventory_config(workdir, "plugin: prisma_sase.mt_monitor.tenants\n")
        run = run_inventory(workdir, config, environment, extra_env=extra_env)
        listing: Dict[str, Any] = {}
        if run.rc == 0:
            listing = json.loads(run.stdout)
        return SurfaceRun(surface, run, listing)
    if surface == JOB_SURFACE:
        return run_job(workdir, simulator, extra_env)
    raise ValueError(
        "unknown surface %r; use one of %s" % (surface, ", ".join(SURFACES + (JOB_SURFACE,)))
    )


def operation_for(surface: str) -> str:
    """Return the operation a surface calls after the hierarchy (the hierarchy for inventory)."""
    return HIERARCHY_OPERATION if surface == "inventory" else DATA_OPERATION


def assert_no_traceback(outcome: SurfaceRun) -> None:
    assert "Traceback" not in outcome.run.stdout, outcome.describe()
    assert "Traceback" not in outcome.run.stderr, outcome.describe()


def retry_warnings(outcome: SurfaceRun) -> List[str]:
    """Return the retry warnings of a run, one per retry (joined over wrapped lines)."""
    flat = re.sub(r"\s+", " ", outcome.text)
    return re.findall(r"retrying operation \S+ \(region [^)]*\) after [^:]+", flat)


def assert_succeeded(outcome: SurfaceRun) -> None:
    """Check that the surface finished with data and without a failed task."""
    assert_no_traceback(outcome)
    assert outcome.run.rc == 0, outcome.describe()
    if outcome.surface == "info":
        assert outcome.result["_status"] == "ok", outcome.describe()
        assert outcome.result["partial"] is False, outcome.describe()
        assert outcome.result["alerts"], outcome.describe()
    elif outcome.surface == "lookup":
        assert outcome.result["_status"] == "ok", outcome.describe()
        assert outcome.result["ansible_facts"]["rows"], outcome.describe()
    elif outcome.surface == JOB_SURFACE:
        assert_job_complete(outcome)
    else:
        assert len(outcome.result["_meta"]["hostvars"]) == FAULT_TENANTS + 1, outcome.describe()


def assert_recovered(outcome: SurfaceRun, operation: str, reason: str) -> None:
    """Check a full result after retries, each retry warned with operation and reason."""
    assert_succeeded(outcome)
    warnings = retry_warnings(outcome)
    assert warnings, outcome.describe()
    expected = "retrying operation %s" % operation
    assert any(warning.startswith(expected) for warning in warnings), warnings
    assert any(warning.endswith(reason) for warning in warnings), warnings


def assert_failed_cleanly(outcome: SurfaceRun, *fragments: str) -> str:
    """Check a failed run whose message contains every fragment; return the message."""
    assert_no_traceback(outcome)
    assert outcome.run.rc != 0, outcome.describe()
    if outcome.surface in ("info", "lookup", JOB_SURFACE):
        assert outcome.result["_status"] == "failed", outcome.describe()
        message = outcome.result["msg"]
    else:
        message = re.sub(r"\s+", " ", outcome.run.stderr)
    for fragment in fragments:
        assert fragment in message, "%r not in message %r\n%s" % (
            fragment,
            message,
            outcome.describe(),
        )
    return message


# Placeholder in a fault's ``operation`` replaced by the operation of the surface under test.
SURFACE_OPERATION = "<surface operation>"

RECOVERED = "recovered"
REFRESHED = "refreshed"
PARTIAL = "partial"
FAILED = "failed"
UNAFFECTED = "unaffected"


@dataclass(frozen=True)
class Expect:
    """The outcome pinned for one surface: its kind and the text the run must show.

    ``text`` is the retry reason for ``recovered`` and message fragments for ``failed``.
    ``operation`` is the operation the message names, when not the surface's own.
    """

    outcome: str
    text: Sequence[str] = ()
    operation: Optional[str] = None


@dataclass(frozen=True)
class FaultCase:
    """Faults injected through the control API, simulator settings and expected outcomes."""

    name: str
    faults: Sequence[Dict[str, Any]]
    expect: Dict[str, Expect]
    settings: Dict[str, Any] = field(default_factory=dict)


def same_for_all(expect: Expect) -> Dict[str, Expect]:
    """Return one expectation for every surface."""
    return {surface: expect for surface in SURFACES}


def faults_for(case: FaultCase, surface: str) -> List[Dict[str, Any]]:
    """Return the faults of a case with the surface's operation filled in."""
    faults = []
    for fault in case.faults:
        fault = dict(fault)
        if fault.get("operation") == SURFACE_OPERATION:
            fault["operation"] = operation_for(surface)
        faults.append(fault)
    return faults


def prepare_case(simulator: Simulator, case: FaultCase, surface: str) -> None:
    """Reset the simulator, restore unlimited tokens, then apply the case's settings and faults."""
    change_settings(simulator, token_max_requests=None)
    set_faults(simulator, faults_for(case, surface))
    if case.settings:
        change_settings(simulator, **case.settings)


def simulator_stats(simulator: Simulator) -> Dict[str, Any]:
    return _control(simulator, "GET", "/_sim/stats")


def assert_partial(outcome: SurfaceRun, region: str) -> None:
    """Check rows from the healthy regions and the failed region named with its operation."""
    assert_no_traceback(outcome)
    assert outcome.run.rc == 0, outcome.describe()
    operation = operation_for(outcome.surface)
    if outcome.surface == "info":
        assert outcome.result["partial"] is True, outcome.describe()
        assert outcome.result["alerts"], outcome.describe()
        assert {row["region"] for row in outcome.result["alerts"]} == {"americas"}
        errors = outcome.result["errors"]
        assert [error["region"] for error in errors] == [region], errors
        assert errors[0]["operation"] == operation, errors
        assert errors[0]["tsg_id"] == DEMO_ROOT_TSG_ID, errors
        assert errors[0]["status"] == 503, errors
    elif outcome.surface == "lookup":
        assert outcome.result["ansible_facts"]["rows"], outcome.describe()
        flat = re.sub(r"\s+", " ", outcome.text)
        assert "rows are partial, because region %s failed" % region in flat, outcome.describe()
        assert "tsg_id %s" % DEMO_ROOT_TSG_ID in flat, outcome.describe()
    else:
        raise AssertionError("an inventory sync has no partial outcome")


def check_outcome(simulator: Simulator, outcome: SurfaceRun, expect: Expect) -> None:
    """Check a surface run against its pinned outcome."""
    operation = expect.operation or operation_for(outcome.surface)
    if expect.outcome == RECOVERED:
        (reason,) = expect.text
        assert_recovered(outcome, operation, reason)
    elif expect.outcome == REFRESHED:
        assert_succeeded(outcome)
        # The first token, then exactly one refresh after the API rejected it.
        assert simulator_stats(simulator)["token_requests_total"] == 2, outcome.describe()
    elif expect.outcome == UNAFFECTED:
        assert_succeeded(outcome)
        assert retry_warnings(outcome) == [], outcome.describe()
    elif expect.outcome == PARTIAL:
        (region,) = expect.text
        assert_partial(outcome, region)
    elif expect.outcome == FAILED:
        message = assert_failed_cleanly(outcome, *expect.text)
        assert operation in message, message
        assert DEMO_ROOT_TSG_ID in message, message
    else:
        raise ValueError("unknown outcome %r" % expect.outcome)


def run_case(simulator: Simulator, case: FaultCase, surface: str, workdir: Path) -> SurfaceRun:
    """Apply a case's faults, run one surface and check its pinned outcome."""
    prepare_case(simulator, case, surface)
    try:
        outcome = run_surface(surface, workdir, simulator)
        check_outcome(simulator, outcome, case.expect[surface])
    finally:
        change_settings(simulator, token_max_requests=None)
        reset(simulator)
    return outcome


def case_params(cases: Sequence[FaultCase]) -> List[Any]:
    """Return pytest parameters ``case-surface`` for every case and surface it pins."""
    return [
        pytest.param(case, surface, id="%s-%s" % (case.name, surface))
        for case in cases
        for surface in SURFACES
        if surface in case.expect
    ]


def fault_simulator() -> Iterator[Simulator]:
    """Start the simulator of one fault class and stop it at the end (for module fixtures)."""
    simulator = Simulator(tenants=FAULT_TENANTS, seed=FAULT_SEED).start()
    try:
        yield simulator
    finally:
        simulator.stop()


# The main job (playbooks/compliance_report.yml) as the fourth surface. It gathers only the
# faulted operation and threats.summary, and evaluates only the controls they feed, so every
# `error` result in a run comes from the fault.
JOB_SURFACE = "job"
JOB_OPERATIONS = (DATA_OPERATION, "threats.summary")
JOB_CONTROLS = {
    control["id"]: control["operation"]
    for control in DEFAULT_POLICY["controls"]
    if control.get("operation") in JOB_OPERATIONS
}
JOB_REGIONS = ("americas", DOWN_REGION)
GATHER_TASK = "Gather the monitoring dataset"
WRITE_TASK = "Write the reports"
# Files of every completed run besides the per-run copies (``compliance-<UTC time>-<hex>``).
JOB_FILES = tuple("compliance-latest.%s" % suffix for suffix in REPORT_SUFFIXES) + (
    "compliance-manifest-latest.json",
    "dataset.json",
    "results.json",
)
_RUN_COPY = re.compile(r"^compliance-(manifest-)?\d{8}T\d{6}Z-[0-9a-f]{6}\.(xlsx|html|xml|json)$")
# Content of the files that stand for an earlier run's reports in the clean-failure checks.
EARLIER_REPORT = "report of an earlier run\n"


def job_policy() -> Dict[str, Any]:
    """Return the default policy with every control disabled that JOB_OPERATIONS does not feed."""
    disabled = sorted(
        control["id"] for control in DEFAULT_POLICY["controls"] if control["id"] not in JOB_CONTROLS
    )
    return {"extends": "default", "disabled": disabled}


def _job_result(run: PlaybookRun) -> Dict[str, Any]:
    """Return the failed task of a job run, or the report task when no task failed."""
    failed = [record for record in run.results if record["status"] == "failed"]
    record = failed[-1] if failed else None
    if record is None:
        return _last_task_result(run, WRITE_TASK)
    result = dict(record["result"])
    result["_status"] = record["status"]
    result["_task"] = record["task"]
    return result


def run_job(
    workdir: Path, simulator: Simulator, extra_env: Optional[Dict[str, str]] = None
) -> SurfaceRun:
    """Run the main job with the fault settings, writing the reports into ``workdir/reports``."""
    reports = workdir / "reports"
    variables = {
        "compliance_report_output_dir": str(reports),
        "compliance_report_operations": list(JOB_OPERATIONS),
        "compliance_report_policy": job_policy(),
    }
    run = run_playbook(
        MAIN_PLAYBOOK,
        workdir,
        fault_environment(simulator),
        extra_env,
        ["-e", json.dumps(variables)],
    )
    return SurfaceRun(JOB_SURFACE, run, _job_result(run), reports)


def assert_job_reports_written(outcome: SurfaceRun) -> Dict[str, Any]:
    """Check that every report, the dataset and the results exist, with no temporary file left.

    Returns the JSON report.
    """
    assert outcome.reports is not None
    names = sorted(path.name for path in outcome.reports.iterdir())
    for name in JOB_FILES:
        assert name in names, "%s not written: %s\n%s" % (name, names, outcome.describe())
    stray = [name for name in names if name not in JOB_FILES and not _RUN_COPY.match(name)]
    assert stray == [], outcome.describe()
    return read_json_report(outcome.reports)


def assert_job_complete(outcome: SurfaceRun) -> None:
    """Check a job run with every report written and no error in the dataset or the results."""
    assert outcome.run.rc == 0, outcome.describe()
    document = assert_job_reports_written(outcome)
    assert document["dataset"]["errors"] == [], document["dataset"]["errors"]
    assert document["results"]["errors"] == [], document["results"]["errors"]
    results = document["results"]["results"]
    assert len(results) == (FAULT_TENANTS + 1) * len(JOB_CONTROLS), results
    assert [item for item in results if item["status"] == "error"] == [], results
    assert workbook_rows(outcome.reports, "Errors")[1:] == []


def assert_job_partial(outcome: SurfaceRun, expect: "JobExpect") -> None:
    """Check a job run whose failed calls are named and whose affected results are `error`.

    A failed call of an operation in a region makes every control fed by that operation
    `error` for the tenants of that region. Every other result keeps a real status.
    """
    assert_no_traceback(outcome)
    assert outcome.run.rc == 0, outcome.describe()
    document = assert_job_reports_written(outcome)
    failed_calls = {
        (operation, region) for operation in expect.operations for region in expect.regions
    }

    for source in ("dataset", "results"):
        errors = document[source]["errors"]
        assert {(error["operation"], error["region"]) for error in errors} == failed_calls, errors
        for error in errors:
            assert error["tsg_id"] == DEMO_ROOT_TSG_ID, error
            for fragment in expect.text:
                assert fragment in error["message"], "%r not in %r" % (fragment, error)

    sheet = workbook_rows(outcome.reports, "Errors")
    header, rows = sheet[0], sheet[1:]
    named = {
        (row[header.index("Source")], row[header.index("Operation")], row[header.index("Region")])
        for row in rows
        if row[header.index("TSG id")] == DEMO_ROOT_TSG_ID
    }
    expected_rows = {(source,) + call for source in ("dataset", "results") for call in failed_calls}
    assert named == expected_rows, sheet

    regions_by_tenant = {
        tenant["tsg_id"]: set(tenant["region_headers"]) for tenant in document["dataset"]["tenants"]
    }
    results = document["results"]["results"]
    assert len(results) == len(regions_by_tenant) * len(JOB_CONTROLS), results
    for item in results:
        operation = JOB_CONTROLS[item["control"]]
        affected = operation in expect.operations and regions_by_tenant[item["tsg_id"]] & set(
            expect.regions
        )
        if affected:
            assert item["status"] == "error", item
            assert operation in item["message"], item
        else:
            assert item["status"] != "error", item

    errors_count = sum(1 for item in results if item["status"] == "error")
    assert errors_count > 0, results
    assert junit_counts(outcome.reports)["errors"] == errors_count


def seed_earlier_reports(reports: Path) -> Dict[str, str]:
    """Write stand-ins for an earlier run's files and return their names and content."""
    reports.mkdir(parents=True, exist_ok=True)
    for name in JOB_FILES:
        (reports / name).write_text(EARLIER_REPORT, encoding="utf-8")
    return {name: EARLIER_REPORT for name in JOB_FILES}


def assert_job_failed_cleanly(
    outcome: SurfaceRun, expect: "JobExpect", earlier: Dict[str, str]
) -> None:
    """Check a job that stopped at the gathering step and left the earlier files as they were."""
    message = assert_failed_cleanly(outcome, *expect.text)
    assert (expect.operation or DATA_OPERATION) in message, message
    assert DEMO_ROOT_TSG_ID in message, message
    assert outcome.result["_task"].endswith(GATHER_TASK), outcome.describe()
    assert [record for record in outcome.run.results if record["task"].endswith(WRITE_TASK)] == []

    assert outcome.reports is not None
    found = {
        path.name: path.read_text(encoding="utf-8") for path in sorted(outcome.reports.iterdir())
    }
    assert found == earlier, outcome.describe()


@dataclass(frozen=True)
class JobExpect:
    """The outcome pinned for the main job.

    ``text`` is the retry reason for ``recovered``, and message fragments for ``partial`` (of
    every error record) and ``failed``. ``operations`` and ``regions`` are the calls that fail
    in a ``partial`` run. ``operation`` is the operation a ``failed`` message names.
    ``settings`` replace the case's simulator settings for the job.
    """

    outcome: str
    text: Sequence[str] = ()
    operations: Sequence[str] = (DATA_OPERATION,)
    regions: Sequence[str] = JOB_REGIONS
    operation: Optional[str] = None
    settings: Optional[Dict[str, Any]] = None


def check_job_outcome(
    simulator: Simulator, outcome: SurfaceRun, expect: JobExpect, earlier: Dict[str, str]
) -> None:
    """Check a main job run against its pinned outcome."""
    assert_no_traceback(outcome)
    if expect.outcome == RECOVERED:
        (reason,) = expect.text
        assert_recovered(outcome, DATA_OPERATION, reason)
    elif expect.outcome == REFRESHED:
        assert_succeeded(outcome)
        assert simulator_stats(simulator)["token_requests_total"] == 2, outcome.describe()
    elif expect.outcome == PARTIAL:
        assert_job_partial(outcome, expect)
    elif expect.outcome == FAILED:
        assert_job_failed_cleanly(outcome, expect, earlier)
    else:
        raise ValueError("unknown outcome %r" % expect.outcome)


def run_job_case(
    simulator: Simulator, case: FaultCase, expect: JobExpect, workdir: Path
) -> SurfaceRun:
    """Apply a case's faults, run the main job and check its pinned outcome.

    Before a run pinned as ``failed``, the report directory gets stand-ins for an earlier
    run's files, which the run must leave unchanged.
    """
    prepare_case(simulator, case, JOB_SURFACE)
    if expect.settings is not None:
        change_settings(simulator, **expect.settings)
    earlier: Dict[str, str] = {}
    if expect.outcome == FAILED:
        earlier = seed_earlier_reports(workdir / "reports")
    try:
        outcome = run_job(workdir, simulator)
        check_job_outcome(simulator, outcome, expect, earlier)
    finally:
        change_settings(simulator, token_max_requests=None)
        reset(simulator)
    return outcome


def job_case_params(cases: Sequence[FaultCase], expects: Dict[str, JobExpect]) -> List[Any]:
    """Return pytest parameters ``case`` with the job's expectation of every case.

    Raises ValueError when a case has no expectation or an expectation names no case, so the
    job column covers the whole matrix.
    """
    names = [case.name for case in cases]
    missing = [name for name in names if name not in expects]
    unknown = [name for name in expects if name not in names]
    if missing or unknown:
        raise ValueError(
            "job expectations missing for %s; expectations without a case: %s" % (missing, unknown)
        )
    return [pytest.param(case, expects[case.name], id=case.name) for case in cases]
