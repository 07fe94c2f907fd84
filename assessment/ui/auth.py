"""Who is using the app: embedded single user, a local login, or an OIDC login (`st.login`).

``ASSESSMENT_AUTH`` chooses the mode:

- ``none`` (embedded, what ``make run`` starts): no login; everyone is the store's local
  user, exactly as a single-person installation needs. Refused for a store that holds other
  users or workspaces, or on PostgreSQL (`assessment.storage.login_mode`); a notice in the
  sidebar says that no login is in use.
- ``local``: user name and password checked by `Store.authenticate_local` (scrypt hashes in the
  database); for installations without an identity provider. The login lasts for the browser
  session (a reload asks again, then resumes where the user was).
- ``oidc``: Streamlit's `st.login` against the provider configured in ``.streamlit/secrets.toml``
  (``[auth]``; see docs/deployment.md); ``st.user``'s claims are mapped to a stored user by
  `Store.user_from_oidc`. The identity cookie keeps the login across reloads.

Unset or unknown values serve nothing but a message saying how to choose (fail closed).
In the server modes nothing is shown and no store call is made until someone has logged in, and
the store checks every access again (the UI only decides what to offer).
"""

from __future__ import annotations

import streamlit as st

from assessment.errors import UserError
from assessment.i18n import t
from assessment.settings import settings
from assessment.storage import Role, Store, User, Workspace
from assessment.storage.login_mode import AUTH_ENV, ServingRefused, serving_mode
from assessment.ui import session, state
from assessment.ui.components import style
from assessment.ui.components.text import md
from assessment.ui.store import get_store

WORKSPACE_KEY = "_workspace"  # where new assessments go; read by assessment.ui.state.create
_LOGIN_ERROR = "_login_error"
JOIN_PARAM = "join"


def _lang() -> str:
    return state.lang()


def _tr(key: str, /, **params: object) -> str:
    return t(f"server_ui.{key}", _lang(), **params)


def _store() -> Store:
    return get_store()


# -- the gate in front of the app ----------------------------------------------------------------


def gate() -> bool:
    """Call first in every run. True when the app may render for a known user; otherwise the
    login form (server mode) or the refusal to serve has been drawn and the caller must stop."""
    try:
        serving_mode(_store())
    except ServingRefused as err:
        _refusal(err)
        return False
    if session.mode() == "embedded":
        with st.sidebar:
            st.caption(t("security.no_login_notice", _lang(), env=AUTH_ENV))
        return True
    try:
        user = session.get_user()
    except UserError as err:
        if not isinstance(err, session.LoginRequired):
            st.session_state[_LOGIN_ERROR] = err.message(_lang())
        _login_form()
        return False
    _join_from_link(user)
    _account_box(user)
    if not _store().workspaces(user) and not _store().list(user):
        # A new OIDC user, or a participant before redeeming a code: say what to do.
        st.info(_tr("no_workspace"), icon=":material/group_add:")
    return True


def _refusal(err: ServingRefused) -> None:
    """Misconfigured: nothing of the store is shown, only what to change."""
    st.title(t("security.serving_refused_title", _lang()))
    st.error(err.message(_lang()))


def _login_form() -> None:
    style.apply(state.large_type(), state.lang())
    _, middle, _ = st.columns([1, 2, 1])
    with middle:
        st.title(_tr("login_title"))
        st.caption(_tr("login_intro"))
        error = st.session_state.pop(_LOGIN_ERROR, None)
        if error:
            st.error(error)
        if session.mode() == "oidc":
            if not _oidc_configured():
                st.error(_tr("oidc_not_configured"))
                return
            st.button(_tr("login_oidc"), type="primary", on_click=_start_oidc, key="login_oidc")
            if session.oidc_logged_in():  # the provider knows the person but the app refused them
                st.button(_tr("logout"), key="logout_refused", on_click=logout)
            return
        with st.form("login"):
            st.text_input(_tr("username"), key="login_username", max_chars=320)
            st.text_input(_tr("password"), key="login_password", type="password", max_chars=1000)
            st.form_submit_button(_tr("login_button"), type="primary", on_click=_local_login)


def _oidc_configured() -> bool:
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all (Streamlit raises its own error types here)
        return False


def _start_oidc() -> None:
    st.login(settings().oidc_provider)


def _local_login() -> None:
    username = str(st.session_state.get("login_username") or "").strip()
    password = str(st.session_state.get("login_password") or "")
    # The password never stays in session state, whatever happens next.
    st.session_state["login_password"] = ""
    try:
        user = _store().authenticate_local(username, password)
    except UserError as err:
        st.session_state[_LOGIN_ERROR] = err.message(_lang())
        return
    st.session_state[session.USER_KEY] = user


def logout() -> None:
    """Forget everything of this browser session (the next login starts afresh)."""
    session.clear()
    if session.mode() == "oidc":
        st.logout()


def _account_box(user: User) -> None:
    with st.sidebar:
        # st.caption renders Markdown without HTML; escape so a name cannot format itself.
        st.caption(_tr("logged_in_as", name=md(user.display_name or user.username)))
        st.button(_tr("logout"), key="logout", on_click=logout, icon=":material/logout:", type="tertiary")
        _workspace_switcher(_store().workspaces(user))


def _workspace_switcher(workspaces: list[Workspace]) -> None:
    """With several workspaces to write in, the user picks where new assessments are created."""
    writable = [w for w in workspaces if w.role.allows(Role.editor)]
    ids = [w.id for w in writable]
    if st.session_state.get(WORKSPACE_KEY) not in ids:
        st.session_state[WORKSPACE_KEY] = ids[0] if ids else None
    if len(writable) < 2:
        return
    names = {w.id: w.name for w in writable}
    st.selectbox(
        _tr("workspace_for_new"),
        ids,
        key="workspace_choice",
        index=ids.index(str(st.session_state[WORKSPACE_KEY])),
        format_func=names.__getitem__,
        on_change=_choose_workspace,
    )


def _choose_workspace() -> None:
    st.session_state[WORKSPACE_KEY] = st.session_state.get("workspace_choice")


def _join_from_link(user: User) -> None:
    """``?join=<code>`` (the link a facilitator shares): redeem it and open that assessment."""
    code = st.query_params.get(JOIN_PARAM)
    if not code:
        return
    del st.query_params[JOIN_PARAM]
    join(user, str(code))


def join(user: User, code: str) -> bool:
    """Redeem a share code and open its assessment (also before the app restored its view)."""
    store = _store()
    try:
        assessment_id = store.redeem_share(user, code.strip()[:100])
    except UserError as err:
        state.flash("error", err.message(_lang()))
        return False
    # Also remembered as the user's view, which the app restores from right after the gate.
    state.open_saved(assessment_id, "rus")
    state.flash("success", _tr("joined"))
    return True
