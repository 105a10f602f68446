# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""JSON report: run metadata, delta, results and dataset in one UTF-8 document.

This is a private module: its interface may change between releases.

Document shape: `{"schema_version": 1, "report": {...run metadata, text_cleaning},
"delta": {...}, "results": {...}, "dataset": {...}}`. Keys are sorted, results are ordered by
TSG id and control, tenants by TSG id and dataset rows by TSG id and content, so the same data
gives the same bytes. Strings follow the same cleaning rules as the workbook, and NaN or
infinite numbers become null.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
from typing import Any, BinaryIO, Mapping

from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._render_common import (
    RenderStats,
    clean_structure,
    to_json_text,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._report_files import (
    WriteResult,
    publish,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._report_meta import (
    ReportOptions,
    run_metadata,
)

JSON_SCHEMA_VERSION = 1


def _row_sort_key(row: Any) -> tuple[str, str]:
    if not isinstance(row, dict):
        return ("", to_json_text(row))
    tenant = row.get("tenant")
    tsg_id = tenant.get("tsg_id") if isinstance(tenant, dict) else None
    raw_id = row.get("sub_tenant_id", row.get("tenant_id", row.get("tsg_id")))
    return (str(tsg_id or raw_id or ""), to_json_text(row))


def _ordered_results(results: Mapping[str, Any]) -> dict[str, Any]:
    ordered = dict(results)
    ordered["results"] = sorted(
        results.get("results") or [],
        key=lambda item: (str(item.get("tsg_id")), str(item.get("control"))),
    )
    ordered["tenants"] = sorted(results.get("tenants") or [], key=lambda t: str(t.get("tsg_id")))
    return ordered


def _ordered_dataset(dataset: Mapping[str, Any]) -> dict[str, Any]:
    ordered = dict(dataset)
    ordered["tenants"] = sorted(dataset.get("tenants") or [], key=lambda t: str(t.get("tsg_id")))
    datasets = {}
    for name, entry in (dataset.get("datasets") or {}).items():
        entry = dict(entry or {})
        entry["rows"] = sorted(entry.get("rows") or [], key=_row_sort_key)
        datasets[name] = entry
    ordered["datasets"] = datasets
    ordered["errors"] = sorted(dataset.get("errors") or [], key=to_json_text)
    return ordered


def build_json_document(results: Mapping[str, Any], dataset: Mapping[str, Any],
                        options: ReportOptions) -> dict[str, Any]:
    """Build the cleaned JSON report document."""
    stats = RenderStats()
    limit = options.text_limit
    document = {
        "schema_version": JSON_SCHEMA_VERSION,
        "delta": clean_structure(options.delta_or_empty(), stats, limit),
        "results": clean_structure(_ordered_results(results), stats, limit),
        "dataset": clean_structure(_ordered_dataset(dataset), stats, limit),
    }
    report = clean_structure(run_metadata(results, dataset), stats, limit)
    # Counted last, so the numbers cover every value above and the metadata itself.
    report["text_cleaning"] = stats.as_dict()
    report["text_cleaning"]["text_limit"] = limit
    document["report"] = report
    return document


def write_json(document: Mapping[str, Any], stream: BinaryIO) -> None:
    """Serialise a report document as indented, key-sorted UTF-8 JSON."""
    text = json.dumps(document, sort_keys=True, ensure_ascii=False, allow_nan=False, indent=1)
    stream.write(text.encode("utf-8"))
    stream.write(b"\n")


def render_json(results: Mapping[str, Any], dataset: Mapping[str, Any], path: str,
                options: ReportOptions | Mapping[str, Any] | None = None) -> WriteResult:
    """Write the JSON report into the report directory `path`, atomically.

    Files: `<stem>-<timestamp>-<suffix>.json` and `<stem>-latest.json`.
    """
    report_options = ReportOptions.from_value(options)
    document = build_json_document(results, dataset, report_options)
    return publish(path, report_options.stem, "json", lambda stream: write_json(document, stream),
                   mode=report_options.mode, check_mode=report_options.check_mode,
                   now=report_options.now)
