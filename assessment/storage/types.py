"""The plain values the store hands out; none of them is tied to a database session."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from assessment.domain.assessment import Assessment
from assessment.domain.merge import FieldConflict


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


__all__ = [
    "FieldConflict",
    "RevisionInfo",
    "Role",
    "SaveResult",
    "Share",
    "Stored",
    "Summary",
    "User",
    "Workspace",
]
