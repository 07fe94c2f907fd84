"""Workshop sessions in the store: private scores per participant, the facilitator's decisions.

Who may do what (checked here, for every call):

* **facilitator** — editor or admin of the assessment's workspace (membership, not a share
  code): creates sessions, sees every vote (with names only in named sessions), reveals, locks,
  records the agreed score and dissent;
* **participant** — anyone who can read the assessment (a workspace role or a share code):
  joins, scores, dot-votes; sees their own votes, vote *counts*, and the spread and votes of a cell
  only after the facilitator revealed it. No call returns someone else's hidden vote to them.

Someone without access to the assessment is told the session does not exist.
"""

from __future__ import annotations

import builtins
import uuid
from collections.abc import Iterable, Mapping, Sequence

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from assessment.errors import AccessDenied, Problem, UserError
from assessment.storage import access
from assessment.storage.base import StoreBase
from assessment.storage.schema import (
    AssessmentRow,
    UserRow,
    WorkshopCellRow,
    WorkshopDotRow,
    WorkshopParticipantRow,
    WorkshopRow,
    WorkshopVoteRow,
)
from assessment.storage.types import Role, User
from assessment.workshop.codes import Cell, canonical_codes
from assessment.workshop.consensus import spread
from assessment.workshop.model import Board, CellState, Vote, WorkshopInfo

MAX_COMMENT_CHARS = 5_000
MAX_DOTS = 50


def _denied() -> AccessDenied:
    return AccessDenied(Problem("workshop.no_access"))


def _text(value: str, limit: int = MAX_COMMENT_CHARS) -> str:
    if len(value) > limit:
        raise UserError(Problem("workshop.text_too_long", {"limit": limit}))
    return value


class WorkshopsMixin(StoreBase):
    """Store methods for workshop sessions (see the module docstring)."""

    # -- facilitator ---------------------------------------------------------------------------

    def create_workshop(
        self,
        user: User,
        assessment_id: str,
        codes: Iterable[str],
        *,
        title: str = "",
        anonymous: bool = True,
        dots: int = 3,
        agreed: Mapping[Cell, int] | None = None,
        comment: str = "",
    ) -> WorkshopInfo:
        """A new scoring session on the assessment. ``agreed`` (an imported matrix) locks those
        cells with their scores and ``comment`` in the same transaction: an import that fails
        leaves no session behind."""
        chosen = canonical_codes(codes)
        if not 0 <= dots <= MAX_DOTS:
            raise UserError(Problem("workshop.dots_range", {"max": MAX_DOTS}))
        if agreed and any(score not in range(-3, 4) for score in agreed.values()):
            raise UserError(Problem("workshop.score_range"))
        with self._session(write=True) as s:
            self._facilitator_of_assessment(s, user, assessment_id)
            row = WorkshopRow(
                id=uuid.uuid4().hex,
                assessment_id=assessment_id,
                title=_text(title.strip(), 500),
                codes=list(chosen),
                anonymous=anonymous,
                dots=dots,
                version=1,
                created_at=access.now(),
                created_by=user.username,
            )
            s.add(row)
            s.flush()
            if agreed:
                self._lock_all(s, row, agreed, comment, user)
            return _info(row, True)

    def set_workshop_codes(self, user: User, workshop_id: str, codes: Iterable[str]) -> WorkshopInfo:
        """Change the matrix's codes; votes and decisions on remaining cells are kept."""
        chosen = canonical_codes(codes)
        with self._session(write=True) as s:
            row = self._facilitated(s, user, workshop_id)
            row.codes = list(chosen)
            row.version += 1
            return _info(row, True)

    def reveal_cells(self, user: User, workshop_id: str, cells: Sequence[Cell], revealed: bool = True) -> int:
        """Show (or hide again) the votes of ``cells`` to every participant."""
        with self._session(write=True) as s:
            row = self._facilitated(s, user, workshop_id)
            for cell in cells:
                decision = self._decision(s, row, cell, user)
                decision.revealed = revealed or decision.locked
            row.version += 1
            return row.version

    def lock_cell(
        self,
        user: User,
        workshop_id: str,
        cell: Cell,
        agreed: int | None,
        *,
        comment: str = "",
        dissent: str = "",
    ) -> int:
        """Lock a cell (no more votes) with the agreed score, a comment and a dissent note.
        ``agreed`` None locks without a score. Locking also reveals the cell."""
        if agreed is not None and agreed not in range(-3, 4):
            raise UserError(Problem("workshop.score_range"))
        with self._session(write=True) as s:
            row = self._facilitated(s, user, workshop_id)
            decision = self._decision(s, row, cell, user)
            decision.locked, decision.revealed, decision.agreed = True, True, agreed
            decision.comment, decision.dissent = _text(comment), _text(dissent)
            row.version += 1
            return row.version

    def lock_cells(self, user: User, workshop_id: str, scores: Mapping[Cell, int], comment: str = "") -> int:
        """Lock many cells at once with their agreed scores (an imported matrix); all or nothing."""
        if any(score not in range(-3, 4) for score in scores.values()):
            raise UserError(Problem("workshop.score_range"))
        with self._session(write=True) as s:
            row = self._facilitated(s, user, workshop_id)
            self._lock_all(s, row, scores, comment, user)
            row.version += 1
            return row.version

    def unlock_cell(self, user: User, workshop_id: str, cell: Cell) -> int:
        """Open a locked cell for votes again (its agreed score is cleared)."""
        with self._session(write=True) as s:
            row = self._facilitated(s, user, workshop_id)
            decision = self._decision(s, row, cell, user)
            decision.locked, decision.agreed = False, None
            row.version += 1
            return row.version

    def delete_workshop(self, user: User, workshop_id: str) -> None:
        with self._session(write=True) as s:
            self._facilitated(s, user, workshop_id)
            for table in (WorkshopDotRow, WorkshopVoteRow, WorkshopCellRow, WorkshopParticipantRow):
                s.execute(delete(table).where(table.workshop_id == workshop_id))
            s.execute(delete(WorkshopRow).where(WorkshopRow.id == workshop_id))

    # -- everyone with access --------------------------------------------------------------------

    def workshops(self, user: User, assessment_id: str) -> builtins.list[WorkshopInfo]:
        """The assessment's sessions, newest first."""
        with self._session() as s:
            _, facilitator = self._roles(s, user, assessment_id)
            rows = s.scalars(
                select(WorkshopRow)
                .where(WorkshopRow.assessment_id == assessment_id)
                .order_by(WorkshopRow.created_at.desc(), WorkshopRow.id)
            ).all()
            return [_info(r, facilitator) for r in rows]

    def workshop_version(self, user: User, workshop_id: str) -> int:
        """The session's version only: cheap enough to poll every second."""
        with self._session() as s:
            row, _ = self._session_row(s, user, workshop_id)
            return row.version

    def join_workshop(self, user: User, workshop_id: str, display_name: str = "") -> WorkshopInfo:
        with self._session(write=True) as s:
            row, facilitator = self._session_row(s, user, workshop_id, lock=True)
            self._join(s, row, user, display_name)
            return _info(row, facilitator)

    def cast_vote(self, user: User, workshop_id: str, cell: Cell, score: int, comment: str = "") -> int:
        """Save the caller's private score for ``cell`` (replacing their earlier one)."""
        if score not in range(-3, 4):
            raise UserError(Problem("workshop.score_range"))
        comment = _text(comment)
        with self._session(write=True) as s:
            row, _ = self._session_row(s, user, workshop_id, lock=True)
            _check_cell(row, cell)
            decision = s.get(WorkshopCellRow, (row.id, *cell))
            if decision is not None and decision.locked:
                raise UserError(Problem("workshop.cell_locked"))
            self._join(s, row, user, "")
            vote = s.get(WorkshopVoteRow, (row.id, *cell, user.id))
            stamp = access.now()
            if vote is None:
                s.add(
                    WorkshopVoteRow(
                        workshop_id=row.id,
                        source=cell[0],
                        target=cell[1],
                        user_id=user.id,
                        score=score,
                        comment=comment,
                        updated_at=stamp,
                    )
                )
            else:
                vote.score, vote.comment, vote.updated_at = score, comment, stamp
            row.version += 1
            return row.version

    def place_dots(self, user: User, workshop_id: str, cell: Cell, count: int) -> int:
        """Put ``count`` of the caller's dots on ``cell`` (0 takes them back)."""
        with self._session(write=True) as s:
            row, _ = self._session_row(s, user, workshop_id, lock=True)
            _check_cell(row, cell)
            self._join(s, row, user, "")
            used = sum(
                d.count
                for d in s.scalars(
                    select(WorkshopDotRow).where(
                        WorkshopDotRow.workshop_id == row.id, WorkshopDotRow.user_id == user.id
                    )
                )
                if (d.source, d.target) != cell
            )
            if count < 0 or used + count > row.dots:
                raise UserError(Problem("workshop.dots_left", {"left": row.dots - used}))
            existing = s.get(WorkshopDotRow, (row.id, *cell, user.id))
            if existing is None:
                if count:
                    s.add(
                        WorkshopDotRow(
                            workshop_id=row.id, source=cell[0], target=cell[1], user_id=user.id, count=count
                        )
                    )
            elif count:
                existing.count = count
            else:
                s.delete(existing)
            row.version += 1
            return row.version

    def workshop_board(self, user: User, workshop_id: str) -> Board:
        """Everything the caller may see (see the module docstring), in one transaction."""
        with self._session() as s:
            row, facilitator = self._session_row(s, user, workshop_id)
            codes = set(row.codes)
            names = {
                p.user_id: p.display_name
                for p in s.scalars(
                    select(WorkshopParticipantRow).where(WorkshopParticipantRow.workshop_id == row.id)
                )
            }
            votes: dict[Cell, list[WorkshopVoteRow]] = {}
            for v in s.scalars(select(WorkshopVoteRow).where(WorkshopVoteRow.workshop_id == row.id)):
                if v.source in codes and v.target in codes:
                    votes.setdefault((v.source, v.target), []).append(v)
            decisions = {
                (d.source, d.target): d
                for d in s.scalars(select(WorkshopCellRow).where(WorkshopCellRow.workshop_id == row.id))
                if d.source in codes and d.target in codes
            }
            cells: dict[Cell, CellState] = {}
            for cell in sorted(set(votes) | set(decisions)):
                cast = sorted(votes.get(cell, []), key=lambda v: (v.updated_at, v.user_id))
                d = decisions.get(cell)
                visible = facilitator or (d is not None and d.revealed)
                cells[cell] = CellState(
                    cell=cell,
                    count=len(cast),
                    revealed=bool(d and d.revealed),
                    locked=bool(d and d.locked),
                    agreed=d.agreed if d else None,
                    comment=d.comment if d else "",
                    dissent=d.dissent if d else "",
                    spread=spread(v.score for v in cast) if visible else None,
                    votes=tuple(
                        Vote(cell, v.score, v.comment, None if row.anonymous else names.get(v.user_id, "?"))
                        for v in cast
                    )
                    if visible
                    else (),
                )
            mine = {
                (v.source, v.target): Vote((v.source, v.target), v.score, v.comment, None)
                for cast in votes.values()
                for v in cast
                if v.user_id == user.id
            }
            dots: dict[Cell, int] = {}
            my_dots: dict[Cell, int] = {}
            for dot in s.scalars(select(WorkshopDotRow).where(WorkshopDotRow.workshop_id == row.id)):
                cell = (dot.source, dot.target)
                if dot.source in codes and dot.target in codes:
                    dots[cell] = dots.get(cell, 0) + dot.count
                    if dot.user_id == user.id:
                        my_dots[cell] = dot.count
            shown = () if row.anonymous or not facilitator else tuple(sorted(names.values()))
            return Board(_info(row, facilitator), cells, mine, dots, my_dots, len(names), shown)

    # -- helpers -----------------------------------------------------------------------------------

    def _roles(self, s: Session, user: User, assessment_id: str) -> tuple[Role, bool]:
        """The caller's role on the assessment and whether they may facilitate."""
        found = s.get(AssessmentRow, assessment_id)
        if found is None:
            raise _denied()
        member = access.workspace_role(s, user, found.workspace_id)
        granted = access.grant_role(s, user, assessment_id)
        role = access.best_role(_value(member), _value(granted))
        if role is None:
            raise _denied()
        return role, member is not None and member.allows(Role.editor)

    def _facilitator_of_assessment(self, s: Session, user: User, assessment_id: str) -> None:
        _, facilitator = self._roles(s, user, assessment_id)
        if not facilitator:
            raise AccessDenied(Problem("workshop.facilitator_needed"))

    def _session_row(
        self, s: Session, user: User, workshop_id: str, lock: bool = False
    ) -> tuple[WorkshopRow, bool]:
        query = select(WorkshopRow).where(WorkshopRow.id == workshop_id)
        if lock:  # PostgreSQL: writers of one session queue on its row (version counter)
            query = query.with_for_update()
        row = s.scalar(query)
        if row is None:
            raise _denied()
        _, facilitator = self._roles(s, user, row.assessment_id)
        return row, facilitator

    def _facilitated(self, s: Session, user: User, workshop_id: str) -> WorkshopRow:
        row, facilitator = self._session_row(s, user, workshop_id, lock=True)
        if not facilitator:
            raise AccessDenied(Problem("workshop.facilitator_needed"))
        return row

    def _lock_all(
        self, s: Session, row: WorkshopRow, scores: Mapping[Cell, int], comment: str, user: User
    ) -> None:
        for cell, score in scores.items():
            decision = self._decision(s, row, cell, user)
            decision.locked, decision.revealed, decision.agreed = True, True, score
            decision.comment = _text(comment)

    def _decision(self, s: Session, row: WorkshopRow, cell: Cell, user: User) -> WorkshopCellRow:
        _check_cell(row, cell)
        decision = s.get(WorkshopCellRow, (row.id, *cell))
        if decision is None:
            decision = WorkshopCellRow(
                workshop_id=row.id,
                source=cell[0],
                target=cell[1],
                revealed=False,
                locked=False,
                agreed=None,
                comment="",
                dissent="",
            )
            s.add(decision)
        decision.updated_at, decision.updated_by = access.now(), user.username
        return decision

    def _join(self, s: Session, row: WorkshopRow, user: User, display_name: str) -> None:
        existing = s.get(WorkshopParticipantRow, (row.id, user.id))
        name = _text(display_name.strip(), 500)
        if existing is None:
            if not name:
                stored = s.get(UserRow, user.id)
                name = (stored.display_name or stored.username) if stored else user.username
            s.add(
                WorkshopParticipantRow(
                    workshop_id=row.id, user_id=user.id, display_name=name, joined_at=access.now()
                )
            )
            row.version += 1
        elif name and name != existing.display_name:
            existing.display_name = name
            row.version += 1


def _value(role: Role | None) -> str | None:
    return role.value if role else None


def _check_cell(row: WorkshopRow, cell: Cell) -> None:
    source, target = cell
    if source == target or source not in row.codes or target not in row.codes:
        raise UserError(Problem("workshop.unknown_cell", {"source": source[:20], "target": target[:20]}))


def _info(row: WorkshopRow, facilitator: bool) -> WorkshopInfo:
    return WorkshopInfo(
        id=row.id,
        assessment_id=row.assessment_id,
        title=row.title,
        codes=tuple(row.codes),
        anonymous=row.anonymous,
        dots=row.dots,
        version=row.version,
        created_at=row.created_at,
        created_by=row.created_by,
        facilitator=facilitator,
    )
