"""A short assessment end to end in real headless Chromium against `streamlit run`, with a
screenshot of every step under test-output/screenshots/ (also used for the README)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pypdf
import pytest
from playwright.sync_api import expect

from assessment.fileio import load_assessment
from tests.e2e.conftest import AppServer, main, sidebar_page, start_app_server, wait_idle

pytestmark = pytest.mark.browser

TITLE = "Laddinfrastruktur i Strömsund <test> & ŋđčŧï"


def commit_text(page: Any, locator: Any, text: str) -> None:
    """Type into a text field and submit it (Enter; Ctrl+Enter in a text area), which is when
    Streamlit sends the value; focus stays, so no date picker or menu pops open."""
    locator.click()
    locator.fill(text)
    is_area = locator.evaluate("e => e.tagName === 'TEXTAREA'")
    locator.press("Control+Enter" if is_area else "Enter")
    wait_idle(page)


def shown(locator: Any) -> bool:
    """Wait until the element is visible (Streamlit redraws after every change), then say whether
    it still is (the wait raises on a timeout; the assertion checks the element itself)."""
    locator.first.wait_for(state="visible", timeout=15_000)
    return bool(locator.first.is_visible())


def click_scale(page: Any, container: Any, label: str) -> None:
    container.locator("[data-testid='stButtonGroup'] button").filter(has_text=label).first.click()
    wait_idle(page)


def test_short_assessment_end_to_end(app_server: AppServer, page: Any, screenshot: Any) -> None:
    page.goto(app_server.url)
    wait_idle(page)
    screenshot(page, "01-start")

    # Start: a new assessment.
    main(page).get_by_label("Titel").fill(TITLE)  # inside a form: sent with the button
    main(page).get_by_role("button", name="Skapa och börja med steg 1").click()
    wait_idle(page)
    assert shown(main(page).get_by_role("heading", name="Steg 1 · RUS-säkra"))

    # Step 1: rate the strategy's goal +2 with a comment (widget keys become st-key-… classes).
    click_scale(page, page.locator("[class*='-rus-goal-impact']"), "+2")
    commit_text(page, page.locator("[class*='-rus-goal-comment'] textarea"), "Fler jobb i inlandet")
    assert shown(main(page).get_by_text("+2 Positiv", exact=True))
    screenshot(page, "02-step1-rus")

    # Step 2: SDG 8 +2 brings a warning about SDG 13, which is one click away.
    sidebar_page(page, "Steg 2")
    page.locator(".st-key-sdgtile8 button").click()
    wait_idle(page)
    detail = page.locator(".st-key-sdgfocus8")
    click_scale(page, detail, "+2")
    warning = main(page).get_by_text("kan motverka").first
    warning.wait_for()
    screenshot(page, "03-step2-sdg")
    main(page).get_by_role("button", name="Bedöm mål 13").first.click()
    wait_idle(page)
    click_scale(page, page.locator(".st-key-sdgfocus13"), "−2")  # typographic minus, as shown
    assert shown(page.locator(".st-key-sdgfocus13").get_by_text("−2 Negativ", exact=True))

    # Step 3: the actor cards and the "who is missing?" checklist (entering actors on the cards is
    # covered by test_browser_tables and the AppTest suite).
    sidebar_page(page, "Steg 3")
    shown(main(page).get_by_role("heading", name="Vem saknas?"))
    assert main(page).locator("[data-testid='stDataFrame']").count() == 0  # no grid: cards
    assert shown(main(page).get_by_role("button", name="Lägg till aktör"))
    click_scale(page, page.locator(".st-key-missing_sami_villages"), "Saknas – bör bjudas in")
    wait_idle(page)
    screenshot(page, "04-step3-actors")

    # Step 4: the negative impact on SDG 13 is an open issue; add a measure for it.
    sidebar_page(page, "Steg 4")
    main(page).get_by_role("button", name="Lägg till åtgärd").first.click()
    wait_idle(page)
    commit_text(page, main(page).get_by_label("Vad ska göras?").first, "Krav på förnybar el i upphandlingen")
    commit_text(page, main(page).get_by_label("Ansvarig").first, "Strömsunds kommun")
    screenshot(page, "05-step4-measures")

    # Goal conflicts: record the analysis' suggestion and walk the Tyréns stages.
    sidebar_page(page, "Målkonflikter")
    # With no conflict recorded yet, the analysis' suggestions are shown open.
    main(page).get_by_role("button", name="Hantera som målkonflikt").first.click()
    wait_idle(page)
    main(page).get_by_role("radio", name="2. Karaktärisera").click()
    wait_idle(page)
    screenshot(page, "06-goal-conflicts")

    sidebar_page(page, "Samband")
    page.locator(".js-plotly-plot").first.wait_for()
    screenshot(page, "07-interactions")

    sidebar_page(page, "Sammanfattning")
    main(page).get_by_role("radio", name="Genomför med åtgärder").click()
    wait_idle(page)
    screenshot(page, "08-summary")
    # Downloads: the PDF is built when the button is clicked, the YAML file loads back.
    with page.expect_download(timeout=60_000) as pdf:
        main(page).get_by_role("button", name="Beslutsunderlag (PDF, 2–4 sidor)").click()
    brief = pypdf.PdfReader(pdf.value.path())
    assert 1 <= len(brief.pages) <= 4
    assert "BESLUTSUNDERLAG" in brief.pages[0].extract_text()
    with page.expect_download(timeout=60_000) as full_pdf:
        main(page).get_by_role("button", name="Fullständig rapport (PDF)").click()
    assert len(pypdf.PdfReader(full_pdf.value.path()).pages) > len(brief.pages)
    with page.expect_download() as yaml_file:
        main(page).get_by_role("button", name="Bedömningen (YAML)").click()
    downloaded = load_assessment(yaml_file.value.path())
    assert downloaded.title == TITLE
    assert downloaded.sdg_rating("sdg:13") is not None

    # Language switch keeps every answer.
    page.locator("[data-testid='stSidebar']").get_by_text("English").click()
    wait_idle(page)
    sidebar_page(page, "Step 1")
    assert shown(main(page).get_by_role("heading", name="Step 1 · RUS check"))
    assert shown(main(page).get_by_text("+2 Positive", exact=True))
    screenshot(page, "09-step1-english")

    # A browser reload resumes the same assessment and page, with every answer.
    page.reload()
    wait_idle(page)
    assert shown(main(page).get_by_role("heading", name="Step 1 · RUS check"))
    expect(page.locator("[class*='-rus-goal-comment'] textarea")).to_have_value("Fler jobb i inlandet")
    # User text is shown as text, never as markup.
    assert shown(page.locator("[data-testid='stSidebar']").get_by_text(TITLE))


def test_server_restart_resumes_the_same_assessment(app_server: AppServer, browser: Any) -> None:
    """Stop the server and start a new one on the same data directory: work and step are back."""
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    try:
        page.goto(app_server.url)
        wait_idle(page)
        if (
            main(page).get_by_label("Titel").count()
            and not page.locator("[data-testid='stSidebar']").get_by_text("Öppen bedömning").count()
        ):
            # Inside a form: Enter would submit it; the value is sent with the button.
            main(page).get_by_label("Titel").fill("Omstart")
            main(page).get_by_role("button", name="Skapa och börja med steg 1").click()
            wait_idle(page)
        sidebar_page(page, re.compile("Steg 4|Step 4"))
    finally:
        context.close()
    app_server.stop()
    restarted = start_app_server(app_server.data_dir)
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    try:
        page.goto(restarted.url)
        wait_idle(page)
        heading = main(page).get_by_role("heading", name=re.compile("Steg 4 · Åtgärder|Step 4"))
        assert shown(heading)
    finally:
        context.close()
        restarted.stop()


TOUR = (
    ("Steg 1", "tour-02-step1-rus"),
    ("Steg 2", "tour-03-step2-sdg"),
    ("Steg 3", "tour-04-step3-actors"),
    ("Steg 4", "tour-05-step4-measures"),
    ("Målkonflikter", "tour-06-goal-conflicts"),
    ("Samband", "tour-07-interactions"),
    ("Sammanfattning", "tour-08-summary"),
)


def test_tour_of_an_example(browser: Any, screenshot: Any, tmp_path: Path) -> None:
    """Every page of a complete example assessment (the README's pictures), on its own server."""
    server = start_app_server(tmp_path)
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="sv-SE")
    page = context.new_page()
    page.set_default_timeout(20_000)
    try:
        page.goto(server.url)
        wait_idle(page)
        sidebar_page(page, re.compile("Start"))
        main(page).get_by_role("tab", name="Exempel").click()
        row = main(page).locator("[class*='st-key-example-internationella_besokare']")
        row.get_by_role("button").click()
        wait_idle(page)
        assert shown(main(page).get_by_role("heading", name="Steg 1 · RUS-säkra"))
        for name, shot in TOUR:
            sidebar_page(page, name)
            if name == "Steg 2":
                page.locator(".st-key-sdgtile8 button").click()
                wait_idle(page)
            screenshot(page, shot)
        for error in ("stException", "stAlertContentError"):
            assert page.locator(f"[data-testid='{error}']").count() == 0
    finally:
        context.close()
        server.stop()
