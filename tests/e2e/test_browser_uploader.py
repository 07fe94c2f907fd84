"""Streamlit's built-in English in the Swedish UI. The file uploader's ("Upload", "100MB per
file • …", "Drag and drop a file here"), the data grid's (toolbar tooltips, "Select all", the
column header menu with its submenus, the search hint), the input hints ("Press Enter to submit
form") and the app menu's cannot be translated through Streamlit, so they are drawn at size 0 and
the catalogue's text is shown in their place. Checked in real Chromium in both languages. An
uploaded file's size ("17.6KB") stays Streamlit's: a number inside the chip's text."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import AppServer, main, sidebar_page, wait_idle

pytestmark = pytest.mark.browser

BUTTON = "[data-testid='stFileUploaderDropzone'] button [data-testid='stMarkdownContainer'] p"
HINT = "[data-testid='stFileUploaderDropzoneInstructions'] span"


def open_start_in_swedish(page: Any, app_server: AppServer) -> None:
    """The start page at 1366×768 in Swedish. The module's server is shared: an earlier test may
    have left the app in English, on another page."""
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(app_server.url)
    wait_idle(page)
    page.locator("[data-testid='stSidebar']").get_by_text("Svenska", exact=True).click()
    wait_idle(page)
    sidebar_page(page, "Start")


def open_example(page: Any, name: str) -> None:
    """Open the example ``name`` from the start page's "Exempel" tab."""
    main(page).get_by_role("tab", name="Exempel").click()
    wait_idle(page)
    main(page).locator(f"[class*='st-key-example'][class*='{name}'] button").click()
    wait_idle(page)


def shown_texts(locator: Any, own: str = "e.textContent") -> list[dict[str, str]]:
    """What a reader sees of each element: its own text (the JS expression ``own`` of ``e``), that
    text's size and the text drawn after it."""
    return list(
        locator.evaluate_all(
            f"""es => es.map(e => ({{own: {own}, size: getComputedStyle(e).fontSize,
                                    after: getComputedStyle(e, '::after').content}}))"""
        )
    )


def shown_text(locator: Any) -> dict[str, str]:
    return shown_texts(locator.first)[0]


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


DROP_LINE = ":scope > div:not([data-testid]) > span"  # inside the drop zone


def check_drag_line(page: Any, english: str, shown: str) -> None:
    """The line Streamlit shows while a file is dragged over the uploader (a real drag: a
    dragenter event carrying a file)."""
    zone = main(page).locator("[data-testid='stFileUploaderDropzone']").first
    files = page.evaluate_handle(
        "() => { const d = new DataTransfer(); d.items.add(new File(['a'], 'a.yaml')); return d; }"
    )
    zone.dispatch_event("dragenter", {"dataTransfer": files})
    line = zone.locator(DROP_LINE)
    expect(line).to_have_text(english)
    seen = shown_text(line)
    assert seen["size"] == "0px" and seen["after"] == f'"{shown}"', seen
    box = line.first.bounding_box()
    assert box is not None and box["width"] > 50, box  # the Swedish is drawn
    zone.dispatch_event("dragleave", {"dataTransfer": files})
    line.wait_for(state="detached")


def test_file_uploaders_speak_swedish_and_english(app_server: AppServer, page: Any) -> None:
    page.goto(app_server.url)
    wait_idle(page)
    main(page).get_by_role("tab", name="Importera fil").click()
    wait_idle(page)
    check_uploader(page, "Välj fil", "eller dra och släpp den här · högst 100 MB per fil")
    check_drag_line(page, "Drag and drop a file here", "Släpp filen här")
    sidebar_page(page, "Granska ansökningar")
    check_uploader(page, "Välj fil", "eller dra och släpp den här · högst 100 MB per fil")
    # The portfolio's uploader takes several files: "Drag and drop files here".
    sidebar_page(page, "Portfölj")
    main(page).get_by_text("Ladda upp filer", exact=True).click()
    wait_idle(page)
    check_drag_line(page, "Drag and drop files here", "Släpp filerna här")
    page.locator("[data-testid='stSidebar']").get_by_text("English", exact=True).click()
    wait_idle(page)
    check_uploader(page, "Choose file", "or drag and drop it here · at most 100 MB per file")
    check_drag_line(page, "Drag and drop files here", "Drop the files here")


TIP = "[data-testid='stTooltipContent'] [data-testid='stMarkdownContainer'] p"


def test_data_grid_toolbar_and_column_menu_speak_swedish(
    app_server: AppServer, page: Any, screenshot: Any
) -> None:
    """The data grid's toolbar tooltips and its "Show/hide columns" menu are Streamlit's English;
    the catalogue's Swedish is shown in their place. The interaction table has no required cells
    any more, so Streamlit's "Please fill out this cell." never shows on a new row."""
    open_start_in_swedish(page, app_server)
    # A filter that matches nothing: Streamlit's "No results", drawn at size 0, and the Swedish.
    for label, swedish in (("Typ av underlag", "Inga träffar"), ("Kommuner", "Inget att välja")):
        main(page).get_by_label(label).first.click()
        page.keyboard.type("zzzq")
        empty = page.locator("[role='listbox'][data-empty='true'] [role='option'] > span")
        expect(empty).to_have_text("No results")
        shown = shown_text(empty)
        assert shown["size"] == "0px" and shown["after"].startswith(f'"{swedish}'), shown
        screenshot(page, f"builtins-empty-{label.split()[0]}", top=False)
        # Escape clears the filter; a click on the page's heading closes the list.
        page.keyboard.press("Escape")
        main(page).locator("h1").first.click()
        page.locator("[role='listbox']").first.wait_for(state="detached")
    open_example(page, "kalarne_drivmedel")
    sidebar_page(page, "Steg 2")
    main(page).get_by_role("tab", name="Samband i fallet").click()
    wait_idle(page)
    grid = main(page).locator("[data-testid='stDataFrame']").first
    toolbar = page.locator("[data-testid='stElementToolbar']").first
    for label, swedish in (("Add row", "Lägg till rad"), ("Download as CSV", "Ladda ner som CSV")):
        grid.hover()  # the toolbar shows while the pointer is over the grid
        toolbar.locator(f"button[aria-label^='{label}']").hover()
        tip = page.locator(TIP)
        tip.wait_for()  # Streamlit shows it after a second
        expect(tip).to_have_text(label)  # Streamlit's own text, drawn at size 0
        shown = shown_text(tip)
        assert shown["size"] == "0px" and shown["after"] == f'"{swedish}"', shown
        screenshot(page, f"builtins-toolbar-{label.replace(' ', '_')}", top=False)
        page.mouse.move(5, 5)
        tip.wait_for(state="detached")
    grid.hover()
    toolbar.locator("button[aria-label^='Show/hide columns']").click()
    menu = page.locator("[data-testid='stDataFrameColumnVisibilityMenu']")
    select_all = menu.locator("label").filter(has=page.locator("input[aria-label='Select all']"))
    shown = shown_text(select_all.locator("span").last)
    assert shown["size"] == "0px" and shown["after"] == '"Markera alla"', shown
    screenshot(page, "builtins-column-menu", top=False)
    page.keyboard.press("Escape")
    menu.wait_for(state="detached")
    # A new, empty row: no English "Please fill out this cell." on its cells.
    grid.hover()
    sent = page.evaluate("() => window.__e2eRuns.mark")
    toolbar.locator("button[aria-label^='Add row']").click()
    page.keyboard.press("Escape")
    # The grid sends the new row after its own debounce, which a loaded machine can stretch past
    # wait_idle's grace: wait until it has been sent, then for its run. (A run for the new row that
    # arrived while the comment below was being typed redrew the grid and dropped the comment.)
    page.wait_for_function("sent => window.__e2eRuns.mark > sent", arg=sent)
    wait_idle(page)
    box = grid.bounding_box()
    assert box is not None
    rows = round(box["height"] / 35)  # header + the example's 3 rows + the new one (+ the add row)
    assert rows >= 5, box
    page.mouse.move(box["x"] + 80, box["y"] + 35 * 4 + 17)  # the new row's first cell
    page.wait_for_timeout(1500)  # Streamlit shows a cell's note after about 0.6 s
    notes = page.locator("[data-testid='stDataFrameTooltipContent']").all_inner_texts()
    assert not any("Please fill out" in n for n in notes), notes
    # A comment typed in the new row (no goals, no score): the table says in Swedish that the row
    # is not saved yet, instead of Streamlit's English.
    # Enter opens Glide's cell editor; typing only once it is there keeps every letter (typed
    # straight into a selected cell, the first key opens the editor and, on a loaded machine,
    # the rest can land before it exists).
    box = grid.bounding_box()  # again: the grid is a canvas, the click must use where it is now
    assert box is not None
    page.mouse.click(box["x"] + box["width"] * 0.75, box["y"] + 35 * 4 + 17)  # its Kommentar cell
    # Glide's accessible copy of the grid says which cell the click selected: Enter edits that
    # cell only once it is selected (a loaded run pressed Enter before, and no editor opened).
    comment = grid.locator("[data-testid='glide-cell-4-3']")  # column 4, row 3 (from 0): the new row
    expect(comment).to_have_attribute("aria-selected", "true")
    page.keyboard.press("Enter")
    cell_editor = page.locator("textarea.gdg-input")
    cell_editor.wait_for()
    page.keyboard.type("bara en kommentar")
    expect(cell_editor).to_have_value("bara en kommentar")
    page.keyboard.press("Enter")
    cell_editor.wait_for(state="detached")
    wait_idle(page)
    expect(
        main(page).get_by_text("Sparas inte förrän Framsteg på, påverkar och Samband är ifyllda: rad 4.")
    ).to_be_visible(timeout=20_000)  # the rerun the edit starts can be slow on a loaded machine
    screenshot(page, "builtins-incomplete-row", top=False)


def test_chart_toolbar_speaks_the_users_language(app_server: AppServer, page: Any, screenshot: Any) -> None:
    """Plotly's own toolbar (download, zoom, pan …) takes its tooltips from the catalogue through
    plotly's locale config (components/charts.py), in Swedish and, after a switch, in English."""
    open_start_in_swedish(page, app_server)
    open_example(page, "kalarne_drivmedel")
    sidebar_page(page, "Samband")
    chart = main(page).locator("[data-testid='stPlotlyChart']").first
    chart.locator(".modebar-btn").first.wait_for(state="attached")

    def titles() -> list[str]:
        return [
            str(t) for t in chart.locator(".modebar-btn").evaluate_all("bs => bs.map(b => b.dataset.title)")
        ]

    swedish = titles()
    # plotly's own buttons carry the catalogue's title; the one Streamlit adds ("Fullscreen")
    # keeps its English title, and its tooltip (drawn from CSS) shows the Swedish instead.
    assert swedish == ["Ladda ner diagrammet som PNG", "Fullscreen"], swedish
    full = chart.locator(".modebar-btn[data-title='Fullscreen']").first
    tip = full.evaluate("b => getComputedStyle(b, '::after').content")
    assert tip == '"Helskärm"', tip
    chart.hover()
    chart.locator(".modebar-btn[data-title='Ladda ner diagrammet som PNG']").hover()
    screenshot(page, "builtins-chart-toolbar", top=False)
    page.locator("[data-testid='stSidebar']").get_by_text("English", exact=True).click()
    wait_idle(page)
    chart = main(page).locator("[data-testid='stPlotlyChart']").first
    chart.locator(".modebar-btn[data-title='Download plot as a PNG']").wait_for(state="attached")
    assert titles() == ["Download plot as a PNG", "Fullscreen"], titles()
    full = chart.locator(".modebar-btn[data-title='Fullscreen']").first
    assert full.evaluate("b => getComputedStyle(b, '::after').content") == '"Full screen"'


COLUMN_MENU = "[data-testid='stDataFrameColumnMenu'] [role='menu']"
# What each entry of the column header menu reads in Swedish, top to bottom (Streamlit's English
# is still there at size 0); the "Version" column is a number, so it has every entry.
SWEDISH_MENU = {
    "Sort ascending": "Sortera stigande",
    "Sort descending": "Sortera fallande",
    "Statistics": "Statistik",
    "Format": "Visningsformat",
    "Autosize": "Anpassa bredden",
    "Pin column": "Fäst eller lossa kolumnen",
    "Hide column": "Dölj kolumnen",
}


def open_column_menu(page: Any, grid: Any) -> Any:
    """Opens the first column's header menu: its ⋮ is drawn on the canvas at the header cell's
    right end, so the header is clicked from the left until the menu is there."""
    box = grid.bounding_box()
    assert box is not None
    menu = page.locator(COLUMN_MENU)
    for x in range(40, 420, 10):
        page.mouse.move(box["x"] + x, box["y"] + 17)
        page.mouse.click(box["x"] + x, box["y"] + 17)
        if menu.count():
            return menu
    raise AssertionError("the column header menu did not open")


def menu_entries(menu: Any) -> list[dict[str, Any]]:
    """Each entry's own (Streamlit's) text, its size, the text drawn after it, and what a reader
    sees of it: the entry's rendered width beyond its icon."""
    return list(
        menu.evaluate(
            """m => [...m.querySelectorAll('[role=menuitem]')].map(item => {
                 const box = item.matches('[aria-haspopup]') ? item.firstElementChild : item;
                 return {own: [...box.childNodes].filter(n => n.nodeType === 3).map(n => n.data).join(''),
                         size: getComputedStyle(box).fontSize,
                         after: getComputedStyle(box, '::after').content};
               })"""
        )
    )


def test_data_grid_column_menu_search_and_statistics_speak_swedish(
    app_server: AppServer, page: Any, screenshot: Any
) -> None:
    """A column's header menu (sort, statistics, format, autosize, pin, hide), its "Format" and
    "Statistics" submenus and the search bar's hint are Streamlit's English: the Swedish is what
    the user sees, and English mode keeps the English."""
    open_start_in_swedish(page, app_server)
    open_example(page, "kalarne_drivmedel")
    sidebar_page(page, "Historik")  # the versions table: "Version" is a number column
    grid = main(page).locator("[data-testid='stDataFrame']").first
    menu = open_column_menu(page, grid)
    entries = menu_entries(menu)
    assert [e["own"] for e in entries] == list(SWEDISH_MENU), entries
    assert all(e["size"] == "0px" for e in entries), entries
    assert [e["after"] for e in entries] == [f'"{s}"' for s in SWEDISH_MENU.values()], entries
    # What is drawn is readable: each entry as wide as its Swedish text, none collapsed.
    shown = menu.evaluate("m => m.innerText")  # the icons' ligature names and the English
    assert "Sort ascending" in shown  # still in the DOM (for the accessibility tree), not drawn
    widths = menu.locator("[role='menuitem']").evaluate_all(
        "es => es.map(e => Math.round(e.getBoundingClientRect().width))"
    )
    assert min(widths) > 150, widths
    screenshot(page, "builtins-column-header-menu", top=False)
    # "Statistics": the row labels are Swedish (the values are Streamlit's numbers).
    menu.locator("[role='menuitem'][aria-haspopup='true']").hover()
    labels = page.locator("[data-testid='stDataFrameStatisticsMetrics'] dt")
    labels.first.wait_for()
    seen = shown_texts(labels)
    assert [s["own"] for s in seen][:3] == ["Values", "Empty", "Distinct"], seen
    assert all(s["size"] == "0px" for s in seen), seen
    assert [s["after"] for s in seen] == [
        '"Värden"',
        '"Tomma"',
        '"Olika"',
        '"Medelvärde"',
        '"Standardavvikelse"',
        '"Minsta"',
        '"25:e percentilen"',
        '"Median"',
        '"75:e percentilen"',
        '"Största"',
        '"Summa"',
    ], seen
    screenshot(page, "builtins-column-statistics", top=False)
    # "Format": a number column's formats, each in Swedish.
    menu.locator("[role='menuitem'][aria-haspopup='menu']").hover()
    formats = page.locator("[data-testid='stDataFrameColumnFormattingMenu'] [role='menuitem']")
    formats.first.wait_for()
    seen = shown_texts(formats, own="e.innerText.split('\\n').pop()")  # after the icon's name
    assert [s["own"] for s in seen][:3] == ["Automatic", "Localized", "Plain"], seen
    assert all(s["size"] == "0px" for s in seen), seen
    assert [s["after"] for s in seen][:4] == [
        '"Automatiskt"',
        '"Enligt språket"',
        '"Utan formatering"',
        '"Kompakt"',
    ], seen
    assert seen[-1]["after"] == '"Varaktighet"', seen
    screenshot(page, "builtins-column-format", top=False)
    page.keyboard.press("Escape")
    menu.wait_for(state="detached")
    # The search bar's hint.
    grid.hover()
    page.locator("[data-testid='stElementToolbar'] button[aria-label^='Search']").first.click()
    page.locator("[data-testid='stDataFrame'] .gdg-search-bar:not(.out)").wait_for()
    hint = page.locator("[data-testid='stDataFrame'] .gdg-search-status > label")
    # The label's own text has no size (Playwright calls it hidden); the status line it draws has.
    status = page.locator("[data-testid='stDataFrame'] .gdg-search-status").first.bounding_box()
    assert status is not None and status["width"] > 60 and status["height"] > 8, status
    shown_hint = shown_text(hint)
    assert shown_hint["own"] == "Type to search" and shown_hint["size"] == "0px", shown_hint
    assert shown_hint["after"] == '"Skriv för att söka"', shown_hint
    screenshot(page, "builtins-grid-search", top=False)
    page.keyboard.press("Escape")
    # English: Streamlit's own words again, "Pin column" untouched (it cannot be told from
    # "Unpin column" by CSS, so only other languages draw a text of their own there).
    page.locator("[data-testid='stSidebar']").get_by_text("English", exact=True).click()
    wait_idle(page)
    grid = main(page).locator("[data-testid='stDataFrame']").first
    menu = open_column_menu(page, grid)
    entries = menu_entries(menu)
    assert [e["own"] for e in entries] == list(SWEDISH_MENU), entries
    english = {e["own"]: e for e in entries}
    assert english["Sort ascending"]["after"] == '"Sort ascending"', english
    assert english["Hide column"]["after"] == '"Hide column"', english
    assert english["Pin column"]["after"] == "none" and english["Pin column"]["size"] == "14px", english
    screenshot(page, "builtins-column-header-menu-en", top=False)


HINT_SPANS = """e => [...e.querySelectorAll('[data-testid=InputInstructions] > span')].map(s => ({
    own: s.textContent, size: getComputedStyle(s).fontSize, after: getComputedStyle(s, '::after').content}))"""


def test_input_hints_and_app_menu_speak_swedish(app_server: AppServer, page: Any, screenshot: Any) -> None:
    """The hint Streamlit writes under a field being typed in ("Press Enter to submit form",
    "Press Ctrl+Enter …", "Press Enter to apply") and the app menu's "Print" and "Record screen"
    are English constants; the user sees the catalogue's Swedish, the field's counter stays."""
    open_start_in_swedish(page, app_server)
    main(page).get_by_role("tab", name="Ny bedömning").click()
    form = main(page).locator("[data-testid='stForm']").first
    # A one-line field in a form, with a maximum length: the hint, then its counter.
    title = form.locator("[data-testid='stTextInput']").filter(has=page.get_by_label("Titel")).first
    title.locator("input").click()
    page.keyboard.type("Test")
    expect(title.locator("[data-testid='InputInstructions']")).to_contain_text("4/")
    hint, counter = title.evaluate(HINT_SPANS)
    assert hint == {
        "own": "Press Enter to submit form",
        "size": "0px",
        "after": '"Tryck Enter för att skicka formuläret"',
    }
    assert counter["own"].startswith("4/") and counter["size"] == "12px" and counter["after"] == "none", (
        counter
    )
    box = title.locator("[data-testid='InputInstructions'] > span").first.bounding_box()
    assert box is not None and box["width"] > 100, box  # the Swedish is drawn, not an empty span
    screenshot(page, "builtins-input-hint-form", top=False)
    # A text area in the form: Ctrl+Enter (Chromium on Linux) in Swedish, the Mac's key named too.
    area = form.locator("[data-testid='stTextArea']").first
    area.locator("textarea").click()
    page.keyboard.type("Anna")
    expect(area.locator("[data-testid='InputInstructions']")).to_contain_text("Enter")
    first = area.evaluate(HINT_SPANS)[0]
    assert first["own"] == "Press Ctrl+Enter to submit form" and first["size"] == "0px", first
    assert first["after"] == '"Tryck Ctrl+Enter (⌘+Enter på Mac) för att skicka formuläret"', first
    screenshot(page, "builtins-input-hint-textarea", top=False)
    # The app menu.
    page.locator("[data-testid='stMainMenu']").first.click()
    labels = page.locator("[data-testid='stMainMenuItemLabel']")
    labels.first.wait_for()
    seen = labels.evaluate_all(
        "ls => ls.map(l => [l.textContent, getComputedStyle(l).fontSize, getComputedStyle(l, '::after').content])"
    )
    assert seen == [["Print", "0px", '"Skriv ut"'], ["Record screen", "0px", '"Spela in skärmen"']], seen
    screenshot(page, "builtins-app-menu", top=False)
    page.keyboard.press("Escape")
    labels.first.wait_for(state="detached")
    # English: Streamlit's words; the Ctrl+Enter hint is Streamlit's own (it knows the platform).
    page.locator("[data-testid='stSidebar']").get_by_text("English", exact=True).click()
    wait_idle(page)
    main(page).get_by_role("tab", name="New assessment").click()
    form = main(page).locator("[data-testid='stForm']").first
    title = form.locator("[data-testid='stTextInput']").first
    title.locator("input").click()
    page.keyboard.press("Control+a")  # the form kept the Swedish run's text
    page.keyboard.type("Test")
    expect(title.locator("[data-testid='InputInstructions']")).to_contain_text("4/")
    assert title.evaluate(HINT_SPANS)[0]["after"] == '"Press Enter to submit form"'
    area = form.locator("[data-testid='stTextArea']").first
    area.locator("textarea").click()
    page.keyboard.press("Control+a")
    page.keyboard.type("Anna")
    expect(area.locator("[data-testid='InputInstructions']")).to_contain_text("Enter")
    first = area.evaluate(HINT_SPANS)[0]
    assert first == {"own": "Press Ctrl+Enter to submit form", "size": "12px", "after": "none"}, first
    screenshot(page, "builtins-input-hint-en", top=False)
