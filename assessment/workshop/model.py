"""The plain values a workshop session hands out (no database session attached)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from assessment.workshop.codes import Cell
from assessment.workshop.consensus import Spread


@dataclass(frozen=True)
class WorkshopInfo:
    id: str
    assessment_id: str
    title: str
    codes: tuple[str, ...]
    anonymous: bool
    dots: int  # dots per participant for dot-voting
    version: int  # goes up with every write; poll it (`Store.workshop_version`)
    created_at: dt.datetime
    created_by: str
    facilitator: bool  # whether the *caller* facilitates (sees hidden votes, reveals, locks)


@dataclass(frozen=True)
class Vote:
    cell: Cell
    score: int
    comment: str
    who: str | None  # None in anonymous sessions (and for a participant's own vote list)


@dataclass(frozen=True)
class CellState:
    """One cell as the caller may see it. For a participant, a cell that is not revealed carries
    only how many have voted: ``spread`` is None and ``votes`` is empty."""

    cell: Cell
    count: int
    revealed: bool
    locked: bool
    agreed: int | None
    comment: str
    dissent: str
    spread: Spread | None
    votes: tuple[Vote, ...] = ()


@dataclass(frozen=True)
class Board:
    """Everything one caller may see of a session, read in one transaction."""

    info: WorkshopInfo
    cells: dict[Cell, CellState]  # only cells with votes or decisions
    mine: dict[Cell, Vote]
    dots: dict[Cell, int]  # total dots per cell (dot-voting is live for everyone)
    my_dots: dict[Cell, int]
    participant_count: int = 0
    participants: tuple[str, ...] = field(default=())  # names: facilitator, named sessions only

    @property
    def agreed(self) -> dict[Cell, int]:
        return {c: s.agreed for c, s in self.cells.items() if s.locked and s.agreed is not None}

    @property
    def discussed(self) -> frozenset[Cell]:
        return frozenset(c for c, s in self.cells.items() if s.locked)
