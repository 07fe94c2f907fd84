"""`storage …`: operator commands for the store — backups, workspaces, users and roles.

They act as the built-in ``local`` user, a site admin that exists only on the server itself (it
has no password, so nobody can log in as it through the app). The database is ``DATABASE_URL``
or ``--database-url``, else the SQLite default.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import Any

from assessment.cli.help import Help
from assessment.fileio import read_input, write_atomic
from assessment.i18n import t
from assessment.storage import Role, Store, open_store
from assessment.storage.engine import resolve_url
from assessment.storage.migrate import current_revision


def register(sub: Any, h: Help) -> None:
    storage = h.command(sub, "storage", "storage")
    storage.add_argument("--database-url", default=None, help=h("database_url"))
    cmds = h.commands(storage, "storage_command")

    info = h.command(cmds, "info", "storage_info")
    info.set_defaults(func=_info)

    export = h.command(cmds, "export", "storage_export")
    export.add_argument("workspace", help=h("storage_export_workspace"))
    export.add_argument("-o", "--output", required=True, type=Path, help=h("storage_export_output"))
    export.set_defaults(func=_export)

    imp = h.command(cmds, "import", "storage_import")
    imp.add_argument("archive", type=Path, help=h("storage_import_archive"))
    imp.add_argument("--workspace", default="default", help=h("storage_import_workspace"))
    imp.set_defaults(func=_import)

    workspace = h.command(cmds, "workspace-add", "storage_workspace_add")
    workspace.add_argument("workspace_id", help=h("storage_workspace_id"))
    workspace.add_argument("name", help=h("storage_workspace_name"))
    workspace.set_defaults(func=_workspace_add)

    user = h.command(cmds, "user-add", "storage_user_add")
    user.add_argument("username", help=h("storage_username"))
    user.add_argument("--name", default="", help=h("storage_user_name"))
    user.add_argument("--password", action="store_true", help=h("storage_user_password"))
    user.add_argument("--site-admin", action="store_true", help=h("storage_user_site_admin"))
    user.set_defaults(func=_user_add)

    password = h.command(cmds, "password", "storage_password")
    password.add_argument("username", help=h("storage_username"))
    password.set_defaults(func=_password)

    grant = h.command(cmds, "grant", "storage_grant")
    grant.add_argument("workspace", help=h("storage_workspace"))
    grant.add_argument("username", help=h("storage_username"))
    grant.add_argument("role", choices=[r.value for r in Role] + ["none"], help=h("storage_role"))
    grant.set_defaults(func=_grant)

    members = h.command(cmds, "members", "storage_members")
    members.add_argument("workspace", help=h("storage_workspace"))
    members.set_defaults(func=_members)

    shares = h.command(cmds, "shares", "storage_shares")
    shares.add_argument("assessment", help=h("storage_assessment"))
    shares.set_defaults(func=_shares)

    end = h.command(cmds, "end-sharing", "storage_end_sharing")
    end.add_argument("assessment", help=h("storage_assessment"))
    end.add_argument("--share", default=None, help=h("storage_end_share"))
    end.add_argument("--participant", default=None, help=h("storage_end_participant"))
    end.set_defaults(func=_end_sharing)


def _store(args: argparse.Namespace) -> Store:
    return open_store(args.database_url)


def _info(args: argparse.Namespace) -> int:
    store = _store(args)
    operator = store.local_user()
    url = resolve_url(args.database_url).render_as_string(hide_password=True)
    print(f"database: {url}")
    print(f"backend: {store.backend}, schema: {current_revision(store.engine)}")
    for workspace in store.workspaces(operator):
        print(f"workspace: {workspace.id} ({workspace.name})")
    store.close()
    return 0


def _export(args: argparse.Namespace) -> int:
    store = _store(args)
    data = store.export_workspace(store.local_user(), args.workspace)
    write_atomic(args.output, data)  # owner-only, and a full disk never destroys the last backup
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        count = sum(1 for n in archive.namelist() if n.startswith("assessments/"))
    print(t("storage.cli_exported", args.lang, count=count, file=args.output))
    store.close()
    return 0


def _import(args: argparse.Namespace) -> int:

    from assessment.storage.archive import MAX_ARCHIVE_BYTES

    data = read_input(args.archive, MAX_ARCHIVE_BYTES)
    store = _store(args)
    ids = store.import_workspace(store.local_user(), data, args.workspace)
    print(t("storage.cli_imported", args.lang, count=len(ids), workspace=args.workspace))
    store.close()
    return 0


def _workspace_add(args: argparse.Namespace) -> int:
    store = _store(args)
    store.create_workspace(store.local_user(), args.workspace_id, args.name)
    print(t("storage.cli_workspace_created", args.lang, workspace=args.workspace_id))
    store.close()
    return 0


def _ask_password(username: str, lang: str) -> str:
    if sys.stdin.isatty():
        return getpass.getpass(t("storage.cli_password_prompt", lang, username=username))
    return sys.stdin.readline().rstrip("\n")


def _user_add(args: argparse.Namespace) -> int:
    store = _store(args)
    password = _ask_password(args.username, args.lang) if args.password else None
    store.add_user(store.local_user(), args.username, args.name, password, site_admin=args.site_admin)
    print(t("storage.cli_user_added", args.lang, username=args.username))
    store.close()
    return 0


def _password(args: argparse.Namespace) -> int:
    store = _store(args)
    store.set_password(store.local_user(), args.username, _ask_password(args.username, args.lang))
    store.close()
    return 0


def _grant(args: argparse.Namespace) -> int:
    store = _store(args)
    role = None if args.role == "none" else Role(args.role)
    store.grant(store.local_user(), args.workspace, args.username, role)
    print(
        t("storage.cli_granted", args.lang, username=args.username, role=args.role, workspace=args.workspace)
    )
    store.close()
    return 0


def _members(args: argparse.Namespace) -> int:
    store = _store(args)
    for user, role in store.members(store.local_user(), args.workspace):
        print(f"{user.username}\t{role.value}\t{user.display_name}")
    store.close()
    return 0


def _shares(args: argparse.Namespace) -> int:
    store = _store(args)
    operator = store.local_user()
    for share in store.shares(operator, args.assessment):
        print(
            t(
                "storage.cli_share_line",
                args.lang,
                id=share.id,
                role=share.role.value,
                expires=share.expires_at.isoformat(timespec="minutes"),
                by=share.created_by,
                count=share.participants,
            )
        )
    for person in store.participants(operator, args.assessment):
        print(
            t(
                "storage.cli_participant_line",
                args.lang,
                username=person.username,
                role=person.role.value,
                expires=person.expires_at.isoformat(timespec="minutes"),
                share=person.share_id or "-",
            )
        )
    store.close()
    return 0


def _end_sharing(args: argparse.Namespace) -> int:
    store = _store(args)
    operator = store.local_user()
    if args.share and args.participant:
        from assessment.errors import Problem, UserError

        raise UserError(Problem("storage.cli_share_or_participant"))
    if args.participant:
        removed = int(store.remove_participant(operator, args.assessment, args.participant))
    elif args.share:
        removed = store.end_share(operator, args.assessment, args.share)
    else:
        removed = store.end_sharing(operator, args.assessment)
    print(t("storage.cli_sharing_ended", args.lang, count=removed))
    store.close()
    return 0
