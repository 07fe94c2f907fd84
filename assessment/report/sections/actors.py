"""Step 3: actors table, power/interest grid and the groups that are missing."""

from __future__ import annotations

from reportlab.platypus import Flowable, Table, TableStyle

from assessment.report.charts import ActorPoint, power_interest_drawing
from assessment.report.context import ReportContext
from assessment.report.document import heading
from assessment.report.sections.common import bullets, empty_note, join
from assessment.report.stats import missing_group_ids
from assessment.report.styles import CONTENT_WIDTH, TABLE_BASE, styles
from assessment.report.tables import Cell, Column, data_table
from assessment.report.text import clip, para


def actors(ctx: ReportContext) -> list[Flowable]:
    a = ctx.assessment
    story: list[Flowable] = [heading(ctx.t("actors"), 1)]
    if not a.actors:
        story.append(empty_note(ctx.t("no_actors")))
    rows: list[list[Cell]] = [
        [
            str(number),
            actor.name,
            ctx.t(f"role_{actor.role}"),
            str(actor.influence),
            str(actor.interest),
            ctx.t("yes") if actor.present else ctx.t("no"),
            join(group_label(ctx, g) for g in actor.groups),
            actor.comment,
        ]
        for number, actor in enumerate(a.actors, start=1)
    ]
    story += data_table(
        [
            Column("#", 0.04, "right"),
            Column(ctx.t("col_actor"), 0.17),
            Column(ctx.t("col_role"), 0.1),
            Column(ctx.t("col_influence"), 0.115, "center"),
            Column(ctx.t("col_interest"), 0.095, "center"),
            Column(ctx.t("col_present"), 0.09, "center"),
            Column(ctx.t("col_groups"), 0.16),
            Column(ctx.t("col_comment"), 0.23),
        ],
        rows,
        ctx.lang,
    )
    if a.actors:
        story += [heading(ctx.t("power_interest"), 1), _grid(ctx)]
    story += _missing(ctx)
    return story


def group_label(ctx: ReportContext, group: str) -> str:
    """A group written as a checklist item id (e.g. ``sami_villages``) gets its short label."""
    for checklist_id in ("missing_actors", "intersectional"):
        spec = ctx.rus.checklists.get(checklist_id)
        item = spec.item(group) if spec else None
        if item is not None:
            return ctx.local(item.label).split(" (")[0]
    return group


def _grid(ctx: ReportContext) -> Table:
    st = styles()
    points = [
        ActorPoint(number, actor.influence, actor.interest, actor.present)
        for number, actor in enumerate(ctx.assessment.actors, start=1)
    ]
    drawing = power_interest_drawing(
        points,
        influence_label=ctx.t("col_influence"),
        interest_label=ctx.t("col_interest"),
        quadrant_labels=(
            ctx.t("quad_satisfy"),
            ctx.t("quad_manage"),
            ctx.t("quad_monitor"),
            ctx.t("quad_inform"),
        ),
    )
    legend: list[Flowable] = [para(ctx.t("grid_legend"), st.muted)]
    for number, actor in enumerate(ctx.assessment.actors, start=1):
        mark = "" if actor.present else f" ({ctx.t('absent')})"
        legend.append(para(f"{number}. {clip(actor.name, 80)}{mark}", st.small))
        if number >= 40 and len(ctx.assessment.actors) > 41:
            legend.append(para(ctx.t("see_table"), st.small))
            break
    table = Table([[drawing, legend]], colWidths=[drawing.width + 8, CONTENT_WIDTH - drawing.width - 8])
    table.setStyle(
        TableStyle([*TABLE_BASE, ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)])
    )
    return table


def _missing(ctx: ReportContext) -> list[Flowable]:
    spec = ctx.rus.checklists.get("missing_actors")
    answers = ctx.assessment.checklists.get("missing_actors", {})
    title = ctx.local(spec.title) if spec else ctx.t("missing_groups")
    story: list[Flowable] = [heading(ctx.t("missing_groups_heading", title=title), 1)]
    missing = missing_group_ids(ctx.assessment)
    absent = [actor.name for actor in ctx.assessment.actors if not actor.present]
    if not missing and not absent:
        story.append(empty_note(ctx.t("no_missing")))
        return story
    if missing:
        story.append(para(ctx.t("missing_intro"), styles().body))
        lines = []
        for item_id in missing:
            item = spec.item(item_id) if spec else None
            label = ctx.local(item.label) if item else item_id
            comment = answers[item_id].comment.strip()
            lines.append(f"{label} — {comment}" if comment else label)
        story += bullets(lines)
    if absent:
        story.append(para(ctx.t("absent_actors", names=", ".join(absent)), styles().body))
    return story
