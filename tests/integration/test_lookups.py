# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The aggregate and tenants lookups in real ansible-playbook runs against the simulator."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re
from pathlib import Path

import pytest

from ansible_collections.prisma_sase.mt_monitor.tests.integration._simulator import (
    DEMO_ROOT_TSG_ID,
)
from ansible_collections.prisma_sase.mt_monitor.tests.integration._tenant_runs import (
    K06_SECRET,
    add_fault,
    closed_port,
    reset,
    run_ansible_doc,
    stats,
    task_status,
    tenant_node,
    write_hierarchy,
)

TENANT_QUERIES = """
- name: Tenant lookups
  hosts: localhost
  gather_facts: false
  tasks:
    - name: Query tenants
      ansible.builtin.set_fact:
        everyone: "{{ query('prisma_sase.mt_monitor.tenants') }}"
        nobody: "{{ query('prisma_sase.mt_monitor.tenants', license_type=['NO_SUCH_TYPE']) }}"
        children: "{{ query('prisma_sase.mt_monitor.tenants', parent='1000000001') }}"
        one_by_id: "{{ lookup('prisma_sase.mt_monitor.tenants', '1000000002', wantlist=true) }}"
"""


def comma_hierarchy(path: Path) -> Path:
    children = [
        tenant_node("1000000002", "Acme, Inc."),
        tenant_node("1000000003", "Smith, Jones, and Partners", region=["eu01"]),
        tenant_node("1000000004", "Plain Tenant", tenantLicenseType="PA_ONLY"),
    ]
    return write_hierarchy(path, tenant_node(DEMO_ROOT_TSG_ID, "MSSP Root", children))


def test_tenants_lists_keep_commas(tmp_path, simulator_factory, playbook_runner) -> None:
    target = simulator_factory(extra_args=["--hierarchy", str(comma_hierarchy(tmp_path / "h.json"))])
    run = playbook_runner(TENANT_QUERIES, target=target)

    assert run.rc == 0, run.output()
    facts = run.task("Query tenants")["ansible_facts"]
    assert [tenant["display_name"] for tenant in facts["everyone"]] == [
        "MSSP Root",
        "Acme, Inc.",
        "Smith, Jones, and Partners",
        "Plain Tenant",
    ]
    assert facts["nobody"] == []
    assert [tenant["tsg_id"] for tenant in facts["children"]] == [
        "1000000002",
        "1000000003",
        "1000000004",
    ]
    assert isinstance(facts["one_by_id"], list)
    assert len(facts["one_by_id"]) == 1
    assert facts["one_by_id"][0]["display_name"] == "Acme, Inc."
    assert facts["one_by_id"][0]["path"] == ["MSSP Root", "Acme, Inc."]


def test_tenants_single_root_is_list(simulator_factory, playbook_runner) -> None:
    target = simulator_factory(tenants=0)
    run = playbook_runner(TENANT_QUERIES, target=target)

    assert run.rc == 0, run.output()
    facts = run.task("Query tenants")["ansible_facts"]
    assert isinstance(facts["everyone"], list)
    assert [tenant["tsg_id"] for tenant in facts["everyone"]] == [DEMO_ROOT_TSG_ID]
    assert facts["children"] == []


def test_tenants_filters_by_region(simulator, playbook_runner) -> None:
    playbook = """
- name: Region filter
  hosts: localhost
  gather_facts: false
  tasks:
    - name: Query
      ansible.builtin.set_fact:
        everyone: "{{ query('prisma_sase.mt_monitor.tenants') }}"
        europe: "{{ query('prisma_sase.mt_monitor.tenants', region=['europe']) }}"
        eu01: "{{ query('prisma_sase.mt_monitor.tenants', region=['eu01']) }}"
"""
    run = playbook_runner(playbook)

    assert run.rc == 0, run.output()
    facts = run.task("Query")["ansible_facts"]
    expected = [t["tsg_id"] for t in facts["everyone"] if "europe" in t["region_headers"]]
    by_code = [t["tsg_id"] for t in facts["everyone"] if "eu01" in t["regions"]]
    assert expected, "the session simulator should have tenants in europe"
    assert [tenant["tsg_id"] for tenant in facts["europe"]] == expected
    assert [tenant["tsg_id"] for tenant in facts["eu01"]] == by_code
    assert by_code == expected


def test_tenants_malformed_region_rejected(playbook_runner) -> None:
    playbook = """
- name: Malformed region
  hosts: localhost
  gather_facts: false
  tasks:
    - name: Query
      ansible.builtin.set_fact:
        rows: "{{ query('prisma_sase.mt_monitor.tenants', region=['eu-01']) }}"
"""
    run = playbook_runner(playbook)
    message = run.task("Query")["msg"]

    assert run.rc != 0
    assert "region 'eu-01' is neither an X-PANW-Region value" in message


def test_aggregate_twice_calls_api_once(simulator, playbook_runner) -> None:
    playbook = """
- name: Aggregate twice
  hosts: localhost
  gather_facts: false
  tasks:
    - name: Query twice in one template
      ansible.builtin.set_fact:
        both: >-
          {{ [query('prisma_sase.mt_monitor.aggregate', 'threats.summary'),
              query('prisma_sase.mt_monitor.aggregate', 'threats.summary')] }}
"""
    reset(simulator)
    run = playbook_runner(playbook)

    assert run.rc == 0, run.output()
    first, second = run.task("Query twice in one template")["ansible_facts"]["both"]
    assert first == second
    assert first, "threats.summary should return rows"
    assert all(isinstance(row, dict) and "tenant" in row for row in first)
    counters = stats(simulator)
    assert counters["operations"]["tenant.hierarchy"] == 1
    per_region = counters["operation_regions"]["threats.summary"]
    assert set(per_region.values()) == {1}, per_region
    assert set(per_region) >= {row["region"] for row in first}


def test_aggregate_cache_off_calls_twice(simulator, playbook_runner) -> None:
    playbook = """
- name: Aggregate without cache
  hosts: localhost
  gather_facts: false
  tasks:
    - name: Query twice
      ansible.builtin.set_fact:
        both: >-
          {{ [query('prisma_sase.mt_monitor.aggregate', 'license.quota', cache_ttl=0),
              query('prisma_sase.mt_monitor.aggregate', 'license.quota', cache_ttl=0)] }}
"""
    reset(simulator)
    run = playbook_runner(playbook)

    assert run.rc == 0, run.output()
    counters = stats(simulator)
    assert counters["operations"]["tenant.hierarchy"] == 2
    regions = counters["operation_regions"]["license.quota"]
    assert set(regions.values()) == {2}, regions


def test_aggregate_options_reach_request(simulator, playbook_runner) -> None:
    playbook = """
- name: Aggregate with intent
  hosts: localhost
  gather_facts: false
  tasks:
    - name: Query critical threats
      ansible.builtin.set_fact:
        rows: "{{ query('prisma_sase.mt_monitor.aggregate', 'threats.summary',
                        severity=['critical'], time_range={'last': 1, 'unit': 'days'}) }}"
    - name: Reject an unknown property
      ansible.builtin.set_fact:
        rows: "{{ query('prisma_sase.mt_monitor.aggregate', 'threats.summary',
                        properties=['no_such_property']) }}"
      ignore_errors: true
"""
    run = playbook_runner(playbook)

    assert run.rc == 0, run.output()
    assert isinstance(run.task("Query critical threats")["ansible_facts"]["rows"], list)
    assert task_status(run, "Reject an unknown property") == "ignored"
    assert "no_such_property" in run.task("Reject an unknown property")["msg"]


UNKNOWN_LICENSE_TYPE = """
- name: Unknown license type
  hosts: localhost
  gather_facts: false
  tasks:
    - name: Module with unknown license type
      prisma_sase.mt_monitor.tenant_info:
        license_type: [NO_SUCH_TYPE]
    - name: Lookup with unknown license type
      ansible.builtin.set_fact:
        nobody: "{{ query('prisma_sase.mt_monitor.tenants', license_type=['NO_SUCH_TYPE']) }}"
"""


def test_unknown_license_type_warns(simulator, playbook_runner) -> None:
    run = playbook_runner(UNKNOWN_LICENSE_TYPE)
    module_result = run.task("Module with unknown license type")
    module_warnings = " ".join(module_result.get("warnings", []))
    present = re.search(r"license types in the hierarchy: ([A-Z_, ]+) \(", module_warnings)

    assert run.rc == 0, run.output()
    assert module_result["tenants"] == []
    assert "license_type 'NO_SUCH_TYPE' matches no tenant" in module_warnings
    assert present is not None, module_warnings
    assert set(present.group(1).split(", ")) <= {"PA_ONLY", "SDWAN_ONLY", "SASE", "PA_SDWAN"}
    assert run.task("Lookup with unknown license type")["ansible_facts"]["nobody"] == []
    assert "license_type 'NO_SUCH_TYPE' matches no tenant" in run.stderr + run.stdout


DENIED_LOOKUP = """
- name: Denied
  hosts: localhost
  gather_facts: false
  tasks:
    - name: Query denied operation
      ansible.builtin.set_fact:
        rows: "{{ query('prisma_sase.mt_monitor.aggregate', 'alerts.list', on_denied='%s') }}"
"""


def run_denied(simulator, playbook_runner, on_denied: str):
    """Run the aggregate lookup while every alerts.list call returns 403."""
    reset(simulator)
    add_fault(simulator, kind="status", operation="alerts.list", status=403)
    try:
        return playbook_runner(DENIED_LOOKUP % on_denied)
    finally:
        reset(simulator)


@pytest.mark.parametrize("on_denied", ["warn", "skip"])
def test_aggregate_denied_warn_or_skip(simulator, playbook_runner, on_denied) -> None:
    run = run_denied(simulator, playbook_runner, on_denied)

    assert run.rc == 0, run.output()
    assert run.task("Query denied operation")["ansible_facts"]["rows"] == []
    warned = "not authorised" in run.stderr + run.stdout
    assert warned is (on_denied == "warn"), run.output()


INVALID_ON_DENIED = """
- name: Invalid on_denied
  hosts: localhost
  gather_facts: false
  tasks:
    - name: Query with invalid on_denied
      ansible.builtin.set_fact:
        rows: "{{ query('prisma_sase.mt_monitor.%s', %son_denied='ignore') }}"
"""


@pytest.mark.parametrize("lookup,terms", [("aggregate", "'alerts.list', "), ("tenants", "")])
def test_invalid_on_denied_lists_choices(playbook_runner, lookup, terms) -> None:
    run = playbook_runner(INVALID_ON_DENIED % (lookup, terms))
    message = run.task("Query with invalid on_denied")["msg"]

    assert run.rc != 0
    assert "on_denied 'ignore' is invalid" in message
    assert "use one of: error, warn, skip" in message


UNKNOWN_OPTION = """
- name: Unknown option
  hosts: localhost
  gather_facts: false
  tasks:
    - name: Query with an unknown option
      ansible.builtin.set_fact:
        rows: "{{ query('prisma_sase.mt_monitor.%s', %s%s=%s) }}"
"""


@pytest.mark.parametrize(
    "lookup,terms,name,value,suggestion",
    [
        ("aggregate", "'alerts.list', ", "severty", "['critical']", "severity"),
        ("aggregate", "'alerts.list', ", "tsg", "'1000000001'", "tsg_id"),
        ("tenants", "", "tsg_idd", "'1000000001'", "tsg_id"),
        ("tenants", "", "hostname_src", "'display_name'", None),
    ],
)
def test_unknown_option_rejected(playbook_runner, lookup, terms, name, value, suggestion) -> None:
    run = playbook_runner(UNKNOWN_OPTION % (lookup, terms, name, value))
    message = run.task("Query with an unknown option")["msg"]

    assert run.rc != 0
    assert "unknown option '%s'" % name in message
    assert "valid options: access_token, " in message
    if suggestion:
        assert "did you mean '%s'?" % suggestion in message
    else:
        assert "did you mean" not in message


def test_aggregate_denied_error_fails(simulator, playbook_runner) -> None:
    run = run_denied(simulator, playbook_runner, "error")

    assert run.rc != 0
    assert task_status(run, "Query denied operation") == "failed"
    assert "alerts.list" in run.stdout + run.stderr
    assert "403" in run.stdout + run.stderr


def test_k08_lookup_reads_environment(simulator, playbook_runner) -> None:
    playbook = """
- name: Environment only
  hosts: localhost
  gather_facts: false
  tasks:
    - name: Query with no options
      ansible.builtin.set_fact:
        tenants: "{{ query('prisma_sase.mt_monitor.tenants') }}"
        rows: "{{ query('prisma_sase.mt_monitor.aggregate', 'license.quota') }}"
"""
    environment = dict(simulator.connection_environment(), PRISMA_SASE_VALIDATE_CERTS="false")
    run = playbook_runner(playbook, connection=environment)

    assert run.rc == 0, run.output()
    facts = run.task("Query with no options")["ansible_facts"]
    assert facts["tenants"][0]["tsg_id"] == DEMO_ROOT_TSG_ID
    assert isinstance(facts["rows"], list)


def test_k08_missing_secret_names_variable(simulator, playbook_runner) -> None:
    environment = simulator.connection_environment()
    del environment["PRISMA_SASE_CLIENT_SECRET"]
    run = playbook_runner(TENANT_QUERIES, connection=environment)

    assert run.rc != 0
    assert "PRISMA_SASE_CLIENT_SECRET" in run.stdout + run.stderr


# The secret comes from a vars file: Ansible quotes the lines around a failing task in its
# error, and such a quote of the playbook must not be what the test finds.
K06_LOOKUP = """
- name: Secret in a lookup
  hosts: localhost
  gather_facts: false
  vars_files:
    - "%s"
  vars:
    token_url: "%s"
  tasks:
    - name: Query with a wrong secret
      ansible.builtin.set_fact:
        tenants: "{{ query('prisma_sase.mt_monitor.tenants', client_secret=wrong_secret,
                           auth_url=token_url) }}"
"""


def secret_vars(tmp_path: Path) -> Path:
    path = tmp_path / "secret.yml"
    path.write_text("wrong_secret: %s\n" % K06_SECRET, encoding="utf-8")
    return path


def test_k06_lookup_token_401_hides_secret(tmp_path, simulator, playbook_runner) -> None:
    playbook = K06_LOOKUP % (secret_vars(tmp_path), simulator.auth_url)
    run = playbook_runner(playbook, args=["-vvvv"])

    assert run.rc != 0
    output = run.stdout + run.stderr
    assert "401" in output, run.output()
    assert "lookup prisma_sase.mt_monitor.tenants failed" in output, run.output()
    assert K06_SECRET not in output


def test_k06_lookup_closed_port_hides_secret(tmp_path, simulator, playbook_runner) -> None:
    auth_url = "http://127.0.0.1:%d/oauth2/access_token" % closed_port()
    run = playbook_runner(K06_LOOKUP % (secret_vars(tmp_path), auth_url), args=["-vvvv"])

    assert run.rc != 0
    output = run.stdout + run.stderr
    assert "lookup prisma_sase.mt_monitor.tenants failed" in output, run.output()
    assert "127.0.0.1" in output
    assert K06_SECRET not in output


@pytest.mark.parametrize("name", ["aggregate", "tenants"])
def test_lookup_docs_render(tmp_path, name) -> None:
    run = run_ansible_doc(tmp_path, "lookup", "prisma_sase.mt_monitor." + name)

    assert run.rc == 0, run.output()
    assert "[WARNING]" not in run.stderr, run.output()
    options = run.results[0]["doc"]["options"]
    assert {"on_denied", "cache_ttl", "client_secret", "region"} <= set(options)
    assert options["client_secret"]["env"] == [{"name": "PRISMA_SASE_CLIENT_SECRET"}]
    assert "on_denied" in run.stdout
