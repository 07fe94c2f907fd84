"""Server mode: someone who only joined an assessment by share code (no workspace of their own)
gets a clear message, not a traceback, when trying to create one on the start page."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from assessment.domain import Assessment, Kind
from assessment.storage import Role, open_store

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "streamlit_app.py")
PASSWORD = "workshop-Krokom-2026"


def test_creating_without_a_writable_workspace_explains_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ASSESSMENT_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("ASSESSMENT_LIVE", raising=False)
    monkeypatch.setenv("ASSESSMENT_AUTH", "local")
    store = open_store()
    root = store.local_user()
    store.create_workspace(root, "krokom", "Krokoms kommun")
    anna = store.add_user(root, "anna", "Anna", password=PASSWORD)
    cleo = store.add_user(root, "cleo", "Cleo ŋ đ", password=PASSWORD)
    store.grant(root, "krokom", "anna", Role.editor)
    shared = store.create(
        anna, Assessment(title="Krokomsplanen", kind=Kind.project, date=dt.date(2026, 3, 1)), "krokom"
    )
    code = store.create_share(anna, shared.id, Role.editor, dt.datetime.now(dt.UTC) + dt.timedelta(days=7))
    store.redeem_share(cleo, code)
    assert store.workspaces(cleo) == []  # a grant on one assessment, no workspace to create in

    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    at.text_input(key="login_username").input("cleo")
    at.text_input(key="login_password").input(PASSWORD)
    at.button(key="FormSubmitter:login-Logga in").click().run()
    assert not at.exception, [e.value for e in at.exception]
    at.text_input(key="new_title").input("Min egen <b>plan</b>")
    at.button(key="FormSubmitter:new_assessment-Skapa och börja med steg 1").click().run()
    assert not at.exception, [e.value for e in at.exception]
    errors = " ".join(e.value for e in at.error)
    assert "Du har ingen arbetsyta där du får skapa bedömningar." in errors
    assert "Öppna sparad" in errors
    assert [s.title for s in store.list(cleo)] == ["Krokomsplanen"]  # nothing was created
    store.close()
