# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Compact data block of the HTML report, read by its script.

This is a private module: its interface may change between releases.
A 5,000-tenant run with 16 controls has 80,000 results and about 70,000 dataset rows, so
the block stores every table column by column (see `_render_html_columns`): no key is
repeated per row, messages and evidence texts are stored once in a table of unique
strings and referred to by index, and tenants, controls, statuses and severities are
referred to by their index. Every string passes through `clean_text` and is counted in
the `RenderStats`.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import math
from typing import Any

from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._render_common import (
    CELL_LIMIT,
    STATUS_ORDER,
    CleanText,
    RenderStats,
    clean_text,
    safe_url,
    status_order,
    to_json_text,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._render_html_columns import (
    encode_column,
)

SEVERITY_ORDER = ("critical", "high", "medium", "low", "info")

# Lists of the delta document of `_report_delta.compute_delta`, with their labels.
# `other_changes` contains results that were failing and are now neither fail nor pass.
DELTA_CHANGES = (
    ("newly_failing", "newly failing"),
    ("still_failing", "still failing"),
    ("fixed", "fixed"),
    ("other_changes", "other change"),
)

# Columns of the results, one value per result. `evidence` is an index into the evidence
# kinds, -1 for no evidence or -2 for evidence that is a single value, stored in `observed`.
# `message`, `extra` and `waiver` are indexes into the string table, -1 for none.
RESULT_COLUMNS = (
    "tenant", "control", "status", "severity", "message",
    "evidence", "observed", "rows", "extra", "waiver",
)
NO_EVIDENCE = -1
VALUE_EVIDENCE = -2

# Fields of a tenant in the data block, in the order of the script's tenant arrays.
# A tenant's path is `pathParent / name` when it ends with the tenant's name (the usual
# case, stored as the shared parent), otherwise the whole text in `path`.
TENANT_COLUMNS = ("name", "id", "pathParent", "path", "regions", "license", "vertical", "score", "cdl")

# Characters that could end the script block or break a JavaScript parser, written as JSON
# escapes so that `</script>` or `<!--` inside the data stays text.
_SCRIPT_ESCAPES = str.maketrans({
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
})


def script_json(value: Any) -> str:
    """Serialise `value` as JSON that is safe inside `<script type="application/json">`."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.translate(_SCRIPT_ESCAPES)


def severity_order(severity: str) -> int:
    """Return the sort position of a severity, most severe first; unknown ones sort last."""
    try:
        return SEVERITY_ORDER.index(severity)
    except ValueError:
        return len(SEVERITY_ORDER)


class TextCleaner:
    """Clean and count strings, caching the cleaning of values that repeat."""

    def __init__(self, stats: RenderStats, limit: int | None = CELL_LIMIT) -> None:
        self.stats = stats
        self.limit = limit
        self._cache: dict[str, CleanText] = {}

    def __call__(self, value: Any, where: str = "") -> str:
        """Return the cleaned text of `value` and record the changes of this occurrence."""
        if value is None:
            return ""
        raw = value if isinstance(value, str) else str(value)
        cleaned = self._cache.get(raw)
        if cleaned is None:
            cleaned = clean_text(raw, self.limit)
            self._cache[raw] = cleaned
        self.stats.record(cleaned, where)
        return cleaned.text


class StringTable:
    """Unique strings of the data block; each is stored once and referred to by index."""

    def __init__(self, clean: TextCleaner) -> None:
        self.clean = clean
        self.strings: list[str] = []
        self._index: dict[str, int] = {}

    def ref(self, value: Any, where: str = "") -> int:
        """Return the index of the cleaned text of `value`, or -1 for None."""
        if value is None:
            return -1
        text = self.clean(value, where)
        index = self._index.get(text)
        if index is None:
            index = len(self.strings)
            self.strings.append(text)
            self._index[text] = index
        return index


def _scalar(value: Any, clean: TextCleaner, where: str) -> Any:
    """Keep numbers, booleans and None; clean strings; write other values as JSON text."""
    if value is None or isinstance(value, (bool, int)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, str):
        return clean(value, where)
    return clean(to_json_text(value), where)


def _cell(value: Any, clean: TextCleaner, where: str) -> Any:
    """Encode one dataset value: `{"u": url}` for an http(s) link, otherwise a scalar."""
    # Every URL that `safe_url` accepts has a host, so it contains "://"; checking that
    # first skips the full check for nearly all values.
    if isinstance(value, str) and "://" in value:
        url = safe_url(value)
        if url is not None:
            return {"u": clean(url, where)}
    return _scalar(value, clean, where)


class PayloadBuilder:
    """Build the data block from the results, dataset and delta documents."""

    def __init__(self, stats: RenderStats, limit: int | None = CELL_LIMIT) -> None:
        self.clean = TextCleaner(stats, limit)
        self.table = StringTable(self.clean)
        self.statuses: list[str] = list(STATUS_ORDER)
        self.severities: list[str] = list(SEVERITY_ORDER)
        self.tenant_index: dict[str, int] = {}
        self.control_index: dict[str, int] = {}
        self.tenants: list[list[Any]] = []
        self.tenant_paths: list[tuple[str | None, str | None]] = []
        self.controls: list[list[Any]] = []
        self.evidence_kinds: list[list[Any]] = []
        self._evidence_kind_index: dict[tuple[Any, ...], int] = {}

    def _status_ref(self, status: Any) -> int:
        text = self.clean(status)
        if text not in self.statuses:
            self.statuses.append(text)
        return self.statuses.index(text)

    def _severity_ref(self, severity: Any) -> int:
        text = self.clean(severity)
        if text not in self.severities:
            self.severities.append(text)
        return self.severities.index(text)

    def add_tenants(self, tenants: list[dict[str, Any]], scores: dict[str, Any]) -> None:
        """Add tenants sorted by name then TSG id, so the order does not depend on the input."""
        ordered = sorted(
            tenants,
            key=lambda tenant: (
                str(tenant.get("display_name") or "").casefold(),
                str(tenant.get("tsg_id") or ""),
            ),
        )
        for tenant in ordered:
            self._add_tenant(tenant, scores.get(str(tenant.get("tsg_id")), {}))

    def _add_tenant(self, tenant: dict[str, Any], score: dict[str, Any]) -> int:
        tsg_id = self.clean(tenant.get("tsg_id"), "tenant id")
        if tsg_id in self.tenant_index:
            return self.tenant_index[tsg_id]
        name = self.clean(tenant.get("display_name"), f"tenant {tsg_id}") or tsg_id
        path = [self.clean(part) for part in tenant.get("path") or []]
        regions = [self.clean(region) for region in tenant.get("region_headers") or []]
        regions += [self.clean(region) for region in tenant.get("regions") or []]
        score_value = score.get("score") if isinstance(score, dict) else None
        if not isinstance(score_value, (int, float)) or isinstance(score_value, bool):
            score_value = None
        if path and path[-1] == name:
            self.tenant_paths.append((" / ".join(path[:-1]), None))
        else:
            self.tenant_paths.append((None, " / ".join(path)))
        self.tenant_index[tsg_id] = len(self.tenants)
        self.tenants.append([
            name,
            tsg_id,
            " / ".join(path),
            ", ".join(regions),
            self.clean(tenant.get("license_type")),
            self.clean(tenant.get("vertical")),
            score_value,
            self.clean(tenant.get("cdl_tenant_id")),
        ])
        return self.tenant_index[tsg_id]

    def tenant_columns(self) -> dict[str, Any]:
        """Return the tenants as encoded columns named by `TENANT_COLUMNS`."""
        fields = {
            "name": [tenant[0] for tenant in self.tenants],
            "id": [tenant[1] for tenant in self.tenants],
            "pathParent": [parent for parent, _path in self.tenant_paths],
            "path": [path for _parent, path in self.tenant_paths],
            "regions": [tenant[3] for tenant in self.tenants],
            "license": [tenant[4] for tenant in self.tenants],
            "vertical": [tenant[5] for tenant in self.tenants],
            "score": [tenant[6] for tenant in self.tenants],
            "cdl": [tenant[7] for tenant in self.tenants],
        }
        return {name: encode_column(fields[name]) for name in TENANT_COLUMNS}

    def tenant_ref(self, tsg_id: Any) -> int:
        """Return the index of a tenant, adding one named by its id when results name no known tenant."""
        key = self.clean(tsg_id, "tenant id")
        if key not in self.tenant_index:
            return self._add_tenant({"tsg_id": key, "display_name": key}, {})
        return self.tenant_index[key]

    def add_controls(self, controls: list[dict[str, Any]]) -> None:
        """Add controls sorted by id."""
        for control in sorted(controls, key=lambda item: str(item.get("id") or "")):
            self._add_control(control)

    def _add_control(self, control: dict[str, Any]) -> int:
        control_id = self.clean(control.get("id"), "control id")
        if control_id in self.control_index:
            return self.control_index[control_id]
        frameworks = control.get("frameworks") or []
        self.control_index[control_id] = len(self.controls)
        self.controls.append([
            control_id,
            self.clean(control.get("title"), f"control {control_id}"),
            self.clean(control.get("family")),
            self._severity_ref(control.get("severity")),
            self.clean(control.get("operation")),
            self.clean(control.get("description"), f"control {control_id}"),
            self.clean(control.get("remediation"), f"control {control_id}"),
            ", ".join(self.clean(item) for item in frameworks),
        ])
        return self.control_index[control_id]

    def control_ref(self, control_id: Any) -> int:
        """Return the index of a control, adding a bare one when results name an unknown id."""
        key = self.clean(control_id, "control id")
        if key not in self.control_index:
            return self._add_control({"id": key, "title": key})
        return self.control_index[key]

    def _evidence_kind(self, kind: list[Any]) -> int:
        key = tuple((type(value).__name__, value) for value in kind)
        index = self._evidence_kind_index.get(key)
        if index is None:
            index = len(self.evidence_kinds)
            self._evidence_kind_index[key] = index
            self.evidence_kinds.append(kind)
        return index

    def _evidence(self, evidence: Any, where: str) -> tuple[int, Any, Any, int]:
        """Return (evidence kind, observed, rows, extra) for the result columns.

        The kind is [operation, field, comparison, threshold, unit], stored once for all
        results that share it; operation, field, comparison and unit are string indexes.
        """
        if not isinstance(evidence, dict):
            if evidence is None:
                return NO_EVIDENCE, None, None, -1
            return VALUE_EVIDENCE, _scalar(evidence, self.clean, where), None, -1
        known = ("operation", "field", "observed", "comparison", "threshold", "unit", "rows")
        extra = {key: value for key, value in evidence.items() if key not in known}
        kind = self._evidence_kind([
            self.table.ref(evidence.get("operation")),
            self.table.ref(evidence.get("field")),
            self.table.ref(evidence.get("comparison")),
            _scalar(evidence.get("threshold"), self.clean, where),
            self.table.ref(evidence.get("unit")),
        ])
        return (
            kind,
            _scalar(evidence.get("observed"), self.clean, where),
            _scalar(evidence.get("rows"), self.clean, where),
            self.table.ref(to_json_text(extra)) if extra else -1,
        )

    def _waiver(self, waiver: Any) -> int:
        if not waiver:
            return -1
        if not isinstance(waiver, dict):
            return self.table.ref(waiver)
        parts = [str(waiver.get("reason") or "waived")]
        if waiver.get("expires"):
            parts.append(f"expires {waiver['expires']}")
        if waiver.get("approved_by"):
            parts.append(f"approved by {waiver['approved_by']}")
        if waiver.get("id"):
            parts.append(f"waiver {waiver['id']}")
        return self.table.ref("; ".join(parts), "waiver")

    def encode_results(self, results: list[dict[str, Any]]) -> dict[str, list[Any]]:
        """Encode results as plain columns named by `RESULT_COLUMNS`, one value per result.

        Results are sorted by tenant, then control, so the output is the same for any input order.
        """
        located = []
        for result in results:
            tenant = self.tenant_ref(result.get("tsg_id"))
            control = self.control_ref(result.get("control"))
            located.append((tenant, control, str(result.get("status")), result))
        # Sorting before interning keeps the string table, and so the bytes, independent of
        # the input order.
        located.sort(key=lambda item: (item[0], item[1], status_order(item[2]), item[2]))

        columns: dict[str, list[Any]] = {name: [] for name in RESULT_COLUMNS}
        for tenant, control, _status, result in located:
            where = f"result {self.tenants[tenant][1]} {self.controls[control][0]}"
            severity = result.get("severity")
            if severity is None:
                severity = self.severities[self.controls[control][3]]
            kind, observed, row_count, extra = self._evidence(result.get("evidence"), where)
            columns["tenant"].append(tenant)
            columns["control"].append(control)
            columns["status"].append(self._status_ref(result.get("status")))
            columns["severity"].append(self._severity_ref(severity))
            columns["message"].append(self.table.ref(result.get("message"), where))
            columns["evidence"].append(kind)
            columns["observed"].append(observed)
            columns["rows"].append(row_count)
            columns["extra"].append(extra)
            columns["waiver"].append(self._waiver(result.get("waiver")))
        return columns

    def results_payload(self, columns: dict[str, list[Any]]) -> dict[str, Any]:
        """Return the results for the data block: encoded columns and results per tenant.

        The results are sorted by tenant, so `tenantCounts[t]` consecutive results belong
        to tenant t and the tenant column itself is left out.
        """
        counts = [0] * len(self.tenants)
        for tenant in columns["tenant"]:
            counts[tenant] += 1
        payload: dict[str, Any] = {"tenantCounts": counts}
        for name in RESULT_COLUMNS[1:]:
            payload[name] = encode_column(columns[name])
        return payload

    def encode_errors(self, dataset_errors: list[Any], result_errors: list[Any]) -> list[list[Any]]:
        """Encode collection and evaluation errors as rows of cleaned text and numbers."""
        rows = []
        seen: set[str] = set()
        for source, errors in (("collection", dataset_errors), ("evaluation", result_errors)):
            for error in errors or []:
                key = to_json_text(error)
                if key in seen:
                    # The engine copies the dataset's errors into the results document.
                    continue
                seen.add(key)
                if not isinstance(error, dict):
                    error = {"message": error}
                tsg_id = self.clean(error.get("tsg_id"))
                tenant = self.tenant_index.get(tsg_id)
                rows.append([
                    source,
                    self.clean(error.get("operation")),
                    self.clean(error.get("region")),
                    self.tenants[tenant][0] if tenant is not None else tsg_id,
                    tsg_id,
                    self.clean(error.get("kind")),
                    _scalar(error.get("status"), self.clean, "error status"),
                    self.clean(error.get("request_id")),
                    self.clean(error.get("message"), "error message"),
                ])
        rows.sort(key=lambda row: [str(item) for item in row])
        return rows

    def encode_delta(self, delta: dict[str, Any] | None) -> list[list[Any]]:
        """Encode delta entries as rows for the changes table.

        A row is [change, tenant index or -1, tenant name, TSG id, control id, control title,
        previous status or -1, status or -1]. Tenants and controls that are gone from this run
        (a fixed result of a removed tenant) keep their name from the delta and are not added
        to the matrix.
        """
        rows = []
        for change, _label in DELTA_CHANGES:
            for entry in (delta or {}).get(change) or []:
                if not isinstance(entry, dict):
                    continue
                tsg_id = self.clean(entry.get("tsg_id"), "tenant id")
                tenant = self.tenant_index.get(tsg_id, -1)
                name = self.tenants[tenant][0] if tenant >= 0 else self.clean(entry.get("display_name"))
                control_id = self.clean(entry.get("control"), "control id")
                control = self.control_index.get(control_id)
                previous = entry.get("previous_status")
                status = entry.get("status")
                rows.append([
                    change,
                    tenant,
                    name or tsg_id,
                    tsg_id,
                    control_id,
                    self.controls[control][1] if control is not None else "",
                    -1 if previous is None else self._status_ref(previous),
                    -1 if status is None else self._status_ref(status),
                ])
        order = [change for change, _label in DELTA_CHANGES]
        rows.sort(key=lambda row: (order.index(row[0]), row[2].casefold(), row[3], row[4]))
        return rows

    def delta_payload(self, rows: list[list[Any]]) -> dict[str, Any]:
        """Return delta rows from `encode_delta` as columns for the data block.

        `tenant` is the tenant's index, or [name, TSG id] for a tenant that is not in this run.
        `control` is the control's index, or [control id, ""] for a control that is not in
        this run. Statuses are indexes, -1 for none.
        """
        tenants: list[Any] = []
        controls: list[Any] = []
        for row in rows:
            tenants.append(row[1] if row[1] >= 0 else [row[2], row[3]])
            control = self.control_index.get(row[4])
            controls.append(control if control is not None else [row[4], row[5]])
        return {
            "change": encode_column([row[0] for row in rows]),
            "tenant": tenants,
            "control": controls,
            "previous": encode_column([row[6] for row in rows]),
            "status": encode_column([row[7] for row in rows]),
        }

    def encode_rows(self, datasets: dict[str, Any]) -> dict[str, Any]:
        """Encode the dataset rows of known tenants per operation, column by column.

        Rows are sorted by tenant index and keep their order within a tenant. `tenantSteps`
        gives each row's tenant index as the difference to the row before (the first row's
        to 0), and `cells` contains one encoded column per name in `columns`.
        """
        encoded: dict[str, Any] = {}
        for operation in sorted(datasets):
            entry = datasets[operation] or {}
            rows = entry.get("rows") or []
            columns = sorted({key for row in rows if isinstance(row, dict) for key in row
                              if key not in ("tenant", "unmatched")})
            located: list[tuple[int, list[Any]]] = []
            for row in rows:
                if not isinstance(row, dict) or not isinstance(row.get("tenant"), dict):
                    continue
                tsg_id = self.clean(row["tenant"].get("tsg_id"))
                if tsg_id not in self.tenant_index:
                    continue
                where = f"{operation} row of {tsg_id}"
                values = [_cell(row.get(column), self.clean, where) for column in columns]
                located.append((self.tenant_index[tsg_id], values))
            # A stable sort keeps the dataset's order of each tenant's rows.
            located.sort(key=lambda item: item[0])
            steps = []
            previous = 0
            for tenant, _values in located:
                steps.append(tenant - previous)
                previous = tenant
            encoded[self.clean(operation)] = {
                "columns": [self.clean(column) for column in columns],
                "tenantSteps": steps,
                "cells": [
                    encode_column([values[position] for _tenant, values in located])
                    for position in range(len(columns))
                ],
            }
        return encoded
