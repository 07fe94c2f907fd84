"""In the running app, user text (title, a conflict's description) shows literally: no emoji, icon,
colour, bold or HTML from what the user typed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from assessment.ui.components.text import md

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "streamlit_app.py")
COMMENT = ":red[x] :smile: **b** <b>"
# The app itself uses shortcodes for its icons; these are the ones only the user typed.
FORMATTED = re.compile(r":smile:|:red\[|\*\*b\*\*|<b>")


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ASSESSMENT_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    return tmp_path


def _clean(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def _goto(at: AppTest, page: str) -> None:
    (nav,) = [w for w in at.sidebar.radio if str(w.key).startswith("nav:")]
    nav.set_value(page).run()
    _clean(at)


def _shown(at: AppTest) -> list[str]:
    return [e.value for e in (*at.markdown, *at.caption) if not e.value.startswith("<style>")]


def test_comment_with_shortcodes_shows_literally(data_dir: Path) -> None:
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    at.text_input(key="new_title").input(COMMENT)
    at.selectbox(key="new_kind").select("project")
    at.button(key="FormSubmitter:new_assessment-Skapa och börja med steg 1").click().run()
    _clean(at)
    _goto(at, "rus")
    gen = at.session_state["_gen"]
    at.multiselect(key="rus_conflict_between").select("rus:p1").select("rus:p2")
    at.text_input(key="rus_conflict_text").input(COMMENT)
    at.button(key=f"FormSubmitter:w{gen}:rus_conflict_form-Markera målkonflikt").click().run()
    _clean(at)
    (conflict,) = at.session_state["_assessment"].conflicts
    assert conflict.description == COMMENT  # stored as typed
    escaped = md(COMMENT)
    for page in ("rus", "conflicts", "measures", "summary"):
        _goto(at, page)
        shown = _shown(at)
        assert any(escaped in text for text in shown), page
        for text in (t for t in shown if "smile" in t):  # wherever the user's text is shown
            assert not FORMATTED.search(text), (page, text)
