# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The tenants inventory in real ansible-inventory and ansible-playbook runs."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import re
from pathlib import Path

import pytest

from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._inventory_hosts import (
    decode_tenant_table,
)
from ansible_collections.prisma_sase.mt_monitor.tests.integration._simulator import (
    DEMO_ROOT_TSG_ID,
)
from ansible_collections.prisma_sase.mt_monitor.tests.integration._tenant_runs import (
    K06_SECRET,
    add_fault,
    closed_port,
    reset,
    run_ansible_doc,
    run_inventory,
    stats,
    write_inventory_config,
)

CACHED_CONFIG = """
plugin: prisma_sase.mt_monitor.tenants
cache: true
cache_plugin: ansible.builtin.jsonfile
cache_connection: {cache}
cache_timeout: 600
"""


def plain(value):
    """Undo the ``{"__ansible_unsafe": text}`` form that ansible-inventory gives untrusted text."""
    if isinstance(value, dict):
        if set(value) == {"__ansible_unsafe"}:
            return value["__ansible_unsafe"]
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


def inventory_list(run) -> dict:
    assert run.rc == 0, run.output()
    return plain(json.loads(run.stdout))


def test_connection_variables_are_trusted(tmp_path, simulator) -> None:
    config = write_inventory_config(tmp_path, "plugin: prisma_sase.mt_monitor.tenants\n")
    run = run_inventory(tmp_path / "run", config, simulator.connection_environment())
    assert run.rc == 0, run.output()
    for variables in json.loads(run.stdout)["_meta"]["hostvars"].values():
        assert variables["ansible_connection"] == "local"
        assert variables["ansible_python_interpreter"] == "{{ ansible_playbook_python }}"


def group_members(listing: dict, group: str) -> set:
    return set(listing.get(group, {}).get("hosts", []))


@pytest.mark.slow
def test_graph_groups_200_tenants(tmp_path, simulator_factory) -> None:
    target = simulator_factory(tenants=200, seed=3)
    config = write_inventory_config(tmp_path, CACHED_CONFIG.format(cache=tmp_path / "cache"))

    listing = inventory_list(
        run_inventory(tmp_path / "list", config, target.connection_environment())
    )
    hostvars = listing["_meta"]["hostvars"]
    assert len(hostvars) == 201
    assert {variables["tenant_tsg_id"] for variables in hostvars.values()} >= {DEMO_ROOT_TSG_ID}
    for host, variables in hostvars.items():
        for region in variables["tenant_region_headers"]:
            assert host in group_members(listing, "region_" + region), (host, region)
        license_group = "license_" + variables["tenant_license_type"].lower()
        assert host in group_members(listing, license_group), (host, license_group)
        if variables["tenant_parent_tsg_id"]:
            assert host in group_members(listing, "parent_" + variables["tenant_parent_tsg_id"])
        assert variables["ansible_connection"] == "local"
        assert variables["ansible_python_interpreter"] == "{{ ansible_playbook_python }}"

    reset(target)
    graph = run_inventory(tmp_path / "graph", config, target.connection_environment(), ["--graph"])
    assert graph.rc == 0, graph.output()
    for host in hostvars:
        assert "--" + host + "\n" in graph.stdout, host
    assert "@region_americas:" in graph.stdout
    assert "@license_sase:" in graph.stdout
    counters = stats(target)
    assert counters["api_calls"] == 0, counters
    assert counters["token_requests_total"] == 0, counters


def test_cache_off_calls_api_each_run(tmp_path, simulator) -> None:
    config = write_inventory_config(tmp_path, "plugin: prisma_sase.mt_monitor.tenants\n")
    reset(simulator)
    for name in ("one", "two"):
        inventory_list(run_inventory(tmp_path / name, config, simulator.connection_environment()))
    assert stats(simulator)["operations"]["tenant.hierarchy"] == 2


def test_cached_run_lists_same_inventory(tmp_path, simulator) -> None:
    config = write_inventory_config(tmp_path, CACHED_CONFIG.format(cache=tmp_path / "cache"))
    reset(simulator)
    fresh = run_inventory(tmp_path / "fresh", config, simulator.connection_environment())
    assert fresh.rc == 0, fresh.output()
    assert stats(simulator)["operations"]["tenant.hierarchy"] == 1

    reset(simulator)
    cached = run_inventory(tmp_path / "cached", config, simulator.connection_environment())
    assert cached.rc == 0, cached.output()
    counters = stats(simulator)
    assert counters["api_calls"] == 0, counters
    assert counters["token_requests_total"] == 0, counters
    # Compared before plain(), so the untrusted form of API text must survive the cache too.
    assert json.loads(cached.stdout) == json.loads(fresh.stdout)


def test_cache_used_only_for_same_tsg_id(tmp_path, simulator) -> None:
    config = write_inventory_config(tmp_path, CACHED_CONFIG.format(cache=tmp_path / "cache"))
    full = inventory_list(run_inventory(tmp_path / "full", config, simulator.connection_environment()))
    child = next(
        variables for variables in full["_meta"]["hostvars"].values() if variables["tenant_depth"] == 1
    )

    reset(simulator)
    environment = dict(simulator.connection_environment(), PRISMA_SASE_TSG_ID=child["tenant_tsg_id"])
    subtree = inventory_list(run_inventory(tmp_path / "subtree", config, environment))

    assert stats(simulator)["operations"]["tenant.hierarchy"] == 1
    full_ids = {variables["tenant_tsg_id"] for variables in full["_meta"]["hostvars"].values()}
    subtree_ids = {variables["tenant_tsg_id"] for variables in subtree["_meta"]["hostvars"].values()}
    assert child["tenant_tsg_id"] in subtree_ids
    assert DEMO_ROOT_TSG_ID not in subtree_ids
    assert subtree_ids < full_ids


def older_layout(entry: dict) -> dict:
    """Return the entry in cache layout 1, a list of tenant dicts without a layout key."""
    return {"scope": entry["scope"], "tenants": decode_tenant_table(entry["tenant_table"])}


def truncated_table(entry: dict) -> dict:
    return dict(entry, tenant_table=entry["tenant_table"][:-10])


@pytest.mark.parametrize("rewrite", [older_layout, truncated_table], ids=["older_layout", "truncated_table"])
def test_unusable_cache_entry_is_refetched(tmp_path, simulator, rewrite) -> None:
    cache = tmp_path / "cache"
    config = write_inventory_config(tmp_path, CACHED_CONFIG.format(cache=cache))
    first = inventory_list(run_inventory(tmp_path / "first", config, simulator.connection_environment()))

    [entry_file] = list(cache.iterdir())
    stored = json.loads(entry_file.read_text(encoding="utf-8"))
    # ansible-core 2.19 and later keep the plugin's entry as JSON text under "__payload__".
    if "__payload__" in stored:
        stored["__payload__"] = json.dumps(rewrite(json.loads(stored["__payload__"])))
    else:
        stored = rewrite(stored)
    entry_file.write_text(json.dumps(stored), encoding="utf-8")

    reset(simulator)
    second = inventory_list(run_inventory(tmp_path / "second", config, simulator.connection_environment()))
    assert stats(simulator)["operations"]["tenant.hierarchy"] == 1
    assert second == first

    reset(simulator)
    third = inventory_list(run_inventory(tmp_path / "third", config, simulator.connection_environment()))
    assert stats(simulator)["api_calls"] == 0
    assert third == first


def test_hostnames_from_tsg_id_and_constructed(tmp_path, simulator) -> None:
    config = write_inventory_config(
        tmp_path,
        """
plugin: prisma_sase.mt_monitor.tenants
hostname_source: tsg_id
compose:
  label: tenant_path | join(' / ')
groups:
  top_level: tenant_depth == 1
keyed_groups:
  - key: tenant_vertical
    prefix: vertical
""",
    )
    listing = inventory_list(run_inventory(tmp_path / "run", config, simulator.connection_environment()))
    hostvars = listing["_meta"]["hostvars"]

    assert all(host == variables["tenant_tsg_id"] for host, variables in hostvars.items())
    for host, variables in hostvars.items():
        assert variables["label"] == " / ".join(variables["tenant_path"])
        in_top = host in group_members(listing, "top_level")
        assert in_top is (variables["tenant_depth"] == 1)
        # keyed_groups replaces characters that group names cannot hold with '_'.
        vertical_group = "vertical_" + re.sub(r"[^A-Za-z0-9_]", "_", variables["tenant_vertical"])
        assert host in group_members(listing, vertical_group)


def test_verify_scopes_skips_denied_tenant(tmp_path, simulator) -> None:
    config = write_inventory_config(tmp_path, "plugin: prisma_sase.mt_monitor.tenants\n")
    full = inventory_list(run_inventory(tmp_path / "full", config, simulator.connection_environment()))
    hostvars = full["_meta"]["hostvars"]
    denied_host, denied = next(
        (host, variables)
        for host, variables in hostvars.items()
        if variables["tenant_tsg_id"] != DEMO_ROOT_TSG_ID
    )

    verifying = write_inventory_config(
        tmp_path / "verify", "plugin: prisma_sase.mt_monitor.tenants\nverify_scopes: true\n"
    )
    reset(simulator)
    add_fault(
        simulator,
        kind="status",
        operation="tenant.hierarchy",
        tsg_id=denied["tenant_tsg_id"],
        status=403,
    )
    try:
        run = run_inventory(tmp_path / "verify", verifying, simulator.connection_environment())
    finally:
        reset(simulator)

    listing = inventory_list(run)
    assert set(listing["_meta"]["hostvars"]) == set(hostvars) - {denied_host}
    assert denied["tenant_tsg_id"] in run.stderr
    assert "not authorised" in run.stderr


def test_playbook_runs_on_tenant_hosts(tmp_path, simulator, playbook_runner) -> None:
    config = write_inventory_config(tmp_path, "plugin: prisma_sase.mt_monitor.tenants\n")
    playbook = """
- name: Tenant hosts
  hosts: license_sase
  gather_facts: false
  tasks:
    - name: Run a module on the controller's Python
      ansible.builtin.command: "{{ ansible_python_interpreter }} -c 'import sys; print(sys.prefix)'"
      changed_when: false
"""
    run = playbook_runner(playbook, args=["-i", str(config)])

    assert run.rc == 0, run.output()
    results = [record for record in run.results if record["status"] == "ok"]
    assert results, run.output()
    assert all(record["result"]["stdout"].endswith(".venv") for record in results)


def test_api_text_is_not_templated(tmp_path, simulator_factory) -> None:
    hierarchy = tmp_path / "hierarchy.json"
    hierarchy.write_text(
        json.dumps(
            {
                "id": DEMO_ROOT_TSG_ID,
                "display_name": "{{ 7 * 6 }}",
                "cdlTenantId": "9000000001",
                "tenantLicenseType": "SASE",
                "region": ["us01"],
                "vertical": "{{ lookup('ansible.builtin.env', 'HOME') }}",
                "license_activated": True,
                "children": [],
            }
        ),
        encoding="utf-8",
    )
    target = simulator_factory(extra_args=["--hierarchy", str(hierarchy)])
    config = write_inventory_config(
        tmp_path, "plugin: prisma_sase.mt_monitor.tenants\ncompose:\n  shown: tenant_display_name\n"
    )
    run = run_inventory(tmp_path / "run", config, target.connection_environment())
    listing = inventory_list(run)
    raw = json.loads(run.stdout)
    variables = next(iter(listing["_meta"]["hostvars"].values()))
    raw_variables = next(iter(raw["_meta"]["hostvars"].values()))
    assert raw_variables["tenant_display_name"] == {"__ansible_unsafe": "{{ 7 * 6 }}"}
    assert variables["tenant_display_name"] == "{{ 7 * 6 }}"
    assert variables["shown"] == "{{ 7 * 6 }}"
    assert variables["tenant_vertical"] == "{{ lookup('ansible.builtin.env', 'HOME') }}"


def test_k08_inventory_reads_environment(tmp_path, simulator) -> None:
    config = write_inventory_config(tmp_path, "plugin: prisma_sase.mt_monitor.tenants\n")
    environment = dict(simulator.connection_environment(), PRISMA_SASE_VALIDATE_CERTS="false")
    listing = inventory_list(run_inventory(tmp_path / "run", config, environment))
    assert len(listing["_meta"]["hostvars"]) == simulator.tenants + 1


def k06_config(tmp_path: Path, auth_url: str) -> Path:
    return write_inventory_config(
        tmp_path,
        "plugin: prisma_sase.mt_monitor.tenants\nclient_secret: %s\nauth_url: %s\n"
        % (K06_SECRET, auth_url),
    )


def test_k06_inventory_token_401_hides_secret(tmp_path, simulator) -> None:
    config = k06_config(tmp_path, simulator.auth_url)
    run = run_inventory(tmp_path / "run", config, simulator.connection_environment(), ["--list", "-vvvv"])

    assert run.rc != 0
    output = run.stdout + run.stderr
    assert "inventory prisma_sase.mt_monitor.tenants failed" in output, run.output()
    assert "401" in output
    assert K06_SECRET not in output


def test_k06_inventory_closed_port_hides_secret(tmp_path, simulator) -> None:
    auth_url = "http://127.0.0.1:%d/oauth2/access_token" % closed_port()
    config = k06_config(tmp_path, auth_url)
    run = run_inventory(tmp_path / "run", config, simulator.connection_environment(), ["--list", "-vvvv"])

    assert run.rc != 0
    output = run.stdout + run.stderr
    assert "inventory prisma_sase.mt_monitor.tenants failed" in output, run.output()
    assert auth_url in output
    assert K06_SECRET not in output


def test_inventory_docs_render(tmp_path) -> None:
    run = run_ansible_doc(tmp_path, "inventory", "prisma_sase.mt_monitor.tenants")

    assert run.rc == 0, run.output()
    assert "[WARNING]" not in run.stderr, run.output()
    options = run.results[0]["doc"]["options"]
    assert {"hostname_source", "verify_scopes", "compose", "keyed_groups", "cache"} <= set(options)
    assert options["tsg_id"]["env"] == [{"name": "PRISMA_SASE_TSG_ID"}]
    assert "hostname_source" in run.stdout
