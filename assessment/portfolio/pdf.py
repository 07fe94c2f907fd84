"""The portfolio PDF: headline figures, the combined goal profile, the goals × assessments
heatmap and every view as a table — built from the report module's blocks so it looks like the
assessment report."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from reportlab.lib import colors
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from assessment import formats
from assessment.formats import signed
from assessment.i18n import t
from assessment.knowledge import sdg_catalog
from assessment.portfolio.goals import as_int
from assessment.portfolio.labels import column_label, display, figure_label, view_title
from assessment.portfolio.selection import Portfolio
from assessment.portfolio.views import PortfolioViews, figures
from assessment.report import (
    CONTENT_WIDTH,
    Column,
    GoalBar,
    build_story_pdf,
    data_table,
    heading,
    key_value_table,
    para,
    sdg_profile_drawing,
    styles,
)
from assessment.report.figures import drawing_figure

# Tables longer than this are cut in the PDF (the XLSX export has everything) so a portfolio
# of a thousand assessments still gives a readable document.
MAX_ROWS = 80
# The combined analysis lists every finding; the PDF keeps the most severe conflicts and open
# issues (the full list with explanations is in the XLSX/JSON export).
FINDINGS_IN_PDF = 15
PDF_FINDING_KINDS = ("direct_conflict", "latent_conflict", "unaddressed")
# Views printed as tables after the heatmap, with the columns worth a place on A4.
TABLE_VIEWS: dict[str, Sequence[str]] = {
    "combined_findings": ("kind", "from", "to", "severity"),
    "assessments": ("assessment", "title", "municipalities", "date", "conflicts", "measures"),
    "rus_coverage": ("rus_goal", "rated", "positive", "negative", "neutral", "mean_impact"),
    "conflicts_by_type": (
        "type",
        "conflicts",
        "assessments",
        "proactive",
        "reactive",
        "handled",
        "worked_yes",
        "worked_partly",
        "worked_no",
    ),
    "conflicts_by_goal_pair": ("goal_a", "goal_b", "conflicts", "assessments", "types"),
    "measures_by_owner": ("owner", "measures", "planned", "in_progress", "done", "overdue", "next_due"),
    "follow_up": ("kind", "assessment", "id", "text", "owner", "due", "days_left"),
    "group_gaps": ("checklist", "item", "considered_in", "not_considered_in"),
    "actor_group_gaps": ("item", "missing_in", "present_in", "assessments"),
    "absent_actors": ("actor", "absent_in", "present_in", "assessments"),
    "register": (
        "assessment",
        "conflict",
        "goals",
        "type",
        "method",
        "decision",
        "follow_up_due",
        "worked",
        "outcome",
    ),
}
_WIDE = {
    "explanation",
    "title",
    "text",
    "decision",
    "outcome",
    "assessments",
    "municipalities",
    "types",
    "rus_goal",
    "type",
    "goal_a",
    "goal_b",
    "item",
    "goals",
}
_POS = [colors.HexColor(c) for c in ("#E3F1E4", "#A5D6A7", "#4CAF50")]
_NEG = [colors.HexColor(c) for c in ("#FBE3E1", "#EF9A9A", "#D9534F")]


def _cell(value: object) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, bool):
        return "✓" if value else ""
    return str(value)


def view_table(frame: pd.DataFrame, columns: Sequence[str], lang: str) -> list[Flowable]:
    data = frame.reset_index() if frame.index.name is not None else frame
    cols = [c for c in columns if c in data.columns]
    numeric = {c: pd.api.types.is_numeric_dtype(data[c]) for c in cols}
    spec = [
        Column(
            column_label(c, lang),
            1.0 if numeric[c] else 3.0 if c in _WIDE else 2.0,
            "right" if numeric[c] else "left",
        )
        for c in cols
    ]
    shown = display(data[cols].head(MAX_ROWS), lang)
    rows = [[_cell(v) for v in row] for row in shown.itertuples(index=False)]
    out = data_table(spec, rows, lang)
    if len(data) > MAX_ROWS:
        out.append(para(t("portfolio.pdf_more_rows", lang, count=len(data) - MAX_ROWS), styles().muted))
    return out


def heatmap_table(heatmap: pd.DataFrame, lang: str) -> list[Flowable]:
    """Goals down, assessments across (in slices of 10 so the columns stay readable)."""
    st = styles()
    out: list[Flowable] = []
    heatmap = as_int(heatmap)
    keys = list(heatmap.columns)
    for start in range(0, max(len(keys), 1), 10):
        part = keys[start : start + 10]
        if not part:
            break
        header = [para(column_label(str(heatmap.index.name), lang), st.header_cell)]
        header += [para(k, st.header_cell) for k in part]
        data: list[list[object]] = [header]
        style: list[tuple[object, ...]] = [
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#1B3A4B")),
            ("GRID", (0, 0), (-1, -1), 0.3, colors.HexColor("#C9CED3")),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("ALIGN", (1, 1), (-1, -1), "CENTER"),
        ]
        for r, goal in enumerate(heatmap.index, start=1):
            row: list[object] = [para(str(goal), st.cell_bold)]
            for c, key in enumerate(part, start=1):
                value = heatmap.at[goal, key]
                if value is pd.NA or value is None:
                    row.append("")
                    continue
                v = int(str(value))
                row.append(para(signed(v), st.cell_center))
                if v:
                    shade = (_POS if v > 0 else _NEG)[min(abs(v), 3) - 1]
                    style.append(("BACKGROUND", (c, r), (c, r), shade))
            data.append(row)
        first = 0.09 * CONTENT_WIDTH
        widths = [first] + [(CONTENT_WIDTH - first) / len(part)] * len(part)
        table = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
        table.setStyle(TableStyle(style))
        out += [table, Spacer(1, 8)]
    return out


def goal_profile(views: PortfolioViews, lang: str) -> Flowable:
    catalog = sdg_catalog()
    heat = views["heatmap"] if views["heatmap"].index.name == "goal" else None
    push = views["push_pull"]
    bars = []
    for goal in push.index:
        values = [] if heat is None else [int(v) for v in heat.loc[goal].dropna()]
        combined = push.at[goal, "combined_impact"]
        c = 0 if combined is pd.NA else int(str(combined))
        bars.append(
            GoalBar(
                number=int(goal),
                title=catalog.goals[int(goal)].title.get(lang),
                colour=catalog.goals[int(goal)].colour,
                direct_pos=max([v for v in values if v > 0], default=0),
                direct_neg=min([v for v in values if v < 0], default=0),
                indirect_pos=max(c, 0),
                indirect_neg=min(c, 0),
            )
        )
    drawing = sdg_profile_drawing(
        bars,
        direct_label=t("portfolio.pdf_strongest", lang),
        indirect_label=t("portfolio.pdf_combined", lang),
        negative_label=t("portfolio.pdf_negative", lang),
        positive_label=t("portfolio.pdf_positive", lang),
    )
    return drawing_figure(drawing, t("portfolio.combined_title", lang))


def _finding_counts(frame: pd.DataFrame, lang: str) -> str:
    counts = frame["kind"].value_counts()
    parts = [
        f"{t('portfolio.value_' + kind, lang)}: {int(counts.get(kind, 0))}"
        for kind in ("direct_conflict", "latent_conflict", "second_order_risk", "synergy", "unaddressed")
    ]
    return " · ".join(parts)


def portfolio_pdf(
    portfolio: Portfolio,
    views: PortfolioViews,
    lang: str = "sv",
    *,
    invariant: bool = False,
    title: str | None = None,
) -> bytes:
    st = styles()
    title = title or t("portfolio.title", lang)
    story: list[Flowable] = [
        para(
            t("portfolio.pdf_subtitle", lang, count=len(portfolio), today=formats.date(views.today, lang)),
            st.subtitle,
        ),
        heading(t("portfolio.pdf_figures", lang), 0),
        *key_value_table([(figure_label(k, lang), str(v)) for k, v in figures(views).items()], lang),
    ]
    if len(portfolio):
        story.append(KeepTogether([heading(view_title("push_pull", lang), 0), goal_profile(views, lang)]))
        story += [heading(view_title("heatmap", lang), 0), *heatmap_table(views["heatmap"], lang)]
        for name, columns in TABLE_VIEWS.items():
            story += [heading(view_title(name, lang), 0)]
            frame = views[name]
            if name == "combined_findings":
                story.append(para(_finding_counts(frame, lang), st.body))
                frame = (
                    frame[frame["kind"].isin(PDF_FINDING_KINDS)]
                    .sort_values("severity", ascending=False, kind="stable")
                    .head(FINDINGS_IN_PDF)
                )
            story += view_table(frame, columns, lang) if len(frame) else [para("–", st.muted)]
    else:
        story.append(para(t("portfolio.empty", lang), st.body))
    return build_story_pdf(title, story, lang, invariant, subject=t("portfolio.intro", lang))
