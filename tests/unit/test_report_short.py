"""The short decision report (beslutsunderlag): 2–4 pages, perspectives side by side, no internals.

Read back as text (tests/support/pdf.py), so the tests check what a reader gets.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from assessment.cli import main
from assessment.domain.assessment import Assessment
from assessment.fileio import load_assessment
from assessment.report import build_short_pdf
from tests.support.pdf import page_texts
from tests.unit.test_report_pdf import HOSTILE, SAMI, full_assessment

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").rglob("*.yaml"))
# Internal ids that must never reach a reader: question ids, refs, enum values, checklist items.
INTERNAL = re.compile(
    r"\b(?:rus|sustainability|actors|measures|checkpoint|decide)\.[a-z_0-9]+\b"
    r"|\b(?:sdg|rus|target|actor|other):[a-z_0-9.]+"
    r"|proceed_with_measures|sami_villages|v_sami|in_progress|between_goals|\.md\b|\.txt\b"
    r"|\[[a-z][a-z0-9_]*\]"  # a bibliography key instead of the work it names
)
# English words that would betray an untranslated paragraph in a Swedish report ("the", "of" are
# left out: the examples name "A Business Region on the Move" and "UNESCO City of Gastronomy").
ENGLISH = re.compile(r"\b(?:and|with|is|which|should|English|Decision|Measures|Actors|Goal|Report)\b")


def pages(pdf: bytes) -> list[str]:
    return [" ".join(text.split()) for text in page_texts(pdf)]


def text(pdf: bytes) -> str:
    return " ".join(pages(pdf))


@cache
def sv_pdf() -> bytes:
    return build_short_pdf(full_assessment(), invariant=True)


def test_the_perspectives_are_side_by_side_with_the_decision_first() -> None:
    body = text(sv_pdf())
    assert body.index("Samlad bedömning") < body.index("Perspektiven sida vid sida")
    for row in ("RUS Jämtlands län 2050", "Agenda 2030", "Målkonflikter", "Aktörer", "Åtgärder"):
        assert row in body
    assert "Gå vidare med åtgärder" in body  # the verdict's label, not its id
    assert "Gå vidare med åtgärderna." in body  # the reasoning


def test_each_perspective_shows_the_case_content() -> None:
    body = text(sv_pdf())
    # RUS: the negative rating with its scale word, in red text order first.
    assert "Risk för renbetesmark." in body and "−1" in body
    # Agenda 2030: the conflict with its decision.
    assert "Jobb och tillväxt mot vattenkvalitet." in body
    assert "Tillstånd med villkor om rening." in body
    # Who gains and loses, by group and geography.
    for answer in ("Unga får jobb.", "Inlandet stärks.", "Ökad skattebas.", "Samiska näringar beaktas."):
        assert answer in body
    # Actors present and missing (checklist group and absent actor).
    assert "Krokoms kommun" in body and "Jijnjevaerie sameby" in body
    assert "Saknas i processen och bör bjudas in" in body
    # Measures and positions.
    assert "Bygg reningsverk för processvattnet." in body and "Miljöenheten" in body
    assert "Samråd med samebyn före beslut." in body
    assert "Vi accepterar etableringen om reningen når BAT-nivå." in body
    # Public citations, not project files.
    assert "Regional utvecklingsstrategi Jämtlands län 2050" in body


def test_two_to_four_pages_and_no_blank_page() -> None:
    texts = pages(sv_pdf())
    assert 1 <= len(texts) <= 4
    for page in texts:
        # Beyond the running header and the page number there is real content.
        assert len(page) > 300, page


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_gives_a_short_swedish_report_without_internals(path: Path) -> None:
    assessment = load_assessment(path)
    pdf = build_short_pdf(assessment, "sv", invariant=True)
    texts = pages(pdf)
    assert 2 <= len(texts) <= 4, (path.name, len(texts))
    assert all(len(page) > 300 for page in texts), [len(p) for p in texts]
    body = " ".join(texts)
    assert assessment.title.split()[0] in body
    assert not INTERNAL.findall(body), INTERNAL.findall(body)
    assert not ENGLISH.findall(body), ENGLISH.findall(body)
    # The full report has more pages than the brief (it is the option, not a copy).
    assert "fullständiga rapporten" in body


def test_english_brief() -> None:
    body = text(build_short_pdf(full_assessment(language="en"), invariant=True))
    assert "Decision brief" in body and "The perspectives side by side" in body
    assert "Beslutsunderlag" not in body


def test_hostile_and_huge_text_is_shown_literally_and_shortened() -> None:
    big = "Ord " * 25_000
    pdf = build_short_pdf(
        full_assessment(
            title=f"Fientlig {HOSTILE} {SAMI}",
            description=big,
            judgement={"verdict": "proceed_with_measures", "text": big},
            measures=[{"id": f"a{i}", "text": f"{HOSTILE} {i}"} for i in range(30)],
        ),
        invariant=True,
    )
    texts = pages(pdf)
    assert len(texts) <= 4
    body = " ".join(texts)
    assert "<b>fet</b> & <para>" in body
    assert "ŋ đ č" in body
    assert "… och 22 till i den fullständiga rapporten." in body


def test_an_empty_assessment_still_gives_a_readable_brief() -> None:
    body = text(build_short_pdf(Assessment(title="Tom bedömning"), invariant=True))
    assert "Ingen samlad bedömning har gjorts ännu." in body
    assert "Inga RUS-mål har bedömts." in body and "Inga åtgärder har förts in." in body


def test_invariant_brief_is_identical_across_runs() -> None:
    assert build_short_pdf(full_assessment(), invariant=True) == sv_pdf()


def test_bibliography_keys_become_public_citations() -> None:
    from assessment.knowledge.bibliography import bibliography
    from assessment.report.short import public_citation

    work = bibliography().works[0]
    line = public_citation(f"Avsnitt 1.3.2 [{work.key}]")
    assert line == f"Avsnitt 1.3.2 ({work.publisher} {work.year})"
    assert public_citation("Egen förstudie [okand_nyckel]") == "Egen förstudie [okand_nyckel]"


def test_cli_short_option(tmp_path: Path) -> None:
    source = tmp_path / "fall.yaml"
    source.write_text((ROOT / "examples" / "kalarne_drivmedel.yaml").read_text(encoding="utf-8"), "utf-8")
    assert main(["report", str(source), "--short", "-o", str(tmp_path / "kort.pdf")]) == 0
    assert main(["report", str(source), "-o", str(tmp_path / "full.pdf")]) == 0
    short = pages((tmp_path / "kort.pdf").read_bytes())
    full = pages((tmp_path / "full.pdf").read_bytes())
    assert "BESLUTSUNDERLAG" in short[0]
    assert len(short) <= 4 < len(full)
