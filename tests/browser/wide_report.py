# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Results with more controls than the shared fixture, for size and speed checks of the HTML report.

The shared fixture defines six controls. A production policy has 15 or more, so these
helpers copy each control under new ids, with the same statuses and evidence.
"""

from __future__ import annotations

import copy
from typing import Any

from ansible_collections.prisma_sase.mt_monitor.tests.fixtures.report_data import make_results


def widen_results(results: dict[str, Any], n_controls: int) -> dict[str, Any]:
    """Return a copy of `results` with `n_controls` controls, made by copying the existing ones."""
    wide = copy.deepcopy(results)
    base_controls = results["controls"]
    base_results = results["results"]
    for number in range(len(base_controls), n_controls):
        source = base_controls[number % len(base_controls)]
        variant = number // len(base_controls)
        control = dict(source, id=f"{source['id']}-V{variant}", title=f"{source['title']} (variant {variant})")
        wide["controls"].append(control)
        for result in base_results:
            if result["control"] == source["id"]:
                wide["results"].append(dict(copy.deepcopy(result), control=control["id"]))
    return wide


def make_wide_results(n_tenants: int, seed: int, n_controls: int) -> dict[str, Any]:
    """Build fixture results for `n_tenants` tenants with `n_controls` controls."""
    return widen_results(make_results(n_tenants, seed), n_controls)
