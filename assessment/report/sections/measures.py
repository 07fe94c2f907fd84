"""Step 4: the measures table (what, addresses what, owner, due date, indicator, status)."""

from __future__ import annotations

from reportlab.platypus import Flowable

from assessment import formats
from assessment.i18n import t
from assessment.report.context import ReportContext
from assessment.report.document import heading
from assessment.report.sections.common import empty_note, join
from assessment.report.stats import addressed_refs, negative_refs
from assessment.report.tables import Cell, Column, data_table


def measures(ctx: ReportContext) -> list[Flowable]:
    a = ctx.assessment
    story: list[Flowable] = [heading(ctx.t("measures"), 1)]
    rows: list[list[Cell]] = [
        [
            m.id,
            m.text,
            join((ctx.short_ref(r, 48) for r in m.addresses), "; "),
            m.owner,
            formats.short_date(m.due, ctx.lang),
            m.indicator + (f" ({t('frame.ui_by_sex', ctx.lang).lower()})" if m.indicator_by_sex else ""),
            ctx.t(f"status_{m.status}"),
        ]
        for m in a.measures
    ]
    table = data_table(
        [
            Column(ctx.t("col_id"), 0.05),
            Column(ctx.t("col_measure"), 0.25),
            Column(ctx.t("col_addresses"), 0.16),
            Column(ctx.t("col_owner"), 0.14),
            Column(ctx.t("col_due"), 0.125),
            Column(ctx.t("col_indicator"), 0.155),
            Column(ctx.t("col_status"), 0.12),
        ],
        rows,
        ctx.lang,
    )
    story += table or [empty_note(ctx.t("no_measures"))]
    addressed = addressed_refs(a)
    open_refs = [ref for ref in negative_refs(a) if ref not in addressed]
    if open_refs:
        story.append(heading(ctx.t("not_covered"), 1))
        story += data_table(
            [Column(ctx.t("col_item"), 1.0)], [[ctx.ref_label(r)] for r in open_refs], ctx.lang
        )
    return story
