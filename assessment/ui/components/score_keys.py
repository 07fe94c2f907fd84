"""Digit keys 1–7 score a cell on the −3…+3 scale, for participants and the facilitator.

On a laptop in a workshop the keyboard is faster than aiming at seven buttons: key 1 is −3, key 4
is 0 and key 7 is +3, in the order of the scale whatever order the buttons are drawn in. A small
constant script (no external file, no network) listens for the keys and clicks the button of that
score inside the scale's container, so the vote or the choice goes through the same widget, with
the same callbacks and checks, as a click. It stays out of the way of typing: a key pressed in a
text field, a select or with a modifier does nothing. Arrow keys ← / → press the container's
previous / next buttons where a page has them (the participant's cell navigation).

The only values put into the script are container keys checked against a strict pattern and the
scores' button order (integers).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

import streamlit as st

from assessment.workshop import SCALE

_SAFE = re.compile(r"[A-Za-z0-9_-]{1,80}")

_SCRIPT = """<script>(function(){
window.__rusScoreKeys = CONFIG;
if (window.__rusScoreKeysOn) { return; }
window.__rusScoreKeysOn = true;
var TYPING = 'input, textarea, select, [contenteditable=""], [contenteditable="true"], [role="combobox"]';
function shown(el) { return el && el.offsetParent !== null; }
function chosen(b) {
  return b.getAttribute("aria-checked") === "true" || b.getAttribute("aria-pressed") === "true" ||
    /Active/.test(b.getAttribute("kind") || "");
}
function buttons(key) {
  var box = document.querySelector(".st-key-" + key);
  return shown(box) ? Array.prototype.slice.call(box.querySelectorAll("button")) : [];
}
document.addEventListener("keydown", function (ev) {
  if (ev.ctrlKey || ev.metaKey || ev.altKey || ev.repeat) { return; }
  var target = ev.target;
  if (target && target.closest && target.closest(TYPING)) { return; }
  var config = window.__rusScoreKeys || [];
  for (var i = 0; i < config.length; i++) {
    var c = config[i];
    if (c.scale && /^[1-7]$/.test(ev.key)) {
      var score = Number(ev.key) - 4, at = c.order.indexOf(score), list = buttons(c.scale);
      if (at < 0 || list.length !== c.order.length) { continue; }
      var button = list[at];
      ev.preventDefault();
      /* A segmented control deselects a chosen option when it is clicked again: keep the choice. */
      if (c.keep && chosen(button)) { return; }
      if (!button.disabled) { button.click(); }
      return;
    }
    if (c.nav && (ev.key === "ArrowLeft" || ev.key === "ArrowRight")) {
      if (target && target.closest && target.closest('[role="radiogroup"], [data-testid="stButtonGroup"]')) {
        continue;
      }
      var nav = buttons(c.nav);
      if (nav.length < 2) { continue; }
      var step = ev.key === "ArrowLeft" ? nav[0] : nav[nav.length - 1];
      ev.preventDefault();
      if (!step.disabled) { step.click(); }
      return;
    }
  }
}, true);
})();</script>"""


def install(scale_key: str, order: Sequence[int], *, nav_key: str | None = None, keep: bool = False) -> None:
    """Digit keys for the buttons inside the container ``scale_key``, drawn in ``order`` (the score
    of each button, left to right); ``keep`` for a segmented control (a second press must not
    clear the choice); arrow keys for the two buttons inside ``nav_key``."""
    if not _SAFE.fullmatch(scale_key) or (nav_key is not None and not _SAFE.fullmatch(nav_key)):
        raise ValueError("container keys are letters, digits, '_' and '-'")
    scores = [int(s) for s in order]
    if sorted(scores) != list(SCALE):
        raise ValueError("the order must hold each score of the scale once")
    config = [{"scale": scale_key, "order": scores, "nav": nav_key, "keep": keep}]
    st.html(_SCRIPT.replace("CONFIG", json.dumps(config)), unsafe_allow_javascript=True)
