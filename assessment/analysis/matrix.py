"""Cross-impact matrices as workshops fill them in a spreadsheet, read from CSV and validated.

Layout: the header row lists the influenced codes (its first cell is a free label such as
"från/till"), each following row starts with the influencing code, then one score per column.
Scores are whole numbers −3..3 (``+2`` and a typographic minus ``−2`` are accepted). The diagonal
may be left blank or written ``0``/``-``/``x``. Comma, semicolon (Swedish Excel) and tab separators
are recognised. Every problem is reported with its row and column; nothing is guessed.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from assessment.analysis.metrics import NodeMetrics, network_metrics
from assessment.domain.refs import read_sdg_code, sort_key
from assessment.errors import Problem, UnknownCode, ValidationFailed
from assessment.validation import shown

MAX_MATRIX_BYTES = 2_000_000
MAX_CODES = 400  # all 169 targets and 17 goals fit with room to spare
_DIAGONAL_BLANKS = {"", "-", "–", "—", "x", "X", "0", "+0"}


@dataclass(frozen=True)
class CrossImpactMatrix:
    """``values[i, j]``: influence of progress on ``codes[i]`` on progress on ``codes[j]``."""

    codes: tuple[str, ...]
    values: npt.NDArray[np.float64]

    def metrics(self) -> list[NodeMetrics]:
        return network_metrics(self.values, self.codes)


def _problem(key: str, file: str, **params: object) -> Problem:
    return Problem(f"analysis.{key}", params, file=file)


def _delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (";", "\t", ",")}
    return max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","


def _where(
    r: int, c: int, row_code: str | None, column: str | None, row: list[str], header: list[str]
) -> dict[str, object]:
    """Where a cell is, for messages: spreadsheet row/column numbers and both codes."""
    return {
        "row": r,
        "column": c,
        "row_code": row_code or shown(row[0]),
        "column_code": column or shown(header[c - 1]),
    }


def _score(raw: str) -> int | None:
    text = raw.strip().replace("−", "-").replace("–", "-").removeprefix("+")
    try:
        return int(text)
    except ValueError:
        return None


def parse_matrix(text: str, file: str = "") -> CrossImpactMatrix:
    """Parse and validate a matrix; raises `ValidationFailed` listing every problem."""

    if len(text.encode("utf-8", errors="surrogatepass")) > MAX_MATRIX_BYTES:
        raise ValidationFailed(_problem("matrix_too_large", file, limit=MAX_MATRIX_BYTES))
    text = text.lstrip("\ufeff")
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise ValidationFailed(_problem("matrix_empty", file))
    reader = csv.reader(io.StringIO(text), delimiter=_delimiter(lines[0]))
    try:
        rows = list(reader)
    except csv.Error as err:  # e.g. a NUL byte or a bare CR inside a field: not a CSV table
        raise ValidationFailed(_problem("matrix_csv", file, line=reader.line_num)) from err
    # Keep the line numbers people see in their spreadsheet, skipping empty lines.
    numbered = [(n, r) for n, r in enumerate(rows, start=1) if any(cell.strip() for cell in r)]
    if not numbered:  # only separators
        raise ValidationFailed(_problem("matrix_empty", file))
    header, body = numbered[0][1], numbered[1:]
    while header and not header[-1].strip():  # trailing separators from spreadsheets
        header = header[:-1]
    if len(header) - 1 > MAX_CODES or len(body) > MAX_CODES:
        raise ValidationFailed(_problem("matrix_too_many", file, limit=MAX_CODES))
    problems: list[Problem] = []

    def code_of(raw: str, row: int, column: int) -> str | None:
        try:
            return read_sdg_code(raw)
        except UnknownCode:
            problems.append(_problem("matrix_unknown_code", file, row=row, column=column, code=shown(raw)))
            return None

    header_line = numbered[0][0]
    columns = [code_of(raw, header_line, c) for c, raw in enumerate(header[1:], start=2)]
    if not columns:
        raise ValidationFailed(_problem("matrix_empty", file))
    if len(body) != len(columns):
        problems.append(_problem("matrix_not_square", file, rows=len(body), columns=len(columns)))
    for code in {c for c in columns if c is not None and columns.count(c) > 1}:
        problems.append(_problem("matrix_duplicate", file, code=code, axis="column"))
    row_codes: list[str | None] = []
    parsed: dict[str, int] = {}  # row code -> index into parsed_rows
    parsed_rows: list[list[int]] = []
    parsed_meta: list[tuple[str | None, list[str], Callable[[str, int, str], None]]] = []
    diagonal = {code: i for i, code in enumerate(columns) if code is not None}
    for r, row in body:
        row_code = code_of(row[0] if row else "", r, 1)
        row_codes.append(row_code)
        cells = row[1:]
        while len(cells) > len(columns) and not cells[-1].strip():
            cells = cells[:-1]
        if len(cells) != len(columns):
            problems.append(
                _problem(
                    "matrix_row_length",
                    file,
                    row=r,
                    code=row_code or "?",
                    found=len(cells),
                    expected=len(columns),
                )
            )
            continue

        def report(
            key: str, c: int, raw: str, row: list[str] = row, r: int = r, row_code: str | None = row_code
        ) -> None:
            problems.append(
                _problem(key, file, value=shown(raw), **_where(r, c + 2, row_code, columns[c], row, header))
            )

        j = diagonal.get(row_code) if row_code is not None else None
        if j is not None:
            if cells[j].strip() not in _DIAGONAL_BLANKS and _score(cells[j]) != 0:
                report("matrix_self_loop", j, cells[j])
            cells = [*cells[:j], "0", *cells[j + 1 :]]
        try:
            scores = list(map(int, cells))  # fast path: int() takes spaces and a "+"
        except ValueError:
            scores = []
            for c, raw in enumerate(cells):
                score = _score(raw)
                if score is None:
                    report("matrix_blank" if not raw.strip() else "matrix_value", c, raw)
                scores.append(0 if score is None else score)
        parsed_rows.append(scores)
        parsed_meta.append((row_code, cells, report))
    if parsed_rows:
        block = np.array(parsed_rows, dtype=np.int64)
        for i, c in np.argwhere((block < -3) | (block > 3)).tolist():  # range check, vectorised
            parsed_meta[i][2]("matrix_value", c, parsed_meta[i][1][c])
        for i, (row_code, _, _) in enumerate(parsed_meta):
            if row_code is not None:
                parsed[row_code] = i
    for code in {c for c in row_codes if c is not None and row_codes.count(c) > 1}:
        problems.append(_problem("matrix_duplicate", file, code=code, axis="row"))
    known_rows = {c for c in row_codes if c is not None}
    known_columns = {c for c in columns if c is not None}
    for code in sorted(known_columns - known_rows, key=sort_key):
        problems.append(_problem("matrix_missing_row", file, code=code))
    for code in sorted(known_rows - known_columns, key=sort_key):
        problems.append(_problem("matrix_missing_column", file, code=code))
    if problems:
        raise ValidationFailed(problems)
    codes = tuple(c for c in columns if c is not None)
    order = [parsed[code] for code in codes]  # rows in column order
    matrix = block[order].astype(np.float64)
    return CrossImpactMatrix(codes=codes, values=matrix)


def read_matrix(path: str | Path) -> CrossImpactMatrix:
    """Read a matrix CSV file (UTF-8, with or without BOM)."""
    file = Path(path)
    if not file.is_file():
        raise ValidationFailed(Problem("core.file_not_found", file=str(file)))
    if file.stat().st_size > MAX_MATRIX_BYTES:
        raise ValidationFailed(_problem("matrix_too_large", str(file), limit=MAX_MATRIX_BYTES))
    try:
        text = file.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        raise ValidationFailed(Problem("core.not_utf8", file=str(file))) from None
    return parse_matrix(text, str(file))
