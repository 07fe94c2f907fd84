"""Database tables (SQLAlchemy 2 typed mappings); one schema for SQLite and PostgreSQL.

Documents are stored whole as JSON (the ``Assessment.to_document()`` form). The columns next to
them (title, kind, date, labels) exist so lists and filters never need to load documents.
Changing anything here needs a new Alembic revision in ``migrations/versions``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    TypeDecorator,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Named constraints so migrations can refer to them on every backend.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# Plain JSON (not JSONB) on PostgreSQL too: documents are opaque to queries, and JSON keeps the
# key order of mappings such as ``answers`` exactly as written.
Json = JSON()


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Aware UTC datetimes in, aware UTC datetimes out (SQLite keeps no time zone)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store; use UTC-aware datetimes")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        return None if value is None else value.replace(tzinfo=dt.UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class UserRow(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(320), unique=True)
    display_name: Mapped[str] = mapped_column(String(500), default="")
    password_hash: Mapped[str | None] = mapped_column(String(500), nullable=True)
    oidc_subject: Mapped[str | None] = mapped_column(String(500), unique=True, nullable=True)
    is_site_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class WorkspaceRow(Base):
    __tablename__ = "workspaces"

    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    name: Mapped[str] = mapped_column(String(500))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class MembershipRow(Base):
    __tablename__ = "memberships"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    workspace_id: Mapped[str] = mapped_column(
        ForeignKey("workspaces.id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[str] = mapped_column(String(20))


class AssessmentRow(Base):
    __tablename__ = "assessments"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    workspace_id: Mapped[str] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(500))
    kind: Mapped[str] = mapped_column(String(50))
    date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    tags: Mapped[list[str]] = mapped_column(Json)
    municipalities: Mapped[list[str]] = mapped_column(Json)
    # Case-folded title, organisation, tags and municipalities: SQLite's lower() is ASCII-only.
    search_text: Mapped[str] = mapped_column(Text)
    document: Mapped[dict[str, Any]] = mapped_column(Json)
    # What the portfolio views read (`assessment.domain.projection`), rewritten with the document
    # on every write so a portfolio of thousands never validates the documents themselves.
    # None or another version's shape: recomputed from the document when read.
    projection: Mapped[dict[str, Any] | None] = mapped_column(Json, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), index=True)
    updated_by: Mapped[str] = mapped_column(String(320))


class LabelRow(Base):
    """One tag or municipality of an assessment, for filtering in SQL on both backends."""

    __tablename__ = "assessment_labels"
    __table_args__ = (Index("ix_assessment_labels_kind_value", "kind", "value"),)

    assessment_id: Mapped[str] = mapped_column(
        ForeignKey("assessments.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    # Case-folded and cut to 500 characters: a key column, compared case-insensitively.
    value: Mapped[str] = mapped_column(String(500), primary_key=True)


class RevisionRow(Base):
    __tablename__ = "revisions"

    assessment_id: Mapped[str] = mapped_column(
        ForeignKey("assessments.id", ondelete="CASCADE"), primary_key=True
    )
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    author: Mapped[str] = mapped_column(String(320))
    summary: Mapped[dict[str, Any]] = mapped_column(Json)
    document: Mapped[dict[str, Any]] = mapped_column(Json)


class GrantRow(Base):
    """Access to one assessment given by redeeming a share code; ends at ``expires_at``.

    ``share_hash`` and ``granted_by`` name the code and its creator, so ending that code or
    removing its creator from the workspace revokes the access at once; ``granted_at`` is when
    the participant joined (they see the history from then on). All three are None for grants
    made before revision 0004."""

    __tablename__ = "assessment_grants"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    assessment_id: Mapped[str] = mapped_column(
        ForeignKey("assessments.id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[str] = mapped_column(String(20))
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    share_hash: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    granted_by: Mapped[str | None] = mapped_column(String(320), nullable=True)
    granted_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class ShareRow(Base):
    """A share code; only its SHA-256 is stored so a database dump does not leak live codes."""

    __tablename__ = "shares"

    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    assessment_id: Mapped[str] = mapped_column(ForeignKey("assessments.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(20))
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    created_by: Mapped[str] = mapped_column(String(320))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class ThrottleRow(Base):
    """Failed attempts per key (``login:<user name>``, ``share:<user id>``): after too many in a
    window the key is locked until ``locked_until`` (brute-force protection for local logins and
    share codes; the key exists whether or not the user does, so it reveals nothing)."""

    __tablename__ = "throttle"

    key: Mapped[str] = mapped_column(String(400), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer)
    window_start: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    locked_until: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class UiStateRow(Base):
    __tablename__ = "ui_state"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    data: Mapped[dict[str, Any]] = mapped_column(Json)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class ScreeningRunRow(Base):
    """A saved screening: one per file an officer screens; re-screening adds a version."""

    __tablename__ = "screening_runs"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    workspace_id: Mapped[str] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(500))  # the file name of the newest version
    call_id: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    created_by: Mapped[str] = mapped_column(String(320))
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), index=True)
    updated_by: Mapped[str] = mapped_column(String(320))


class ScreeningVersionRow(Base):
    """One screening of one file: which file (name, SHA-256), which call, the column mapping,
    the accounting, and the results themselves (compressed JSON, opaque to queries)."""

    __tablename__ = "screening_versions"

    run_id: Mapped[str] = mapped_column(ForeignKey("screening_runs.id", ondelete="CASCADE"), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    file_name: Mapped[str] = mapped_column(String(500))
    file_sha256: Mapped[str] = mapped_column(String(64))
    file_size: Mapped[int] = mapped_column(Integer)
    call_id: Mapped[str] = mapped_column(String(100))
    mapping: Mapped[dict[str, Any]] = mapped_column(Json)
    summary: Mapped[dict[str, Any]] = mapped_column(Json)
    payload: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    created_by: Mapped[str] = mapped_column(String(320))


class ScreeningNoteRow(Base):
    """The officer's work on one application of a run: their motivation text (None = the draft),
    notes and dismissed hints, and the application's fingerprint when they wrote it."""

    __tablename__ = "screening_notes"

    run_id: Mapped[str] = mapped_column(ForeignKey("screening_runs.id", ondelete="CASCADE"), primary_key=True)
    app_id: Mapped[str] = mapped_column(String(500), primary_key=True)
    revision: Mapped[int] = mapped_column(Integer)
    motivation: Mapped[str | None] = mapped_column(Text, nullable=True)
    notes: Mapped[str] = mapped_column(Text)
    dismissed: Mapped[dict[str, Any]] = mapped_column(Json)
    fingerprint: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    updated_by: Mapped[str] = mapped_column(String(320))


class ScreeningNoteRevisionRow(Base):
    """Every saved state of a note: who wrote what when (history is never rewritten)."""

    __tablename__ = "screening_note_revisions"

    run_id: Mapped[str] = mapped_column(ForeignKey("screening_runs.id", ondelete="CASCADE"), primary_key=True)
    app_id: Mapped[str] = mapped_column(String(500), primary_key=True)
    revision: Mapped[int] = mapped_column(Integer, primary_key=True)
    motivation: Mapped[str | None] = mapped_column(Text, nullable=True)
    notes: Mapped[str] = mapped_column(Text)
    dismissed: Mapped[dict[str, Any]] = mapped_column(Json)
    fingerprint: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    author: Mapped[str] = mapped_column(String(320))


class ColumnMappingRow(Base):
    """The column mapping officers chose for a call in a workspace (normalised header -> field)."""

    __tablename__ = "screening_mappings"

    workspace_id: Mapped[str] = mapped_column(
        ForeignKey("workspaces.id", ondelete="CASCADE"), primary_key=True
    )
    call_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    mapping: Mapped[dict[str, Any]] = mapped_column(Json)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    updated_by: Mapped[str] = mapped_column(String(320))


class WorkshopRow(Base):
    """A workshop session on one assessment: the matrix's codes and how votes are shown.
    ``version`` goes up with every write to the session, so views can poll one row."""

    __tablename__ = "workshops"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    assessment_id: Mapped[str] = mapped_column(ForeignKey("assessments.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(500))
    codes: Mapped[list[str]] = mapped_column(Json)
    anonymous: Mapped[bool] = mapped_column(Boolean)
    dots: Mapped[int] = mapped_column(Integer)
    version: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    created_by: Mapped[str] = mapped_column(String(320))


class WorkshopParticipantRow(Base):
    __tablename__ = "workshop_participants"

    workshop_id: Mapped[str] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    display_name: Mapped[str] = mapped_column(String(500))
    joined_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class WorkshopVoteRow(Base):
    """One participant's private score for one cell (hidden from others until revealed)."""

    __tablename__ = "workshop_votes"

    workshop_id: Mapped[str] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), primary_key=True)
    source: Mapped[str] = mapped_column(String(20), primary_key=True)
    target: Mapped[str] = mapped_column(String(20), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    score: Mapped[int] = mapped_column(Integer)
    comment: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class WorkshopCellRow(Base):
    """The facilitator's decisions on one cell: revealed, locked, the agreed score and dissent."""

    __tablename__ = "workshop_cells"

    workshop_id: Mapped[str] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), primary_key=True)
    source: Mapped[str] = mapped_column(String(20), primary_key=True)
    target: Mapped[str] = mapped_column(String(20), primary_key=True)
    revealed: Mapped[bool] = mapped_column(Boolean)
    locked: Mapped[bool] = mapped_column(Boolean)
    agreed: Mapped[int | None] = mapped_column(Integer, nullable=True)
    comment: Mapped[str] = mapped_column(Text)
    dissent: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    updated_by: Mapped[str] = mapped_column(String(320))


class WorkshopDotRow(Base):
    """Dots a participant put on a cell (dot-voting on which conflicts to handle first)."""

    __tablename__ = "workshop_dots"

    workshop_id: Mapped[str] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), primary_key=True)
    source: Mapped[str] = mapped_column(String(20), primary_key=True)
    target: Mapped[str] = mapped_column(String(20), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    count: Mapped[int] = mapped_column(Integer)


metadata = Base.metadata
