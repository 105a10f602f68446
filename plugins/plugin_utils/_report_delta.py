# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Comparison of a run's results with the previous run's JSON report.

This is a private module: its interface may change between releases.

A result is failing when its status is `fail`. `error` means the data was missing, so a
change between `fail` and `error` is listed under `other_changes`, never as fixed.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
from typing import Any

from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._report_files import (
    latest_name,
)

FAILING = "fail"
FIXED_STATUSES = ("pass",)

DELTA_LISTS = ("newly_failing", "fixed", "still_failing", "other_changes",
               "tenants_added", "tenants_removed")


class PreviousReportError(Exception):
    """The previous run's JSON report exists but cannot be read as a report."""


def empty_delta() -> dict[str, Any]:
    """Return the delta of a first run: no previous run and every list empty."""
    delta: dict[str, Any] = {"previous_generated_at": None, "first_run": True}
    for name in DELTA_LISTS:
        delta[name] = []
    delta["counts"] = {name: 0 for name in DELTA_LISTS}
    return delta


def load_previous_results(directory: str, stem: str) -> dict[str, Any] | None:
    """Read the results document from `<stem>-latest.json` in `directory`.

    Returns None when that file does not exist, and raises PreviousReportError when it is
    not a JSON report written by this collection.
    """
    path = os.path.join(directory, latest_name(stem, "json"))
    try:
        with open(path, "rb") as stream:
            document = json.load(stream)
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as error:
        raise PreviousReportError(
            f"previous report {path} could not be read ({type(error).__name__}); the delta "
            f"is left empty. Remove or replace that file to compare with it again") from None

    results = document.get("results") if isinstance(document, dict) else None
    if not isinstance(results, dict) or not isinstance(results.get("results"), list):
        raise PreviousReportError(
            f"previous report {path} has no results document; the delta is left empty. "
            f"Remove or replace that file to compare with it again")
    return results


def _statuses(results: dict[str, Any]) -> dict[tuple[str, str], str]:
    statuses = {}
    for item in results.get("results") or []:
        if isinstance(item, dict):
            statuses[(str(item.get("tsg_id")), str(item.get("control")))] = str(item.get("status"))
    return statuses


def _tenant_names(results: dict[str, Any]) -> dict[str, str]:
    names = {}
    for tenant in results.get("tenants") or []:
        if isinstance(tenant, dict) and tenant.get("tsg_id") is not None:
            names[str(tenant["tsg_id"])] = str(tenant.get("display_name") or "")
    return names


def compute_delta(previous: dict[str, Any] | None, current: dict[str, Any]) -> dict[str, Any]:
    """Compare two results documents per tenant and control.

    Each change is a dict with `tsg_id`, `display_name`, `control`, `previous_status` and
    `status`. Lists are sorted by TSG id and control id so the output is deterministic.
    """
    if previous is None:
        return empty_delta()

    before = _statuses(previous)
    after = _statuses(current)
    names = _tenant_names(previous)
    names.update(_tenant_names(current))

    delta = empty_delta()
    delta["first_run"] = False
    delta["previous_generated_at"] = previous.get("generated_at")

    for key in sorted(set(before) | set(after)):
        old = before.get(key)
        new = after.get(key)
        if old == new:
            if new == FAILING:
                delta["still_failing"].append(_change(key, names, old, new))
            continue

        if new == FAILING:
            delta["newly_failing"].append(_change(key, names, old, new))
        elif old == FAILING and new in FIXED_STATUSES:
            delta["fixed"].append(_change(key, names, old, new))
        elif old == FAILING:
            delta["other_changes"].append(_change(key, names, old, new))

    old_tenants = _tenant_names(previous)
    new_tenants = _tenant_names(current)
    for tsg_id in sorted(set(new_tenants) - set(old_tenants)):
        delta["tenants_added"].append({"tsg_id": tsg_id, "display_name": new_tenants[tsg_id]})
    for tsg_id in sorted(set(old_tenants) - set(new_tenants)):
        delta["tenants_removed"].append({"tsg_id": tsg_id, "display_name": old_tenants[tsg_id]})

    delta["counts"] = {name: len(delta[name]) for name in DELTA_LISTS}
    return delta


def _change(key: tuple[str, str], names: dict[str, str], old: str | None,
            new: str | None) -> dict[str, Any]:
    tsg_id, control = key
    return {
        "tsg_id": tsg_id,
        "display_name": names.get(tsg_id, ""),
        "control": control,
        "previous_status": old,
        "status": new,
    }
