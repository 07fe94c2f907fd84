"""The plain values the store hands out; none of them is tied to a database session."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from assessment.domain.assessment import Assessment
from assessment.domain.merge import FieldConflict
from assessment.domain.projection import Projection


class Role(StrEnum):
    """A user's role in a workspace or, via a share code, on one assessment."""

    viewer = "viewer"
    editor = "editor"
    admin = "admin"

    @property
    def rank(self) -> int:
        return _RANK[self]

    def allows(self, needed: Role) -> bool:
        return self.rank >= needed.rank


_RANK = {Role.viewer: 1, Role.editor: 2, Role.admin: 3}


@dataclass(frozen=True)
class User:
    id: int
    username: str
    display_name: str
    # Site admins create workspaces and users; reading data still needs a workspace role.
    is_site_admin: bool = False


@dataclass(frozen=True)
class Workspace:
    id: str
    name: str
    role: Role


@dataclass(frozen=True)
class Stored:
    """One assessment as stored: ``version`` is what the next save passes as ``base_version``."""

    id: str
    workspace_id: str
    version: int
    assessment: Assessment
    updated_at: dt.datetime
    updated_by: str
    role: Role = Role.viewer


@dataclass(frozen=True)
class StoredProjection:
    """The current revision's projection (`assessment.domain.projection`): what the portfolio
    views read, without the document."""

    id: str
    workspace_id: str
    version: int
    projection: Projection


@dataclass(frozen=True)
class Summary:
    """Listing metadata, read without loading documents."""

    id: str
    workspace_id: str
    title: str
    kind: str
    tags: list[str]
    municipalities: list[str]
    date: dt.date | None
    updated_at: dt.datetime
    updated_by: str
    version: int


@dataclass(frozen=True)
class SaveResult:
    """``merged``: someone saved in between and the changes were merged; ``conflicts`` lists every
    field where the stored value was kept instead of the writer's (show both to the writer)."""

    stored: Stored
    conflicts: list[FieldConflict] = field(default_factory=list)
    merged: bool = False
    # False when nothing changed (an unchanged document, or every change lost to a conflict).
    new_revision: bool = True


@dataclass(frozen=True)
class RevisionInfo:
    version: int
    created_at: dt.datetime
    author: str
    summary_of_changes: str
    changes: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Share:
    code: str
    assessment_id: str
    role: Role
    expires_at: dt.datetime


@dataclass(frozen=True)
class ShareInfo:
    """A live share code as its managers see it: never the code itself (only its hash is
    stored); ``id`` names it for `Store.end_share`."""

    id: str
    assessment_id: str
    role: Role
    expires_at: dt.datetime
    created_by: str
    created_at: dt.datetime
    participants: int


@dataclass(frozen=True)
class Participant:
    """Someone with access to one assessment through a share code."""

    username: str
    display_name: str
    role: Role
    expires_at: dt.datetime
    share_id: str | None  # the code they joined with; None for grants made before revision 0004


@dataclass(frozen=True)
class ScreeningRecord:
    """What the screening hands the store to save: the file's identity, the call, the column
    mapping, the accounting (``summary``) and the results (``payload``, opaque bytes)."""

    file_name: str
    file_sha256: str
    file_size: int
    call_id: str
    mapping: dict[str, str]
    summary: dict[str, Any]
    payload: bytes


@dataclass(frozen=True)
class ScreeningSummary:
    """A saved screening run in a list (no results loaded)."""

    id: str
    workspace_id: str
    title: str
    call_id: str
    version: int
    created_at: dt.datetime
    created_by: str
    updated_at: dt.datetime
    updated_by: str
    summary: dict[str, Any] = field(default_factory=dict)  # of the newest version


@dataclass(frozen=True)
class ScreeningVersion:
    """One screening of a file within a run (its history entry)."""

    run_id: str
    version: int
    file_name: str
    file_sha256: str
    file_size: int
    call_id: str
    mapping: dict[str, str]
    summary: dict[str, Any]
    created_at: dt.datetime
    created_by: str


@dataclass(frozen=True)
class ScreeningNote:
    """The officer's work on one application; ``dismissed`` maps a hint key to
    ``{"reason", "by", "at"}``."""

    app_id: str
    revision: int
    motivation: str | None
    notes: str
    dismissed: dict[str, dict[str, str]]
    fingerprint: str
    updated_at: dt.datetime
    updated_by: str


@dataclass(frozen=True)
class StoredScreening:
    """A run opened at one version, with the results and every application's current note."""

    run: ScreeningSummary
    version: ScreeningVersion
    payload: bytes
    notes: dict[str, ScreeningNote]
    role: Role


@dataclass(frozen=True)
class NoteSaved:
    """``replaced``: another user's note that this save replaced (it stays in the history)."""

    note: ScreeningNote
    replaced: ScreeningNote | None = None


__all__ = [
    "FieldConflict",
    "NoteSaved",
    "Participant",
    "RevisionInfo",
    "Role",
    "SaveResult",
    "ScreeningNote",
    "ScreeningRecord",
    "ScreeningSummary",
    "ScreeningVersion",
    "Share",
    "ShareInfo",
    "Stored",
    "StoredScreening",
    "Summary",
    "User",
    "Workspace",
]
