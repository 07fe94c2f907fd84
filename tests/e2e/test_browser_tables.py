"""Entering actors on their cards like a person, in real headless Chromium (the add form with
Enter, clicks on the 1–5 controls, renaming, removing), and adding measures; after every action
the store must hold exactly what was typed."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest

from tests.e2e.conftest import AppServer, main, new_assessment, sidebar_page, stored, wait_idle
from tests.e2e.conftest import eventually as wait_until
from tests.e2e.test_browser_wizard import commit_text, shown

pytestmark = pytest.mark.browser


def eventually(check: Callable[[], Any], expected: Any) -> None:
    wait_until(check, expected, timeout=10.0)


def actors(server: AppServer) -> list[tuple[str, str, int, int]]:
    return [(a.name, a.role, a.influence, a.interest) for a in stored(server).actors]


def pick(scope: Any, group: int, label: str) -> None:
    """Click ``label`` in the ``group``-th segmented control of ``scope`` (a card: role, influence,
    interest; the add form: influence, interest, role)."""
    group_buttons = scope.locator("[data-testid='stButtonGroup']").nth(group).locator("button")
    group_buttons.filter(has_text=re.compile(f"^{re.escape(label)}$")).first.click()


def add_actor(page: Any, name: str, role: str, influence: int, interest: int) -> None:
    """The add form: the choices first, then the name and Enter (which submits the form)."""
    form = main(page).locator("[data-testid='stForm']").filter(has_text="Ny aktör")
    pick(form, 2, role)
    pick(form, 0, str(influence))
    pick(form, 1, str(interest))
    name_field = form.get_by_label("Aktör")
    name_field.fill(name)
    name_field.press("Enter")
    wait_idle(page)


def card(page: Any, index: int) -> Any:
    return main(page).locator(f".st-key-actorcard{index}")


def test_actor_cards_and_measures_are_saved_as_typed(
    app_server: AppServer, page: Any, screenshot: Any
) -> None:
    new_assessment(page, app_server, "Tabeller")
    sidebar_page(page, "Steg 3")
    # Enter with no name: the form says what is missing and nothing is saved.
    main(page).locator("[data-testid='stForm']").filter(has_text="Ny aktör").get_by_label("Aktör").press(
        "Enter"
    )
    wait_idle(page)
    assert shown(main(page).get_by_text("Skriv aktörens namn först; inget sparades."))
    assert actors(app_server) == []

    wanted = [
        ("Krokoms kommun", "affects", 4, 5),
        ("Sameby ŋđčŧï <b>", "affected", 2, 5),
        ("Trafikverket & co", "both", 5, 2),
    ]
    labels = {"affects": "Påverkar", "affected": "Påverkas", "both": "Båda"}
    for row, (name, role, influence, interest) in enumerate(wanted):
        add_actor(page, name, labels[role], influence, interest)
        eventually(lambda: actors(app_server), wanted[: row + 1])
        assert shown(card(page, row))
        # The cursor is back in the (emptied) name field for the next actor.
        new_name = (
            main(page).locator("[data-testid='stForm']").filter(has_text="Ny aktör").get_by_label("Aktör")
        )
        page.wait_for_function("() => document.activeElement && document.activeElement.tagName === 'INPUT'")
        assert new_name.evaluate("e => document.activeElement === e && e.value === ''")

    commit_text(page, card(page, 0).get_by_label("Aktör"), "Krokoms kommun (bygg)")
    wait_idle(page)
    pick(card(page, 0), 1, "1")
    wait_idle(page)
    wanted[0] = ("Krokoms kommun (bygg)", "affects", 1, 5)
    eventually(lambda: actors(app_server), wanted)

    card(page, 1).get_by_role("button", name="Ta bort").click()
    wait_idle(page)
    del wanted[1]
    eventually(lambda: actors(app_server), wanted)

    # An actor added and removed again before anything else must not come back.
    add_actor(page, "Tillfällig", "Båda", 3, 3)
    eventually(lambda: [a[0] for a in actors(app_server)], [w[0] for w in wanted] + ["Tillfällig"])
    card(page, 2).get_by_role("button", name="Ta bort").click()
    wait_idle(page)
    eventually(lambda: actors(app_server), wanted)
    screenshot(page, "tables-01-actors")

    # The UI shows the saved actors again after a page switch (fresh cards from the store).
    sidebar_page(page, "Steg 4")
    for text in ("Rutt via Strömsund", "Krav på <förnybar> el & HVO"):
        main(page).locator(".st-key-add_measure button").click()
        wait_idle(page)
        commit_text(page, main(page).get_by_label("Vad ska göras?").last, text)
    eventually(
        lambda: [m.text for m in stored(app_server).measures],
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
