"""Summary page: key figures, RUS alignment, SDG impact profile, overall judgement."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from assessment.report.charts import sdg_profile_drawing
from assessment.report.context import ReportContext
from assessment.report.document import heading
from assessment.report.figures import drawing_parts
from assessment.report.sections.common import empty_note, impact_cell, labelled
from assessment.report.stats import KeyFigures, goal_bars
from assessment.report.styles import CONTENT_WIDTH, RULE, TABLE_BASE, TINT, WHITE, styles
from assessment.report.tables import Column, data_table
from assessment.report.text import clip, markup, para, paras


def summary_text(ctx: ReportContext, f: KeyFigures) -> str:
    """One paragraph of the main findings, built from the figures (plain text, escaped later)."""
    parts = [
        ctx.t("sum_rus", rated=f.rus_rated, positive=f.rus_positive, negative=f.rus_negative),
        ctx.t(
            "sum_sdg",
            rated=f.sdg_rated,
            goals=f.goals_touched,
            positive=f.sdg_positive,
            negative=f.sdg_negative,
        ),
        ctx.t("sum_conflicts", conflicts=f.tally.conflicts_text(ctx.lang)),
    ]
    if f.tally.analysed:
        parts.append(ctx.t("sum_analysis", latent=f.tally.latent_text(ctx.lang), synergies=f.synergies))
    parts.append(ctx.t("sum_measures", count=f.measures))
    if f.tally.issues:
        parts.append(ctx.t("sum_coverage", issues=f.tally.issues_text(ctx.lang), percent=f.tally.percent))
    if f.missing_groups:
        parts.append(ctx.t("sum_missing", count=f.missing_groups))
    verdict = verdict_label(ctx)
    if verdict:
        parts.append(ctx.t("sum_verdict", verdict=verdict))
    return " ".join(parts)


def verdict_label(ctx: ReportContext) -> str:
    verdict = ctx.assessment.judgement.verdict
    if not verdict:
        return ""
    choice = next((v for v in ctx.rus.judgement.verdicts if v.id == verdict), None)
    return ctx.local(choice.label) if choice else verdict


def _tiles(ctx: ReportContext, f: KeyFigures) -> Table:
    st = styles()
    tally = f.tally
    coverage = f"{tally.percent} %" if tally.percent is not None else "–"
    tiles = [
        (str(tally.direct) if tally.analysed else "–", ctx.t("tile_direct", count=tally.direct)),
        (str(tally.recorded), ctx.t("tile_recorded", count=tally.recorded, decided=tally.decided)),
        (str(tally.open), ctx.t("tile_open", count=tally.open)),
        (coverage, ctx.t("tile_coverage", count=f.measures)),
    ]
    label = st.muted.clone("tile_label", alignment=1, fontSize=8, leading=10)
    cells = [[para(value, st.figure_value), para(text, label)] for value, text in tiles]
    table = Table([cells], colWidths=[CONTENT_WIDTH / 4] * 4)
    table.setStyle(
        TableStyle(
            [
                *TABLE_BASE,
                ("BACKGROUND", (0, 0), (-1, -1), TINT),
                ("LINEAFTER", (0, 0), (-2, -1), 2, WHITE),
                ("BOX", (0, 0), (-1, -1), 0.5, RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 8),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )
    return table


def summary(ctx: ReportContext, f: KeyFigures) -> list[Flowable]:
    st = styles()
    a = ctx.assessment
    story: list[Flowable] = [heading(ctx.t("summary"), 0), _tiles(ctx, f), Spacer(1, 4 * mm)]

    # Heading and chart on one page (a heading alone at a page foot looks broken).
    title = heading(ctx.t("sdg_profile"), 1)
    drawing = sdg_profile_drawing(
        goal_bars(ctx),
        direct_label=ctx.t("direct"),
        indirect_label=ctx.t("indirect"),
        negative_label=ctx.t("negative_impact"),
        positive_label=ctx.t("positive_impact"),
    )
    story.append(KeepTogether([title, *drawing_parts(drawing, ctx.t("sdg_profile_caption"))]))

    story.append(heading(ctx.t("rus_at_a_glance"), 1))
    rated = [r for r in a.rus if r.impact is not None]
    if rated:
        rows = [
            [ctx.rus_goal_title(r.goal), impact_cell(ctx, r.impact), clip(r.comment, 160)]
            for r in sorted(rated, key=lambda r: -(r.impact or 0))
        ]
        story += data_table(
            [
                Column(ctx.t("col_rus_goal"), 0.42),
                Column(ctx.t("col_impact"), 0.2),
                Column(ctx.t("col_comment_short"), 0.38),
            ],
            rows,
            ctx.lang,
        )
    else:
        story.append(empty_note(ctx.t("no_rus_ratings")))

    story.append(heading(ctx.t("judgement"), 1))
    verdict = verdict_label(ctx)
    if verdict:
        story.append(Paragraph(f"<b>{markup(ctx.t('verdict'))}:</b> {markup(verdict)}", st.body))
    story += labelled(ctx.t("judgement_text"), a.judgement.text, ctx.t("no_answer"))
    for question in ctx.rus.judgement.questions:
        answer = a.answers.get(question.id, "")
        if answer.strip():
            story += labelled(ctx.local(question.text), answer, ctx.t("no_answer"))

    if a.description.strip() or a.sources:
        story.append(heading(ctx.t("about"), 1))
        if a.description.strip():
            story += paras(a.description, st.body)
    return story
