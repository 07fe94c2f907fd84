"""Page frame shared by every PDF of the tool: running header, "page X of Y", metadata, outline.

`build_story_pdf` is the one-call entry point for other areas (screening summary, portfolio):
give it a title and a list of flowables and get PDF bytes back. Headings made with `heading`
become bookmarks in the PDF outline.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from typing import Any

from reportlab import rl_config
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
)

from assessment.i18n import normalise_lang, t
from assessment.report.fonts import FONT, FONT_BOLD, register_fonts
from assessment.report.styles import (
    ACCENT,
    CONTENT_WIDTH,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    MUTED,
    PAGE_SIZE,
    PRIMARY,
    RULE,
    styles,
)
from assessment.report.text import clip, markup

PDF_LANG = {"sv": "sv-SE", "en": "en-GB"}

# Without reportlab's optional C accelerator, ASCII85-encoding image and page streams in pure
# Python costs about half a second per report; binary streams are equally valid PDF and smaller.
rl_config.useA85 = 0
PRODUCER = "assessment (målkonflikts- och hållbarhetssäkring)"


class Heading(Paragraph):  # type: ignore[misc]
    """A heading paragraph that also becomes an outline entry (bookmark) at ``level``."""

    def __init__(self, text: str, level: int) -> None:
        st = styles()
        style = (st.h1, st.h2, st.h3)[min(level, 2)]
        super().__init__(markup(text), style)
        self.outline_text = text
        self.outline_level = level


def heading(text: str, level: int = 0) -> Heading:
    """Section heading (level 0), sub-section (1) or item heading (2), bookmarked."""
    return Heading(text, level)


class _NumberedCanvas(Canvas):  # type: ignore[misc]
    """Defers page output so each page can say "page X of Y" once the total is known."""

    page_label = "{page} / {total}"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._saved: list[dict[str, Any]] = []
        self.numbered = True
        self._page_bookmarks: list[str] = []

    def bookmarkPage(self, key: str, **kwargs: Any) -> None:
        # A bookmark names the page being written; pages are written only in `save`, so the
        # bookmark is created there, on the right page.
        self._page_bookmarks.append(key)

    def showPage(self) -> None:
        self._saved.append(dict(self.__dict__))
        self._startPage()
        self.numbered = True
        self._page_bookmarks = []

    def save(self) -> None:
        total = len(self._saved)
        for state in self._saved:
            self.__dict__.update(state)
            if self.numbered:
                self.saveState()
                self.setFont(FONT, 8)
                self.setFillColor(MUTED)
                label = self.page_label.format(page=self._pageNumber, total=total)
                self.drawRightString(PAGE_SIZE[0] - MARGIN_X, MARGIN_BOTTOM - 10 * mm, label)
                self.restoreState()
            for key in self._page_bookmarks:
                super().bookmarkPage(key, fit="XYZ", top=PAGE_SIZE[1])
            super().showPage()
        super().save()


def _canvas_class(page_label: str) -> type[_NumberedCanvas]:
    return type("ReportCanvas", (_NumberedCanvas,), {"page_label": page_label})


class ReportDocument(BaseDocTemplate):  # type: ignore[misc]
    """A4 document with a cover template (no header) and a body template (header + footer).

    ``header_left``/``header_right`` are the running header texts; ``footer`` is printed
    bottom-left on body pages (e.g. the data version).
    """

    def __init__(
        self,
        target: io.BytesIO,
        *,
        title: str,
        lang: str,
        author: str = "",
        subject: str = "",
        keywords: Sequence[str] = (),
        header_left: str = "",
        header_right: str = "",
        footer: str = "",
        invariant: bool = False,
        cover: Callable[[Canvas, BaseDocTemplate], None] | None = None,
        has_cover: bool = False,
    ) -> None:
        register_fonts()
        super().__init__(
            target,
            pagesize=PAGE_SIZE,
            leftMargin=MARGIN_X,
            rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            title=title,
            author=author,
            subject=subject,
            keywords=list(keywords),
            creator=PRODUCER,
            producer=PRODUCER,
            invariant=1 if invariant else 0,
            lang=PDF_LANG[normalise_lang(lang)],
            displayDocTitle=1,
            initialFontName=FONT,
        )
        self.header_left = header_left
        self.header_right = header_right
        self.footer = footer
        self._cover = cover
        self._bookmarks = 0
        frame = Frame(
            self.leftMargin,
            self.bottomMargin,
            self.width,
            self.height,
            id="body",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        cover_frame = Frame(
            self.leftMargin,
            self.bottomMargin,
            self.width,
            self.height,
            id="cover",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        body = PageTemplate(id="body", frames=[frame], onPage=self._decorate_body)
        cover_page = PageTemplate(id="cover", frames=[cover_frame], onPage=self._decorate_cover)
        # The first template in the list is used for page 1.
        self.addPageTemplates([cover_page, body] if has_cover else [body, cover_page])

    def _decorate_cover(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        canvas.numbered = False
        if self._cover is not None:
            self._cover(canvas, doc)

    def _decorate_body(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        width, height = PAGE_SIZE
        top = height - MARGIN_TOP + 8 * mm
        canvas.saveState()
        canvas.setFillColor(ACCENT)
        canvas.rect(MARGIN_X, top + 5.2 * mm, 14 * mm, 1.2 * mm, stroke=0, fill=1)
        canvas.setFont(FONT_BOLD, 8)
        canvas.setFillColor(PRIMARY)
        canvas.drawString(MARGIN_X, top, _fit(self.header_left, FONT_BOLD, 8, CONTENT_WIDTH * 0.6))
        canvas.setFont(FONT, 8)
        canvas.setFillColor(MUTED)
        canvas.drawRightString(width - MARGIN_X, top, _fit(self.header_right, FONT, 8, CONTENT_WIDTH * 0.38))
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN_X, top - 2.5 * mm, width - MARGIN_X, top - 2.5 * mm)
        canvas.line(MARGIN_X, MARGIN_BOTTOM - 6 * mm, width - MARGIN_X, MARGIN_BOTTOM - 6 * mm)
        if self.footer:
            canvas.setFont(FONT, 7.5)
            canvas.drawString(
                MARGIN_X, MARGIN_BOTTOM - 10 * mm, _fit(self.footer, FONT, 7.5, CONTENT_WIDTH * 0.75)
            )
        canvas.restoreState()

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, Heading):
            self._bookmarks += 1
            key = f"section-{self._bookmarks}"
            self.canv.bookmarkPage(key)
            title = clip(" ".join(flowable.outline_text.split()), 120)
            self.canv.addOutlineEntry(title, key, level=flowable.outline_level, closed=False)


def _fit(text: str, font: str, size: float, width: float) -> str:
    """Shorten a single-line text (header/footer) so it fits ``width``."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    text = " ".join(str(text).split())
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + " …", font, size) > width:
        text = text[: max(0, len(text) - max(1, len(text) // 10))]
    return text.rstrip() + " …"


def build_story_pdf(
    title: str,
    story: Sequence[Flowable],
    lang: str | None = None,
    invariant: bool = False,
    *,
    author: str = "",
    subject: str = "",
    keywords: Sequence[str] = (),
    header_right: str = "",
    footer: str = "",
    cover: Sequence[Flowable] = (),
    cover_decoration: Callable[[Canvas, BaseDocTemplate], None] | None = None,
) -> bytes:
    """Render ``story`` into a PDF with the shared page frame; returns the PDF bytes.

    ``cover`` (optional) is laid out on a first page without running header; the body starts on
    the next page. ``invariant=True`` gives byte-identical output for identical input.
    """
    buffer = io.BytesIO()
    language = normalise_lang(lang)
    doc = ReportDocument(
        buffer,
        title=title,
        lang=language,
        author=author,
        subject=subject,
        keywords=keywords,
        header_left=title,
        header_right=header_right or t("report.running_header", language),
        footer=footer,
        invariant=invariant,
        cover=cover_decoration,
        has_cover=bool(cover),
    )
    flowables: list[Flowable] = []
    if cover:
        flowables += [*cover, NextPageTemplate("body"), PageBreak()]
    flowables += list(story)
    doc.build(
        flowables, canvasmaker=_canvas_class(t("report.page_of", language, page="{page}", total="{total}"))
    )
    return buffer.getvalue()
