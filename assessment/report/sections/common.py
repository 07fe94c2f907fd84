"""Small building blocks shared by the report sections."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from reportlab.lib import colors
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from assessment.report.context import ReportContext
from assessment.report.styles import CONTENT_WIDTH, NEGATIVE, POSITIVE, RULE, TABLE_BASE, TINT, styles
from assessment.report.tables import Styled
from assessment.report.text import markup, para, paras


def impact_cell(ctx: ReportContext, value: int | None) -> Styled:
    """The rating with its scale word, coloured green/red so the sign reads at a glance."""
    text = ctx.scale_word(value)
    if value is None or value == 0:
        return Styled(text)
    return Styled(text, bold=True, colour=POSITIVE if value > 0 else NEGATIVE)


def labelled(label: str, text: str, empty: str) -> list[Flowable]:
    """A question or field label followed by the (possibly very long) user text."""
    st = styles()
    body = paras(text, st.body) if text.strip() else [para(empty, st.muted)]
    return [para(label, st.label), *body, Spacer(1, 3)]


def bullets(items: Iterable[str]) -> list[Flowable]:
    st = styles()
    return [Paragraph(markup(item), st.bullet, bulletText="•") for item in items]


def note_box(flowables: Sequence[Flowable], *, background: colors.Color = TINT) -> Table:
    """A tinted box around some paragraphs (summary, hints)."""
    table = Table([[list(flowables)]], colWidths=[CONTENT_WIDTH])
    table.setStyle(
        TableStyle(
            [
                *TABLE_BASE,
                ("BACKGROUND", (0, 0), (-1, -1), background),
                ("BOX", (0, 0), (-1, -1), 0.5, RULE),
                ("LEFTPADDING", (0, 0), (-1, -1), 10),
                ("RIGHTPADDING", (0, 0), (-1, -1), 10),
                ("TOPPADDING", (0, 0), (-1, -1), 8),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )
    return table


def empty_note(text: str) -> Paragraph:
    return para(text, styles().muted)


def join(values: Iterable[str], sep: str = ", ") -> str:
    return sep.join(v for v in values if v)
