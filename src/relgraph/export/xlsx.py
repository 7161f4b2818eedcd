"""Kumu's workbook: one XLSX file with an `Elements` and a `Connections` sheet.

Kumu's spreadsheet import takes a workbook whose sheets are named Elements and Connections (its
"Import from Excel" guide); the cells are those of the kumu CSV folder (tools.kumu_tables), so the
two stay one layout. XlsxWriter writes it because it needs no template and lets every part of the
file be fixed: the zip entries carry its constant 1980-01-01 time and the document properties a
fixed creation date, so the same dataset gives byte-identical workbooks.

Every cell is written as text (write_string), never guessed: a quote beginning with `=` must stay
a quote, not become a formula that a spreadsheet evaluates.
"""
from __future__ import annotations

import datetime
import io

from relgraph.export.rows import cell
from relgraph.export.tools import kumu_tables
from relgraph.model.records import Dataset

# Written into docProps/core.xml instead of the time of writing (XlsxWriter's default).
FIXED_CREATED = datetime.datetime(2000, 1, 1)
# Excel's limit on the characters of one cell; longer text would be cut off without a word.
CELL_LIMIT = 32767


def to_kumu_xlsx(dataset: Dataset, include="facts") -> bytes:
    import xlsxwriter  # here so that listing the formats does not import it

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False,
                                            "strings_to_formulas": False, "strings_to_urls": False})
    workbook.set_properties({"created": FIXED_CREATED, "author": "relgraph", "title": "relgraph: Kumu import"})
    for name, (columns, rows) in kumu_tables(dataset, include).items():
        _write_sheet(workbook.add_worksheet(name), columns, rows)
    workbook.close()
    return buffer.getvalue()


def _write_sheet(sheet, columns: tuple[str, ...], rows: list[list]) -> None:
    for number, values in enumerate([list(columns), *rows]):
        for column, value in enumerate(values):
            text = cell(value)
            if len(text) > CELL_LIMIT:
                raise ValueError(f"a {columns[column]} cell of {len(text)} characters is over Excel's {CELL_LIMIT}")
            if text:  # an empty cell is left out, as Kumu reads a blank
                sheet.write_string(number, column, text)
