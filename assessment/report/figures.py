"""Embedding reportlab drawings in the report, scaled to fit the text width."""

from __future__ import annotations

from reportlab.graphics.shapes import Drawing
from reportlab.platypus import Flowable, KeepTogether

from assessment.report.fonts import FONT
from assessment.report.styles import CONTENT_WIDTH, styles
from assessment.report.text import para


def drawing_figure(drawing: Drawing, caption: str = "", *, max_width: float = CONTENT_WIDTH) -> Flowable:
    """A vector drawing scaled down to ``max_width`` if needed, with an optional caption, kept on
    one page. (Do not nest it in another KeepTogether — reportlab then moves it to the next page
    needlessly; use `drawing_parts` for that.)"""
    return KeepTogether(drawing_parts(drawing, caption, max_width=max_width))


def drawing_parts(drawing: Drawing, caption: str = "", *, max_width: float = CONTENT_WIDTH) -> list[Flowable]:
    """The drawing and its caption as separate flowables (to combine with e.g. a heading)."""
    if not getattr(drawing, "initialFontName", None):
        drawing.initialFontName = FONT
    if drawing.width > max_width:
        factor = max_width / drawing.width
        drawing.scale(factor, factor)
        drawing.width *= factor
        drawing.height *= factor
    drawing.hAlign = "CENTER"
    parts: list[Flowable] = [drawing]
    if caption:
        parts.append(para(caption, styles().caption))
    return parts
