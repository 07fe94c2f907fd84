"""Embedded TrueType fonts for every PDF the tool writes.

The PDF standard fonts (Helvetica …) only cover Latin-1, so Sami letters such as ŋ đ č ŧ would
come out as black boxes. DejaVu Sans covers them all and is embedded as a subset by reportlab. The
four faces ship inside the package (``assessment/report/ttf/``, with their licence: the Bitstream
Vera / DejaVu font licence, free to redistribute) and are found through importlib.resources, so
the PDFs do not depend on another library's data folder.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_ITALIC = "DejaVuSans-Oblique"
FONT_BOLD_ITALIC = "DejaVuSans-BoldOblique"

_FILES = {
    FONT: "DejaVuSans.ttf",
    FONT_BOLD: "DejaVuSans-Bold.ttf",
    FONT_ITALIC: "DejaVuSans-Oblique.ttf",
    FONT_BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
}

_lock = threading.Lock()


def font_dir() -> Path:
    """The shipped fonts (a real folder: the package is installed unzipped)."""
    return Path(str(files("assessment.report").joinpath("ttf")))


@lru_cache(maxsize=1)
def register_fonts() -> str:
    """Register DejaVu Sans (regular, bold, italic, bold italic) once; returns the family name.

    Registering the family lets paragraph markup ``<b>``/``<i>`` pick the right face.
    """
    with _lock:
        registered = set(pdfmetrics.getRegisteredFontNames())
        for name, filename in _FILES.items():
            if name not in registered:
                font = TTFont(name, str(font_dir() / filename))
                # Without reportlab's C accelerator a width is summed glyph by glyph in Python;
                # layout asks for the same words again and again, so widths are memoised.
                font.stringWidth = lru_cache(maxsize=200_000)(font.stringWidth)
                pdfmetrics.registerFont(font)
        addMapping(FONT, 0, 0, FONT)
        addMapping(FONT, 1, 0, FONT_BOLD)
        addMapping(FONT, 0, 1, FONT_ITALIC)
        addMapping(FONT, 1, 1, FONT_BOLD_ITALIC)
    return FONT


@lru_cache(maxsize=1)
def covered_codepoints() -> frozenset[int]:
    """Code points DejaVu Sans has a glyph for (used to avoid black boxes for e.g. emoji)."""
    register_fonts()
    font = pdfmetrics.getFont(FONT)
    return frozenset(font.face.charToGlyph)
