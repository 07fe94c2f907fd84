"""The screening page through AppTest: screening is saved, survives a reload, a re-screen keeps
the officer's edits, columns can be mapped, hints are dismissed with a reason."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

from assessment.domain import Assessment
from assessment.domain.assessment import Kind
from assessment.screening.outputs import COLUMNS, to_bytes
from assessment.storage import open_store
from tests.unit.test_screening_helpers import HEADER, csv_bytes, good_row

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "streamlit_app.py")


def _app(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("ASSESSMENT_DATA_DIR", str(data_dir))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    app = AppTest.from_file(APP, default_timeout=120)
    app.run()
    _clean(app)
    return app


@pytest.fixture
def at(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    app = _app(tmp_path, monkeypatch)
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


def _run(at: AppTest) -> Any:
    saved = at.session_state["_screening_run"]
    run = saved.run
    assert run.rows_in == run.rows_out + run.rows_rejected  # the accounting, in every test
    return saved


def _key(at: AppTest, app_id: str, part: str, lang: str = "sv") -> str:
    saved = _run(at)
    return f"scr:{saved.run_id}:{saved.version}:{app_id}:{lang}:{part}"


def _pick(at: AppTest, app_id: str) -> None:
    saved = _run(at)
    at.selectbox(key=f"screening_pick:{saved.run_id}").set_value(app_id).run()
    _clean(at)


def _screen(at: AppTest, data: bytes, name: str = "batch.csv", rerun: bool = False) -> None:
    run_id = _run(at).run_id if rerun else None
    at.session_state["_screening_source"] = (name, data, run_id)
    at.run()
    _clean(at)


def _store(data_dir: Path) -> Any:
    return open_store(f"sqlite:///{data_dir}/assessments.db")


def test_example_batch_shows_flags_apart_from_hints_and_a_decision_draft(at: AppTest) -> None:
    assert "Ingen granskning ännu" in _texts(at)
    at.button(key="screening_demo").click().run()
    _clean(at)
    saved = _run(at)
    assert (saved.run.rows_in, saved.run.rows_out, saved.run.rows_rejected) == (11, 10, 1)
    text = _texts(at)
    assert "Rad 12, kolumn E (amount)" in text and "trehundratusen" in text
    assert "Orter tolkade som kommun" in text and "Hoting → Strömsund" in text
    _pick(at, "D-02")
    text = _texts(at)
    assert "Flaggor – erbjudandets krav" in text and "Bara positiv påverkan" in text
    # Hints are apart, under their own heading, never among the flags.
    assert "Att överväga – möjliga målkonflikter" in text
    flag_alerts = [e.value for e in (*at.error, *at.warning)]
    assert not any("Har ni bedömt" in v for v in flag_alerts)
    area = at.text_area(key=_key(at, "D-02", "motivation"))
    assert area.value.startswith("Investeringen bedöms bidra till")
    assert "UTKAST" not in area.value
    assert "Mest integrerad: **social** hållbarhet" in text


def test_header_only_file_gets_a_message_and_saves_no_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = _app(tmp_path, monkeypatch)
    _sidebar_radio(at, "nav_page", "nav:").set_value("screening").run()
    at.session_state["_screening_source"] = ("bara_rubrik.csv", csv_bytes([]), None)
    at.run()
    _clean(at)
    assert [e.value for e in at.error] == [
        "bara_rubrik.csv: Filen har en rubrikrad (rad 1) men inga ansökningar under den. Lägg till en "
        "rad per ansökan och granska igen; ingenting granskades eller sparades."
    ]
    assert "_screening_run" not in at.session_state and "Ingen granskning ännu" in _texts(at)
    _sidebar_radio(at, "ui_lang", "lang:").set_value("en").run()
    at.session_state["_screening_source"] = ("header.csv", csv_bytes([]) + b";;\n", None)
    at.run()
    _clean(at)
    assert any(
        e.value.startswith("header.csv: The file has a header row (row 1) but no applications below it.")
        for e in at.error
    )
    store = _store(tmp_path)
    assert store.screening_runs(store.local_user()) == []


def test_edit_is_saved_and_survives_a_reload(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = _app(tmp_path, monkeypatch)
    _sidebar_radio(at, "nav_page", "nav:").set_value("screening").run()
    data = csv_bytes([good_row("U1", applicant="<b>Sámi ŋđčŧï</b>"), good_row("U2", amount="abc")])
    at.selectbox(key="screening_call:sv").set_value("eruf_project").run()
    _screen(at, data)
    saved = _run(at)
    assert (saved.run.rows_in, saved.run.rows_out, saved.run.rows_rejected) == (2, 1, 1)
    at.text_area(key=_key(at, "U1", "motivation")).input("Min egen motivering.").run()
    at.text_area(key=_key(at, "U1", "notes")).input("Ring sökanden om elavtalet.").run()
    _clean(at)
    # In the store at once, with who and when.
    stored = _store(tmp_path).open_screening(_store(tmp_path).local_user(), saved.run_id)
    assert stored.notes["U1"].motivation == "Min egen motivering."
    assert (
        stored.notes["U1"].notes == "Ring sökanden om elavtalet." and stored.notes["U1"].updated_by == "local"
    )
    # A reload: a new session opens the same run with the edit.
    again = _app(tmp_path, monkeypatch)
    assert again.session_state["nav_page"] == "screening"
    restored = _run(again)
    assert restored.run_id == saved.run_id
    _pick(again, "U1")
    assert again.text_area(key=_key(again, "U1", "motivation")).value == "Min egen motivering."
    assert again.text_area(key=_key(again, "U1", "notes")).value == "Ring sökanden om elavtalet."
    assert "Din text (sparad av local" in _texts(again)


def test_rescreen_keeps_edits_marks_changed_ones_and_the_download_has_the_officers_text(at: AppTest) -> None:
    first = csv_bytes([good_row("R1"), good_row("R2"), good_row("R3", amount="fel")])
    at.selectbox(key="screening_call:sv").set_value("eruf_project").run()
    _screen(at, first)
    _pick(at, "R1")
    at.text_area(key=_key(at, "R1", "motivation")).input("Handläggarens egen text för R1.").run()
    _pick(at, "R2")
    at.text_area(key=_key(at, "R2", "motivation")).input("Handläggarens egen text för R2.").run()
    _clean(at)
    before = _run(at)
    # The corrected file: R3's amount fixed, R2's social text changed.
    corrected = csv_bytes(
        [
            good_row("R1"),
            good_row("R2", social="Ny text om social hållbarhet i byn, längre än förut."),
            good_row("R3"),
        ]
    )
    _screen(at, corrected, "batch-rättad.csv", rerun=True)
    after = _run(at)
    assert after.run_id == before.run_id and after.version == 2
    assert (after.run.rows_out, after.run.rows_rejected) == (3, 0)
    assert "Ny version 2" in _texts(at) and "2 ansökningar" in _texts(at)
    assert after.run.motivation("R1") == "Handläggarens egen text för R1."
    assert after.run.motivation("R2") == "Handläggarens egen text för R2."
    assert not after.run.changed_since_edit("R1") and after.run.changed_since_edit("R2")
    # The editor and the download agree (review B1): both have the officer's text.
    _pick(at, "R2")
    assert at.text_area(key=_key(at, "R2", "motivation")).value == "Handläggarens egen text för R2."
    assert "Ansökan har ändrats i filen sedan du skrev" in _texts(at)
    values = list(
        openpyxl.load_workbook(io.BytesIO(to_bytes(after.run, ".xlsx")))
        .worksheets[0]
        .iter_rows(values_only=True)
    )
    motivation, changed = COLUMNS.index("draft_motivation"), COLUMNS.index("changed_since_edit")
    assert values[1][motivation] == "Handläggarens egen text för R1." and values[1][changed] == "nej"
    assert values[2][motivation] == "Handläggarens egen text för R2." and values[2][changed] == "ja"


def test_unknown_headers_get_a_mapping_step_that_is_saved(tmp_path: Path, at: AppTest) -> None:
    header = ["Nr", "Företagets namn", "Ort", "Pengar", "Vad", *HEADER[6:]]
    rows = [
        {
            **{k: v for k, v in good_row(f"M{i}").items() if k in HEADER[6:]},
            "Nr": f"M{i}",
            "Företagets namn": "AB",
            "Ort": "Järpen",
            "Pengar": "850 tkr",
            "Vad": "Butik",
        }
        for i in range(2)
    ]
    data = csv_bytes(rows, header=header)
    at.selectbox(key="screening_call:sv").set_value("eruf_project").run()
    _screen(at, data, "systemexport.csv")
    assert "_screening_run" not in at.session_state
    assert "Koppla filens kolumner" in [s.value for s in at.subheader]
    assert "har inte alla kolumner" in _texts(at)
    at.selectbox(key="screening_map:id").set_value("Nr")
    at.selectbox(key="screening_map:applicant").set_value("Företagets namn")
    at.selectbox(key="screening_map:amount").set_value("Pengar")
    at.selectbox(key="screening_map:title").set_value("Vad")
    at.button(key="screening_map_apply").click().run()
    _clean(at)
    saved = _run(at)
    app = saved.run.result("M0").application
    assert (app.applicant, app.amount, app.municipality, app.title) == ("AB", 850_000, "Åre", "Butik")
    store = _store(tmp_path)
    assert (
        store.column_mapping(store.local_user(), "default", "eruf_project")["företagets namn"] == "applicant"
    )
    # The next file from the same system is read with the saved mapping, without asking.
    _screen(at, data, "systemexport-v13.csv")
    assert _run(at).run_id != saved.run_id and _run(at).run.rows_out == 2


def test_hint_is_dismissed_with_a_reason_and_stays_dismissed(
    tmp_path: Path, at: AppTest, monkeypatch: pytest.MonkeyPatch
) -> None:
    at.button(key="screening_demo").click().run()
    _pick(at, "D-02")
    saved = _run(at)
    result = saved.run.result("D-02")
    assert result.hints
    hint = result.hints[0]
    at.text_input(key=_key(at, "D-02", f"why:{hint.key}")).input(
        "Ingen konsumtionsökning: odlingen ersätter import."
    ).run()
    at.button(key=_key(at, "D-02", f"dismiss:{hint.key}")).click().run()
    _clean(at)
    assert (
        _run(at).run.dismissed("D-02")[hint.key].reason
        == "Ingen konsumtionsökning: odlingen ersätter import."
    )
    assert "Avfärdade (1)" in [e.label for e in at.expander]
    store = _store(tmp_path)
    note = store.open_screening(store.local_user(), saved.run_id).notes["D-02"]
    assert note.dismissed[hint.key]["reason"].startswith("Ingen konsumtionsökning")
    # A new session shows it dismissed, and the download lists it with the reason.
    again = _app(tmp_path, monkeypatch)
    assert hint.key in _run(again).run.dismissed("D-02")
    values = list(
        openpyxl.load_workbook(io.BytesIO(to_bytes(_run(again).run, ".xlsx")))
        .worksheets[0]
        .iter_rows(values_only=True)
    )
    row = next(v for v in values if v[2] == "D-02")
    assert "Ingen konsumtionsökning" in str(row[COLUMNS.index("hints_dismissed")])
    # The dismissal keeps the cell's score it answered; when the cell scores otherwise (the
    # knowledge base changed), the hint is open again with "the evidence changed, review again".
    assert hint.score is not None and note.dismissed[hint.key]["score"] == hint.score
    other = hint.score + 1 if hint.score < -1 else hint.score - 1
    store.save_screening_note(
        store.local_user(),
        saved.run_id,
        "D-02",
        dismiss={hint.key: "Ingen konsumtionsökning: odlingen ersätter import."},
        dismiss_scores={hint.key: other},
    )
    later = _app(tmp_path, monkeypatch)
    _pick(later, "D-02")
    warnings = [w.value for w in later.warning if "Underlaget har ändrats – granska igen" in w.value]
    assert len(warnings) == 1 and "Ingen konsumtionsökning" in warnings[0]
    assert "Avfärdade (1)" not in [e.label for e in later.expander]


def test_switching_to_english_translates_flags_and_the_call_list(at: AppTest) -> None:
    at.button(key="screening_demo").click().run()
    _sidebar_radio(at, "ui_lang", "lang:").set_value("en").run()
    _clean(at)
    _pick(at, "D-02")
    text = _texts(at)
    assert "Only positive impacts" in text and "To consider – possible goal conflicts" in text
    assert at.text_area(key=_key(at, "D-02", "motivation", "en")).value.startswith(
        "The investment is considered"
    )
    options = at.selectbox(key="screening_call:en").options
    assert "ERDF project call with regional co-financing (appropriation 1:1)" in options


def test_open_in_full_creates_application_assessment_in_the_wizard(at: AppTest) -> None:
    at.button(key="screening_demo").click().run()
    _pick(at, "D-06")
    at.button(key="screening_open:D-06").click().run()
    _clean(at)
    assessment = at.session_state["_assessment"]
    assert isinstance(assessment, Assessment)
    assert assessment.kind == Kind.application and assessment.title == "Solcellspark vid Sveg"
    assert {r.ref: r.impact for r in assessment.sdg} == {"sdg:7": 3, "sdg:13": 2, "sdg:15": -1}
    assert at.session_state["nav_page"] == "rus"


def test_downloads_are_not_built_on_every_rerun(at: AppTest, monkeypatch: pytest.MonkeyPatch) -> None:
    from assessment.ui.pages import screening

    calls: list[str] = []
    monkeypatch.setattr(screening, "to_bytes", lambda run, suffix, lang="sv": calls.append(suffix) or b"x")
    at.button(key="screening_demo").click().run()
    _pick(at, "D-01")
    at.text_area(key=_key(at, "D-01", "motivation")).input("Egen text.").run()
    _clean(at)
    assert calls == []


def test_broken_call_profile_is_shown_not_crashed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from assessment.screening import calls

    folder = tmp_path / "calls"
    folder.mkdir()
    (folder / "bad.yaml").write_text("id: bad\nname: [unclosed\n", encoding="utf-8")
    monkeypatch.setattr(calls, "calls_dir", lambda: folder)
    app = _app(tmp_path, monkeypatch)
    _sidebar_radio(app, "nav_page", "nav:").set_value("screening").run()
    _clean(app)
    assert any("bad.yaml" in e.value for e in app.error)
