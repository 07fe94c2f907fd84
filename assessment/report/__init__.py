"""PDF reports (reportlab Platypus).

The assessment report::

    from assessment.report import build_pdf
    pdf: bytes = build_pdf(assessment, lang=None, invariant=False)  # lang None -> assessment.language
    brief: bytes = build_short_pdf(assessment, lang=None, invariant=False)  # 2–4 page decision brief

Building blocks for other PDFs (screening summary, portfolio), so every PDF of the tool looks
the same and is equally robust:

- ``build_story_pdf(title, story, lang, invariant, *, author, subject, keywords, header_right,
  footer, cover, cover_decoration) -> bytes`` — A4 page frame with running header, "page X of Y",
  PDF metadata (title, author, subject, ``/Lang``) and an outline built from `heading`s.
- ``ReportDocument`` — the underlying `BaseDocTemplate` if you need more control.
- ``heading(text, level)`` — section (0), sub-section (1), item (2) heading; bookmarked.
- ``styles()`` — paragraph styles (``body``, ``h1``…``h3``, ``small``, ``muted``, ``caption``,
  ``label``, ``cell``…) using the embedded DejaVu Sans (å ä ö and Sami letters render).
- ``para(text, style)`` — a Paragraph showing *user text* literally (escapes ``<``, ``&``,
  quotes; keeps line breaks). Never pass user text to ``Paragraph`` directly.
- ``rich(template, style, **values)`` — trusted markup template with escaped user values.
- ``paras(text, style, prefix="")`` — `para` for text of any length (100 KB comments): cut into
  paragraphs that flow over pages quickly (one huge Paragraph costs quadratic layout time).
- ``markup(text)`` — the escaping itself, for composing your own markup.
- ``data_table(columns, rows, lang)`` with ``Column(header, share, align)`` — returns flowables:
  a table with a repeating header row, zebra rows, and over-long cells clipped with the full
  text printed as a note below (so no row is ever taller than a page). A cell is user text
  (escaped), a flowable, or ``Styled(text, bold, colour)`` for an emphasised one-liner.
- ``key_value_table(pairs, lang)`` — label/value details of one item.
- ``drawing_figure(drawing, caption)`` — embed a reportlab drawing scaled to the text width,
  kept on one page;
  ``drawing_parts(drawing, caption)`` gives the pieces to keep together with e.g. a heading
  (never nest KeepTogether: reportlab then pushes it to the next page).
- ``sdg_profile_drawing(bars, ...)`` with ``GoalBar`` — the 17-goal impact chart in UN colours.
- ``register_fonts()`` — registers the DejaVu family (called by all of the above).

Example::

    from assessment.report import build_story_pdf, data_table, Column, heading, para, styles
    story = [heading("Screening", 0), para(user_text, styles().body),
             *data_table([Column("Id", 1), Column("Titel", 4)], rows, "sv")]
    pdf = build_story_pdf("Screeningsammanfattning", story, "sv", invariant=False)
"""

from __future__ import annotations

from assessment.report.builder import build_pdf
from assessment.report.charts import GoalBar, sdg_profile_drawing
from assessment.report.document import ReportDocument, build_story_pdf, heading
from assessment.report.figures import drawing_figure, drawing_parts
from assessment.report.fonts import register_fonts
from assessment.report.short import build_short_pdf
from assessment.report.styles import CONTENT_WIDTH, styles
from assessment.report.tables import Column, Styled, data_table, key_value_table
from assessment.report.text import markup, para, paras, rich

__all__ = [
    "CONTENT_WIDTH",
    "Column",
    "GoalBar",
    "ReportDocument",
    "Styled",
    "build_pdf",
    "build_short_pdf",
    "build_story_pdf",
    "data_table",
    "drawing_figure",
    "drawing_parts",
    "heading",
    "key_value_table",
    "markup",
    "para",
    "paras",
    "register_fonts",
    "rich",
    "sdg_profile_drawing",
    "styles",
]
