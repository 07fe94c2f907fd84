"""The legal and policy frame in the PDF: the DNSH screening with reasons, contradictions across
frameworks (with drafted reasons), and the Sami consultation record (lag 2022:66)."""

from __future__ import annotations

from reportlab.platypus import Flowable

from assessment import formats
from assessment.domain.frame import consistency_checks, consultation_notes, dnsh_framework
from assessment.domain.refs import signed
from assessment.i18n import t
from assessment.report.context import ReportContext
from assessment.report.document import heading
from assessment.report.sections.common import bullets, empty_note
from assessment.report.styles import styles
from assessment.report.tables import Cell, Column, data_table
from assessment.report.text import para


def _ft(ctx: ReportContext, key: str, **params: object) -> str:
    return t(f"frame.{key}", ctx.lang, **params)


def dnsh(ctx: ReportContext) -> list[Flowable]:
    """Every objective with its answer and reason; unanswered objectives are shown as such."""
    framework = dnsh_framework()
    answers = ctx.assessment.dnsh
    story: list[Flowable] = [heading(ctx.local(framework.title), 1)]
    if not answers:
        # Contradictions between other frameworks are listed whether or not DNSH was answered.
        return [*story, empty_note(ctx.t("no_answer")), *contradictions(ctx)]
    rows: list[list[Cell]] = []
    for objective_id, objective in framework.goals.items():
        item = answers.get(objective_id)
        answer = _ft(ctx, f"dnsh_answer_{item.answer}") if item and item.answer else ctx.t("no_answer")
        rows.append([ctx.local(objective.title), answer, item.reason if item else ""])
    story += data_table(
        [
            Column(ctx.t("col_goal"), 0.34),
            Column(ctx.t("col_answer"), 0.2),
            Column(_ft(ctx, "ui_reason"), 0.46),
        ],
        rows,
        ctx.lang,
    )
    return story + contradictions(ctx)


def contradictions(ctx: ReportContext) -> list[Flowable]:
    found = consistency_checks(ctx.assessment)
    if not found:
        return []
    lines = []
    for item in found:
        draft = t(item.draft.key, ctx.lang, **item.draft.params)
        lines.append(f"{t(item.message.key, ctx.lang, **item.message.params)} — {draft}")
    return [heading(_ft(ctx, "consistency_title"), 1), *bullets(lines)]


def consultation(ctx: ReportContext) -> list[Flowable]:
    """Whether the matter may be of particular significance for the Sami, and who was consulted."""
    record = ctx.assessment.sami_consultation
    story: list[Flowable] = [heading(_ft(ctx, "ui_consultation_title"), 1)]
    story += bullets(t(n.key, ctx.lang, **n.params) for n in consultation_notes(ctx.assessment))
    if record.reason.strip():
        story.append(para(record.reason, styles().body))
    rows: list[list[Cell]] = [
        [
            _ft(ctx, f"party_{c.party}"),
            c.name,
            formats.short_date(c.date, ctx.lang),
            c.outcome + (f" ({_ft(ctx, 'ui_informed_only')})" if c.informed_only else ""),
        ]
        for c in record.consultations
    ]
    if rows:
        story += data_table(
            [
                Column(_ft(ctx, "ui_party"), 0.2),
                Column(_ft(ctx, "ui_party_name"), 0.22),
                Column(_ft(ctx, "ui_date"), 0.14),
                Column(_ft(ctx, "ui_outcome"), 0.44),
            ],
            rows,
            ctx.lang,
        )
    return story


# The intersectional checklist items the report's "integration och mångfald" heading is about.
_DIVERSITY_ITEMS = ("foreign_born", "young", "older", "disability", "socioeconomic", "lgbtq", "sami")
# SDG goals and frameworks that belong under the climate and environment action plan.
_CLIMATE_GOALS = (6, 7, 12, 13, 14, 15)
_CLIMATE_FRAMEWORKS = ("miljokvalitetsmal", "regional_klimat")


def reporting(ctx: ReportContext) -> list[Flowable]:
    """The assessment read against the structure of the region's Återrapportering 4."""
    a = ctx.assessment
    none = _ft(ctx, "reporting_none")

    def listed(items: list[str]) -> str:
        return "; ".join(items) if items else none

    def checked(checklist_id: str, only: tuple[str, ...] | None = None) -> list[str]:
        spec = ctx.rus.checklists.get(checklist_id)
        answers = a.checklists.get(checklist_id, {})
        if spec is None:
            return []
        return [
            ctx.local(item.label)
            for item in spec.items
            if (only is None or item.id in only) and (ans := answers.get(item.id)) is not None and ans.checked
        ]

    by_sex = [m.id for m in a.measures if m.indicator_by_sex]
    climate = [
        f"{ctx.short_ref(r.ref, 40)} {signed(r.impact)}"
        for r in a.sdg
        if r.impact is not None and r.goal_number in _CLIMATE_GOALS
    ]
    climate += [
        f"{ctx.ref_label(o.ref)} {signed(o.impact)}"
        for o in a.other_goals
        if o.impact is not None and o.framework in _CLIMATE_FRAMEWORKS
    ]
    dnsh_total = len(dnsh_framework().goals)
    dnsh_done = sum(1 for item in a.dnsh.values() if item.answer is not None)
    rows: list[list[Cell]] = [
        [
            _ft(ctx, "reporting_gender"),
            "\n".join(
                [
                    _ft(ctx, "reporting_four_r", items=listed(checked("four_r"))),
                    _ft(ctx, "reporting_by_sex", items=listed(by_sex)),
                ]
            ),
        ],
        [
            _ft(ctx, "reporting_integration"),
            _ft(ctx, "reporting_groups", items=listed(checked("intersectional", _DIVERSITY_ITEMS))),
        ],
        [
            _ft(ctx, "reporting_climate"),
            "\n".join(
                [
                    _ft(ctx, "reporting_climate_ratings", items=listed(climate)),
                    _ft(ctx, "reporting_dnsh", done=dnsh_done, total=dnsh_total),
                ]
            ),
        ],
    ]
    return [
        heading(_ft(ctx, "reporting_title"), 0),
        para(_ft(ctx, "reporting_help"), styles().muted),
        *data_table(
            [Column(_ft(ctx, "reporting_col_heading"), 0.3), Column(_ft(ctx, "reporting_col_content"), 0.7)],
            rows,
            ctx.lang,
        ),
    ]
