"""Import applications from CSV or XLSX: find the header, map the columns, check every row.

A file-level problem (not a table, empty, required columns missing, a header with no application
under it) stops the import with a `ValidationFailed` naming it — with the headers that were found,
so the officer can map them. A row-level problem rejects that row only, with its spreadsheet row
number and the column as the officer's file names it ("Rad 9, kolumn E (Sökt belopp)"); the good
rows go on to screening.
Claims that cannot be read do not reject a row: they are reported on the application.

What the import did on the officer's behalf is never silent: each is a notice on the result
(columns not read, template columns missing, title rows skipped, merged cells filled, localities
taken as their municipality, a support type assumed) or a note on the row.

The result always satisfies ``rows_in == len(applications) + len(rejected)``; wholly blank rows
are not applications and are counted separately.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from assessment.errors import Problem, ValidationFailed
from assessment.i18n import t
from assessment.i18n.text import LocalText
from assessment.screening.amounts import is_uncached_formula, parse_amount
from assessment.screening.calls import CallProfile
from assessment.screening.claims import parse_claims
from assessment.screening.columns import Column, ColumnMap, find_header, map_columns
from assessment.screening.fields import FIELD_BY_NAME, FIELDS, REQUIRED_FIELDS, TEXT_FIELDS
from assessment.screening.flags import problem_text
from assessment.screening.model import Application
from assessment.screening.places import places
from assessment.screening.progress import CancelSignal, ProgressCallback, Ticker
from assessment.spreadsheets.reading import MAX_FILE_BYTES, Table, read_table

__all__ = [
    "MAX_FILE_BYTES",
    "ImportResult",
    "RejectedRow",
    "import_applications",
    "import_table",
    "read_rows",
]

_log = logging.getLogger(__name__)
XLSX_SHEET_NAMES = ("ansökningar", "applications", "ansökan")
# A problem of the whole row rather than of one column.
ROW = "-"


@dataclass(frozen=True)
class RejectedRow:
    """A row that could not be screened, with what the officer needs to find and fix it."""

    row: int
    id: str
    problems: list[Problem]
    applicant: str = ""
    title: str = ""
    amount: str = ""  # as written: the amount may be the very problem
    # field -> "E (Sökt belopp)": how messages name the column in the officer's file.
    columns: Mapping[str, str] = field(default_factory=dict)

    def column(self, path: str) -> str:
        if path == ROW or not path:
            return ""
        return self.columns.get(path) or (FIELD_BY_NAME[path].label.sv if path in FIELD_BY_NAME else path)

    def messages(self, lang: str) -> list[str]:
        """``"Rad 9, kolumn E (Sökt belopp): …"`` for each problem of the row."""
        out = []
        for p in self.problems:
            column = self.column(p.path)
            if column:
                out.append(
                    t(
                        "screening.row_problem",
                        lang,
                        row=self.row,
                        column=column,
                        message=problem_text(p, lang),
                    )
                )
            else:
                out.append(t("screening.row_problem_row", lang, row=self.row, message=problem_text(p, lang)))
        return out


@dataclass
class ImportResult:
    file: str
    rows_in: int
    applications: list[Application]
    rejected: list[RejectedRow]
    blank_rows: int = 0
    columns: ColumnMap | None = None
    # What the import did on the officer's behalf or could not do; shown in the app and the CLI.
    notices: list[Problem] = field(default_factory=list)
    reader: str = ""
    suggested_call: str | None = None  # id of a call whose support types fit the rejected rows

    def __post_init__(self) -> None:
        # The promise to the officer: no row disappears without a word.
        assert self.rows_in == len(self.applications) + len(self.rejected), "row accounting broken"

    @property
    def ignored_columns(self) -> list[str]:
        return [c.label() for c in self.columns.ignored] if self.columns else []

    @property
    def header_row(self) -> int:
        """1-based spreadsheet row of the header."""
        return (self.columns.header_row if self.columns else 0) + 1

    @property
    def available_fields(self) -> frozenset[str]:
        """Fields the file has a column for (checks on the others cannot be made)."""
        return frozenset(self.columns.fields) if self.columns else frozenset(f.name for f in FIELDS)


def read_rows(data: bytes, name: str) -> list[list[str]]:
    """The raw rows of a CSV or XLSX file, every cell as text (header first)."""
    return read_table(data, name, XLSX_SHEET_NAMES).rows


# --- checking rows --------------------------------------------------------------------------


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _clean(text: str) -> str:
    """Line breaks as one ``\\n`` (Excel keeps CR LF from pasted text), no NUL, no outer spaces."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        text = text.replace("\x00", "")
    return text.strip()


def support_labels(call: CallProfile) -> LocalText:
    """``Investeringsstöd (även: företagsstöd), Företagsutvecklingscheck`` in both languages."""

    def one(lang: str) -> str:
        parts = []
        for s in call.support_types:
            label = s.label.get(lang)
            parts.append(
                f"{label} ({t('screening.also', lang)}: {', '.join(s.aliases)})" if s.aliases else label
            )
        return ", ".join(parts)

    return LocalText(sv=one("sv"), en=one("en"))


class _RowChecker:
    """Precomputed lookups so each row is a handful of dict/set operations."""

    def __init__(self, call: CallProfile, columns: ColumnMap, width: int, default_support: str = "") -> None:
        self.columns = columns
        self.width = width
        self.index = [(name, c.index) for name, c in columns.fields.items()]
        self.support = call.support_type_lookup()
        self.default_support = default_support
        self.support_choices = support_labels(call)
        self.call_name = call.name
        self.places = places()
        self.text_columns = [name for name in columns.fields if name in TEXT_FIELDS]
        self.limits = {spec.name: spec.max_chars for spec in FIELDS}
        self.labels = {name: c.label() for name, c in columns.fields.items()}
        self.seen_ids: dict[str, int] = {}
        self.example = {spec.name: spec.example for spec in FIELDS}

    def check(
        self, row_number: int, cells: list[str], filled: Mapping[int, str]
    ) -> Application | RejectedRow:
        problems: list[Problem] = []
        notes: list[Problem] = []

        def bad(field_name: str, key: str, **params: object) -> None:
            problems.append(Problem(f"screening.{key}", dict(params), path=field_name))

        values: dict[str, str] = {}
        width = len(cells)
        for name, index in self.index:
            value = _clean(cells[index]) if index < width else ""
            if len(value) > self.limits[name]:
                bad(name, "err_too_long", length=len(value), limit=self.limits[name])
                value = ""
            values[name] = value
            if index in filled and value:
                notes.append(Problem("screening.note_merged", {"range": filled[index]}, path=name))
        if not values.get("support_type") and self.default_support:
            values["support_type"] = self.default_support
        for name in REQUIRED_FIELDS:
            if not values.get(name) and not any(p.path == name for p in problems):
                bad(name, "err_required")

        app_id = values.get("id", "")
        if app_id and values.get("applicant") == self.example["applicant"] and app_id == self.example["id"]:
            # The template's example row left in the file is not an application.
            problems = [Problem("screening.err_template_example", {}, path=ROW)]
        elif app_id:
            first = self.seen_ids.get(app_id)
            if first is not None:
                bad("id", "err_duplicate_id", id=app_id, first=first)
            else:
                self.seen_ids[app_id] = row_number

        support_id = ""
        if raw := values.get("support_type", ""):
            support_id = self.support.get(raw.lower(), "")
            if not support_id:
                bad(
                    "support_type",
                    "err_unknown_support_type",
                    got=_short(raw),
                    call=self.call_name,
                    choices=self.support_choices,
                )

        municipality = ""
        if raw := values.get("municipality", ""):
            place = self.places.resolve(raw)
            if place is None:
                hints = self.places.suggestions(raw)
                key = "err_unknown_place_hint" if hints else "err_unknown_place"
                bad("municipality", key, got=_short(raw), hint=", ".join(hints))
            else:
                municipality = place.municipality
                if place.locality:
                    notes.append(
                        Problem(
                            "screening.note_locality",
                            {"locality": place.locality, "municipality": municipality},
                            path="municipality",
                        )
                    )

        amount = 0.0
        if raw := values.get("amount", ""):
            parsed = parse_amount(raw, self.columns.amount_scale)
            if parsed is None:
                key = "err_amount_formula" if is_uncached_formula(raw) else "err_amount"
                bad("amount", key, got=_short(raw))
            else:
                amount = parsed.value
                if parsed.approximate:
                    notes.append(Problem("screening.note_amount_approx", {"got": _short(raw)}, path="amount"))

        claims_cell = values.get("sdg_claims", "")
        claims, claim_problems = parse_claims(claims_cell) if claims_cell else ((), [])

        if len(cells) > self.width and any(c.strip() for c in cells[self.width :]):
            # Checked even when other problems exist: a stray ";" shifts every later cell.
            problems.insert(
                0,
                Problem("screening.err_extra_cells", {"cells": len(cells), "columns": self.width}, path=ROW),
            )

        if problems:
            # Reported in the file's column order, the order the officer reads the row in.
            order = {name: index for name, index in self.index}
            problems.sort(key=lambda p: order.get(p.path, -1))
            return RejectedRow(
                row_number,
                app_id,
                problems,
                applicant=values.get("applicant", ""),
                title=values.get("title", ""),
                amount=values.get("amount", ""),
                columns=self.labels,
            )
        texts = {name: values[name] for name in self.text_columns if values[name]}
        digest = hashlib.sha256(
            "\x1f".join(values.get(name, "") for name, _ in self.index).encode()
        ).hexdigest()
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
            claim_problems=tuple(Problem(cp.key, cp.params, path="sdg_claims") for cp in claim_problems),
            notes=tuple(notes),
            fingerprint=digest[:32],
        )


def _fill_merged(table: Table, header_row: int) -> dict[int, dict[int, str]]:
    """Copy the value of a vertically merged range into the rows below its first cell.

    Excel shows "Berg" once across rows 5–6; both applications are in Berg. Returns, per 0-based
    row, the columns filled and the range as Excel names it (for the row's note)."""
    from assessment.spreadsheets.xlsx import column_letter

    filled: dict[int, dict[int, str]] = {}
    rows = table.rows
    for first_row, first_col, last_row, last_col in table.merged:
        if last_row <= first_row or first_row <= header_row:
            continue
        if first_row >= len(rows) or first_col >= len(rows[first_row]):
            continue
        value = rows[first_row][first_col]
        if not value.strip():
            continue
        name = f"{column_letter(first_col)}{first_row + 1}:{column_letter(last_col)}{last_row + 1}"
        for r in range(first_row + 1, min(last_row, len(rows) - 1) + 1):
            cells = rows[r]
            if len(cells) <= first_col:
                cells.extend([""] * (first_col - len(cells) + 1))
            if not cells[first_col].strip():
                cells[first_col] = value
                filled.setdefault(r, {})[first_col] = name
    return filled


def _column_notices(columns: ColumnMap, call: CallProfile, default_support: str) -> list[Problem]:
    notices: list[Problem] = []
    for name in columns.missing_optional:
        key = "notice_missing_column_checked" if _checked_by(call, name) else "notice_missing_column"
        notices.append(Problem(f"screening.{key}", {"field": FIELD_BY_NAME[name].label}, path=name))
    if default_support:
        label = next(s.label for s in call.support_types if s.id == default_support)
        notices.append(Problem("screening.notice_default_support", {"support": label}, path="support_type"))
    for column, name in columns.duplicates:
        notices.append(
            Problem(
                "screening.notice_duplicate_column",
                {
                    "column": column.label(),
                    "field": FIELD_BY_NAME[name].label,
                    "used": columns.fields[name].label(),
                },
            )
        )
    if columns.ignored:
        unread = [c for c in columns.ignored if all(c is not d for d, _ in columns.duplicates)]
        if unread:
            notices.append(
                Problem("screening.notice_ignored_columns", {"columns": ", ".join(c.label() for c in unread)})
            )
    for name, how in columns.matched_by.items():
        if how == "synonym":
            notices.append(
                Problem(
                    "screening.notice_synonym",
                    {"column": columns.fields[name].label(), "field": FIELD_BY_NAME[name].label},
                    path=name,
                )
            )
    if columns.amount_scale != 1 and "amount" in columns.fields:
        notices.append(
            Problem(
                "screening.notice_amount_scale",
                {"column": columns.fields["amount"].label(), "scale": columns.amount_scale},
                path="amount",
            )
        )
    return notices


def _checked_by(call: CallProfile, name: str) -> bool:
    """Whether the call checks this field (a required dimension or a battery question)."""
    return name in call.required_dimensions or any(q.field == name for q in call.questions)


FOUND_SHOWN = 40  # headers listed in the missing-columns message


def _missing_columns_error(columns: ColumnMap, header: Sequence[str], file: str) -> ValidationFailed:
    missing = LocalText(
        sv=", ".join(FIELD_BY_NAME[n].label.sv for n in columns.missing_required),
        en=", ".join(FIELD_BY_NAME[n].label.en for n in columns.missing_required),
    )
    named = [Column(i, _short(h, 80)).label() for i, h in enumerate(header) if h.strip()]
    # The message names what the officer can recognise, not a whole hostile header row.
    found = ", ".join(named[:FOUND_SHOWN]) or "-"
    if len(named) > FOUND_SHOWN:
        found += f", … (+{len(named) - FOUND_SHOWN})"
    problem = Problem(
        "screening.err_missing_columns",
        {"columns": missing, "found": found, "row": columns.header_row + 1},
        file=file,
    )
    return ValidationFailed(problem)


def _suggest_call(
    rejected: list[RejectedRow], rows_in: int, call: CallProfile, others: Sequence[CallProfile]
) -> CallProfile | None:
    """Another call whose support types fit most rows rejected for an unknown support type."""
    unknown = [
        str(p.params.get("got", ""))
        for r in rejected
        for p in r.problems
        if p.key == "screening.err_unknown_support_type"
    ]
    if not unknown or len(unknown) * 2 < rows_in:
        return None
    best, best_hits = None, 0
    for other in others:
        if other.id == call.id:
            continue
        lookup = other.support_type_lookup()
        hits = sum(1 for value in unknown if value.lower() in lookup)
        if hits > best_hits:
            best, best_hits = other, hits
    return best if best_hits * 2 >= len(unknown) else None


def import_table(
    table: Table,
    name: str,
    call: CallProfile,
    *,
    mapping: Mapping[str, str] | None = None,
    other_calls: Sequence[CallProfile] = (),
    progress: ProgressCallback | None = None,
    cancel: CancelSignal | None = None,
) -> ImportResult:
    """Check every row of an already-read table against ``call``.

    ``mapping`` is the officer's column mapping (normalised header -> field, "" = not a field)."""
    rows = table.rows
    if not rows or not any(any(c.strip() for c in row) for row in rows[:200]):
        raise ValidationFailed(Problem("screening.err_empty_file", file=name))
    header_index = find_header(rows, mapping)
    header = rows[header_index]
    columns = map_columns(header, header_index, mapping)
    default_support = ""
    if "support_type" in columns.missing and len(call.support_types) == 1:
        # One support type in the call: a file without the column means that one.
        default_support = call.support_types[0].id
        columns.missing.remove("support_type")
    if columns.missing_required:
        raise _missing_columns_error(columns, header, name)
    notices: list[Problem] = []
    above = [i + 1 for i in range(header_index) if any(c.strip() for c in rows[i])]
    if above:
        first_text = next(c.strip() for c in rows[above[0] - 1] if c.strip())
        notices.append(
            Problem(
                "screening.notice_rows_above",
                {"rows": _row_span(above), "header": header_index + 1, "text": _short(first_text, 80)},
            )
        )
    notices += _column_notices(columns, call, default_support)
    filled = _fill_merged(table, header_index)
    if filled:
        ranges = sorted({r for cols in filled.values() for r in cols.values()})
        notices.append(Problem("screening.notice_merged", {"ranges": ", ".join(ranges)}))
    checker = _RowChecker(call, columns, len(header), default_support)
    data_rows = len(rows) - header_index - 1
    ticker = Ticker("read", data_rows, progress, cancel)
    applications: list[Application] = []
    rejected: list[RejectedRow] = []
    blank = 0
    rows_in = 0
    no_fill: dict[int, str] = {}
    for offset, cells in enumerate(rows[header_index + 1 :]):
        index = header_index + 1 + offset
        if not any(c.strip() for c in cells):
            blank += 1
            continue
        rows_in += 1
        result = checker.check(index + 1, cells, filled.get(index, no_fill))
        if isinstance(result, Application):
            applications.append(result)
        else:
            rejected.append(result)
        ticker.tick(rows_in)
    ticker.check()
    ticker.report(data_rows)
    if not rows_in:
        # A header and nothing under it is not a screening: refused here, so the app saves no
        # empty run and the CLI writes no empty output (one policy for both).
        raise ValidationFailed(
            Problem("screening.err_no_applications", {"header": header_index + 1}, file=name)
        )
    located = [n for app in applications for n in app.notes if n.key == "screening.note_locality"]
    if located:
        pairs = sorted({f"{n.params['locality']} → {n.params['municipality']}" for n in located})
        notices.append(
            Problem("screening.notice_localities", {"pairs": ", ".join(pairs), "count": len(located)})
        )
    if any(r.problems and r.problems[0].key == "screening.err_template_example" for r in rejected):
        notices.append(Problem("screening.notice_template_example"))
    suggested = _suggest_call(rejected, rows_in, call, other_calls)
    if suggested is not None:
        notices.insert(
            0, Problem("screening.notice_other_call", {"call": suggested.name, "id": suggested.id})
        )
    _log.info(
        "screening import for call %s: %d row(s), %d application(s), %d rejected",
        call.id,
        rows_in,
        len(applications),
        len(rejected),
    )
    return ImportResult(
        name,
        rows_in,
        applications,
        rejected,
        blank,
        columns,
        notices,
        reader=table.reader,
        suggested_call=suggested.id if suggested is not None else None,
    )


def _row_span(rows: list[int]) -> str:
    return str(rows[0]) if len(rows) == 1 else f"{rows[0]}–{rows[-1]}"


def import_applications(
    data: bytes,
    name: str,
    call: CallProfile,
    *,
    mapping: Mapping[str, str] | None = None,
    other_calls: Sequence[CallProfile] = (),
    progress: ProgressCallback | None = None,
    cancel: CancelSignal | None = None,
) -> ImportResult:
    """Read and check every row of an uploaded/read file against ``call``."""
    table = read_table(data, name, XLSX_SHEET_NAMES)
    return import_table(
        table, name, call, mapping=mapping, other_calls=other_calls, progress=progress, cancel=cancel
    )
