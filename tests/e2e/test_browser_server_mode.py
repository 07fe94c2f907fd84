"""Server mode in real headless Chromium: two people log in (local logins) on one assessment; what
the participant adds appears on the facilitator's screen within seconds, without a reload."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from assessment.domain import Assessment, Kind
from assessment.storage import Role, open_store
from tests.e2e.conftest import AppServer, sidebar_page, start_app_server, wait_idle

pytestmark = pytest.mark.browser

PASSWORD = "workshop-Krokom-2026"
MEASURE = "Samråd med samebyn <b>Ŋ</b> & Länsstyrelsen"
LIVE_SECONDS = 2


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[AppServer, str]]:
    data_dir: Path = tmp_path_factory.mktemp("server-mode")
    store = open_store(f"sqlite:///{data_dir / 'assessments.db'}")
    root = store.local_user()
    store.create_workspace(root, "krokom", "Krokoms kommun")
    for username in ("anna", "bo"):
        store.add_user(root, username, username.title(), password=PASSWORD)
        store.grant(root, "krokom", username, Role.editor)
    stored = store.create(
        root, Assessment(title="Vindkraft i Krokom", kind=Kind.project, date=dt.date(2026, 3, 1)), "krokom"
    )
    for user in (store.authenticate_local("anna", PASSWORD), store.authenticate_local("bo", PASSWORD)):
        store.set_ui_state(user, {"assessment_id": stored.id, "page": "measures"})
    store.close()
    with pytest.MonkeyPatch.context() as env:
        env.setenv("ASSESSMENT_AUTH", "local")
        env.setenv("ASSESSMENT_LIVE_SECONDS", str(LIVE_SECONDS))
        app = start_app_server(data_dir)
    try:
        yield app, stored.id
    finally:
        app.stop()


def log_in(page: Any, url: str, username: str) -> None:
    page.goto(url)
    wait_idle(page)
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    wait_idle(page)
    page.locator("[data-testid='stSidebar']").get_by_text(f"Inloggad som {username.title()}").wait_for()


def values(locator: Any) -> list[str]:
    """The values of the matching fields; while Streamlit redraws, the old one may still be there."""
    found: list[str] = []
    for element in locator.all():
        try:
            found.append(element.input_value(timeout=1_000))
        except Exception:  # detached by the redraw in the meantime
            continue
    return found


def commit(page: Any, field: Any, text: str) -> None:
    field.click()
    field.fill(text)
    field.press("Tab")
    wait_idle(page)


def measure_text(page: Any) -> Any:
    return page.locator("[class*='-m-M1-text'] textarea")


def test_participants_addition_appears_on_the_facilitators_screen(
    server: tuple[AppServer, str], browser: Any, screenshot: Any
) -> None:
    app, _ = server
    contexts = [
        browser.new_context(viewport={"width": 1440, "height": 900}, locale="sv-SE") for _ in range(2)
    ]
    try:
        facilitator, participant = (c.new_page() for c in contexts)
        for page in (facilitator, participant):
            page.set_default_timeout(20_000)

        facilitator.goto(app.url)
        wait_idle(facilitator)
        # The first run imports the whole app; give a busy machine time.
        facilitator.get_by_role("button", name="Logga in").wait_for(timeout=90_000)
        assert facilitator.locator("[data-testid='stSidebar'] [data-testid='stRadio']").count() == 0
        screenshot(facilitator, "server-01-login")

        log_in(facilitator, app.url, "anna")
        log_in(participant, app.url, "bo")
        facilitator.get_by_text("Live-vy").first.wait_for()
        assert measure_text(facilitator).count() == 0

        # The participant adds a measure and describes it.
        participant.get_by_role("button", name="Ny åtgärd").click()
        wait_idle(participant)
        field = measure_text(participant)
        field.click()
        field.fill(MEASURE)
        field.press("Tab")
        added_at = time.monotonic()

        # The facilitator does nothing; the live view brings it in.
        deadline = added_at + 15
        while time.monotonic() < deadline and MEASURE not in values(measure_text(facilitator)):
            facilitator.wait_for_timeout(200)
        waited = time.monotonic() - added_at
        wait_idle(facilitator)
        assert values(measure_text(facilitator)) == [MEASURE], "the addition never arrived"
        assert waited < 3 * LIVE_SECONDS + 4, f"arrived after {waited:.1f} s"
        wait_idle(participant)
        print(f"live view: participant's measure visible after {waited:.1f} s")
        screenshot(facilitator, "server-02-facilitator-live")
        screenshot(participant, "server-03-participant")

        # Both change the same field while the facilitator's live view is off: the later writer
        # is shown both values and may apply their own.
        facilitator.locator("[data-testid='stSidebar']").get_by_text("Live-vy").click()
        wait_idle(facilitator)
        commit(participant, measure_text(participant), "Deltagarens formulering")
        commit(facilitator, measure_text(facilitator), "Processledarens formulering")
        facilitator.get_by_text("Någon annan ändrade samma uppgift").wait_for()
        facilitator.get_by_text("Deltagarens formulering", exact=True).first.wait_for()
        screenshot(facilitator, "server-04-conflict")
        facilitator.get_by_role("button", name="Använd mitt värde").click()
        wait_idle(facilitator)
        assert values(measure_text(facilitator)) == ["Processledarens formulering"]
        assert facilitator.get_by_text("Någon annan ändrade samma uppgift").count() == 0

        # The history names who added what; the facilitator can hand out another code.
        sidebar_page(facilitator, "Historik")
        facilitator.get_by_role("heading", name="Jämför versioner").wait_for()
        # Revisions and the comparison of the last two.
        facilitator.locator("[data-testid='stDataFrame']").nth(1).wait_for()
        screenshot(facilitator, "server-05-history")
        sidebar_page(facilitator, "Dela och arbetsytor")
        facilitator.get_by_role("button", name="Skapa kod").click()
        wait_idle(facilitator)
        facilitator.get_by_text("Delningskod – rollen").wait_for()
        screenshot(facilitator, "server-06-share")
    finally:
        for context in contexts:
            context.close()
