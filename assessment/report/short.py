"""The short decision report (*beslutsunderlag*): 2–4 pages for the people who decide.

In the spirit of Trafikverket's *samlad effektbedömning*: the perspectives side by side (RUS,
Agenda 2030 with the few key conflicts, actors and who gains or loses by group and geography,
measures and open issues), then the decision and the positions. Everything else — every answer,
the machine lists of the analysis, the model's questions — stays in the full report
(`build_pdf`), which this one points to. Long user texts are shortened here (marked "…"), never in
the full report.
"""

from __future__ import annotations

import re

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from assessment import formats
from assessment.domain.assessment import Assessment, Conflict
from assessment.errors import UserError
from assessment.i18n import normalise_lang
from assessment.knowledge.bibliography import bibliography
from assessment.report.charts import sdg_profile_drawing
from assessment.report.context import ReportContext
from assessment.report.document import build_story_pdf, heading
from assessment.report.figures import drawing_parts
from assessment.report.sections.actors import group_label
from assessment.report.sections.common import bullets, empty_note, impact_cell, join, note_box
from assessment.report.sections.cover import document_info, kind_label
from assessment.report.sections.summary import _tiles, verdict_label
from assessment.report.stats import KeyFigures, goal_bars, key_figures, missing_group_ids
from assessment.report.styles import styles
from assessment.report.tables import Cell, Column, Styled, data_table
from assessment.report.text import clip, markup, para

# How much of each list and text the short report keeps; the full report has the rest.
TOP_RUS = 6
TOP_CONFLICTS = 4
TOP_OPEN = 6
TOP_MEASURES = 8
TEXT = 320
CELL = 200


def build_short_pdf(assessment: Assessment, lang: str | None = None, *, invariant: bool = False) -> bytes:
    """The 2–4 page decision report of ``assessment`` in ``lang`` (default: its own language)."""
    language = normalise_lang(lang or assessment.language)
    ctx = ReportContext(assessment, language, invariant=invariant)
    figures = key_figures(ctx)
    story: list[Flowable] = [
        *_head(ctx),
        *_decision(ctx, figures),
        *_side_by_side(ctx, figures),
        *_rus(ctx),
        *_sdg(ctx),
        *_distribution(ctx),
        *_measures(ctx, figures),
    ]
    positions = _positions(ctx)
    # The closing lines travel with what precedes them, so no page holds only the sources.
    tail = [*story[-2:], *positions, *_basis(ctx)]
    story = [*story[:-2], KeepTogether(tail)]
    return build_story_pdf(
        assessment.title,
        story,
        language,
        invariant,
        **document_info(ctx, "short_kind"),
        header_right=ctx.t("short_kind"),
    )


def _head(ctx: ReportContext) -> list[Flowable]:
    st = styles()
    a = ctx.assessment
    eyebrow = st.label.clone("short_eyebrow", textColor=st.h3.textColor, fontSize=9, leading=12)
    facts = join(
        [
            kind_label(ctx),
            a.organisation,
            join(a.municipalities),
            formats.date(a.date, ctx.lang) if a.date else "",
        ],
        " · ",
    )
    story: list[Flowable] = [para(ctx.t("short_kind").upper(), eyebrow), heading(a.title, 0)]
    if facts:
        story.append(para(facts, st.muted))
    if a.participants:
        story.append(para(f"{ctx.t('field_participants')}: {clip(join(a.participants), 300)}", st.muted))
    if a.description.strip():
        story.append(para(clip(a.description.strip(), TEXT), st.body))
    return story


def _decision(ctx: ReportContext, f: KeyFigures) -> list[Flowable]:
    st = styles()
    a = ctx.assessment
    verdict = verdict_label(ctx) or ctx.t("short_no_verdict")
    inner: list[Flowable] = [
        Paragraph(f"<b>{markup(ctx.t('judgement'))}:</b> {markup(verdict)}", st.body),
    ]
    if a.judgement.text.strip():
        inner.append(para(clip(a.judgement.text.strip(), TEXT * 2), st.body))
    decision = ctx.rus.checkpoint.decisions
    chosen = next((d for d in decision if d.id == a.checkpoint.decision), None)
    if chosen is not None:
        inner.append(para(f"{ctx.t('checkpoint_decision')}: {ctx.local(chosen.label)}", st.muted))
    return [Spacer(1, 2 * mm), note_box(inner), Spacer(1, 3 * mm), _tiles(ctx, f), Spacer(1, 2 * mm)]


def _extremes(ctx: ReportContext, labelled: list[tuple[str, int]]) -> str:
    """ "Strongest positive: X (+2). Strongest negative: Y (−2)." from (label, impact) pairs."""
    parts = []
    positive = sorted((p for p in labelled if p[1] > 0), key=lambda p: -p[1])
    negative = sorted((p for p in labelled if p[1] < 0), key=lambda p: p[1])
    if positive:
        parts.append(ctx.t("short_most_positive", items=join(clip(n, 60) for n, _ in positive[:2])))
    if negative:
        parts.append(ctx.t("short_most_negative", items=join(clip(n, 60) for n, _ in negative[:2])))
    return " ".join(parts)


def _side_by_side(ctx: ReportContext, f: KeyFigures) -> list[Flowable]:
    a = ctx.assessment
    rus = [(ctx.rus_goal_title(r.goal), r.impact) for r in a.rus if r.impact is not None]
    sdg = [(ctx.ref_label(r.ref), r.impact) for r in a.sdg if r.impact is not None]
    present = sum(1 for actor in a.actors if actor.present)
    missing = len(missing_group_ids(a)) + sum(1 for actor in a.actors if not actor.present)
    tally = f.tally
    rows: list[list[Cell | Styled]] = [
        [
            Styled(ctx.t("short_p_rus"), bold=True),
            ctx.t("sum_rus", rated=f.rus_rated, positive=f.rus_positive, negative=f.rus_negative),
            _extremes(ctx, [(n, v) for n, v in rus if v is not None]) or ctx.t("short_none"),
        ],
        [
            Styled(ctx.t("short_p_sdg"), bold=True),
            ctx.t(
                "short_sdg_figures",
                goals=f.goals_touched,
                positive=f.sdg_positive,
                negative=f.sdg_negative,
            ),
            _extremes(ctx, [(n, v) for n, v in sdg if v is not None]) or ctx.t("short_none"),
        ],
        [
            Styled(ctx.t("short_p_conflicts"), bold=True),
            tally.conflicts_text(ctx.lang),
            ctx.t("short_undecided", count=tally.undecided) if tally.undecided else ctx.t("short_none"),
        ],
        [
            Styled(ctx.t("short_p_actors"), bold=True),
            ctx.t("short_actor_figures", count=len(a.actors), present=present),
            ctx.t("short_missing_count", count=missing) if missing else ctx.t("short_none"),
        ],
        [
            Styled(ctx.t("short_p_measures"), bold=True),
            ctx.t("sum_measures", count=f.measures)
            + (" " + ctx.t("short_coverage", issues=tally.issues_text(ctx.lang)) if tally.issues else ""),
            ctx.t("short_open_count", open=tally.open_text(ctx.lang)) if tally.open else ctx.t("short_none"),
        ],
    ]
    return [
        heading(ctx.t("short_side_by_side"), 1),
        *data_table(
            [
                Column(ctx.t("short_col_perspective"), 0.2),
                Column(ctx.t("short_col_result"), 0.4),
                Column(ctx.t("short_col_attention"), 0.4),
            ],
            rows,
            ctx.lang,
        ),
    ]


def _rus(ctx: ReportContext) -> list[Flowable]:
    rated = sorted((r for r in ctx.assessment.rus if r.impact is not None), key=lambda r: r.impact or 0)
    story: list[Flowable] = [heading(ctx.t("short_rus"), 1)]
    if not rated:
        return [*story, empty_note(ctx.t("no_rus_ratings"))]
    # Negative first: what needs handling leads; then the strongest positive.
    shown = rated[:TOP_RUS]
    rows: list[list[Cell | Styled]] = [
        [ctx.rus_goal_title(r.goal), impact_cell(ctx, r.impact), clip(r.comment, CELL)] for r in shown
    ]
    story += data_table(
        [
            Column(ctx.t("col_rus_goal"), 0.38),
            Column(ctx.t("col_impact"), 0.2),
            Column(ctx.t("col_comment_short"), 0.42),
        ],
        rows,
        ctx.lang,
    )
    story += _more(ctx, len(rated) - len(shown))
    return story


def _conflict_row(ctx: ReportContext, c: Conflict) -> list[Cell | Styled]:
    between = ctx.t("versus").join(ctx.short_ref(ref, 40) for ref in c.between[:3])
    handled = c.decision.strip() or c.position.strip()
    status: Cell | Styled = clip(handled, CELL) if handled else Styled(ctx.t("short_no_decision"), bold=True)
    return [between or c.id, clip(c.description, CELL), status]


def _sdg(ctx: ReportContext) -> list[Flowable]:
    story: list[Flowable] = [heading(ctx.t("short_sdg"), 1)]
    # Only the rated goals: a short report has no room for 17 rows of which most are empty.
    bars = [b for b in goal_bars(ctx) if b.rated]
    if bars:
        drawing = sdg_profile_drawing(
            bars,
            direct_label=ctx.t("direct"),
            indirect_label=ctx.t("indirect"),
            negative_label=ctx.t("negative_impact"),
            positive_label=ctx.t("positive_impact"),
        )
        story += drawing_parts(drawing, ctx.t("short_profile_caption"))
    else:
        story.append(empty_note(ctx.t("no_sdg_ratings")))
    conflicts = ctx.assessment.conflicts
    story.append(heading(ctx.t("short_key_conflicts"), 2))
    if conflicts:
        # Undecided conflicts first: they are what the decision still has to settle.
        ordered = sorted(conflicts, key=lambda c: c.handled)
        shown = ordered[:TOP_CONFLICTS]
        story += data_table(
            [
                Column(ctx.t("field_between"), 0.34),
                Column(ctx.t("field_description"), 0.33),
                Column(ctx.t("short_col_decision"), 0.33),
            ],
            [_conflict_row(ctx, c) for c in shown],
            ctx.lang,
        )
        story += _more(ctx, len(conflicts) - len(shown))
    else:
        story.append(empty_note(ctx.t("no_conflicts")))
    return story


def _distribution(ctx: ReportContext) -> list[Flowable]:
    """Who gains and who loses: by individual/group, geography and society, and the actors."""
    st = styles()
    a = ctx.assessment
    story: list[Flowable] = [heading(ctx.t("short_distribution"), 1)]
    rows: list[list[Cell | Styled]] = []
    for perspective in ctx.rus.perspectives:
        text = str(getattr(a.perspectives, perspective.id, "")).strip()
        if text:
            rows.append([Styled(ctx.local(perspective.title), bold=True), clip(text, TEXT)])
    spec = ctx.rus.checklists.get("intersectional")
    answers = a.checklists.get("intersectional", {})
    groups = []
    for item_id, answer in answers.items():
        if not answer.checked:
            continue
        item = spec.item(item_id) if spec else None
        label = ctx.local(item.label).split(" (")[0] if item else item_id
        groups.append(f"{label}: {clip(answer.comment, 120)}" if answer.comment.strip() else label)
    if groups:
        rows.append([Styled(ctx.t("short_groups"), bold=True), "\n".join(groups)])
    if rows:
        story += data_table(
            [Column(ctx.t("short_col_perspective"), 0.2), Column(ctx.t("short_col_effects"), 0.8)],
            rows,
            ctx.lang,
        )
    else:
        story.append(empty_note(ctx.t("short_no_distribution")))
    present = [actor.name for actor in a.actors if actor.present]
    absent = [actor.name for actor in a.actors if not actor.present]
    if present:
        story.append(para(f"{ctx.t('short_present')}: {clip(join(present), 400)}", st.body))
    missing_spec = ctx.rus.checklists.get("missing_actors")
    missing = [
        ctx.local(item.label).split(" (")[0]
        if (item := missing_spec.item(i) if missing_spec else None)
        else i
        for i in missing_group_ids(a)
    ]
    missing += absent
    if missing:
        story.append(
            Paragraph(
                f"<b>{markup(ctx.t('short_missing'))}:</b> {markup(clip(join(missing), 400))}",
                st.body,
            )
        )
    if not a.actors and not missing:
        story.append(empty_note(ctx.t("no_actors")))
    # The actor groups recorded per actor (e.g. Sami villages) show whose interests are in the room.
    tagged = sorted({group_label(ctx, g) for actor in a.actors for g in actor.groups})
    if tagged:
        story.append(para(f"{ctx.t('short_groups_present')}: {clip(join(tagged), 300)}", st.muted))
    return story


def _measures(ctx: ReportContext, f: KeyFigures) -> list[Flowable]:
    a = ctx.assessment
    story: list[Flowable] = [heading(ctx.t("short_measures"), 1)]
    shown = a.measures[:TOP_MEASURES]
    rows: list[list[Cell | Styled]] = [
        [
            clip(m.text, CELL) or ctx.t("short_empty_measure"),
            m.owner,
            formats.short_date(m.due, ctx.lang),
            ctx.t(f"status_{m.status}"),
        ]
        for m in shown
    ]
    table = data_table(
        [
            Column(ctx.t("col_measure"), 0.52),
            Column(ctx.t("col_owner"), 0.2),
            Column(ctx.t("col_due"), 0.14),
            Column(ctx.t("col_status"), 0.14),
        ],
        rows,
        ctx.lang,
    )
    story += table or [empty_note(ctx.t("no_measures"))]
    story += _more(ctx, len(a.measures) - len(shown))
    findings = ctx.findings
    open_items = [item.title for item in findings.unaddressed] if findings is not None else []
    if open_items:
        story.append(heading(ctx.t("short_open"), 2))
        story += bullets(clip(title, 140) for title in open_items[:TOP_OPEN])
        story += _more(ctx, len(open_items) - TOP_OPEN)
    return story


def _positions(ctx: ReportContext) -> list[Flowable]:
    a = ctx.assessment
    texts = [p.text.strip() for p in a.positions if p.text.strip()]
    texts += [c.position.strip() for c in a.conflicts if c.position.strip()]
    if not texts:
        return []
    shown = [clip(text, TEXT) for text in texts[:8]]
    return [heading(ctx.t("positions"), 1), *bullets(shown), *_more(ctx, len(texts) - len(shown))]


def _basis(ctx: ReportContext) -> list[Flowable]:
    st = styles()
    text = ctx.t("short_basis", rus=ctx.rus.version, tyrens=ctx.tyrens.version)
    story: list[Flowable] = [Spacer(1, 3 * mm), para(text, st.caption)]
    if ctx.assessment.sources:
        cited = join((public_citation(s) for s in ctx.assessment.sources), "; ")
        story.append(para(f"{ctx.t('assessment_sources')}: {clip(cited, 500)}", st.caption))
    return story


_KEY = re.compile(r"\s*\[([a-z][a-z0-9_]*)\]")


def public_citation(source: str) -> str:
    """A source line with its bibliography key (``[rjh_rus_2050]``) as "(publisher year)", so
    a reader sees the public work, not an internal key. Unknown keys stay as written."""
    try:
        works = bibliography()
    except UserError:
        return source

    def cite(match: re.Match[str]) -> str:
        work = works.get(match.group(1))
        return f" ({work.publisher} {work.year})" if work else match.group(0)

    return _KEY.sub(cite, source).strip()


def _more(ctx: ReportContext, count: int) -> list[Flowable]:
    return [para(ctx.t("short_more", count=count), styles().muted)] if count > 0 else []
