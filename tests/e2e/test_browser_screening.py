"""Screening in real headless Chromium: upload a batch, see flags and rejected rows, look at the
portfolio, download the results — which must not carry live formulas."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from tests.e2e.conftest import SCREENSHOTS, AppServer, wait_idle
from tests.unit.test_screening_helpers import csv_bytes, good_row

pytestmark = pytest.mark.browser

EVIL = '=HYPERLINK("http://evil.example","Klicka")'


def _main(page: Any) -> Any:
    return page.locator("[data-testid='stMain']")


def _visible(locator: Any) -> None:
    locator.first.wait_for(state="visible", timeout=30_000)


def test_upload_see_flags_and_download(
    app_server: AppServer, page: Any, screenshot: Any, tmp_path: Path
) -> None:
    batch = tmp_path / "ansokningar.csv"
    batch.write_bytes(
        csv_bytes(
            [
                good_row("B-1", support_type="företagsstöd", applicant=EVIL),
                good_row(
                    "B-2",
                    support_type="företagsstöd",
                    negative_impacts="",
                    ecological="",
                    sdg_claims="9:+2: Ny fabrikshall",
                ),
                good_row("B-3", support_type="företagsstöd", amount="tre miljoner"),
            ]
        )
    )
    page.goto(app_server.url)
    wait_idle(page)
    page.locator("[data-testid='stSidebar'] [data-testid='stRadio'] label").filter(
        has_text="Granska ansökningar"
    ).first.click()
    wait_idle(page)
    _visible(_main(page).get_by_text("Ingen granskning ännu"))

    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(batch))
    wait_idle(page)
    screenshot(page, "screening-01-upload")
    _main(page).get_by_role("button", name="Granska filen").click()
    wait_idle(page, timeout=60)

    _visible(_main(page).get_by_text(re.compile(r"Rad 4, fält amount")))
    _visible(_main(page).get_by_text(re.compile(r"Rader in: 3 = granskade 2 \+ avvisade 1")))
    # Pick the thin application and read its flags.
    picker = _main(page).locator("[data-testid='stSelectbox']").filter(has_text="Ansökan")
    _visible(picker)
    picker.locator("input").first.click()
    page.keyboard.type("B-2")
    page.keyboard.press("Enter")
    wait_idle(page)
    alerts = _main(page).locator("[data-testid='stAlert']")
    _visible(alerts.filter(has_text="Bara positiv påverkan"))
    _visible(alerts.filter(has_text="Har ni bedömt"))
    screenshot(page, "screening-02-flags")
    # The flags themselves sit below the fold of the full-page shot; capture them on their own.
    alerts.first.screenshot(path=str(SCREENSHOTS / "screening-02b-first-flag.png"))

    _main(page).get_by_role("tab", name="Portfölj").click()
    wait_idle(page)
    _visible(_main(page).get_by_text(re.compile("Mest integrerad")))
    screenshot(page, "screening-03-portfolio")

    _main(page).get_by_role("tab", name="Ladda ner").click()
    wait_idle(page)
    with page.expect_download() as download:
        _main(page).get_by_role("button", name="Resultat (Excel)").click()
    saved = tmp_path / "resultat.xlsx"
    download.value.save_as(str(saved))
    screenshot(page, "screening-04-download")
    rows = list(openpyxl.load_workbook(saved).worksheets[0].iter_rows())
    assert len(rows) == 4
    assert not any(cell.data_type == "f" for row in rows for cell in row)
    assert any(cell.value == "'" + EVIL for row in rows for cell in row)
