# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The controls engine: evaluate a policy against a dataset and build the results document.

This is a private module: its interface may change between releases. Standard library only.
The dataset and results documents are described in docs/architecture.md and the policy format
in docs/controls.md.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime
import fnmatch
import json
from typing import Any, Callable, Dict, List, Optional, Set, Tuple

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._controls_checks import (
    FleetVersions,
    field_values,
    row_matches,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._controls_decide import decide
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._controls_scope import (
    Coverage,
    groups_of,
    not_applicable_reason,
    tenant_sort_key,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._controls_score import (
    scores_and_totals,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._controls_units import (
    UTC,
    format_datetime,
    to_datetime,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._policy import load_policy
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._policy_schema import (
    PolicyError,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._policy_waivers import (
    find_waiver,
    is_expired,
    load_waivers,
)

RESULTS_SCHEMA_VERSION = 1
CONTROL_SUMMARY_KEYS = ("id", "title", "family", "severity", "operation", "description", "remediation", "frameworks")


def evaluate(
    dataset: Dict[str, Any],
    policy: Any = None,
    waivers: Any = None,
    now: Any = None,
    tenant_groups: Optional[Dict[str, List[str]]] = None,
) -> Dict[str, Any]:
    """Evaluate every enabled control of ``policy`` for every tenant of ``dataset``.

    ``policy`` is a policy resolved by ``load_policy`` or anything ``load_policy`` accepts (None
    for the built-in one). ``waivers`` is anything ``load_waivers`` accepts. ``now`` (a datetime
    or ISO 8601 text, default the current UTC time) is the reference for expiry and age checks.
    ``tenant_groups`` maps a group name to TSG ids, display names or globs, and replaces a
    group of the same name in the policy. Returns the results document.
    """
    resolved = policy if isinstance(policy, dict) and "digest" in policy else load_policy(policy)
    waiver_list = load_waivers(waivers)
    moment = _reference_time(now)
    groups = _merge_groups(resolved["tenant_groups"], tenant_groups)
    warnings: List[str] = []

    tenants = sorted(dataset.get("tenants") or [], key=tenant_sort_key)
    controls = resolved["controls"]
    rows_by_operation = _index_rows(dataset, {control["operation"] for control in controls}, warnings)
    fleets = _fleet_versions(controls, rows_by_operation)
    coverage = Coverage(dataset)
    _warn_about_waivers(waiver_list, controls, moment.date(), warnings)
    _warn_about_groups(controls, groups, warnings)

    results = []
    for tenant in tenants:
        tenant_group_names = groups_of(tenant, groups)
        for control in controls:
            result = _evaluate_one(control, tenant, tenant_group_names, rows_by_operation, fleets, coverage, moment)
            _apply_waiver(result, waiver_list, tenant, moment.date())
            results.append(result)

    tally = scores_and_totals([str(tenant.get("tsg_id")) for tenant in tenants], results)
    return {
        "schema_version": RESULTS_SCHEMA_VERSION,
        "generated_at": format_datetime(moment),
        "run": {
            "collected_at": dataset.get("collected_at"),
            "time_window": dataset.get("time_window") or {},
            "regions": list(dataset.get("regions") or []),
            "root_tsg_id": dataset.get("root_tsg_id"),
        },
        "policy": {"name": resolved["name"], "version": resolved["version"], "source": resolved["source"],
                   "digest": resolved["digest"]},
        "controls": [_control_summary(control) for control in controls],
        "tenants": tenants,
        "results": results,
        "scores": tally["scores"],
        "totals": tally["totals"],
        "errors": sorted(dataset.get("errors") or [], key=_error_sort_key),
        "warnings": warnings,
    }


def _reference_time(now: Any) -> datetime.datetime:
    if now is None:
        return datetime.datetime.now(UTC)
    return to_datetime(now)


def _merge_groups(
    policy_groups: Dict[str, List[str]], extra: Optional[Dict[str, List[str]]]
) -> Dict[str, List[str]]:
    merged = dict(policy_groups)
    for name, members in (extra or {}).items():
        if not isinstance(members, (list, tuple)):
            raise PolicyError(["tenant_groups.%s %r is not a list of TSG ids, names or globs" % (name, members)],
                              "tenant_groups")
        merged[str(name)] = [str(member) for member in members]
    return merged


def _error_sort_key(error: Dict[str, Any]) -> Tuple[str, ...]:
    return tuple(str(error.get(key) or "") for key in ("operation", "region", "tsg_id", "kind", "message"))


def _index_rows(
    dataset: Dict[str, Any], operations: Set[str], warnings: List[str]
) -> Dict[str, Dict[str, List[Dict[str, Any]]]]:
    """Group each needed operation's rows by the TSG id of their matched tenant."""
    datasets = dataset.get("datasets") or {}
    index: Dict[str, Dict[str, List[Dict[str, Any]]]] = {}
    for operation in sorted(operations):
        by_tenant: Dict[str, List[Dict[str, Any]]] = {}
        unmatched = 0
        for row in (datasets.get(operation) or {}).get("rows") or []:
            tenant = row.get("tenant") if isinstance(row, dict) else None
            if not tenant or not tenant.get("tsg_id"):
                unmatched += 1
                continue
            by_tenant.setdefault(str(tenant["tsg_id"]), []).append(row)
        if unmatched:
            warnings.append("%d rows of %s match no tenant of the hierarchy and were not evaluated" % (
                unmatched, operation))
        for rows in by_tenant.values():
            if len(rows) > 1:
                # Rows arrive in the order of regions and API responses; sorting them makes the
                # evidence the same for the same data.
                rows.sort(key=_row_sort_key)
        index[operation] = by_tenant
    return index


def _row_sort_key(row: Dict[str, Any]) -> str:
    return json.dumps(row, sort_keys=True, default=str)


def _fleet_versions(
    controls: List[Dict[str, Any]], rows_by_operation: Dict[str, Dict[str, List[Dict[str, Any]]]]
) -> Dict[str, FleetVersions]:
    """Collect, per version_behind control, the versions of its field across every tenant."""
    fleets = {}
    for control in controls:
        check = control["check"]
        if check["comparison"] != "version_behind":
            continue
        values = []
        for rows in rows_by_operation[control["operation"]].values():
            for row in rows:
                if row_matches(row, check["where"]):
                    values.extend(value for _path, value in field_values(row, check["field"]) if value is not None)
        fleets[control["id"]] = FleetVersions(values)
    return fleets


def _effective_settings(control: Dict[str, Any], group_names: List[str]) -> Dict[str, Any]:
    """Apply the control's tenant-group overrides in group-name order; a later group wins."""
    settings = {
        "threshold": control["check"]["threshold"],
        "warn_threshold": control["warn_threshold"],
        "severity": control["severity"],
        "enabled": True,
        "group": None,
    }
    for name in group_names:
        override = control["group_overrides"].get(name)
        if override:
            settings.update(override)
            settings["group"] = name
    return settings


def _evaluate_one(
    control: Dict[str, Any],
    tenant: Dict[str, Any],
    group_names: List[str],
    rows_by_operation: Dict[str, Dict[str, List[Dict[str, Any]]]],
    fleets: Dict[str, FleetVersions],
    coverage: Coverage,
    now: datetime.datetime,
) -> Dict[str, Any]:
    check = control["check"]
    settings = _effective_settings(control, group_names)
    operation = control["operation"]
    tsg_id = str(tenant.get("tsg_id"))
    base_evidence = {
        "operation": operation,
        "field": check["field"] or "rows",
        "observed": None,
        "comparison": check["comparison"],
        "threshold": settings["threshold"],
        "warn_threshold": settings["warn_threshold"],
        "unit": check.get("unit") or "",
        "rows": 0,
    }

    def result(status: str, message: str, evidence: Dict[str, Any]) -> Dict[str, Any]:
        return {"tsg_id": tsg_id, "control": control["id"], "status": status, "severity": settings["severity"],
                "message": message, "evidence": evidence, "waiver": None}

    reason = not_applicable_reason(control, tenant, group_names)
    if reason:
        return result("skip", "Not applicable: %s." % reason, base_evidence)
    if not settings["enabled"]:
        return result("skip", "Not applicable: the control is disabled for tenant group %s." % settings["group"],
                      base_evidence)

    problem = coverage.problem(operation, tenant)
    if problem:
        return result("error", "No result: %s." % problem, base_evidence)

    tenant_rows = rows_by_operation[operation].get(tsg_id, [])
    rows = [row for row in tenant_rows if row_matches(row, check["where"])]
    if not rows:
        return _missing_result(control, coverage, tenant_rows, base_evidence, result)

    status, message, evidence = decide(
        check, settings["threshold"], settings["warn_threshold"], rows, now, fleets.get(control["id"]))
    evidence["operation"] = operation
    return result(status, message, dict(base_evidence, **evidence))


def _missing_result(
    control: Dict[str, Any],
    coverage: Coverage,
    tenant_rows: List[Dict[str, Any]],
    evidence: Dict[str, Any],
    result: Callable[[str, str, Dict[str, Any]], Dict[str, Any]],
) -> Dict[str, Any]:
    """Decide the status when no row of the tenant passes the where filter."""
    operation = control["operation"]
    where = control["check"]["where"]
    if tenant_rows and where:
        missing_rows = "none of the tenant's %d rows of %s match %s" % (len(tenant_rows), operation, _where_text(where))
    elif where:
        missing_rows = "%s has no rows for this tenant that match %s" % (operation, _where_text(where))
    else:
        missing_rows = "%s has no rows for this tenant" % operation

    entry = coverage.entry(operation) or {}
    if entry.get("partial") and not coverage.has_error_records(operation):
        # Without error records the engine cannot tell which region or tenant the partial
        # response left out, so absence is not trusted. With records, Coverage has already
        # turned the affected tenants into errors, and absence elsewhere is real.
        return result("error", "No result: %s, and the operation returned partial data." % missing_rows, evidence)
    missing = control["missing"]
    if missing == "skip":
        return result("skip", "Not applicable: %s." % missing_rows, evidence)
    if missing == "pass":
        return result("pass", "Passed: %s, which for this control means nothing to report." % missing_rows, evidence)
    return result("error", "No result: %s, and this control needs data." % missing_rows, evidence)


def _where_text(where: Dict[str, Any]) -> str:
    return " and ".join("%s=%s" % (key, "|".join(map(str, value)) if isinstance(value, list) else value)
                        for key, value in sorted(where.items()))


def _apply_waiver(
    result: Dict[str, Any], waivers: List[Dict[str, Any]], tenant: Dict[str, Any], today: datetime.date
) -> None:
    """Turn a fail or warn result into ``waived`` when an unexpired waiver matches."""
    if result["status"] not in ("fail", "warn") or not waivers:
        return
    waiver = find_waiver(waivers, result["control"], tenant, today)
    if waiver is None:
        return
    result["waiver"] = {
        "control": waiver["control"],
        "tenant": waiver["tenant"],
        "reason": waiver["reason"],
        "expires": waiver["expires"].isoformat(),
        "approved_by": waiver["approved_by"],
        "status": result["status"],
    }
    result["message"] = "Waived until %s (%s): %s" % (
        waiver["expires"].isoformat(), waiver["reason"], result["message"])
    result["status"] = "waived"


def _warn_about_waivers(
    waivers: List[Dict[str, Any]], controls: List[Dict[str, Any]], today: datetime.date, warnings: List[str]
) -> None:
    control_ids = {control["id"] for control in controls}
    for waiver in waivers:
        if is_expired(waiver, today):
            warnings.append("the waiver of control %s for tenant %s expired on %s and is ignored; renew or remove it"
                            % (waiver["control"], waiver["tenant"], waiver["expires"].isoformat()))
        elif not any(cid == waiver["control"] or _glob(cid, waiver["control"]) for cid in control_ids):
            warnings.append("the waiver of control %s for tenant %s names no control of the policy" % (
                waiver["control"], waiver["tenant"]))


def _glob(value: str, pattern: str) -> bool:
    return fnmatch.fnmatchcase(value, pattern)


def _warn_about_groups(
    controls: List[Dict[str, Any]], groups: Dict[str, List[str]], warnings: List[str]
) -> None:
    named = set()
    for control in controls:
        named.update(control["applies_to"]["tenant_groups"])
        named.update(control["group_overrides"])
    for name in sorted(named - set(groups)):
        warnings.append("tenant group %s is used by the policy but has no members; define it in tenant_groups" % name)


def _control_summary(control: Dict[str, Any]) -> Dict[str, Any]:
    summary = {key: control[key] for key in CONTROL_SUMMARY_KEYS}
    check = control["check"]
    summary["check"] = {key: check[key] for key in ("field", "comparison", "threshold", "unit", "where", "aggregate")}
    summary["warn_threshold"] = control["warn_threshold"]
    return summary
