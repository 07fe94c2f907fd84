"""History's "what changed" speaks the user's language: list and field names in Swedish or English,
from the store and on the app's history page."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from assessment.domain import Assessment, Kind, Measure
from assessment.storage import open_store
from assessment.storage.store import describe

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "streamlit_app.py")


def test_describe_names_lists_and_fields_in_both_languages() -> None:
    summary = {
        "event": "save",
        "added": {"measures": 1, "conflicts": 2},
        "removed": {"actors": 1},
        "changed": ["title", "sdg", "schema_version"],
    }
    assert describe(summary, "sv") == (
        "+1 åtgärder; +2 målkonflikter; −1 aktörer; "
        "ändrat: titel, Agenda 2030-bedömningar, "
        "filformatets version"
    )
    assert describe(summary, "en") == (
        "+1 measures; +2 goal conflicts; −1 actors; changed: title, SDG ratings, file format version"
    )
    assert describe({"event": "create", "added": {"measures": 3}}, "sv") == "skapad"


def test_store_history_in_both_languages(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'h.db'}")
    user = store.local_user()
    plan = Assessment(title="Plan ŋ", kind=Kind.project, date=dt.date(2026, 3, 1))
    stored = store.create(user, plan)
    edited = stored.assessment.model_copy(deep=True)
    edited.measures.append(Measure(id="M1", text="Hemsändning"))
    edited.title = "Plan <b>đ</b>"
    store.save(user, stored.id, edited, stored.version)
    sv = [r.summary_of_changes for r in store.history(user, stored.id, "sv")]
    en = [r.summary_of_changes for r in store.history(user, stored.id, "en")]
    assert sv == ["+1 åtgärder; ändrat: titel", "skapad"]
    assert en == ["+1 measures; changed: title", "created"]
    store.close()


@pytest.mark.parametrize(("lang", "expected"), [("sv", "+1 åtgärder"), ("en", "+1 measures")])
def test_history_page_shows_changes_in_the_ui_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str, expected: str
) -> None:
    monkeypatch.setenv("ASSESSMENT_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    at.text_input(key="new_title").input("Historik")
    at.selectbox(key="new_kind").select("project")
    at.button(key="FormSubmitter:new_assessment-Skapa och börja med steg 1").click().run()
    (nav,) = [w for w in at.sidebar.radio if str(w.key).startswith("nav:")]
    nav.set_value("measures").run()
    at.button(key="add_measure").click().run()
    (lang_radio,) = [w for w in at.sidebar.radio if str(w.key).startswith("lang:")]
    lang_radio.set_value(lang).run()
    (nav,) = [w for w in at.sidebar.radio if str(w.key).startswith("nav:")]
    nav.set_value("history").run()
    assert not at.exception, [e.value for e in at.exception]
    table = at.dataframe[0]  # the revisions table (the comparison below has its own)
    changes = [str(v) for v in table.value.iloc[:, -1]]
    assert any(c.startswith(expected) for c in changes), changes
