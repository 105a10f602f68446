# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Renderer options and the run metadata that every report format carries.

This is a private module: its interface may change between releases.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Mapping

from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._render_common import (
    CELL_LIMIT,
    STATUSES,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._report_delta import (
    empty_delta,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._report_files import (
    DEFAULT_MODE,
)

DEFAULT_STEM = "compliance"


@dataclass(frozen=True)
class ReportOptions:
    """Options shared by `render_xlsx`, `render_json` and `render_junit`.

    `delta` is the output of `compute_delta`. The caller computes it once per run, before
    any renderer writes the new JSON report, and passes the same delta to every format.
    """

    stem: str = DEFAULT_STEM
    mode: int = DEFAULT_MODE
    check_mode: bool = False
    delta: Mapping[str, Any] | None = None
    text_limit: int = CELL_LIMIT
    now: datetime | None = None

    @classmethod
    def from_value(cls, value: "ReportOptions | Mapping[str, Any] | None") -> "ReportOptions":
        """Build options from a dict with the same keys, or pass options through."""
        if value is None:
            return cls()
        if isinstance(value, ReportOptions):
            return value
        unknown = sorted(set(value) - set(cls.__dataclass_fields__))
        if unknown:
            known = ", ".join(sorted(cls.__dataclass_fields__))
            raise ValueError(f"unknown report options {', '.join(unknown)}; known: {known}")
        options = cls(**value)
        if "/" in options.stem or options.stem in ("", ".", ".."):
            raise ValueError(f"report file stem {options.stem!r} is invalid; use a plain file "
                             f"name without '/'")
        if options.text_limit < 100:
            raise ValueError(f"text_limit {options.text_limit} is too small; use at least 100")
        return options

    def delta_or_empty(self) -> dict[str, Any]:
        """Return the delta, or the empty first-run delta when none was given."""
        return dict(self.delta) if self.delta is not None else empty_delta()


def waivers_of(results: Mapping[str, Any]) -> list[dict[str, Any]]:
    """List the waivers that matched a result, with the tenant and control they cover."""
    waivers = []
    for item in results.get("results") or []:
        waiver = item.get("waiver") if isinstance(item, dict) else None
        if isinstance(waiver, dict):
            entry = {"tsg_id": item.get("tsg_id"), "control": item.get("control")}
            entry.update(waiver)
            waivers.append(entry)
    waivers.sort(key=lambda entry: (str(entry.get("tsg_id")), str(entry.get("control"))))
    return waivers


def status_totals(results: Mapping[str, Any]) -> dict[str, int]:
    """Count results per status from the results list itself, every status present."""
    totals = {status: 0 for status in STATUSES}
    for item in results.get("results") or []:
        status = str(item.get("status"))
        totals[status] = totals.get(status, 0) + 1
    return totals


def run_metadata(results: Mapping[str, Any], dataset: Mapping[str, Any]) -> dict[str, Any]:
    """Collect the run metadata that every format reports, before text cleaning."""
    run = results.get("run") or {}
    datasets = dataset.get("datasets") or {}
    return {
        "generated_at": results.get("generated_at"),
        "collected_at": run.get("collected_at", dataset.get("collected_at")),
        "time_window": run.get("time_window", dataset.get("time_window")),
        "regions": run.get("regions", dataset.get("regions")),
        "root_tsg_id": run.get("root_tsg_id", dataset.get("root_tsg_id")),
        "policy": results.get("policy"),
        "versions": dataset.get("versions"),
        "counts": {
            "tenants": len(results.get("tenants") or dataset.get("tenants") or []),
            "controls": len(results.get("controls") or []),
            "results": len(results.get("results") or []),
            "dataset_errors": len(dataset.get("errors") or []),
            "results_errors": len(results.get("errors") or []),
            "warnings": len(results.get("warnings") or []),
            "waivers": len(waivers_of(results)),
            "rows_per_operation": {
                name: len((entry or {}).get("rows") or []) for name, entry in sorted(datasets.items())
            },
        },
        "totals": status_totals(results),
    }
