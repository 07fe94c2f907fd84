"""`build_pdf`: the whole assessment report, from an Assessment to PDF bytes."""

from __future__ import annotations

from reportlab.platypus import Flowable, PageBreak

from assessment.domain.assessment import Assessment
from assessment.i18n import normalise_lang
from assessment.report import sources
from assessment.report.context import ReportContext
from assessment.report.document import build_story_pdf
from assessment.report.sections import frame
from assessment.report.sections.appendix import appendix
from assessment.report.sections.conflicts import conflicts
from assessment.report.sections.cover import cover, decorate, document_info
from assessment.report.sections.graph import graph
from assessment.report.sections.steps import steps
from assessment.report.sections.summary import summary, summary_text
from assessment.report.stats import key_figures


def build_pdf(assessment: Assessment, lang: str | None = None, *, invariant: bool = False) -> bytes:
    """The PDF report of ``assessment`` in ``lang`` (default: the assessment's own language).

    ``invariant=True`` makes the output byte-identical across runs (fixed dates and ids).
    """
    language = normalise_lang(lang or assessment.language)
    ctx = ReportContext(assessment, language, invariant=invariant)
    figures = key_figures(ctx)
    story: list[Flowable] = []
    story += summary(ctx, figures)
    story.append(PageBreak())
    story += steps(ctx)
    story.append(PageBreak())
    story += conflicts(ctx)
    story.append(PageBreak())
    story += graph(ctx)
    story.append(PageBreak())
    story += frame.reporting(ctx)
    story.append(PageBreak())
    story += appendix(ctx)

    version = sources.data_version()
    footer_parts = [ctx.t("footer_models", rus=ctx.rus.version, tyrens=ctx.tyrens.version)]
    if version:
        footer_parts.append(ctx.t("footer_data", version=version))
    return build_story_pdf(
        assessment.title,
        story,
        language,
        invariant,
        **document_info(ctx, "report_kind"),
        footer=" · ".join(footer_parts),
        cover=cover(ctx, figures, summary_text(ctx, figures)),
        cover_decoration=decorate,
    )
