"""A workshop on a projector (issue 14), in real headless Chromium: the rating scale is never cut
off at 1366×768, 1920×1080 or in large type; pages open at their top; the step-1 vision section
stays open while rating; and the clicks and keystrokes of "one RSP measure from new" are counted.

Screenshots of every workshop page at each size go to test-output/screenshots/projector-*.png.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from playwright.sync_api import expect

from assessment import participation
from tests.e2e.conftest import (
    AppServer,
    empty_store,
    eventually,
    failure_evidence,
    main,
    sidebar_page,
    stored,
    wait_idle,
)

pytestmark = pytest.mark.browser

SIZES = {
    "1366x768": ({"width": 1366, "height": 768}, False),
    "1920x1080": ({"width": 1920, "height": 1080}, False),
    "1366x768-large": ({"width": 1366, "height": 768}, True),
}
PAGES = ["Steg 1", "Steg 2", "Steg 3", "Steg 4", "Målkonflikter", "Sammanfattning"]

# For every option button of every rating scale: its box against the viewport and against the
# scale's own container, and whether the button row scrolls sideways (the old failure: +2/+3
# hidden in a horizontally scrolling row).
CLIPPED_JS = """() => {
  const out = [];
  const vw = window.innerWidth;
  for (const group of document.querySelectorAll("[class*='-impact'] [data-testid='stButtonGroup']")) {
    const box = group.closest("[data-testid='stElementContainer']") || group;
    const outer = box.getBoundingClientRect();
    const scrolls = group.scrollWidth > group.clientWidth + 1;
    for (const b of group.querySelectorAll("button")) {
      const r = b.getBoundingClientRect();
      if (r.width === 0) continue;
      const inside = r.left >= outer.left - 1 && r.right <= outer.right + 1 && r.left >= 0 && r.right <= vw;
      if (!inside || scrolls) out.push(`${b.innerText} at ${Math.round(r.left)}-${Math.round(r.right)} in ${Math.round(outer.left)}-${Math.round(outer.right)} (scrolls: ${scrolls})`);
    }
  }
  return out;
}"""


# The same check for every segmented control of the entry cards (actors 1–5, weighing scores
# 0–10): no button outside its container or the viewport, no row scrolling sideways.
CARDS_CLIPPED_JS = CLIPPED_JS.replace("[class*='-impact'] [data-testid='stButtonGroup']", "SELECTOR")

# Every actor name on the power/interest grid against the chart's drawing area (the old
# failure: "Bräcke kom" cut off at the right edge at 1366×768).
GRID_LABELS_JS = """() => {
  const out = [];
  for (const plot of document.querySelectorAll(".js-plotly-plot")) {
    const svg = plot.querySelector("svg.main-svg").getBoundingClientRect();
    for (const t of plot.querySelectorAll(".textpoint text")) {
      const r = t.getBoundingClientRect();
      if (r.width === 0) continue;
      if (r.left < svg.left - 1 || r.right > svg.right + 1 || r.top < svg.top - 1 || r.bottom > svg.bottom + 1)
        out.push(`${t.textContent} at ${Math.round(r.left)}-${Math.round(r.right)} in ${Math.round(svg.left)}-${Math.round(svg.right)}`);
    }
  }
  return out;
}"""


@dataclass
class Counter:
    """Clicks and keystrokes a user makes (typing a text counts one keystroke per character)."""

    clicks: int = 0
    keys: int = 0

    def click(self, page: Any, locator: Any) -> None:
        locator.first.click()
        self.clicks += 1
        wait_idle(page)

    def type(self, page: Any, locator: Any, text: str, *, submit: bool = True, focused: bool = False) -> None:
        """Type into a field: clicked first, unless the app promised the cursor is already in it
        (``focused``; then that is asserted, and no click is counted)."""
        if focused:
            expect(locator.first).to_be_focused(timeout=15_000)
        else:
            locator.first.click()
            self.clicks += 1
        locator.first.press_sequentially(text, delay=0)
        self.keys += len(text)
        if submit:
            is_area = locator.first.evaluate("e => e.tagName === 'TEXTAREA'")
            locator.first.press("Control+Enter" if is_area else "Enter")
            self.keys += 1
        wait_idle(page)


@pytest.fixture
def server(app_server: AppServer) -> AppServer:
    # An empty store per test: the app resumes the last assessment and page of its local user.
    empty_store(app_server)
    return app_server


def scale_button(container: Any, label: str) -> Any:
    return container.locator("[data-testid='stButtonGroup'] button").filter(has_text=label)


def new_assessment(page: Any, counter: Counter, title: str) -> None:
    counter.type(page, main(page).get_by_label("Titel"), title, submit=False)
    counter.click(page, main(page).get_by_role("button", name="Skapa och börja med steg 1"))


def open_page(browser: Any, server: AppServer) -> Any:
    """A new page at 1366×768 (the review's laptop) with the app drawn."""
    context = browser.new_context(viewport=SIZES["1366x768"][0], locale="sv-SE")
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto(server.url)
    wait_idle(page)
    return page


# A check after a resize or a rerun waits this long for the layout to settle (a chart redraws
# for its new width a moment later); what is still cut off then fails.
SETTLE_S = 10.0


class Display:
    """One page shown at every size of ``SIZES`` in turn, as when a laptop goes to a projector:
    the viewport is resized (no reload) and large type switched in the sidebar (a rerun)."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.large = False

    def sizes(self) -> Iterator[str]:
        """Show each size in turn, those in the current type size first (one switch per round)."""
        for size in sorted(SIZES, key=lambda name: SIZES[name][1] != self.large):
            viewport, large = SIZES[size]
            self.page.set_viewport_size(viewport)
            if large != self.large:
                self.page.locator("[data-testid='stSidebar']").get_by_text("Stor text (projektor)").click()
                self.large = large
            # A resize asks the server for nothing, and the switch asks for its run at once.
            wait_idle(self.page, grace=False)
            yield size


def test_scales_and_cards_are_never_clipped_and_every_page_is_shot(
    browser: Any, server: AppServer, screenshot: Any
) -> None:
    """At 1366×768, 1920×1080 and in large type, on one server and one page that is resized and
    switched as a projector would: no rating scale is cut off (steps 1 and 2), every page is shot
    at each size; then, on Kälarne (nine actors; k2 weighed on four criteria), every control of
    the actor cards and of the weighing cards is whole, the grid's names stay inside the chart, and
    no data grid is used."""
    page = open_page(browser, server)
    display = Display(page)
    try:
        rating_scales_and_every_page(display, screenshot)
        sidebar_page(page, "Start")
        actor_and_weighing_cards(display, screenshot)
    finally:
        page.context.close()


def rating_scales_and_every_page(display: Display, screenshot: Any) -> None:
    page = display.page
    scales = page.locator("[class*='-impact'] [data-testid='stButtonGroup']")
    new_assessment(page, Counter(), "Projektor")
    sidebar_page(page, "Steg 1")
    for size in display.sizes():
        # Wait for the scales themselves (a loaded machine may draw the page after wait_idle).
        scales.nth(2).wait_for()
        eventually(lambda: page.evaluate(CLIPPED_JS), [], SETTLE_S, what=(size, "Steg 1"))
    # Step 2: a goal with its targets open (the narrowest scales).
    sidebar_page(page, "Steg 2")
    page.locator(".st-key-sdgtile13 button").click()
    wait_idle(page)
    for size in display.sizes():
        targets = main(page).locator("[data-testid='stExpander'] details").filter(has_text="Delmål (").first
        if targets.get_attribute("open") is None:  # a redrawn page may show the section closed
            targets.locator("summary").click()
            wait_idle(page)
        expect(targets.locator("[data-testid='stButtonGroup']").nth(2)).to_be_visible()
        assert scales.count() >= 4
        eventually(lambda: page.evaluate(CLIPPED_JS), [], SETTLE_S, what=(size, "Steg 2"))
    for name in PAGES:
        sidebar_page(page, name)
        for size in display.sizes():
            screenshot(page, f"projector-{size}-{name.replace(' ', '_')}")


def actor_and_weighing_cards(display: Display, screenshot: Any) -> None:
    page = display.page
    main(page).get_by_role("tab", name="Exempel").click()
    wait_idle(page)
    # The example's own button (key "example:kalarne_drivmedel.yaml").
    main(page).locator("[class*='st-key-example'][class*='kalarne_drivmedel'] button").click()
    wait_idle(page)
    sidebar_page(page, "Steg 3")
    cards = "[class*='st-key-actorcard'] [data-testid='stButtonGroup']"
    cards_clipped = CARDS_CLIPPED_JS.replace("SELECTOR", cards)
    for size in display.sizes():
        expect(page.locator(cards)).to_have_count(27)  # role, influence, interest of nine actors
        assert main(page).locator("[data-testid='stDataFrame']").count() == 0
        eventually(lambda: page.evaluate(cards_clipped), [], SETTLE_S, what=(size, "Steg 3"))
        # Plotly draws the grid's labels after the run has ended: wait for the ninth, then check.
        expect(page.locator(".js-plotly-plot .textpoint text").nth(8)).to_be_attached()
        eventually(lambda: page.evaluate(GRID_LABELS_JS), [], SETTLE_S, what=(size, "power/interest grid"))
        screenshot(page, f"projector-{size}-actor-cards")
    sidebar_page(page, "Målkonflikter")
    main(page).locator("[data-testid='stRadio'] label").filter(has_text="k2").first.click()
    wait_idle(page)
    # The weighing helper belongs to stage 3 of Tyréns' model.
    main(page).locator("[data-testid='stButtonGroup'] button").filter(has_text="3. Välj metod").first.click()
    wait_idle(page)
    scores = "[class*='-wg-'] [data-testid='stButtonGroup']"
    scores_clipped = CARDS_CLIPPED_JS.replace("SELECTOR", scores)
    for size in display.sizes():
        expect(page.locator(scores)).to_have_count(8)  # two options × four criteria
        assert main(page).locator("[data-testid='stDataFrame']").count() == 0
        eventually(lambda: page.evaluate(scores_clipped), [], SETTLE_S, what=(size, "Målkonflikter"))
        page.locator(scores).first.scroll_into_view_if_needed()
        screenshot(page, f"projector-{size}-weighing-cards", top=False)


def test_pages_open_at_top_and_the_vision_section_stays_open(browser: Any, server: AppServer) -> None:
    page = open_page(browser, server)
    try:
        new_assessment(page, Counter(), "Flöde")
        sidebar_page(page, "Steg 1")
        vision = main(page).locator("[data-testid='stExpander']").filter(has_text="Jämtlands län 2050").first
        vision.locator("summary").click()
        wait_idle(page)
        scale_button(vision, "−1").first.click()
        wait_idle(page)
        vision = main(page).locator("[data-testid='stExpander']").filter(has_text="Jämtlands län 2050").first
        assert vision.locator("details").get_attribute("open") is not None, "the section closed"
        # Scroll to the bottom and go on with "Nästa steg": step 2 opens at its top.
        next_step = main(page).get_by_role("button", name="Nästa steg: Steg 2 · Hållbarhetssäkra")
        next_step.scroll_into_view_if_needed()
        assert main(page).evaluate("e => e.scrollTop") > 200
        next_step.click()
        wait_idle(page)
        page.wait_for_timeout(400)
        assert main(page).evaluate("e => e.scrollTop") < 5
        assert main(page).get_by_role("heading", name="Steg 2 · Hållbarhetssäkra").is_visible()
    finally:
        page.context.close()


def in_view(page: Any, locator: Any) -> bool:
    """The element's box lies wholly in the part of the viewport a user sees: below Streamlit's
    header, which covers the top of the main area (to a pixel: boxes are fractional)."""
    box = locator.bounding_box()
    header = page.locator("[data-testid='stHeader']").bounding_box()
    top = header["y"] + header["height"] if header else 0
    height = page.viewport_size["height"]
    return box is not None and box["y"] >= top - 1 and box["y"] + box["height"] <= height + 1


def eventually_in_view(page: Any, locator: Any, what: str) -> None:
    """Wait (up to 15 s on a loaded machine) for the scroll to bring ``locator`` into view."""
    deadline = time.monotonic() + 15
    while not in_view(page, locator):
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} is not in view: {locator.bounding_box()}")
        page.wait_for_timeout(100)


def settled(page: Any) -> None:
    """Wait until the main area's scroll position has not moved for three polls."""
    last, steady = None, 0
    deadline = time.monotonic() + 15
    while steady < 3:
        if time.monotonic() > deadline:
            raise AssertionError("the page kept scrolling")
        page.wait_for_timeout(100)
        top = main(page).evaluate("e => e.scrollTop")
        steady = steady + 1 if top == last else 0
        last = top


def wheel_until_in_view(page: Any, locator: Any) -> None:
    """Scroll down as a user does, turning the mouse wheel over the main area's left margin (no
    chart or table there to take the wheel), until ``locator`` is wholly in view."""
    area = main(page).bounding_box()
    page.mouse.move(area["x"] + 12, area["y"] + area["height"] / 2)
    for _ in range(20):
        if in_view(page, locator):
            return
        box = locator.bounding_box()
        page.mouse.wheel(0, max(100, box["y"] + box["height"] - page.viewport_size["height"] + 40))
        settled(page)
    raise AssertionError(f"the wheel did not bring it into view: {locator.bounding_box()}")


def test_a_second_jump_without_a_page_change_scrolls_too(browser: Any, server: AppServer) -> None:
    """Two jumps ("Bedöm mål N" for two goals) on step 2 with no page change between: the second
    too brings the goal's panel and its rating scale into view. (Without the scroll request the
    second goal's scale stayed 2,278 px above the viewport.)"""
    page = open_page(browser, server)
    try:
        main(page).get_by_role("tab", name="Exempel").click()
        wait_idle(page)
        main(page).locator("[class*='st-key-example'][class*='kalarne_drivmedel'] button").click()
        wait_idle(page)
        sidebar_page(page, "Steg 2")
        jumps = main(page).get_by_role("button", name=re.compile(r"^Bedöm mål \d+$"))
        expect(jumps.nth(1)).to_be_visible()
        goals = [int(text.rsplit(" ", 1)[1]) for text in jumps.all_inner_texts()]
        first = goals[0]
        # The last jump for another goal: far down the hints, below the panel.
        last = max(i for i, goal in enumerate(goals) if goal != first)
        second = goals[last]
        jumps.first.click()
        wait_idle(page)
        panel = page.locator(f".st-key-sdgfocus{first}")
        panel.wait_for()  # the jump's run has drawn the panel (no goal was open before)
        eventually_in_view(
            page, panel.locator("[data-testid='stButtonGroup']").first, f"goal {first}'s scale"
        )
        settled(page)  # the first jump's scroll is done before the user scrolls on
        # The user reads on down the hints with the mouse wheel: the panel goes out of view above.
        wheel_until_in_view(page, jumps.nth(last))
        assert panel.bounding_box()["y"] < 0, panel.bounding_box()
        assert in_view(page, jumps.nth(last)), jumps.nth(last).bounding_box()
        jumps.nth(last).click()
        wait_idle(page)
        panel = page.locator(f".st-key-sdgfocus{second}")
        expect(panel.get_by_role("heading").first).to_contain_text(f"{second} ·")
        eventually_in_view(
            page, panel.locator("[data-testid='stButtonGroup']").first, f"goal {second}'s scale (second jump)"
        )
        heading = panel.get_by_role("heading").first
        assert in_view(page, heading), heading.bounding_box()
    finally:
        page.context.close()


def test_one_rsp_measure_from_new_in_few_clicks(browser: Any, server: AppServer, capsys: Any) -> None:
    """The review's path for "one RSP measure from new" (60 clicks and ~890 keystrokes before):
    details, 3 RUS ratings and the checkpoint, 3 SDG ratings, 5 actors with influence and
    interest and two groups of "Vem saknas?", 1 measure with its text, the verdict and the YAML."""
    page = open_page(browser, server)  # the review's laptop
    counter = Counter()
    steps: dict[str, int] = {}

    def step(name: str) -> None:
        steps[name] = counter.clicks - sum(steps.values())

    try:
        # Nothing open: the cursor is in the title field already.
        title = main(page).get_by_label("Titel")
        counter.type(page, title, "Ragunda: paketombud i Hammarstrand", submit=False, focused=True)
        counter.click(page, main(page).get_by_label("Typ av underlag"))
        counter.click(page, page.get_by_role("option", name="Åtgärd i regionalt serviceprogram"))
        counter.click(page, main(page).get_by_label("Kommuner"))
        counter.click(page, page.get_by_role("option", name="Ragunda"))
        page.keyboard.press("Escape")
        counter.keys += 1
        counter.click(page, main(page).get_by_role("button", name="Skapa och börja med steg 1"))
        step("details")
        # Step 1: three RUS goals, the checkpoint decision, next.
        rus = main(page).locator("[class*='-rus-'][class*='-impact']")
        for index, label in ((0, "+2"), (1, "+1"), (2, "−1")):
            counter.click(page, scale_button(rus.nth(index), label))
        counter.click(page, main(page).locator("[class*='cp_decision'] button").first)
        counter.click(page, main(page).get_by_role("button", name="Nästa steg: Steg 2 · Hållbarhetssäkra"))
        step("step 1")
        # Step 2: three goals, next.
        for goal, label in ((11, "+2"), (9, "+1"), (13, "−1")):
            counter.click(page, page.locator(f".st-key-sdgtile{goal} button"))
            counter.click(page, scale_button(page.locator(f".st-key-sdgfocus{goal}"), label))
        counter.click(page, main(page).get_by_role("button", name="Nästa steg: Steg 3 · Aktörssäkra"))
        step("step 2")
        # Step 3: five actors on the add form, typed as a spreadsheet row: the name, Tab, influence
        # as a digit, Tab, interest as a digit, Enter (the cursor is back in the name field after
        # each one); then two groups of "Vem saknas?", next.
        form = main(page).locator("[data-testid='stForm']").filter(has_text="Ny aktör")
        for number, (name, influence, interest) in enumerate(ACTORS):
            field = form.get_by_label("Aktör")
            counter.type(page, field, name, submit=False, focused=number > 0)
            for key in ("Tab", influence, "Tab", interest):
                page.keyboard.press(key)
            counter.keys += 4
            # The digits chose in the form's own controls (shown before Enter sends them).
            chosen = form.locator("[data-testid='stButtonGroup'] button[aria-checked='true']")
            expect(chosen.nth(0)).to_have_text(influence)
            expect(chosen.nth(1)).to_have_text(interest)
            page.keyboard.press("Enter")
            counter.keys += 1
            wait_idle(page)
            expect(page.locator("[class*='st-key-actorcard']")).to_have_count(number + 1)
        counter.click(page, scale_button(page.locator(".st-key-missing_business"), "Saknas – bör bjudas in"))
        counter.click(page, scale_button(page.locator(".st-key-missing_youth"), "Berörs inte"))
        counter.click(page, main(page).get_by_role("button", name="Nästa steg: Steg 4 · Åtgärder"))
        step("step 3")
        # Step 4: one measure for the open issue, with its text.
        counter.click(page, main(page).get_by_role("button", name="Lägg till åtgärd").first)
        # The new measure's text has the cursor (and the card is scrolled into view).
        text = main(page).locator("[class*='-m-M1-text'] textarea")
        counter.type(page, text, "Paketombud i butiken", focused=True)
        step("step 4")
        # Summary: the verdict and the assessment file (YAML), as the review did.
        sidebar_page(page, "Sammanfattning")
        counter.clicks += 1
        counter.click(page, main(page).get_by_role("radio", name="Genomför med åtgärder"))
        with page.expect_download(timeout=60_000):
            counter.click(page, main(page).get_by_role("button", name="Bedömningen (YAML)"))
        step("summary")
        # The path made a complete RSP measure assessment (as before the keyboard and focus help).
        saved = stored(server)
        assert saved.kind == "rsp_measure" and saved.municipalities == ["Ragunda"]
        assert [r.impact for r in saved.rus if r.impact is not None] == [2, 1, -1]
        assert saved.checkpoint.decision is not None
        assert {r.goal: r.impact for r in saved.sdg if r.goal is not None} == {11: 2, 9: 1, 13: -1}
        assert [(a.name, str(a.influence), str(a.interest)) for a in saved.actors] == ACTORS
        assert participation.group_state(saved, "business") == "missing"
        assert participation.group_state(saved, "youth") == "not_relevant"
        assert [m.text for m in saved.measures] == ["Paketombud i butiken"]
        assert saved.judgement.verdict == "proceed_with_measures"
        with capsys.disabled():
            parts = ", ".join(f"{name} {count}" for name, count in steps.items())
            print(
                f"\none RSP measure from new (review path): {counter.clicks} clicks ({parts}), "
                f"{counter.keys} keystrokes (target ≤ 30 clicks)"
            )
        assert counter.clicks <= CLICK_BUDGET
    except BaseException:
        print("the page at the failure:", failure_evidence(page, "one_rsp_measure", server))
        raise
    finally:
        page.context.close()


ACTORS = [
    ("Ragunda kommun", "5", "4"),
    ("Handlaren i Hammarstrand", "3", "5"),
    ("Postnord", "4", "2"),
    ("Byaföreningen", "2", "5"),
    ("Region Jämtland Härjedalen", "4", "3"),
]

# The review's path measured 60 clicks before the forms, 41 with cards and forms (five actors at
# three clicks each, the title, the new measure's text). The target is 30.
CLICK_BUDGET = 30
