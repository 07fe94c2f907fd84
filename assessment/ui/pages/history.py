"""History of the open assessment: every saved revision (who, when, what changed), a comparison of
any two revisions, and restoring an old one (which saves it as a new revision; nothing is erased)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from assessment import formats
from assessment.errors import UserError
from assessment.i18n import t
from assessment.storage import RevisionInfo, Role
from assessment.ui import state
from assessment.ui.components.conflicts_notice import readable_path, shown
from assessment.ui.session import get_user
from assessment.ui.store import get_store

MAX_DIFF_ROWS = 500


def _tr(key: str, /, **params: object) -> str:
    return t(f"server_ui.{key}", state.lang(), **params)


def _when(stamp: dt.datetime) -> str:
    # Seconds: two saves within a minute are told apart. Local time: the server's (the region's).
    return formats.moment(stamp, state.lang(), seconds=True)


def _restore(assessment_id: str, version: int) -> None:
    try:
        stored = get_store().restore(get_user(), assessment_id, version)
    except UserError as err:
        state.flash("error", err.message(state.lang()))
        return
    state.reload_if_changed()
    state.flash("success", _tr("restored", version=version, new=stored.version))


def _revisions_table(revisions: list[RevisionInfo]) -> None:
    frame = pd.DataFrame(
        {
            _tr("col_version"): [r.version for r in revisions],
            _tr("col_when"): [_when(r.created_at) for r in revisions],
            _tr("col_who"): [r.author for r in revisions],
            _tr("col_what"): [r.summary_of_changes for r in revisions],
        }
    )
    st.dataframe(frame, hide_index=True, width="stretch", placeholder="")


def _compare(assessment_id: str, versions: list[int]) -> None:
    st.subheader(_tr("compare_title"))
    c1, c2 = st.columns(2)
    older = c1.selectbox(_tr("compare_from"), versions, index=min(1, len(versions) - 1), key="history_from")
    newer = c2.selectbox(_tr("compare_to"), versions, index=0, key="history_to")
    if older is None or newer is None:
        return
    try:
        changes = get_store().diff(get_user(), assessment_id, int(older), int(newer))
    except UserError as err:
        st.error(err.message(state.lang()))
        return
    if not changes:
        st.info(_tr("no_differences"))
        return
    st.caption(_tr("differences", count=len(changes)))
    frame = pd.DataFrame(
        {
            _tr("col_field"): [readable_path(c.path, state.lang()) for c in changes[:MAX_DIFF_ROWS]],
            _tr("col_old", version=older): [shown(c.old) for c in changes[:MAX_DIFF_ROWS]],
            _tr("col_new", version=newer): [shown(c.new) for c in changes[:MAX_DIFF_ROWS]],
        }
    )
    st.dataframe(frame, hide_index=True, width="stretch", placeholder="")
    if len(changes) > MAX_DIFF_ROWS:
        st.caption(_tr("more_differences", count=len(changes) - MAX_DIFF_ROWS))


def _restore_box(assessment_id: str, versions: list[int], can_edit: bool) -> None:
    st.subheader(_tr("restore_title"))
    st.caption(_tr("restore_help"))
    older = versions[1:]
    if not older:
        st.info(_tr("nothing_to_restore"))
        return
    c1, c2 = st.columns([2, 3], vertical_alignment="bottom")
    chosen = c1.selectbox(_tr("restore_version"), older, key="history_restore")
    c2.button(
        _tr("restore_button", version=chosen),
        key="history_restore_go",
        on_click=_restore,
        args=(assessment_id, int(chosen or older[0])),
        disabled=not can_edit,
        help=None if can_edit else _tr("restore_needs_editor"),
        icon=":material/history:",
    )


def render() -> None:
    st.title(_tr("history_title"))
    assessment_id = state.current_id()
    if assessment_id is None:
        return
    store, user = get_store(), get_user()
    try:
        revisions = store.history(user, assessment_id, state.lang())
        role = store.get(user, assessment_id).role
    except UserError as err:
        st.error(err.message(state.lang()))
        return
    st.caption(_tr("history_intro", count=len(revisions)))
    _revisions_table(revisions)
    versions = [r.version for r in revisions]
    if len(versions) > 1:
        _compare(assessment_id, versions)
    _restore_box(assessment_id, versions, role.allows(Role.editor))
