"""A dismissal whose finding no longer occurs is shown as stale on the findings page, with its
reason and a way to remove it, instead of being ignored."""

from __future__ import annotations

import datetime as dt
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


def _changed_case(at: AppTest) -> str:
    """Kälarne's latent conflict 9.1 -> 6.3 (cell scored −1), dismissed when it scored −2."""
    key = "latent_conflict:9.1>6.3"
    at.session_state["_assessment"].dismissals.append(
        Dismissal(finding=key, reason="Inget vattendrag <här>", cell="9.1>6.3", score=-2)
    )
    next(r for r in at.sidebar.radio if str(r.key).startswith("nav:")).set_value("graph").run()
    assert not at.exception, [e.value for e in at.exception]
    return key


@pytest.mark.parametrize(
    ("lang", "heading", "detail"),
    [
        ("sv", "Underlaget har ändrats – granska igen:", "med värdet −2; nu är det"),
        ("en", "The evidence changed – review again:", "scored −2; it is now"),
    ],
)
def test_a_dismissal_whose_cell_changed_asks_for_review_and_can_be_marked_again(
    at: AppTest, lang: str, heading: str, detail: str
) -> None:
    at.session_state["ui_lang"] = lang
    key = _changed_case(at)
    warnings = [w.value for w in at.warning if heading in w.value]
    assert len(warnings) == 1 and detail in warnings[0], [w.value for w in at.warning]
    assert "Inget vattendrag \\<här\\>" in warnings[0] or "Inget vattendrag &lt;här&gt;" in warnings[0]
    again = next(b for b in at.button if "reconfirm" in str(b.key))
    again.click().run()
    assert not at.exception, [e.value for e in at.exception]
    (stored,) = [d for d in at.session_state["_assessment"].dismissals if d.finding == key]
    assert (stored.cell, stored.score, stored.reason) == ("9.1>6.3", -1, "Inget vattendrag <här>")
    assert (stored.by, stored.date) == ("local", dt.date.today())  # who confirmed it again, today
    assert not any(heading in w.value for w in at.warning)  # dismissed again, against today's cell


def test_a_changed_dismissal_can_be_removed(at: AppTest) -> None:
    key = _changed_case(at)
    next(b for b in at.button if "unchange" in str(b.key)).click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert all(d.finding != key for d in at.session_state["_assessment"].dismissals)
    assert not any("Underlaget har ändrats" in w.value for w in at.warning)


def test_a_dismissal_records_who_made_it_and_when(at: AppTest) -> None:
    """The findings page's "not relevant here because …" stores the reason with the signed-in
    user (embedded mode: ``local``) and today's date, which the PDF appendix and the register show."""
    key = "latent_conflict:9.1>6.3"
    next(r for r in at.sidebar.radio if str(r.key).startswith("nav:")).set_value("graph").run()
    reason = next(w for w in at.text_input if "dismiss" in str(w.key) and key in str(w.key))
    reason.set_value("Inget vattendrag nära stationen").run()
    save = next(b for b in at.button if "dismiss_save" in str(b.key) and key in str(b.key))
    save.click().run()
    assert not at.exception, [e.value for e in at.exception]
    (stored,) = [d for d in at.session_state["_assessment"].dismissals if d.finding == key]
    assert (stored.reason, stored.by, stored.date) == (
        "Inget vattendrag nära stationen",
        "local",
        dt.date.today(),
    )
    assert (stored.cell, stored.score) == ("9.1>6.3", -1)


def test_dismissing_a_chain_records_both_its_steps(at: AppTest) -> None:
    """A second-order finding (shown with "visa alla") rests on two cells: the page's dismissal
    stores both, so a change of either step brings it back."""
    from assessment.analysis import findings

    chain = findings(at.session_state["_assessment"], "sv").second_order_risks[0]
    assert chain.first_cell and chain.cell and chain.first_score is not None
    next(r for r in at.sidebar.radio if str(r.key).startswith("nav:")).set_value("graph").run()
    at.toggle(key="findings_show_all").set_value(True).run()
    reason = next(w for w in at.text_input if "dismiss" in str(w.key) and chain.key in str(w.key))
    reason.set_value("Ingen sådan kedja här").run()
    next(b for b in at.button if "dismiss_save" in str(b.key) and chain.key in str(b.key)).click().run()
    assert not at.exception, [e.value for e in at.exception]
    (stored,) = [d for d in at.session_state["_assessment"].dismissals if d.finding == chain.key]
    assert (stored.first_cell, stored.first_score, stored.cell, stored.score) == (
        chain.first_cell,
        chain.first_score,
        chain.cell,
        chain.score,
    )
    assert stored.reason == "Ingen sådan kedja här"
