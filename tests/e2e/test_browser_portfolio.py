"""The portfolio and register pages in real headless Chromium against `streamlit run`: the RSP
example set, its views and comparison, and the register with similar conflicts — screenshots
under test-output/screenshots/portfolio-*.png."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.e2e.conftest import AppServer, main, sidebar_page, wait_idle

pytestmark = pytest.mark.browser


def choose_radio(page: Any, key: str, label: str) -> None:
    page.locator(f".st-key-{key} label").filter(has_text=label).first.click()
    wait_idle(page)


def open_tab(page: Any, name: str) -> None:
    main(page).get_by_role("tab", name=name, exact=True).first.click()
    wait_idle(page, grace=False)  # a tab is switched in the browser


def metric(page: Any, label: str) -> str:
    box = main(page).locator("[data-testid='stMetric']").filter(has_text=label).first
    value: str = box.locator("[data-testid='stMetricValue']").inner_text()
    return value.strip()


def show(page: Any, text: str) -> None:
    """Wait for a text and scroll it to the top: the app scrolls inside its main container, so a
    full-page screenshot alone would show only the page head."""
    target = main(page).get_by_text(text).first
    target.wait_for()
    target.evaluate("el => el.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(300)


def test_portfolio_and_register(app_server: AppServer, page: Any, screenshot: Any) -> None:
    page.goto(app_server.url)
    wait_idle(page)

    sidebar_page(page, "Portfölj")
    main(page).get_by_role("heading", name="Portfölj").first.wait_for()
    choose_radio(page, "pf_source", "Exempel")
    assert metric(page, "Bedömningar") == "8"
    assert metric(page, "Målkonflikter") == "12"
    # Every figure's label is shown whole (Streamlit cuts a long one with "…"; it wraps here).
    cut = page.evaluate(
        """() => [...document.querySelectorAll('[data-testid=stMetricLabel]')]
              .filter(l => [l, ...l.querySelectorAll('*')].some(e => e.scrollWidth > e.clientWidth + 1))
              .map(l => l.innerText)"""
    )
    assert cut == [], cut
    screenshot(page, "portfolio-01-overview")
    show(page, "Påverkan på de globala målen per bedömning")
    screenshot(page, "portfolio-02-heatmap")

    open_tab(page, "Samlad påverkan")
    show(page, "Samlad påverkan: var drar")
    screenshot(page, "portfolio-03-combined")

    open_tab(page, "Målkonflikter")
    show(page, "Målkonflikter per typ")
    screenshot(page, "portfolio-04-conflicts")

    open_tab(page, "Åtgärder")
    show(page, "Åtgärder per ansvarig")
    screenshot(page, "portfolio-05-measures")

    open_tab(page, "Vem saknas?")
    show(page, "Grupper och samiska perspektiv som saknas")
    screenshot(page, "portfolio-06-gaps")

    open_tab(page, "Jämför")
    show(page, "Jämför två bedömningar")
    screenshot(page, "portfolio-07-compare")

    open_tab(page, "Bedömningar och export")
    main(page).get_by_role("button", name="Ladda ner portfölj-PDF").wait_for()
    show(page, "Bedömningar i urvalet")
    screenshot(page, "portfolio-08-export")

    sidebar_page(page, "Målkonfliktsregister")
    main(page).get_by_role("heading", name="Målkonfliktsregister").first.wait_for()
    choose_radio(page, "rg_source", "Exempel")
    main(page).locator("[data-testid='stDataFrame']").first.wait_for()
    screenshot(page, "portfolio-09-register")

    open_tab(page, "Liknande konflikter")
    field = page.locator(".st-key-rg_sim_goals input").first
    field.click()
    field.fill("klimatförändringarna")
    # Click the option, not Enter: Enter takes the list's first entry, filtered or not yet.
    page.get_by_role("option", name=re.compile("klimatförändringarna")).first.click()
    page.keyboard.press("Escape")
    wait_idle(page)
    show(page, "Liknande tidigare målkonflikter")
    main(page).get_by_text("laddpunkten är försenad").first.wait_for()
    screenshot(page, "portfolio-10-similar")

    open_tab(page, "Uppföljning")
    show(page, "Att följa upp")
    screenshot(page, "portfolio-11-follow-up")
