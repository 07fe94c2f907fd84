"""Turning user text into safe reportlab paragraph markup.

reportlab's Paragraph parses a small XML-like markup, so a user's ``<b>``, ``&`` or an unclosed
``<para>`` would either change the formatting or abort the build. Every piece of user text goes
through `markup` (or `para`) before it meets a Paragraph.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from assessment.report.fonts import covered_codepoints

_ENTITIES = {'"': "&quot;", "'": "&#39;"}
# C0 control characters (except tab and newline) are not allowed in the markup parser.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_NEWLINES = re.compile(r"\r\n?|\u2028|\u2029")


def _visible(text: str) -> str:
    """Replace characters the embedded font cannot draw by their code (no black boxes, no loss)."""
    if text.isascii():
        return text
    covered = covered_codepoints()
    if all(ord(ch) in covered for ch in set(text)):
        return text
    return "".join(
        ch if ord(ch) in covered or ch in "\n\t" else f"[U+{ord(ch):04X}]" for ch in text
    )


def markup(text: object) -> str:
    """Escape any value for paragraph markup; line breaks become ``<br/>``."""
    value = "" if text is None else str(text)
    value = _NEWLINES.sub("\n", value)
    value = _CONTROL.sub("", value)
    value = _visible(value).replace("\t", "    ")
    return escape(value, _ENTITIES).replace("\n", "<br/>")


def para(text: object, style: ParagraphStyle) -> Paragraph:
    """A Paragraph showing ``text`` literally (user text is never interpreted as markup)."""
    return Paragraph(markup(text), style)


def rich(template: str, style: ParagraphStyle, **values: object) -> Paragraph:
    """A Paragraph from trusted markup ``template`` whose ``{placeholders}`` are user text.

    Only the template (written by us) may contain markup; every value is escaped.
    """
    return Paragraph(template.format(**{k: markup(v) for k, v in values.items()}), style)


def clip(text: str, limit: int) -> str:
    """Shorten ``text`` to ``limit`` characters at a word boundary, marking the cut with "…"."""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    space = cut.rfind(" ")
    if space > limit * 0.6:
        cut = cut[:space]
    return cut.rstrip() + " …"
