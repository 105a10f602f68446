# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

import io
import zipfile
from typing import Any

import openpyxl
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.hyperlink import Hyperlink

from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils import _render_xlsx_rows
from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._render_xlsx_rows import (
    can_write_fast,
    install_fast_rows,
)

PLAIN_VALUES: list[Any] = [
    "tenant", "a & b <c> d", "ünïcödé ✓", " leading space", "trailing space ", "", "=SUM(A1)",
    "=", "#N/A", "#REF!", "-5", "+1", "@user", "x" * 40000, True, False, 0, -7, 3.25, 1e300,
    12345678901234567890, float("nan"), None, "line\nbreak", "tab\tinside",
]


def _rows(sheet: Any) -> list[list[Any]]:
    fill = PatternFill(fill_type="solid", start_color="FFC7CE", end_color="FFC7CE")
    styled = WriteOnlyCell(sheet, value="fail")
    styled.fill = fill
    styled.font = Font(color="9C0006")
    linked = WriteOnlyCell(sheet, value="pass")
    linked.hyperlink = Hyperlink(ref="", location="'Results'!A2", tooltip="CTL-1: pass")
    forced = WriteOnlyCell(sheet, value="=1+2")
    forced.data_type = "s"
    forced.quotePrefix = True
    return [
        PLAIN_VALUES,
        [None, "gap before", None, 4, None],
        ["start", styled, "middle", linked, forced, 9],
        list(reversed(PLAIN_VALUES)),
    ]


def _sheet_xml(fast: bool) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Data")
    sheet.append(["Header"])
    if fast:
        assert install_fast_rows(sheet) is True
    for row in _rows(sheet):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        return archive.read("xl/worksheets/sheet1.xml")


def test_fast_rows_equal_openpyxl_bytes() -> None:
    assert _sheet_xml(fast=True) == _sheet_xml(fast=False)


def test_fast_rows_reopen_in_openpyxl(tmp_path: Any) -> None:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Data")
    sheet.append(["Header"])
    install_fast_rows(sheet)
    sheet.append(["a & b", 2, 2.5, True, None, "#N/A"])
    path = tmp_path / "rows.xlsx"
    workbook.save(path)

    reopened = openpyxl.load_workbook(path)["Data"]
    assert [cell.value for cell in reopened[2]] == ["a & b", 2, 2.5, True, None, "#N/A"]
    assert reopened["F2"].data_type == "e"


def test_fast_rows_fall_back_without_raw_output() -> None:
    calls: list[int] = []

    class LxmlLikeWriter:
        """Stand-in for lxml's incremental writer, which has no raw text output (`_file`)."""

    class Sheet:
        def __init__(self) -> None:
            self.row_dimensions: dict[int, Any] = {}

    def values_to_row(values: list[Any], row_idx: int) -> list[Any]:
        return list(values)

    def write_row(xf: Any, row: list[Any], row_idx: int) -> None:
        calls.append(row_idx)

    rows = _render_xlsx_rows.FastRows(Sheet(), values_to_row, write_row)
    rows.write_row(LxmlLikeWriter(), ["text", 1], 5)
    assert calls == [5]


def test_can_write_fast_cases() -> None:
    assert can_write_fast("plain text")
    assert can_write_fast("-5")
    for text in ("", " x", "x ", "=A1", "#DIV/0!", "x" * 32768):
        assert not can_write_fast(text), text


def test_fast_rows_keep_row_dimensions() -> None:
    def sheet_xml(fast: bool) -> bytes:
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet("Data")
        sheet.append(["Header"])
        if fast:
            assert install_fast_rows(sheet) is True
        sheet.row_dimensions[3].height = 30
        for row in _rows(sheet):
            sheet.append(row)
        buffer = io.BytesIO()
        workbook.save(buffer)
        with zipfile.ZipFile(buffer) as archive:
            return archive.read("xl/worksheets/sheet1.xml")

    fast = sheet_xml(fast=True)
    assert b'<row r="3" ht="30" customHeight="1">' in fast
    assert fast == sheet_xml(fast=False)
