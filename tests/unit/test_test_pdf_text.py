"""The tests' PDF reader (tests/support/pdf.py) gets what pypdf gets: the same words in the same
order on every page of the full report of the four main examples (all twelve examples matched when
the reader was written, 7 December 2026) and for markup and Sami letters."""

from __future__ import annotations

import io
from pathlib import Path

import pypdf
import pytest

from assessment.domain import Assessment
from assessment.fileio import load_assessment
from assessment.report import build_pdf
from tests.support.pdf import flat_text, page_texts

ROOT = Path(__file__).resolve().parents[2]


def _pypdf_pages(pdf: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]


@pytest.mark.parametrize("example", sorted((ROOT / "examples").glob("*.yaml")), ids=lambda p: p.stem)
def test_the_same_words_in_the_same_order_as_pypdf(example: Path) -> None:
    pdf = build_pdf(load_assessment(example))
    assert [" ".join(text.split()) for text in page_texts(pdf)] == _pypdf_pages(pdf)


def test_markup_and_sami_letters_come_back_literally() -> None:
    title = "Fiskodling <b>&amp;</b> ŋ đ č ŧ ï"
    pdf = build_pdf(Assessment(title=title))
    assert title in flat_text(pdf)
    assert flat_text(pdf) == " ".join(_pypdf_pages(pdf))
