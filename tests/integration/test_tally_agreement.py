"""One tally of conflicts and issues everywhere: the app's summary, step 4 and conflicts page, the
short decision report, the full PDF and `analyse` (text and --json) all print the numbers of
`assessment.analysis.ConflictTally` with the same words, so "2 målkonflikter" in the brief and
"3 direct conflicts" in `analyse` cannot disagree."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from assessment.analysis import ConflictTally, findings
from assessment.cli import main
from assessment.fileio import load_assessment
from assessment.report import build_pdf, build_short_pdf
from tests.support.pdf import page_texts

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "streamlit_app.py")
EXAMPLES = sorted((ROOT / "examples").rglob("*.yaml"))


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ASSESSMENT_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    return tmp_path


def flat(text: str) -> str:
    """Whitespace squeezed (PDF lines wrap anywhere between words) and Markdown escapes removed."""
    return " ".join(text.replace("\\", "").replace("\u2060", "").split())


def pdf_text(pdf: bytes) -> str:
    return flat(" ".join(page_texts(pdf)))


def _tally(example: Path) -> ConflictTally:
    return findings(load_assessment(example)).tally


def _cli(example: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> str:
    assert main(["analyse", str(example), "--lang", "sv", *extra]) == 0
    return capsys.readouterr().out


def _goto(at: AppTest, page: str) -> None:
    (nav,) = [w for w in at.sidebar.radio if str(w.key).startswith("nav:")]
    nav.set_value(page).run()
    assert not at.exception, [e.value for e in at.exception]


def _app(example: Path) -> dict[str, object]:
    """What the app's pages show for an example: metric values by label and the captions."""
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    at.button(key=f"example:{example.relative_to(ROOT / 'examples').as_posix()}").click().run()
    assert not at.exception, [e.value for e in at.exception]
    seen: dict[str, object] = {}
    _goto(at, "summary")
    seen["summary"] = {m.label: m.value for m in at.metric}
    seen["summary_captions"] = [flat(c.value) for c in at.caption]
    _goto(at, "measures")
    seen["step4"] = {m.label: m.value for m in at.metric}
    seen["step4_progress"] = [flat(str(p.proto.text)) for p in at.get("progress")]
    _goto(at, "conflicts")
    seen["conflict_captions"] = [flat(c.value) for c in at.caption]
    return seen


def test_kalarne_tally_is_what_the_case_says() -> None:
    # Kälarne: 11 (+3), 9.1 (+2) and 11.2 (+2) against 13.2 (−2), each linked (k1, a target cell,
    # the case's own interaction): 3 direct conflicts. k1 and k2 recorded, both with a decision or
    # position. Issues: 3 negatives + 3 direct + k2 (k1 is already counted through its pairs) = 7;
    # only the negative RUS climate goal lacks a measure and a position: 6 addressed.
    tally = _tally(ROOT / "examples" / "kalarne_drivmedel.yaml")
    assert (tally.direct, tally.recorded, tally.decided, tally.issues, tally.addressed) == (3, 2, 2, 7, 6)
    assert tally.conflicts_text("sv") == (
        "3 direkta målkonflikter i bedömningen; "
        "2 registrerade målkonflikter (2 med beslut eller ställningstagande)"
    )
    assert tally.issues_text("sv") == "6 av 7 frågor hanterade"
    assert tally.open_text("sv") == "1 fråga är ännu inte hanterad"
    assert tally.open_text("en") == "1 issue is not yet handled"


def test_tally_words_follow_the_count() -> None:
    one = ConflictTally(direct=1, recorded=1, decided=0, latent=1, issues=1, addressed=0)
    assert one.conflicts_text("sv") == (
        "1 direkt målkonflikt i bedömningen; 1 registrerad målkonflikt (0 med beslut eller ställningstagande)"
    )
    assert one.latent_text("sv") == "1 möjlig (latent) målkonflikt"
    assert one.issues_text("sv") == "0 av 1 fråga hanterad"
    assert one.issues_text("en") == "0 of 1 issue addressed"
    assert (one.open, one.undecided, one.percent) == (1, 1, 0)
    assert ConflictTally(0, 0, 0, 0, 0, 0).percent is None


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_pdfs_and_cli_print_the_one_tally(example: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tally = _tally(example)
    assessment = load_assessment(example)
    brief = pdf_text(build_short_pdf(assessment, "sv"))
    full_sv = pdf_text(build_pdf(assessment, "sv"))
    full_en = pdf_text(build_pdf(assessment, "en"))
    for lang, text in (("sv", brief), ("sv", full_sv), ("en", full_en)):
        assert tally.conflicts_text(lang) in text
        assert tally.issues_text(lang) in text
    # The tiles on page 1 of both PDFs: the same numbers, with the tally's names.
    direct_tile = f"{tally.direct} direkt{'a' if tally.direct != 1 else ''} målkonflikt"
    open_tile = f"{tally.open} ej hanterad{'e frågor' if tally.open != 1 else ' fråga'}"
    for text in (brief, full_sv):
        assert direct_tile in text
        assert open_tile in text
    if tally.open:
        assert tally.open_text("sv") in brief
    assert tally.latent_text("sv") in full_sv

    out = _cli(example, capsys)
    assert f"Direkta målkonflikter ({tally.direct})" in out
    assert f"Möjliga (latenta) målkonflikter ({tally.latent})" in out
    assert f"Ej hanterade frågor ({tally.open})" in out
    for line in (tally.conflicts_text("sv"), tally.latent_text("sv"), tally.issues_text("sv")):
        assert f"  {line}\n" in out
    data = json.loads(_cli(example, capsys, "--json"))
    assert data["tally"] == tally.to_dict()
    assert len(data["direct_conflicts"]) == tally.direct
    assert (data["coverage"]["addressed"], data["coverage"]["total"]) == (tally.addressed, tally.issues)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_app_pages_show_the_one_tally(data_dir: Path, example: Path) -> None:
    tally = _tally(example)
    seen = _app(example)
    coverage = f"{tally.addressed} / {tally.issues}"
    assert seen["summary"] == {
        "Positiva bedömningar": seen["summary"]["Positiva bedömningar"],  # type: ignore[index]
        "Negativa bedömningar": seen["summary"]["Negativa bedömningar"],  # type: ignore[index]
        "Direkta målkonflikter": str(tally.direct),
        "Registrerade målkonflikter": str(tally.recorded),
        "Latenta målkonflikter": str(tally.latent),
        "Hanterade frågor": coverage,
    }
    line = f"{tally.conflicts_text('sv')} · {tally.issues_text('sv')}"
    assert line in seen["summary_captions"]  # type: ignore[operator]
    assert seen["step4"] == {"Hanterade": coverage}
    assert seen["step4_progress"] == [tally.issues_text("sv")]
    assert tally.conflicts_text("sv") in seen["conflict_captions"]  # type: ignore[operator]
