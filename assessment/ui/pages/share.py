"""Sharing and access: a facilitator invites workshop participants into the open assessment with a
share code (chosen role and expiry), a participant joins with a code, and workspace admins see and
manage who belongs to their workspaces. Every rule is checked by the store; this page only asks."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from assessment import formats
from assessment.errors import UserError
from assessment.i18n import t
from assessment.storage import Role, Workspace
from assessment.ui import auth, session, state
from assessment.ui.components import share_display
from assessment.ui.components.text import md
from assessment.ui.session import get_user
from assessment.ui.store import get_store

_LAST_CODE = "_share_last_code"
# Offered lifetimes of a share code, in hours: a workshop, a working day, a day, a week, a month.
DURATIONS = (2, 8, 24, 24 * 7, 24 * 30)
SHARE_ROLES = (Role.editor, Role.viewer)
MEMBER_ROLES = (Role.viewer, Role.editor, Role.admin)


def _tr(key: str, /, **params: object) -> str:
    return t(f"server_ui.{key}", state.lang(), **params)


def role_label(role: Role | str) -> str:
    return _tr(f"role.{Role(role).value}")


def _duration_label(hours: int) -> str:
    return _tr("hours", n=hours) if hours < 24 else _tr("days", n=hours // 24)


# -- invite ----------------------------------------------------------------------------------------


def _create_code(assessment_id: str) -> None:
    role = Role(st.session_state.get("share_role") or Role.editor)
    hours = int(st.session_state.get("share_hours") or DURATIONS[0])
    expires = dt.datetime.now(dt.UTC).replace(microsecond=0) + dt.timedelta(hours=hours)
    try:
        code = get_store().create_share(get_user(), assessment_id, role, expires)
    except UserError as err:
        state.flash("error", err.message(state.lang()))
        return
    st.session_state[_LAST_CODE] = (assessment_id, code, role.value, expires)


def join_link(code: str) -> str:
    """The link that logs in (server mode) and joins in one step; the code alone when unknown."""
    try:
        base = st.context.url or ""
    except (AttributeError, RuntimeError):
        base = ""
    return f"{base.split('?')[0]}?{auth.JOIN_PARAM}={code}" if base else code


def _invite() -> None:
    st.subheader(_tr("invite_title"))
    assessment_id = state.current_id()
    assessment = state.current()
    if assessment_id is None or assessment is None:
        st.info(_tr("invite_needs_assessment"))
        return
    st.caption(_tr("invite_intro"))
    with st.form("share_form", border=False):
        c1, c2 = st.columns(2)
        c1.radio(_tr("share_role"), SHARE_ROLES, key="share_role", format_func=role_label, horizontal=True)
        c2.selectbox(_tr("share_valid"), DURATIONS, key="share_hours", format_func=_duration_label)
        st.form_submit_button(
            _tr("share_create"),
            type="primary",
            on_click=_create_code,
            args=(assessment_id,),
            icon=":material/key:",
        )
    last = st.session_state.get(_LAST_CODE)
    if last and last[0] == assessment_id:
        _, code, role, expires = last
        with st.container(border=True):
            st.markdown(
                _tr(
                    "share_code_is",
                    role=role_label(role),
                    until=_when(expires),
                )
            )
            st.code(code, language=None)
            share_display.big_code(code, join_link(code) if session.server_mode() else None)
            if session.server_mode():
                st.caption(_tr("share_link"))
                st.code(join_link(code), language=None)


# -- live codes and participants ------------------------------------------------------------------


def _sec(key: str, /, **params: object) -> str:
    return t(f"security.{key}", state.lang(), **params)


def _when(moment: dt.datetime) -> str:
    return formats.moment(moment, state.lang())


def _end_share(assessment_id: str, share_id: str) -> None:
    try:
        count = get_store().end_share(get_user(), assessment_id, share_id)
    except UserError as err:
        state.flash("error", err.message(state.lang()))
        return
    state.flash("success", _sec("share_ended", count=count))


def _remove_participant(assessment_id: str, username: str) -> None:
    try:
        get_store().remove_participant(get_user(), assessment_id, username)
    except UserError as err:
        state.flash("error", err.message(state.lang()))
        return
    state.flash("success", _sec("participant_removed", username=md(username)))


def _end_all(assessment_id: str) -> None:
    try:
        count = get_store().end_sharing(get_user(), assessment_id)
    except UserError as err:
        state.flash("error", err.message(state.lang()))
        return
    st.session_state.pop(_LAST_CODE, None)
    state.flash("success", _sec("sharing_ended", count=count))


def _live_sharing() -> None:
    """The open assessment's live codes and participants, each with a way to end it (editors of
    its workspace; others see nothing here)."""
    assessment_id = state.current_id()
    if assessment_id is None:
        return
    store, user = get_store(), get_user()
    try:
        shares = store.shares(user, assessment_id)
        people = store.participants(user, assessment_id)
    except UserError:
        return  # a participant or viewer: managing the sharing is not theirs
    st.subheader(_sec("sharing_title"))
    st.caption(_sec("sharing_intro"))
    if not shares and not people:
        st.caption(_sec("sharing_none"))
        return
    if shares:
        st.dataframe(
            pd.DataFrame(
                {
                    _sec("col_code"): [s.id for s in shares],
                    _tr("share_role"): [role_label(s.role) for s in shares],
                    _sec("col_valid_until"): [_when(s.expires_at) for s in shares],
                    _sec("col_created_by"): [s.created_by for s in shares],
                    _sec("col_participants"): [s.participants for s in shares],
                }
            ),
            hide_index=True,
            width="stretch",
            placeholder="",
        )
        for share in shares:
            st.button(
                _sec("end_share", id=share.id),
                key=f"end_share:{share.id}",
                on_click=_end_share,
                args=(assessment_id, share.id),
                icon=":material/key_off:",
                type="tertiary",
            )
    if people:
        st.markdown(f"**{_sec('participants_title')}**")
        st.dataframe(
            pd.DataFrame(
                {
                    _tr("col_user"): [p.username for p in people],
                    _tr("col_name"): [p.display_name for p in people],
                    _tr("col_role"): [role_label(p.role) for p in people],
                    _sec("col_valid_until"): [_when(p.expires_at) for p in people],
                    _sec("col_code"): [p.share_id or "–" for p in people],
                }
            ),
            hide_index=True,
            width="stretch",
            placeholder="",
        )
        for person in people:
            st.button(
                _sec("remove_participant", username=md(person.username)),
                key=f"remove_participant:{person.username}",
                on_click=_remove_participant,
                args=(assessment_id, person.username),
                icon=":material/person_remove:",
                type="tertiary",
            )
    st.button(
        _sec("end_all"),
        key="end_all_sharing",
        on_click=_end_all,
        args=(assessment_id,),
        icon=":material/block:",
    )


# -- join ------------------------------------------------------------------------------------------


def _join() -> None:
    code = str(st.session_state.get("join_code") or "")
    if not code.strip():
        state.flash("error", _tr("join_empty"))
        return
    if auth.join(get_user(), code):
        st.session_state["join_code"] = ""


def _join_box() -> None:
    st.subheader(_tr("join_title"))
    st.caption(_tr("join_intro"))
    with st.form("join_form", border=False):
        st.text_input(_tr("join_code"), key="join_code", max_chars=40, placeholder="ABCDE-FGHJK")
        st.form_submit_button(_tr("join_button"), on_click=_join, icon=":material/login:")


# -- workspaces and members ----------------------------------------------------------------------


def _set_member(workspace_id: str) -> None:
    username = str(st.session_state.get(f"member_name:{workspace_id}") or "").strip()
    role = st.session_state.get(f"member_role:{workspace_id}")
    password = str(st.session_state.get(f"member_password:{workspace_id}") or "")
    st.session_state[f"member_password:{workspace_id}"] = ""
    store, user = get_store(), get_user()
    try:
        if password:
            store.add_user(user, username, password=password)
        store.grant(user, workspace_id, username, None if role == "remove" else Role(str(role)))
    except UserError as err:
        state.flash("error", err.message(state.lang()))
        return
    state.flash("success", _tr("member_saved", username=username))


def _members(workspace: Workspace) -> None:
    store, user = get_store(), get_user()
    try:
        members = store.members(user, workspace.id)
    except UserError as err:
        st.error(err.message(state.lang()))
        return
    frame = pd.DataFrame(
        {
            _tr("col_user"): [m.username for m, _ in members],
            _tr("col_name"): [m.display_name for m, _ in members],
            _tr("col_role"): [role_label(r) for _, r in members],
        }
    )
    st.dataframe(frame, hide_index=True, width="stretch", placeholder="")
    with st.form(f"member_form:{workspace.id}", border=False):
        c1, c2, c3 = st.columns([3, 2, 3])
        c1.text_input(_tr("col_user"), key=f"member_name:{workspace.id}", max_chars=320)
        c2.selectbox(
            _tr("col_role"),
            [*MEMBER_ROLES, "remove"],
            key=f"member_role:{workspace.id}",
            format_func=lambda r: _tr("remove_member") if r == "remove" else role_label(r),
        )
        if session.mode() == "local":
            c3.text_input(
                _tr("new_password"),
                key=f"member_password:{workspace.id}",
                type="password",
                help=_tr("new_password_help"),
            )
        st.form_submit_button(_tr("member_save"), on_click=_set_member, args=(workspace.id,))


def _backup(workspace: Workspace) -> None:
    """The workspace's backup (every assessment with its whole history and authors) for its
    admins: built when the button is pressed, not on every rerun of the page."""
    store, user = get_store(), get_user()
    st.caption(_tr("backup_help"))
    st.download_button(
        _tr("backup_download"),
        lambda: store.export_workspace(user, workspace.id),
        file_name=f"arbetsyta-{workspace.id}-{dt.date.today().isoformat()}.zip",
        mime="application/zip",
        key=f"backup:{workspace.id}",
        on_click="ignore",
        icon=":material/archive:",
    )


def _workspaces() -> None:
    st.subheader(_tr("workspaces_title"))
    try:
        workspaces = get_store().workspaces(get_user())
    except UserError as err:
        st.error(err.message(state.lang()))
        return
    if not workspaces:
        st.info(_tr("no_workspace"))
        return
    frame = pd.DataFrame(
        {
            _tr("col_workspace"): [w.name for w in workspaces],
            _tr("col_id"): [w.id for w in workspaces],
            _tr("col_role"): [role_label(w.role) for w in workspaces],
        }
    )
    st.dataframe(frame, hide_index=True, width="stretch", placeholder="")
    # Members and the backup are the admins' (the store refuses viewers and editors as well).
    for workspace in workspaces:
        if workspace.role is not Role.admin:
            continue
        if session.server_mode():
            with st.expander(_tr("members_of", name=md(workspace.name))):
                _members(workspace)
                _backup(workspace)
        else:
            _backup(workspace)


def render() -> None:
    st.title(_tr("share_title"))
    _invite()
    _live_sharing()
    st.divider()
    _join_box()
    st.divider()
    _workspaces()
