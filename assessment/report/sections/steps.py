"""One section per RUS-säkring step with every answer, rating, comment and position."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Spacer

from assessment.domain.refs import other_goal_titles
from assessment.formats import signed
from assessment.process_models import Step
from assessment.report.context import ReportContext
from assessment.report.document import heading
from assessment.report.sections import actors, frame, measures
from assessment.report.sections.common import empty_note, impact_cell, join, labelled
from assessment.report.styles import styles
from assessment.report.tables import Cell, Column, data_table
from assessment.report.text import para


def steps(ctx: ReportContext) -> list[Flowable]:
    story: list[Flowable] = []
    for step in sorted(ctx.rus.steps, key=lambda s: s.number):
        story += _step(ctx, step)
    story += _orphans(ctx)
    return story


def _step(ctx: ReportContext, step: Step) -> list[Flowable]:
    st = styles()
    story: list[Flowable] = [
        # A step starts on a new page unless there is a good third of the page left.
        CondPageBreak(90 * mm),
        heading(ctx.t("step_heading", number=step.number, title=ctx.local(step.title)), 0),
        para(ctx.local(step.purpose), st.muted),
        heading(ctx.t("questions_answers"), 1),
    ]
    for question in step.questions:
        story += labelled(
            ctx.local(question.text),
            ctx.assessment.answers.get(question.id, ""),
            ctx.t("no_answer"),
        )
    if step.id == "rus":
        cp = ctx.assessment.checkpoint
        # The checkpoint is Kronoberg's and optional in the region's model: left out when unused.
        unused = not (cp.answers or cp.decision or cp.reasons.strip())
        story += _rus_ratings(ctx) + ([] if ctx.rus.checkpoint.optional and unused else _checkpoint(ctx))
    elif step.id == "sustainability":
        story += _sdg_ratings(ctx) + _other_goals(ctx) + frame.dnsh(ctx) + _perspectives(ctx)
        story += _checklist(ctx, "intersectional") + _checklist(ctx, "sami_areas")
        story += _interactions(ctx)
    elif step.id == "actors":
        story += actors.actors(ctx) + frame.consultation(ctx) + _checklist(ctx, "four_r")
    elif step.id == "measures":
        story += measures.measures(ctx)
    story += _positions(ctx, step.id, ctx.t("positions"))
    story.append(Spacer(1, 6 * mm))
    return story


def _rus_ratings(ctx: ReportContext) -> list[Flowable]:
    story: list[Flowable] = [heading(ctx.t("rus_ratings"), 1)]
    rows: list[list[Cell]] = [
        [ctx.rus_goal_title(r.goal), impact_cell(ctx, r.impact), r.comment] for r in ctx.assessment.rus
    ]
    table = data_table(
        [
            Column(ctx.t("col_rus_goal"), 0.34),
            Column(ctx.t("col_impact"), 0.18),
            Column(ctx.t("col_comment"), 0.48),
        ],
        rows,
        ctx.lang,
    )
    return story + (table or [empty_note(ctx.t("no_rus_ratings"))])


def _checkpoint(ctx: ReportContext) -> list[Flowable]:
    spec = ctx.rus.checkpoint
    cp = ctx.assessment.checkpoint
    story: list[Flowable] = [heading(ctx.local(spec.title), 1), para(ctx.local(spec.help), styles().muted)]
    rows: list[list[Cell]] = []
    for question in spec.questions:
        answer = cp.answers.get(question.id)
        word = ctx.t(f"answer_{answer.answer}") if answer and answer.answer else ctx.t("no_answer")
        rows.append([ctx.local(question.text), word, answer.comment if answer else ""])
    known = {q.id for q in spec.questions}
    for key, answer in cp.answers.items():
        if key not in known:
            word = ctx.t(f"answer_{answer.answer}") if answer.answer else ctx.t("no_answer")
            rows.append([key, word, answer.comment])
    story += data_table(
        [
            Column(ctx.t("col_question"), 0.42),
            Column(ctx.t("col_answer"), 0.14),
            Column(ctx.t("col_comment"), 0.44),
        ],
        rows,
        ctx.lang,
    )
    decision = next((d for d in spec.decisions if d.id == cp.decision), None)
    label = ctx.local(decision.label) if decision else (cp.decision or ctx.t("not_decided"))
    story += labelled(ctx.t("checkpoint_decision"), label, ctx.t("not_decided"))
    if cp.reasons.strip():
        story += labelled(ctx.t("checkpoint_reasons"), cp.reasons, "")
    return story


def _sdg_ratings(ctx: ReportContext) -> list[Flowable]:
    story: list[Flowable] = [heading(ctx.t("sdg_ratings"), 1)]
    ratings = sorted(ctx.assessment.sdg, key=lambda r: (r.goal_number, r.target is not None, r.target or ""))
    rows: list[list[Cell]] = [
        [
            ctx.ref_label(r.ref),
            impact_cell(ctx, r.impact),
            ctx.t("direct") if r.direct else ctx.t("indirect"),
            ctx.t(f"certainty_{r.certainty.value}"),
            r.comment,
        ]
        for r in ratings
    ]
    table = data_table(
        [
            Column(ctx.t("col_goal_target"), 0.29),
            Column(ctx.t("col_impact"), 0.15),
            Column(ctx.t("col_direct"), 0.1),
            Column(ctx.t("col_certainty"), 0.11),
            Column(ctx.t("col_comment"), 0.35),
        ],
        rows,
        ctx.lang,
    )
    return story + (table or [empty_note(ctx.t("no_sdg_ratings"))])


def _other_goals(ctx: ReportContext) -> list[Flowable]:
    if not ctx.assessment.other_goals:
        return []
    rows: list[list[Cell]] = [
        [*other_goal_titles(r.framework, r.goal, ctx.lang), impact_cell(ctx, r.impact), r.comment]
        for r in ctx.assessment.other_goals
    ]
    return [
        heading(ctx.t("other_goals"), 1),
        *data_table(
            [
                Column(ctx.t("col_framework"), 0.2),
                Column(ctx.t("col_goal"), 0.26),
                Column(ctx.t("col_impact"), 0.16),
                Column(ctx.t("col_comment"), 0.38),
            ],
            rows,
            ctx.lang,
        ),
    ]


def _perspectives(ctx: ReportContext) -> list[Flowable]:
    values = ctx.assessment.perspectives
    story: list[Flowable] = [heading(ctx.t("perspectives"), 1)]
    for perspective in ctx.rus.perspectives:
        text = str(getattr(values, perspective.id, ""))
        label = f"{ctx.local(perspective.title)}: {ctx.local(perspective.question)}"
        story += labelled(label, text, ctx.t("no_answer"))
    return story


def _checklist(ctx: ReportContext, checklist_id: str) -> list[Flowable]:
    spec = ctx.rus.checklists.get(checklist_id)
    answers = ctx.assessment.checklists.get(checklist_id, {})
    if spec is None:
        return []
    rows: list[list[Cell]] = []
    for item in spec.items:
        answer = answers.get(item.id)
        rows.append(
            [
                ctx.local(item.label),
                "✓" if answer and answer.checked else "–",
                answer.comment if answer else "",
            ]
        )
    for key, answer in answers.items():
        if spec.item(key) is None:
            rows.append([key, "✓" if answer.checked else "–", answer.comment])
    return [
        heading(ctx.local(spec.title), 1),
        *data_table(
            [
                Column(ctx.t("col_item"), 0.42),
                Column(ctx.t("col_considered"), 0.12, "center"),
                Column(ctx.t("col_comment"), 0.46),
            ],
            rows,
            ctx.lang,
        ),
    ]


def _interactions(ctx: ReportContext) -> list[Flowable]:
    if not ctx.assessment.interactions:
        return []
    rows: list[list[Cell]] = [
        [ctx.ref_label(i.source), ctx.ref_label(i.to), signed(i.score), i.note]
        for i in ctx.assessment.interactions
    ]
    return [
        heading(ctx.t("interactions"), 1),
        *data_table(
            [
                Column(ctx.t("col_from"), 0.27),
                Column(ctx.t("col_to"), 0.27),
                Column(ctx.t("col_score"), 0.08, "center"),
                Column(ctx.t("col_note"), 0.38),
            ],
            rows,
            ctx.lang,
        ),
    ]


def _positions(ctx: ReportContext, step_id: str | None, title: str) -> list[Flowable]:
    step_ids = {s.id for s in ctx.rus.steps}
    positions = [
        p
        for p in ctx.assessment.positions
        if (p.step == step_id if step_id is not None else p.step not in step_ids)
    ]
    if not positions:
        return []
    rows: list[list[Cell]] = [[p.id, p.text, join(ctx.short_ref(r) for r in p.refs)] for p in positions]
    columns = [
        Column(ctx.t("col_id"), 0.14),
        Column(ctx.t("col_position"), 0.56),
        Column(ctx.t("col_refs"), 0.30),
    ]
    if step_id is None:
        rows = [
            [row[0], f"{_where(ctx, p.step)}: {p.text}", row[2]]
            for row, p in zip(rows, positions, strict=True)
        ]
    return [heading(title, 1), *data_table(columns, rows, ctx.lang)]


def _where(ctx: ReportContext, step_id: str) -> str:
    """The title of a non-step place a position can be recorded at (checkpoint, judgement,
    a stage of Tyréns' model), else the id as written."""
    if step_id == "checkpoint":
        return ctx.local(ctx.rus.checkpoint.title)
    if step_id == "judgement":
        return ctx.local(ctx.rus.judgement.title)
    stage = ctx.tyrens.stage(step_id)
    return ctx.local(stage.title) if stage else step_id


def _orphans(ctx: ReportContext) -> list[Flowable]:
    """Answers and positions the model does not know (e.g. from an older model): never dropped."""
    known = {q.id for q in ctx.rus.all_questions()} | {q.id for q in ctx.tyrens.all_questions()}
    extra = {k: v for k, v in ctx.assessment.answers.items() if k not in known}
    story: list[Flowable] = []
    if extra:
        story.append(heading(ctx.t("other_answers"), 1))
        for key, value in extra.items():
            story += labelled(key, value, ctx.t("no_answer"))
    story += _positions(ctx, None, ctx.t("other_positions"))
    if story:
        story.insert(0, heading(ctx.t("other_records"), 0))
    return story
