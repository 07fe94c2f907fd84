"""Tables that survive real data: repeated header rows, page splits, and no cell taller than a page.

A reportlab table row cannot be split across pages, so a 100 KB comment in a cell would abort the
build. Cells are therefore clipped to what fits comfortably and the full text is printed right
after the table as a numbered note: nothing is lost, the layout holds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeAlias

from reportlab.lib.colors import Color
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from assessment.i18n import t
from assessment.report.fonts import FONT, FONT_BOLD
from assessment.report.styles import (
    CONTENT_WIDTH,
    MUTED,
    PRIMARY,
    RULE,
    TABLE_BASE,
    WHITE,
    ZEBRA,
    styles,
)
from assessment.report.text import clip, markup, para, paras, visible

# A cell holds either user text (escaped here) or a ready flowable (e.g. a coloured chip).
Cell: TypeAlias = str | int | float | Flowable | None
# Lines of text a clipped cell keeps; beyond this the full text moves to a note under the table.
CELL_LINES = 16


@dataclass(frozen=True)
class Column:
    """A column: header text (trusted, escaped anyway), share of the width, alignment."""

    header: str
    share: float
    align: str = "left"


def _chars_that_fit(width: float, font_size: float, lines: int) -> int:
    # DejaVu Sans averages ~0.55 em per character in running text.
    per_line = max(8, int(width / (font_size * 0.55)))
    return per_line * lines


@dataclass(frozen=True)
class Styled:
    """A one-line cell with emphasis (e.g. a coloured rating); wraps like text if too long."""

    text: str
    bold: bool = False
    colour: Color | None = None


_ALIGN = {"left": "LEFT", "right": "RIGHT", "center": "CENTER"}


def data_table(
    columns: Sequence[Column],
    rows: Sequence[Sequence[Cell | Styled]],
    lang: str | None,
    *,
    width: float = CONTENT_WIDTH,
    header: bool = True,
    zebra: bool = True,
    first_column_bold: bool = False,
) -> list[Flowable]:
    """A table with a repeating header row; returns the table plus notes for clipped cells.

    Short one-line cells are drawn as plain strings (a Paragraph costs ~50× more to lay out,
    and reportlab lays out each cell several times); longer ones become escaped Paragraphs.
    """
    if not rows:
        return []
    st = styles()
    total = sum(c.share for c in columns) or 1.0
    widths = [width * c.share / total for c in columns]
    notes: list[Flowable] = []
    data: list[list[Flowable | str]] = []
    commands: list[tuple[object, ...]] = [
        *TABLE_BASE,
        ("LEADING", (0, 0), (-1, -1), st.cell.leading),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
    ]
    for index, column in enumerate(columns):
        if column.align != "left":
            commands.append(("ALIGN", (index, 0), (index, -1), _ALIGN[column.align]))
    if header:
        size = st.header_cell.fontSize
        data.append(
            [
                plain(c.header) if fits(c.header, FONT_BOLD, size, w) else para(c.header, st.header_cell)
                for c, w in zip(columns, widths, strict=True)
            ]
        )
        commands += [
            ("FONT", (0, 0), (-1, 0), FONT_BOLD, size, st.header_cell.leading),
            ("BACKGROUND", (0, 0), (-1, 0), PRIMARY),
            ("TEXTCOLOR", (0, 0), (-1, 0), WHITE),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, PRIMARY),
        ]
    for row in rows:
        cells: list[Flowable | str] = []
        r = len(data)
        for index, (column, value) in enumerate(zip(columns, row, strict=True)):
            if isinstance(value, Flowable):
                cells.append(value)
                continue
            bold = first_column_bold and index == 0
            colour: Color | None = None
            if isinstance(value, Styled):
                text, bold, colour = value.text, value.bold or bold, value.colour
            else:
                text = "" if value is None else str(value)
            font = FONT_BOLD if bold else FONT
            if fits(text, font, st.cell.fontSize, widths[index]):
                cells.append(plain(text))
                if bold:
                    commands.append(("FONT", (index, r), (index, r), font, st.cell.fontSize, st.cell.leading))
                if colour is not None:
                    commands.append(("TEXTCOLOR", (index, r), (index, r), colour))
                continue
            style = {"right": st.cell_right, "center": st.cell_center}.get(column.align, st.cell)
            if bold:
                style = st.cell_bold
            if colour is not None:
                style = style.clone("cell_coloured", textColor=colour)
            limit = _chars_that_fit(widths[index] - 8, style.fontSize, CELL_LINES)
            if len(text) > limit:
                number = len(notes) + 1
                marker = t("report.cell_continued", lang, n=number)
                cells.append(Paragraph(f"{markup(clip(text, limit))} <i>{markup(marker)}</i>", style))
                label = markup(t("report.cell_note", lang, n=number))
                notes += paras(text, st.small, prefix=f"<b>{label}</b>")
            else:
                cells.append(para(text, style))
        data.append(cells)
    table = Table(data, colWidths=widths, repeatRows=1 if header else 0, hAlign="LEFT")
    if zebra:
        first = 1 if header else 0
        commands.append(("ROWBACKGROUNDS", (0, first), (-1, -1), [WHITE, ZEBRA]))
    table.setStyle(TableStyle(commands))
    return [table, *notes]


def fits(text: str, font: str, size: float, width: float) -> bool:
    """Whether ``text`` fits on one line of a cell ``width`` wide (padding 4 + 4)."""
    if "\n" in text or "\r" in text or len(text) * size * 0.3 > width:
        return False
    return bool(stringWidth(plain(text), font, size) <= width - 9)


def plain(text: str) -> str:
    """A cell string drawn as is (no markup involved), with undrawable characters spelled out."""
    return visible(text)


def key_value_table(
    pairs: Sequence[tuple[str, Cell]],
    lang: str | None,
    *,
    width: float = CONTENT_WIDTH,
    label_share: float = 0.28,
) -> list[Flowable]:
    """A two-column label/value table without header (details of one item). Empty values skipped."""
    kept = [(label, value) for label, value in pairs if value not in (None, "")]
    columns = [Column("", label_share), Column("", 1 - label_share)]
    rows: list[list[Cell | Styled]] = [
        [Styled(label, bold=True, colour=MUTED), value] for label, value in kept
    ]
    return data_table(columns, rows, lang, width=width, header=False, zebra=False)
