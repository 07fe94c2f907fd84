"""Workshop mode in real headless Chromium: a facilitator on a projector-sized screen and three
participants (two phones, one laptop) who join by link. They score privately, the facilitator sees
the votes arrive, reveals, locks with the agreed score, and exports the matrix as CSV."""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from playwright.sync_api import expect

from assessment.analysis import parse_matrix
from assessment.domain import Assessment, Kind
from assessment.storage import Role, open_store
from assessment.ui.pages.workshop_vote import cell_order
from tests.e2e.conftest import AppServer, failure_evidence, start_app_server, wait_idle

pytestmark = pytest.mark.browser

PASSWORD = "workshop-Krokom-2026"
CODES = ["6", "8", "9", "13", "14"]
PROJECTOR = {"width": 1920, "height": 1080}
PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 768}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[AppServer, str, str, str]]:
    data_dir: Path = tmp_path_factory.mktemp("workshop")
    store = open_store(f"sqlite:///{data_dir / 'assessments.db'}")
    root = store.local_user()
    store.create_workspace(root, "krokom", "Krokoms kommun")
    anna = store.add_user(root, "anna", "Anna", password=PASSWORD)
    store.grant(root, "krokom", "anna", Role.editor)
    for n in range(1, 4):
        store.add_user(root, f"p{n}", f"Deltagare {n}", password=PASSWORD)
    stored = store.create(
        anna, Assessment(title="Fiskodling i Krokom", kind=Kind.project, date=dt.date(2026, 3, 1)), "krokom"
    )
    info = store.create_workshop(anna, stored.id, CODES, title="Workshop fiskodling", anonymous=False)
    code = store.create_share(anna, stored.id, Role.viewer, dt.datetime.now(dt.UTC) + dt.timedelta(hours=4))
    store.set_ui_state(anna, {"assessment_id": stored.id, "page": "workshop"})
    store.close()
    with pytest.MonkeyPatch.context() as env:
        env.setenv("ASSESSMENT_AUTH", "local")
        app = start_app_server(data_dir)
    try:
        yield app, stored.id, info.id, code
    finally:
        app.stop()


def log_in(page: Any, url: str, username: str) -> None:
    page.goto(url)
    wait_idle(page)
    page.get_by_role("button", name="Logga in").wait_for(timeout=90_000)
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    # The facilitator's first page (matrix, charts, live view) is heavy on a loaded machine.
    wait_idle(page, timeout=60)


def main_text(page: Any) -> str:
    return str(page.locator("[data-testid='stMain']").inner_text())


def wait_for_text(page: Any, text: str, timeout: float = 10.0) -> float:
    """Seconds until ``text`` shows in the main area (fails after ``timeout``)."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if text in main_text(page):
            return time.monotonic() - start
        page.wait_for_timeout(200)
    raise AssertionError(f"{text!r} did not appear within {timeout} s")


def test_facilitator_and_three_participants_score_reveal_lock_and_export(
    server: tuple[AppServer, str, str, str], browser: Any, screenshot: Any
) -> None:
    app, _, workshop_id, code = server
    sizes = [PROJECTOR, PHONE, PHONE, LAPTOP]
    contexts = [browser.new_context(viewport=size, locale="sv-SE", accept_downloads=True) for size in sizes]
    try:
        facilitator, *participants = (c.new_page() for c in contexts)
        for page in (facilitator, *participants):
            page.set_default_timeout(30_000)
        log_in(facilitator, app.url, "anna")
        facilitator.get_by_text("Workshop: bedöm samband i en matris").wait_for()
        link = f"{app.url}/?join={code}&workshop={workshop_id}"
        for n, page in enumerate(participants, start=1):
            log_in(page, link, f"p{n}")
            page.get_by_text("Hur påverkar framsteg på").wait_for()
            # Nothing else of the app: no sidebar navigation on the participant's screen.
            assert page.locator("[data-testid='stSidebar'] [data-testid='stRadio']").count() == 0
        screenshot(participants[0], "workshop-02-participant-phone-390x844")

        # Private votes on the first cell: two say +2, one says -1. The facilitator's screen
        # follows each vote within 2 s of the click (it polls every second): timed from the
        # participant's click, before waiting for the participant's own page.
        shows = ["Inga röster ännu", "1 röst ·", "2 röster ·", "3 röster ·"]  # the cell's vote line
        latencies = []
        for n, (page, label) in enumerate(zip(participants, ("+2", "+2", "−1"), strict=True), start=1):
            wait_for_text(facilitator, shows[n - 1], timeout=20)
            page.get_by_role("button", name=label).first.click()
            latencies.append(wait_for_text(facilitator, shows[n], timeout=20))
            wait_idle(page)
        print("facilitator saw each vote after " + ", ".join(f"{t:.2f}" for t in latencies) + " s")
        # 2 s target; 4 s allows the browser's redraw when the whole suite shares 2 cores.
        assert max(latencies) < 4.0, latencies
        # No participant sees another's vote before the reveal.
        for page in participants:
            assert "Gruppens röster" not in main_text(page)
        store = open_store(f"sqlite:///{app.data_dir / 'assessments.db'}")
        anna = store.authenticate_local("anna", PASSWORD)
        board = store.workshop_board(anna, workshop_id)
        ((cell, state),) = board.cells.items()
        assert sorted((v.who, v.score) for v in state.votes) == [
            ("Deltagare 1", 2),
            ("Deltagare 2", 2),
            ("Deltagare 3", -1),
        ]
        screenshot(facilitator, "workshop-01-projector-1920x1080")

        facilitator.get_by_role("button", name="Visa rösterna för alla").click()
        wait_idle(facilitator)
        back = participants[2]
        back.get_by_role("button", name="← Föregående").click()
        wait_idle(back)
        wait_for_text(back, "Gruppens röster: +2: 2, −1: 1", timeout=10)

        screenshot(facilitator, "workshop-05-projector-revealed", top=False)
        # The median (+2) is offered; the room settles on −1 after hearing the dissent.
        facilitator.locator("[data-testid='stMain'] button").filter(has_text="−1 begränsande").click()
        wait_idle(facilitator)
        facilitator.get_by_label("Reservation (avvikande mening)").fill("Deltagare 3: −1, transporterna")
        facilitator.get_by_label("Reservation (avvikande mening)").press("Tab")
        wait_idle(facilitator)
        facilitator.get_by_role("button", name="Lås med gruppens poäng").click()
        wait_idle(facilitator)
        screenshot(facilitator, "workshop-06-projector-locked", top=False)
        wait_for_text(facilitator, "Låst: −1 begränsande")
        wait_for_text(facilitator, "1 av 20 celler diskuterade")
        assert store.workshop_board(anna, workshop_id).agreed == {cell: -1}
        back.get_by_role("button", name="Nästa →").click()  # any rerun shows the lock
        wait_idle(back)
        back.get_by_role("button", name="← Föregående").click()
        wait_for_text(back, "Låst: −1 begränsande")
        screenshot(back, "workshop-04-participant-laptop-locked")

        facilitator.get_by_role("tab", name="Filer och överföring").click()
        with facilitator.expect_download() as download:
            facilitator.get_by_role("button", name="Ladda ner matrisen (CSV)").click()
        matrix = parse_matrix(Path(download.value.path()).read_text(encoding="utf-8"))
        assert matrix.codes == ("sdg:6", "sdg:8", "sdg:9", "sdg:13", "sdg:14")
        index = {c: i for i, c in enumerate(matrix.codes)}
        assert matrix.values[index[cell[0]], index[cell[1]]] == -1
        assert np.all(np.diag(matrix.values) == 0)
        facilitator.get_by_role("tab", name="Resultat").click()
        wait_idle(facilitator)
        assert "Topp 2" in main_text(facilitator)  # 5 codes: the top half
        screenshot(facilitator, "workshop-03-results-1920x1080")
        facilitator.get_by_role("tab", name="Matris").click()
        wait_idle(facilitator)
        charts = facilitator.locator("[data-testid='stPlotlyChart']:visible")
        charts.last.wait_for()
        assert charts.count() == 2  # the heat map and the network
        charts.first.scroll_into_view_if_needed()
        screenshot(facilitator, "workshop-07-matrix-heatmap", top=False)
        charts.last.scroll_into_view_if_needed()
        screenshot(facilitator, "workshop-08-matrix-network", top=False)
        store.close()
    finally:
        for context in contexts:
            context.close()


def test_digit_keys_score_for_a_participant_and_the_facilitator(
    server: tuple[AppServer, str, str, str], browser: Any, screenshot: Any
) -> None:
    """Keys 1-7 are the scale -3..+3 (4 = 0), arrows change the participant's cell; typing a digit
    in a text field types it. Shares the workshop of the test above (same file, same worker) but
    does not rely on it having run: the first cell is locked here if it is not yet."""
    app, _, workshop_id, code = server
    store = open_store(f"sqlite:///{app.data_dir / 'assessments.db'}")
    anna = store.authenticate_local("anna", PASSWORD)
    board = store.workshop_board(anna, workshop_id)
    first = cell_order(board)[0]
    if first not in board.cells or not board.cells[first].locked:
        store.lock_cell(anna, workshop_id, first, -1)
    contexts = [browser.new_context(viewport=size, locale="sv-SE") for size in (LAPTOP, PROJECTOR)]
    try:
        participant, facilitator = (c.new_page() for c in contexts)
        for page in (participant, facilitator):
            page.set_default_timeout(30_000)
        log_in(participant, f"{app.url}/?join={code}&workshop={workshop_id}", "p1")
        wait_for_text(participant, "Cell 1 av 20")
        wait_idle(participant)
        hint = "Tangentbord: 1 = −3, 4 = 0, 7 = +3 ger din röst; ← och → byter cell."
        assert hint not in main_text(participant)  # cell 1 is locked: nothing to score
        participant.keyboard.press("ArrowRight")
        wait_for_text(participant, "Cell 2 av 20")
        wait_for_text(participant, hint)
        wait_idle(participant)
        before = store.workshop_board(anna, workshop_id)
        participant.keyboard.press("6")  # +2: the vote is cast and the next cell opens
        wait_for_text(participant, "Cell 3 av 20")
        wait_idle(participant)
        after = store.workshop_board(anna, workshop_id)
        (new_cell,) = [c for c in after.cells if c not in before.cells]
        assert [(v.who, v.score) for v in after.cells[new_cell].votes] == [("Deltagare 1", 2)]
        participant.keyboard.press("ArrowLeft")
        wait_for_text(participant, "Din poäng: +2 förstärkande")
        screenshot(participant, "workshop-09-participant-keys-laptop")
        participant.keyboard.press("ArrowRight")
        wait_for_text(participant, "Cell 3 av 20")
        wait_idle(participant)

        # A digit typed into the comment field is text, not a vote.
        comment = participant.get_by_label("Kommentar (frivillig, sparas med nästa röst)")
        comment.click()
        comment.type("7 km väg")
        participant.wait_for_timeout(800)
        assert comment.input_value() == "7 km väg"
        assert "Cell 3 av 20" in main_text(participant)
        assert set(store.workshop_board(anna, workshop_id).cells) == set(after.cells)
        comment.press("Tab")  # focus leaves the field: digits score again (with the comment)
        wait_idle(participant)
        participant.keyboard.press("1")  # −3
        wait_for_text(participant, "Cell 4 av 20")
        third = store.workshop_board(anna, workshop_id)
        (voted,) = [c for c in third.cells if c not in after.cells]
        assert [(v.score, v.comment) for v in third.cells[voted].votes] == [(-3, "7 km väg")]

        # The facilitator: key 2 chooses −2 as the group's score; pressing it again keeps it.
        log_in(facilitator, app.url, "anna")
        facilitator.get_by_text("Tangentbord: 1 = −3, 4 = 0, 7 = +3 väljer gruppens poäng.").wait_for()
        wait_idle(facilitator)  # as a user would: the page has finished drawing before the key
        # A key does nothing before the keys' script runs or while the scale is not drawn (a loaded
        # run: the scale's container was there but empty when wait_idle returned, and the lock took
        # the median, −3): the user presses a key on the scale they see.
        facilitator.wait_for_function("() => window.__rusScoreKeysOn === true")
        expect(facilitator.locator(".st-key-ws_agreed_scale button")).to_have_count(7)
        chosen = facilitator.locator(".st-key-ws_agreed_scale button[aria-checked='true']")
        facilitator.keyboard.press("2")
        wait_idle(facilitator)
        expect(chosen).to_have_text(re.compile(r"^\s*−2"))  # what the facilitator sees chosen
        facilitator.keyboard.press("2")
        wait_idle(facilitator)
        expect(chosen).to_have_text(re.compile(r"^\s*−2"))
        agreed_before = dict(store.workshop_board(anna, workshop_id).agreed)
        facilitator.get_by_role("button", name="Lås med gruppens poäng").click()
        wait_idle(facilitator)
        wait_for_text(facilitator, "Låst: −2 motverkande", timeout=20)
        agreed = store.workshop_board(anna, workshop_id).agreed
        assert [s for c, s in agreed.items() if c not in agreed_before] == [-2]
        screenshot(facilitator, "workshop-10-projector-key-locked", top=False)
    except BaseException:
        seen = {"participant": locals().get("participant"), "facilitator": locals().get("facilitator")}
        for name, shown in seen.items():
            if shown is not None:
                print(
                    f"the {name}'s page at the failure:", failure_evidence(shown, f"digit_keys_{name}", app)
                )
        raise
    finally:
        store.close()
        for context in contexts:
            context.close()
