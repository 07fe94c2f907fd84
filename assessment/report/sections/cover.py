"""Cover page: title, kind, organisation, places, date, people, models and a summary paragraph."""

from __future__ import annotations

import datetime as dt
from typing import TypedDict

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Spacer

from assessment import formats
from assessment.report.context import ReportContext
from assessment.report.fonts import FONT
from assessment.report.sections.common import join, note_box
from assessment.report.sources import UN_COLOURS
from assessment.report.stats import KeyFigures
from assessment.report.styles import ACCENT, MARGIN_X, MUTED, PAGE_SIZE, styles
from assessment.report.tables import key_value_table
from assessment.report.text import para


def decorate(canvas: Canvas, doc: BaseDocTemplate) -> None:
    """A band of the 17 SDG colours across the top of the cover."""
    width, height = PAGE_SIZE
    segment = width / len(UN_COLOURS)
    canvas.saveState()
    for index, colour in enumerate(UN_COLOURS):
        canvas.setFillColor(colors.HexColor(colour))
        canvas.rect(index * segment, height - 9 * mm, segment + 0.5, 9 * mm, stroke=0, fill=1)
    canvas.setFont(FONT, 7.5)
    canvas.setFillColor(MUTED)
    footer = getattr(doc, "footer", "")
    if footer:
        canvas.drawString(MARGIN_X, 12 * mm, footer)
    canvas.restoreState()


def kind_label(ctx: ReportContext) -> str:
    choice = ctx.rus.kind(ctx.assessment.kind.value)
    return ctx.local(choice.label) if choice else ctx.assessment.kind.value


class DocumentInfo(TypedDict):
    author: str
    subject: str
    keywords: list[str]


def document_info(ctx: ReportContext, kind_key: str) -> DocumentInfo:
    """The PDF's author, subject and keywords, the same for the full report and the brief."""
    a = ctx.assessment
    return DocumentInfo(
        author=a.organisation or ", ".join(a.participants[:5]),
        subject=f"{ctx.t(kind_key)}: {kind_label(ctx)}",
        keywords=[*a.tags, *a.municipalities],
    )


def cover(ctx: ReportContext, figures: KeyFigures, summary: str) -> list[Flowable]:
    st = styles()
    a = ctx.assessment
    eyebrow = st.label.clone("eyebrow", textColor=ACCENT, fontSize=9, leading=12)
    story: list[Flowable] = [
        Spacer(1, 18 * mm),
        para(ctx.t("report_kind").upper(), eyebrow),
        Spacer(1, 3 * mm),
        para(a.title, st.title),
        para(join([kind_label(ctx), a.organisation], " · "), st.subtitle),
    ]
    models = [
        f"{ctx.local(ctx.rus.title)} {ctx.rus.version}",
        f"{ctx.local(ctx.tyrens.title)} {ctx.tyrens.version}",
    ]
    story += key_value_table(
        [
            (ctx.t("field_kind"), kind_label(ctx)),
            (ctx.t("field_organisation"), a.organisation),
            (ctx.t("field_municipalities"), join(a.municipalities)),
            (ctx.t("field_date"), formats.date(a.date, ctx.lang) if a.date else ""),
            (ctx.t("field_participants"), join(a.participants)),
            (ctx.t("field_tags"), join(a.tags)),
            (ctx.t("field_models"), "; ".join(models)),
            # The creation date would make runs differ, so invariant reports leave it out.
            (ctx.t("field_created"), "" if ctx.invariant else formats.date(dt.date.today(), ctx.lang)),
        ],
        ctx.lang,
    )
    story.append(Spacer(1, 8 * mm))
    # The summary is generated (short); the free-text description goes to the summary page,
    # where it may run over pages.
    story.append(note_box([para(ctx.t("main_findings"), st.h3), para(summary, st.body)]))
    return story
