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


def visible(text: str) -> str:
    """Replace characters the embedded font cannot draw by their code (no black boxes, no loss)."""
    if text.isascii():
        return text
    covered = covered_codepoints()
    if all(ord(ch) in covered for ch in set(text)):
        return text
    return "".join(ch if ord(ch) in covered or ch in "\n\t" else f"[U+{ord(ch):04X}]" for ch in text)


def markup(text: object) -> str:
    """Escape any value for paragraph markup; line breaks become ``<br/>``."""
    value = "" if text is None else str(text)
    value = _NEWLINES.sub("\n", value)
    value = _CONTROL.sub("", value)
    value = visible(value).replace("\t", "    ")
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


# A paragraph is re-wrapped each time it is split across a page, so one 100 KB paragraph costs
# quadratic time (tens of seconds). Long text is therefore cut into chunks of about this size.
CHUNK = 1500


def chunks(text: str, size: int = CHUNK) -> list[str]:
    """Cut ``text`` into pieces of about ``size`` characters at line ends or spaces (never lost:
    ``"".join`` of the pieces with the separators dropped gives the text back)."""
    text = _NEWLINES.sub("\n", text)
    if len(text) <= size:
        return [text]
    pieces: list[str] = []
    current = ""
    for line in text.split("\n"):
        while len(line) > size:
            cut = line.rfind(" ", size // 2, size)
            cut = cut if cut > 0 else size
            head, line = line[:cut], line[cut:].lstrip(" ")
            if current:
                pieces.append(current)
                current = ""
            pieces.append(head)
        if current and len(current) + len(line) + 1 > size:
            pieces.append(current)
            current = line
        else:
            current = f"{current}\n{line}" if current else line
    if current:
        pieces.append(current)
    return pieces


def paras(text: object, style: ParagraphStyle, *, prefix: str = "") -> list[Paragraph]:
    """Like `para`, for text of any length: several paragraphs that flow over pages quickly.

    ``prefix`` is trusted markup put before the first piece (e.g. a bold label).
    """
    pieces = chunks("" if text is None else str(text))
    out = [Paragraph(markup(piece), style) for piece in pieces]
    if prefix:
        out[0] = Paragraph(f"{prefix} {markup(pieces[0])}", style)
    return out
