"""Goal conflicts handled with Tyréns' process model: type, stage, method, decision, follow-up."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable

from assessment import formats
from assessment.domain.assessment import Conflict, Weighing
from assessment.formats import decimal
from assessment.report.context import ReportContext
from assessment.report.document import heading
from assessment.report.sections.common import empty_note, join, labelled
from assessment.report.styles import styles
from assessment.report.tables import Cell, Column, data_table, key_value_table
from assessment.report.text import para


def conflicts(ctx: ReportContext) -> list[Flowable]:
    st = styles()
    story: list[Flowable] = [
        heading(ctx.t("conflicts"), 0),
        para(ctx.t("conflicts_intro", model=ctx.local(ctx.tyrens.title)), st.muted),
    ]
    if not ctx.assessment.conflicts:
        story.append(empty_note(ctx.t("no_conflicts")))
    for conflict in ctx.assessment.conflicts:
        story += _conflict(ctx, conflict)
    story += _stage_answers(ctx)
    return story


def _title(ctx: ReportContext, conflict: Conflict) -> str:
    # Codes only in the heading (it becomes a bookmark); full labels follow in the table.
    between = ctx.t("versus").join(ctx.short_ref(ref, 28) for ref in conflict.between[:4])
    return f"{conflict.id}: {between}" if between else conflict.id


def _conflict(ctx: ReportContext, c: Conflict) -> list[Flowable]:
    model = ctx.tyrens
    ctype = model.conflict_type(c.type) if c.type else None
    stage = model.stage(c.stage) if c.stage else None
    method = model.method(c.method) if c.method else None
    entry = model.entry(c.origin) if c.origin else None
    fu = c.follow_up
    worked = ctx.t(f"worked_{fu.worked}") if fu.worked else ""
    pairs: list[tuple[str, Cell]] = [
        (ctx.t("field_between"), "\n".join(ctx.ref_label(r) for r in c.between)),
        (ctx.t("field_description"), c.description),
        (ctx.t("field_type"), ctx.local(ctype.title) if ctype else c.type),
        (ctx.t("field_origin"), ctx.local(entry.title) if entry else c.origin),
        (
            ctx.t("field_stage"),
            ctx.t("stage_of", number=stage.number, title=ctx.local(stage.title)) if stage else c.stage,
        ),
        (ctx.t("field_characterisation"), c.characterisation),
        (ctx.t("field_method"), ctx.local(method.title) if method else c.method),
        (ctx.t("field_decision"), c.decision),
        (ctx.t("field_position"), c.position),
        (ctx.t("field_follow_up_due"), formats.short_date(fu.due, ctx.lang)),
        (ctx.t("field_follow_up_plan"), fu.plan),
        (ctx.t("field_follow_up_outcome"), fu.outcome),
        (ctx.t("field_follow_up_worked"), worked),
    ]
    for stage_id, note in c.stage_notes.items():
        noted = model.stage(stage_id)
        label = ctx.local(noted.title) if noted else stage_id
        pairs.append((ctx.t("stage_note", stage=label), note))
    story: list[Flowable] = [CondPageBreak(45 * mm), heading(_title(ctx, c), 1)]
    story += key_value_table(pairs, ctx.lang)
    if c.weighing is not None and (c.weighing.criteria or c.weighing.options):
        story += _weighing(ctx, c.weighing)
    return story


# Score columns per table: more criteria continue in a further table (never silently dropped).
CRITERIA_PER_TABLE = 8


def _weighing(ctx: ReportContext, w: Weighing) -> list[Flowable]:
    """The scores per criterion and the weighted result of `Weighing.weighted_score` (the app's)."""
    story: list[Flowable] = [para(ctx.t("weighing"), styles().label)]
    chunks = [w.criteria[i : i + CRITERIA_PER_TABLE] for i in range(0, len(w.criteria), CRITERIA_PER_TABLE)]
    for index, criteria in enumerate(chunks or [[]]):
        last = index == len(chunks) - 1 or not chunks
        share = (0.6 if last else 0.75) / max(1, len(criteria))
        columns = [Column(ctx.t("col_option"), 0.25)]
        columns += [Column(f"{c.name} ({c.weight:g})", share, "right") for c in criteria]
        if last:
            columns.append(Column(ctx.t("col_weighted"), 0.15, "right"))
        rows: list[list[Cell]] = []
        for option in w.options:
            scores = [option.scores.get(c.name) for c in criteria]
            row: list[Cell] = [option.name, *[f"{s:g}" if s is not None else "–" for s in scores]]
            if last:
                weighted = w.weighted_score(option)
                row.append(decimal(weighted, ctx.lang) if weighted is not None else "–")
            rows.append(row)
        story += data_table(columns, rows, ctx.lang)
    # A missing score is missing, not 0: say which, and what it could still change.
    for option in w.options:
        missing = w.missing(option)
        span = w.score_range(option)
        if missing and span is not None:
            text = ctx.t(
                "weighing_missing",
                option=option.name,
                criteria=join(missing),
                low=decimal(span[0], ctx.lang),
                high=decimal(span[1], ctx.lang),
            )
            story.append(para(text, styles().muted))
    return story


def _stage_answers(ctx: ReportContext) -> list[Flowable]:
    """Answers to the guiding questions of Tyréns' stages, if the group recorded any."""
    story: list[Flowable] = []
    for stage in ctx.tyrens.stages:
        answered = [(q, ctx.assessment.answers.get(q.id, "")) for q in stage.questions]
        answered = [(q, text) for q, text in answered if text.strip()]
        if not answered:
            continue
        story.append(heading(ctx.t("stage_of", number=stage.number, title=ctx.local(stage.title)), 2))
        for question, text in answered:
            story += labelled(ctx.local(question.text), text, "")
    if story:
        story.insert(0, heading(ctx.t("tyrens_answers"), 1))
    return story


__all__ = ["conflicts", "join"]
