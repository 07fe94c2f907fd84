"""Who may do what: every store method resolves the caller's role here before touching data.

A user's role on an assessment is the higher of their workspace role and an unexpired share
grant for that assessment. No role means the assessment is treated as nonexistent for them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from assessment.errors import AccessDenied, Problem
from assessment.storage.schema import (
    AssessmentRow,
    GrantRow,
    MembershipRow,
    UserRow,
    WorkspaceRow,
)
from assessment.storage.types import Role, User


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def workspace_role(session: Session, user: User, workspace_id: str) -> Role | None:
    role = session.scalar(
        select(MembershipRow.role).where(
            MembershipRow.user_id == user.id, MembershipRow.workspace_id == workspace_id
        )
    )
    return Role(role) if role else None


def grant_role(session: Session, user: User, assessment_id: str) -> Role | None:
    role = session.scalar(
        select(GrantRow.role).where(
            GrantRow.user_id == user.id,
            GrantRow.assessment_id == assessment_id,
            GrantRow.expires_at > now(),
        )
    )
    return Role(role) if role else None


def role_columns(user: User) -> tuple[Any, Any]:
    """Correlated subqueries giving ``user``'s workspace role and live grant role for the
    ``assessments`` row of the enclosing query, so one query fetches a row and its access."""
    member = (
        select(MembershipRow.role)
        .where(MembershipRow.user_id == user.id, MembershipRow.workspace_id == AssessmentRow.workspace_id)
        .scalar_subquery()
        .label("member_role")
    )
    granted = (
        select(GrantRow.role)
        .where(
            GrantRow.user_id == user.id,
            GrantRow.assessment_id == AssessmentRow.id,
            GrantRow.expires_at > now(),
        )
        .scalar_subquery()
        .label("grant_role")
    )
    return member, granted


def best_role(*roles: str | None) -> Role | None:
    found = [Role(r) for r in roles if r]
    return max(found, key=lambda r: r.rank) if found else None


def denied_assessment() -> AccessDenied:
    return AccessDenied(Problem("storage.no_access_assessment"))


def denied_workspace(workspace_id: str) -> AccessDenied:
    return AccessDenied(Problem("storage.no_access_workspace", {"workspace": workspace_id}))


def require_role(have: Role | None, needed: Role) -> Role:
    if have is None:
        raise denied_assessment()
    if not have.allows(needed):
        raise AccessDenied(Problem("storage.role_needed", {"role": needed.value}))
    return have


def require_workspace(session: Session, user: User, workspace_id: str, needed: Role) -> Role:
    have = workspace_role(session, user, workspace_id)
    if have is None:
        raise denied_workspace(workspace_id)
    if not have.allows(needed):
        raise AccessDenied(Problem("storage.role_needed", {"role": needed.value}))
    return have


def is_site_admin(session: Session, user: User) -> bool:
    return bool(session.scalar(select(UserRow.is_site_admin).where(UserRow.id == user.id)))


def require_workspace_or_site_admin(session: Session, user: User, workspace_id: str, needed: Role) -> None:
    """Workspace role ``needed``, or a site admin (the operator: backups, membership)."""
    if is_site_admin(session, user):
        if session.get(WorkspaceRow, workspace_id) is None:
            raise denied_workspace(workspace_id)
        return
    require_workspace(session, user, workspace_id, needed)


def require_site_admin(session: Session, user: User) -> None:
    # Read from the database, not the User object, so a revoked admin loses the right at once.
    if not session.scalar(select(UserRow.is_site_admin).where(UserRow.id == user.id)):
        raise AccessDenied(Problem("storage.site_admin_needed"))
