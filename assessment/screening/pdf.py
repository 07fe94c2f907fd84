"""PDF screening summary, built from the report module's building blocks (same look as the
assessment report): accounting, dimension balance, goals, groups, and the flagged applications.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing
from reportlab.lib.colors import HexColor
from reportlab.platypus import Flowable, Spacer

from assessment import formats
from assessment.domain.refs import goal_label
from assessment.i18n import t
from assessment.report import (
    CONTENT_WIDTH,
    Column,
    build_story_pdf,
    data_table,
    drawing_figure,
    heading,
    para,
    register_fonts,
    styles,
)
from assessment.screening.fields import DIMENSIONS
from assessment.screening.flags import flag_label
from assessment.screening.progress import Ticker
from assessment.screening.run import ScreeningRun

# A summary, not the full list: the XLSX/CSV carries every row.
MAX_APPLICATIONS_LISTED = 200


def _pct(value: Any) -> str:
    return f"{round(100 * float(value))} %"


def _num(header_key: str, lang: str) -> Column:
    return Column(t(header_key, lang), 1, "right")


def dimension_drawing(run: ScreeningRun, lang: str) -> Drawing:
    """Grouped bars per dimension: share described, share with positive and negative claims."""
    register_fonts()
    shares = run.portfolio().dimension_shares()
    series = ("described", "claimed_positive", "claimed_negative")
    colours = ("#0b5cad", "#3f9e4d", "#c0392b")
    drawing = Drawing(CONTENT_WIDTH, 190)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 40, 45, CONTENT_WIDTH - 60, 130
    chart.data = [[round(100 * shares[d][s]) for d in DIMENSIONS] for s in series]
    chart.categoryAxis.categoryNames = [t(f"screening.dim_{d}", lang) for d in DIMENSIONS]
    chart.categoryAxis.labels.fontName = "DejaVuSans"
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 100, 20
    chart.valueAxis.labels.fontName = "DejaVuSans"
    chart.valueAxis.labelTextFormat = "%d %%"
    for index, colour in enumerate(colours):
        chart.bars[index].fillColor = HexColor(colour)
        chart.bars[index].strokeColor = None
    drawing.add(chart)
    legend = Legend()
    legend.x, legend.y = 40, 12
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.fontName = "DejaVuSans"
    legend.fontSize = 8
    legend.colorNamePairs = [
        (HexColor(c), t(f"screening.sum_{s}", lang)) for c, s in zip(colours, series, strict=True)
    ]
    drawing.add(legend)
    return drawing


def build_summary_story(run: ScreeningRun, lang: str, ticker: Ticker | None = None) -> list[Flowable]:
    st = styles()
    portfolio = run.portfolio()
    story: list[Flowable] = [
        heading(t("screening.pdf_title", lang), 0),
        para(
            t(
                "screening.pdf_intro",
                lang,
                call=run.call.name.get(lang),
                file=Path(run.imported.file).name,
                date=formats.date(dt.date.today(), lang),
            ),
            st.body,
        ),
        para(t("screening.draft_notice", lang), st.muted),
        Spacer(1, 6),
        *data_table(
            [
                Column(t("screening.sum_rows_in", lang), 1, "right"),
                Column(t("screening.sum_rows_out", lang), 1, "right"),
                Column(t("screening.sum_rows_rejected", lang), 1, "right"),
                Column(t("screening.sum_flagged_share", lang), 1, "right"),
            ],
            [[run.rows_in, run.rows_out, run.rows_rejected, _pct(portfolio.flagged_share)]],
            lang,
        ),
        heading(t("screening.pdf_dimensions", lang), 1),
        para(t("screening.pdf_dimensions_help", lang), st.small),
    ]
    if portfolio.count:
        story.append(drawing_figure(dimension_drawing(run, lang)))
        story += data_table(
            [
                Column(t("screening.sum_dimension", lang), 2),
                _num("screening.sum_described", lang),
                _num("screening.sum_claimed_positive", lang),
                _num("screening.sum_claimed_negative", lang),
            ],
            [
                [
                    t(f"screening.dim_{d}", lang),
                    _pct(portfolio.dimensions.loc[d, "described"]),
                    _pct(portfolio.dimensions.loc[d, "claimed_positive"]),
                    _pct(portfolio.dimensions.loc[d, "claimed_negative"]),
                ]
                for d in DIMENSIONS
            ],
            lang,
        )
        story.append(heading(t("screening.ui_flag_counts", lang), 1))
        story += data_table(
            [
                Column(t("screening.col_flags", lang), 4),
                _num("screening.pdf_count", lang),
                Column("%", 1, "right"),
            ],
            [
                [flag_label(str(code), lang), int(n), f"{round(100 * int(n) / portfolio.count)} %"]
                for code, n in portfolio.flag_counts.items()
            ],
            lang,
        )
        story.append(heading(t("screening.pdf_goals", lang), 1))
        story += data_table(
            [
                Column(t("screening.goalcol_goal", lang), 4),
                _num("screening.goalcol_applications", lang),
                _num("screening.goalcol_positive", lang),
                _num("screening.goalcol_negative", lang),
            ],
            [
                [
                    goal_label(int(str(goal)), lang),
                    int(g["applications"]),
                    int(g["positive"]),
                    int(g["negative"]),
                ]
                for goal, g in portfolio.goals.iterrows()
            ],
            lang,
        )
        story.append(heading(t("screening.pdf_municipalities", lang), 1))
        story += data_table(
            [
                Column(t("screening.col_municipality", lang), 2),
                _num("screening.pdf_count", lang),
                _num("screening.sum_flagged_share", lang),
                *[Column(t(f"screening.dim_{d}", lang), 1, "right") for d in DIMENSIONS],
            ],
            [
                [
                    str(name),
                    int(g["applications"]),
                    _pct(g["flagged_share"]),
                    *[_pct(g[f"described_{d}"]) for d in DIMENSIONS],
                ]
                for name, g in portfolio.by_municipality.iterrows()
            ],
            lang,
        )
    story.append(heading(t("screening.pdf_applications", lang), 1))
    flagged = [r for r in run.results if r.flags]
    for done, result in enumerate(flagged[:MAX_APPLICATIONS_LISTED], start=1):
        app = result.application
        story.append(heading(f"{app.id} – {app.title}", 2))
        story.append(para(f"{app.applicant}, {app.municipality} · {result.completeness} %", st.small))
        story.append(para("\n".join(f"• {f.reason(lang)}" for f in result.flags), st.body))
        if ticker is not None:
            ticker.tick(done)
    if len(flagged) > MAX_APPLICATIONS_LISTED:
        more = len(flagged) - MAX_APPLICATIONS_LISTED
        story.append(para(t("screening.pdf_more", lang, count=more), st.muted))
    if run.rejected:
        story.append(heading(t("screening.sum_rows_rejected", lang), 1))
        listed = run.rejected[:MAX_APPLICATIONS_LISTED]
        story.append(para("\n".join(m for r in listed for m in r.messages(lang)), st.small))
    return story


def write_pdf(run: ScreeningRun, target: Path, lang: str, ticker: Ticker | None = None) -> None:
    story = build_summary_story(run, lang, ticker)
    if ticker is not None:
        ticker.check()
    pdf = build_story_pdf(t("screening.pdf_title", lang), story, lang, subject=run.call.name.get(lang))
    target.write_bytes(pdf)
