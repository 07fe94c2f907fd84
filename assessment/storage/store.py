"""The store: assessments with revisions, merging saves, history, listing and UI state.

Every public method takes the acting `User` first and checks access before reading or writing.
Every write is one database transaction: either the whole save (document, revision, labels) is
committed or nothing is, so a crash mid-save leaves the previous revision intact.
"""

from __future__ import annotations

import builtins
import datetime as dt
import json
import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import delete, exists, or_, select
from sqlalchemy.orm import Session

from assessment.domain.assessment import Assessment
from assessment.domain.merge import Change, FieldConflict, diff, merge3, summarise
from assessment.errors import AccessDenied, Problem, UserError
from assessment.i18n import t
from assessment.storage import access, archive
from assessment.storage.accounts import AccountsMixin
from assessment.storage.documents import from_document, label_values, search_text, to_document
from assessment.storage.schema import (
    AssessmentRow,
    GrantRow,
    LabelRow,
    MembershipRow,
    RevisionRow,
    ShareRow,
    UiStateRow,
    WorkspaceRow,
)
from assessment.storage.types import (
    RevisionInfo,
    Role,
    SaveResult,
    Stored,
    Summary,
    User,
    Workspace,
)

MAX_UI_STATE_BYTES = 100_000


class Store(AccountsMixin):
    """The assessment store; see the package docstring for the whole API."""

    # -- reading ---------------------------------------------------------------------------

    def workspaces(self, user: User) -> list[Workspace]:
        with self._session() as s:
            rows = s.execute(
                select(WorkspaceRow.id, WorkspaceRow.name, MembershipRow.role)
                .join(MembershipRow, MembershipRow.workspace_id == WorkspaceRow.id)
                .where(MembershipRow.user_id == user.id)
                .order_by(WorkspaceRow.name, WorkspaceRow.id)
            ).all()
            return [Workspace(r.id, r.name, Role(r.role)) for r in rows]

    def list(
        self,
        user: User,
        *,
        workspace_id: str | None = None,
        search: str = "",
        kinds: Sequence[str] | None = None,
        tags: Sequence[str] | None = None,
        municipalities: Sequence[str] | None = None,
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
    ) -> builtins.list[Summary]:
        """Assessments the user can read, newest change first.

        ``tags``/``municipalities`` match any of the given values (case-insensitive); the
        filters combine with AND. ``search`` looks in title, organisation, tags, municipalities.
        """
        with self._session() as s:
            member_of = select(MembershipRow.workspace_id).where(MembershipRow.user_id == user.id)
            granted = select(GrantRow.assessment_id).where(
                GrantRow.user_id == user.id, GrantRow.expires_at > access.now()
            )
            a = AssessmentRow
            query = select(
                a.id, a.workspace_id, a.title, a.kind, a.tags, a.municipalities, a.date,
                a.updated_at, a.updated_by, a.version,
            ).where(or_(a.workspace_id.in_(member_of), a.id.in_(granted)))
            if workspace_id is not None:
                if access.workspace_role(s, user, workspace_id) is None and not s.scalar(
                    select(exists().where(a.workspace_id == workspace_id, a.id.in_(granted)))
                ):
                    raise access.denied_workspace(workspace_id)
                query = query.where(a.workspace_id == workspace_id)
            if search.strip():
                pattern = "%" + _escape_like(search.strip().casefold()) + "%"
                query = query.where(a.search_text.like(pattern, escape="\\"))
            if kinds:
                query = query.where(a.kind.in_([str(k) for k in kinds]))
            for label_kind, values in (("tag", tags), ("municipality", municipalities)):
                if values:
                    query = query.where(
                        exists().where(
                            LabelRow.assessment_id == a.id,
                            LabelRow.kind == label_kind,
                            LabelRow.value.in_(label_values(list(values))),
                        )
                    )
            if date_from is not None:
                query = query.where(a.date >= date_from)
            if date_to is not None:
                query = query.where(a.date <= date_to)
            rows = s.execute(query.order_by(a.updated_at.desc(), a.id)).all()
            return [
                Summary(
                    id=r.id, workspace_id=r.workspace_id, title=r.title, kind=r.kind,
                    tags=list(r.tags), municipalities=list(r.municipalities), date=r.date,
                    updated_at=r.updated_at, updated_by=r.updated_by, version=r.version,
                )
                for r in rows
            ]

    def get(self, user: User, assessment_id: str) -> Stored:
        with self._session() as s:
            row, role = self._require(s, user, assessment_id, Role.viewer)
            return _stored(row, role)

    def version(self, user: User, assessment_id: str) -> int:
        """The current version number only: cheap enough to poll every few seconds."""
        with self._session() as s:
            found = s.execute(
                select(AssessmentRow.version, AssessmentRow.workspace_id).where(
                    AssessmentRow.id == assessment_id
                )
            ).first()
            if found is None:
                raise access.denied_assessment()
            role = access.workspace_role(s, user, found.workspace_id) or access.grant_role(
                s, user, assessment_id
            )
            access.require_role(role, Role.viewer)
            return int(found.version)

    def history(
        self, user: User, assessment_id: str, lang: str = "sv"
    ) -> builtins.list[RevisionInfo]:
        """Every revision, newest first, with who saved it, when, and what changed."""
        with self._session() as s:
            self._require(s, user, assessment_id, Role.viewer)
            rows = s.execute(
                select(
                    RevisionRow.version, RevisionRow.created_at, RevisionRow.author,
                    RevisionRow.summary,
                )
                .where(RevisionRow.assessment_id == assessment_id)
                .order_by(RevisionRow.version.desc())
            ).all()
            return [
                RevisionInfo(
                    r.version, r.created_at, r.author, describe(r.summary, lang), r.summary
                )
                for r in rows
            ]

    def revision(self, user: User, assessment_id: str, version: int) -> Assessment:
        with self._session() as s:
            row, _ = self._require(s, user, assessment_id, Role.viewer)
            return from_document(self._revision_document(s, row, version))

    def diff(self, user: User, assessment_id: str, v1: int, v2: int) -> builtins.list[Change]:
        """What changed from version ``v1`` to ``v2``: ``(path, old, new)`` per changed field."""
        with self._session() as s:
            row, _ = self._require(s, user, assessment_id, Role.viewer)
            return diff(self._revision_document(s, row, v1), self._revision_document(s, row, v2))

    # -- writing ---------------------------------------------------------------------------

    def create(
        self,
        user: User,
        assessment: Assessment | Mapping[str, Any],
        workspace_id: str | None = None,
    ) -> Stored:
        model, document = to_document(assessment)
        with self._session(write=True) as s:
            if workspace_id is None:
                workspace_id = self._default_workspace(s, user)
            role = access.require_workspace(s, user, workspace_id, Role.editor)
            stamp = access.now()
            row = AssessmentRow(
                id=uuid.uuid4().hex, workspace_id=workspace_id, version=0, created_at=stamp,
                document={},
            )
            s.add(row)
            self._write(s, row, model, document, user.username, stamp, {"event": "create"}, {})
            return _stored(row, role)

    def save(
        self,
        user: User,
        assessment_id: str,
        assessment: Assessment | Mapping[str, Any],
        base_version: int,
    ) -> SaveResult:
        """Save the user's edit of revision ``base_version``.

        If someone saved in between, the two edits are merged (`assessment.domain.merge`):
        both sides' additions are kept; where both changed the same field, the stored value is
        kept and the user's value is returned in ``conflicts``. Saving an unchanged document
        creates no revision.
        """
        _, mine = to_document(assessment)
        with self._session(write=True) as s:
            row, role = self._require(s, user, assessment_id, Role.editor, lock=True)
            theirs = row.document
            conflicts: builtins.list[FieldConflict] = []
            merged = base_version != row.version
            if merged:
                base = self._revision_document(s, row, base_version)
                new_doc, conflicts = _merged(base, mine, theirs)
            else:
                new_doc = mine
            if new_doc == theirs:
                return SaveResult(_stored(row, role), conflicts, merged, new_revision=False)
            event: dict[str, Any] = {"event": "merge", "from_version": base_version,
                                     "conflicts": len(conflicts)} if merged else {"event": "save"}
            model = from_document(new_doc)
            self._write(
                s, row, model, model.to_document(), user.username, access.now(), event, theirs
            )
            return SaveResult(_stored(row, role), conflicts, merged)

    def restore(self, user: User, assessment_id: str, version: int) -> Stored:
        """Make an old revision current again, as a new revision (history is never rewritten)."""
        with self._session(write=True) as s:
            row, role = self._require(s, user, assessment_id, Role.editor, lock=True)
            document = self._revision_document(s, row, version)
            model = from_document(document)
            self._write(
                s, row, model, model.to_document(), user.username, access.now(),
                {"event": "restore", "from_version": version}, row.document,
            )
            return _stored(row, role)

    def delete(self, user: User, assessment_id: str) -> None:
        """Delete an assessment with its history; needs the admin role in its workspace."""
        with self._session(write=True) as s:
            row = s.get(AssessmentRow, assessment_id)
            if row is None:
                raise access.denied_assessment()
            access.require_role(access.workspace_role(s, user, row.workspace_id), Role.admin)
            # Explicit deletes: do not rely on the backend's cascade being enabled.
            for table in (RevisionRow, LabelRow, GrantRow):
                s.execute(delete(table).where(table.assessment_id == assessment_id))
            s.execute(delete(ShareRow).where(ShareRow.assessment_id == assessment_id))
            s.delete(row)

    # -- backup ----------------------------------------------------------------------------

    def export_workspace(self, user: User, workspace_id: str) -> bytes:
        """The workspace as a zip of YAML files with full history (see `archive`). Viewers."""
        with self._session() as s:
            access.require_workspace(s, user, workspace_id, Role.viewer)
            workspace = s.get(WorkspaceRow, workspace_id)
            if workspace is None:
                raise access.denied_workspace(workspace_id)
            return archive.export_rows(s, workspace, user.username)

    def import_workspace(self, user: User, data: bytes, workspace_id: str) -> builtins.list[str]:
        """Add every assessment of an archive, with history, to the workspace. Editors.

        All or nothing: the archive is validated completely before anything is written.
        Returns the ids of the imported assessments (an id already in use gets a new one).
        """
        entries = archive.read_archive(data)
        with self._session(write=True) as s:
            access.require_workspace(s, user, workspace_id, Role.editor)
            return archive.write_entries(s, entries, workspace_id)

    # -- UI state --------------------------------------------------------------------------

    def ui_state(self, user: User) -> dict[str, Any]:
        """What the UI saved with `set_ui_state` (e.g. open assessment and step); {} if nothing."""
        with self._session() as s:
            row = s.get(UiStateRow, user.id)
            return dict(row.data) if row is not None else {}

    def set_ui_state(self, user: User, data: Mapping[str, Any]) -> None:
        payload = json.loads(json.dumps(dict(data), default=str))
        if len(json.dumps(payload)) > MAX_UI_STATE_BYTES:
            raise UserError(Problem("storage.ui_state_too_large"))
        with self._session(write=True) as s:
            row = s.get(UiStateRow, user.id)
            if row is None:
                s.add(UiStateRow(user_id=user.id, data=payload, updated_at=access.now()))
            else:
                row.data = payload
                row.updated_at = access.now()

    # -- internals -------------------------------------------------------------------------

    def _require(
        self, s: Session, user: User, assessment_id: str, needed: Role, lock: bool = False
    ) -> tuple[AssessmentRow, Role]:
        query = select(AssessmentRow).where(AssessmentRow.id == assessment_id)
        if lock:
            # PostgreSQL: concurrent saves of one assessment queue here. SQLite already holds
            # the database write lock (BEGIN IMMEDIATE).
            query = query.with_for_update()
        row = s.scalar(query)
        if row is None:
            raise access.denied_assessment()
        role = access.require_role(access.assessment_role(s, user, row), needed)
        return row, role

    def _revision_document(self, s: Session, row: AssessmentRow, version: int) -> dict[str, Any]:
        document = s.scalar(
            select(RevisionRow.document).where(
                RevisionRow.assessment_id == row.id, RevisionRow.version == version
            )
        )
        if document is None:
            raise UserError(Problem("storage.unknown_version", {"version": version,
                                                                 "latest": row.version}))
        return dict(document)

    def _default_workspace(self, s: Session, user: User) -> str:
        rows = s.execute(
            select(MembershipRow.workspace_id, MembershipRow.role).where(
                MembershipRow.user_id == user.id
            )
        ).all()
        writable = sorted(
            (r.workspace_id for r in rows if Role(r.role).allows(Role.editor)),
            key=lambda w: (w != "default", w),
        )
        if not writable:
            raise AccessDenied(Problem("storage.no_writable_workspace"))
        return str(writable[0])

    @staticmethod
    def _write(
        s: Session,
        row: AssessmentRow,
        model: Assessment,
        document: dict[str, Any],
        author: str,
        stamp: dt.datetime,
        event: dict[str, Any],
        previous: dict[str, Any],
    ) -> None:
        """Make ``document`` the next revision of ``row`` (caller holds the row's write lock)."""
        row.version += 1
        row.document = document
        row.title = model.title
        row.kind = model.kind.value
        row.date = model.date
        row.tags = list(model.tags)
        row.municipalities = list(model.municipalities)
        row.search_text = search_text(model)
        row.updated_at = stamp
        row.updated_by = author
        summary = event
        if event["event"] != "create":
            summary = {**event, **summarise(previous, document)}
        s.add(RevisionRow(
            assessment_id=row.id, version=row.version, created_at=stamp, author=author,
            summary=summary, document=document,
        ))
        s.flush()
        s.execute(delete(LabelRow).where(LabelRow.assessment_id == row.id))
        labels = [("tag", v) for v in label_values(model.tags)]
        labels += [("municipality", v) for v in label_values(model.municipalities)]
        s.add_all(LabelRow(assessment_id=row.id, kind=k, value=v) for k, v in labels)


def _merged(
    base: dict[str, Any], mine: dict[str, Any], theirs: dict[str, Any]
) -> tuple[dict[str, Any], list[FieldConflict]]:
    document, conflicts = merge3(base, mine, theirs)
    try:
        return from_document(document).to_document(), conflicts
    except ValueError:
        # The merge produced something invalid (should not happen): keep what is stored and
        # report every change of the writer, so nothing is silently dropped.
        stored = {c.path: c.new for c in diff(base, theirs)}
        return theirs, [
            FieldConflict(c.path, c.old, c.new, stored.get(c.path, c.old)) for c in diff(base, mine)
        ]


def _stored(row: AssessmentRow, role: Role) -> Stored:
    return Stored(
        id=row.id, workspace_id=row.workspace_id, version=row.version,
        assessment=from_document(row.document), updated_at=row.updated_at,
        updated_by=row.updated_by, role=role,
    )


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def describe(summary: Mapping[str, Any], lang: str = "sv") -> str:
    """A revision summary as one line of text in ``lang``."""
    parts: list[str] = []
    event = summary.get("event")
    if event == "create":
        parts.append(t("storage.revision_created", lang))
    elif event == "import":
        parts.append(t("storage.revision_imported", lang))
    elif event == "restore":
        parts.append(t("storage.revision_restored", lang, version=summary.get("from_version")))
    elif event == "merge":
        parts.append(t("storage.revision_merged", lang, version=summary.get("from_version")))
        if summary.get("conflicts"):
            parts.append(t("storage.revision_conflicts", lang, count=summary["conflicts"]))
    if event != "create":
        for name, count in dict(summary.get("added") or {}).items():
            parts.append(t("storage.revision_added", lang, count=count, list=name))
        for name, count in dict(summary.get("removed") or {}).items():
            parts.append(t("storage.revision_removed", lang, count=count, list=name))
        changed = list(summary.get("changed") or [])
        if changed:
            parts.append(t("storage.revision_changed", lang, fields=", ".join(changed)))
    return "; ".join(parts) or t("storage.revision_nothing", lang)


__all__ = ["Store", "describe"]
