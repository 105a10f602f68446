# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Waivers: loading, validation, matching by TSG id, name or glob, expiry, and effect on results."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime

import pytest

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._controls import evaluate
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._policy_schema import (
    PolicyError,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._policy_waivers import (
    find_waiver,
    load_waivers,
    tenant_matches,
)
from ansible_collections.prisma_sase.mt_monitor.tests.unit.plugins.module_utils.dataset_factory import (
    NOW,
    make_control,
    make_document,
    make_entry,
    make_row,
    make_tenant,
)

POLICY = {"controls": [make_control()]}


def waiver(**changes):
    entry = {"control": "ACME-001", "tenant": "Gold Bank", "reason": "Alert storm from a planned migration",
             "expires": "2026-12-31", "approved_by": "soc-lead@example.com"}
    entry.update(changes)
    return entry


def document(counts):
    names = ["Gold Bank", "Silver Shop", "Gold Mine"]
    tenants = [make_tenant(index, name=name) for index, name in enumerate(names[:len(counts)])]
    rows = [make_row(tenant, total_count=count) for tenant, count in zip(tenants, counts)]
    return make_document(tenants, {"alerts.list": make_entry(rows)})


def test_load_waivers_normalises():
    loaded = load_waivers([waiver(expires=datetime.date(2026, 12, 31))])
    assert loaded == [{"control": "ACME-001", "tenant": "Gold Bank", "reason": "Alert storm from a planned migration",
                       "expires": datetime.date(2026, 12, 31), "approved_by": "soc-lead@example.com"}]
    assert load_waivers({"waivers": [waiver()]})[0]["expires"] == datetime.date(2026, 12, 31)
    assert load_waivers(None) == []


@pytest.mark.parametrize(("changes", "expected"), [
    ({"reason": ""}, "waivers[0]: reason is missing; every waiver must say why the risk is accepted"),
    ({"reason": None}, "waivers[0]: reason is missing; every waiver must say why the risk is accepted"),
    ({"expires": None}, "waivers[0]: expires is missing; give the last valid day as YYYY-MM-DD"),
    ({"expires": "next year"}, "waivers[0]: expires 'next year' is not a date; write it as YYYY-MM-DD"),
    ({"tenant": ""}, "waivers[0]: tenant is missing; give a control id and a tenant (TSG id, name or glob)"),
    ({"note": "x"}, "waivers[0]: key 'note' is not known (valid: control, tenant, reason, expires, approved_by)"),
])
def test_invalid_waiver_names_problem(changes, expected):
    with pytest.raises(PolicyError) as info:
        load_waivers([waiver(**changes)])
    assert info.value.problems == [expected]
    assert str(info.value).startswith("waivers is invalid: ")


def test_waiver_without_expiry_key_is_invalid():
    entry = waiver()
    del entry["expires"]
    with pytest.raises(PolicyError):
        load_waivers([entry])


def test_waivers_document_must_be_list():
    with pytest.raises(PolicyError) as info:
        load_waivers({"control": "x"})
    assert info.value.problems == ["waivers must be a list of mappings, not 'dict'"]


def test_waivers_file(tmp_path):
    path = tmp_path / "waivers.yml"
    path.write_text("waivers:\n  - control: ACME-*\n    tenant: '1000000002'\n    reason: Accepted\n"
                    "    expires: 2027-01-31\n", encoding="utf-8")
    loaded = load_waivers(str(path))
    assert loaded[0]["expires"] == datetime.date(2027, 1, 31)
    assert loaded[0]["approved_by"] == ""


def test_tenant_matches_id_name_glob():
    tenant = {"tsg_id": "1000000002", "display_name": "Gold Bank"}
    assert tenant_matches("1000000002", tenant)
    assert tenant_matches("Gold Bank", tenant)
    assert tenant_matches("Gold*", tenant)
    assert tenant_matches("100000000[0-2]", tenant)
    assert not tenant_matches("gold bank", tenant)
    assert not tenant_matches("Silver*", tenant)


def test_find_waiver_respects_expiry_day():
    loaded = load_waivers([waiver(expires="2026-12-04")])
    tenant = {"tsg_id": "1", "display_name": "Gold Bank"}
    assert find_waiver(loaded, "ACME-001", tenant, datetime.date(2026, 12, 4)) is loaded[0]
    assert find_waiver(loaded, "ACME-001", tenant, datetime.date(2026, 12, 5)) is None


def test_valid_waiver_turns_fail_into_waived():
    results = evaluate(document([9, 9]), POLICY, waivers=[waiver()], now=NOW)
    first, second = results["results"]
    assert first["status"] == "waived"
    assert first["waiver"] == {"control": "ACME-001", "tenant": "Gold Bank",
                               "reason": "Alert storm from a planned migration", "expires": "2026-12-31",
                               "approved_by": "soc-lead@example.com", "status": "fail"}
    assert first["message"].startswith("Waived until 2026-12-31 (Alert storm from a planned migration): The sum")
    assert first["evidence"]["observed"] == 9
    assert second["status"] == "fail"
    assert second["waiver"] is None
    assert results["warnings"] == []


def test_waiver_covers_warn_not_pass_or_error():
    docs = document([3, 0, 0])
    docs["datasets"]["alerts.list"]["rows"][2]["total_count"] = "many"
    results = evaluate(docs, POLICY, waivers=[waiver(tenant="*")], now=NOW)
    assert [result["status"] for result in results["results"]] == ["waived", "error", "pass"]
    assert results["results"][0]["waiver"]["status"] == "warn"


def test_expired_waiver_is_ignored_with_warning():
    results = evaluate(document([9]), POLICY, waivers=[waiver(expires="2026-12-03")], now=NOW)
    assert results["results"][0]["status"] == "fail"
    assert results["warnings"] == [
        "the waiver of control ACME-001 for tenant Gold Bank expired on 2026-12-03 and is ignored; renew or remove it"]


def test_waiver_for_unknown_control_warns():
    results = evaluate(document([9]), POLICY, waivers=[waiver(control="LIC-404")], now=NOW)
    assert results["results"][0]["status"] == "fail"
    assert results["warnings"] == ["the waiver of control LIC-404 for tenant Gold Bank names no control of the policy"]


def test_glob_waiver_and_scores():
    results = evaluate(document([9, 9, 9]), POLICY, waivers=[waiver(tenant="Gold*", control="ACME-*")], now=NOW)
    # Tenants are ordered by path: Gold Bank, Gold Mine, Silver Shop.
    assert [result["status"] for result in results["results"]] == ["waived", "waived", "fail"]
    assert results["scores"]["1000000002"] == {
        "score": None, "pass": 0, "fail": 0, "warn": 0, "error": 0, "skip": 0, "waived": 1}
    assert results["totals"]["waived"] == 2
    assert results["totals"]["fail"] == 1
