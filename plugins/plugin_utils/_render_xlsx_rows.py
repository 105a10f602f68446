# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Fast serialisation of plain cell values in write-only openpyxl worksheets.

This is a private module: its interface may change between releases.

openpyxl builds an element tree for every cell and writes it through et_xmlfile in pure
Python, which took 10 to 20 microseconds per cell on a loaded 2-core machine (cProfile, an
estimate). A 5,000-tenant workbook has about 1.7 million cells, so `install_fast_rows` makes
a worksheet write the XML of plain values (text, numbers, booleans) itself, with exactly the
bytes that openpyxl 3.1 writes for them. Cell objects (styles, hyperlinks, forced text) and
everything outside sheetData still go through openpyxl.
When openpyxl writes through lxml, whose writer has no raw text output, or when a row has
row dimensions, the row takes openpyxl's own path.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import math
from typing import Any, Callable, Sequence

try:
    from openpyxl.cell._writer import write_cell
    from openpyxl.utils import get_column_letter
except ImportError:  # render_xlsx reports the missing openpyxl when it runs.
    pass


# Text that openpyxl 3.1 stores as an error value instead of a string (openpyxl.cell.cell).
SPREADSHEET_ERROR_CODES = frozenset(("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"))
# openpyxl 3.1 truncates text longer than this many characters.
OPENPYXL_TEXT_LIMIT = 32767


def escape_text(text: str) -> str:
    """Escape XML character data as xml.etree.ElementTree does, which et_xmlfile uses."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


def can_write_fast(text: str) -> bool:
    """Return True when openpyxl writes `text` as a plain inline string, without attributes.

    openpyxl writes an empty string as an empty cell, marks text with leading or trailing
    whitespace with xml:space="preserve", stores text starting with "=" as a formula and
    error codes as errors, and cuts long text, so all of these keep openpyxl's path. The
    caller must have replaced the control characters that XML cannot hold (`clean_text`).
    """
    if not text or len(text) > OPENPYXL_TEXT_LIMIT or text[0] == "=":
        return False
    return not text[0].isspace() and not text[-1].isspace() and text not in SPREADSHEET_ERROR_CODES


def _plain_cell_xml(coordinate: str, value: Any) -> str | None:
    """Return the XML of one plain value as openpyxl 3.1 writes it, or None to use openpyxl."""
    kind = type(value)
    if kind is str:
        if not can_write_fast(value):
            return None
        return '<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (coordinate, escape_text(value))
    if kind is bool:
        return '<c r="%s" t="b"><v>%d</v></c>' % (coordinate, value)
    if kind is int or kind is float and math.isfinite(value):
        # openpyxl.compat.strings.safe_string formats every number with "%.16g".
        return '<c r="%s" t="n"><v>%.16g</v></c>' % (coordinate, value)
    return None


class FastRows:
    """Row writer of one write-only worksheet that serialises plain values itself.

    `values_to_row` and `write_row` replace the worksheet's `_values_to_row` and its writer's
    `write_row`, which openpyxl's write-only worksheet calls once per appended row.
    """

    def __init__(self, worksheet: Any, values_to_row: Callable[..., Any],
                 write_row: Callable[..., Any]) -> None:
        self.worksheet = worksheet
        self.openpyxl_values_to_row = values_to_row
        self.openpyxl_write_row = write_row

    @staticmethod
    def values_to_row(values: Sequence[Any], row_idx: int) -> Sequence[Any]:
        """Pass the appended values on unchanged, so that write_row receives plain values."""
        del row_idx
        return values

    def write_row(self, xf: Any, values: Sequence[Any], row_idx: int) -> None:
        """Write one row, with plain values as raw XML and other cells through openpyxl."""
        raw_write = getattr(xf, "_file", None)
        if not callable(raw_write) or row_idx in self.worksheet.row_dimensions:
            self.openpyxl_write_row(xf, self.openpyxl_values_to_row(values, row_idx), row_idx)
            return

        parts = ['<row r="%d">' % row_idx]
        for col_idx, value in enumerate(values, 1):
            if value is None:
                continue
            coordinate = "%s%d" % (get_column_letter(col_idx), row_idx)
            text = _plain_cell_xml(coordinate, value)
            if text is None:
                text = self._text_cell_xml(value, coordinate, col_idx, row_idx)
            if text is not None:
                parts.append(text)
                continue
            raw_write("".join(parts))
            parts = []
            self._write_openpyxl_cell(xf, value, col_idx, row_idx)
        parts.append("</row>")
        raw_write("".join(parts))

    def _text_cell_xml(self, cell: Any, coordinate: str, col_idx: int, row_idx: int) -> str | None:
        """Return the XML of a text cell object with a style or a link, as openpyxl 3.1 writes it.

        Returns None, and leaves the cell unchanged, for every other kind of cell. The style
        index and the hyperlink are registered with the workbook and the sheet as openpyxl's
        `_set_attributes` does.
        """
        if getattr(cell, "data_type", None) != "s" or not isinstance(cell.value, str):
            return None
        if cell._comment is not None or not can_write_fast(cell.value):  # pylint: disable=protected-access
            return None
        cell.column = col_idx
        cell.row = row_idx
        style = ' s="%d"' % cell.style_id if cell.has_style else ""
        if cell.hyperlink:
            cell.hyperlink.ref = coordinate
            self.worksheet._hyperlinks.append(cell.hyperlink)  # pylint: disable=protected-access
        return '<c r="%s"%s t="inlineStr"><is><t>%s</t></is></c>' % (coordinate, style, escape_text(cell.value))

    def _write_openpyxl_cell(self, xf: Any, value: Any, col_idx: int, row_idx: int) -> None:
        """Write one value the way openpyxl's `_values_to_row` and `write_row` do."""
        for cell in self.openpyxl_values_to_row([None] * (col_idx - 1) + [value], row_idx):
            if cell._comment is not None:  # pylint: disable=protected-access
                raise ValueError("cell %s has a comment, which the Excel report's rows do not "
                                 "support; append the cell without a comment" % cell.coordinate)
            if cell._value is None and not cell.has_style:  # pylint: disable=protected-access
                continue
            write_cell(xf, self.worksheet, cell, cell.has_style)


def install_fast_rows(worksheet: Any) -> bool:
    """Install `FastRows` on a write-only worksheet and return True.

    Call it after the first row is appended, because openpyxl creates the sheet's writer then.
    Returns False, and changes nothing, when this openpyxl lacks the hooks.
    """
    writer = getattr(worksheet, "_writer", None)
    values_to_row = getattr(worksheet, "_values_to_row", None)
    write_row = getattr(writer, "write_row", None)
    if writer is None or not callable(values_to_row) or not callable(write_row):
        return False
    rows = FastRows(worksheet, values_to_row, write_row)
    worksheet._values_to_row = rows.values_to_row  # pylint: disable=protected-access
    writer.write_row = rows.write_row
    return True
