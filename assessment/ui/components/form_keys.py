"""Keyboard entry in a form of segmented controls, as in a spreadsheet row.

Inside the container of a form (e.g. "Ny aktör": name, influence 1–5, interest 1–5), a digit typed
while a segmented control has the focus picks the option with that label, and Enter on a
segmented control or a toggle sends the form, as Enter in its text field already does. So five
actors are typed as "name, Tab, 5, Tab, 4, Enter" each, without the mouse.

A small constant script (no external file, no network) listens for the keys and clicks the option
or the form's submit button, so the choice goes through the same widget as a click. It never acts
in a text field (a digit there is text), with a modifier, or outside the container. The only
value put into the script is container keys checked against a strict pattern.
"""

from __future__ import annotations

import json
import re

import streamlit as st

_SAFE = re.compile(r"[A-Za-z0-9_-]{1,80}")

_SCRIPT = """<script>(function(){
window.__rusFormKeys = CONFIG;
if (window.__rusFormKeysOn) { return; }
window.__rusFormKeysOn = true;
document.addEventListener("keydown", function (ev) {
  if (ev.ctrlKey || ev.metaKey || ev.altKey || ev.repeat) { return; }
  var target = ev.target;
  if (!target || !target.closest) { return; }
  var keys = window.__rusFormKeys || [];
  for (var i = 0; i < keys.length; i++) {
    var box = target.closest(".st-key-" + keys[i]);
    if (!box) { continue; }
    var group = target.closest('[role="radiogroup"]');
    var toggle = target.tagName === "INPUT" && target.type === "checkbox";
    if (group && /^[0-9]$/.test(ev.key)) {
      var options = group.querySelectorAll("button");
      for (var j = 0; j < options.length; j++) {
        if (options[j].innerText.trim() !== ev.key) { continue; }
        ev.preventDefault();
        /* A segmented control deselects a chosen option when it is clicked again: keep it. */
        if (options[j].getAttribute("aria-checked") !== "true" && !options[j].disabled) {
          options[j].click();
        }
        return;
      }
      return;
    }
    if (ev.key === "Enter" && !ev.shiftKey && (group || toggle)) {
      var submit = box.querySelector('[data-testid="stFormSubmitButton"] button');
      if (submit && !submit.disabled) {
        ev.preventDefault();
        ev.stopPropagation();
        submit.click();
      }
      return;
    }
  }
}, true);
})();</script>"""


def install(*container_keys: str) -> None:
    """Digit and Enter keys for the forms inside the containers ``container_keys``."""
    if not container_keys or not all(_SAFE.fullmatch(k) for k in container_keys):
        raise ValueError("container keys are letters, digits, '_' and '-'")
    with st.sidebar:  # a listener for the whole page: nothing is drawn, nothing shifts
        st.html(_SCRIPT.replace("CONFIG", json.dumps(list(container_keys))), unsafe_allow_javascript=True)
