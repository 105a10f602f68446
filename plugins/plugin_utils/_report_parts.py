# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Merge the parts of a sliced run into one results document and one dataset.

This is a private module: its interface may change between releases.

A sliced run gathers and evaluates each tenant on its own: the tenant host runs monitor_facts
and compliance_check with its TSG as the scope, so it writes one dataset part and one results
part. A part gathered for a reseller also contains the reseller's children, so every part
contributes only the tenant that it was gathered for (its scope, `root_tsg_id`). The merged
documents therefore do not depend on how the tenants were split into slices.

Run metadata differs from an unsliced run on purpose. `generated_at` and `collected_at` are
the latest of the parts, and the time window spans every part's window. `run.parts` lists each
part's scope and times. Each operation's `request` is that of the first part in tenant order.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
from typing import Any, Mapping, Sequence

from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._report_meta import (
    status_totals,
)


class PartsMergeError(ValueError):
    """The parts cannot form one report; the message names the part and the fix."""


def _scope_of(document: Mapping[str, Any], kind: str, index: int) -> str:
    scope = document.get("root_tsg_id")
    if kind == "results":
        scope = (document.get("run") or {}).get("root_tsg_id")
    if not scope:
        raise PartsMergeError("%s part %d has no root_tsg_id, so the tenant it was gathered for "
                              "is unknown; write parts with monitor_facts and compliance_check "
                              "of this collection" % (kind, index + 1))
    return str(scope)


def _index_parts(parts: Sequence[Mapping[str, Any]], kind: str) -> dict[str, Mapping[str, Any]]:
    by_scope: dict[str, Mapping[str, Any]] = {}
    for index, part in enumerate(parts):
        if not isinstance(part, Mapping):
            raise PartsMergeError("%s part %d is not a JSON object" % (kind, index + 1))
        scope = _scope_of(part, kind, index)
        if scope in by_scope:
            raise PartsMergeError("two %s parts were gathered for TSG %s; keep one part per "
                                  "tenant in the parts directory" % (kind, scope))
        by_scope[scope] = part
    return by_scope


def _check_own_tenant(document: Mapping[str, Any], scope: str, kind: str) -> None:
    for tenant in document.get("tenants") or []:
        if isinstance(tenant, Mapping) and str(tenant.get("tsg_id")) == scope:
            return
    raise PartsMergeError("%s part of TSG %s does not list that tenant among its tenants"
                          % (kind, scope))


def full_identities(parts: Sequence[Mapping[str, Any]]) -> dict[str, dict[str, Any]]:
    """Return each tenant's record with the longest path found in any part.

    A part lists its own tenant as a root (no parent, depth 0), so the record from a part
    gathered for an ancestor, which has the whole path, replaces it.
    """
    identities: dict[str, dict[str, Any]] = {}
    for part in parts:
        for tenant in part.get("tenants") or []:
            if not isinstance(tenant, Mapping):
                continue
            tsg_id = str(tenant.get("tsg_id"))
            known = identities.get(tsg_id)
            if known is None or len(tenant.get("path") or []) > len(known.get("path") or []):
                identities[tsg_id] = dict(tenant)
    return identities


def _tenant_order(tenant: Mapping[str, Any]) -> tuple[list[str], str]:
    # Parents first, then siblings by name: the same order for any split into slices.
    return [str(name) for name in tenant.get("path") or []], str(tenant.get("tsg_id"))


def _row_owner(row: Mapping[str, Any]) -> str | None:
    tenant = row.get("tenant")
    if isinstance(tenant, Mapping) and tenant.get("tsg_id") is not None:
        return str(tenant["tsg_id"])
    return None


def _unique(items: Sequence[Any]) -> list[Any]:
    """Drop repeated items (compared as sorted JSON), keeping the first of each."""
    seen: set[str] = set()
    kept = []
    for item in items:
        key = json.dumps(item, sort_keys=True, default=str)
        if key not in seen:
            seen.add(key)
            kept.append(item)
    return kept


def _check_same(parts: Mapping[str, Mapping[str, Any]], key: str, fix: str) -> Any:
    values = {json.dumps(part.get(key), sort_keys=True, default=str): scope
              for scope, part in parts.items()}
    if len(values) > 1:
        raise PartsMergeError("results parts differ in %s (for example the parts of TSG %s); %s"
                              % (key, ", ".join(sorted(values.values())), fix))
    return next(iter(parts.values())).get(key)


def merge_datasets(parts: Sequence[Mapping[str, Any]], order: Sequence[str],
                   identities: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """Merge dataset parts, keeping of each part the rows of the tenant it was gathered for.

    Rows that match no tenant are kept once, however many parts contain them.
    """
    by_scope = _index_parts(parts, "dataset")
    missing = sorted(set(order) - set(by_scope))
    if missing:
        raise PartsMergeError("no dataset part for TSG %s, which has a results part; write both "
                              "parts for every tenant" % ", ".join(missing))

    datasets: dict[str, dict[str, Any]] = {}
    errors: list[Any] = []
    regions: list[str] = []
    for scope in order:
        part = by_scope[scope]
        _check_own_tenant(part, scope, "dataset")
        errors.extend(part.get("errors") or [])
        regions.extend(part.get("regions") or [])
        for name, entry in (part.get("datasets") or {}).items():
            merged = datasets.setdefault(name, {"rows": [], "request": entry.get("request"),
                                                "regions": [], "partial": False})
            merged["rows"].extend(row for row in entry.get("rows") or []
                                  if _row_owner(row) in (scope, None))
            merged["regions"].extend(entry.get("regions") or [])
            merged["partial"] = bool(merged["partial"] or entry.get("partial"))

    for entry in datasets.values():
        entry["rows"] = _unique(entry["rows"])
        entry["regions"] = sorted(set(entry["regions"]))

    first = by_scope[order[0]]
    windows = [by_scope[scope].get("time_window") or {} for scope in order]
    starts = [window["from"] for window in windows if window.get("from")]
    ends = [window["to"] for window in windows if window.get("to")]
    merged_document = dict(first)
    merged_document.update({
        "collected_at": max(str(by_scope[scope].get("collected_at") or "") for scope in order),
        "time_window": {"from": min(starts) if starts else None,
                        "to": max(ends) if ends else None},
        "root_tsg_id": _merged_root(order, identities),
        "regions": sorted(set(regions)),
        "tenants": [dict(identities[scope]) for scope in order],
        "datasets": datasets,
        "errors": _unique(errors),
    })
    return merged_document


def _merged_root(order: Sequence[str], identities: Mapping[str, Mapping[str, Any]]) -> str:
    """Return the topmost tenant: the root TSG when every tenant took part."""
    tops = [scope for scope in order if identities[scope].get("parent_tsg_id") not in order]
    return tops[0] if len(tops) == 1 else order[0]


def merge_results(parts: Sequence[Mapping[str, Any]], identities: Mapping[str, Mapping[str, Any]]
                  ) -> tuple[dict[str, Any], list[str]]:
    """Merge results parts; return the merged document and the tenant order of the parts.

    Raises PartsMergeError when the parts were evaluated with different policies.
    """
    if not parts:
        raise PartsMergeError("no results parts to merge; run the gathering slices first or "
                              "pass results as a file or a document")
    by_scope = _index_parts(parts, "results")
    _check_same(by_scope, "policy", "evaluate every part with the same policy and overrides")
    _check_same(by_scope, "controls", "evaluate every part with the same policy and overrides")

    for scope, part in by_scope.items():
        _check_own_tenant(part, scope, "results")
    order = sorted(by_scope, key=lambda scope: _tenant_order(identities[scope]))

    results: list[Any] = []
    scores: dict[str, Any] = {}
    errors: list[Any] = []
    warnings: list[Any] = []
    for scope in order:
        part = by_scope[scope]
        results.extend(item for item in part.get("results") or []
                       if str(item.get("tsg_id")) == scope)
        if scope in (part.get("scores") or {}):
            scores[scope] = part["scores"][scope]
        errors.extend(part.get("errors") or [])
        warnings.extend(part.get("warnings") or [])

    first = by_scope[order[0]]
    run = dict(first.get("run") or {})
    run["root_tsg_id"] = _merged_root(order, identities)
    run["parts"] = [{"root_tsg_id": scope,
                     "generated_at": by_scope[scope].get("generated_at"),
                     "collected_at": (by_scope[scope].get("run") or {}).get("collected_at")}
                    for scope in order]
    run["collected_at"] = max(str(item["collected_at"] or "") for item in run["parts"])

    merged = dict(first)
    merged.update({
        "generated_at": max(str(by_scope[scope].get("generated_at") or "") for scope in order),
        "run": run,
        "tenants": [dict(identities[scope]) for scope in order],
        "results": results,
        "scores": scores,
        "errors": _unique(errors),
        "warnings": _unique(warnings),
    })
    merged["totals"] = status_totals(merged)
    return merged, order


def merge_parts(results_parts: Sequence[Mapping[str, Any]],
                dataset_parts: Sequence[Mapping[str, Any]]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Merge the results and dataset parts of a sliced run into one pair of documents."""
    identities = full_identities(list(results_parts) + list(dataset_parts))
    results, order = merge_results(results_parts, identities)
    dataset = merge_datasets(dataset_parts, order, identities)
    extra = sorted(set(_index_parts(dataset_parts, "dataset")) - set(order))
    if extra:
        raise PartsMergeError("dataset parts of TSG %s have no results part; evaluate them with "
                              "compliance_check or remove them" % ", ".join(extra))
    return results, dataset
