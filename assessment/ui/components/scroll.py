"""Scroll where the user's attention goes: to the top of a page just opened, or to the element a
button just opened or created ("Bedöm mål N", "Lägg till åtgärd").

Streamlit keeps the scroll position when the page content is swapped, so a new page used to open
half-way down. A tiny constant script does the scrolling; the only value put into it is a CSS class
built from a widget key that is checked against a strict pattern (never user text).
"""

from __future__ import annotations

import json
import re

import streamlit as st

_TARGET = "_scroll_target"
_LAST_PAGE = "_scroll_last_page"
_OPENED = "_scroll_page_opened"
_COUNT = "_scroll_count"
_SAFE = re.compile(r"[A-Za-z0-9_-]{1,120}")

# Whether the app is still running its script (stApp's script state), for both scripts below; it
# has no braces, so it goes into their format templates as it is.
_BUSY = (
    'var app=document.querySelector("[data-testid=stApp]");'
    'var run=app&&app.getAttribute("data-test-script-state");var busy=run&&run!=="notRunning";'
)

# Holds the target in place (or the page at its top) until the run is over and nothing has moved
# for 5 polls in a row: Streamlit draws a run over several frames, and what it drew above the
# target after a single scroll pushed the target out of view again on a loaded machine. The target
# goes just below Streamlit's header (opaque, 60 px, over the main area: the goal's heading was
# hidden under it). Stops at the user's first wheel turn, touch, click or key, so it never pulls
# the page away from someone who has begun to scroll; gives up after about 20 s.
_SCRIPT = (
    """<script>(function(){{var sel={selector},n=0,held=0,last=null,quit=false;
var kinds=["wheel","touchstart","pointerdown","keydown"],user=function(){{quit=true;}};
kinds.forEach(function(k){{document.addEventListener(k,user,{{capture:true,passive:true}});}});
var t=setInterval(function(){{n++;
if(quit||n>330){{clearInterval(t);kinds.forEach(function(k){{document.removeEventListener(k,user,{{capture:true}});}});return;}}
"""
    + _BUSY
    + """
if(sel){{var el=document.querySelector(sel);if(!el){{held=0;return;}}var at=el.getBoundingClientRect().top;
if(busy||last===null||Math.abs(at-last)>1){{el.scrollIntoView({{block:"start"}});
var h=document.querySelector("[data-testid=stHeader]"),box=el.closest("[data-testid=stMain]");
if(h&&box){{box.scrollTop-=Math.max(0,h.getBoundingClientRect().bottom);}}
last=el.getBoundingClientRect().top;held=0;return;}}}}
else{{var moved=window.scrollY>0;window.scrollTo(0,0);
document.querySelectorAll('[data-testid="stMain"],[data-testid="stAppViewContainer"],section.main')
.forEach(function(e){{if(e.scrollTop>0){{moved=true;e.scrollTop=0;}}}});if(busy||moved){{held=0;return;}}}}
if(++held>=5){{n=331;}}}},60);}})();</script><!-- {count} -->"""
)


# Put the cursor into a field on the next run (e.g. the name field of the add-actor form after
# an actor was added, so the next name is typed straight away).
_FOCUS = "_focus_target"
# It never takes the cursor out of another text field the user has gone to meanwhile, nor back
# from anything the user clicks after the script began (a button on the page: taking the cursor
# back scrolled the page under the user's next click).
# Focus once the run is over (stApp's script state; a form re-drawn by its own submit would
# otherwise take the cursor away again, which happened on a loaded machine), and keep it while
# the field settles: a field of the container must hold it for 5 idle polls in a row (while the
# form is redrawn an old and a new copy of the field can both be there; either counts). Never
# taken from another text field the user is in; gives up after about 20 s.
_FOCUS_SCRIPT = (
    """<script>(function(){{var sel={selector};var n=0,held=0,left=false;
document.addEventListener("pointerdown",function(e){{var x=e.target;left=!(x&&x.closest&&x.closest(sel));}},
{{capture:true,once:true}});
var t=setInterval(function(){{n++;
if(n>330||left){{clearInterval(t);return;}}
"""
    + _BUSY
    + """var a=document.activeElement;
if(a&&a.matches&&a.matches(sel)){{if(busy){{held=0;}}else if(++held>=5){{clearInterval(t);}}return;}}
if(a&&a.matches&&a.matches("input:not([type=checkbox]):not([type=radio]),textarea")){{clearInterval(t);return;}}
held=0;var el=document.querySelector(sel);if(el&&!busy){{el.focus();}}
}},60);}})();</script><!-- {count} -->"""
)


def css_key(widget_key: str) -> str:
    """The part of the ``st-key-…`` class Streamlit gives the element of ``widget_key`` (it
    replaces every character but letters, digits, '_' and '-' with '-')."""
    return re.sub(r"[^A-Za-z0-9_-]", "-", widget_key.strip())


def request_focus(key: str) -> None:
    """Ask for the cursor in the text field inside the container ``key`` on the next run."""
    if _SAFE.fullmatch(key):
        st.session_state[_FOCUS] = key


def page_opened() -> bool:
    """Whether this run is the first of the page shown (set by ``apply``, which runs first)."""
    return bool(st.session_state.get(_OPENED))


def focus_now(key: str) -> None:
    """Put the cursor in the text field inside the container ``key`` when this run is drawn."""
    if _SAFE.fullmatch(key):
        with st.sidebar:  # as the scroll script: nothing shifts on the page
            _emit_focus(key)


def _emit_focus(key: str) -> None:
    count = int(st.session_state.get(_COUNT, 0)) + 1
    st.session_state[_COUNT] = count
    selector = json.dumps(f".st-key-{key} input, .st-key-{key} textarea")
    # A new container each time: the browser runs a script only when its element is new.
    with st.container(key=f"focus_script_{count}"):
        st.html(_FOCUS_SCRIPT.format(selector=selector, count=count), unsafe_allow_javascript=True)


def request(key: str) -> None:
    """Ask for a scroll to the element with widget/container ``key`` on the next run (callbacks)."""
    if _SAFE.fullmatch(key):
        st.session_state[_TARGET] = key


def apply(page_id: str) -> None:
    """Emit the scroll for this run: to the top when the page changed, else to a requested key."""
    focus = st.session_state.pop(_FOCUS, None)
    if focus:
        _emit_focus(str(focus))
    target = st.session_state.pop(_TARGET, None)
    changed = st.session_state.get(_LAST_PAGE) != page_id
    st.session_state[_LAST_PAGE] = page_id
    st.session_state[_OPENED] = changed
    if not changed and not target:
        return
    selector = "" if changed and not target else f".st-key-{target}"
    count = int(st.session_state.get(_COUNT, 0)) + 1
    st.session_state[_COUNT] = count
    # A new container each time, as for focus: two requests in a row would otherwise reuse the
    # element and the browser would not run the second script.
    with st.container(key=f"scroll_script_{count}"):
        st.html(_SCRIPT.format(selector=json.dumps(selector), count=count), unsafe_allow_javascript=True)
