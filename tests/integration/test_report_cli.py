"""`python -m assessment report` and the reports of the shipped example assessments."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from assessment.cli import main
from assessment.fileio import load_assessment
from assessment.report import build_pdf
from tests.support.pdf import flat_text, page_texts

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").rglob("*.yaml"))

ASSESSMENT = """\
title: "Kälarne drivmedel <b> & ŋ"
kind: project
language: en
organisation: Bräcke kommun
sdg:
  - {goal: 11, impact: 2, comment: "Tillgång till drivmedel på landsbygden."}
  - {goal: 13, impact: -1, comment: "Fossila drivmedel."}
"""


def pdf_text(path: Path) -> str:
    return flat_text(path)


def test_cli_writes_the_report_next_to_the_file_in_the_assessments_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "kalarne.yaml"
    source.write_text(ASSESSMENT, encoding="utf-8")
    assert main(["report", str(source)]) == 0
    out = tmp_path / "kalarne.pdf"
    assert out.read_bytes().startswith(b"%PDF")
    text = pdf_text(out)
    assert "Kälarne drivmedel <b> & ŋ" in text
    assert "Summary" in text  # language: en in the file
    assert str(out) in capsys.readouterr().out


def test_cli_lang_option_and_output_path(tmp_path: Path) -> None:
    source = tmp_path / "kalarne.yaml"
    source.write_text(ASSESSMENT, encoding="utf-8")
    out = tmp_path / "ut" / "rapport.pdf"
    out.parent.mkdir()
    assert main(["report", str(source), "-o", str(out), "--lang", "sv", "--invariant"]) == 0
    first = out.read_bytes()
    assert "Sammanfattning" in pdf_text(out)
    assert main(["report", str(source), "-o", str(out), "--lang", "sv", "--invariant"]) == 0
    assert out.read_bytes() == first


def test_cli_reports_problems_in_the_users_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", str(tmp_path / "finns-inte.yaml")]) == 2
    assert "Filen finns inte." in capsys.readouterr().err
    source = tmp_path / "kalarne.yaml"
    source.write_text(ASSESSMENT, encoding="utf-8")
    assert main(["--lang", "en", "report", str(source), "-o", str(tmp_path / "no" / "x.pdf")]) == 2
    assert "Could not write the PDF file" in capsys.readouterr().err
    broken = tmp_path / "broken.yaml"
    broken.write_text("title: [unclosed", encoding="utf-8")
    assert main(["report", str(broken)]) == 2
    assert not (tmp_path / "broken.pdf").exists()


def test_cli_runs_as_a_module(tmp_path: Path) -> None:
    source = tmp_path / "kalarne.yaml"
    source.write_text(ASSESSMENT, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "assessment", "report", str(source), "-o", str(tmp_path / "r.pdf")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "r.pdf").stat().st_size > 10_000


def test_there_are_example_assessments() -> None:
    assert len(EXAMPLES) >= 4


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_gives_a_complete_report(path: Path) -> None:
    assessment = load_assessment(path)
    pdf = build_pdf(assessment, invariant=True)
    pages = page_texts(pdf)
    text = " ".join(" ".join(pages).split())
    assert " ".join(assessment.title.split()) in text
    for conflict in assessment.conflicts:
        assert conflict.id in text
    for measure in assessment.measures:
        assert " ".join(measure.text.split())[:40] in text
    for actor in assessment.actors:
        assert " ".join(actor.name.split())[:30] in text
    summary, appendix = (
        ("Summary", "Appendix") if assessment.language == "en" else ("Sammanfattning", "Bilaga")
    )
    assert summary in text and appendix in text
    assert 5 <= len(pages) <= 60
