"""The screening page through AppTest: example batch, a file, flags, drafts, open in full."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from assessment.domain import Assessment
from assessment.domain.assessment import Kind
from tests.unit.test_screening_helpers import csv_bytes, good_row

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "streamlit_app.py")


@pytest.fixture
def at(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("ASSESSMENT_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    app = AppTest.from_file(APP, default_timeout=120)
    app.run()
    _clean(app)
    _sidebar_radio(app, "nav_page", "nav:").set_value("screening").run()
    _clean(app)
    return app


def _sidebar_radio(at: AppTest, key: str, prefix: str) -> Any:
    """The sidebar radio by its key (the app may version keys as ``<prefix><suffix>``)."""
    for radio in at.sidebar.radio:
        if radio.key == key or (radio.key or "").startswith(prefix):
            return radio
    raise AssertionError(f"no sidebar radio {key!r}")


def _clean(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def _texts(at: AppTest) -> str:
    parts = [e.value for e in (*at.error, *at.warning, *at.info, *at.success, *at.markdown, *at.caption)]
    parts += [e.value for e in at.text]
    return "\n".join(str(p) for p in parts)


def test_example_batch_shows_flags_rejected_rows_and_drafts(at: AppTest) -> None:
    assert "Ingen granskning ännu" in _texts(at)
    at.button(key="screening_demo").click().run()
    _clean(at)
    run = at.session_state["_screening_run"]
    assert (run.rows_in, run.rows_out, run.rows_rejected) == (11, 10, 1)
    text = _texts(at)
    assert "Rad 12, fält amount" in text and "ca 300 tkr" in text
    # The first application (Kälarne) has its flags shown with reasons.
    at.selectbox(key="screening_pick").set_value("D-02").run()
    _clean(at)
    text = _texts(at)
    assert "Bara positiv påverkan" in text
    assert "Har ni bedömt" in text
    area = at.text_area(key="screening_motivation:D-02:sv")
    assert area.value.startswith("UTKAST")
    assert "Mest integrerad: **social** hållbarhet" in text


def test_uploaded_file_is_screened_and_motivation_edits_are_kept(at: AppTest) -> None:
    data = csv_bytes([good_row("U1", applicant="<b>Sámi ŋđčŧï</b>"), good_row("U2", amount="abc")])
    at.selectbox(key="screening_call").set_value("eruf_project").run()
    at.session_state["_screening_source"] = ("batch.csv", data)
    at.run()
    _clean(at)
    run = at.session_state["_screening_run"]
    assert (run.rows_in, run.rows_out, run.rows_rejected) == (2, 1, 1)
    key = "screening_motivation:U1:sv"
    at.text_area(key=key).input("Min egen motivering.").run()
    _clean(at)
    at.toggle(key="screening_only_flagged").set_value(True).run()
    _clean(at)
    assert at.text_area(key=key).value == "Min egen motivering."
    assert at.session_state["_screening_edits"]["U1"] == "Min egen motivering."
    # The download carries the officer's text, not the draft.
    assert run.edited["U1"] == "Min egen motivering."
    xlsx = at.session_state["_screening_files"][(".xlsx", "sv")]
    import io

    import openpyxl

    values = list(openpyxl.load_workbook(io.BytesIO(xlsx)).worksheets[0].iter_rows(values_only=True))
    assert values[1][17] == "Min egen motivering."


def test_switching_to_english_translates_flags(at: AppTest) -> None:
    at.button(key="screening_demo").click().run()
    _sidebar_radio(at, "ui_lang", "lang:").set_value("en").run()
    _clean(at)
    at.selectbox(key="screening_pick").set_value("D-02").run()
    text = _texts(at)
    assert "Only positive impacts" in text and "Have you assessed" in text
    assert at.text_area(key="screening_motivation:D-02:en").value.startswith("DRAFT")


def test_open_in_full_creates_application_assessment_in_the_wizard(at: AppTest) -> None:
    at.button(key="screening_demo").click().run()
    at.selectbox(key="screening_pick").set_value("D-06").run()
    at.button(key="screening_open:D-06").click().run()
    _clean(at)
    assessment = at.session_state["_assessment"]
    assert isinstance(assessment, Assessment)
    assert assessment.kind == Kind.application and assessment.title == "Solcellspark vid Sveg"
    assert {r.ref: r.impact for r in assessment.sdg} == {"sdg:7": 3, "sdg:13": 2, "sdg:15": -1}
    assert at.session_state["nav_page"] == "rus"


def test_pdf_is_made_on_request(at: AppTest) -> None:
    at.button(key="screening_demo").click().run()
    at.button(key="screening_make_pdf").click().run()
    _clean(at)
    files = at.session_state["_screening_files"]
    assert files[(".pdf", "sv")].startswith(b"%PDF")
    assert files[(".xlsx", "sv")][:2] == b"PK"


def test_broken_call_profile_is_shown_not_crashed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from assessment.screening import calls

    folder = tmp_path / "calls"
    folder.mkdir()
    (folder / "bad.yaml").write_text("id: bad\nname: [unclosed\n", encoding="utf-8")
    monkeypatch.setattr(calls, "CALLS_DIR", folder)
    monkeypatch.setenv("ASSESSMENT_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    app = AppTest.from_file(APP, default_timeout=120)
    app.run()
    _sidebar_radio(app, "nav_page", "nav:").set_value("screening").run()
    _clean(app)
    assert any("bad.yaml" in e.value for e in app.error)
