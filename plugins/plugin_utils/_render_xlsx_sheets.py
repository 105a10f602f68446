# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Writers for each sheet of the Excel report.

This is a private module: its interface may change between releases.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from typing import Any, Mapping, Sequence

from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._render_common import (
    STATUS_ORDER,
    STATUS_TEXT_COLOURS,
    STATUSES,
    status_colour,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._render_xlsx_cells import (
    SheetWriter,
    estimate_widths,
    status_fill,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._report_delta import (
    DELTA_LISTS,
)

try:
    from openpyxl.chart import BarChart, Reference
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.hyperlink import Hyperlink
except ImportError:  # reported by render_xlsx when it runs
    pass

RESULTS_HEADER = ["Tenant", "TSG id", "Control", "Title", "Family", "Severity", "Status",
                  "Message", "Evidence", "Remediation", "Waiver reason", "Waiver expires"]
TENANT_FIELDS = ["tsg_id", "display_name", "cdl_tenant_id", "parent_tsg_id", "path", "depth",
                 "regions", "region_headers", "license_type", "vertical", "license_activated"]
ERRORS_HEADER = ["Source", "Operation", "Region", "TSG id", "Kind", "Status", "Request id",
                 "Message"]
DELTA_HEADER = ["Change", "TSG id", "Tenant", "Control", "Previous status", "Status"]


class StatusStyles:
    """Fills and fonts per status, created once per workbook."""

    def __init__(self) -> None:
        self.fills = {status: status_fill(status_colour(status)) for status in STATUSES}
        self.fonts = {status: Font(color=STATUS_TEXT_COLOURS[status]) for status in STATUSES}
        self.unknown_fill = status_fill(status_colour("unknown"))

    def fill(self, status: str) -> Any:
        return self.fills.get(status, self.unknown_fill)

    def font(self, status: str) -> Any:
        return self.fonts.get(status)


def _name(tenant: Mapping[str, Any] | None) -> Any:
    return (tenant or {}).get("display_name")


def write_summary(writer: SheetWriter, tenants: Sequence[Mapping[str, Any]],
                  scores: Mapping[str, Any], totals: Mapping[str, int]) -> None:
    """Write scores per tenant, status totals beside them, and a bar chart of the totals."""
    header = ["Tenant", "TSG id", "Score"] + list(STATUSES) + ["", "Status", "Results"]
    widths = [30, 12, 8] + [8] * len(STATUSES) + [2, 10, 10]
    writer.write_header(header, widths)

    score_values = [s.get("score") for s in scores.values() if isinstance(s.get("score"), (int, float))]
    mean_score = round(sum(score_values) / len(score_values), 1) if score_values else None
    side = [(status, totals.get(status, 0)) for status in STATUS_ORDER]
    side += [("tenants", len(tenants)), ("mean score", mean_score)]

    row_count = max(len(tenants), len(side))
    tenant_columns = 3 + len(STATUSES)
    for index in range(row_count):
        if index < len(tenants):
            tenant = tenants[index]
            score = scores.get(str(tenant.get("tsg_id"))) or {}
            values = [_name(tenant), tenant.get("tsg_id"), score.get("score")]
            values += [score.get(status, 0) for status in STATUSES]
        else:
            values = [None] * tenant_columns
        values.append(None)
        values += list(side[index]) if index < len(side) else [None, None]
        writer.append(values)
    # The table covers the tenant columns only, so the totals block stays outside it.
    writer.finish_table("SummaryScores", columns=tenant_columns, rows=len(tenants))

    chart = BarChart()
    chart.type = "col"
    chart.title = "Results per status"
    chart.y_axis.title = "Results"
    chart.legend = None
    status_column = tenant_columns + 2
    data = Reference(writer.worksheet, min_col=status_column + 1, min_row=1,
                     max_row=1 + len(STATUS_ORDER))
    categories = Reference(writer.worksheet, min_col=status_column, min_row=2,
                           max_row=1 + len(STATUS_ORDER))
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(categories)
    # Below the totals block and beside the tenant table, so the chart prints on the first
    # page of the sheet, next to the rows it sums up.
    chart.width = 12
    chart.height = 7.5
    anchor_row = len(side) + 3
    writer.worksheet.add_chart(chart, f"{get_column_letter(status_column)}{anchor_row}")


def write_delta(writer: SheetWriter, delta: Mapping[str, Any]) -> None:
    """Write one row per change against the previous run, and only the header on a first run."""
    writer.write_header(DELTA_HEADER, [16, 12, 30, 10, 16, 10])
    for change in DELTA_LISTS:
        for item in delta.get(change) or []:
            writer.append([change, item.get("tsg_id"), item.get("display_name"),
                           item.get("control"), item.get("previous_status"), item.get("status")])
    writer.finish_table("DeltaChanges")


def result_rows(ordered_results: Sequence[Mapping[str, Any]]) -> dict[tuple[str, str], int]:
    """Map (TSG id, control id) to the row of that result in the Results sheet."""
    return {(str(item.get("tsg_id")), str(item.get("control"))): index + 2
            for index, item in enumerate(ordered_results)}


def write_matrix(writer: SheetWriter, tenants: Sequence[Mapping[str, Any]],
                 controls: Sequence[Mapping[str, Any]], ordered_results: Sequence[Mapping[str, Any]],
                 results_title: str, styles: StatusStyles) -> None:
    """Write tenants against controls, each cell coloured by status and linked to its result."""
    control_ids = [str(control.get("id")) for control in controls]
    writer.write_header(["Tenant", "TSG id"] + control_ids, [30, 12] + [10] * len(control_ids))
    rows = result_rows(ordered_results)
    statuses = {(str(item.get("tsg_id")), str(item.get("control"))): str(item.get("status"))
                for item in ordered_results}
    quoted_title = results_title.replace("'", "''")

    for tenant in tenants:
        tsg_id = str(tenant.get("tsg_id"))
        cells = [writer.value(_name(tenant)), writer.value(tenant.get("tsg_id"))]
        for control_id in control_ids:
            status = statuses.get((tsg_id, control_id))
            if status is None:
                cells.append(None)
                continue
            link = Hyperlink(ref="", location=f"'{quoted_title}'!A{rows[(tsg_id, control_id)]}",
                             tooltip=f"{control_id}: {status}")
            cells.append(writer.cell(status, fill=styles.fill(status), font=styles.font(status),
                                     link=link))
        writer.append_cells(cells)
    last_column = get_column_letter(len(control_ids) + 2)
    writer.worksheet.auto_filter.ref = f"A1:{last_column}{writer.rows_written + 1}"


def write_results(writer: SheetWriter, ordered_results: Sequence[Mapping[str, Any]],
                  controls: Mapping[str, Mapping[str, Any]],
                  tenants: Mapping[str, Mapping[str, Any]], styles: StatusStyles) -> None:
    """Write one row per tenant and control."""
    writer.write_header(RESULTS_HEADER, [30, 12, 10, 36, 12, 10, 9, 50, 50, 50, 30, 14])
    for item in ordered_results:
        tsg_id = str(item.get("tsg_id"))
        control = controls.get(str(item.get("control"))) or {}
        waiver = item.get("waiver") or {}
        status = str(item.get("status"))
        cells = [
            writer.value(_name(tenants.get(tsg_id))),
            writer.value(item.get("tsg_id")),
            writer.value(item.get("control")),
            writer.value(control.get("title")),
            writer.value(control.get("family")),
            writer.value(item.get("severity", control.get("severity"))),
            writer.cell(status, fill=styles.fill(status), font=styles.font(status)),
            writer.value(item.get("message")),
            writer.value(item.get("evidence")),
            writer.value(control.get("remediation")),
            writer.value(waiver.get("reason") if isinstance(waiver, dict) else waiver),
            writer.value(waiver.get("expires") if isinstance(waiver, dict) else None),
        ]
        writer.append_cells(cells)
    writer.finish_table("Results")


def dataset_columns(rows: Sequence[Any]) -> list[str]:
    """Return the sorted row keys of one operation, without the nested tenant entry."""
    keys: set[str] = set()
    for row in rows:
        if isinstance(row, dict):
            keys.update(str(key) for key in row if key != "tenant")
    return sorted(keys)


def write_dataset(writer: SheetWriter, operation: str, entry: Mapping[str, Any],
                  table_name: str) -> None:
    """Write the rows of one operation, with the matched tenant first and nested values as JSON."""
    rows = entry.get("rows") or []
    columns = dataset_columns(rows)
    header = ["Tenant TSG id", "Tenant"] + columns

    def values_of(row: Any) -> list[Any]:
        if not isinstance(row, dict):
            return [None, None, row] + [None] * (len(columns) - 1)
        tenant = row.get("tenant") if isinstance(row.get("tenant"), dict) else {}
        return [tenant.get("tsg_id"), tenant.get("display_name")] + [row.get(c) for c in columns]

    writer.write_header(header, estimate_widths(header, (values_of(row) for row in rows)))
    for row in rows:
        writer.append(values_of(row))
    writer.finish_table(table_name)


def write_tenants(writer: SheetWriter, tenants: Sequence[Mapping[str, Any]],
                  scores: Mapping[str, Any]) -> None:
    """Write one row per tenant with its identity, regions, license and score."""
    header = TENANT_FIELDS + ["score"]
    writer.write_header(header, [12, 30, 14, 14, 40, 6, 14, 14, 12, 12, 10, 8])
    for tenant in tenants:
        path = tenant.get("path")
        values = [tenant.get(field) for field in TENANT_FIELDS]
        if isinstance(path, list):
            values[TENANT_FIELDS.index("path")] = " / ".join(str(part) for part in path)
        values.append((scores.get(str(tenant.get("tsg_id"))) or {}).get("score"))
        writer.append(values)
    writer.finish_table("Tenants")


def write_errors(writer: SheetWriter, dataset_errors: Sequence[Any], results_errors: Sequence[Any],
                 warnings: Sequence[Any]) -> None:
    """Write collection errors, evaluation errors and warnings, one per row."""
    writer.write_header(ERRORS_HEADER, [10, 22, 10, 12, 12, 8, 16, 80])
    sources = (("dataset", dataset_errors), ("results", results_errors), ("warning", warnings))
    for source, items in sources:
        for item in items or []:
            if isinstance(item, dict):
                writer.append([source, item.get("operation"), item.get("region"), item.get("tsg_id"),
                               item.get("kind"), item.get("status"), item.get("request_id"),
                               item.get("message")])
            else:
                writer.append([source, None, None, None, None, None, None, item])
    writer.finish_table("Errors")


def write_run_info(writer: SheetWriter, entries: Sequence[tuple[str, Any]]) -> None:
    """Write the run metadata as key and value rows."""
    writer.write_header(["Key", "Value"], [40, 80])
    for key, value in entries:
        writer.append([key, value])
    writer.finish_table("RunInfo")
