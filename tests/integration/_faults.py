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
    raise ValueError("unknown surface %r; use one of %s" % (surface, ", ".join(SURFACES)))


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
    if outcome.surface in ("info", "lookup"):
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
