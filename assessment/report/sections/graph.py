"""The SDG interaction graph as an image, with its findings and their sources."""

from __future__ import annotations

from reportlab.platypus import Flowable

from assessment.report.charts import interaction_graph_drawing
from assessment.report.context import ReportContext
from assessment.report.document import heading
from assessment.report.figures import drawing_figure
from assessment.report.sections.common import empty_note
from assessment.report.sources import Finding
from assessment.report.styles import styles
from assessment.report.tables import Cell, Column, data_table
from assessment.report.text import para

# Findings per group printed in full; a large assessment can have hundreds of pairwise findings,
# and a decision document needs the most severe ones (the rest are counted, and the app lists all).
FINDINGS_LIMIT = 15


def graph(ctx: ReportContext) -> list[Flowable]:
    story: list[Flowable] = [heading(ctx.t("graph"), 0)]
    picture = ctx.graph_picture
    if picture is not None:
        drawing = interaction_graph_drawing(
            picture.nodes,
            picture.edges,
            picture.layout,
            synergy_label=ctx.t("legend_synergy"),
            tradeoff_label=ctx.t("legend_tradeoff"),
            note=picture.subtitle or ctx.t("legend_impact"),
        )
        story.append(drawing_figure(drawing, ctx.t("graph_caption")))
    else:
        story.append(empty_note(ctx.t("graph_unavailable")))
    findings = ctx.findings
    if findings is None:
        story.append(empty_note(ctx.t("findings_unavailable")))
        return story
    story.append(para(ctx.t("findings_intro"), styles().muted))
    groups = (
        ("findings_direct", "direct", findings.direct),
        ("findings_mixed", "mixed", findings.mixed),
        ("findings_latent", "latent", findings.latent),
        ("findings_second_order", "second_order", findings.second_order),
        ("findings_synergies", "synergies", findings.synergies),
        ("findings_unaddressed", "unaddressed", findings.unaddressed),
    )
    for key, name, items in groups:
        story.append(heading(f"{ctx.t(key)} ({len(items)})", 1))
        story += _findings_table(ctx, items, findings.shown.get(name, FINDINGS_LIMIT))
    return story


def _findings_table(ctx: ReportContext, items: list[Finding], limit: int = FINDINGS_LIMIT) -> list[Flowable]:
    if not items:
        return [empty_note(ctx.t("findings_none"))]
    limit = min(limit, FINDINGS_LIMIT)
    if limit == 0:
        return [para(ctx.t("findings_more", count=len(items)), styles().muted)]
    rows: list[list[Cell]] = [[item.title, item.explanation, item.source] for item in items[:limit]]
    story = data_table(
        [
            Column(ctx.t("col_finding"), 0.27),
            Column(ctx.t("col_explanation"), 0.5),
            Column(ctx.t("col_source"), 0.23),
        ],
        rows,
        ctx.lang,
    )
    if len(items) > limit:
        story.append(para(ctx.t("findings_more", count=len(items) - limit), styles().muted))
    return story
