# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Invalid input to every module, lookup and role: one clear error each, before any API call.

All cases run in one ansible-playbook process with ``ignore_errors`` (roles in block/rescue),
and the simulator's counters prove that none of them reached the API or the token endpoint.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
from pathlib import Path
from typing import Dict, List

import pytest

from ansible_collections.prisma_sase.mt_monitor.tests.integration._bad_input_cases import (
    EARLY_ROLE_CASES,
    LOOKUP_CASES,
    MODULE_CASES,
    ROLE_CASES,
)
from ansible_collections.prisma_sase.mt_monitor.tests.integration._playbook import run_playbook
from ansible_collections.prisma_sase.mt_monitor.tests.integration._tenant_runs import (
    reset,
    stats,
)

ALL_CASES = MODULE_CASES + LOOKUP_CASES + ROLE_CASES


def indent(text: str, spaces: int) -> str:
    return "\n".join(" " * spaces + line for line in text.splitlines())


def role_of(variables: str) -> str:
    """Return the role that a role case runs: role variables start with the role name."""
    for role in ("license_report", "compliance_report"):
        if variables.startswith(role + "_"):
            return role
    raise ValueError("role case variables start with no known role name: %s" % variables)


def role_output_dir(work: Path, name: str) -> Path:
    return work / ("role-" + name.replace(" ", "-"))


def build_playbook(work: Path) -> str:
    """Return one playbook with a task per case; role cases record their error in a fact."""
    lines = [
        "- name: Send invalid input to every surface",
        "  hosts: localhost",
        "  gather_facts: false",
        "  tasks:",
    ]
    for name, body, _fragments in MODULE_CASES:
        lines.append("    - name: %s" % name)
        lines.append(indent(body.replace("{work}", str(work)), 6))
        lines.append("      ignore_errors: true")
    for name, expression, _fragments in LOOKUP_CASES:
        lines.append("    - name: %s" % name)
        lines.append("      ansible.builtin.set_fact:")
        lines.append('        found: "{{ %s }}"' % expression)
        lines.append("      ignore_errors: true")
    for name, variables, _fragments in ROLE_CASES:
        role = role_of(variables)
        lines.append("    - name: %s" % name)
        lines.append("      block:")
        lines.append("        - name: Run the role (%s)" % name)
        lines.append("          ansible.builtin.include_role:")
        lines.append("            name: prisma_sase.mt_monitor.%s" % role)
        lines.append("          vars:")
        lines.append("            %s_output_dir: %s" % (role, role_output_dir(work, name)))
        lines.append(indent(variables, 12))
        lines.append("      rescue:")
        lines.append("        - name: Record the error (%s)" % name)
        lines.append("          ansible.builtin.set_fact:")
        lines.append('            role_error: "{{ ansible_failed_result.msg }}"')
    return "\n".join(lines) + "\n"


def prepare_files(work: Path) -> None:
    """Write the valid dataset and results files that report and check cases start from."""
    work.mkdir(parents=True, exist_ok=True)
    (work / "not-json.json").write_text("{not json", encoding="utf-8")
    (work / "reports").mkdir()
    dataset = {
        "schema_version": 1,
        "collected_at": "2026-12-04T19:00:00Z",
        "time_window": {"from": "2026-11-27T19:00:00Z", "to": "2026-12-04T19:00:00Z"},
        "root_tsg_id": "1000000001",
        "regions": ["americas"],
        "tenants": [],
        "datasets": {},
        "errors": [],
        "versions": {},
    }
    (work / "dataset.json").write_text(json.dumps(dataset), encoding="utf-8")
    (work / "results.json").write_text(json.dumps({"schema_version": 1, "results": []}), encoding="utf-8")


def error_messages(run) -> Dict[str, str]:
    """Return the error message of each case: a failed task's msg, or a role's rescued msg."""
    messages: Dict[str, str] = {}
    for record in run.results:
        if record["status"] == "ignored":
            messages[record["task"]] = str(record["result"].get("msg", ""))
    for name, _variables, _fragments in ROLE_CASES:
        for record in run.results:
            if record["task"] == "Record the error (%s)" % name:
                messages[name] = str(record["result"]["ansible_facts"]["role_error"])
    return messages


def test_bad_input_table_size() -> None:
    names = [case[0] for case in ALL_CASES]

    assert len(names) >= 40
    assert len(set(names)) == len(names)


@pytest.fixture(scope="module")
def bad_input_run(tmp_path_factory, simulator):
    """Run every case once, and return the run and the simulator's counters after it."""
    root = tmp_path_factory.mktemp("bad-input")
    work = root / "work"
    prepare_files(work)
    reset(simulator)

    run = run_playbook(build_playbook(work), root / "run", simulator.connection_environment())

    return run, stats(simulator), work


@pytest.mark.parametrize("case", ALL_CASES, ids=[case[0].replace(" ", "_") for case in ALL_CASES])
def test_bad_input_names_value(bad_input_run, case) -> None:
    run, _counters, work = bad_input_run
    name, _body, fragments = case
    assert run.rc == 0, run.output()

    messages = error_messages(run)

    assert name in messages, "the case did not fail: %s\n%s" % (name, run.output()[-3000:])
    message = messages[name]
    for fragment in fragments:
        assert fragment.replace("{work}", str(work)) in message, (name, message)
    assert "Traceback" not in message, message


def test_bad_input_calls_no_api(bad_input_run) -> None:
    _run, counters, _work = bad_input_run

    assert counters["api_calls"] == 0, counters
    assert counters["token_requests_total"] == 0, counters


@pytest.mark.parametrize("name", EARLY_ROLE_CASES)
def test_bad_input_role_creates_nothing(bad_input_run, name) -> None:
    run, _counters, work = bad_input_run

    assert name in error_messages(run), run.output()[-3000:]
    assert not role_output_dir(work, name).exists()


def unclear(messages: List[str]) -> List[str]:
    return [message for message in messages if len(message) < 20]


def test_bad_input_messages_not_terse(bad_input_run) -> None:
    run, _counters, _work = bad_input_run

    assert unclear(list(error_messages(run).values())) == []
