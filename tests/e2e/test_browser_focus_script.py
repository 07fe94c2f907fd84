"""The focus script (assessment/ui/components/scroll.py) in real Chromium, on a page of its own:
it puts the cursor into the requested field, and gives it up for good when the user clicks
something else before the field has settled (taking it back scrolled the page under the user's
next click: a loaded run of the projector test clicked "Nästa steg" on a page the script had just
moved to the actor form)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from assessment.ui.components import scroll
from tests.e2e.conftest import run_script_tag

pytestmark = pytest.mark.browser

PAGE = """<div data-testid="stApp" data-test-script-state="notRunning">
<div class="st-key-addform"><input id="name"></div>
<div style="height: 3000px"></div>
<button id="elsewhere">Berörs inte</button></div>"""


def _with_script(page: Any) -> None:
    page.set_content(PAGE)
    selector = json.dumps(".st-key-addform input, .st-key-addform textarea")
    run_script_tag(page, scroll._FOCUS_SCRIPT.format(selector=selector, count=1))


def test_the_field_gets_the_cursor(page: Any) -> None:
    _with_script(page)
    page.wait_for_function("() => document.activeElement && document.activeElement.id === 'name'")


def test_a_click_elsewhere_before_the_field_settles_keeps_the_users_place(page: Any) -> None:
    """As in the app: the field has the cursor, a run is going (the field has not held it for 5
    idle polls yet), the user clicks a button, whose run then ends."""
    _with_script(page)
    page.wait_for_function("() => document.activeElement && document.activeElement.id === 'name'")
    app = "document.querySelector('[data-testid=stApp]')"
    page.evaluate(f"() => {app}.setAttribute('data-test-script-state', 'running')")
    page.click("#elsewhere")
    page.evaluate(f"() => {app}.setAttribute('data-test-script-state', 'notRunning')")
    page.wait_for_timeout(800)
    assert page.evaluate("() => document.activeElement.id") == "elsewhere"
    assert page.evaluate("() => document.scrollingElement.scrollTop") > 2000  # still at the button
