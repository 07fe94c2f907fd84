"""The portfolio PDF: every section present in both languages, an empty selection, hostile text."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from assessment.domain.assessment import Assessment
from assessment.domain.refs import ref_label
from assessment.portfolio.labels import display
from assessment.portfolio.pdf import portfolio_pdf
from assessment.portfolio.selection import Portfolio
from assessment.portfolio.sources import from_files
from assessment.portfolio.views import compute
from tests.support.pdf import page_texts

EXAMPLES = sorted((Path(__file__).parents[2] / "examples" / "rsp").glob("*.yaml"))
TODAY = dt.date(2026, 3, 1)


def text_of(pdf: bytes) -> tuple[str, int]:
    pages = page_texts(pdf)
    return "\n".join(pages), len(pages)


def test_pdf_in_both_languages() -> None:
    portfolio = from_files(EXAMPLES)[0]
    sv, pages = text_of(portfolio_pdf(portfolio, compute(portfolio, TODAY), "sv"))
    for heading in (
        "Nyckeltal",
        "Påverkan på de globala målen per bedömning",
        "Täckning av RUS-målen",
        "Målkonflikter per målpar",
        "Uppföljning: förfallna och kommande",
        "Målkonfliktsregister",
    ):
        assert heading in sv
    assert "Kort sikt mot lång sikt" in sv  # conflict types by their model titles
    assert 5 <= pages <= 20
    en, _ = text_of(portfolio_pdf(portfolio, compute(portfolio, TODAY, lang="en"), "en"))
    assert "Key figures" in en and "Goal-conflict register" in en


def test_pdf_of_an_empty_selection_says_so() -> None:
    text, pages = text_of(portfolio_pdf(Portfolio(), compute(Portfolio(), TODAY), "sv"))
    assert "Inga bedömningar matchar urvalet." in text and pages <= 2


def test_pdf_shows_hostile_text_literally() -> None:
    title = "<b>Fel</b> & <script>x</script> ŋ đ č ŧ ï"
    a = Assessment.model_validate(
        {
            "title": title,
            "id": "h",
            "conflicts": [{"id": "k1", "between": ["sdg:8", "sdg:13"], "decision": "x" * 200_000}],
            "measures": [{"id": "m", "text": title, "owner": "=cmd|' /C calc'!A0", "due": "2026-01-01"}],
        }
    )
    portfolio = Portfolio.of([a])
    text, _ = text_of(portfolio_pdf(portfolio, compute(portfolio, TODAY), "sv"))
    flat = "".join(text.split())  # table cells wrap lines
    assert "<b>Fel</b>&<script>x</script>ŋđčŧï" in flat
    # The 200,000-character decision is not cut: the table notes carry the full text.
    assert flat.count("x" * 1000) >= 150


def test_display_uses_model_titles_and_goal_names() -> None:
    views = compute(from_files(EXAMPLES)[0], TODAY)
    pairs = display(views["conflicts_by_goal_pair"], "en")
    assert pairs.iloc[0]["Goal A"] == "SDG 11 (Sustainable cities and communities)"
    assert ref_label("rus:p1", "sv").startswith("RUS: Förutsättningar")
    assert ref_label("actor:x", "sv") == "aktör: x"
    follow = display(views["follow_up"], "sv")
    assert set(follow["Typ"]) == {"åtgärd", "målkonflikt"}
