"""A dismissal whose finding no longer occurs is shown as stale on the findings page, with its
reason and a way to remove it, instead of being ignored."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from assessment.domain import Dismissal

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "streamlit_app.py")


@pytest.fixture
def at(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("ASSESSMENT_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    app = AppTest.from_file(APP, default_timeout=120)
    app.run()
    app.button(key="example:kalarne_drivmedel.yaml").click().run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def test_stale_dismissal_is_shown_and_can_be_removed(at: AppTest) -> None:
    gone = "latent_conflict:9.1>14.1"  # never found: Jämtland is inland
    at.session_state["_assessment"].dismissals.append(Dismissal(finding=gone, reason="Gammalt skäl"))
    next(r for r in at.sidebar.radio if str(r.key).startswith("nav:")).set_value("graph").run()
    assert not at.exception, [e.value for e in at.exception]
    texts = [m.value for m in at.markdown]
    assert any("Inaktuell markering" in t and "Gammalt skäl" in t for t in texts), [
        t for t in texts if "skäl" in t
    ]
    remove = next(b for b in at.button if str(b.key).find("unstale") >= 0)
    remove.click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert all(d.finding != gone for d in at.session_state["_assessment"].dismissals)
    assert not any("Inaktuell markering" in m.value for m in at.markdown)
