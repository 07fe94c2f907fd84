"""Write a screening run: XLSX or CSV with one row per input row (screened or rejected), and JSON.

Every file is written to a temporary file in the target folder and moved into place, so a
cancelled or failed run never leaves a half-written output. Formula-like text stays inert
(`assessment.spreadsheets.cells`). Numbers are numbers: in XLSX as numeric cells with grouping,
in the CSV written the way Swedish Excel reads a semicolon file (decimal comma). A rejected row
keeps its id, applicant, title and amount next to the reasons, so it can be found and fixed.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from assessment.domain.projection import gc_paused
from assessment.domain.refs import ref_label
from assessment.errors import Problem, ValidationFailed
from assessment.formats import signed
from assessment.i18n import normalise_lang, t
from assessment.screening.fields import DIMENSIONS, FIELD_BY_NAME
from assessment.screening.flags import Hint, problem_text
from assessment.screening.motivation import Drafter
from assessment.screening.progress import CancelSignal, ProgressCallback, Ticker
from assessment.screening.run import Dismissal, HintState, ScreeningRun
from assessment.screening.screen import ScreeningResult
from assessment.spreadsheets.cells import csv_cell, neutralise
from assessment.spreadsheets.xlsx import NumberFormat, Sheet, write_xlsx

__all__ = ["COLUMNS", "headers", "neutralise", "rows", "to_bytes", "to_json", "write_results"]

COLUMNS = (
    "row",
    "status",
    "id",
    "applicant",
    "support_type",
    "municipality",
    "amount",
    "title",
    "completeness",
    "goals_score",
    "dimensions_score",
    "questions_score",
    "flag_count",
    "flags",
    "reasons",
    "hints",
    "hints_dismissed",
    "sdg_claims",
    "draft_motivation",
    "motivation_edited",
    "changed_since_edit",
    "officer_notes",
    "import_notes",
    "problems",
)
# Column widths (characters) and which columns wrap, in COLUMNS order.
_WIDTHS = (6, 11, 14, 26, 18, 13, 14, 30, 11, 10, 10, 10, 8, 30, 60, 50, 30, 50, 70, 10, 12, 40, 30, 50)
_WRAP = frozenset(
    COLUMNS.index(c)
    for c in (
        "reasons",
        "hints",
        "hints_dismissed",
        "sdg_claims",
        "draft_motivation",
        "officer_notes",
        "import_notes",
        "problems",
        "title",
        "applicant",
    )
)
_NUMBERS: dict[int, NumberFormat] = {COLUMNS.index("amount"): "integer"}


def headers(lang: str) -> list[str]:
    return [t(f"screening.col_{c}", lang) for c in COLUMNS]


def _yes_no(value: bool, lang: str) -> str:
    return t("screening.answer_yes" if value else "screening.answer_no", lang)


def result_row(run: ScreeningRun, result: ScreeningResult, drafter: Drafter) -> list[Any]:
    app = result.application
    lang = drafter.lang
    own = run.motivation(app.id)
    dismissed = run.dismissed(app.id)
    work = run.work.get(app.id)
    state = run.hint_state(result)
    hints, gone = state.open, state.dismissed
    return [
        app.row,
        t("screening.status_screened", lang),
        app.id,
        app.applicant,
        drafter.support.get(app.support_type, app.support_type),
        app.municipality,
        app.amount,
        app.title,
        result.completeness,
        round(100 * result.goals_score),
        round(100 * result.dimensions_score),
        round(100 * result.questions_score),
        len(result.flags),
        "; ".join(dict.fromkeys(f.label(lang) for f in result.flags)),
        "\n".join(f"• {f.reason(lang)}" for f in result.flags),
        "\n".join(
            f"• {h.reason(lang)} ({_hint_ref(h.source, h.target, lang)})" + _changed_note(state, h, lang)
            for h in hints
        ),
        "\n".join(f"• {_hint_ref(h.source, h.target, lang)}: {dismissed[h.key].reason}" for h in gone),
        app.claims_text(),
        own if own is not None else drafter.draft(result),
        _yes_no(own is not None, lang),
        _yes_no(run.changed_since_edit(app.id), lang),
        work.notes if work is not None else "",
        "\n".join(problem_text(n, lang) for n in app.notes),
        "",
    ]


def _changed_note(state: HintState, hint: Hint, lang: str) -> str:
    """ " – the evidence changed …" after a hint dismissed once against another score."""
    old = state.changed.get(hint.key)
    if old is None:
        return ""
    return " " + hint_changed_text(old, hint, lang)


def hint_changed_text(old: Dismissal, hint: Hint, lang: str) -> str:
    """What changed since the officer dismissed ``hint`` (the reason is part of it: plain text)."""
    return t(
        "screening.hint_changed",
        lang,
        old=signed(old.score) if old.score is not None else "–",
        new=signed(hint.score) if hint.score is not None else "–",
        reason=old.reason,
    )


def _hint_ref(source: str, target: str, lang: str) -> str:
    return f"{ref_label(source, lang, titled=False)} → {ref_label(target, lang, titled=False)}"


def rows(run: ScreeningRun, lang: str) -> Iterator[list[Any]]:
    """Every input row in file order: screened ones with their results, rejected ones with why."""
    lang = normalise_lang(lang)
    rejected_status = t("screening.status_rejected", lang)
    rejected = {r.row: r for r in run.rejected}
    screened = {r.application.row: r for r in run.results}
    drafter = Drafter(run.call, lang)
    blank = [""] * (len(COLUMNS) - 9)
    for number in sorted((*rejected, *screened)):
        if number in screened:
            yield result_row(run, screened[number], drafter)
        else:
            rej = rejected[number]
            yield [
                number,
                rejected_status,
                rej.id,
                rej.applicant,
                "",
                "",
                rej.amount,
                rej.title,
                *blank,
                "\n".join(rej.messages(lang)),
            ]


def summary_rows(run: ScreeningRun, lang: str) -> list[list[Any]]:
    portfolio = run.portfolio()
    imported = run.imported
    screened_at = run.screened_at or dt.datetime.now(dt.UTC)
    out: list[list[Any]] = [
        [t("screening.sum_file", lang), run.file_name],
        [t("screening.sum_sha256", lang), run.file_sha256],
        [t("screening.sum_call", lang), run.call.name.get(lang)],
        [t("screening.sum_date", lang), screened_at.astimezone().strftime("%Y-%m-%d %H:%M")],
        [t("screening.sum_header_row", lang), imported.header_row],
        [t("screening.sum_rows_in", lang), run.rows_in],
        [t("screening.sum_rows_out", lang), run.rows_out],
        [t("screening.sum_rows_rejected", lang), run.rows_rejected],
        [t("screening.sum_blank", lang), imported.blank_rows],
        [
            t("screening.sum_flagged_share", lang),
            round(100 * portfolio.flagged_share) if portfolio.count else "–",
        ],
        [],
        [
            t("screening.sum_dimension", lang),
            t("screening.sum_described", lang),
            t("screening.sum_claimed_positive", lang),
            t("screening.sum_claimed_negative", lang),
        ],
    ]
    for dim in DIMENSIONS:
        if portfolio.count:
            row = portfolio.shares[dim]
            out.append(
                [
                    t(f"screening.dim_{dim}", lang),
                    round(100 * row["described"]),
                    round(100 * row["claimed_positive"]),
                    round(100 * row["claimed_negative"]),
                ]
            )
    if imported.columns is not None:
        out += [[], [t("screening.sum_mapping", lang), t("screening.sum_mapping_field", lang)]]
        for name, column in imported.columns.fields.items():
            out.append([column.label(), FIELD_BY_NAME[name].label.get(lang)])
    if imported.notices:
        out += [[], [t("screening.sum_notices", lang)]]
        out += [[problem_text(n, lang)] for n in imported.notices]
    out += [[], [t("screening.draft_notice", lang)]]
    return out


def atomic_write(path: Path, write: Callable[[Path], None]) -> None:
    """Write via a temporary file in the same folder, then replace; never a partial ``path``."""
    path = Path(path)
    if not path.parent.is_dir():
        raise ValidationFailed(Problem("screening.err_output_dir", file=str(path)))
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _write_csv(run: ScreeningRun, target: Path, lang: str, ticker: Ticker) -> None:
    with target.open("w", encoding="utf-8-sig", newline="") as handle:
        # Semicolon: what Excel expects in a Swedish locale; the importer reads both.
        writer = csv.writer(handle, delimiter=";")
        writer.writerow([neutralise(h) for h in headers(lang)])
        for done, row in enumerate(rows(run, lang), start=1):
            writer.writerow([csv_cell(v, lang) for v in row])
            ticker.tick(done)
        ticker.check()


def _write_xlsx(run: ScreeningRun, target: Path, lang: str, ticker: Ticker) -> None:
    def results() -> Iterator[list[Any]]:
        yield headers(lang)
        for done, row in enumerate(rows(run, lang), start=1):
            yield row
            ticker.tick(done)
        ticker.check()

    portfolio = run.portfolio()
    goal_columns = ("goal", "dimension", "applications", "positive", "negative", "mean_impact")
    goals: list[list[Any]] = [[t(f"screening.goalcol_{c}", lang) for c in goal_columns]]
    for g in portfolio.goal_rows:
        dim = g.dimension
        goals.append(
            [
                g.goal,
                t(f"screening.dim_{dim}", lang) if dim != "-" else "-",
                g.applications,
                g.positive,
                g.negative,
                round(g.mean_impact, 2),
            ]
        )
    write_xlsx(
        target,
        [
            Sheet(t("screening.sheet_results", lang), results(), _WIDTHS, _WRAP, _NUMBERS),
            Sheet(
                t("screening.sheet_summary", lang),
                summary_rows(run, lang),
                (40, 70, 22, 22),
                frozenset({1}),
                header=False,
            ),
            Sheet(t("screening.sheet_goals", lang), goals, (8, 14, 14, 10, 10, 12)),
        ],
    )


def write_results(
    run: ScreeningRun,
    path: Path | str,
    lang: str = "sv",
    *,
    progress: ProgressCallback | None = None,
    cancel: CancelSignal | None = None,
) -> Path:
    """Write ``run`` to ``path`` (.xlsx, .csv or .pdf by suffix), atomically."""
    path = Path(path)
    lang = normalise_lang(lang)
    suffix = path.suffix.lower()
    ticker = Ticker("write", run.rows_in, progress, cancel)
    if suffix not in (".csv", ".xlsx", ".pdf"):
        raise ValidationFailed(Problem("screening.err_output_type", {"suffix": suffix}, file=str(path)))
    # Many small acyclic objects (a row's strings): no cyclic collection walking them meanwhile.
    with gc_paused():
        if suffix == ".csv":
            atomic_write(path, lambda tmp: _write_csv(run, tmp, lang, ticker))
        elif suffix == ".xlsx":
            atomic_write(path, lambda tmp: _write_xlsx(run, tmp, lang, ticker))
        else:
            from assessment.screening.pdf import write_pdf

            atomic_write(path, lambda tmp: write_pdf(run, tmp, lang, ticker))
    ticker.report(run.rows_in)
    return path


def to_bytes(run: ScreeningRun, suffix: str, lang: str = "sv") -> bytes:
    """The output file as bytes (for the app's download button)."""
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / f"screening{suffix}"
        write_results(run, target, lang)
        return target.read_bytes()


def output_name(run: ScreeningRun, suffix: str) -> str:
    """``granskning-eruf_project-2026-03-14.xlsx``: the call and the day in the file name."""
    day = (run.screened_at or dt.datetime.now(dt.UTC)).astimezone().date().isoformat()
    return f"granskning-{run.call.id}-{day}{suffix}"


def to_json(run: ScreeningRun, lang: str = "sv") -> dict[str, Any]:
    """The run as plain data for ``--json``: accounting, portfolio shares, every row."""
    lang = normalise_lang(lang)
    portfolio = run.portfolio()
    applications = []
    drafter = Drafter(run.call, lang)
    for r in run.results:
        app = r.application
        own = run.motivation(app.id)
        state = run.hint_state(r)
        held = {h.key for h in state.dismissed}
        dismissed = {k: d for k, d in run.dismissed(app.id).items() if k in held}
        work = run.work.get(app.id)
        applications.append(
            {
                "row": app.row,
                "id": app.id,
                "applicant": app.applicant,
                "support_type": app.support_type,
                "municipality": app.municipality,
                "amount": app.amount,
                "title": app.title,
                "completeness": r.completeness,
                "scores": {
                    "goals": r.goals_score,
                    "dimensions": r.dimensions_score,
                    "questions": r.questions_score,
                },
                "flags": [
                    {"code": f.code, "severity": f.severity, "reason": f.reason(lang)} for f in r.flags
                ],
                "hints": [
                    {
                        "key": h.key,
                        "from": h.source,
                        "to": h.target,
                        "severity": h.severity,
                        "reason": h.reason(lang),
                        "dismissed": dismissed[h.key].reason if h.key in dismissed else None,
                        "score": h.score,
                        "evidence_changed": h.key in state.changed,
                    }
                    for h in r.hints
                ],
                "unchecked": list(r.unchecked),
                "draft_motivation": own if own is not None else drafter.draft(r),
                "motivation_edited": own is not None,
                "changed_since_edit": run.changed_since_edit(app.id),
                "officer_notes": work.notes if work is not None else "",
                "notes": drafter.notes(r, dismissed),
                "import_notes": [problem_text(n, lang) for n in app.notes],
            }
        )
    return {
        "file": run.imported.file,
        "sha256": run.file_sha256,
        "call": run.call.id,
        "rows_in": run.rows_in,
        "rows_out": run.rows_out,
        "rows_rejected": run.rows_rejected,
        "blank_rows": run.imported.blank_rows,
        "header_row": run.imported.header_row,
        "columns": (
            {name: c.label() for name, c in run.imported.columns.fields.items()}
            if run.imported.columns
            else {}
        ),
        "ignored_columns": run.imported.ignored_columns,
        "notices": [problem_text(n, lang) for n in run.imported.notices],
        "suggested_call": run.imported.suggested_call,
        "flagged_share": portfolio.flagged_share,
        "dimensions": portfolio.dimension_shares(),
        "applications": applications,
        "rejected": [
            {
                "row": r.row,
                "id": r.id,
                "applicant": r.applicant,
                "title": r.title,
                "amount": r.amount,
                "problems": [
                    {
                        "field": p.path,
                        "column": r.column(p.path),
                        "key": p.key,
                        "message": problem_text(p, lang),
                    }
                    for p in r.problems
                ],
            }
            for r in run.rejected
        ],
    }
