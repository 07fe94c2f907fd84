"""Users, workspaces, roles, logins (local and OIDC) and share codes."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from collections.abc import Mapping
from typing import Any

from sqlalchemy import CursorResult, delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from assessment.errors import AccessDenied, Problem, UserError
from assessment.storage import access, throttle
from assessment.storage.base import StoreBase
from assessment.storage.passwords import check_policy, hash_password, needs_rehash, verify_password
from assessment.storage.schema import (
    AssessmentRow,
    GrantRow,
    MembershipRow,
    ShareRow,
    UserRow,
    WorkspaceRow,
)
from assessment.storage.types import Participant, Role, ShareInfo, User, Workspace

LOCAL_USERNAME = "local"
DEFAULT_WORKSPACE = "default"
MAX_SHARE_DAYS = 90
_WORKSPACE_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,99}$")
# Share codes are typed by workshop participants: no 0/O or 1/I/L to misread. 10 characters of
# a 31-letter alphabet is ~50 bits, far beyond guessing within a code's lifetime.
_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
_CODE_LENGTH = 10
# A share's public id: the start of its code's SHA-256 (64 bits; the code cannot be derived).
_SHARE_ID = re.compile(r"^[0-9a-f]{16}$")


def _user(row: UserRow) -> User:
    return User(row.id, row.username, row.display_name or row.username, row.is_site_admin)


def _code_hash(code: str) -> str:
    normalised = "".join(ch for ch in code.upper() if ch.isalnum())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


def _check_username(username: str) -> str:
    if not username or username != username.strip() or len(username) > 320 or "\x00" in username:
        raise UserError(Problem("storage.bad_username"))
    return username


class AccountsMixin(StoreBase):
    # -- users -----------------------------------------------------------------------------

    def local_user(self) -> User:
        """The single user of embedded mode: ``local``, admin of workspace ``default``."""
        for _attempt in range(2):
            try:
                with self._session(write=True) as s:
                    row = s.scalar(select(UserRow).where(UserRow.username == LOCAL_USERNAME))
                    if row is None:
                        row = UserRow(
                            username=LOCAL_USERNAME,
                            display_name="Lokal användare",
                            is_site_admin=True,
                            created_at=access.now(),
                        )
                        s.add(row)
                        s.flush()
                    if s.get(WorkspaceRow, DEFAULT_WORKSPACE) is None:
                        s.add(WorkspaceRow(id=DEFAULT_WORKSPACE, name="Standard", created_at=access.now()))
                        s.flush()
                    if s.get(MembershipRow, (row.id, DEFAULT_WORKSPACE)) is None:
                        s.add(
                            MembershipRow(
                                user_id=row.id, workspace_id=DEFAULT_WORKSPACE, role=Role.admin.value
                            )
                        )
                    return _user(row)
            except IntegrityError:
                # Another process created it at the same moment; the second attempt reads it.
                continue
        raise RuntimeError("could not create the local user")

    def add_user(
        self,
        admin: User,
        username: str,
        display_name: str = "",
        password: str | None = None,
        *,
        site_admin: bool = False,
    ) -> User:
        """Create a user (no access to anything until `grant`). Needs a site or workspace admin."""
        _check_username(username)
        with self._session(write=True) as s:
            self._require_some_admin(s, admin, site=site_admin)
            if s.scalar(select(UserRow.id).where(UserRow.username == username)) is not None:
                raise UserError(Problem("storage.user_exists", {"username": username}))
            row = UserRow(
                username=username,
                display_name=display_name.strip()[:500],
                password_hash=self._new_password_hash(password, username) if password is not None else None,
                is_site_admin=site_admin,
                created_at=access.now(),
            )
            s.add(row)
            s.flush()
            return _user(row)

    def set_password(self, actor: User, username: str, password: str) -> None:
        """A user changes their own password; a site admin may set anyone's."""
        with self._session(write=True) as s:
            if actor.username != username:
                access.require_site_admin(s, actor)
            row = self._user_row(s, username)
            row.password_hash = self._new_password_hash(password, username)

    def authenticate_local(self, username: str, password: str) -> User:
        """The local login (no identity provider): raises `AccessDenied` on any mismatch.

        Five failures for a user name within 15 minutes lock it for 15 minutes (whether or not
        the user exists, so the lock tells nothing); a success clears the count. A hash of an
        earlier scheme or weaker parameters is replaced at a successful login.
        """
        key = f"login:{username}"[:400]
        with self._session() as s:
            minutes = throttle.locked_minutes(s, key)
            if minutes is not None:
                raise AccessDenied(Problem(throttle.LOGIN.message, {"minutes": minutes}))
            row = s.scalar(select(UserRow).where(UserRow.username == username))
            stored = row.password_hash if row is not None else None
            ok = verify_password(password, stored) and row is not None
        if not ok or row is None:
            with self._session(write=True) as s:
                throttle.record_failure(s, key, throttle.LOGIN)
            raise AccessDenied(Problem("storage.login_failed"))
        with self._session(write=True) as s:
            throttle.clear(s, key)
            if stored is not None and needs_rehash(stored):
                fresh = s.get(UserRow, row.id)
                if fresh is not None and fresh.password_hash == stored:
                    fresh.password_hash = hash_password(password)
        return _user(row)

    def user_from_oidc(self, claims: Mapping[str, Any], *, verified_claim: str = "email_verified") -> User:
        """The user behind an OIDC login (``st.user``): matched by issuer+subject, else by a
        verified e-mail address, else created without any workspace.

        An address links to an existing account only when the provider vouches for it:
        ``claims[verified_claim]`` is true (``True`` or the string ``"true"``, as some providers
        send it). A missing claim is not verified: otherwise an identity whose ``email`` its
        owner can set would take over the pre-created account of that address. Providers that
        vouch with another claim are configured with ``verified_claim`` (docs/deployment.md).
        Addresses compare as providers treat them: the domain case-insensitively, the local
        part exactly.
        """
        sub = str(claims.get("sub") or "").strip()
        issuer = str(claims.get("iss") or "").strip()
        email = _normalise_email(str(claims.get("email") or ""))
        if not _claim_true(claims.get(verified_claim)):
            email = ""
        if not sub and not email:
            raise AccessDenied(Problem("storage.oidc_claims"))
        subject = f"{issuer}|{sub}" if sub else None
        name = str(claims.get("name") or email or sub)[:500]
        for _attempt in range(2):
            try:
                with self._session(write=True) as s:
                    row = None
                    if subject is not None:
                        row = s.scalar(select(UserRow).where(UserRow.oidc_subject == subject))
                    if row is None and email:
                        row = s.scalar(select(UserRow).where(UserRow.username == email))
                        if row is not None and row.oidc_subject not in (None, subject):
                            # The address belongs to another identity: never merge accounts.
                            raise AccessDenied(Problem("storage.login_failed"))
                    if row is None:
                        row = UserRow(
                            username=email or f"oidc:{sub}"[:320],
                            display_name=name,
                            is_site_admin=False,
                            created_at=access.now(),
                        )
                        s.add(row)
                    if subject is not None and row.oidc_subject is None:
                        row.oidc_subject = subject
                    s.flush()
                    return _user(row)
            except IntegrityError:
                continue
        raise AccessDenied(Problem("storage.login_failed"))

    # -- workspaces and roles --------------------------------------------------------------

    def create_workspace(self, admin: User, workspace_id: str, name: str) -> Workspace:
        """A new workspace (organisation); its creator becomes its admin. Site admins only."""
        if not _WORKSPACE_ID.match(workspace_id):
            raise UserError(Problem("storage.bad_workspace_id", {"workspace": workspace_id[:120]}))
        with self._session(write=True) as s:
            access.require_site_admin(s, admin)
            if s.get(WorkspaceRow, workspace_id) is not None:
                raise UserError(Problem("storage.workspace_exists", {"workspace": workspace_id}))
            s.add(
                WorkspaceRow(
                    id=workspace_id, name=name.strip()[:500] or workspace_id, created_at=access.now()
                )
            )
            s.flush()
            s.add(MembershipRow(user_id=admin.id, workspace_id=workspace_id, role=Role.admin.value))
            return Workspace(workspace_id, name, Role.admin)

    def grant(self, admin: User, workspace_id: str, username: str, role: Role | str | None) -> None:
        """Give ``username`` a role in the workspace; ``None`` removes them. Workspace admins
        and site admins.

        Revokes at once what the change takes away: removing a member ends every share-code
        access they hold in the workspace's assessments; removing them or lowering them below
        editor also ends the share codes they created there and the access those codes gave.
        """
        with self._session(write=True) as s:
            access.require_workspace_or_site_admin(s, admin, workspace_id, Role.admin)
            target = self._user_row(s, username)
            membership = s.get(MembershipRow, (target.id, workspace_id))
            if role is None:
                if membership is not None:
                    s.delete(membership)
                _revoke_member(s, workspace_id, target, removed=True)
                return
            value = Role(role)
            if membership is None:
                s.add(MembershipRow(user_id=target.id, workspace_id=workspace_id, role=value.value))
            else:
                membership.role = value.value
            if not value.allows(Role.editor):
                _revoke_member(s, workspace_id, target, removed=False)

    def members(self, admin: User, workspace_id: str) -> list[tuple[User, Role]]:
        with self._session() as s:
            access.require_workspace_or_site_admin(s, admin, workspace_id, Role.admin)
            rows = s.execute(
                select(UserRow, MembershipRow.role)
                .join(MembershipRow, MembershipRow.user_id == UserRow.id)
                .where(MembershipRow.workspace_id == workspace_id)
                .order_by(UserRow.username)
            ).all()
            return [(_user(r[0]), Role(r[1])) for r in rows]

    # -- share codes -----------------------------------------------------------------------

    def create_share(self, user: User, assessment_id: str, role: Role | str, expires_at: dt.datetime) -> str:
        """A code that gives whoever redeems it ``role`` on one assessment until ``expires_at``.

        Needs the editor role through workspace membership (a participant invited by a code
        cannot pass it on); the role given is viewer or editor and at most the creator's own.
        """
        wanted = Role(role)
        if expires_at.tzinfo is None:
            expires_at = expires_at.replace(tzinfo=dt.UTC)
        now = access.now()
        if not now < expires_at <= now + dt.timedelta(days=MAX_SHARE_DAYS):
            raise UserError(Problem("storage.share_expiry", {"days": MAX_SHARE_DAYS}))
        with self._session(write=True) as s:
            have = _sharing_role(s, user, assessment_id)
            if wanted is Role.admin or not have.allows(wanted):
                raise AccessDenied(Problem("storage.share_role"))
            code = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(_CODE_LENGTH))
            s.add(
                ShareRow(
                    code_hash=_code_hash(code),
                    assessment_id=assessment_id,
                    role=wanted.value,
                    expires_at=expires_at,
                    created_by=user.username,
                    created_at=now,
                )
            )
            return f"{code[:5]}-{code[5:]}"

    def redeem_share(self, user: User, code: str) -> str:
        """Join an assessment with a share code; returns its id. Refuses unknown and expired
        codes, and codes whose creator is no longer an editor of the assessment's workspace.
        Ten unknown codes within 15 minutes lock the user out of redeeming for 15 minutes."""
        key = f"share:{user.id}"
        with self._session() as s:
            minutes = throttle.locked_minutes(s, key)
            if minutes is not None:
                raise AccessDenied(Problem(throttle.SHARE.message, {"minutes": minutes}))
            known = s.get(ShareRow, _code_hash(code)) is not None
        if not known:
            with self._session(write=True) as s:
                throttle.record_failure(s, key, throttle.SHARE)
            raise AccessDenied(Problem("storage.share_invalid"))
        with self._session(write=True) as s:
            share = s.get(ShareRow, _code_hash(code))
            if share is None:  # ended in the meantime
                raise AccessDenied(Problem("storage.share_invalid"))
            now = access.now()
            if share.expires_at <= now:
                raise AccessDenied(Problem("storage.share_expired"))
            if not _creator_may_share(s, share):
                raise AccessDenied(Problem("storage.share_invalid"))
            grant = s.get(GrantRow, (user.id, share.assessment_id))
            if grant is None:
                s.add(
                    GrantRow(
                        user_id=user.id,
                        assessment_id=share.assessment_id,
                        role=share.role,
                        expires_at=share.expires_at,
                        share_hash=share.code_hash,
                        granted_by=share.created_by,
                        granted_at=now,
                    )
                )
                return share.assessment_id
            lapsed = grant.expires_at <= now
            if lapsed:
                grant.granted_at = now
            # The grant follows the code that gives its role (the newer one on a tie), so ending
            # that code or removing its creator revokes exactly the access it gave.
            if lapsed or Role(share.role).rank >= Role(grant.role).rank:
                grant.role = share.role
                grant.share_hash = share.code_hash
                grant.granted_by = share.created_by
            grant.expires_at = share.expires_at if lapsed else max(grant.expires_at, share.expires_at)
            return share.assessment_id

    def shares(self, user: User, assessment_id: str) -> list[ShareInfo]:
        """The live share codes of an assessment (never the codes themselves), newest first.
        Editors through workspace membership and site admins (the operator)."""
        with self._session() as s:
            _require_share_manager(s, user, assessment_id)
            now = access.now()
            rows = s.scalars(
                select(ShareRow)
                .where(ShareRow.assessment_id == assessment_id, ShareRow.expires_at > now)
                .order_by(ShareRow.created_at.desc(), ShareRow.code_hash)
            ).all()
            counts = dict(
                s.execute(
                    select(GrantRow.share_hash, func.count())
                    .where(GrantRow.assessment_id == assessment_id, GrantRow.expires_at > now)
                    .group_by(GrantRow.share_hash)
                ).all()
            )
            return [
                ShareInfo(
                    id=_share_id(r.code_hash),
                    assessment_id=assessment_id,
                    role=Role(r.role),
                    expires_at=r.expires_at,
                    created_by=r.created_by,
                    created_at=r.created_at,
                    participants=int(counts.get(r.code_hash, 0)),
                )
                for r in rows
            ]

    def participants(self, user: User, assessment_id: str) -> list[Participant]:
        """Who has access to the assessment through a share code (live grants)."""
        with self._session() as s:
            _require_share_manager(s, user, assessment_id)
            rows = s.execute(
                select(UserRow, GrantRow)
                .join(GrantRow, GrantRow.user_id == UserRow.id)
                .where(GrantRow.assessment_id == assessment_id, GrantRow.expires_at > access.now())
                .order_by(UserRow.username)
            ).all()
            return [
                Participant(
                    username=u.username,
                    display_name=u.display_name or u.username,
                    role=Role(g.role),
                    expires_at=g.expires_at,
                    share_id=_share_id(g.share_hash) if g.share_hash else None,
                )
                for u, g in rows
            ]

    def end_share(self, user: User, assessment_id: str, share_id: str) -> int:
        """End one share code (`ShareInfo.id`) and the access it gave; returns how many
        participants lost access. Editors through workspace membership and site admins (the operator)."""
        with self._session(write=True) as s:
            _require_share_manager(s, user, assessment_id)
            share = _find_share(s, assessment_id, share_id)
            s.delete(share)
            removed: CursorResult[Any] = s.execute(  # type: ignore[assignment]
                delete(GrantRow).where(
                    GrantRow.assessment_id == assessment_id, GrantRow.share_hash == share.code_hash
                )
            )
            return int(removed.rowcount)

    def remove_participant(self, user: User, assessment_id: str, username: str) -> bool:
        """Take one participant's share-code access away; False if they had none."""
        with self._session(write=True) as s:
            _require_share_manager(s, user, assessment_id)
            target = s.scalar(select(UserRow.id).where(UserRow.username == username))
            if target is None:
                return False
            removed: CursorResult[Any] = s.execute(  # type: ignore[assignment]
                delete(GrantRow).where(GrantRow.assessment_id == assessment_id, GrantRow.user_id == target)
            )
            return bool(removed.rowcount)

    def end_sharing(self, user: User, assessment_id: str) -> int:
        """Invalidate every share code of an assessment and remove the access they gave (e.g.
        when the workshop is over). Editors through workspace membership and site admins (the
        operator). Returns how many participants lost access."""
        with self._session(write=True) as s:
            _require_share_manager(s, user, assessment_id)
            s.execute(delete(ShareRow).where(ShareRow.assessment_id == assessment_id))
            removed: CursorResult[Any] = s.execute(  # type: ignore[assignment]
                delete(GrantRow).where(GrantRow.assessment_id == assessment_id)
            )
            return int(removed.rowcount)

    # -- helpers ---------------------------------------------------------------------------

    @staticmethod
    def _new_password_hash(password: str, username: str) -> str:
        check_policy(password, username)
        return hash_password(password)

    @staticmethod
    def _user_row(s: Session, username: str) -> UserRow:
        row = s.scalar(select(UserRow).where(UserRow.username == username))
        if row is None:
            raise UserError(Problem("storage.unknown_user", {"username": username}))
        return row

    @staticmethod
    def _require_some_admin(s: Session, user: User, site: bool = False) -> None:
        """Site admins, and (unless a site admin is being created) admins of any workspace."""
        if not site:
            is_ws_admin = s.scalar(
                select(MembershipRow.user_id)
                .where(MembershipRow.user_id == user.id, MembershipRow.role == Role.admin.value)
                .limit(1)
            )
            if is_ws_admin is not None:
                return
        access.require_site_admin(s, user)


def _require_share_manager(s: Session, user: User, assessment_id: str) -> None:
    """Who may see and end an assessment's sharing: its workspace's editors, and site admins
    (the operator revoking access from the command line)."""
    if access.is_site_admin(s, user):
        if s.get(AssessmentRow, assessment_id) is None:
            raise access.denied_assessment()
        return
    _sharing_role(s, user, assessment_id)


def _sharing_role(s: Session, user: User, assessment_id: str) -> Role:
    """The user's workspace role on the assessment, which must be at least editor: share codes
    are managed by workspace members only (a participant invited by a code cannot pass it on).
    Someone with no access at all is told the assessment does not exist, as everywhere."""
    row = s.get(AssessmentRow, assessment_id)
    if row is None:
        raise access.denied_assessment()
    have = access.workspace_role(s, user, row.workspace_id)
    if have is None and access.grant_role(s, user, assessment_id) is None:
        raise access.denied_assessment()
    access.require_role(have or Role.viewer, Role.editor)
    assert have is not None  # require_role refused a code-only participant above
    return have


def _claim_true(value: object) -> bool:
    return value is True or (isinstance(value, str) and value.strip().lower() == "true")


def _normalise_email(address: str) -> str:
    """``Local@Example.SE`` -> ``Local@example.se``: only the domain is case-insensitive."""
    local, at, domain = address.strip().rpartition("@")
    if not at or not local or not domain:
        return ""
    return f"{local}@{domain.lower()}"


def _share_id(code_hash: str) -> str:
    return code_hash[:16]


def _find_share(s: Session, assessment_id: str, share_id: str) -> ShareRow:
    if _SHARE_ID.match(share_id):
        share = s.scalar(
            select(ShareRow).where(
                ShareRow.assessment_id == assessment_id, ShareRow.code_hash.like(f"{share_id}%")
            )
        )
        if share is not None:
            return share
    raise UserError(Problem("storage.share_unknown", {"share": share_id[:40]}))


def _creator_may_share(s: Session, share: ShareRow) -> bool:
    """A code works only while its creator is still an editor (or admin) of the workspace and
    still has at least the role the code gives."""
    row = s.get(AssessmentRow, share.assessment_id)
    if row is None:
        return False
    role = s.scalar(
        select(MembershipRow.role)
        .join(UserRow, UserRow.id == MembershipRow.user_id)
        .where(UserRow.username == share.created_by, MembershipRow.workspace_id == row.workspace_id)
    )
    if role is None:
        return False
    have = Role(role)
    return have.allows(Role.editor) and have.allows(Role(share.role))


def _revoke_member(s: Session, workspace_id: str, target: UserRow, *, removed: bool) -> None:
    """What a membership change takes away in the workspace's assessments: the codes the user
    created and the access they gave (they may no longer share), and when ``removed``, every
    share-code access of their own as well."""
    in_workspace = select(AssessmentRow.id).where(AssessmentRow.workspace_id == workspace_id)
    s.execute(
        delete(ShareRow).where(
            ShareRow.created_by == target.username, ShareRow.assessment_id.in_(in_workspace)
        )
    )
    s.execute(
        delete(GrantRow).where(
            GrantRow.granted_by == target.username, GrantRow.assessment_id.in_(in_workspace)
        )
    )
    if removed:
        s.execute(
            delete(GrantRow).where(GrantRow.user_id == target.id, GrantRow.assessment_id.in_(in_workspace))
        )
