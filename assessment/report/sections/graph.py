"""The SDG interaction graph as an image, with its findings and their sources."""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether, Paragraph

from assessment.report.context import ReportContext
from assessment.report.document import heading
from assessment.report.figures import png_figure
from assessment.report.sections.common import empty_note
from assessment.report.sources import Finding
from assessment.report.styles import styles
from assessment.report.text import markup


def graph(ctx: ReportContext) -> list[Flowable]:
    story: list[Flowable] = [heading(ctx.t("graph"), 0)]
    png = ctx.graph_png
    if png:
        story.append(png_figure(png, ctx.t("graph_caption"), max_height=360))
    else:
        story.append(empty_note(ctx.t("graph_unavailable")))
    findings = ctx.findings
    if findings is None:
        story.append(empty_note(ctx.t("findings_unavailable")))
        return story
    groups = (
        ("findings_direct", findings.direct),
        ("findings_latent", findings.latent),
        ("findings_second_order", findings.second_order),
        ("findings_synergies", findings.synergies),
        ("findings_unaddressed", findings.unaddressed),
    )
    for key, items in groups:
        story.append(heading(ctx.t(key), 1))
        if not items:
            story.append(empty_note(ctx.t("findings_none")))
        for item in items:
            story += _finding(ctx, item)
    return story


def _finding(ctx: ReportContext, item: Finding) -> list[Flowable]:
    st = styles()
    parts: list[Flowable] = [
        Paragraph(f"<b>{markup(item.title)}</b>", st.bullet, bulletText="•"),
    ]
    if item.explanation:
        parts.append(Paragraph(markup(item.explanation), st.bullet))
    if item.source:
        parts.append(
            Paragraph(f"<i>{markup(ctx.t('source'))}: {markup(item.source)}</i>",
                      st.bullet.clone("finding_source", fontSize=8, leading=10.5))
        )
    # Keep a finding on one page unless it is too long to fit one.
    return [KeepTogether(parts)] if len(item.explanation) < 2000 else parts
