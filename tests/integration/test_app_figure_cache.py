"""Figures are built once per saved version: a rerun without a change reuses the picture, a
change of the assessment (or the language) builds a new one that shows the change."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "streamlit_app.py")


@pytest.fixture
def at(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("ASSESSMENT_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    app = AppTest.from_file(APP, default_timeout=120)
    app.run()
    app.button(key="example:kalarne_drivmedel.yaml").click().run()
    _clean(app)
    return app


def _clean(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def _goto(at: AppTest, page: str) -> None:
    next(r for r in at.sidebar.radio if str(r.key).startswith("nav:")).set_value(page).run()
    _clean(at)


def _figure(at: AppTest) -> object:
    return at.session_state["_graph_figure_cache"][2]


def test_graph_figure_is_reused_until_the_assessment_changes(at: AppTest) -> None:
    _goto(at, "graph")
    first = _figure(at)
    at.run()
    assert _figure(at) is first
    badges_before = {a.text for a in first.layout.annotations if a.bgcolor}  # type: ignore[attr-defined]
    _goto(at, "sdg")
    at.button(key="sdgtile4").click().run()
    gen = at.session_state["_gen"]
    at.segmented_control(key=f"w{gen}:sdg:sdg:4:impact").set_value(-3).run()
    _clean(at)
    _goto(at, "graph")
    changed = _figure(at)
    assert changed is not first
    badges = {a.text for a in changed.layout.annotations if a.bgcolor}  # type: ignore[attr-defined]
    assert "<b>−3</b>" in badges - badges_before
    next(r for r in at.sidebar.radio if str(r.key).startswith("lang:")).set_value("en").run()
    _clean(at)
    english = _figure(at)
    assert english is not changed and "Quality education" in english.to_json()  # type: ignore[attr-defined]


def test_portfolio_views_and_figure_are_reused_until_the_selection_changes(at: AppTest) -> None:
    _goto(at, "portfolio")
    next(r for r in at.radio if r.key == "pf_source").set_value("examples").run()
    _clean(at)
    first = at.session_state["_pf_figure"][2]
    views = at.session_state["_pf_views"][2]
    at.run()
    assert at.session_state["_pf_figure"][2] is first
    assert at.session_state["_pf_views"][2] is views
    at.multiselect(key="pf_mun").set_value(["Åre"]).run()
    _clean(at)
    narrowed = at.session_state["_pf_figure"][2]
    assert narrowed is not first
    assert len(at.session_state["_pf_figure"][1]) == 1
    assert len(at.session_state["_pf_views"][2]["assessments"]) == 1
