"""Typed text is never lost: in real headless Chromium, text typed into a text area is saved
while the cursor stays in it (debounced, about 1.2 s after the last key), and text typed just
before a reload or a page switch comes back (a local draft) and reaches the store."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import AppServer, eventually, main, new_assessment, sidebar_page, stored, wait_idle

pytestmark = pytest.mark.browser

LABEL = "Samlad bedömning (kan användas som beslutsmotivering)"


def judgement(server: AppServer) -> str:
    return stored(server).judgement.text


def test_typed_text_is_saved_while_typing_and_survives_reload_and_page_switch(
    app_server: AppServer, page: Any
) -> None:
    new_assessment(page, app_server, "Utkast")
    sidebar_page(page, "Sammanfattning")
    area = main(page).get_by_label(LABEL)
    area.click()

    # 1. Typed, cursor still in the field: saved after the pause, and the field keeps the focus.
    page.keyboard.type("Första meningen.", delay=30)
    eventually(lambda: judgement(app_server), "Första meningen.")
    wait_idle(page)
    assert area.evaluate("e => document.activeElement === e"), "the field lost the focus"
    page.keyboard.type(" Andra.", delay=30)
    eventually(lambda: judgement(app_server), "Första meningen. Andra.")

    # 2. Typed and reloaded at once (well inside the pause): the draft comes back and is saved.
    area = main(page).get_by_label(LABEL)
    area.click()
    page.keyboard.press("End")
    page.keyboard.type(" Tredje före omladdning.", delay=10)
    page.reload()
    wait_idle(page)
    area = main(page).get_by_label(LABEL)
    area.wait_for()
    wanted = "Första meningen. Andra. Tredje före omladdning."
    eventually(lambda: area.input_value(), wanted)
    eventually(lambda: judgement(app_server), wanted)

    # 3. Typed and straight to another page and back: nothing lost.
    area.click()
    page.keyboard.press("End")
    page.keyboard.type(" Fjärde.", delay=10)
    sidebar_page(page, "Steg 1")
    sidebar_page(page, "Sammanfattning")
    wanted += " Fjärde."
    eventually(lambda: main(page).get_by_label(LABEL).input_value(), wanted)
    eventually(lambda: judgement(app_server), wanted)

    # Once saved, no draft is left behind in the browser.
    # A draft is removed 3 s after the last keystroke once the field shows it (drafts.py), so
    # the time to wait is that rule's, not whatever the steps above happened to take.
    drafts = "() => Object.keys(localStorage).filter(k => k.startsWith('rusdraft:')).length"
    eventually(lambda: page.evaluate(drafts), 0, timeout=10)
