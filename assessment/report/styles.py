"""The report's look: colours, paragraph styles and page geometry, shared by every PDF."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from assessment.report.fonts import FONT, FONT_BOLD, FONT_ITALIC, register_fonts

PAGE_SIZE = A4
MARGIN_X = 20 * mm
MARGIN_TOP = 24 * mm
MARGIN_BOTTOM = 20 * mm
CONTENT_WIDTH = PAGE_SIZE[0] - 2 * MARGIN_X

# A calm palette that prints well in grey scale; SDG goal colours are used only for goal data.
PRIMARY = colors.HexColor("#1B3A4B")
ACCENT = colors.HexColor("#2E7D6B")
NEGATIVE = colors.HexColor("#B3261E")
POSITIVE = colors.HexColor("#2E7D32")
MUTED = colors.HexColor("#5F6B73")
RULE = colors.HexColor("#C9CED3")
ZEBRA = colors.HexColor("#F3F5F6")
TINT = colors.HexColor("#E8EEF1")
WHITE = colors.white


# Every table starts with the embedded font: reportlab's table default (Helvetica) would otherwise
# be listed in the PDF, and would box any plain-string cell with Sami letters.
TABLE_BASE: list[tuple[object, ...]] = [("FONT", (0, 0), (-1, -1), FONT, 8.3)]


@dataclass(frozen=True)
class Styles:
    """Paragraph styles; all use the embedded DejaVu family so every character renders."""

    title: ParagraphStyle
    subtitle: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    body: ParagraphStyle
    quote: ParagraphStyle
    small: ParagraphStyle
    muted: ParagraphStyle
    caption: ParagraphStyle
    label: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_right: ParagraphStyle
    cell_center: ParagraphStyle
    header_cell: ParagraphStyle
    bullet: ParagraphStyle
    figure_value: ParagraphStyle


@lru_cache(maxsize=1)
def styles() -> Styles:
    register_fonts()
    body = ParagraphStyle(
        "body",
        fontName=FONT,
        fontSize=9.5,
        leading=13.5,
        spaceAfter=4,
        textColor=colors.black,
        splitLongWords=1,
        allowWidows=0,
        allowOrphans=0,
        bulletFontName=FONT,
    )
    cell = ParagraphStyle("cell", parent=body, fontSize=8.3, leading=10.6, spaceAfter=0)
    return Styles(
        title=ParagraphStyle(
            "title",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=24,
            leading=29,
            textColor=PRIMARY,
            spaceAfter=6,
        ),
        subtitle=ParagraphStyle(
            "subtitle",
            parent=body,
            fontSize=12.5,
            leading=16,
            textColor=MUTED,
            spaceAfter=14,
        ),
        h1=ParagraphStyle(
            "h1",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=16,
            leading=20,
            textColor=PRIMARY,
            spaceBefore=6,
            spaceAfter=8,
            keepWithNext=1,
        ),
        h2=ParagraphStyle(
            "h2",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=12,
            leading=15,
            textColor=PRIMARY,
            spaceBefore=10,
            spaceAfter=4,
            keepWithNext=1,
        ),
        h3=ParagraphStyle(
            "h3",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=10,
            leading=13,
            textColor=ACCENT,
            spaceBefore=6,
            spaceAfter=2,
            keepWithNext=1,
        ),
        body=body,
        quote=ParagraphStyle(
            "quote",
            parent=body,
            leftIndent=8,
            borderPadding=(2, 0, 2, 6),
            textColor=colors.black,
        ),
        small=ParagraphStyle("small", parent=body, fontSize=8, leading=10.5),
        muted=ParagraphStyle("muted", parent=body, fontSize=8.5, leading=11.5, textColor=MUTED),
        caption=ParagraphStyle(
            "caption",
            parent=body,
            fontName=FONT_ITALIC,
            fontSize=8,
            leading=10.5,
            textColor=MUTED,
            spaceBefore=2,
            spaceAfter=8,
        ),
        label=ParagraphStyle(
            "label",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=8.3,
            leading=10.6,
            spaceAfter=0,
            textColor=MUTED,
            keepWithNext=1,
        ),
        cell=cell,
        cell_bold=ParagraphStyle("cell_bold", parent=cell, fontName=FONT_BOLD),
        cell_right=ParagraphStyle("cell_right", parent=cell, alignment=TA_RIGHT),
        cell_center=ParagraphStyle("cell_center", parent=cell, alignment=TA_CENTER),
        header_cell=ParagraphStyle(
            "header_cell",
            parent=cell,
            fontName=FONT_BOLD,
            fontSize=7.8,
            leading=10,
            textColor=WHITE,
            alignment=TA_LEFT,
        ),
        bullet=ParagraphStyle(
            "bullet",
            parent=body,
            leftIndent=12,
            bulletIndent=2,
            spaceAfter=2,
        ),
        figure_value=ParagraphStyle(
            "figure_value",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=20,
            leading=24,
            textColor=PRIMARY,
            alignment=TA_CENTER,
            spaceAfter=0,
        ),
    )
