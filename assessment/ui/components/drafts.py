"""Typed text is saved while typing, and a draft survives a reload.

Streamlit sends a text field's value only when it loses focus (or on Enter / Ctrl+Enter), so text
typed and then lost to a reload or a closed tab never reached the store, although the app says
"Allt sparas direkt". A small constant script fixes both ends:

* **Debounced save**: 1.2 s after the last keystroke in a text field (not in a form, never a
  password) it sends the value the way Enter / Ctrl+Enter does, so the field stays focused and
  the normal save (with its merge and conflict handling) runs.
* **Draft**: every keystroke also writes the field's text to the browser's localStorage, keyed by
  the open assessment and the field, with its *base*: the value the field had before the first
  edit (taken at focus and, for a field Streamlit re-created under the cursor, just before the
  first keystroke - never guessed as empty). When the field is drawn again (reload, another tab,
  back from another page) showing its base, the draft is put back and sent. The draft is removed
  only when the field shows it, unfocused, with the app idle and connected, a few seconds after
  the last keystroke or restore: a send that did not arrive leaves the draft to be put back again.
  Drafts older than 7 days are dropped.

The only value put into the script is the assessment id, checked against a strict pattern.
"""

from __future__ import annotations

import json
import re

import streamlit as st

_SAFE_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
DEBOUNCE_MS = 1200

_SCRIPT = """<script>(function(){
window.__rusDraftScope = SCOPE;
if (window.__rusDrafts) { return; }
window.__rusDrafts = true;
var PREFIX = "rusdraft:", WAIT = DEBOUNCE, MAX_AGE = 7 * 24 * 3600 * 1000, SETTLE = 3000;
var timers = new WeakMap(), bases = new WeakMap();
/* This tab (kept over a reload): another open tab takes over a draft only when it is stale. */
var TAB = sessionStorage.getItem("rusdraft-tab");
if (!TAB) { TAB = String(Math.random()).slice(2); sessionStorage.setItem("rusdraft-tab", TAB); }
var FIELDS = '[data-testid="stTextArea"] textarea, [data-testid="stTextInput"] input';
function field(el) {
  if (!el || !el.matches || !el.matches(FIELDS)) { return null; }
  if (el.type === "password" || el.closest('[data-testid="stForm"]')) { return null; }
  var holder = el.closest('[class*="st-key-"]');
  var m = holder && holder.className.match(/st-key-(?:w\\d+-)?(\\S+)/);
  return (m && window.__rusDraftScope) ? PREFIX + window.__rusDraftScope + ":" + m[1] : null;
}
function read(key) {
  try { return JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { return null; }
}
function write(key, draft) {
  try { localStorage.setItem(key, JSON.stringify(draft)); } catch (e) {}
}
function idle() {
  /* Streamlit's own run and connection state on its root element (absent: assume idle). */
  var app = document.querySelector('[data-testid="stApp"]');
  if (!app) { return true; }
  var run = app.getAttribute("data-test-script-state");
  var link = app.getAttribute("data-test-connection-state");
  return (!run || run === "notRunning") && (!link || link === "CONNECTED");
}
function commit(el) {
  /* What Streamlit does on Ctrl+Enter (text area) or Enter (text input): send the value. */
  bases.set(el, el.value);
  el.dispatchEvent(new KeyboardEvent("keydown", {key: "Enter", code: "Enter", bubbles: true,
    ctrlKey: el.tagName === "TEXTAREA"}));
}
function setValue(el, text) {
  var proto = el.tagName === "TEXTAREA" ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(proto, "value").set.call(el, text);
  el.dispatchEvent(new Event("input", {bubbles: true}));
}
document.addEventListener("focusin", function (ev) {
  if (field(ev.target)) { bases.set(ev.target, ev.target.value); }
}, true);
document.addEventListener("beforeinput", function (ev) {
  /* A field re-created while focused got no focusin: its base is its value before this edit. */
  if (field(ev.target) && !bases.has(ev.target)) { bases.set(ev.target, ev.target.value); }
}, true);
document.addEventListener("input", function (ev) {
  var el = ev.target, key = field(el);
  if (!key || el.dataset.draftRestoring) { return; }
  var base = bases.has(el) ? bases.get(el) : el.value;
  write(key, {text: el.value, base: base, t: Date.now(), tab: TAB});
  clearTimeout(timers.get(el));
  timers.set(el, setTimeout(function () { if (document.activeElement === el) { commit(el); } }, WAIT));
}, true);
window.addEventListener("pagehide", function () {
  var el = document.activeElement;
  if (field(el)) { commit(el); }
});
function sweep() {
  var now = Date.now(), calm = idle();
  document.querySelectorAll(FIELDS).forEach(function (el) {
    var key = field(el);
    var draft = key && read(key);
    if (!draft) { return; }
    if (now - draft.t > MAX_AGE) { localStorage.removeItem(key); return; }
    var focused = document.activeElement === el;
    if (draft.text === el.value) {
      var last = Math.max(draft.t, draft.restored || 0);
      if (!focused && calm && now - last > SETTLE) { localStorage.removeItem(key); }
      return;
    }
    var mine = draft.tab === TAB || now - draft.t > 10000;
    if (mine && calm && !focused && el.value === draft.base) {
      draft.restored = now;
      write(key, draft);
      el.dataset.draftRestoring = "1";
      el.focus({preventScroll: true});
      setValue(el, draft.text);
      delete el.dataset.draftRestoring;
      commit(el);
      el.blur();
    }
  });
}
setInterval(sweep, 700);
})();</script>"""


def install(assessment_id: str | None) -> None:
    """Emit the draft/debounce script for the open assessment (nothing without one)."""
    if not assessment_id or not _SAFE_ID.fullmatch(assessment_id):
        return
    script = _SCRIPT.replace("SCOPE", json.dumps(assessment_id)).replace("DEBOUNCE", str(DEBOUNCE_MS))
    st.html(script, unsafe_allow_javascript=True)
