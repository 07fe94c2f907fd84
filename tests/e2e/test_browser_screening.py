"""Screening in real headless Chromium, as an officer works: upload a batch, read flags apart from
hints, write a motivation, reload the page (the work is still there), re-screen the corrected
file (the edit is kept and in the download, which carries no live formulas), map the columns of
a case-system export, and dismiss a hint with a reason."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from assessment.screening.outputs import COLUMNS
from assessment.storage import open_store
from tests.e2e.conftest import SCREENSHOTS, AppServer, wait_idle
from tests.unit.test_screening_helpers import HEADER, csv_bytes, good_row

pytestmark = pytest.mark.browser

EVIL = '=HYPERLINK("http://evil.example","Klicka")'
OWN_TEXT = "Handläggarens egen motivering för B-2."


def _main(page: Any) -> Any:
    return page.locator("[data-testid='stMain']")


def _visible(locator: Any, timeout: float = 30_000) -> None:
    locator.first.wait_for(state="visible", timeout=timeout)


def _open_page(page: Any, app_server: AppServer) -> None:
    page.goto(app_server.url)
    wait_idle(page, timeout=60)
    page.locator("[data-testid='stSidebar'] [data-testid='stRadio'] label").filter(
        has_text="Granska ansökningar"
    ).first.click()
    wait_idle(page, timeout=60)


def _choose(page: Any, label: str, option: str) -> None:
    """Pick ``option`` in the selectbox labelled ``label``: type to filter, click the option.

    (Enter picked the list's first entry when it came before the filter had been applied: a
    loaded run once showed B-1's text after "choosing" B-2.) When the click finds the option
    covered (the list still opening), Playwright retries it after scrolling the page, and any
    scroll closes an open list: then the list is opened and filtered again (twice at most; a run
    of 7 December waited 20 s for an option of a list that had closed so).
    """
    box = _main(page).locator("[data-testid='stSelectbox']").filter(has_text=label).first
    _visible(box)
    field = box.locator("input").first
    entry = re.compile(rf"^{re.escape(option)}\b")
    for attempt in range(3):
        field.click()
        page.keyboard.press("ControlOrMeta+A")  # a list that closed keeps the typed filter
        page.keyboard.type(option)
        try:
            page.get_by_role("option", name=entry).first.click(timeout=7_000)
            break
        except PlaywrightTimeoutError:
            if attempt == 2:
                raise
    wait_idle(page, timeout=60)
    expect(field).to_have_value(entry)


def _upload(page: Any, path: Path) -> None:
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(path))
    wait_idle(page, timeout=60)


def _motivation(page: Any) -> Any:
    return (
        _main(page)
        .locator("[data-testid='stTextArea']")
        .filter(has_text="Hållbarhetsmotivering")
        .locator("textarea")
    )


def _batch(tmp_path: Path, name: str, **changes: dict[str, str]) -> Path:
    rows = {
        "B-1": good_row("B-1", support_type="företagsstöd", applicant=EVIL),
        "B-2": good_row(
            "B-2",
            support_type="företagsstöd",
            negative_impacts="",
            ecological="",
            sdg_claims="9:+2: Ny fabrikshall för fyrtio jobb",
        ),
        "B-3": good_row("B-3", support_type="företagsstöd", amount="tre miljoner"),
    }
    for app_id, fields in changes.items():
        rows[app_id].update(fields)
    path = tmp_path / name
    path.write_bytes(csv_bytes(list(rows.values())))
    return path


def test_screen_edit_reload_rescreen_and_download(
    app_server: AppServer, page: Any, screenshot: Any, tmp_path: Path
) -> None:
    _open_page(page, app_server)
    _visible(_main(page).get_by_text("Ingen granskning ännu"))
    _upload(page, _batch(tmp_path, "ansokningar.csv"))
    screenshot(page, "screening-01-upload")
    _main(page).get_by_role("button", name="Granska filen").click()
    wait_idle(page, timeout=60)
    _visible(_main(page).get_by_text(re.compile(r"Rad 4, kolumn E \(amount\)")))
    _visible(_main(page).get_by_text(re.compile(r"Rader in: 3 = granskade 2 \+ avvisade 1")))
    _visible(_main(page).get_by_text(re.compile(r"Resultatet gäller filen ansokningar\.csv")))

    # The thin application: flags under their heading, hints under theirs.
    _choose(page, "Ansökan", "B-2")
    alerts = _main(page).locator("[data-testid='stAlert']")
    _visible(alerts.filter(has_text="Bara positiv påverkan"))
    _visible(_main(page).get_by_text("Flaggor – erbjudandets krav"))
    screenshot(page, "screening-02-flags")
    alerts.filter(has_text="Bara positiv påverkan").first.screenshot(
        path=str(SCREENSHOTS / "screening-02b-first-flag.png")
    )

    # The officer writes their own motivation; it is saved when they leave the box.
    box = _motivation(page)
    _visible(box)
    assert box.input_value().startswith("Investeringen bedöms bidra till")
    box.fill(OWN_TEXT)
    _main(page).get_by_text("Flaggor – erbjudandets krav").click()
    wait_idle(page, timeout=60)
    _visible(_main(page).get_by_text(re.compile(r"Din text \(sparad av local")))

    # A reload is a new session: the run and the edit are back.
    page.reload()
    wait_idle(page, timeout=60)
    _visible(_main(page).get_by_text(re.compile(r"Resultatet gäller filen ansokningar\.csv")))
    _choose(page, "Ansökan", "B-2")
    _visible(_motivation(page))
    assert _motivation(page).input_value() == OWN_TEXT
    screenshot(page, "screening-03-after-reload")

    # The corrected file (B-3's amount fixed, B-2 changed): re-screen keeping the edits.
    _upload(
        page,
        _batch(
            tmp_path,
            "ansokningar-rattad.csv",
            **{
                "B-3": {"amount": "3 000 000"},
                "B-2": {"social": "Fyrtio jobb för unga i Bräcke, med praktikplatser varje sommar."},
            },
        ),
    )
    _main(page).get_by_role("button", name="Granska igen – behåll mina ändringar").click()
    wait_idle(page, timeout=60)
    _visible(_main(page).get_by_text(re.compile(r"Ny version 2 av granskningen")))
    _visible(_main(page).get_by_text(re.compile(r"Rader in: 3 = granskade 3 \+ avvisade 0")))
    _choose(page, "Ansökan", "B-2")
    assert _motivation(page).input_value() == OWN_TEXT
    _visible(_main(page).get_by_text(re.compile("Ansökan har ändrats i filen sedan du skrev")))
    screenshot(page, "screening-04-rescreened")

    _main(page).get_by_role("tab", name="Portfölj").click()
    wait_idle(page, timeout=60)
    _visible(_main(page).get_by_text(re.compile("Mest integrerad")))
    screenshot(page, "screening-05-portfolio")

    _main(page).get_by_role("tab", name="Ladda ner").click()
    wait_idle(page, timeout=60)
    with page.expect_download() as download:
        _main(page).get_by_role("button", name="Resultat (Excel)").click()
    saved = tmp_path / "resultat.xlsx"
    download.value.save_as(str(saved))
    assert re.fullmatch(
        r"granskning-business_investment-\d{4}-\d\d-\d\d\.xlsx", download.value.suggested_filename
    )
    rows = list(openpyxl.load_workbook(saved).worksheets[0].iter_rows())
    assert len(rows) == 4
    assert not any(cell.data_type == "f" for row in rows for cell in row)
    evil = next(cell for row in rows for cell in row if cell.value == EVIL)
    assert evil.quotePrefix
    b2 = next(row for row in rows if row[2].value == "B-2")
    # The editor and the download agree after a re-screen (review B1).
    assert b2[COLUMNS.index("draft_motivation")].value == OWN_TEXT
    assert b2[COLUMNS.index("changed_since_edit")].value == "ja"
    _main(page).get_by_role("tab", name="Historik").click()
    wait_idle(page, timeout=60)
    _visible(_main(page).get_by_text("ansokningar-rattad.csv"))
    screenshot(page, "screening-06-history")


def test_map_columns_and_dismiss_a_hint(
    app_server: AppServer, page: Any, screenshot: Any, tmp_path: Path
) -> None:
    header = ["Ärendenr", "Företagets namn", "Ort", "Pengar", "Vad", *HEADER[6:]]
    row = {
        k: v
        for k, v in good_row("S-1", sdg_claims="8:+2: Tjugo nya jobb i Hotagen året runt").items()
        if k in HEADER[6:]
    }
    row |= {
        "Ärendenr": "S-1",
        "Företagets namn": "Hotagens Fisk AB",
        "Ort": "Hotagen",
        "Pengar": "850 tkr",
        "Vad": "RAS-odling",
    }
    export = tmp_path / "systemexport.csv"
    export.write_bytes(csv_bytes([row], header=header))
    _open_page(page, app_server)
    _choose(page, "Erbjudande", "ERUF")
    _upload(page, export)
    _main(page).get_by_role("button", name="Granska filen").click()
    wait_idle(page, timeout=60)
    _visible(_main(page).get_by_text("Koppla filens kolumner"))
    screenshot(page, "screening-07-mapping")
    for label, column in (("Sökande", "Företagets namn"), ("Sökt belopp (kr)", "Pengar"), ("Titel", "Vad")):
        _choose(page, label, column)
    _main(page).get_by_role("button", name="Spara kopplingen och granska").click()
    wait_idle(page, timeout=60)
    _visible(_main(page).get_by_text(re.compile(r"Resultatet gäller filen systemexport\.csv")))
    _visible(_main(page).get_by_text(re.compile("Hotagen → Krokom")))
    store = open_store(f"sqlite:///{app_server.data_dir}/assessments.db")
    assert store.column_mapping(store.local_user(), "default", "eruf_project")["pengar"] == "amount"

    # +2 on SDG 8 brings a hint about SDG 12/13; dismiss it with a reason.
    reason_box = _main(page).get_by_label("Varför gäller det inte här?").first
    _visible(reason_box)
    reason_box.fill("Odlingen ersätter importerad fisk; ingen ökad konsumtion.")
    reason_box.press("Enter")
    wait_idle(page, timeout=60)
    _main(page).get_by_role("button", name="Gäller inte här").first.click()
    wait_idle(page, timeout=60)
    _visible(_main(page).get_by_text(re.compile(r"Avfärdade \(1\)")))
    screenshot(page, "screening-08-dismissed")
    run = store.screening_runs(store.local_user())[0]
    note = store.open_screening(store.local_user(), run.id).notes["S-1"]
    assert [d["reason"] for d in note.dismissed.values()] == [
        "Odlingen ersätter importerad fisk; ingen ökad konsumtion."
    ]
