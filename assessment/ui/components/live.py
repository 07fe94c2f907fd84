"""Live view: the facilitator's screen follows what participants add, without a manual reload.

A fragment re-runs every few seconds and asks the store only for the assessment's version number
(`Store.version`: one indexed row, no document), so a quiet workshop costs almost nothing. When a
newer version exists and live view is on, it adopts the stored assessment and re-runs the whole
page. Every change in this app is saved at once, so there is no unsaved local state to merge.

Redrawing resets a text field the user is still typing in (Streamlit sends a text only when the
field is left). So live view is on by default for members of the assessment's workspace (the
facilitator, colleagues) and off for participants who joined with a share code, who instead see
"N new changes – show" and choose the moment; their own saves are merged with others' anyway.

Active in server mode (``ASSESSMENT_AUTH`` set); ``ASSESSMENT_LIVE=1``/``0`` forces it on or off,
``ASSESSMENT_LIVE_SECONDS`` sets the interval (default 3, 1–60).
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from assessment import formats
from assessment.errors import UserError
from assessment.i18n import t
from assessment.settings import settings
from assessment.storage.login_mode import ServingRefused, login_mode
from assessment.ui import state
from assessment.ui.session import get_user
from assessment.ui.store import get_store

# ASSESSMENT_LIVE and ASSESSMENT_LIVE_SECONDS are read through assessment.settings.
TOGGLE_KEY = "live_view"
SHOW_KEY = "live_show_changes"
_SEEN = "_live_checked"
_DEFAULT_FOR = "_live_default_for"


def enabled() -> bool:
    forced = settings().live
    if forced is not None:
        return forced
    try:  # on in server mode; the gate has refused to serve before an invalid mode gets here
        return login_mode() != "none"
    except ServingRefused:
        return False


def interval() -> float:
    return settings().live_seconds


def _tr(key: str, /, **params: object) -> str:
    return t(f"server_ui.{key}", state.lang(), **params)


def _member_of_workspace(assessment_id: str) -> bool:
    """Whether the user reaches the assessment through its workspace (not only a share code)."""
    store, user = get_store(), get_user()
    try:
        workspace_id = store.get(user, assessment_id).workspace_id
        return any(w.id == workspace_id for w in store.workspaces(user))
    except UserError:
        return False


def _apply_default(assessment_id: str) -> None:
    """Set the switch to its default once per opened assessment (the user's choice then holds)."""
    if st.session_state.get(_DEFAULT_FOR) != assessment_id:
        st.session_state[_DEFAULT_FOR] = assessment_id
        st.session_state[TOGGLE_KEY] = _member_of_workspace(assessment_id)


def newer_version() -> int | None:
    """The stored version when it is newer than the one on screen, else None (cheap)."""
    assessment_id, version = state.current_id(), state.current_version()
    if assessment_id is None or version is None:
        return None
    stored = int(get_store().version(get_user(), assessment_id))
    st.session_state[_SEEN] = formats.clock(dt.datetime.now(), state.lang(), seconds=True)
    return stored if stored != version else None


def check() -> bool:
    """Adopt a newer stored version of the open assessment; True when one was adopted."""
    if newer_version() is None:
        return False
    return state.reload_if_changed()


def _poll() -> None:
    try:
        if st.session_state.get(TOGGLE_KEY):
            if check():
                st.rerun()  # the whole app, so every page element shows the new version
        else:
            newer = newer_version()
            if newer is not None:
                ahead = newer - (state.current_version() or 0)
                if st.button(
                    _tr("live_show", count=ahead), key=SHOW_KEY, icon=":material/sync:", type="primary"
                ):
                    state.reload_if_changed()
                    st.rerun()
                return
    except UserError as err:  # access withdrawn or assessment deleted meanwhile
        st.warning(err.message(state.lang()))
        return
    status = "live_status" if st.session_state.get(TOGGLE_KEY) else "live_status_off"
    st.caption(_tr(status, time=st.session_state.get(_SEEN, "")))


def mount() -> None:
    """Draw the live-view switch and the polling fragment in the sidebar.

    Does nothing in embedded mode (unless ``ASSESSMENT_LIVE=1``) or when no assessment is open.
    """
    assessment_id = state.current_id()
    if not enabled() or assessment_id is None:
        return
    _apply_default(assessment_id)
    with st.sidebar:
        st.toggle(_tr("live_toggle"), key=TOGGLE_KEY, help=_tr("live_help"))
        st.fragment(_poll, run_every=interval())()
