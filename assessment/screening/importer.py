"""Import applications from CSV or XLSX: every cell read as text and checked here, per row.

A file-level problem (not a table, empty, missing required columns) stops the import with a
`ValidationFailed` naming it. A row-level problem rejects that row only, with its spreadsheet row
number (header = row 1) and the field; the good rows go on to screening. The result always
satisfies ``rows_in == len(applications) + len(rejected)``; wholly blank rows are not applications
and are counted separately.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from assessment.errors import Problem, ValidationFailed
from assessment.i18n import t
from assessment.screening.calls import CallProfile
from assessment.screening.claims import parse_claims
from assessment.screening.fields import (
    FIELDS,
    MUNICIPALITIES,
    REQUIRED_FIELDS,
    TEXT_FIELDS,
)
from assessment.screening.model import Application
from assessment.screening.progress import CancelSignal, ProgressCallback, Ticker
from assessment.screening.xlsx_reader import MAX_UNPACKED_BYTES, WorkbookTooLarge, read_xlsx_rows

MAX_FILE_BYTES = 100_000_000
XLSX_SHEET_NAMES = ("ansökningar", "applications")
_AMOUNT_JUNK = re.compile(r"[\s\u00a0\u202f]|kr\.?$|sek$", re.IGNORECASE)


@dataclass(frozen=True)
class RejectedRow:
    row: int
    id: str
    problems: list[Problem]

    def messages(self, lang: str) -> list[str]:
        """``"Rad 7, fält amount: …"`` for each problem of the row."""
        return [
            t("screening.row_problem", lang, row=self.row, field=p.path, message=t(p.key, lang, **p.params))
            for p in self.problems
        ]


@dataclass
class ImportResult:
    file: str
    rows_in: int
    applications: list[Application]
    rejected: list[RejectedRow]
    blank_rows: int = 0
    ignored_columns: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        # The promise to the officer: no row disappears without a word.
        assert self.rows_in == len(self.applications) + len(self.rejected), "row accounting broken"


def header_aliases() -> dict[str, str]:
    """Accepted header spellings (lower-case) -> field name: the id, or its Swedish/English label."""
    table: dict[str, str] = {}
    for spec in FIELDS:
        for name in (spec.name, spec.label.sv, spec.label.en):
            table[name.strip().lower()] = spec.name
    return table


def _municipality_lookup() -> dict[str, str]:
    table: dict[str, str] = {}
    for name in MUNICIPALITIES:
        low = name.lower()
        table[low] = name
        table[f"{low} kommun"] = name
        table[f"{low}s kommun"] = name
    table["region"] = table["länet"] = table["whole county"] = "Hela länet"
    return table


# --- reading cells as text ------------------------------------------------------------------


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value:  # NaN: pandas' filler for a missing trailing cell
            return ""
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date().isoformat()  # a date typed in a cell: show it as the user sees it
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return str(value)


def _decode(data: bytes, file: str) -> str:
    # Excel's "CSV (semikolonavgränsad)" on Swedish Windows writes cp1252; UTF-8 is tried first.
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            raise ValidationFailed(Problem("core.not_utf8", file=file)) from None


def _csv_rows(data: bytes, file: str) -> list[list[str]]:
    text = _decode(data, file)
    first_line = text.split("\n", 1)[0]
    sep = max((";", ",", "\t"), key=first_line.count)
    try:
        frame = pd.read_csv(
            io.StringIO(text),
            sep=sep,
            header=None,
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            skip_blank_lines=False,
            engine="c",
        )
        return [[_cell_text(v) for v in row] for row in frame.itertuples(index=False, name=None)]
    except pd.errors.EmptyDataError:
        return []
    except pd.errors.ParserError:
        pass
    # Ragged rows: the csv module keeps going so each bad row can be named on its own.
    csv.field_size_limit(MAX_FILE_BYTES)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    try:
        return [list(row) for row in reader]
    except csv.Error as err:
        params = {"line": reader.line_num, "detail": str(err)}
        raise ValidationFailed(Problem("screening.err_csv", params, file=file)) from None


def _openpyxl_rows(data: bytes, file: str) -> list[list[str]]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as err:
        raise ValidationFailed(
            Problem("screening.err_not_xlsx", {"detail": type(err).__name__}, file=file)
        ) from None
    try:
        sheet = next(
            (ws for ws in book.worksheets if ws.title.strip().lower() in XLSX_SHEET_NAMES),
            book.worksheets[0],
        )
        return [[_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()


def _xlsx_rows(data: bytes, file: str) -> list[list[str]]:
    try:
        return read_xlsx_rows(data, XLSX_SHEET_NAMES)
    except WorkbookTooLarge as err:
        params: dict[str, object] = {"size": err.size, "limit": MAX_UNPACKED_BYTES}
        raise ValidationFailed(Problem("core.file_too_large", params, file=file)) from None
    except Exception:
        # Unusual or damaged workbook: openpyxl handles more of the format, or says what broke.
        return _openpyxl_or_error(data, file)


def _openpyxl_or_error(data: bytes, file: str) -> list[list[str]]:
    try:
        return _openpyxl_rows(data, file)
    except ValidationFailed:
        raise
    except Exception as err:
        raise ValidationFailed(
            Problem("screening.err_not_xlsx", {"detail": type(err).__name__}, file=file)
        ) from None


def read_rows(data: bytes, name: str) -> list[list[str]]:
    """The raw rows of a CSV or XLSX file, every cell as text (header first)."""
    if len(data) > MAX_FILE_BYTES:
        raise ValidationFailed(
            Problem("core.file_too_large", {"size": len(data), "limit": MAX_FILE_BYTES}, file=name)
        )
    suffix = Path(name).suffix.lower()
    if suffix in (".xlsx", ".xlsm") or data[:2] == b"PK":
        return _xlsx_rows(data, name)
    if suffix in (".csv", ".txt", ".tsv", ""):
        return _csv_rows(data, name)
    raise ValidationFailed(Problem("screening.err_file_type", {"suffix": suffix}, file=name))


# --- checking rows --------------------------------------------------------------------------


def _map_header(header: Sequence[str], file: str) -> tuple[dict[str, int], list[str]]:
    aliases = header_aliases()
    columns: dict[str, int] = {}
    ignored: list[str] = []
    problems: list[Problem] = []
    for index, raw in enumerate(header):
        name = aliases.get(raw.strip().lower())
        if name is None:
            if raw.strip():
                ignored.append(raw.strip())
            continue
        if name in columns:
            problems.append(Problem("screening.err_duplicate_column", {"column": raw.strip()}, file=file))
            continue
        columns[name] = index
    missing = [n for n in REQUIRED_FIELDS if n not in columns]
    if missing:
        problems.append(Problem("screening.err_missing_columns", {"columns": ", ".join(missing)}, file=file))
    if problems:
        raise ValidationFailed(problems)
    return columns, ignored


def _parse_amount(text: str) -> float | None:
    cleaned = _AMOUNT_JUNK.sub("", text).replace(",", ".")
    try:
        value = float(cleaned)
    except ValueError:
        return None
    if value != value or value in (float("inf"), float("-inf")) or value < 0:  # NaN, inf, negative
        return None
    return value


class _RowChecker:
    """Precomputed lookups so each row is a handful of dict/set operations."""

    def __init__(self, call: CallProfile, columns: dict[str, int]) -> None:
        self.columns = columns
        self.support = call.support_type_lookup()
        self.support_choices = ", ".join(s.id for s in call.support_types)
        self.municipalities = _municipality_lookup()
        self.text_columns = [(n, i) for n, i in columns.items() if n in TEXT_FIELDS]
        self.limits = {spec.name: spec.max_chars for spec in FIELDS}
        self.seen_ids: dict[str, int] = {}

    def check(self, row_number: int, cells: list[str]) -> Application | RejectedRow:
        problems: list[Problem] = []

        def bad(field_name: str, key: str, **params: object) -> None:
            problems.append(Problem(f"screening.{key}", dict(params), path=field_name))

        values: dict[str, str] = {}
        width = len(cells)
        for name, index in self.columns.items():
            value = cells[index].strip() if index < width else ""
            if len(value) > self.limits[name]:
                bad(name, "err_too_long", length=len(value), limit=self.limits[name])
                value = ""
            values[name] = value
        for name in REQUIRED_FIELDS:
            if not values.get(name) and not any(p.path == name for p in problems):
                bad(name, "err_required")

        app_id = values.get("id", "")
        if app_id:
            first = self.seen_ids.get(app_id)
            if first is not None:
                bad("id", "err_duplicate_id", id=app_id, first=first)
            else:
                self.seen_ids[app_id] = row_number

        support_id = ""
        if raw := values.get("support_type", ""):
            support_id = self.support.get(raw.lower(), "")
            if not support_id:
                bad("support_type", "err_unknown_support_type", got=_short(raw), choices=self.support_choices)

        municipality = ""
        if raw := values.get("municipality", ""):
            municipality = self.municipalities.get(raw.lower(), "")
            if not municipality:
                bad(
                    "municipality",
                    "err_unknown_municipality",
                    got=_short(raw),
                    choices=", ".join(MUNICIPALITIES),
                )

        amount: float | None = 0.0
        if raw := values.get("amount", ""):
            amount = _parse_amount(raw)
            if amount is None:
                bad("amount", "err_amount", got=_short(raw))

        claims_cell = values.get("sdg_claims", "")
        claims, claim_problems = parse_claims(claims_cell) if claims_cell else ((), [])
        for cp in claim_problems:
            problems.append(Problem(cp.key, cp.params, path="sdg_claims"))

        if problems or amount is None:
            # Reported in the file's column order, the order the officer reads the row in.
            problems.sort(key=lambda p: self.columns.get(p.path, -1))
            return RejectedRow(row_number, app_id, problems)
        texts = {name: values[name] for name, _ in self.text_columns if values[name]}
        return Application(
            row=row_number,
            id=app_id,
            applicant=values["applicant"],
            support_type=support_id,
            municipality=municipality,
            amount=amount,
            title=values["title"],
            claims=claims,
            texts=texts,
        )


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 40 else text[:39] + "…"


def import_applications(
    data: bytes,
    name: str,
    call: CallProfile,
    *,
    progress: ProgressCallback | None = None,
    cancel: CancelSignal | None = None,
) -> ImportResult:
    """Read and check every row of an uploaded/read file against ``call``."""
    table = read_rows(data, name)
    header = table[0] if table else None
    if header is None or not any(c.strip() for c in header):
        raise ValidationFailed(Problem("screening.err_empty_file", file=name))
    columns, ignored = _map_header(header, name)
    checker = _RowChecker(call, columns)
    ticker = Ticker("read", len(table) - 1, progress, cancel)
    applications: list[Application] = []
    rejected: list[RejectedRow] = []
    blank = 0
    rows_in = 0
    header_width = len(header)
    for row_number, cells in enumerate(table[1:], start=2):
        if not any(c.strip() for c in cells):
            blank += 1
            continue
        rows_in += 1
        result = checker.check(row_number, cells)
        if (
            isinstance(result, Application)
            and len(cells) > header_width
            and any(c.strip() for c in cells[header_width:])
        ):
            result = RejectedRow(
                row_number,
                result.id,
                [
                    Problem(
                        "screening.err_extra_cells", {"cells": len(cells), "columns": header_width}, path="-"
                    )
                ],
            )
        if isinstance(result, Application):
            applications.append(result)
        else:
            rejected.append(result)
        ticker.tick(rows_in)
    ticker.check()
    ticker.report(len(table) - 1)
    return ImportResult(name, rows_in, applications, rejected, blank, ignored)
