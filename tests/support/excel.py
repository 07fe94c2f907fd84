"""Spreadsheet fixtures written the way real files are, for the import tests.

openpyxl writes text as inline strings, which is not what Excel does: Excel (and XlsxWriter,
which copies it) writes a shared-strings table, stores a formula together with its last result,
escapes a carriage return in a cell as ``_x000D_``, can use the 1904 date system and merges
cells. Swedish Excel's "CSV (semikolonavgränsad)" is cp1252, which has no U+2212 minus: it is
written as ``?``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import xlsxwriter

from tests.unit.test_screening_helpers import HEADER


@dataclass
class Formula:
    """A formula cell with the result Excel stored for it (None: no stored result)."""

    formula: str
    value: object = None


@dataclass
class Merge:
    """Merge ``rows`` rows downwards from the cell holding this value (0-based offsets)."""

    value: str
    rows: int = 2


@dataclass
class Workbook:
    """What to write: the rows (header included) of one sheet, and the workbook options."""

    rows: Sequence[Sequence[object]]
    sheet: str = "Ansökningar"
    date_1904: bool = False
    title_rows: Sequence[str] = ()
    other_sheets: Mapping[str, Sequence[Sequence[object]]] = field(default_factory=dict)


def excel_xlsx(book: Workbook) -> bytes:
    """An .xlsx with a shared-strings table (as Excel writes it), formulas with stored results,
    merged cells, date cells and, optionally, the 1904 date system and title rows above."""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(
        buffer, {"in_memory": True, "date_1904": book.date_1904, "strings_to_formulas": False}
    )
    for name, rows in book.other_sheets.items():
        _sheet(workbook, name, rows, ())
    _sheet(workbook, book.sheet, book.rows, book.title_rows)
    workbook.close()
    return buffer.getvalue()


def _sheet(
    workbook: xlsxwriter.Workbook, name: str, rows: Sequence[Sequence[object]], titles: Sequence[str]
) -> None:
    sheet = workbook.add_worksheet(name)
    date = workbook.add_format({"num_format": "yyyy-mm-dd"})
    money = workbook.add_format({"num_format": '# ##0 "kr"'})
    offset = 0
    for title in titles:
        if title:
            sheet.write_string(offset, 0, title)
        offset += 1
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            target = r + offset
            if isinstance(value, Merge):
                sheet.merge_range(target, c, target + value.rows - 1, c, value.value)
            elif isinstance(value, Formula):
                sheet.write_formula(
                    target, c, value.formula, None, value.value if value.value is not None else 0
                )
            elif isinstance(value, dt.date):
                sheet.write_datetime(target, c, dt.datetime.combine(value, dt.time()), date)
            elif isinstance(value, bool):
                sheet.write_boolean(target, c, value)
            elif isinstance(value, int | float):
                sheet.write_number(target, c, value, money)
            elif value not in (None, ""):
                sheet.write_string(target, c, str(value))


def uncached_formula_xlsx(rows: Sequence[Sequence[object]]) -> bytes:
    """An .xlsx whose formulas have no stored result (as written by openpyxl or a script)."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "ansökningar"
    for row in rows:
        sheet.append([v.formula if isinstance(v, Formula) else v for v in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def application_rows(
    rows: Sequence[Mapping[str, object]], header: Sequence[str] = HEADER
) -> list[list[object]]:
    """The header and one row per mapping, in the header's order."""
    return [list(header), *([row.get(h, "") for h in header] for row in rows)]


def excel_cp1252_csv(rows: Sequence[Mapping[str, str]], header: Sequence[str] = HEADER) -> bytes:
    """What Swedish Excel's "CSV (semikolonavgränsad)" writes: cp1252, ``;``, CRLF, and ``?``
    for every character cp1252 lacks (U+2212 minus, Sami ŋ đ ŧ …)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(h, "") for h in header])
    return buffer.getvalue().encode("cp1252", errors="replace")


def utf16_text(rows: Sequence[Mapping[str, str]], header: Sequence[str] = HEADER) -> bytes:
    """Excel's "Unicode-text": UTF-16 little endian with a byte-order mark, tab-separated."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter="\t", lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(h, "") for h in header])
    return buffer.getvalue().encode("utf-16")
