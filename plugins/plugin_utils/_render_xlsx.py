# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Excel workbook report, written with openpyxl in write-only mode.

This is a private module: its interface may change between releases.

Sheets in order: Summary, Delta, Matrix, Results, Tenants, Errors, one sheet per dataset
operation (sorted by operation name), Run info. The same data always gives the same bytes,
because the document properties take their time from the results' `generated_at` and every
zip entry gets the fixed time 1980-01-01 00:00.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import shutil
import zipfile
from datetime import datetime, timezone
from typing import Any, BinaryIO, Mapping, Sequence

from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._render_common import (
    RenderStats,
    clean_and_count,
    status_order,
    to_json_text,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._render_xlsx_cells import (
    OPENPYXL_IMPORT_ERROR,
    SheetWriter,
    unique_sheet_name,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._render_xlsx_sheets import (
    StatusStyles,
    write_dataset,
    write_delta,
    write_errors,
    write_matrix,
    write_results,
    write_run_info,
    write_summary,
    write_tenants,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._report_files import (
    WriteResult,
    publish,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._report_meta import (
    ReportOptions,
    run_metadata,
    status_totals,
    waivers_of,
)

try:
    from openpyxl import Workbook
    from openpyxl.writer.excel import ExcelWriter
except ImportError:  # reported through OPENPYXL_IMPORT_ERROR when render_xlsx runs
    pass

# The earliest time a zip entry can hold.
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
FIXED_SHEETS = ("Summary", "Delta", "Matrix", "Results", "Tenants", "Errors", "Run info")


class MissingLibraryError(Exception):
    """A Python library the renderer needs is not installed on the controller."""


class _FixedTimeZipFile(zipfile.ZipFile):
    """A zip file whose entries all carry the same time, so equal content gives equal bytes."""

    def _info(self, name: str) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(name, date_time=ZIP_EPOCH)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o600 << 16
        return info

    def writestr(self, zinfo_or_arcname: Any, data: Any, *args: Any, **kwargs: Any) -> None:
        name = zinfo_or_arcname.filename if isinstance(zinfo_or_arcname, zipfile.ZipInfo) \
            else zinfo_or_arcname
        super().writestr(self._info(name), data)

    def write(self, filename: Any, arcname: Any = None, *args: Any, **kwargs: Any) -> None:
        with open(filename, "rb") as source, self.open(self._info(arcname or filename), "w",
                                                       force_zip64=True) as target:
            shutil.copyfileobj(source, target, 1024 * 1024)


def _fixed_time(results: Mapping[str, Any]) -> datetime:
    text = str(results.get("generated_at") or "")
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return datetime(1980, 1, 1)
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
    return moment.replace(microsecond=0)


def _run_info_entries(results: Mapping[str, Any], dataset: Mapping[str, Any],
                      delta: Mapping[str, Any]) -> list[tuple[str, Any]]:
    metadata = run_metadata(results, dataset)
    window = metadata.get("time_window") or {}
    policy = metadata.get("policy") or {}
    entries: list[tuple[str, Any]] = [
        ("generated at", metadata.get("generated_at")),
        ("collected at", metadata.get("collected_at")),
        ("time window from", window.get("from")),
        ("time window to", window.get("to")),
        ("root TSG id", metadata.get("root_tsg_id")),
        ("regions", ", ".join(str(r) for r in metadata.get("regions") or [])),
        ("policy name", policy.get("name")),
        ("policy source", policy.get("source")),
        ("policy digest", policy.get("digest")),
    ]
    for name, version in sorted((metadata.get("versions") or {}).items()):
        entries.append((f"version {name}", version))
    for name, count in sorted(metadata["totals"].items()):
        entries.append((f"results {name}", count))
    waivers = waivers_of(results)
    entries.append(("waivers applied", len(waivers)))
    for waiver in waivers:
        entries.append((f"waiver {waiver.get('tsg_id')}/{waiver.get('control')}", to_json_text(waiver)))
    entries.append(("delta first run", delta.get("first_run")))
    entries.append(("delta previous generated at", delta.get("previous_generated_at")))
    for name, count in sorted((delta.get("counts") or {}).items()):
        entries.append((f"delta {name}", count))
    return entries


def build_workbook(results: Mapping[str, Any], dataset: Mapping[str, Any], options: ReportOptions,
                   stream: BinaryIO) -> dict[str, Any]:
    """Write the workbook into `stream` and return the row counts and cleaning counts."""
    if OPENPYXL_IMPORT_ERROR is not None:
        raise MissingLibraryError(
            f"the Excel report needs the Python library openpyxl on the controller "
            f"({OPENPYXL_IMPORT_ERROR}); install it with 'pip install openpyxl'")

    stats = RenderStats()
    limit = options.text_limit
    delta = options.delta_or_empty()
    workbook = Workbook(write_only=True)
    styles = StatusStyles()

    used: set[str] = set()
    writers: dict[str, SheetWriter] = {}
    for title in FIXED_SHEETS[:-1]:
        writers[title] = SheetWriter(workbook.create_sheet(unique_sheet_name(title, used)), stats, limit)
    datasets = dataset.get("datasets") or {}
    dataset_writers = []
    for operation in sorted(datasets):
        sheet = workbook.create_sheet(unique_sheet_name(operation, used))
        dataset_writers.append((operation, SheetWriter(sheet, stats, limit)))
    run_info = SheetWriter(workbook.create_sheet(unique_sheet_name("Run info", used)), stats, limit)

    controls = list(results.get("controls") or [])
    controls_by_id = {str(control.get("id")): control for control in controls}
    control_position = {str(control.get("id")): index for index, control in enumerate(controls)}
    tenants = sorted(results.get("tenants") or dataset.get("tenants") or [],
                     key=lambda tenant: str(tenant.get("tsg_id")))
    tenants_by_id = {str(tenant.get("tsg_id")): tenant for tenant in tenants}
    tenant_position = {str(tenant.get("tsg_id")): index for index, tenant in enumerate(tenants)}
    ordered_results: Sequence[Mapping[str, Any]] = sorted(
        results.get("results") or [],
        key=lambda item: (tenant_position.get(str(item.get("tsg_id")), len(tenants)),
                          str(item.get("tsg_id")),
                          control_position.get(str(item.get("control")), len(controls)),
                          str(item.get("control")), status_order(str(item.get("status")))),
    )
    scores = results.get("scores") or {}

    write_summary(writers["Summary"], tenants, scores, status_totals(results))
    write_delta(writers["Delta"], delta)
    write_matrix(writers["Matrix"], tenants, controls, ordered_results, writers["Results"].title, styles)
    write_results(writers["Results"], ordered_results, controls_by_id, tenants_by_id, styles)
    write_tenants(writers["Tenants"], tenants, scores)
    write_errors(writers["Errors"], dataset.get("errors") or [], results.get("errors") or [],
                 results.get("warnings") or [])
    for number, (operation, writer) in enumerate(dataset_writers, start=1):
        write_dataset(writer, operation, datasets[operation] or {}, f"Data{number}")

    entries = _run_info_entries(results, dataset, delta)
    sheet_rows = {writer.title: writer.rows_written for writer in writers.values()}
    sheet_rows.update({writer.title: writer.rows_written for _op, writer in dataset_writers})
    for title, count in sheet_rows.items():
        entries.append((f"rows in sheet {title}", count))
    # The Run info sheet itself is cleaned before these counts are taken, so they cover every
    # cell of the workbook except the count rows below, which hold only numbers.
    cleaned_entries = [(key, _clean_value(value, run_info)) for key, value in entries]
    entries_with_counts = cleaned_entries + [
        ("text limit (characters per cell)", limit),
        ("control characters replaced", stats.controls_replaced),
        ("cells with control characters", stats.values_with_controls),
        ("truncated cells", stats.truncated_values),
        ("truncated characters", stats.truncated_characters),
    ]
    for example in stats.truncated_examples:
        entries_with_counts.append(("truncated cell", example))
    write_run_info(run_info, entries_with_counts)
    sheet_rows[run_info.title] = run_info.rows_written

    created = _fixed_time(results)
    workbook.properties.creator = "prisma_sase.mt_monitor"
    workbook.properties.created = created
    workbook.properties.modified = created
    workbook.properties.lastModifiedBy = "prisma_sase.mt_monitor"

    archive = _FixedTimeZipFile(stream, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
    ExcelWriter(workbook, archive).save()
    return {"sheet_rows": sheet_rows, "text_cleaning": stats.as_dict()}


def _clean_value(value: Any, writer: SheetWriter) -> Any:
    """Clean run metadata text up front, so its changes are in the counts it reports."""
    if value is None or isinstance(value, (bool, int, float)):
        return value
    return clean_and_count(value, writer.stats, writer.limit)


def render_xlsx(results: Mapping[str, Any], dataset: Mapping[str, Any], path: str,
                options: ReportOptions | Mapping[str, Any] | None = None) -> WriteResult:
    """Write the Excel report into the report directory `path`, atomically.

    Files: `<stem>-<timestamp>-<suffix>.xlsx` and `<stem>-latest.xlsx`.
    """
    report_options = ReportOptions.from_value(options)

    def render(stream: BinaryIO) -> None:
        build_workbook(results, dataset, report_options, stream)

    return publish(path, report_options.stem, "xlsx", render, mode=report_options.mode,
                   check_mode=report_options.check_mode, now=report_options.now)
