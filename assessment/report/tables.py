"""Tables that survive real data: repeated header rows, page splits, and no cell taller than a page.

A reportlab table row cannot be split across pages, so a 100 KB comment in a cell would abort the
build. Cells are therefore clipped to what fits comfortably and the full text is printed right
after the table as a numbered note: nothing is lost, the layout holds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeAlias

from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from assessment.i18n import t
from assessment.report.styles import (
    CONTENT_WIDTH,
    PRIMARY,
    RULE,
    WHITE,
    ZEBRA,
    styles,
)
from assessment.report.text import clip, markup, para

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


def data_table(
    columns: Sequence[Column],
    rows: Sequence[Sequence[Cell]],
    lang: str | None,
    *,
    width: float = CONTENT_WIDTH,
    header: bool = True,
    zebra: bool = True,
    first_column_bold: bool = False,
) -> list[Flowable]:
    """A table with a repeating header row; returns the table plus notes for clipped cells."""
    st = styles()
    total = sum(c.share for c in columns) or 1.0
    widths = [width * c.share / total for c in columns]
    notes: list[Flowable] = []
    data: list[list[Flowable]] = []
    if header:
        data.append([para(c.header, st.header_cell) for c in columns])
    for row in rows:
        cells: list[Flowable] = []
        for index, (column, value) in enumerate(zip(columns, row, strict=True)):
            if isinstance(value, Flowable):
                cells.append(value)
                continue
            text = "" if value is None else str(value)
            style = st.cell_right if column.align == "right" else st.cell
            if column.align == "center":
                style = st.cell_center
            if first_column_bold and index == 0:
                style = st.cell_bold
            limit = _chars_that_fit(widths[index] - 8, style.fontSize, CELL_LINES)
            if len(text) > limit:
                number = len(notes) + 1
                marker = t("report.cell_continued", lang, n=number)
                cells.append(
                    Paragraph(f"{markup(clip(text, limit))} <i>{markup(marker)}</i>", style)
                )
                notes.append(
                    Paragraph(
                        f"<b>{markup(t('report.cell_note', lang, n=number))}</b> {markup(text)}",
                        st.small,
                    )
                )
            else:
                cells.append(para(text, style))
        data.append(cells)
    if not rows:
        return []
    table = Table(data, colWidths=widths, repeatRows=1 if header else 0, hAlign="LEFT")
    commands: list[tuple[object, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
    ]
    if header:
        commands += [
            ("BACKGROUND", (0, 0), (-1, 0), PRIMARY),
            ("TEXTCOLOR", (0, 0), (-1, 0), WHITE),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, PRIMARY),
        ]
    if zebra:
        first = 1 if header else 0
        commands.append(("ROWBACKGROUNDS", (0, first), (-1, -1), [WHITE, ZEBRA]))
    table.setStyle(TableStyle(commands))
    return [table, *notes]


def key_value_table(
    pairs: Sequence[tuple[str, Cell]], lang: str | None, *, width: float = CONTENT_WIDTH,
    label_share: float = 0.28,
) -> list[Flowable]:
    """A two-column label/value table without header (details of one item). Empty values skipped."""
    kept = [(label, value) for label, value in pairs if value not in (None, "")]
    columns = [Column("", label_share), Column("", 1 - label_share)]
    st = styles()
    rows: list[list[Cell]] = [[Paragraph(markup(label), st.label), value] for label, value in kept]
    return data_table(columns, rows, lang, width=width, header=False, zebra=False)
