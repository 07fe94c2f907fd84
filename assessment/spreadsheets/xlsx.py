"""The project's XLSX writer: streaming SpreadsheetML with plain string building and deflate.

openpyxl without lxml serialises cell by cell in pure Python (~10 s for 10,000 result rows); this
writes the same format ~10× faster, and formats the sheet the way an officer expects to open it:
bold wrapped header row, frozen panes, an autofilter, column widths, wrapped long-text columns and
grouped numbers. Strings are always inline strings, so a value is never stored as a formula;
formula-like text also gets Excel's quote prefix (see `assessment.spreadsheets.cells`).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal
from xml.sax.saxutils import escape

from assessment.spreadsheets.cells import FORMULA_PREFIXES, fit_cell, is_formula_like, storable

_INF = float("inf")
# First characters that may start formula-like text (a leading space is looked through).
_FORMULA_FIRST = frozenset("".join(FORMULA_PREFIXES) + " ")
NumberFormat = Literal["integer", "decimal"]

_SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")
_SPECIAL = re.compile("[&<>\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|_x[0-9A-Fa-f]{4}_")
# Excel reads "_x000D_" in a string as a carriage return; a literal one is escaped as "_x005F_…".
_ESCAPE_LIKE = re.compile(r"_(x[0-9A-Fa-f]{4}_)")

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    "{sheets}</Types>"
)
_SHEET_TYPE = (
    '<Override PartName="/xl/worksheets/sheet{n}.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    "<sheets>{sheets}</sheets>{names}</workbook>"
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    "{rels}"
    '<Relationship Id="rIdStyles" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" '
    'Target="styles.xml"/></Relationships>'
)
_WRAP = '<alignment wrapText="1" vertical="top"/>'
# Style indexes (cellXfs) used below.
_S_HEADER, _S_WRAP, _S_QUOTE, _S_QUOTE_WRAP, _S_INT, _S_DEC, _S_HEADER_QUOTE = 1, 2, 3, 4, 5, 6, 7
_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="8">'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1">'
    f"{_WRAP}</xf>"
    f'<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1">{_WRAP}</xf>'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1"/>'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1" applyAlignment="1">'
    f"{_WRAP}</xf>"
    '<xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" quotePrefix="1" '
    f'applyAlignment="1">{_WRAP}</xf>'
    "</cellXfs>"
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)
_SHEET_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
)
_FROZEN = (
    '<sheetViews><sheetView workbookViewId="0">'
    '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
    '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
)


@dataclass
class Sheet:
    """One worksheet. With ``header`` the first row is bold, frozen and carries the autofilter."""

    name: str
    rows: Iterable[Sequence[Any]]
    widths: Sequence[float] = ()  # column widths in characters, from column A
    wrap: frozenset[int] = frozenset()  # columns (0-based) whose text wraps
    numbers: Mapping[int, NumberFormat] = field(default_factory=dict)  # grouped number formats
    header: bool = True


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell_text(value: str) -> str:
    """Escaped cell text. Most cells need no change: a printable text (no control character, no
    U+FFFE/U+FFFF; a line break is not printable and takes the search) without ``&<>`` or
    ``_x`` is returned after a few C-level scans, several times faster than the search."""
    text = fit_cell(value)
    if text.isprintable() and "&" not in text and "<" not in text and ">" not in text and "_x" not in text:
        return text
    if _SPECIAL.search(text) is None:
        return text
    text = storable(text)
    if "_x" in text:
        text = _ESCAPE_LIKE.sub(r"_x005F_\1", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class _RowWriter:
    """Per-sheet precomputed cell heads, so a row costs string joins and few decisions."""

    def __init__(self, sheet: Sheet) -> None:
        self.sheet = sheet
        self.letters: list[str] = []
        self.width = 0
        # Per column: the style attribute of plain text, of quote-prefixed text, of a number.
        self.text_style: list[str] = []
        self.quote_style: list[str] = []
        self.number_style: list[str] = []

    def _extend(self, width: int) -> None:
        wrap, numbers = self.sheet.wrap, self.sheet.numbers
        for index in range(len(self.letters), width):
            self.letters.append(column_letter(index))
            wrapped = index in wrap
            self.text_style.append(f' s="{_S_WRAP}"' if wrapped else "")
            self.quote_style.append(f' s="{_S_QUOTE_WRAP if wrapped else _S_QUOTE}"')
            fmt = numbers.get(index)
            self.number_style.append("" if fmt is None else f' s="{_S_INT if fmt == "integer" else _S_DEC}"')

    def row(self, number: int, values: Sequence[Any]) -> str:
        if len(values) > len(self.letters):
            self._extend(len(values))
        header = self.sheet.header and number == 1
        letters = self.letters
        cells = []
        follows = False  # a cell right after the previous one needs no reference (ECMA-376 §18.3.1.4)
        for index, value in enumerate(values):
            if value is None or value == "":
                follows = False
                continue
            ref = "<c" if follows else f'<c r="{letters[index]}{number}"'
            follows = True
            kind = type(value)
            if kind is str:
                text: str = value
            elif kind is bool:
                cells.append(f'{ref} t="b"><v>{int(value)}</v></c>')
                continue
            elif (kind is int or kind is float) and not header:
                if value != value or value in (_INF, -_INF):
                    follows = False  # NaN/inf cannot be stored; an empty cell says "no value"
                    continue
                cells.append(f"{ref}{self.number_style[index]}><v>{value!r}</v></c>")
                continue
            else:
                text = str(value)
            quoted = text[:1] in _FORMULA_FIRST and is_formula_like(text)
            if header:
                style = f' s="{_S_HEADER_QUOTE if quoted else _S_HEADER}"'
            else:
                style = self.quote_style[index] if quoted else self.text_style[index]
            cells.append(
                f'{ref}{style} t="inlineStr"><is><t xml:space="preserve">{cell_text(text)}</t></is></c>'
            )
        if len(values) > self.width:
            self.width = len(values)
        return f'<row r="{number}">{"".join(cells)}</row>'


def safe_sheet_name(name: str, used: set[str]) -> str:
    """Excel: at most 31 characters, none of ``[]:*?/\\``, unique ignoring case."""
    base = _SHEET_NAME_BAD.sub("_", name).strip("'")[:31] or "Sheet"
    candidate, n = base, 2
    while candidate.casefold() in used:
        suffix = f" ({n})"
        candidate, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(candidate.casefold())
    return candidate


def _cols(widths: Sequence[float]) -> str:
    if not widths:
        return ""
    cols = "".join(
        f'<col min="{i}" max="{i}" width="{w:.1f}" customWidth="1"/>' for i, w in enumerate(widths, start=1)
    )
    return f"<cols>{cols}</cols>"


def _quoted_sheet(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"


def write_xlsx(path: Path | str, sheets: Sequence[Sheet | tuple[str, Iterable[Sequence[Any]]]]) -> None:
    """Write ``sheets`` to ``path`` (a `Sheet`, or ``(name, rows)`` for a plain one)."""
    specs = [s if isinstance(s, Sheet) else Sheet(s[0], s[1]) for s in sheets]
    used: set[str] = set()
    names = [safe_sheet_name(spec.name, used) for spec in specs]
    filters: list[str] = []
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as book:
        book.writestr(
            "[Content_Types].xml",
            _CONTENT_TYPES.format(sheets="".join(_SHEET_TYPE.format(n=n) for n in range(1, len(specs) + 1))),
        )
        book.writestr("_rels/.rels", _ROOT_RELS)
        book.writestr("xl/styles.xml", _STYLES)
        for n, (spec, name) in enumerate(zip(specs, names, strict=True), start=1):
            writer = _RowWriter(spec)
            rows_written = 0
            with book.open(f"xl/worksheets/sheet{n}.xml", "w") as sheet:
                head = _SHEET_HEAD + (_FROZEN if spec.header else "") + _cols(spec.widths) + "<sheetData>"
                sheet.write(head.encode())
                chunk: list[str] = []
                for number, row in enumerate(spec.rows, start=1):
                    chunk.append(writer.row(number, row))
                    rows_written = number
                    if len(chunk) >= 500:
                        sheet.write("".join(chunk).encode())
                        chunk = []
                tail = "</sheetData>"
                if spec.header and rows_written and writer.width:
                    area = f"A1:{column_letter(writer.width - 1)}{rows_written}"
                    tail += f'<autoFilter ref="{area}"/>'
                    absolute = "$A$1:$" + column_letter(writer.width - 1) + f"${rows_written}"
                    filters.append(
                        f'<definedName name="_xlnm._FilterDatabase" localSheetId="{n - 1}" hidden="1">'
                        f"{escape(_quoted_sheet(name))}!{absolute}</definedName>"
                    )
                sheet.write(("".join(chunk) + tail + "</worksheet>").encode())
        book.writestr(
            "xl/workbook.xml",
            _WORKBOOK.format(
                sheets="".join(
                    f'<sheet name="{escape(name, {chr(34): "&quot;"})}" sheetId="{n}" r:id="rId{n}"/>'
                    for n, name in enumerate(names, start=1)
                ),
                names=f"<definedNames>{''.join(filters)}</definedNames>" if filters else "",
            ),
        )
        book.writestr(
            "xl/_rels/workbook.xml.rels",
            _WORKBOOK_RELS.format(
                rels="".join(
                    f'<Relationship Id="rId{n}" '
                    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
                    f'Target="worksheets/sheet{n}.xml"/>'
                    for n in range(1, len(specs) + 1)
                )
            ),
        )
