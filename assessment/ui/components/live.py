"""Live view: the facilitator's screen follows what participants add, without a manual reload.

A fragment re-runs every few seconds and asks the store only for the assessment's version number
(`Store.version`: one indexed row, no document), so a quiet workshop costs almost nothing. When a
newer version exists it adopts the stored assessment and re-runs the whole page. Every change in
this app is saved at once, so there is no unsaved local state to merge.

On by default in server mode (``ASSESSMENT_AUTH`` set); ``ASSESSMENT_LIVE=1``/``0`` forces it on
or off, ``ASSESSMENT_LIVE_SECONDS`` sets the interval (default 3). Each user can switch it off in
the sidebar, e.g. while typing a long text (a reload redraws the page's fields).
"""

from __future__ import annotations

import datetime as dt
import os

import streamlit as st

from assessment.errors import UserError
from assessment.i18n import t
from assessment.ui import auth, state

LIVE_ENV = "ASSESSMENT_LIVE"
SECONDS_ENV = "ASSESSMENT_LIVE_SECONDS"
TOGGLE_KEY = "live_view"
DEFAULT_SECONDS = 3.0
_SEEN = "_live_checked"


def enabled_by_default() -> bool:
    forced = os.environ.get(LIVE_ENV, "").strip().lower()
    if forced in {"1", "true", "yes", "on"}:
        return True
    if forced in {"0", "false", "no", "off"}:
        return False
    return auth.server_mode()


def interval() -> float:
    try:
        seconds = float(os.environ.get(SECONDS_ENV, DEFAULT_SECONDS))
    except ValueError:
        return DEFAULT_SECONDS
    return min(max(seconds, 1.0), 60.0)


def _tr(key: str, /, **params: object) -> str:
    return t(f"server_ui.{key}", state.lang(), **params)


def check() -> bool:
    """Adopt a newer stored version of the open assessment; True when one was adopted."""
    try:
        changed = state.reload_if_changed()
    except UserError as err:  # access withdrawn or assessment deleted meanwhile
        st.warning(err.message(state.lang()))
        return False
    st.session_state[_SEEN] = dt.datetime.now().strftime("%H:%M:%S")
    return changed


def _poll() -> None:
    if check():
        st.rerun()  # the whole app, so every page element shows the new version
    st.caption(_tr("live_status", time=st.session_state.get(_SEEN, "")))


def mount() -> None:
    """Draw the live-view switch in the sidebar and, when on, the polling fragment.

    Does nothing in embedded mode unless ``ASSESSMENT_LIVE=1``, or when no assessment is open.
    """
    if not enabled_by_default() or state.current_id() is None:
        return
    with st.sidebar:
        st.session_state.setdefault(TOGGLE_KEY, True)
        st.toggle(_tr("live_toggle"), key=TOGGLE_KEY, help=_tr("live_help"))
        if st.session_state.get(TOGGLE_KEY):
            st.fragment(_poll, run_every=interval())()
