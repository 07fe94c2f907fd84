"""Dismiss a finding with a reason, in real headless Chromium: the popover on the findings page
takes a reason, the save button stays disabled without one, and the dismissal reaches the store
and moves the finding to the dismissed list."""

from __future__ import annotations

from typing import Any

import pytest

from assessment.storage import open_store
from tests.e2e.conftest import AppServer, main, sidebar_page, wait_idle

pytestmark = pytest.mark.browser

EXAMPLES_TAB = "Exempel"


def _dismissals(server: AppServer) -> list[tuple[str, str]]:
    store = open_store(f"sqlite:///{server.data_dir / 'assessments.db'}")
    user = store.local_user()
    found = []
    for summary in store.list(user):
        found += [(d.finding, d.reason) for d in store.get(user, summary.id).assessment.dismissals]
    return found


def test_dismiss_popover_needs_a_reason_and_stores_it(app_server: AppServer, page: Any) -> None:
    page.goto(app_server.url)
    wait_idle(page)
    main(page).get_by_role("tab", name=EXAMPLES_TAB).click()
    page.locator(".st-key-example-kalarne_drivmedel-yaml button").click()
    wait_idle(page)
    sidebar_page(page, "Samband")
    wait_idle(page)
    main(page).get_by_role("button", name="Inte relevant här …").first.click()
    reason = page.get_by_label("Varför är fyndet inte relevant här?")
    reason.wait_for()
    save = page.get_by_role("button", name="Markera som inte relevant")
    assert save.is_disabled(), "saving without a reason must not be possible"
    reason.fill("Stationen ligger utanför vattenskyddsområdet")
    reason.press("Enter")
    wait_idle(page)
    save = page.get_by_role("button", name="Markera som inte relevant")
    save.wait_for()
    assert save.is_enabled()
    save.click()
    wait_idle(page)
    stored = _dismissals(app_server)
    assert [r for _, r in stored] == ["Stationen ligger utanför vattenskyddsområdet"], stored
    assert main(page).get_by_text("Fynd ni har markerat som inte relevanta (1)").count() == 1
