# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Policy loading, validation, extends, overrides, tenant groups and disabled controls."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import json

import pytest

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._controls import evaluate
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._errors import (
    InvalidInputError,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._policy import load_policy
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._policy_default import (
    DEFAULT_POLICY,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._policy_schema import (
    PolicyError,
)
from ansible_collections.prisma_sase.mt_monitor.tests.unit.plugins.module_utils.dataset_factory import (
    NOW,
    make_control,
    make_document,
    make_entry,
    make_row,
    make_tenant,
)


def user_control(**changes):
    """Return a valid control that fails on any alert; a ``check`` in ``changes`` replaces the check."""
    check = changes.pop("check", {"field": "total_count", "comparison": "gt", "threshold": 0, "aggregate": "sum"})
    control = make_control(**dict({"severity": "low", "warn_threshold": None}, **changes))
    control["check"] = check
    return control


def problems_of(document):
    with pytest.raises(PolicyError) as info:
        load_policy(document)
    return info.value.problems


def test_default_policy_loads():
    policy = load_policy(None)
    assert policy["name"] == "default"
    assert policy["source"] == "built-in"
    assert [control["id"] for control in policy["controls"]] == sorted(c["id"] for c in DEFAULT_POLICY["controls"])
    assert policy["digest"] == load_policy("default")["digest"]


def test_default_policy_data_not_mutated():
    before = copy.deepcopy(DEFAULT_POLICY)
    load_policy({"extends": "default", "overrides": {"LIC-001": {"threshold": 50}}, "disabled": ["APP-001"]})
    assert before == DEFAULT_POLICY


def test_policy_error_is_invalid_input():
    with pytest.raises(InvalidInputError):
        load_policy({"controls": "nope"})


def test_unknown_comparison_names_value_and_choices():
    control = user_control(check={"field": "total_count", "comparison": "greater", "threshold": 1})
    problems = problems_of({"controls": [control]})
    assert problems == [
        ("control 'ACME-001': check.comparison 'greater' is not valid (valid: gt, ge, lt, le, eq, ne, in, not_in, "
         "within_days, older_than_hours, version_behind)")]


def test_unknown_operation_lists_catalog_names():
    problems = problems_of({"controls": [user_control(operation="alerts.lists")]})
    assert len(problems) == 1
    assert problems[0].startswith("control 'ACME-001': operation 'alerts.lists' is not a known operation (valid: ")
    assert "alerts.list, " in problems[0]
    assert "urls.summary" in problems[0]


def test_missing_field_is_named():
    control = user_control()
    del control["check"]["field"]
    assert problems_of({"controls": [control]}) == [
        "control 'ACME-001': check.field is missing; name the row field to compare"]


def test_missing_required_keys_are_named():
    problems = problems_of({"controls": [{"id": "ACME-002"}]})
    for key in ("title", "family", "severity", "operation", "check", "remediation"):
        assert "control 'ACME-002': %s is missing" % key in problems


def test_duplicate_id_is_rejected():
    problems = problems_of({"controls": [user_control(), user_control()]})
    assert problems == ["control 'ACME-001': id is defined twice in controls; give each control its own id"]


@pytest.mark.parametrize(("comparison", "threshold", "expected"), [
    ("gt", "90", "control 'ACME-001': check.threshold '90' is not a number; comparison 'gt' needs a number such as 90"),
    ("gt", True, "control 'ACME-001': check.threshold True is not a number; comparison 'gt' needs a number such as 90"),
    ("in", "Down", ("control 'ACME-001': check.threshold 'Down' is not a list of values; comparison 'in' needs one "
                    "such as [Down]")),
    ("within_days", -1, ("control 'ACME-001': check.threshold -1 is not a number of 0 or more; comparison "
                         "'within_days' needs one such as 30")),
    ("eq", ["a"], ("control 'ACME-001': check.threshold ['a'] is not a single value; comparison 'eq' needs a string, "
                   "number or boolean")),
])
def test_threshold_type_is_checked(comparison, threshold, expected):
    control = user_control(check={"field": "total_count", "comparison": comparison, "threshold": threshold})
    assert problems_of({"controls": [control]}) == [expected]


def test_missing_threshold_is_named():
    control = user_control(check={"field": "total_count", "comparison": "gt"})
    assert problems_of({"controls": [control]}) == [
        "control 'ACME-001': check.threshold is missing; comparison 'gt' needs one"]


def test_warn_threshold_type_is_checked():
    problems = problems_of({"controls": [user_control(warn_threshold="high")]})
    assert problems == [("control 'ACME-001': warn_threshold 'high' is not a number; comparison 'gt' needs a number "
                        "such as 90")]


@pytest.mark.parametrize(("changes", "expected"), [
    ({"family": "dns"}, ("control 'ACME-001': family 'dns' is not valid (valid: alerts, applications, connectivity, "
                         "incidents, license, threats, upgrades, urls)")),
    ({"severity": "urgent"}, ("control 'ACME-001': severity 'urgent' is not valid (valid: critical, high, medium, low, "
                              "info)")),
    ({"missing": "ignore"}, "control 'ACME-001': missing 'ignore' is not valid (valid: skip, pass, error)"),
    ({"enabled": "yes"}, "control 'ACME-001': enabled 'yes' is not true or false"),
    ({"frameworks": "CIS"}, "control 'ACME-001': frameworks 'CIS' is not a list of strings"),
    ({"id": "bad id!"}, ("control 'bad id!': id 'bad id!' is not valid; use letters, digits, '-', '_' or '.', "
                         "such as ACME-001")),
    ({"thresold": 3}, ("control 'ACME-001': key 'thresold' in the control is not known (valid: id, title, family, "
                       "severity, operation, check, warn_threshold, missing, applies_to, remediation, description, "
                       "frameworks, enabled)")),
    ({"applies_to": {"license": ["SASE"]}}, ("control 'ACME-001': key 'license' in applies_to is not known (valid: "
                                             "license_types, regions, tenant_groups)")),
])
def test_control_key_errors(changes, expected):
    assert problems_of({"controls": [user_control(**changes)]}) == [expected]


def test_aggregate_and_comparison_must_fit():
    control = user_control(check={"field": "status", "comparison": "in", "threshold": ["Down"], "aggregate": "sum"})
    assert problems_of({"controls": [control]}) == [
        ("control 'ACME-001': check.aggregate 'sum' gives one number per tenant, so the comparison must be one of gt, "
         "ge, lt, le, eq, ne, not 'in'")]


def test_every_problem_is_reported_at_once():
    bad = user_control(severity="urgent", operation="nope")
    problems = problems_of({"controls": [bad, user_control(id="ACME-002", family="dns")]})
    assert len(problems) == 3


def test_empty_policy_needs_controls_or_extends():
    assert problems_of({"name": "x"}) == [
        "the policy has no controls; add a controls list or set 'extends: default'"]


def test_unknown_top_level_key_and_extends():
    problems = problems_of({"extends": "strict", "control": []})
    assert "key 'control' of the policy is not known (valid: name, version, description, extends, controls, " \
           "overrides, disabled, tenant_groups)" in problems
    assert "extends 'strict' is not valid; the only policy to extend is 'default'" in problems


def test_extends_adds_and_replaces_controls():
    replacement = dict(copy.deepcopy(DEFAULT_POLICY["controls"][0]), title="Replaced")
    policy = load_policy({"extends": "default", "controls": [user_control(), replacement]})
    ids = [control["id"] for control in policy["controls"]]
    assert "ACME-001" in ids
    assert len(ids) == len(DEFAULT_POLICY["controls"]) + 1
    replaced = next(control for control in policy["controls"] if control["id"] == replacement["id"])
    assert replaced["title"] == "Replaced"


def test_without_extends_only_user_controls():
    policy = load_policy({"controls": [user_control()]})
    assert [control["id"] for control in policy["controls"]] == ["ACME-001"]
    assert policy["name"] == "custom"


def test_disabled_removes_controls():
    policy = load_policy({"extends": "default", "disabled": ["LIC-001", "APP-001"],
                          "controls": [user_control(enabled=False)]})
    ids = [control["id"] for control in policy["controls"]]
    assert "LIC-001" not in ids
    assert "APP-001" not in ids
    assert "ACME-001" not in ids


def test_disabled_unknown_id_is_rejected():
    problems = problems_of({"extends": "default", "disabled": ["LIC-999"]})
    assert len(problems) == 1
    assert problems[0].startswith("disabled: control 'LIC-999' is not in the policy (known: ALR-001, APP-001")


def test_override_sets_threshold_and_severity():
    policy = load_policy({"extends": "default",
                          "overrides": {"LIC-001": {"threshold": 95, "warn_threshold": 85, "severity": "critical"}}})
    control = next(control for control in policy["controls"] if control["id"] == "LIC-001")
    assert control["check"]["threshold"] == 95
    assert control["warn_threshold"] == 85
    assert control["severity"] == "critical"


def test_override_can_disable():
    policy = load_policy({"extends": "default", "overrides": {"LIC-001": {"enabled": False}}})
    assert "LIC-001" not in [control["id"] for control in policy["controls"]]


def test_override_errors_are_named():
    problems = problems_of({"extends": "default", "overrides": {
        "LIC-001": {"threshold": "high", "colour": "red"},
        "LIC-999": {"threshold": 1},
        "UPG-001": {"tenant_groups": {"gold": {"severity": "urgent"}}},
    }})
    assert "overrides.LIC-001: key 'colour' in the override is not known (valid: threshold, warn_threshold, " \
           "enabled, severity, tenant_groups)" in problems
    assert "overrides.LIC-001: threshold 'high' is not a number; comparison 'gt' needs a number such as 90" in problems
    assert any(problem.startswith("overrides.LIC-999: control 'LIC-999' is not in the policy") for problem in problems)
    assert "overrides.UPG-001.tenant_groups.gold: severity 'urgent' is not valid (valid: critical, high, medium, " \
           "low, info)" in problems


def test_override_digest_changes():
    assert load_policy({"extends": "default", "overrides": {"LIC-001": {"threshold": 95}}})["digest"] != \
        load_policy(None)["digest"]


def alert_tenants_document():
    tenants = [make_tenant(0, name="Gold Bank"), make_tenant(1, name="Silver Shop")]
    rows = [make_row(tenant, total_count=3) for tenant in tenants]
    return make_document(tenants, {"alerts.list": make_entry(rows)})


def test_tenant_group_override_changes_one_tenant():
    policy = {"controls": [user_control()], "tenant_groups": {"gold": ["Gold*"]},
              "overrides": {"ACME-001": {"tenant_groups": {"gold": {"threshold": 10, "severity": "critical"}}}}}
    results = evaluate(alert_tenants_document(), policy, now=NOW)["results"]
    assert [(result["status"], result["severity"]) for result in results] == [("pass", "critical"), ("fail", "low")]
    assert results[0]["evidence"]["threshold"] == 10


def test_tenant_group_override_disables_for_group():
    policy = {"controls": [user_control()],
              "overrides": {"ACME-001": {"tenant_groups": {"gold": {"enabled": False}}}}}
    results = evaluate(alert_tenants_document(), policy, now=NOW, tenant_groups={"gold": ["1000000002"]})
    assert [result["status"] for result in results["results"]] == ["skip", "fail"]
    assert results["results"][0]["message"] == "Not applicable: the control is disabled for tenant group gold."


def test_tenant_groups_argument_replaces_policy_group():
    policy = {"controls": [user_control()], "tenant_groups": {"gold": ["Gold*"]},
              "overrides": {"ACME-001": {"tenant_groups": {"gold": {"enabled": False}}}}}
    results = evaluate(alert_tenants_document(), policy, now=NOW, tenant_groups={"gold": ["Silver*"]})
    assert [result["status"] for result in results["results"]] == ["fail", "skip"]


def test_later_group_override_wins():
    policy = {"controls": [user_control()],
              "tenant_groups": {"a-group": ["Gold*"], "b-group": ["Gold*"]},
              "overrides": {"ACME-001": {"tenant_groups": {"a-group": {"threshold": 1}, "b-group": {"threshold": 10}}}}}
    results = evaluate(alert_tenants_document(), policy, now=NOW)["results"]
    assert results[0]["evidence"]["threshold"] == 10


def test_invalid_tenant_groups():
    assert problems_of({"controls": [user_control()], "tenant_groups": {"gold": "Gold*"}}) == [
        "tenant_groups.gold 'Gold*' is not a list of TSG ids, names or globs"]


def test_policy_file_yaml(tmp_path):
    path = tmp_path / "policy.yml"
    path.write_text(
        "name: acme\n"
        "version: '2'\n"
        "extends: default\n"
        "disabled: [APP-001]\n"
        "overrides:\n"
        "  LIC-001:\n"
        "    threshold: 95\n"
        "controls:\n"
        "  - id: ACME-001\n"
        "    title: Alerts are open\n"
        "    family: alerts\n"
        "    severity: low\n"
        "    operation: alerts.list\n"
        "    check: {field: total_count, comparison: gt, threshold: 0, aggregate: sum}\n"
        "    remediation: Triage the alerts.\n",
        encoding="utf-8")
    policy = load_policy(str(path))
    assert policy["name"] == "acme"
    assert policy["version"] == "2"
    assert policy["source"] == str(path)
    ids = [control["id"] for control in policy["controls"]]
    assert "ACME-001" in ids
    assert "APP-001" not in ids


def test_policy_file_json(tmp_path):
    path = tmp_path / "policy.json"
    path.write_text(json.dumps({"controls": [user_control()]}), encoding="utf-8")
    assert [control["id"] for control in load_policy(str(path))["controls"]] == ["ACME-001"]


def test_policy_file_errors(tmp_path):
    missing = tmp_path / "absent.yml"
    assert problems_of(str(missing))[0].startswith("failed to read policy file %r" % str(missing))
    broken = tmp_path / "broken.yml"
    broken.write_text("controls: [\n", encoding="utf-8")
    assert "is not valid YAML" in problems_of(str(broken))[0]
    broken_json = tmp_path / "broken.json"
    broken_json.write_text("{", encoding="utf-8")
    assert "is not valid JSON" in problems_of(str(broken_json))[0]
    scalar = tmp_path / "scalar.yml"
    scalar.write_text("just text\n", encoding="utf-8")
    assert problems_of(str(scalar)) == ["the policy document is 'str', not a mapping with a controls list"]


def test_policy_source_type_is_checked():
    assert problems_of(42) == ["policy 42 is not a mapping, a file path or 'default'"]


def test_error_message_lists_problems():
    with pytest.raises(PolicyError) as info:
        load_policy({"controls": [user_control(severity="urgent")]})
    assert str(info.value) == ("policy is invalid: control 'ACME-001': severity 'urgent' is not valid (valid: "
                               "critical, high, medium, low, info)")
