"""Workshop pages through AppTest: the facilitator sets up a matrix, sees private votes arrive,
reveals, locks and hands the agreed scores over; a participant (logged in, joined by share code)
scores one cell at a time and never sees hidden votes; the participant view shows nothing else."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from assessment.domain import Assessment
from assessment.storage import Role, Store, User, open_store

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "streamlit_app.py")
PASSWORD = "workshop-Krokom-2026"
SECRET = "HEMLIG <b>&amp;</b> ŋ đ"
CELL = ("sdg:8", "sdg:13")


def clean(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def texts(at: AppTest) -> str:
    shown = [e.value for e in (*at.markdown, *at.caption, *at.info, *at.success, *at.warning)]
    return "\n".join(str(v) for v in shown if not str(v).startswith("<style>"))


def case() -> Assessment:
    return Assessment.model_validate(
        {
            "title": "Fiskodling i Krokom",
            "sdg": [
                {"goal": 8, "impact": 2},
                {"goal": 9, "impact": 1},
                {"goal": 13, "impact": -1},
                {"goal": 6, "impact": -1},
                {"goal": 14, "impact": 1},
            ],
        }
    )


@pytest.fixture
def embedded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Store, str]]:
    monkeypatch.setenv("ASSESSMENT_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("ASSESSMENT_AUTH", "none")
    store = open_store()
    local = store.local_user()
    stored = store.create(local, case())
    store.set_ui_state(local, {"assessment_id": stored.id, "page": "workshop"})
    try:
        yield store, stored.id
    finally:
        store.close()


@pytest.fixture
def facilitated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Store, str, list[User]]]:
    """Server mode: Anna (editor of the workspace) facilitates; two participants exist."""
    monkeypatch.setenv("ASSESSMENT_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("ASSESSMENT_AUTH", "local")
    monkeypatch.setenv("ASSESSMENT_LIVE", "0")
    store = open_store()
    root = store.local_user()
    store.create_workspace(root, "krokom", "Krokoms kommun")
    anna = store.add_user(root, "anna", "Anna", password=PASSWORD)
    store.grant(root, "krokom", "anna", Role.editor)
    stored = store.create(anna, case(), "krokom")
    store.set_ui_state(anna, {"assessment_id": stored.id, "page": "workshop"})
    people = [store.add_user(root, f"p{i}", f"Deltagare {i}") for i in range(2)]
    try:
        yield store, stored.id, people
    finally:
        store.close()


def test_facilitator_sets_up_scores_reveals_locks_and_hands_over(
    facilitated: tuple[Store, str, list[User]],
) -> None:
    store, assessment_id, people = facilitated
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    login(at, "anna")
    assert at.session_state["nav_page"] == "workshop"
    codes = at.multiselect(key="ws_new_codes")
    assert {"sdg:8", "sdg:13", "sdg:6"} <= set(codes.value)  # suggested from step 2
    at.text_input(key="ws_new_title").input("Workshop <b>2 dec</b>")
    at.toggle(key="ws_new_anonymous").set_value(False)
    at.button(key="FormSubmitter:ws_new-Skapa matrisen").click().run()
    clean(at)
    anna = store.authenticate_local("anna", PASSWORD)
    (info,) = store.workshops(anna, assessment_id)
    assert info.title == "Workshop <b>2 dec</b>" and not info.anonymous
    assert "0 av" in at.get("progress")[0].proto.text  # coverage bar: nothing discussed yet

    # Two people join with a code and vote privately (through the calls their view makes).
    code = store.create_share(
        anna, assessment_id, Role.viewer, dt.datetime.now(dt.UTC) + dt.timedelta(hours=2)
    )
    for person in people:
        store.redeem_share(person, code)
    store.cast_vote(people[0], info.id, CELL, -2, SECRET)
    store.cast_vote(people[1], info.id, CELL, 2)
    at.run()
    clean(at)
    at.selectbox(key="ws_cell_pick").set_value(CELL).run()
    clean(at)
    shown = texts(at)
    # The facilitator sees the spread at once, and what made it polarised.
    assert "2 röster · polariserad: 1 positiv och 1 negativ av 2 röster (50 % och 50 %;" in shown
    assert "HEMLIG" in shown and "<b>" not in shown.replace("\\<b\\>", "")  # escaped, literal
    # One voted cell among the top five: the batch button says so in the singular.
    assert at.button(key="ws_reveal_batch").label == "Visa rösterna för den översta cellen"
    # The triage grid gives the spread column room for its longest word ("polariserad").
    columns = json.loads(at.dataframe[0].proto.columns)
    assert columns["Spridning"]["width"] >= 8 * len("polariserad") + 16
    assert columns["Varför nu"]["width"] == "large"
    at.button(key="ws_reveal_one").click().run()
    clean(at)
    assert store.workshop_board(people[1], info.id).cells[CELL].spread is not None
    at.segmented_control(key="ws_agreed|sdg:8|sdg:13").set_value(-1)
    at.text_input(key="ws_lock_comment|sdg:8|sdg:13").input("Transporterna väger tyngst")
    at.text_input(key="ws_dissent|sdg:8|sdg:13").input("Deltagare 1: +2")
    at.button(key="ws_lock").click().run()
    clean(at)
    board = store.workshop_board(anna, info.id)
    assert board.agreed == {CELL: -1} and board.cells[CELL].dissent == "Deltagare 1: +2"
    assert "1 av" in at.get("progress")[0].proto.text

    # Results and the hand-over to the assessment's own interactions.
    assert any("Topp 5" in str(e.value) for e in (*at.success, *at.warning))
    at.button(key="ws_apply").click().run()
    clean(at)
    own = store.get(anna, assessment_id).assessment.interactions
    assert [(i.source, i.to, i.score) for i in own] == [("sdg:8", "sdg:13", -1)]
    assert "Transporterna väger tyngst" in own[0].note and "Reservation: Deltagare 1: +2" in own[0].note
    at.button(key="ws_invite").click().run()
    clean(at)
    assert any("join=" in str(c.value) and "workshop=" in str(c.value) for c in at.code)


def test_english_facilitator_page(embedded: tuple[Store, str]) -> None:
    """Switched to English in the sidebar, the facilitator page speaks English throughout."""
    store, assessment_id = embedded
    store.create_workshop(store.local_user(), assessment_id, ["6", "8", "9", "13", "14"])
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    clean(at)
    assert [h.value for h in at.header] == ["Workshop: bedöm samband i en matris"]
    (switch,) = [r for r in at.sidebar.radio if str(r.key).startswith("lang:")]
    switch.set_value("en").run()
    clean(at)
    assert [h.value for h in at.header] == ["Workshop: score interactions in a matrix"]
    labels = {b.label for b in at.button}
    assert {"Create the matrix", "Reveal the votes to everyone", "Lock with the group's score"} <= labels
    assert not labels & {"Skapa matrisen", "Visa rösterna för alla"}
    assert at.get("progress")[0].proto.text == "0 of 20 cells discussed"  # 5 goals: 5 · 4 ordered pairs
    assert {"Cell", "Spread", "Why now"} <= set(json.loads(at.dataframe[0].proto.columns))
    shown = texts(at)
    assert "No votes yet (or hidden)." in shown and "Inga röster" not in shown


@pytest.fixture
def server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Store, str, str]]:
    monkeypatch.setenv("ASSESSMENT_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("ASSESSMENT_AUTH", "local")
    monkeypatch.setenv("ASSESSMENT_LIVE", "0")
    store = open_store()
    root = store.local_user()
    store.create_workspace(root, "krokom", "Krokoms kommun")
    anna = store.add_user(root, "anna", "Anna", password=PASSWORD)
    store.grant(root, "krokom", "anna", Role.editor)
    stored = store.create(anna, case(), "krokom")
    info = store.create_workshop(anna, stored.id, ["6", "8", "9", "13", "14"], title="Krokom")
    code = store.create_share(anna, stored.id, Role.viewer, dt.datetime.now(dt.UTC) + dt.timedelta(hours=2))
    try:
        yield store, info.id, code
    finally:
        store.close()


def login(at: AppTest, username: str) -> None:
    at.text_input(key="login_username").input(username)
    at.text_input(key="login_password").input(PASSWORD)
    at.button(key="FormSubmitter:login-Logga in").click().run()
    clean(at)


def test_participant_scores_one_cell_at_a_time_and_sees_no_hidden_vote(
    server: tuple[Store, str, str],
) -> None:
    store, workshop_id, code = server
    root = store.local_user()
    store.add_user(root, "pia", "Pia", password=PASSWORD)
    other = store.add_user(root, "olle", "Olle")
    store.redeem_share(other, code)
    store.cast_vote(other, workshop_id, CELL, -3, SECRET)
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["join"] = code
    at.query_params["workshop"] = workshop_id
    at.run()
    login(at, "pia")
    clean(at)
    assert not [r for r in at.radio if str(r.key).startswith("nav:")]  # nothing else of the app
    assert "Hur påverkar framsteg på" in texts(at)
    first = at.session_state["_ws_cell_index"]
    assert first == 0
    vote_buttons = [b for b in at.button if str(b.key).startswith("ws_vote|")]
    assert len(vote_buttons) == 7
    source, target = str(vote_buttons[0].key).split("|")[1:3]
    vote_buttons[0].click().run()  # +3, the first button
    clean(at)
    pia = store.authenticate_local("pia", PASSWORD)
    assert store.workshop_board(pia, workshop_id).mine[(source, target)].score == 3
    assert at.session_state["_ws_cell_index"] == 1  # on to the next cell
    # Walk every cell: the other participant's hidden vote and comment never appear.
    for _ in range(25):
        assert "HEMLIG" not in texts(at) and "−3: 1" not in texts(at)
        at.button(key="ws_next").click().run()
        clean(at)
    at.segmented_control(key="_ws_mode").set_value("dots").run()
    clean(at)
    assert "prickar kvar" in texts(at)
