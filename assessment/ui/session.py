"""Who acts in this browser session, and what a session keeps when its identity changes.

`get_user` is the acting user for every store call: the store's local user in embedded mode, the
logged-in user in the server modes (`LoginRequired` when nobody is). The login forms and the gate
are `assessment.ui.auth`; this module holds only the identity, so the store access (`ui.store`),
the state (`ui.state`) and the pages can ask for it without importing the login pages (no cycle).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

import streamlit as st

from assessment.errors import AccessDenied, Problem
from assessment.settings import settings
from assessment.storage import User
from assessment.storage.login_mode import login_mode
from assessment.ui.store import get_store

USER_KEY = "_user"  # the acting user (session state, never a widget)
LANG_KEY = "ui_lang"  # the session's language: kept when the identity changes (assessment.ui.state)
CLAIMS_KEY = "_user_claims"

Mode = Literal["embedded", "local", "oidc"]


class LoginRequired(AccessDenied):
    """A store call was attempted in server mode before anyone logged in."""

    def __init__(self) -> None:
        super().__init__(Problem("server_ui.login_required"))


def mode() -> Mode:
    """The login mode; raises `ServingRefused` for an unset or unknown ``ASSESSMENT_AUTH``
    (`auth.gate` shows that message instead of the app)."""
    value = login_mode()
    return "embedded" if value == "none" else value


def server_mode() -> bool:
    return mode() != "embedded"


def get_user() -> User:
    """The acting user; raises `LoginRequired` in server mode when nobody is logged in."""
    session_user = st.session_state.get(USER_KEY)
    if mode() == "embedded":
        return session_user if isinstance(session_user, User) else get_store().local_user()
    if mode() == "oidc" and not oidc_logged_in():
        return _forget()
    if mode() == "oidc":
        same = st.session_state.get(CLAIMS_KEY) == _oidc_identity(st.user.to_dict())
        if isinstance(session_user, User) and same:
            return session_user
        if session_user is not None:
            clear()  # another identity: nothing of the previous one may remain
        return _adopt_oidc()
    if isinstance(session_user, User):
        return session_user
    raise LoginRequired()


def clear() -> None:
    """Forget everything of this session but its language (logout, another identity)."""
    lang = "en" if st.session_state.get(LANG_KEY) == "en" else "sv"
    for key in list(st.session_state.keys()):
        del st.session_state[key]
    st.session_state[LANG_KEY] = lang


def _forget() -> User:
    st.session_state.pop(USER_KEY, None)
    st.session_state.pop(CLAIMS_KEY, None)
    raise LoginRequired()


def oidc_logged_in() -> bool:
    try:
        return bool(st.user.is_logged_in)
    except (AttributeError, KeyError):
        return False


def _oidc_identity(claims: Mapping[str, object]) -> str:
    return f"{claims.get('iss') or ''}|{claims.get('sub') or ''}|{claims.get('email') or ''}"


def _adopt_oidc() -> User:
    claims = st.user.to_dict()
    user = get_store().user_from_oidc(claims, verified_claim=settings().oidc_email_verified_claim)
    st.session_state[USER_KEY] = user
    st.session_state[CLAIMS_KEY] = _oidc_identity(claims)
    return user
