"""Appendix: the model's questions and scales, knowledge sources, data version."""

from __future__ import annotations

from reportlab.platypus import Flowable

import assessment
from assessment.formats import signed
from assessment.knowledge.bibliography import bibliography
from assessment.process_models.common import ModelHeader, Question
from assessment.report import sources
from assessment.report.context import ReportContext
from assessment.report.document import heading
from assessment.report.sections.common import bullets, join
from assessment.report.styles import styles
from assessment.report.tables import Cell, Column, data_table, key_value_table
from assessment.report.text import para

INTERACTION_SCALE = (3, 2, 1, 0, -1, -2, -3)


def appendix(ctx: ReportContext) -> list[Flowable]:
    story: list[Flowable] = [heading(ctx.t("appendix"), 0)]
    story += _dismissed(ctx)
    story += _questions(ctx)
    story += _scales(ctx)
    story += _sources(ctx)
    story += _version(ctx)
    return story


def _dismissed(ctx: ReportContext) -> list[Flowable]:
    """Findings the group marked not relevant, with its reasons (they are out of coverage)."""
    found = ctx.findings
    if found is None or not (found.dismissed or found.stale or found.changed):
        return []
    story: list[Flowable] = [
        heading(ctx.t("dismissed_heading"), 1),
        para(ctx.t("dismissed_intro"), styles().muted),
    ]
    rows: list[list[Cell]] = [[title, text, reason] for title, text, reason in found.dismissed]
    # A dismissal whose finding is gone is listed as stale, not left out.
    rows += [
        [ctx.t("dismissed_stale"), ctx.t("dismissed_stale_text", finding=key), reason]
        for key, reason in found.stale
    ]
    # A dismissal whose evidence changed no longer holds: the finding counts again until reviewed.
    rows += [
        [f"{ctx.t('dismissed_changed')}: {title}", text, reason] for title, text, reason in found.changed
    ]
    story += data_table(
        [
            Column(ctx.t("col_finding"), 0.25),
            Column(ctx.t("col_explanation"), 0.45),
            Column(ctx.t("col_dismissal_reason"), 0.3),
        ],
        rows,
        ctx.lang,
    )
    return story


def _question_rows(ctx: ReportContext, questions: list[Question], prefix: str = "") -> list[list[Cell]]:
    # Numbered as a reader refers to them ("2.3": step 2, question 3), not by the model's internal
    # ids ("sustainability.q3"), which mean nothing outside the YAML file.
    return [
        [f"{prefix}{n}", ctx.local(q.text), ctx.t(f"origin_{q.origin}")]
        for n, q in enumerate(questions, start=1)
    ]


def _questions(ctx: ReportContext) -> list[Flowable]:
    columns = [
        Column(ctx.t("col_number"), 0.1),
        Column(ctx.t("col_question"), 0.72),
        Column(ctx.t("col_origin"), 0.18),
    ]
    story: list[Flowable] = [heading(ctx.t("model_questions"), 1)]
    for step in sorted(ctx.rus.steps, key=lambda s: s.number):
        story.append(heading(ctx.t("step_heading", number=step.number, title=ctx.local(step.title)), 2))
        story += data_table(columns, _question_rows(ctx, list(step.questions), f"{step.number}."), ctx.lang)
    story.append(heading(ctx.local(ctx.rus.checkpoint.title), 2))
    story += data_table(columns, _question_rows(ctx, list(ctx.rus.checkpoint.questions)), ctx.lang)
    if ctx.rus.judgement.questions:
        story.append(heading(ctx.local(ctx.rus.judgement.title), 2))
        story += data_table(columns, _question_rows(ctx, list(ctx.rus.judgement.questions)), ctx.lang)
    story.append(heading(ctx.t("tyrens_questions", model=ctx.local(ctx.tyrens.title)), 2))
    story += data_table(columns, _question_rows(ctx, ctx.tyrens.all_questions()), ctx.lang)
    return story


def _scales(ctx: ReportContext) -> list[Flowable]:
    story: list[Flowable] = [heading(ctx.t("scales"), 1), para(ctx.t("impact_scale"), styles().label)]
    story += data_table(
        [Column(ctx.t("col_value"), 0.15, "center"), Column(ctx.t("col_meaning"), 0.85)],
        [[signed(v), ctx.local(ctx.rus.scale[v])] for v in sorted(ctx.rus.scale, reverse=True)],
        ctx.lang,
    )
    story.append(para(ctx.t("certainty_scale"), styles().label))
    story += data_table(
        [Column(ctx.t("col_value"), 0.15), Column(ctx.t("col_meaning"), 0.85)],
        [[ctx.local(c.label), ctx.local(c.help)] for c in ctx.rus.certainty],
        ctx.lang,
    )
    story.append(para(ctx.t("interaction_scale"), styles().label))
    story += data_table(
        [Column(ctx.t("col_value"), 0.15, "center"), Column(ctx.t("col_meaning"), 0.85)],
        [[signed(v), ctx.t(f"interaction_{v + 3}")] for v in INTERACTION_SCALE],
        ctx.lang,
    )
    return story


def _model_sources(ctx: ReportContext, model: ModelHeader) -> list[str]:
    """Each source as what was used (title, locator) and the public work it is in."""
    works = bibliography()
    lines = []
    for source in model.sources:
        work = works.get(source.ref) if source.ref else None
        citation = work.citation() if work else ""
        lines.append(join([source.title, source.locator or "", source.url or "", citation], " — "))
    return lines


def _sources(ctx: ReportContext) -> list[Flowable]:
    story: list[Flowable] = [heading(ctx.t("knowledge_sources"), 1)]
    for model in (ctx.rus, ctx.tyrens):
        story.append(para(f"{ctx.local(model.title)} ({model.id} {model.version})", styles().label))
        story += bullets(_model_sources(ctx, model))
    knowledge = sources.knowledge_sources(ctx.lang)
    if knowledge:
        story.append(para(ctx.t("knowledge_base"), styles().label))
        story += bullets(knowledge)
    if ctx.assessment.sources:
        story.append(para(ctx.t("assessment_sources"), styles().label))
        story += bullets(ctx.assessment.sources)
    return story


def _version(ctx: ReportContext) -> list[Flowable]:
    a = ctx.assessment
    pairs: list[tuple[str, Cell]] = [
        (ctx.t("field_tool"), f"assessment {assessment_version()}"),
        (ctx.t("field_rus_model"), f"{ctx.rus.id} {ctx.rus.version}"),
        (ctx.t("field_tyrens_model"), f"{ctx.tyrens.id} {ctx.tyrens.version}"),
        (ctx.t("field_knowledge"), sources.data_version()),
        (ctx.t("field_schema"), str(a.schema_version)),
        (ctx.t("field_assessment_id"), a.id or ""),
    ]
    return [heading(ctx.t("data_version"), 1), *key_value_table(pairs, ctx.lang)]


def assessment_version() -> str:
    return assessment.__version__
