"""How the app is served: without logins (one person on this computer), with local logins, or
with an identity provider. Fail closed: an unset or unknown ``ASSESSMENT_AUTH`` refuses to serve
anything, and serving without logins is refused for any store that holds more than the single
local user's own data (other users, other workspaces, or a PostgreSQL server).

Used by the app's gate (``assessment.ui.auth``) on every run and by ``python -m assessment
serve-check``, which ``make run`` and the deployment's ``ExecStartPre`` call before starting.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal, get_args

from sqlalchemy import select

from assessment.errors import Problem, UserError
from assessment.settings import settings
from assessment.storage.accounts import DEFAULT_WORKSPACE, LOCAL_USERNAME
from assessment.storage.schema import UserRow, WorkspaceRow
from assessment.storage.store import Store

AUTH_ENV = "ASSESSMENT_AUTH"
LoginMode = Literal["none", "local", "oidc"]
MODES: tuple[LoginMode, ...] = get_args(LoginMode)


class ServingRefused(UserError):
    """The configuration would serve data without the logins it needs; nothing is served."""


def login_mode(environ: Mapping[str, str] | None = None) -> LoginMode:
    """``ASSESSMENT_AUTH`` checked: ``none``, ``local`` or ``oidc`` (case and surrounding spaces
    ignored). Unset, empty or anything else raises `ServingRefused`: a typo must never turn
    logins off."""
    raw = settings().auth if environ is None else environ.get(AUTH_ENV)
    if raw is None or not raw.strip():
        raise ServingRefused(Problem("security.auth_unset", {"env": AUTH_ENV}))
    value = raw.strip().lower()
    for mode in MODES:
        if value == mode:
            return mode
    shown = "".join(ch if ch.isprintable() else "?" for ch in raw)[:40]
    raise ServingRefused(Problem("security.auth_unknown", {"env": AUTH_ENV, "value": shown}))


def login_free_refusal(store: Store) -> Problem | None:
    """Why ``store`` must not be served without logins, or None when it may.

    Without logins every visitor is the built-in ``local`` user, a site admin. That is right for
    one person's own SQLite file, never for a store other people's data is in.
    """
    if store.backend != "sqlite":
        return Problem("security.none_needs_sqlite", {"env": AUTH_ENV})
    with store._session() as s:
        others = s.scalar(select(UserRow.username).where(UserRow.username != LOCAL_USERNAME).limit(1))
        if others is not None:
            return Problem("security.none_with_users", {"env": AUTH_ENV})
        workspace = s.scalar(select(WorkspaceRow.id).where(WorkspaceRow.id != DEFAULT_WORKSPACE).limit(1))
        if workspace is not None:
            return Problem("security.none_with_workspaces", {"env": AUTH_ENV, "workspace": workspace})
    return None


def serving_mode(store: Store, environ: Mapping[str, str] | None = None) -> LoginMode:
    """The login mode to serve ``store`` with, or `ServingRefused` with the reason."""
    mode = login_mode(environ)
    if mode == "none":
        problem = login_free_refusal(store)
        if problem is not None:
            raise ServingRefused(problem)
    return mode
