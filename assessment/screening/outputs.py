"""Write a screening run: XLSX or CSV with one row per input row (screened or rejected), and JSON.

Every file is written to a temporary file in the target folder and moved into place with
`os.replace`, so a cancelled or failed run never leaves a half-written output. Text that a
spreadsheet would run as a formula (leading ``=``, ``+``, ``-``, ``@``, tab or carriage return —
CSV/XLSX injection) is written with a leading apostrophe, so it stays inert text.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from assessment.errors import Problem, ValidationFailed
from assessment.i18n import normalise_lang, t
from assessment.screening.fields import DIMENSIONS
from assessment.screening.motivation import Drafter
from assessment.screening.progress import CancelSignal, ProgressCallback, Ticker
from assessment.screening.run import ScreeningRun
from assessment.screening.screen import ScreeningResult
from assessment.screening.xlsx_writer import write_xlsx

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

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
    "latent_conflicts",
    "sdg_claims",
    "draft_motivation",
    "problems",
)


def neutralise(text: str) -> str:
    """Make formula-like text inert: ``=HYPERLINK(...)`` -> ``'=HYPERLINK(...)``."""
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def headers(lang: str) -> list[str]:
    return [t(f"screening.col_{c}", lang) for c in COLUMNS]


def result_row(result: ScreeningResult, drafter: Drafter, edited: str | None = None) -> list[Any]:
    app = result.application
    lang = drafter.lang
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
        "; ".join(f"{h.source} → {h.target}" for h in result.latent),
        app.claims_text(),
        edited if edited is not None else drafter.draft(result),
        "",
    ]


def rows(run: ScreeningRun, lang: str) -> Iterator[list[Any]]:
    """Every input row in file order: screened ones with their results, rejected ones with why."""
    lang = normalise_lang(lang)
    rejected_status = t("screening.status_rejected", lang)
    rejected = {r.row: r for r in run.rejected}
    screened = {r.application.row: r for r in run.results}
    drafter = Drafter(run.call, lang)
    for number in sorted((*rejected, *screened)):
        if number in screened:
            result = screened[number]
            yield result_row(result, drafter, run.edited.get(result.application.id))
        else:
            rej = rejected[number]
            blank = [""] * (len(COLUMNS) - 4)
            yield [number, rejected_status, rej.id, *blank, "\n".join(rej.messages(lang))]


def summary_rows(run: ScreeningRun, lang: str) -> list[list[Any]]:
    portfolio = run.portfolio()
    out: list[list[Any]] = [
        [t("screening.sum_file", lang), Path(run.imported.file).name],
        [t("screening.sum_call", lang), run.call.name.get(lang)],
        [t("screening.sum_date", lang), dt.date.today().isoformat()],
        [t("screening.sum_rows_in", lang), run.rows_in],
        [t("screening.sum_rows_out", lang), run.rows_out],
        [t("screening.sum_rows_rejected", lang), run.rows_rejected],
        [t("screening.sum_blank", lang), run.imported.blank_rows],
        [t("screening.sum_flagged_share", lang), round(100 * portfolio.flagged_share)],
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
            row = portfolio.dimensions.loc[dim]
            out.append(
                [
                    t(f"screening.dim_{dim}", lang),
                    round(100 * row["described"]),
                    round(100 * row["claimed_positive"]),
                    round(100 * row["claimed_negative"]),
                ]
            )
    if run.imported.ignored_columns:
        out += [[], [t("screening.sum_ignored_columns", lang), ", ".join(run.imported.ignored_columns)]]
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
        # Semicolon: what Excel expects in Swedish locale; the importer reads both.
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(headers(lang))
        for done, row in enumerate(rows(run, lang), start=1):
            writer.writerow([neutralise(v) if isinstance(v, str) else v for v in row])
            ticker.tick(done)
        ticker.check()


def _write_xlsx(run: ScreeningRun, target: Path, lang: str, ticker: Ticker) -> None:
    def results() -> Iterator[list[Any]]:
        yield headers(lang)
        for done, row in enumerate(rows(run, lang), start=1):
            yield [neutralise(v) if isinstance(v, str) else v for v in row]
            ticker.tick(done)
        ticker.check()

    portfolio = run.portfolio()
    goal_columns = ("goal", "dimension", "applications", "positive", "negative", "mean_impact")
    goals: list[list[Any]] = [[t(f"screening.goalcol_{c}", lang) for c in goal_columns]]
    for goal, g in portfolio.goals.iterrows():
        dim = str(g["dimension"])
        goals.append(
            [
                goal,
                t(f"screening.dim_{dim}", lang) if dim != "-" else "-",
                int(g["applications"]),
                int(g["positive"]),
                int(g["negative"]),
                round(float(g["mean_impact"]), 2),
            ]
        )
    summary = [[neutralise(v) if isinstance(v, str) else v for v in row] for row in summary_rows(run, lang)]
    write_xlsx(
        target,
        [
            (t("screening.sheet_results", lang), results()),
            (t("screening.sheet_summary", lang), summary),
            (t("screening.sheet_goals", lang), goals),
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
    if suffix == ".csv":
        atomic_write(path, lambda tmp: _write_csv(run, tmp, lang, ticker))
    elif suffix == ".xlsx":
        atomic_write(path, lambda tmp: _write_xlsx(run, tmp, lang, ticker))
    elif suffix == ".pdf":
        from assessment.screening.pdf import write_pdf

        atomic_write(path, lambda tmp: write_pdf(run, tmp, lang, ticker))
    else:
        raise ValidationFailed(Problem("screening.err_output_type", {"suffix": suffix}, file=str(path)))
    ticker.report(run.rows_in)
    return path


def to_bytes(run: ScreeningRun, suffix: str, lang: str = "sv") -> bytes:
    """The output file as bytes (for the app's download button)."""
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / f"screening{suffix}"
        write_results(run, target, lang)
        return target.read_bytes()


def to_json(run: ScreeningRun, lang: str = "sv") -> dict[str, Any]:
    """The run as plain data for ``--json``: accounting, portfolio shares, every row."""
    lang = normalise_lang(lang)
    portfolio = run.portfolio()
    applications = []
    drafter = Drafter(run.call, lang)
    for r in run.results:
        app = r.application
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
                "latent_conflicts": [
                    {
                        "from": h.source,
                        "to": h.target,
                        "score": h.score,
                        "severity": h.severity,
                        "explanation": h.explanation.get(lang),
                        "source": h.citation.get(lang),
                    }
                    for h in r.latent
                ],
                "draft_motivation": run.edited.get(app.id) or drafter.draft(r),
                "motivation_edited": app.id in run.edited,
            }
        )
    return {
        "file": run.imported.file,
        "call": run.call.id,
        "rows_in": run.rows_in,
        "rows_out": run.rows_out,
        "rows_rejected": run.rows_rejected,
        "blank_rows": run.imported.blank_rows,
        "ignored_columns": run.imported.ignored_columns,
        "flagged_share": portfolio.flagged_share,
        "dimensions": {
            d: {str(k): float(v) for k, v in portfolio.dimensions.loc[d].to_dict().items()}
            for d in DIMENSIONS
        },
        "applications": applications,
        "rejected": [
            {
                "row": r.row,
                "id": r.id,
                "problems": [
                    {"field": p.path, "key": p.key, "message": t(p.key, lang, **p.params)} for p in r.problems
                ],
            }
            for r in run.rejected
        ],
    }
