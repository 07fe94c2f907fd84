"""One truth for "x of y issues addressed": the app's step 4 and summary, the PDF report and
`python -m assessment analyse --json` all give the figure of `assessment.analysis.coverage`."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest
from streamlit.testing.v1 import AppTest

from assessment.analysis import coverage
from assessment.fileio import load_assessment
from assessment.report import build_pdf

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "streamlit_app.py")
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ASSESSMENT_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    return tmp_path


def _goto(at: AppTest, page: str) -> None:
    (nav,) = [w for w in at.sidebar.radio if str(w.key).startswith("nav:")]
    nav.set_value(page).run()
    assert not at.exception, [e.value for e in at.exception]


def _app_figures(example: Path) -> tuple[str, str]:
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    at.button(key=f"example:{example.name}").click().run()
    assert not at.exception, [e.value for e in at.exception]
    _goto(at, "measures")
    (step4,) = [m.value for m in at.metric if m.label == "Hanterade"]
    _goto(at, "summary")
    (summary,) = [m.value for m in at.metric if m.label == "Hanterade frågor"]
    return step4, summary


def _pdf_figure(example: Path) -> tuple[int, int]:
    pdf = build_pdf(load_assessment(example), "en")
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    match = re.search(r"Issues\s+addressed:\s+(\d+)\s+of\s+(\d+)", " ".join(text.split()))
    assert match, text[:2000]
    return int(match.group(1)), int(match.group(2))


def _cli_figure(example: Path) -> tuple[int, int]:
    done = subprocess.run(
        [sys.executable, "-m", "assessment", "analyse", str(example), "--json"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    data = json.loads(done.stdout)["coverage"]
    return int(data["addressed"]), int(data["total"])


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_app_pdf_and_cli_give_the_same_coverage(data_dir: Path, example: Path) -> None:
    cov = coverage(load_assessment(example))
    assert cov.total > 0
    expected = (cov.addressed, cov.total)
    step4, summary = _app_figures(example)
    assert step4 == summary == f"{cov.addressed} / {cov.total}"
    assert _pdf_figure(example) == expected
    assert _cli_figure(example) == expected


def test_kalarne_is_six_of_seven_everywhere(data_dir: Path) -> None:
    # See test_analysis_examples for the reasoning behind 6 of 7.
    example = ROOT / "examples" / "kalarne_drivmedel.yaml"
    assert _app_figures(example) == ("6 / 7", "6 / 7")
    assert _pdf_figure(example) == _cli_figure(example) == (6, 7)
