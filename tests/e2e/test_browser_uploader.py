"""Streamlit's file uploader in Swedish: its built-in English ("Upload", "100MB per file • …")
cannot be translated through Streamlit, so it is drawn at size 0 and the catalogue's text is shown
in its place. Checked in real Chromium on every page with an uploader, in both languages."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import AppServer, main, sidebar_page, wait_idle

pytestmark = pytest.mark.browser

BUTTON = "[data-testid='stFileUploaderDropzone'] button [data-testid='stMarkdownContainer'] p"
HINT = "[data-testid='stFileUploaderDropzoneInstructions'] span"


def shown_text(locator: Any) -> dict[str, str]:
    """What a reader sees: the element's own text size and the text drawn after it."""
    return locator.first.evaluate(
        """e => ({own: e.textContent, size: getComputedStyle(e).fontSize,
                 after: getComputedStyle(e, '::after').content})"""
    )


def check_uploader(page: Any, button: str, hint: str) -> None:
    uploader = main(page).locator("[data-testid='stFileUploader']").first
    uploader.wait_for()
    own_button = shown_text(uploader.locator(BUTTON))
    assert own_button["own"] == "Upload" and own_button["size"] == "0px"  # Streamlit's, not shown
    assert own_button["after"] == f'"{button}"'
    own_hint = shown_text(uploader.locator(HINT))
    assert "per file" in own_hint["own"] and own_hint["size"] == "0px"
    assert own_hint["after"] == f'"{hint}"'
    # What is drawn has a real size: the Swedish text, not an empty button.
    box = uploader.locator(BUTTON).first.bounding_box()
    assert box is not None and box["width"] > 30 and box["height"] > 8, box


def test_file_uploaders_speak_swedish_and_english(app_server: AppServer, page: Any) -> None:
    page.goto(app_server.url)
    wait_idle(page)
    main(page).get_by_role("tab", name="Importera fil").click()
    wait_idle(page)
    check_uploader(page, "Välj fil", "eller dra och släpp den här · högst 100 MB per fil")
    sidebar_page(page, "Granska ansökningar")
    check_uploader(page, "Välj fil", "eller dra och släpp den här · högst 100 MB per fil")
    page.locator("[data-testid='stSidebar']").get_by_text("English", exact=True).click()
    wait_idle(page)
    check_uploader(page, "Choose file", "or drag and drop it here · at most 100 MB per file")
