# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Safe cell writing for write-only openpyxl worksheets.

This is a private module: its interface may change between releases.

Every string goes through `clean_text` and is stored as an inline string (`data_type = 's'`),
so text from the API is never stored as a formula, whatever it starts with. Text that a
spreadsheet would read as a formula when a user edits the cell also gets the `quotePrefix`
style, which keeps it text after editing. Numbers stay numbers.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import math
import re
import warnings
from copy import copy
from typing import Any, Iterable

from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._render_common import (
    RenderStats,
    clean_and_count,
    clean_text,
    is_formula_like,
    to_json_text,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._render_xlsx_rows import (
    SPREADSHEET_ERROR_CODES,
    install_fast_rows,
)

try:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.filters import AutoFilter
    from openpyxl.worksheet.properties import PageSetupProperties
    from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo
except ImportError as error:  # reported by render_xlsx when it runs
    OPENPYXL_IMPORT_ERROR: ImportError | None = error
else:
    OPENPYXL_IMPORT_ERROR = None

MAX_COLUMN_WIDTH = 60
MIN_COLUMN_WIDTH = 8
SHEET_NAME_LIMIT = 31
_INVALID_SHEET_CHARACTERS = re.compile(r"[\[\]:*?/\\]")


def unique_sheet_name(name: str, used: set[str]) -> str:
    """Return a valid sheet name of at most 31 characters not yet in `used` (case-insensitive)."""
    base = _INVALID_SHEET_CHARACTERS.sub("_", name).strip("'") or "Sheet"
    base = base[:SHEET_NAME_LIMIT]
    candidate = base
    number = 2
    while candidate.lower() in used:
        suffix = f"~{number}"
        candidate = base[: SHEET_NAME_LIMIT - len(suffix)] + suffix
        number += 1
    used.add(candidate.lower())
    return candidate


class SheetWriter:
    """Appends rows to one write-only worksheet and counts them.

    `rows_written` counts data rows, without the header row.
    """

    def __init__(self, worksheet: Any, stats: RenderStats, limit: int) -> None:
        self.worksheet = worksheet
        self.stats = stats
        self.limit = limit
        self.rows_written = 0
        self.header: list[str] = []
        self.bold = Font(bold=True)
        self.wrap = Alignment(wrap_text=False, vertical="top")
        self._styles: dict[tuple[int, int, bool], Any] = {}

    @property
    def title(self) -> str:
        return self.worksheet.title

    def cell(self, value: Any, *, fill: Any = None, font: Any = None, link: str | None = None,
             where: str = "") -> Any:
        """Build one cell: strings cleaned and stored as text, numbers as numbers."""
        if isinstance(value, bool) or value is None or isinstance(value, (int, float)) and math.isfinite(value):
            cell = WriteOnlyCell(self.worksheet)
            cell.value = value
        else:
            cell = self._text_cell(self._clean(value, where))
        if fill is not None or font is not None:
            self._apply_style(cell, fill, font)
        if link is not None:
            cell.hyperlink = link
        return cell

    def _text_cell(self, text: str) -> Any:
        cell = WriteOnlyCell(self.worksheet)
        cell.value = text
        # openpyxl types text starting with '=' as a formula and error codes such as '#N/A' as
        # errors, so the type is forced to text.
        cell.data_type = "s"
        if is_formula_like(text):
            cell.quotePrefix = True
        return cell

    def value(self, value: Any) -> Any:
        """Return what to append for one unstyled value: itself, its cleaned text or a text cell.

        A plain value costs far less to write than a cell object, which openpyxl's own row path
        handles through a caught ValueError per cell. Text that openpyxl would store as a formula or an error code, and
        text that needs the quotePrefix style, still becomes a cell.
        """
        if value is None or isinstance(value, (bool, int)):
            return value
        if isinstance(value, float) and math.isfinite(value):
            return value
        text = self._clean(value, "")
        if text in SPREADSHEET_ERROR_CODES or is_formula_like(text):
            return self._text_cell(text)
        return text

    def _clean(self, value: Any, where: str) -> str:
        """Clean one value and record the changes, listing the cell only when it was truncated."""
        if isinstance(value, (dict, list, tuple)):
            value = to_json_text(value)
        cleaned = clean_text(value, self.limit)
        if cleaned.controls_replaced or cleaned.truncated:
            self.stats.record(cleaned, where or f"{self.worksheet.title} row {self.rows_written + 2}")
        return cleaned.text

    def _apply_style(self, cell: Any, fill: Any, font: Any) -> None:
        """Set fill and font, reusing the style index of an earlier cell with the same pair.

        openpyxl hashes each style object to find its index, which costs more than writing
        the cell, so each pair is looked up once per sheet. The cache keys on object identity,
        so the fill and font objects must stay referenced and unchanged while the sheet is
        written, as the workbook's StatusStyles and the header font are.
        """
        key = (id(fill), id(font), bool(cell.quotePrefix))
        cached = self._styles.get(key)
        if cached is not None:
            cell._style = copy(cached)  # pylint: disable=protected-access
            return
        if fill is not None:
            cell.fill = fill
        if font is not None:
            cell.font = font
        self._styles[key] = copy(cell._style)  # pylint: disable=protected-access

    def write_header(self, names: Iterable[str], widths: Iterable[int] | None = None) -> None:
        """Write the bold header row, set column widths, freeze the panes and set the print layout."""
        self.header = [clean_and_count(name, self.stats, self.limit) for name in names]
        column_widths = list(widths) if widths is not None else [len(n) + 2 for n in self.header]
        for index, width in enumerate(column_widths, start=1):
            bounded = max(MIN_COLUMN_WIDTH, min(MAX_COLUMN_WIDTH, width))
            self.worksheet.column_dimensions[get_column_letter(index)].width = bounded
        self.worksheet.freeze_panes = "A2"
        set_print_layout(self.worksheet)
        self.worksheet.append([self.cell(name, font=self.bold) for name in self.header])
        install_fast_rows(self.worksheet)

    def append(self, values: Iterable[Any]) -> None:
        """Write one data row of plain values."""
        self.worksheet.append([self.value(value) for value in values])
        self.rows_written += 1

    def append_cells(self, cells: list[Any]) -> None:
        """Write one data row of cells built with `cell`."""
        self.worksheet.append(cells)
        self.rows_written += 1

    def finish_table(self, table_name: str, columns: int | None = None,
                     rows: int | None = None) -> None:
        """Add an Excel table over the header and data rows, or an auto filter without rows.

        `columns` and `rows` limit the table to the first columns and data rows. Excel needs
        unique, non-empty header texts in a table, so sheets with duplicate headers get an
        auto filter instead.
        """
        header = self.header[:columns] if columns is not None else self.header
        data_rows = self.rows_written if rows is None else rows
        if not header:
            return
        last = f"{get_column_letter(len(header))}{data_rows + 1}"
        reference = f"A1:{last}"
        unique = len({name.lower() for name in header}) == len(header)
        if data_rows == 0 or not unique or not all(header):
            self.worksheet.auto_filter.ref = reference
            return
        table = Table(displayName=table_name, ref=reference, autoFilter=AutoFilter(ref=reference))
        # Write-only sheets cannot read their cells back, so the columns are given here and
        # must equal the header texts.
        table.tableColumns = [TableColumn(id=i, name=name) for i, name in enumerate(header, 1)]
        table.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
        with warnings.catch_warnings():
            # openpyxl warns on every table in write-only mode, although the columns are set.
            warnings.filterwarnings("ignore", "In write-only mode you must add table columns")
            self.worksheet.add_table(table)


def set_print_layout(worksheet: Any) -> None:
    """Set landscape printing, one page wide, with the header row repeated on every page.

    fitToHeight 0 leaves the number of pages to the rows, so a long sheet is not shrunk to one
    page. Without fit to width, a spreadsheet prints wide tables cut into column strips.
    """
    worksheet.page_setup.orientation = "landscape"
    worksheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    worksheet.page_setup.fitToWidth = 1
    worksheet.page_setup.fitToHeight = 0
    worksheet.print_title_rows = "1:1"


def status_fill(colour: str) -> Any:
    """Return a solid fill of the RGB hex colour."""
    return PatternFill(fill_type="solid", start_color=colour, end_color=colour)


def estimate_widths(header: list[str], rows: Iterable[Iterable[Any]], sample: int = 500) -> list[int]:
    """Estimate column widths from the header and the first `sample` rows."""
    widths = [len(str(name)) + 2 for name in header]
    for count, row in enumerate(rows):
        if count >= sample:
            break
        for index, value in enumerate(row):
            if index < len(widths):
                if value is None:
                    length = 0
                elif isinstance(value, str):
                    length = len(value)
                else:
                    length = len(str(value))
                widths[index] = max(widths[index], min(length, MAX_COLUMN_WIDTH) + 2)
    return widths
