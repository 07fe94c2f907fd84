"""The assessment store: SQLite by default, PostgreSQL for shared servers; one code path.

Open it once per process and share it (it is thread-safe)::

    from assessment.storage import open_store
    store = open_store()  # DATABASE_URL, else sqlite:///<ASSESSMENT_DATA_DIR|./data>/assessments.db
    user = store.local_user()       # embedded mode: user "local", admin of workspace "default"

Opening creates the data directory and upgrades the schema (Alembic, ``upgrade head``), so a new
release opens an old database without losing anything.

Every method takes the acting `User` first and checks access in the library; a violation raises
`assessment.errors.AccessDenied` (also for ids that do not exist, so existence is not leaked).
Roles per workspace: viewer (read), editor (write, share), admin (delete, manage members).
Who the user *is* is the caller's responsibility (`local_user`, `authenticate_local`,
`user_from_oidc`); the store decides what that user may do. Site admins (the built-in ``local``
user, the CLI operator) create workspaces and users, manage members and make backups; reading an
assessment still needs a workspace role.
Invalid input raises a `UserError` and writes nothing. Each write is one transaction.

Assessments::

    store.workspaces(user) -> list[Workspace(id, name, role)]
    store.list(user, *, workspace_id=None, search="", kinds=None, tags=None,
               municipalities=None, date_from=None, date_to=None) -> list[Summary]
    store.listed_versions(user, *, workspace_id=None, kinds=None, date_from=None, date_to=None)
        -> list[(id, version)]                                    # list's rows, two columns
    store.create(user, assessment, workspace_id=None) -> Stored   # default: user's "default"
    store.get(user, id) -> Stored(id, workspace_id, version, assessment, updated_at, updated_by,
                                  role)
    store.save(user, id, assessment, base_version)
        -> SaveResult(stored, conflicts, merged, new_revision)
        # base_version = the Stored.version the edit started from. If someone saved since, the
        # edits are three-way merged (assessment.domain.merge): list items added/removed by
        # either side are kept/removed, separate fields merge, and where both changed the same
        # field the stored value wins and the writer's value is in conflicts
        # (FieldConflict(path, base, mine, theirs)). Unchanged documents create no revision.
    store.version(user, id) -> int                                # cheap, for live polling
    store.history(user, id, lang="sv") -> list[RevisionInfo]      # newest first
    store.revision(user, id, version) -> Assessment
    store.diff(user, id, v1, v2) -> list[Change(path, old, new)]  # NamedTuple: (path, old, new)
    store.restore(user, id, version) -> Stored                    # a new revision
    store.projections(user, ids) -> dict[id, StoredProjection(id, workspace_id, version,
                                  projection)]   # what portfolio views read; unreadable ids left out
    store.delete(user, id)                                        # workspace admin
    store.ui_state(user) -> dict ; store.set_ui_state(user, data) # resume after reload/restart

Access control and logins::

    store.add_user(admin, username, display_name="", password=None) -> User
    store.create_workspace(site_admin, workspace_id, name) -> Workspace
    store.grant(admin, workspace_id, username, role | None)      # None removes the member
    store.members(admin, workspace_id) -> list[(User, Role)]
    store.set_password(user, username, password)
    store.authenticate_local(username, password) -> User          # scrypt hashes; AccessDenied
    store.user_from_oidc(claims) -> User                          # st.user after st.login
    store.create_share(user, id, role, expires_at) -> "ABCDE-FGHJK"   # editors; viewer|editor
    store.redeem_share(user, code) -> id                          # refuses unknown/expired codes
    store.end_sharing(user, id) -> int                            # all codes and their access end

Workshop sessions (cross-impact matrix scored privately, then revealed and locked; who may see
what is in `assessment.storage.workshops`, the values in `assessment.workshop`)::

    store.create_workshop(user, id, codes, title="", anonymous=True, dots=3) -> WorkshopInfo
    store.workshops(user, id) ; store.workshop_board(user, workshop_id) -> Board
    store.join_workshop / cast_vote / place_dots                  # participants (viewer+)
    store.reveal_cells / lock_cell / lock_cells / unlock_cell / set_workshop_codes / delete_workshop
                                                                  # facilitator (workspace editor)
    store.workshop_version(user, workshop_id) -> int              # cheap, for live polling

Backup::

    store.export_workspace(user, workspace_id) -> bytes           # zip: YAML + manifest + history
    store.import_workspace(user, data, workspace_id) -> list[id]  # lossless, all or nothing
"""

from __future__ import annotations

from sqlalchemy.exc import ArgumentError, InterfaceError, NoSuchModuleError, OperationalError

from assessment.domain.merge import Change, FieldConflict
from assessment.errors import Problem, UserError
from assessment.storage.accounts import DEFAULT_WORKSPACE, LOCAL_USERNAME
from assessment.storage.engine import default_url, make_engine, resolve_url
from assessment.storage.migrate import upgrade
from assessment.storage.store import Store, describe
from assessment.storage.types import (
    RevisionInfo,
    Role,
    SaveResult,
    Share,
    Stored,
    StoredProjection,
    Summary,
    User,
    Workspace,
)


def open_store(url: str | None = None) -> Store:
    """Open (and create or upgrade) the store at ``url``, ``DATABASE_URL`` or the default.

    An unusable URL or an unreachable database raises a `UserError` naming the database (never
    its password), not a driver traceback.
    """
    try:
        resolved = resolve_url(url)
    except (ArgumentError, ValueError) as exc:
        raise UserError(Problem("storage.db_url_invalid", {"detail": str(exc)[:200]})) from exc
    shown = resolved.render_as_string(hide_password=True)

    def unavailable(exc: Exception) -> UserError:
        detail = str(getattr(exc, "orig", None) or exc)
        if resolved.password:
            detail = detail.replace(str(resolved.password), "***")
        return UserError(Problem("storage.db_unavailable", {"url": shown, "detail": detail.strip()[:300]}))

    try:
        engine = make_engine(resolved)
    except (ArgumentError, NoSuchModuleError) as exc:
        raise UserError(Problem("storage.db_url_invalid", {"detail": str(exc)[:200]})) from exc
    except OSError as exc:  # e.g. the data directory cannot be created
        raise unavailable(exc) from exc
    try:
        upgrade(engine)
    except (OperationalError, InterfaceError, OSError) as exc:
        engine.dispose()
        raise unavailable(exc) from exc
    return Store(engine)


__all__ = [
    "DEFAULT_WORKSPACE",
    "LOCAL_USERNAME",
    "Change",
    "FieldConflict",
    "RevisionInfo",
    "Role",
    "SaveResult",
    "Share",
    "Store",
    "Stored",
    "StoredProjection",
    "Summary",
    "User",
    "Workspace",
    "default_url",
    "describe",
    "open_store",
]
