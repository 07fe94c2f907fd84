"""Read a CSV or XLSX file into a table of text cells, the way the officer sees it in Excel.

XLSX: python-calamine (Rust) is the fast path — measured 2.4–3.4× faster than the project's own
reader on 10,000 applications with shared strings (`bench/bench_screening.py` prints both). It
returns formula results, decodes ``_x000D_``, knows the 1904 date system and reports merged
ranges. One thing it cannot do faithfully is a formula *without* a stored result (a file written
by a script): it reads as empty. Such sheets go to `xlsx_reader`, which shows the formula text
instead. A damaged workbook that neither reads gets a message naming the problem.

CSV: Swedish Excel writes cp1252 ("CSV (semikolonavgränsad)"), its "Unicode-text" is UTF-16
with tabs; UTF-8 with or without a byte-order mark is the rest. The separator is the one of
``;``, ``,`` and tab that the first lines use most. Python's csv module keeps ragged rows, so the
importer can name each row that has more cells than the header.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from assessment.errors import Problem, ValidationFailed
from assessment.spreadsheets.xlsx_reader import (
    MAX_UNPACKED_BYTES,
    UnsupportedWorkbook,
    WorkbookTooLarge,
    read_xlsx,
    sheet_path,
)

MAX_FILE_BYTES = 100_000_000
# A register of applications has tens of columns. Far more is not such a table (10 MB of "a;"
# is five million columns), and each column would become a choice in the app's mapping step.
MAX_COLUMNS = 1_000
CellRange = tuple[int, int, int, int]  # first row, first column, last row, last column (0-based)

# A formula cell with no stored result: ``<f>…</f>`` then an empty or missing ``<v>``.
_UNCACHED_FORMULA = re.compile(rb"(?:</f>|<f[^>]*/>)\s*(?:<v\s*/>|<v>\s*</v>)?\s*</c>")


@dataclass
class Table:
    """Every cell as text (row *i* is spreadsheet row *i + 1*) and how the file was read."""

    rows: list[list[str]]
    merged: list[CellRange] = field(default_factory=list)
    sheet: str = ""
    encoding: str = ""
    reader: str = ""


def cell_text(value: object) -> str:
    """A typed cell value as the text Excel shows (dates as ISO dates, 275000.0 as 275000)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value:  # NaN
            return ""
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, dt.datetime):
        value = (value + dt.timedelta(microseconds=500)).replace(microsecond=0)
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


# --- CSV ------------------------------------------------------------------------------------


def decode_text(data: bytes, file: str) -> tuple[str, str]:
    """(text, encoding): byte-order marks first, then UTF-8, then Windows-1252."""
    if data.startswith(codecs.BOM_UTF8):
        return _decode_or_fail(data[3:], "utf-8", file), "utf-8-sig"
    for bom, name in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return _decode_or_fail(data[2:], name, file), "utf-16"
    head = data[:4000]
    if head and head.count(b"\x00") > len(head) // 4:
        # UTF-16 without a byte-order mark: every other byte of ASCII text is zero.
        name = "utf-16-le" if head[1:2] == b"\x00" else "utf-16-be"
        return _decode_or_fail(data, name, file), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # cp1252 leaves five bytes undefined; latin-1 maps them (they are control characters anyway).
    return data.decode("cp1252", errors="strict") if _cp1252_ok(data) else data.decode("latin-1"), "cp1252"


def _cp1252_ok(data: bytes) -> bool:
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True


def _decode_or_fail(data: bytes, encoding: str, file: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise ValidationFailed(Problem("core.not_utf8", file=file)) from None


def _separator(text: str) -> str:
    lines = [line for line in text[:20_000].splitlines()[:15] if line.strip()]
    counts = {sep: max((line.count(sep) for line in lines), default=0) for sep in (";", "\t", ",")}
    return max(counts, key=lambda sep: counts[sep])


def read_csv(data: bytes, file: str) -> Table:
    text, encoding = decode_text(data, file)
    if text.startswith("\ufeff"):
        text = text[1:]
    sep = _separator(text)
    csv.field_size_limit(MAX_FILE_BYTES)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    try:
        rows = [row for row in reader]
    except csv.Error as err:
        params = {"line": reader.line_num, "detail": str(err)}
        raise ValidationFailed(Problem("screening.err_csv", params, file=file)) from None
    return Table(rows, encoding=encoding, reader="csv")


# --- XLSX -----------------------------------------------------------------------------------


def _has_uncached_formula(book: zipfile.ZipFile, member: str) -> bool:
    with book.open(member) as handle:
        carry = b""
        while chunk := handle.read(1 << 20):
            block = carry + chunk
            if b"<f" in block and _UNCACHED_FORMULA.search(block):
                return True
            carry = block[-200:]
    return False


def _calamine(data: bytes, preferred: Sequence[str]) -> Table | None:
    """The sheet read by python-calamine, or None where the project's reader must do it."""
    try:
        import python_calamine
    except ImportError:  # pragma: no cover - pinned in requirements.txt; kept optional for forks
        return None
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        unpacked = sum(info.file_size for info in book.infolist())
        if unpacked > MAX_UNPACKED_BYTES:
            raise WorkbookTooLarge(unpacked)
        name, member = sheet_path(book, preferred)
        if _has_uncached_formula(book, member):
            return None
    failures = (
        python_calamine.CalamineError,
        python_calamine.XmlError,
        python_calamine.ZipError,
        python_calamine.WorksheetNotFound,
    )
    try:
        workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        try:
            sheet = workbook.get_sheet_by_name(name)
            values = sheet.to_python(skip_empty_area=False)
            merged = [(a[0], a[1], b[0], b[1]) for a, b in (sheet.merged_cell_ranges or [])]
        finally:
            workbook.close()
    except failures:
        return None  # the project's reader tries, and names what is wrong if it cannot either
    rows = [[cell_text(v) for v in row] for row in values]
    return Table(rows, merged, sheet=name, reader="calamine")


def read_xlsx_table(data: bytes, file: str, preferred: Sequence[str] = ()) -> Table:
    """The preferred (else first) sheet of a workbook."""
    try:
        found = _calamine(data, preferred)
        if found is not None:
            return found
        sheet = read_xlsx(data, preferred)
        return Table(sheet.rows, sheet.merged, sheet=sheet.name, reader="xlsx")
    except WorkbookTooLarge as err:
        params: dict[str, object] = {"size": err.size, "limit": MAX_UNPACKED_BYTES}
        raise ValidationFailed(Problem("core.file_too_large", params, file=file)) from None
    except (
        UnsupportedWorkbook,
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        NotImplementedError,  # zipfile: an unknown compression method or version
        KeyError,
        ValueError,
        IndexError,
        OSError,
        SyntaxError,
    ) as err:
        # A damaged package: SyntaxError covers ElementTree's ParseError (malformed XML),
        # zlib.error and EOFError a corrupt or cut deflate stream.
        raise ValidationFailed(
            Problem("screening.err_not_xlsx", {"detail": type(err).__name__}, file=file)
        ) from None


def read_table(data: bytes, name: str, preferred_sheets: Sequence[str] = ()) -> Table:
    """A CSV or XLSX file (by suffix, or by content for a zip) as text cells."""
    if len(data) > MAX_FILE_BYTES:
        raise ValidationFailed(
            Problem("core.file_too_large", {"size": len(data), "limit": MAX_FILE_BYTES}, file=name)
        )
    suffix = Path(name).suffix.lower()
    if suffix in (".xlsx", ".xlsm") or data[:2] == b"PK":
        table = read_xlsx_table(data, name, preferred_sheets)
    elif suffix in (".csv", ".txt", ".tsv", ""):
        table = read_csv(data, name)
    else:
        raise ValidationFailed(Problem("screening.err_file_type", {"suffix": suffix}, file=name))
    width = max((len(row) for row in table.rows), default=0)
    if width > MAX_COLUMNS:
        raise ValidationFailed(
            Problem("screening.err_too_many_columns", {"count": width, "limit": MAX_COLUMNS}, file=name)
        )
    return table
