"""The store: assessments with revisions, merging saves, history, listing and UI state.

Every public method takes the acting `User` first and checks access before reading or writing.
Every write is one database transaction: either the whole save (document, revision, labels) is
committed or nothing is, so a crash mid-save leaves the previous revision intact.
"""

from __future__ import annotations

import builtins
import dataclasses
import datetime as dt
import json
import logging
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import CursorResult, Select, Text, cast, delete, exists, func, insert, or_, select, update
from sqlalchemy.orm import Session

from assessment.domain.assessment import Assessment
from assessment.domain.merge import Change, FieldConflict, diff, merge3, summarise
from assessment.domain.projection import Projection, gc_paused, is_current
from assessment.errors import AccessDenied, Problem, UserError
from assessment.i18n import catalogue, t
from assessment.storage import access, archive
from assessment.storage.accounts import AccountsMixin
from assessment.storage.documents import (
    from_document,
    label_values,
    projection_of,
    search_text,
    stored_projection,
    to_document,
)
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
from assessment.storage.screenings import ScreeningsMixin
from assessment.storage.types import (
    RevisionInfo,
    Role,
    SaveResult,
    Stored,
    StoredProjection,
    Summary,
    User,
    Workspace,
)
from assessment.storage.workshops import WorkshopsMixin

MAX_UI_STATE_BYTES = 100_000
_BATCH = 500  # ids per IN (...) query: far under SQLite's and PostgreSQL's parameter limits
_log = logging.getLogger(__name__)


class Store(WorkshopsMixin, ScreeningsMixin, AccountsMixin):
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
            a = AssessmentRow
            columns: tuple[Any, ...] = (a.id, a.workspace_id, a.title, a.kind, a.tags, a.municipalities)
            columns += (a.date, a.updated_at, a.updated_by, a.version)
            query = self._listing(
                s, user, columns, workspace_id, search, kinds, tags, municipalities, date_from, date_to
            )
            member_of = select(MembershipRow.workspace_id).where(MembershipRow.user_id == user.id)
            rows = s.execute(query.order_by(a.updated_at.desc(), a.id)).all()
            own = set(s.scalars(member_of).all())
            return [
                Summary(
                    id=r.id,
                    workspace_id=r.workspace_id,
                    title=r.title,
                    kind=r.kind,
                    tags=list(r.tags),
                    municipalities=list(r.municipalities),
                    date=r.date,
                    updated_at=r.updated_at,
                    # Participants (no workspace role) see no other user's name.
                    updated_by=r.updated_by if r.workspace_id in own or r.updated_by == user.username else "",
                    version=r.version,
                )
                for r in rows
            ]

    def listed_versions(
        self,
        user: User,
        *,
        workspace_id: str | None = None,
        kinds: Sequence[str] | None = None,
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
    ) -> builtins.list[tuple[str, int]]:
        """(id, version) of what `list` with the same filters returns, in its order: all the
        portfolio needs of the listing. Reading only these two columns saves parsing the tags,
        municipalities and timestamps of every row (~0.4 s CPU of 10,000 on SQLite)."""
        with self._session() as s:
            a = AssessmentRow
            query = self._listing(
                s, user, (a.id, a.version), workspace_id, "", kinds, None, None, date_from, date_to
            )
            return [(r[0], int(r[1])) for r in s.execute(query.order_by(a.updated_at.desc(), a.id))]

    def _listing(
        self,
        s: Session,
        user: User,
        columns: tuple[Any, ...],
        workspace_id: str | None,
        search: str,
        kinds: Sequence[str] | None,
        tags: Sequence[str] | None,
        municipalities: Sequence[str] | None,
        date_from: dt.date | None,
        date_to: dt.date | None,
    ) -> Select[Any]:
        """The query of `list` (access check and filters) selecting ``columns``."""
        member_of = select(MembershipRow.workspace_id).where(MembershipRow.user_id == user.id)
        granted = select(GrantRow.assessment_id).where(
            GrantRow.user_id == user.id, GrantRow.expires_at > access.now()
        )
        a = AssessmentRow
        query = select(*columns).where(or_(a.workspace_id.in_(member_of), a.id.in_(granted)))
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
        return query

    def get(self, user: User, assessment_id: str) -> Stored:
        """The current revision. For a share-code participant ``updated_by`` is empty unless
        they saved it themselves (other people's user names are not theirs to see)."""
        with self._session() as s:
            row, role = self._require(s, user, assessment_id, Role.viewer)
            stored = _stored(row, role)
            if (
                stored.updated_by != user.username
                and access.workspace_role(s, user, row.workspace_id) is None
            ):
                return dataclasses.replace(stored, updated_by="")
            return stored

    def documents(self, user: User, ids: Sequence[str]) -> dict[str, Stored]:
        """Many assessments in a few queries (portfolios, the conflict register), with the same
        access check as `get`; ids the user may not read (or that are gone) are left out."""
        member, granted = access.role_columns(user)
        found: dict[str, Stored] = {}
        unique = list(dict.fromkeys(ids))
        with self._session() as s:
            for start in range(0, len(unique), _BATCH):
                rows = s.execute(
                    select(AssessmentRow, member, granted).where(
                        AssessmentRow.id.in_(unique[start : start + _BATCH])
                    )
                ).all()
                for row, member_role, grant_role in rows:
                    role = access.best_role(member_role, grant_role)
                    if role is not None and role.allows(Role.viewer):
                        found[row.id] = _stored(row, role)
        return found

    def projections(self, user: User, ids: Sequence[str]) -> dict[str, StoredProjection]:
        """What the portfolio views read of many assessments (`assessment.domain.projection`),
        without loading their documents; the access check and the leaving out of ids the user
        may not read are those of `documents`."""
        member, granted = access.role_columns(user)
        a = AssessmentRow
        found: dict[str, StoredProjection] = {}
        unique = list(dict.fromkeys(ids))
        with self._session() as s, gc_paused():
            for start in range(0, len(unique), _BATCH):
                # The column as text, parsed here: the projection keeps the text, not the
                # parsed lists (see `Projection.source`).
                rows = s.execute(
                    select(a.id, a.workspace_id, a.version, cast(a.projection, Text), member, granted).where(
                        a.id.in_(unique[start : start + _BATCH])
                    )
                ).all()
                stale: builtins.list[str] = []
                for row in rows:
                    role = access.best_role(row[4], row[5])
                    if role is None or not role.allows(Role.viewer):
                        continue
                    text = row[3]
                    data = None if text is None else json.loads(text)
                    if data is None or not is_current(data):
                        stale.append(row.id)  # from before revision 0006, or an older shape
                        continue
                    found[row.id] = StoredProjection(
                        row.id, row.workspace_id, row.version, Projection.from_data(data, text)
                    )
                if stale:
                    query = select(a.id, a.workspace_id, a.version, a.document).where(a.id.in_(stale))
                    for r in s.execute(query):
                        found[r.id] = StoredProjection(
                            r.id, r.workspace_id, r.version, projection_of(r.document)
                        )
        return found

    def version(self, user: User, assessment_id: str) -> int:
        """The current version number only: cheap enough to poll every few seconds."""
        member, granted = access.role_columns(user)
        with self._session() as s:
            found = s.execute(
                select(AssessmentRow.version, member, granted).where(AssessmentRow.id == assessment_id)
            ).first()
            if found is None:
                raise access.denied_assessment()
            access.require_role(access.best_role(found[1], found[2]), Role.viewer)
            return int(found[0])

    def history(self, user: User, assessment_id: str, lang: str = "sv") -> builtins.list[RevisionInfo]:
        """Every revision, newest first, with who saved it, when, and what changed.

        A participant who joined with a share code (no workspace role) sees the revisions from
        the one current when they joined, and no other author's user name (usually an e-mail
        address): text deleted before the workshop stays out of their reach.
        """
        with self._session() as s:
            row, _ = self._require(s, user, assessment_id, Role.viewer)
            since = self._first_visible(s, user, row)
            rows = s.execute(
                select(
                    RevisionRow.version,
                    RevisionRow.created_at,
                    RevisionRow.author,
                    RevisionRow.summary,
                )
                .where(RevisionRow.assessment_id == assessment_id, RevisionRow.version >= since)
                .order_by(RevisionRow.version.desc())
            ).all()
            hidden = t("storage.author_hidden", lang)
            return [
                RevisionInfo(
                    r.version,
                    r.created_at,
                    r.author if since == 1 or r.author == user.username else hidden,
                    describe(r.summary, lang),
                    _public_summary(r.summary) if since > 1 else r.summary,
                )
                for r in rows
            ]

    def revision(self, user: User, assessment_id: str, version: int) -> Assessment:
        with self._session() as s:
            row, _ = self._require(s, user, assessment_id, Role.viewer)
            return from_document(self._visible_document(s, user, row, version))

    def diff(self, user: User, assessment_id: str, v1: int, v2: int) -> builtins.list[Change]:
        """What changed from version ``v1`` to ``v2``: ``(path, old, new)`` per changed field."""
        with self._session() as s:
            row, _ = self._require(s, user, assessment_id, Role.viewer)
            return diff(self._visible_document(s, user, row, v1), self._visible_document(s, user, row, v2))

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
            stamp, new_id = access.now(), uuid.uuid4().hex
            s.add(
                AssessmentRow(
                    id=new_id,
                    workspace_id=workspace_id,
                    version=1,
                    document=document,
                    projection=stored_projection(model, document),
                    title=model.title,
                    kind=model.kind.value,
                    date=model.date,
                    tags=list(model.tags),
                    municipalities=list(model.municipalities),
                    search_text=search_text(model),
                    created_at=stamp,
                    updated_at=stamp,
                    updated_by=user.username,
                )
            )
            s.flush()
            s.add(
                RevisionRow(
                    assessment_id=new_id,
                    version=1,
                    created_at=stamp,
                    author=user.username,
                    summary={"event": "create"},
                    document=document,
                )
            )
            _write_labels(s, new_id, model)
            _log.info("created assessment %s in workspace %s (user %s)", new_id, workspace_id, user.id)
            return Stored(new_id, workspace_id, 1, model, stamp, user.username, role)

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
        mine_model, mine = to_document(assessment)
        # The merge runs while holding the assessment's row lock (PostgreSQL) or the database
        # write lock (SQLite); measured with 30 participants this beats merging optimistically
        # outside the lock and retrying (bench/bench_storage.py), and it never needs a retry.
        with self._session(write=True) as s:
            row, role = self._require(s, user, assessment_id, Role.editor, lock=True)
            base = self._base_document(s, row, base_version)
            plan = _plan(base_version, mine_model, mine, row.version, row.document, base)
            if plan.conflicts:
                _log.info(
                    "save of assessment %s kept the stored value of %d conflicting field(s)",
                    assessment_id,
                    len(plan.conflicts),
                )
                _log.debug("conflicting fields: %s", [c.path for c in plan.conflicts])
            if plan.unchanged:
                return plan.result(_stored(row, role))
            stored = self._commit(s, row, plan.model, plan.document, user, plan.event, role)
            result = plan.result(_written(stored))
            _log.info(
                "saved assessment %s as version %d from version %d (user %s, merged %s)",
                assessment_id,
                result.stored.version,
                base_version,
                user.id,
                plan.merged,
            )
            return result

    def restore(self, user: User, assessment_id: str, version: int) -> Stored:
        """Make an old revision current again, as a new revision (history is never rewritten)."""
        with self._session(write=True) as s:
            row, role = self._require(s, user, assessment_id, Role.editor, lock=True)
            model = from_document(self._visible_document(s, user, row, version))
            event = {"event": "restore", "from_version": version}
            stored = _written(self._commit(s, row, model, model.to_document(), user, event, role))
            _log.info("restored assessment %s from version %d (user %s)", assessment_id, version, user.id)
            return stored

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
        _log.info("deleted assessment %s (user %s)", assessment_id, user.id)

    # -- backup ----------------------------------------------------------------------------

    def export_workspace(self, user: User, workspace_id: str) -> bytes:
        """The workspace as a zip of YAML files with full history (see `archive`). Workspace
        admins and site admins (the operator making backups) only: the archive holds every
        revision and every author, which a viewer or an editor does not see in full."""
        with self._session() as s:
            access.require_workspace_or_site_admin(s, user, workspace_id, Role.admin)
            workspace = s.get(WorkspaceRow, workspace_id)
            if workspace is None:
                raise access.denied_workspace(workspace_id)
            data = archive.export_rows(s, workspace, user.username)
        # Ids and sizes only: workspace names and the archive's text stay out of the log.
        _log.info("exported workspace %s, %d bytes (user %s)", workspace_id, len(data), user.id)
        return data

    def import_workspace(self, user: User, data: bytes, workspace_id: str) -> builtins.list[str]:
        """Add every assessment of an archive, with history, to the workspace. Editors and
        site admins; an editor's import is recorded as their own writing (see
        `archive.write_entries`).

        All or nothing: the archive is validated completely before anything is written.
        Returns the ids of the imported assessments (an id already in use gets a new one).
        """
        entries = archive.read_archive(data)
        with self._session(write=True) as s:
            access.require_workspace_or_site_admin(s, user, workspace_id, Role.editor)
            # Only a site admin restoring a backup keeps the archive's authors and times.
            importer = None if access.is_site_admin(s, user) else user.username
            ids = archive.write_entries(s, entries, workspace_id, importer)
        _log.info("imported %d assessment(s) into workspace %s (user %s)", len(ids), workspace_id, user.id)
        return ids

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
        """The row and the user's role on it (one query), or `AccessDenied`."""
        member, granted = access.role_columns(user)
        query = select(AssessmentRow, member, granted).where(AssessmentRow.id == assessment_id)
        if lock:
            # PostgreSQL: concurrent writers of one assessment queue here. SQLite already holds
            # the database write lock (BEGIN IMMEDIATE).
            query = query.with_for_update(of=AssessmentRow)
        found = s.execute(query).first()
        if found is None:
            raise access.denied_assessment()
        role = access.require_role(access.best_role(found[1], found[2]), needed)
        return found[0], role

    @staticmethod
    def _first_visible(s: Session, user: User, row: AssessmentRow) -> int:
        """The first revision ``user`` may see: 1 for workspace members; for a participant with
        a share code only, the revision that was current when they joined."""
        if access.workspace_role(s, user, row.workspace_id) is not None:
            return 1
        joined = s.scalar(
            select(GrantRow.granted_at).where(GrantRow.user_id == user.id, GrantRow.assessment_id == row.id)
        )
        if joined is None:  # a grant from before revision 0004: from the current revision on
            return row.version
        at_join = s.scalar(
            select(func.max(RevisionRow.version)).where(
                RevisionRow.assessment_id == row.id, RevisionRow.created_at <= joined
            )
        )
        return int(at_join or 1)

    def _visible_document(self, s: Session, user: User, row: AssessmentRow, version: int) -> dict[str, Any]:
        if version < self._first_visible(s, user, row):
            # Told exactly as for a version that does not exist: nothing about what was before.
            raise UserError(Problem("storage.unknown_version", {"version": version, "latest": row.version}))
        return self._revision_document(s, row, version)

    def _revision_document(self, s: Session, row: AssessmentRow, version: int) -> dict[str, Any]:
        document = s.scalar(
            select(RevisionRow.document).where(
                RevisionRow.assessment_id == row.id, RevisionRow.version == version
            )
        )
        if document is None:
            raise UserError(Problem("storage.unknown_version", {"version": version, "latest": row.version}))
        return dict(document)

    def _base_document(self, s: Session, row: AssessmentRow, base_version: int) -> dict[str, Any] | None:
        """The revision an edit started from, when it is not the current one."""
        if base_version == row.version:
            return None
        if base_version > row.version:
            raise UserError(
                Problem("storage.unknown_version", {"version": base_version, "latest": row.version})
            )
        return self._revision_document(s, row, base_version)

    def _default_workspace(self, s: Session, user: User) -> str:
        rows = s.execute(
            select(MembershipRow.workspace_id, MembershipRow.role).where(MembershipRow.user_id == user.id)
        ).all()
        writable = sorted(
            (r.workspace_id for r in rows if Role(r.role).allows(Role.editor)),
            key=lambda w: (w != "default", w),
        )
        if not writable:
            raise AccessDenied(Problem("storage.no_writable_workspace"))
        return str(writable[0])

    @staticmethod
    def _commit(
        s: Session,
        row: AssessmentRow,
        model: Assessment,
        document: dict[str, Any],
        user: User,
        event: dict[str, Any],
        role: Role,
    ) -> Stored | None:
        """Write ``document`` as the revision after ``row.version``. The UPDATE is conditional on
        that version as a second line of defence: None (nothing written) if it changed."""
        stamp = access.now()
        version = row.version + 1
        updated: CursorResult[Any] = s.execute(  # type: ignore[assignment]
            update(AssessmentRow)
            .where(AssessmentRow.id == row.id, AssessmentRow.version == row.version)
            .values(
                version=version,
                document=document,
                projection=stored_projection(model, document),
                title=model.title,
                kind=model.kind.value,
                date=model.date,
                tags=list(model.tags),
                municipalities=list(model.municipalities),
                search_text=search_text(model),
                updated_at=stamp,
                updated_by=user.username,
            )
            .execution_options(synchronize_session=False)
        )
        if updated.rowcount != 1:
            return None
        s.execute(
            insert(RevisionRow).values(
                assessment_id=row.id,
                version=version,
                created_at=stamp,
                author=user.username,
                summary={**event, **summarise(row.document, document)},
                document=document,
            )
        )
        if (row.tags, row.municipalities) != (model.tags, model.municipalities):
            _write_labels(s, row.id, model)
        return Stored(
            id=row.id,
            workspace_id=row.workspace_id,
            version=version,
            assessment=model,
            updated_at=stamp,
            updated_by=user.username,
            role=role,
        )


@dataclass(frozen=True)
class _Plan:
    """What a save will write: the (possibly merged) document and what to tell the writer."""

    model: Assessment
    document: dict[str, Any]
    conflicts: list[FieldConflict]
    merged: bool
    unchanged: bool
    event: dict[str, Any]

    def result(self, stored: Stored) -> SaveResult:
        return SaveResult(stored, self.conflicts, self.merged, new_revision=not self.unchanged)


def _plan(
    base_version: int,
    mine_model: Assessment,
    mine: dict[str, Any],
    current_version: int,
    theirs: dict[str, Any],
    base: dict[str, Any] | None,
) -> _Plan:
    conflicts: list[FieldConflict] = []
    event: dict[str, Any] = {"event": "save"}
    if base is None:
        document, model = mine, mine_model
    else:
        document, conflicts = _merged(base, mine, theirs)
        event = {"event": "merge", "from_version": base_version, "conflicts": len(conflicts)}
        model = from_document(document)
    return _Plan(model, document, conflicts, base is not None, document == theirs, event)


def _write_labels(s: Session, assessment_id: str, model: Assessment) -> None:
    s.execute(delete(LabelRow).where(LabelRow.assessment_id == assessment_id))
    labels = [("tag", v) for v in label_values(model.tags)]
    labels += [("municipality", v) for v in label_values(model.municipalities)]
    if labels:
        s.execute(
            insert(LabelRow), [{"assessment_id": assessment_id, "kind": k, "value": v} for k, v in labels]
        )


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


def _public_summary(summary: Mapping[str, Any]) -> dict[str, Any]:
    """A summary without claims about other authors (see `archive.write_entries`)."""
    return {k: v for k, v in summary.items() if k not in ("claimed_author", "claimed_at")}


def _written(stored: Stored | None) -> Stored:
    if stored is None:  # impossible while the row lock is held; never ignore it silently
        raise RuntimeError("assessment changed while locked; nothing was saved")
    return stored


def _stored(row: AssessmentRow, role: Role) -> Stored:
    return Stored(
        id=row.id,
        workspace_id=row.workspace_id,
        version=row.version,
        assessment=from_document(row.document),
        updated_at=row.updated_at,
        updated_by=row.updated_by,
        role=role,
    )


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _field(name: str, lang: str) -> str:
    key = f"storage.field_{name}"
    return t(key, lang) if key in catalogue() else name


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
            parts.append(t("storage.revision_added", lang, count=count, list=_field(name, lang)))
        for name, count in dict(summary.get("removed") or {}).items():
            parts.append(t("storage.revision_removed", lang, count=count, list=_field(name, lang)))
        changed = [_field(str(name), lang) for name in summary.get("changed") or []]
        if changed:
            parts.append(t("storage.revision_changed", lang, fields=", ".join(changed)))
    return "; ".join(parts) or t("storage.revision_nothing", lang)


__all__ = ["Store", "describe"]
