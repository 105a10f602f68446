# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._render_common import (
    CELL_LIMIT,
    STATUS_COLOURS,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._render_xlsx import (
    render_xlsx,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._report_delta import (
    compute_delta,
)
from ansible_collections.prisma_sase.mt_monitor.tests.fixtures.report_data import (
    BELL_TEXT,
    FORMULA_NAME,
    LONG_TEXT_LENGTH,
    VERTICAL_TAB_NAME,
    make_dataset,
    make_results,
)

REPOSITORY = Path(__file__).resolve().parents[4]


@pytest.fixture(name="hostile_workbook")
def fixture_hostile_workbook(tmp_path: Path) -> tuple[Any, dict[str, Any], dict[str, Any]]:
    results = make_results(12, 5, hostile=True)
    dataset = make_dataset(12, 5, hostile=True)
    written = render_xlsx(results, dataset, str(tmp_path))
    return openpyxl.load_workbook(written.latest_path), results, dataset


def run_info_values(workbook: Any) -> dict[str, Any]:
    sheet = workbook["Run info"]
    return {row[0]: row[1] for row in sheet.iter_rows(min_row=2, values_only=True)}


def test_xlsx_sheet_names(hostile_workbook: tuple[Any, Any, Any]) -> None:
    workbook, _results, dataset = hostile_workbook
    expected = ["Summary", "Delta", "Matrix", "Results", "Tenants", "Errors"]
    expected += sorted(dataset["datasets"]) + ["Run info"]
    assert workbook.sheetnames == expected
    assert all(len(name) <= 31 for name in workbook.sheetnames)


def test_xlsx_results_rows(hostile_workbook: tuple[Any, Any, Any]) -> None:
    workbook, results, _dataset = hostile_workbook
    sheet = workbook["Results"]
    assert sheet.max_row - 1 == len(results["results"])
    header = [cell.value for cell in sheet[1]]
    assert header[:7] == ["Tenant", "TSG id", "Control", "Title", "Family", "Severity", "Status"]
    assert sheet.freeze_panes == "A2"
    assert "Results" in sheet.tables


def test_xlsx_run_info_counts_match(hostile_workbook: tuple[Any, Any, Any]) -> None:
    workbook, _results, _dataset = hostile_workbook
    info = run_info_values(workbook)
    for title in workbook.sheetnames:
        if title == "Run info":
            continue
        assert info[f"rows in sheet {title}"] == workbook[title].max_row - 1, title


def test_xlsx_no_formula_cells(hostile_workbook: tuple[Any, Any, Any]) -> None:
    workbook, _results, _dataset = hostile_workbook
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate}"


def test_xlsx_formula_names_stay_text(hostile_workbook: tuple[Any, Any, Any]) -> None:
    workbook, _results, _dataset = hostile_workbook
    tenants = {row[0].value: row[0] for row in workbook["Summary"].iter_rows(min_row=2)}
    for name in (FORMULA_NAME, "@SUM(1+1)", "+cmd"):
        cell = tenants[name]
        assert cell.data_type == "s"
        assert cell.quotePrefix
    assert tenants["-5"].data_type == "s"
    assert tenants["-5"].value == "-5"


def test_xlsx_real_number_stays_number(hostile_workbook: tuple[Any, Any, Any]) -> None:
    workbook, _results, _dataset = hostile_workbook
    sheet = workbook["threats.summary"]
    header = [cell.value for cell in sheet[1]]
    trend = header.index("trend")
    values = [row[trend] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert -5 in values
    cell = next(row[trend] for row in sheet.iter_rows(min_row=2) if row[trend].value == -5)
    assert cell.data_type == "n"


def test_xlsx_control_characters_replaced(hostile_workbook: tuple[Any, Any, Any]) -> None:
    workbook, _results, _dataset = hostile_workbook
    names = [row[0] for row in workbook["Summary"].iter_rows(min_row=2, values_only=True)]
    assert VERTICAL_TAB_NAME.replace("\x0b", "\ufffd") in names
    messages = [row[7] for row in workbook["Results"].iter_rows(min_row=2, values_only=True)]
    assert any(m and m.startswith(BELL_TEXT.replace("\x07", "\ufffd")) for m in messages)
    info = run_info_values(workbook)
    assert info["control characters replaced"] > 0
    assert info["cells with control characters"] > 0


def test_xlsx_long_value_truncated(hostile_workbook: tuple[Any, Any, Any]) -> None:
    workbook, _results, _dataset = hostile_workbook
    sheet = workbook["upgrades.list"]
    header = [cell.value for cell in sheet[1]]
    notes = header.index("notes")
    long_values = [row[notes] for row in sheet.iter_rows(min_row=2, values_only=True)
                   if row[notes] and len(row[notes]) > 1000]
    assert len(long_values) == 1
    assert len(long_values[0]) == CELL_LIMIT
    removed = LONG_TEXT_LENGTH - long_values[0].index("…")
    assert long_values[0].endswith(f"… [truncated {removed} characters]")
    info = run_info_values(workbook)
    assert info["truncated cells"] == 1
    assert info["truncated characters"] == removed
    assert info["truncated cell"].startswith("upgrades.list row ")


def test_xlsx_matrix_colours_and_links(hostile_workbook: tuple[Any, Any, Any]) -> None:
    workbook, results, _dataset = hostile_workbook
    matrix = workbook["Matrix"]
    results_sheet = workbook["Results"]
    control_ids = [cell.value for cell in matrix[1]][2:]
    checked = 0
    for row in matrix.iter_rows(min_row=2):
        tsg_id = row[1].value
        for control_id, cell in zip(control_ids, row[2:]):
            assert cell.fill.fgColor.rgb[-6:] == STATUS_COLOURS[cell.value]
            location = cell.hyperlink.location
            assert location.startswith("'Results'!A")
            target_row = int(location.rsplit("A", 1)[1])
            assert results_sheet.cell(target_row, 2).value == tsg_id
            assert results_sheet.cell(target_row, 3).value == control_id
            assert results_sheet.cell(target_row, 7).value == cell.value
            checked += 1
    assert checked == len(results["results"])


def test_xlsx_summary_chart_and_totals(hostile_workbook: tuple[Any, Any, Any]) -> None:
    workbook, results, _dataset = hostile_workbook
    summary = workbook["Summary"]
    assert len(summary._charts) == 1
    header = [cell.value for cell in summary[1]]
    status_column = header.index("Status")
    totals = {row[status_column]: row[status_column + 1]
              for row in summary.iter_rows(min_row=2, values_only=True) if row[status_column]}
    for status, count in results["totals"].items():
        assert totals[status] == count


def test_xlsx_page_setup_every_sheet(hostile_workbook: tuple[Any, Any, Any]) -> None:
    workbook, _results, _dataset = hostile_workbook
    for sheet in workbook.worksheets:
        assert sheet.page_setup.orientation == "landscape", sheet.title
        assert sheet.sheet_properties.pageSetUpPr.fitToPage is True, sheet.title
        assert sheet.page_setup.fitToWidth == 1, sheet.title
        assert sheet.page_setup.fitToHeight == 0, sheet.title
        assert sheet.print_title_rows == "$1:$1", sheet.title


def test_xlsx_summary_chart_beside_totals(hostile_workbook: tuple[Any, Any, Any]) -> None:
    workbook, _results, _dataset = hostile_workbook
    summary = workbook["Summary"]
    header = [cell.value for cell in summary[1]]
    status_column = header.index("Status")
    totals_rows = sum(1 for row in summary.iter_rows(min_row=2, values_only=True) if row[status_column])

    anchor = summary._charts[0].anchor._from
    # Zero-based: the chart starts in the Status column, one empty row below the totals block.
    assert anchor.col == status_column
    assert anchor.row == totals_rows + 2


def test_xlsx_errors_and_tenants(hostile_workbook: tuple[Any, Any, Any]) -> None:
    workbook, results, dataset = hostile_workbook
    assert workbook["Tenants"].max_row - 1 == len(dataset["tenants"])
    errors = list(workbook["Errors"].iter_rows(min_row=2, values_only=True))
    assert len(errors) == len(dataset["errors"]) + len(results["errors"]) + len(results["warnings"])
    assert errors[0][1] == "alerts.list"
    assert errors[0][5] == 403


def test_xlsx_unmatched_rows_kept(hostile_workbook: tuple[Any, Any, Any]) -> None:
    workbook, _results, dataset = hostile_workbook
    sheet = workbook["license.utilization"]
    rows = dataset["datasets"]["license.utilization"]["rows"]
    assert sheet.max_row - 1 == len(rows)
    header = [cell.value for cell in sheet[1]]
    unmatched = header.index("unmatched")
    flagged = [row for row in sheet.iter_rows(min_row=2, values_only=True) if row[unmatched]]
    assert len(flagged) == 2
    assert all(row[0] is None for row in flagged)


def test_xlsx_delta_sheet(tmp_path: Path) -> None:
    previous = make_results(6, 1)
    current = make_results(8, 2)
    delta = compute_delta(previous, current)
    written = render_xlsx(current, make_dataset(8, 2), str(tmp_path), {"delta": delta})
    sheet = openpyxl.load_workbook(written.latest_path)["Delta"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    changes = sum(delta["counts"].values())
    assert len(rows) == changes
    assert sum(1 for row in rows if row[0] == "tenants_added") == 2


def test_xlsx_delta_empty_first_run(tmp_path: Path) -> None:
    written = render_xlsx(make_results(4, 1), make_dataset(4, 1), str(tmp_path))
    workbook = openpyxl.load_workbook(written.latest_path)
    assert workbook["Delta"].max_row == 1
    assert run_info_values(workbook)["delta first run"] is True


def test_xlsx_same_data_same_bytes(tmp_path: Path) -> None:
    first_directory = tmp_path / "a"
    second_directory = tmp_path / "b"
    first_directory.mkdir()
    second_directory.mkdir()
    first = render_xlsx(make_results(20, 9), make_dataset(20, 9), str(first_directory))
    second = render_xlsx(make_results(20, 9), make_dataset(20, 9), str(second_directory))
    assert Path(first.latest_path).read_bytes() == Path(second.latest_path).read_bytes()
    again = render_xlsx(make_results(20, 9), make_dataset(20, 9), str(first_directory))
    assert not again.changed


def test_xlsx_check_mode(tmp_path: Path) -> None:
    result = render_xlsx(make_results(3, 1), make_dataset(3, 1), str(tmp_path), {"check_mode": True})
    assert result.changed
    assert result.content is not None
    assert result.content.startswith(b"PK")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.slow
def test_xlsx_5000_tenants_memory(tmp_path: Path) -> None:
    script = textwrap.dedent(f"""
        import resource
        from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._render_xlsx import (
            render_xlsx,
        )
        from ansible_collections.prisma_sase.mt_monitor.tests.fixtures.report_data import (
            make_dataset, make_results,
        )
        render_xlsx(make_results(5000, 3), make_dataset(5000, 3), {str(tmp_path)!r})
        print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    """)
    completed = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                               check=True, cwd=REPOSITORY)
    peak_kib = int(completed.stdout.strip().splitlines()[-1])
    assert peak_kib < 1024 * 1024
    workbook = openpyxl.load_workbook(tmp_path / "compliance-latest.xlsx", read_only=True)
    # Write-only sheets carry no dimension record, so the rows are counted one by one.
    rows = sum(1 for _row in workbook["Results"].iter_rows(values_only=True))
    workbook.close()
    assert rows == 5000 * 6 + 1


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_xlsx_libreoffice_converts(tmp_path: Path) -> None:
    written = render_xlsx(make_results(12, 5, hostile=True), make_dataset(12, 5, hostile=True),
                          str(tmp_path))
    output = tmp_path / "converted"
    profile = tmp_path / "profile"
    completed = subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "csv",
         "--outdir", str(output), written.latest_path],
        capture_output=True, text=True, timeout=180, check=False,
    )
    assert completed.returncode == 0, completed.stderr
    csv_text = (output / "compliance-latest.csv").read_text(encoding="utf-8", errors="replace")
    assert "Tenant" in csv_text
    assert "attacker.example" in csv_text
