# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Scores per tenant and status totals of a controls run.

This is a private module: its interface may change between releases. Standard library only.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from typing import Any, Dict, Iterable, List, Optional

STATUSES = ("pass", "fail", "warn", "error", "skip", "waived")


def empty_counts() -> Dict[str, int]:
    return {status: 0 for status in STATUSES}


def score(counts: Dict[str, int]) -> Optional[float]:
    """Return ``100 * pass / (pass + fail + warn + error)`` rounded to 0.1, or None without any.

    ``skip`` and ``waived`` are left out, and ``error`` counts against the score, so missing
    data never raises it. A tenant with only skipped or waived results has no score (None),
    not 100.
    """
    scored = counts["pass"] + counts["fail"] + counts["warn"] + counts["error"]
    if scored == 0:
        return None
    return round(100.0 * counts["pass"] / scored, 1)


def scores_and_totals(
    tenant_ids: Iterable[str], results: List[Dict[str, Any]]
) -> Dict[str, Any]:
    """Return ``{"scores": {tsg_id: {score, pass, ...}}, "totals": {pass, ...}}``."""
    per_tenant = {tsg_id: empty_counts() for tsg_id in tenant_ids}
    totals = empty_counts()
    for result in results:
        per_tenant.setdefault(result["tsg_id"], empty_counts())[result["status"]] += 1
        totals[result["status"]] += 1

    scores = {}
    for tsg_id, counts in per_tenant.items():
        scores[tsg_id] = dict({"score": score(counts)}, **counts)
    return {"scores": scores, "totals": totals}
