# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The fail_on decision of the report action, for scheduled audits.

This is a private module: its interface may change between releases.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from typing import Any, Mapping

# `none` never fails, `fail` fails on any fail result, `error` also fails on error results
# (data that could not be collected), so each choice is stricter than the one before.
FAIL_ON_CHOICES = ("none", "fail", "error")
FAILING_STATUSES = {"none": (), "fail": ("fail",), "error": ("fail", "error")}


def failing_counts(results: Mapping[str, Any], fail_on: str) -> dict[str, Any]:
    """Count the results, tenants and controls whose status makes `fail_on` fail the task."""
    statuses = FAILING_STATUSES[fail_on]
    tenants: set[str] = set()
    controls: set[str] = set()
    per_status = {status: 0 for status in statuses}
    for item in results.get("results") or []:
        status = item.get("status")
        if status in per_status:
            per_status[status] += 1
            tenants.add(str(item.get("tsg_id")))
            controls.add(str(item.get("control")))
    return {"results": per_status, "tenants": sorted(tenants), "controls": sorted(controls)}


def failure_message(results: Mapping[str, Any], fail_on: str) -> str | None:
    """Return why the task fails under `fail_on`, or None when it passes."""
    if fail_on not in FAILING_STATUSES:
        raise ValueError("fail_on %r is not valid; choose one of %s"
                         % (fail_on, ", ".join(FAIL_ON_CHOICES)))
    counts = failing_counts(results, fail_on)
    total = sum(counts["results"].values())
    if total == 0:
        return None
    by_status = ", ".join("%d %s" % (count, status) for status, count in counts["results"].items())
    return ("fail_on=%s: %d results (%s) in %d tenants and %d controls (%s)"
            % (fail_on, total, by_status, len(counts["tenants"]), len(counts["controls"]),
               ", ".join(counts["controls"])))
