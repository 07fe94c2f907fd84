"""The scroll script (assessment/ui/components/scroll.py) in real Chromium, on a page of its own
shaped like Streamlit's (stApp with its script state, stMain scrolling by itself): it holds its
target, or the page's top, while the run is still drawing, and lets go at the user's first wheel
turn. (A single scroll lost the target when a loaded machine drew content above it afterwards: a
projector run found goal 6's rating scale 90 px below the viewport after "Bedöm mål 6".)

The target goes just below the header, as Streamlit's covers the top of the main area. The page
turns Chromium's scroll anchoring off: anchoring keeps the view still when content above
grows, but not when the node it anchors to is replaced, as React does while it draws a run."""

from __future__ import annotations

import json
from typing import Any

import pytest

from assessment.ui.components import scroll
from tests.e2e.conftest import run_script_tag

pytestmark = pytest.mark.browser

PAGE = """<style>body{margin:0}</style>
<div data-testid="stApp" data-test-script-state="running">
<header data-testid="stHeader" style="position:absolute;top:0;height:60px;width:100%;background:#fff;z-index:9"></header>
<div data-testid="stMain" style="height:700px;overflow:auto;overflow-anchor:none">
<div id="above" style="height:300px"></div>
<div class="st-key-target" style="height:100px">Mål 6</div>
<div style="height:5000px"></div></div></div>"""

APP = "document.querySelector('[data-testid=stApp]')"
MAIN = "document.querySelector('[data-testid=stMain]')"
# Where the target's top is, from the bottom of the header (which covers the top 60 px).
TARGET_TOP = "() => document.querySelector('.st-key-target').getBoundingClientRect().top - 60"


@pytest.fixture
def page(page: Any) -> Any:
    page.set_content(PAGE)
    return page


def _run_script(page: Any, selector: str) -> None:
    run_script_tag(page, scroll._SCRIPT.format(selector=json.dumps(selector), count=1))


def _run_ends(page: Any) -> None:
    page.evaluate(f"() => {APP}.setAttribute('data-test-script-state', 'notRunning')")


def test_the_target_stays_in_view_when_the_run_draws_more_above_it(page: Any) -> None:
    _run_script(page, ".st-key-target")
    page.wait_for_function(f"() => Math.abs(({TARGET_TOP})()) < 2")
    page.evaluate("() => { document.getElementById('above').style.height = '1100px'; }")  # drawn late
    _run_ends(page)
    page.wait_for_timeout(600)
    assert abs(page.evaluate(TARGET_TOP)) < 2


def test_the_page_stays_at_its_top_while_the_new_page_is_drawn(page: Any) -> None:
    page.evaluate(f"() => {{ {MAIN}.scrollTop = 2000; }}")
    _run_script(page, "")
    page.wait_for_function(f"() => {MAIN}.scrollTop === 0")
    page.wait_for_timeout(500)
    page.evaluate(f"() => {{ {MAIN}.scrollTop = 1500; }}")  # the old page's position, restored late
    _run_ends(page)
    page.wait_for_function(f"() => {MAIN}.scrollTop === 0", timeout=3000)


def test_a_wheel_turn_hands_the_page_to_the_user(page: Any) -> None:
    _run_script(page, ".st-key-target")
    page.wait_for_function(f"() => Math.abs(({TARGET_TOP})()) < 2")
    page.mouse.move(500, 350)
    page.mouse.wheel(0, 2000)
    page.wait_for_function(f"() => ({TARGET_TOP})() < -1500")
    where = page.evaluate(f"() => {MAIN}.scrollTop")
    page.evaluate("() => { document.getElementById('above').style.height = '1100px'; }")
    _run_ends(page)
    page.wait_for_timeout(600)
    assert page.evaluate(f"() => {MAIN}.scrollTop") == where  # not pulled back to the target
    assert page.evaluate(TARGET_TOP) < -500
