"""A pure-Python XLSX reader: every cell of one sheet as text, with the spreadsheet's numbering.

The fallback of `assessment.spreadsheets.reading` (python-calamine is the fast path) and the reader
for sheets calamine cannot read faithfully: formulas without a stored result. openpyxl's read-only
mode parses cell by cell in Python objects (~5 s for 10,000 applications); this reads the
SpreadsheetML with the C XML parser and a few dict lookups. A cell reads as Excel shows it: shared
and inline strings with Excel's ``_xHHHH_`` escapes decoded (``_x000D_`` is a carriage return),
numbers, booleans, dates as ISO text in either date system (1900 or 1904), and a formula as its
stored result; only a formula without one reads as its text (``=200000+75000``), so nothing is
silently empty. Merged ranges are returned so the caller can fill or name them.
"""

from __future__ import annotations

import datetime as dt
import io
import posixpath
import re
import zipfile
from collections.abc import Sequence
from xml.etree.ElementTree import Element, iterparse, parse

_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_COL = re.compile(r"^([A-Z]+)")
# Built-in number formats that show dates/times (ECMA-376 §18.8.30).
_BUILTIN_DATE_FORMATS = frozenset({*range(14, 23), 45, 46, 47})
_DATE_CODE = re.compile(r"[dmyhs]", re.IGNORECASE)
_EXCEL_EPOCH = dt.datetime(1899, 12, 30)
_EPOCH_1904 = dt.datetime(1904, 1, 1)
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")


# A compressed workbook may unpack to far more than its size (a "zip bomb"); refuse beyond this.
MAX_UNPACKED_BYTES = 1_000_000_000


class WorkbookTooLarge(Exception):
    def __init__(self, size: int) -> None:
        super().__init__(size)
        self.size = size


class UnsupportedWorkbook(Exception):
    """Something this reader does not handle; the caller falls back to openpyxl."""


def _column_index(ref: str) -> int:
    match = _COL.match(ref)
    if match is None:
        raise UnsupportedWorkbook(f"cell reference {ref!r}")
    index = 0
    for char in match.group(1):
        index = index * 26 + ord(char) - 64
    return index - 1


def unescape(text: str) -> str:
    """Excel's ``_xHHHH_`` escapes (``_x000D_`` = CR; ``_x005F_`` = a literal underscore)."""
    if "_x" not in text:
        return text
    return _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text)


def _text_of(element: Element) -> str:
    # Rich text: <si><r><t>..</t></r>...</si>; phonetic runs (<rPh>) are not part of the value.
    parts = []
    for child in element:
        if child.tag == f"{_NS}t":
            parts.append(child.text or "")
        elif child.tag == f"{_NS}r":
            for t in child.iter(f"{_NS}t"):
                parts.append(t.text or "")
    return unescape("".join(parts))


def _shared_strings(book: zipfile.ZipFile, path: str) -> list[str]:
    if path not in book.namelist():
        return []
    strings: list[str] = []
    with book.open(path) as handle:
        # Python's expat refuses entity expansion bombs and external entities; openpyxl uses it too.
        for _event, element in iterparse(handle, events=("end",)):  # noqa: S314
            if element.tag == f"{_NS}si":
                strings.append(_text_of(element))
                element.clear()
    return strings


def _date_styles(book: zipfile.ZipFile, path: str) -> frozenset[int]:
    """Indexes of cell formats (``s="…"``) that display numbers as dates."""
    if path not in book.namelist():
        return frozenset()
    root = parse(book.open(path)).getroot()  # noqa: S314 - see _shared_strings
    custom = {int(fmt.get("numFmtId", "0")): fmt.get("formatCode", "") for fmt in root.iter(f"{_NS}numFmt")}
    cell_xfs = root.find(f"{_NS}cellXfs")
    dates: set[int] = set()
    for index, xf in enumerate(cell_xfs if cell_xfs is not None else ()):
        fmt_id = int(xf.get("numFmtId", "0"))
        code = re.sub(r'"[^"]*"|\[[^\]]*\]', "", custom.get(fmt_id, ""))
        if fmt_id in _BUILTIN_DATE_FORMATS or (fmt_id in custom and _DATE_CODE.search(code)):
            dates.add(index)
    return frozenset(dates)


def uses_1904(book: zipfile.ZipFile) -> bool:
    workbook = parse(book.open("xl/workbook.xml")).getroot()  # noqa: S314 - see _shared_strings
    props = workbook.find(f"{_NS}workbookPr")
    return props is not None and props.get("date1904", "0").lower() in ("1", "true")


def sheet_path(book: zipfile.ZipFile, preferred: Sequence[str]) -> tuple[str, str]:
    """(name, path in the zip) of the first sheet named in ``preferred``, else the first sheet."""
    workbook = parse(book.open("xl/workbook.xml")).getroot()  # noqa: S314 - see _shared_strings
    rels = parse(book.open("xl/_rels/workbook.xml.rels")).getroot()  # noqa: S314
    targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{_PKG_REL_NS}Relationship")}
    sheets = [
        (s.get("name", ""), targets.get(s.get(f"{_REL_NS}id"), "")) for s in workbook.iter(f"{_NS}sheet")
    ]
    if not sheets:
        raise UnsupportedWorkbook("no sheets")
    name, chosen = next(((n, t) for n, t in sheets if n.strip().lower() in preferred), sheets[0])
    if chosen.startswith("/"):
        return name, chosen.lstrip("/")
    return name, posixpath.normpath(posixpath.join("xl", chosen))


def _number_text(raw: str, is_date: bool, epoch: dt.datetime) -> str:
    value = float(raw)
    if is_date:
        moment = epoch + dt.timedelta(days=value)
        # Excel stores times to the millisecond; round so 12:00 is not 11:59:59.999.
        moment = (moment + dt.timedelta(microseconds=500)).replace(microsecond=0)
        return moment.date().isoformat() if moment.time() == dt.time() else moment.isoformat()
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return raw


def _range(ref: str) -> tuple[int, int, int, int]:
    """``"C5:D6"`` -> (4, 2, 5, 3): first row, first column, last row, last column (0-based)."""
    first, _, last = ref.partition(":")
    last = last or first
    rows = [int(part.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")) - 1 for part in (first, last)]
    return rows[0], _column_index(first), rows[1], _column_index(last)


def read_xlsx_rows(data: bytes, preferred_sheets: Sequence[str] = ()) -> list[list[str]]:
    """All rows of the chosen sheet as text; row *i* of the list is spreadsheet row *i + 1*."""
    return read_xlsx(data, preferred_sheets).rows


class XlsxSheet:
    """What `read_xlsx` found: the cells as text, the merged ranges and the sheet's name."""

    def __init__(self, name: str, rows: list[list[str]], merged: list[tuple[int, int, int, int]]) -> None:
        self.name = name
        self.rows = rows
        self.merged = merged


def read_xlsx(data: bytes, preferred_sheets: Sequence[str] = ()) -> XlsxSheet:
    """The chosen sheet: rows as text (row *i* is spreadsheet row *i + 1*) and merged ranges."""
    try:
        book = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as err:
        raise UnsupportedWorkbook("not a zip file") from err
    with book:
        unpacked = sum(info.file_size for info in book.infolist())
        if unpacked > MAX_UNPACKED_BYTES:
            raise WorkbookTooLarge(unpacked)
        try:
            sheet_name, sheet = sheet_path(book, preferred_sheets)
            epoch = _EPOCH_1904 if uses_1904(book) else _EXCEL_EPOCH
            shared = _shared_strings(book, "xl/sharedStrings.xml")
            date_styles = _date_styles(book, "xl/styles.xml")
            handle = book.open(sheet)
        except KeyError as err:
            raise UnsupportedWorkbook(str(err)) from err
        rows: list[list[str]] = []
        merged: list[tuple[int, int, int, int]] = []
        column_cache: dict[str, int] = {}
        v_tag, f_tag, is_tag = f"{_NS}v", f"{_NS}f", f"{_NS}is"
        row_tag, merge_tag = f"{_NS}row", f"{_NS}mergeCell"
        with handle:
            for _event, element in iterparse(handle, events=("end",)):  # noqa: S314
                if element.tag != row_tag:
                    if element.tag == merge_tag and element.get("ref"):
                        merged.append(_range(element.get("ref", "")))
                    continue
                number = int(element.get("r", len(rows) + 1))
                while len(rows) < number - 1:
                    rows.append([])  # rows the sheet leaves out are empty rows
                cells: list[str] = []
                for cell in element:
                    ref = cell.get("r")
                    if ref:
                        letters = ref.rstrip("0123456789")
                        index = column_cache.get(letters, -1)
                        if index < 0:
                            index = column_cache[letters] = _column_index(letters)
                    else:
                        index = len(cells)
                    kind = cell.get("t", "n")
                    value: str | None = None
                    formula: str | None = None
                    inline: Element | None = None
                    for child in cell:
                        tag = child.tag
                        if tag == v_tag:
                            value = child.text
                        elif tag == f_tag:
                            formula = child.text
                        elif tag == is_tag:
                            inline = child
                    if kind == "s":
                        text = shared[int(value)] if value else ""
                    elif kind == "inlineStr":
                        text = _text_of(inline) if inline is not None else ""
                    elif formula and not value:
                        # No stored result (e.g. written by a script): the formula, never "".
                        text = "=" + formula
                    elif kind == "b":
                        text = "TRUE" if value == "1" else "FALSE"
                    elif kind == "n" and value:
                        text = _number_text(value, int(cell.get("s", "0")) in date_styles, epoch)
                    elif kind == "str":
                        text = unescape(value or "")
                    else:
                        text = value or ""
                    if index >= len(cells):
                        cells.extend([""] * (index - len(cells) + 1))
                    cells[index] = text
                rows.append(cells)
                element.clear()
        return XlsxSheet(sheet_name, rows, merged)
