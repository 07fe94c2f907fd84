"""Saved screening runs: the officer's work kept per workspace, with history, like assessments.

A *run* is one file an officer screens against a call. Screening it again (a corrected file)
adds a *version* to the same run; the officer's *notes* — their own motivation text, notes and
dismissed hints, per application id — belong to the run, so they carry over to every version,
and each change is kept as a note *revision* (who, when, what). Column mappings are saved per
workspace and call.

Access is by workspace role, checked here for every call: viewers read, editors write, admins
delete. A run in a workspace the user is not a member of does not exist for them.
"""

from __future__ import annotations

import builtins
import uuid
from collections.abc import Mapping
from enum import Enum
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from assessment.errors import AccessDenied, Problem, UserError
from assessment.storage import access
from assessment.storage.base import StoreBase
from assessment.storage.schema import (
    ColumnMappingRow,
    MembershipRow,
    ScreeningNoteRevisionRow,
    ScreeningNoteRow,
    ScreeningRunRow,
    ScreeningVersionRow,
)
from assessment.storage.types import (
    NoteSaved,
    Role,
    ScreeningNote,
    ScreeningRecord,
    ScreeningSummary,
    ScreeningVersion,
    StoredScreening,
    User,
)

# Results of 100,000 applications compress to well under this; a bigger payload is refused.
MAX_PAYLOAD_BYTES = 200_000_000
MAX_NOTE_CHARS = 200_000
MAX_REASON_CHARS = 2_000
MAX_APP_ID_CHARS = 500


class Keep(Enum):
    """Leave a note's field as it is (``motivation=Keep.same``)."""

    same = "same"


def _denied() -> AccessDenied:
    return AccessDenied(Problem("storage.no_access_screening"))


class ScreeningsMixin(StoreBase):
    """Store methods for screening runs (see the module docstring)."""

    # -- runs --------------------------------------------------------------------------------

    def save_screening(
        self,
        user: User,
        record: ScreeningRecord,
        *,
        workspace_id: str | None = None,
        run_id: str | None = None,
    ) -> ScreeningSummary:
        """A new run (``run_id`` None) or a new version of ``run_id`` (a re-screening)."""
        if len(record.payload) > MAX_PAYLOAD_BYTES:
            raise UserError(
                Problem("core.file_too_large", {"size": len(record.payload), "limit": MAX_PAYLOAD_BYTES})
            )
        with self._session(write=True) as s:
            stamp = access.now()
            if run_id is None:
                if workspace_id is None:
                    workspace_id = self._writable_workspace(s, user)
                access.require_workspace(s, user, workspace_id, Role.editor)
                run = ScreeningRunRow(
                    id=uuid.uuid4().hex,
                    workspace_id=workspace_id,
                    version=1,
                    title=record.file_name[:500],
                    call_id=record.call_id,
                    created_at=stamp,
                    created_by=user.username,
                    updated_at=stamp,
                    updated_by=user.username,
                )
                s.add(run)
                s.flush()
            else:
                run = self._run(s, user, run_id, Role.editor, lock=True)
                run.version += 1
                run.title = record.file_name[:500]
                run.call_id = record.call_id
                run.updated_at, run.updated_by = stamp, user.username
            s.add(
                ScreeningVersionRow(
                    run_id=run.id,
                    version=run.version,
                    file_name=record.file_name[:500],
                    file_sha256=record.file_sha256,
                    file_size=record.file_size,
                    call_id=record.call_id,
                    mapping={_text(k): _text(v) for k, v in record.mapping.items()},
                    summary=dict(record.summary),
                    payload=record.payload,
                    created_at=stamp,
                    created_by=user.username,
                )
            )
            s.flush()
            return _summary(run, dict(record.summary))

    def screening_runs(self, user: User, workspace_id: str | None = None) -> builtins.list[ScreeningSummary]:
        """Runs in the user's workspaces (or one of them), newest activity first."""
        with self._session() as s:
            member_of = select(MembershipRow.workspace_id).where(MembershipRow.user_id == user.id)
            query = select(ScreeningRunRow).where(ScreeningRunRow.workspace_id.in_(member_of))
            if workspace_id is not None:
                if access.workspace_role(s, user, workspace_id) is None:
                    raise access.denied_workspace(workspace_id)
                query = query.where(ScreeningRunRow.workspace_id == workspace_id)
            runs = s.scalars(query.order_by(ScreeningRunRow.updated_at.desc(), ScreeningRunRow.id)).all()
            summaries: dict[str, Any] = dict(
                s.execute(
                    select(ScreeningVersionRow.run_id, ScreeningVersionRow.summary).where(
                        ScreeningVersionRow.run_id.in_([r.id for r in runs]),
                        ScreeningVersionRow.version
                        == select(ScreeningRunRow.version)
                        .where(ScreeningRunRow.id == ScreeningVersionRow.run_id)
                        .scalar_subquery(),
                    )
                ).all()
            )
            return [_summary(r, dict(summaries.get(r.id) or {})) for r in runs]

    def open_screening(self, user: User, run_id: str, version: int | None = None) -> StoredScreening:
        """The run at ``version`` (default: the newest), with its results and all notes."""
        with self._session() as s:
            run = self._run(s, user, run_id, Role.viewer)
            role = access.workspace_role(s, user, run.workspace_id)
            wanted = run.version if version is None else version
            row = s.get(ScreeningVersionRow, (run.id, wanted))
            if row is None:
                raise UserError(
                    Problem("storage.unknown_version", {"version": wanted, "latest": run.version})
                )
            notes = {
                n.app_id: _note(n)
                for n in s.scalars(select(ScreeningNoteRow).where(ScreeningNoteRow.run_id == run.id))
            }
            assert role is not None  # _run checked membership
            return StoredScreening(
                _summary(run, dict(row.summary)), _version(row), bytes(row.payload), notes, role
            )

    def screening_versions(self, user: User, run_id: str) -> builtins.list[ScreeningVersion]:
        """Every screening of the run, newest first (no results loaded)."""
        with self._session() as s:
            self._run(s, user, run_id, Role.viewer)
            columns = [c for c in ScreeningVersionRow.__table__.c if c.name != "payload"]
            rows = s.execute(
                select(*columns)
                .where(ScreeningVersionRow.run_id == run_id)
                .order_by(ScreeningVersionRow.version.desc())
            ).all()
            return [_version(r) for r in rows]

    def delete_screening(self, user: User, run_id: str) -> None:
        """Delete a run with its versions and notes; needs the admin role in its workspace."""
        with self._session(write=True) as s:
            run = s.get(ScreeningRunRow, run_id)
            if run is None or access.workspace_role(s, user, run.workspace_id) is None:
                raise _denied()
            access.require_workspace(s, user, run.workspace_id, Role.admin)
            for table in (ScreeningNoteRevisionRow, ScreeningNoteRow, ScreeningVersionRow):
                s.execute(delete(table).where(table.run_id == run_id))
            s.delete(run)

    # -- the officer's notes -----------------------------------------------------------------

    def save_screening_note(
        self,
        user: User,
        run_id: str,
        app_id: str,
        *,
        motivation: str | Keep | None = Keep.same,
        notes: str | None = None,
        dismiss: Mapping[str, str | None] | None = None,
        fingerprint: str = "",
        base_revision: int | None = None,
        dismiss_scores: Mapping[str, int | None] | None = None,
    ) -> NoteSaved:
        """Save the officer's work on one application; only what is given changes.

        ``motivation``: their text, or None to go back to the draft (omit to leave it);
        ``dismiss``: hint key -> reason (dismiss) or None (restore); ``dismiss_scores``: hint key
        -> the score of the knowledge-base cell behind the hint, kept with its dismissal so a
        later change of the cell is noticed; ``fingerprint``: the
        application's content it was written for; ``base_revision``: the revision the edit
        started from — if someone else saved since, the save still happens (nothing an officer
        writes is lost; the other text stays in the history) and ``replaced`` says whose it was.
        """
        _check_text(app_id, MAX_APP_ID_CHARS)
        if isinstance(motivation, str):
            _check_text(motivation, MAX_NOTE_CHARS)
        if notes is not None:
            _check_text(notes, MAX_NOTE_CHARS)
        for reason in (dismiss or {}).values():
            if reason is not None:
                _check_text(reason, MAX_REASON_CHARS)
                if not reason.strip():
                    raise UserError(Problem("storage.reason_required"))
        with self._session(write=True) as s:
            run = self._run(s, user, run_id, Role.editor, lock=True)
            stamp = access.now()
            row = s.get(ScreeningNoteRow, (run.id, app_id), with_for_update=True)
            replaced = None
            if row is None:
                row = ScreeningNoteRow(
                    run_id=run.id,
                    app_id=app_id,
                    revision=0,
                    motivation=None,
                    notes="",
                    dismissed={},
                    fingerprint=fingerprint,
                    updated_at=stamp,
                    updated_by=user.username,
                )
                s.add(row)
            elif (
                base_revision is not None
                and row.revision != base_revision
                and row.updated_by != user.username
            ):
                replaced = _note(row)
            if not isinstance(motivation, Keep):
                row.motivation = None if motivation is None else _text(motivation)
            if notes is not None:
                row.notes = _text(notes)
            if dismiss:
                dismissed = dict(row.dismissed or {})
                for key, reason in dismiss.items():
                    if reason is None:
                        dismissed.pop(key, None)
                    else:
                        entry: dict[str, Any] = {
                            "reason": _text(reason),
                            "by": user.username,
                            "at": stamp.isoformat(),
                        }
                        score = (dismiss_scores or {}).get(key)
                        if isinstance(score, int) and not isinstance(score, bool) and -3 <= score <= 3:
                            entry["score"] = score
                        dismissed[_text(key)] = entry
                row.dismissed = dismissed
            if fingerprint:
                row.fingerprint = fingerprint
            row.revision += 1
            row.updated_at, row.updated_by = stamp, user.username
            s.add(
                ScreeningNoteRevisionRow(
                    run_id=run.id,
                    app_id=app_id,
                    revision=row.revision,
                    motivation=row.motivation,
                    notes=row.notes,
                    dismissed=dict(row.dismissed),
                    fingerprint=row.fingerprint,
                    created_at=stamp,
                    author=user.username,
                )
            )
            s.execute(
                update(ScreeningRunRow)
                .where(ScreeningRunRow.id == run.id)
                .values(updated_at=stamp, updated_by=user.username)
                .execution_options(synchronize_session=False)
            )
            s.flush()
            return NoteSaved(_note(row), replaced)

    def screening_note_history(self, user: User, run_id: str, app_id: str) -> builtins.list[ScreeningNote]:
        """Every saved state of one application's note, newest first."""
        with self._session() as s:
            self._run(s, user, run_id, Role.viewer)
            rows = s.scalars(
                select(ScreeningNoteRevisionRow)
                .where(ScreeningNoteRevisionRow.run_id == run_id, ScreeningNoteRevisionRow.app_id == app_id)
                .order_by(ScreeningNoteRevisionRow.revision.desc())
            ).all()
            return [
                ScreeningNote(
                    r.app_id,
                    r.revision,
                    r.motivation,
                    r.notes,
                    dict(r.dismissed or {}),
                    r.fingerprint,
                    r.created_at,
                    r.author,
                )
                for r in rows
            ]

    # -- column mappings ---------------------------------------------------------------------

    def column_mapping(self, user: User, workspace_id: str, call_id: str) -> dict[str, str]:
        """The mapping saved for ``call_id`` in the workspace ({} if none)."""
        with self._session() as s:
            if access.workspace_role(s, user, workspace_id) is None:
                raise access.denied_workspace(workspace_id)
            row = s.get(ColumnMappingRow, (workspace_id, call_id))
            return {str(k): str(v) for k, v in (row.mapping or {}).items()} if row is not None else {}

    def save_column_mapping(
        self, user: User, workspace_id: str, call_id: str, mapping: Mapping[str, str]
    ) -> None:
        clean = {_text(str(k))[:500]: _text(str(v))[:100] for k, v in mapping.items()}
        if len(clean) > 500:
            raise UserError(Problem("storage.mapping_too_large"))
        with self._session(write=True) as s:
            access.require_workspace(s, user, workspace_id, Role.editor)
            row = s.get(ColumnMappingRow, (workspace_id, call_id))
            stamp = access.now()
            if row is None:
                s.add(
                    ColumnMappingRow(
                        workspace_id=workspace_id,
                        call_id=call_id[:100],
                        mapping=clean,
                        updated_at=stamp,
                        updated_by=user.username,
                    )
                )
            else:
                row.mapping, row.updated_at, row.updated_by = clean, stamp, user.username

    # -- internals ---------------------------------------------------------------------------

    def _run(self, s: Session, user: User, run_id: str, needed: Role, lock: bool = False) -> ScreeningRunRow:
        query = select(ScreeningRunRow).where(ScreeningRunRow.id == run_id)
        if lock:
            query = query.with_for_update()
        run = s.scalar(query)
        if run is None:
            raise _denied()
        role = access.workspace_role(s, user, run.workspace_id)
        if role is None:
            raise _denied()
        if not role.allows(needed):
            raise AccessDenied(Problem("storage.role_needed", {"role": needed.value}))
        return run

    def _writable_workspace(self, s: Session, user: User) -> str:
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


def _check_text(text: str, limit: int) -> None:
    if len(text) > limit:
        raise UserError(Problem("storage.text_too_long", {"length": len(text), "limit": limit}))


def _text(value: str) -> str:
    """NUL cannot be stored in PostgreSQL text (nor shown by anyone): dropped, nothing else."""
    return value.replace("\x00", "") if "\x00" in value else value


def _summary(run: ScreeningRunRow, summary: dict[str, Any]) -> ScreeningSummary:
    return ScreeningSummary(
        id=run.id,
        workspace_id=run.workspace_id,
        title=run.title,
        call_id=run.call_id,
        version=run.version,
        created_at=run.created_at,
        created_by=run.created_by,
        updated_at=run.updated_at,
        updated_by=run.updated_by,
        summary=summary,
    )


def _version(row: Any) -> ScreeningVersion:
    return ScreeningVersion(
        run_id=row.run_id,
        version=row.version,
        file_name=row.file_name,
        file_sha256=row.file_sha256,
        file_size=row.file_size,
        call_id=row.call_id,
        mapping=dict(row.mapping or {}),
        summary=dict(row.summary or {}),
        created_at=row.created_at,
        created_by=row.created_by,
    )


def _note(row: ScreeningNoteRow) -> ScreeningNote:
    return ScreeningNote(
        app_id=row.app_id,
        revision=row.revision,
        motivation=row.motivation,
        notes=row.notes,
        dismissed=dict(row.dismissed or {}),
        fingerprint=row.fingerprint,
        updated_at=row.updated_at,
        updated_by=row.updated_by,
    )
