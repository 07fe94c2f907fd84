"""Typing into the actor table (a canvas grid) like a person, in real headless Chromium, and
adding measures; after every action the store must hold exactly what was typed."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import expect

from assessment.domain import Assessment
from assessment.storage import open_store
from tests.e2e.conftest import AppServer
from tests.e2e.test_browser_wizard import commit_text, main, sidebar_page

pytestmark = pytest.mark.browser

# Horizontal centres of the grid's columns, from its left edge, at the 1440 px wide page.
X = {"marker": 16, "name": 130, "role": 268, "influence": 370, "interest": 490}
ROW = 35  # the grid's row (and header) height in px


def wait_idle(page: Any, timeout: float = 20.0) -> None:
    """`tests.e2e.conftest.wait_idle` with shorter polls (this test waits after every keystroke
    group): the script run is over and nothing changed for three polls in a row."""
    deadline = time.monotonic() + timeout
    last, steady = -1, 0
    while time.monotonic() < deadline:
        page.wait_for_timeout(100)
        busy = (
            page.locator("[data-testid='stStatusWidget']").count()
            + page.locator("[data-stale='true']").count()
        )
        count = page.locator("[data-testid='stElementContainer']").count()
        steady = steady + 1 if (count == last and not busy) else 0
        last = count
        if steady >= 3:
            return
    raise AssertionError("the app did not finish running in time")


def saved(server: AppServer) -> Assessment:
    store = open_store(f"sqlite:///{server.data_dir / 'assessments.db'}")
    user = store.local_user()
    summaries = store.list(user)
    assert len(summaries) == 1
    return store.get(user, summaries[0].id).assessment


def eventually(check: Callable[[], Any], expected: Any, timeout: float = 10.0) -> None:
    """Assert that ``check()`` returns ``expected`` within ``timeout`` s (a save lands when the
    script run that follows the browser's edit has finished)."""
    deadline = time.monotonic() + timeout
    value = check()
    while value != expected and time.monotonic() < deadline:
        time.sleep(0.2)
        value = check()
    assert value == expected


def actors(server: AppServer) -> list[tuple[str, str, int, int]]:
    return [(a.name, a.role, a.influence, a.interest) for a in saved(server).actors]


class Grid:
    def __init__(self, page: Any) -> None:
        self.page = page
        self.locator = main(page).locator("[data-testid='stDataFrame']").first

    def click(self, row: int, column: str) -> None:
        box = self.locator.bounding_box()
        self.page.mouse.click(box["x"] + X[column], box["y"] + ROW * (row + 1) + ROW // 2)
        self.page.wait_for_timeout(150)

    def type(self, row: int, column: str, text: str, commit: str = "Enter") -> None:
        """Select the cell, type (which opens its editor), check that the editor shows the text
        (as a person would look) and commit. A click that only closed a previous cell's menu is
        repeated, like a person clicks again."""
        editor = self.page.locator("#portal textarea, #portal input").first
        for _attempt in range(3):
            self.click(row, column)
            self.page.keyboard.type(text, delay=20)
            try:
                expect(editor).to_have_value(text, timeout=2_000)
                break
            except AssertionError:
                self.page.keyboard.press("Escape")
                wait_idle(self.page)
        else:
            raise AssertionError(f"could not type into the cell ({row}, {column})")
        self.page.keyboard.press(commit)
        wait_idle(self.page)

    def add_row(self) -> None:
        self.locator.hover()
        self.locator.get_by_role("button", name="Add row").click()
        self.page.wait_for_timeout(300)

    def add_actor(self, row: int, name: str, role: str, influence: int, interest: int) -> None:
        self.add_row()
        self.type(row, "name", name, commit="Tab")  # Tab moves on to the role cell
        self.page.keyboard.press("Enter")  # opens the role list
        self.page.wait_for_timeout(300)
        self.page.keyboard.type(role, delay=20)
        self.page.keyboard.press("Enter")
        wait_idle(self.page)
        self.type(row, "influence", str(influence))
        self.type(row, "interest", str(interest))

    def delete_row(self, row: int) -> None:
        self.click(row, "marker")
        self.page.keyboard.press("Delete")
        wait_idle(self.page)


def test_actor_table_and_measures_are_saved_as_typed(
    app_server: AppServer, page: Any, screenshot: Any
) -> None:
    page.goto(app_server.url)
    wait_idle(page)
    main(page).get_by_label("Titel").fill("Tabeller")
    main(page).get_by_role("button", name="Skapa och börja med steg 1").click()
    wait_idle(page)
    sidebar_page(page, "Steg 3")
    grid = Grid(page)
    grid.locator.scroll_into_view_if_needed()

    wanted = [
        ("Krokoms kommun", "affects", 4, 5),
        ("Sameby ŋđčŧï <b>", "affected", 2, 5),
        ("Trafikverket & co", "both", 5, 2),
    ]
    labels = {"affects": "Påverkar", "affected": "Påverkas", "both": "Båda"}
    for row, (name, role, influence, interest) in enumerate(wanted):
        grid.add_actor(row, name, labels[role], influence, interest)
        eventually(lambda: actors(app_server), wanted[: row + 1])

    grid.type(0, "name", "Krokoms kommun (bygg)")
    grid.type(0, "influence", "1")
    wanted[0] = ("Krokoms kommun (bygg)", "affects", 1, 5)
    eventually(lambda: actors(app_server), wanted)

    grid.delete_row(1)
    del wanted[1]
    eventually(lambda: actors(app_server), wanted)

    # A row added and deleted again before anything else must not come back.
    grid.add_row()
    grid.type(2, "name", "Tillfällig")
    eventually(lambda: [a[0] for a in actors(app_server)], [w[0] for w in wanted] + ["Tillfällig"])
    grid.delete_row(2)
    eventually(lambda: actors(app_server), wanted)
    screenshot(page, "tables-01-actors")

    # The UI shows the saved actors again after a page switch (a fresh grid from the store).
    sidebar_page(page, "Steg 4")
    for text in ("Rutt via Strömsund", "Krav på <förnybar> el & HVO"):
        main(page).locator(".st-key-add_measure button").click()
        wait_idle(page)
        commit_text(page, main(page).get_by_label("Vad ska göras?").last, text)
    eventually(
        lambda: [m.text for m in saved(app_server).measures],
        ["Rutt via Strömsund", "Krav på <förnybar> el & HVO"],
    )
    assert main(page).get_by_label("Vad ska göras?").count() == 2
    screenshot(page, "tables-02-measures")

    sidebar_page(page, "Steg 3")
    eventually(lambda: actors(app_server), wanted)
    # The names are drawn on the power/interest chart, which is plain SVG text.
    chart = main(page).locator(".js-plotly-plot").first
    chart.wait_for()
    for name, *_ in wanted:
        assert chart.get_by_text(name, exact=True).count() >= 1
    assert chart.get_by_text("Tillfällig").count() == 0
