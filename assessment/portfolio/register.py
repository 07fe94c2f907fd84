"""The goal-conflict register: every conflict across the assessments a user may see, how it was
handled and what came of it — and the earlier conflicts that resemble a new one (learning).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd

from assessment.domain.assessment import Conflict
from assessment.domain.projection import ConflictFacts
from assessment.domain.refs import Ref, parse_ref
from assessment.portfolio.goals import goal_of_ref
from assessment.portfolio.order import sort_order
from assessment.portfolio.selection import Portfolio

REGISTER_COLUMNS = [
    "assessment",
    "title",
    "municipalities",
    "date",
    "conflict",
    "goals",
    "actors",
    "type",
    "origin",
    "stage",
    "method",
    "decision",
    "position",
    "follow_up_due",
    "outcome",
    "worked",
    "description",
]


@dataclass(frozen=True)
class RegisterEntry:
    """One conflict of the register: where it was recorded, and the conflict itself as the
    projection holds it (`ConflictFacts`: its fields and `handled` are defined there, once)."""

    assessment: str  # portfolio item key
    title: str
    municipalities: tuple[str, ...]
    date: dt.date | None
    conflict: ConflictFacts
    goals: tuple[str, ...]  # goal-level refs: "sdg:13", "rus:…", "other:…"
    actors: tuple[str, ...]
    # Where the assessment came from: its store id, or the file it was read from.
    source: str = ""

    def cells(self) -> tuple[object, ...]:
        """The register's row, in `REGISTER_COLUMNS` order."""
        c = self.conflict
        return (
            self.assessment,
            self.title,
            ", ".join(self.municipalities),
            self.date,
            c.id,
            ", ".join(self.goals),
            ", ".join(self.actors),
            c.type,
            c.origin,
            c.stage,
            c.method,
            c.decision,
            c.position,
            c.due,
            c.outcome,
            c.worked,
            c.description,
        )

    def row(self) -> dict[str, object]:
        return dict(zip(REGISTER_COLUMNS, self.cells(), strict=True))


def conflict_goals(conflict: Conflict | ConflictFacts) -> tuple[str, ...]:
    """The distinct goals a conflict is between, at goal level, in the order written."""
    return _goals_between(tuple(conflict.between))


def conflict_actors(conflict: Conflict | ConflictFacts) -> tuple[str, ...]:
    return _actors_between(tuple(conflict.between))


# Per distinct ``between`` (20,000 conflicts of a 10,000 portfolio are between a few hundred
# distinct sets of refs): the goals and the actors, worked out once.
@lru_cache(maxsize=4096)
def _goals_between(between: tuple[str, ...]) -> tuple[str, ...]:
    goals = (goal_of_ref(ref) for ref in between)
    return tuple(dict.fromkeys(g for g in goals if g is not None))


@lru_cache(maxsize=4096)
def _actors_between(between: tuple[str, ...]) -> tuple[str, ...]:
    names = (_parse(ref) for ref in between)
    return tuple(dict.fromkeys(r.code for r in names if r.kind == "actor"))


@lru_cache(maxsize=4096)
def _parse(ref: str) -> Ref:
    return parse_ref(ref)


def conflict_register(portfolio: Portfolio) -> list[RegisterEntry]:
    entries = []
    for item in portfolio:
        a = item.projection
        for c in a.conflicts:
            entries.append(
                RegisterEntry(
                    assessment=item.key,
                    title=a.title,
                    municipalities=tuple(a.municipalities),
                    date=a.date,
                    conflict=c,
                    goals=conflict_goals(c),
                    actors=conflict_actors(c),
                    source=item.source,
                )
            )
    return entries


def register_frame(entries: Iterable[RegisterEntry]) -> pd.DataFrame:
    # Tuples in column order, not `row()` dicts: a third of the 10,000-assessment portfolio's
    # views was building and unpacking 20,000 dicts.
    rows = [e.cells() for e in entries]
    return pd.DataFrame(rows, columns=REGISTER_COLUMNS)


@dataclass(frozen=True)
class SimilarConflict:
    entry: RegisterEntry
    shared_goals: tuple[str, ...]
    same_type: bool

    @property
    def score(self) -> int:
        # Shared goals say more about a conflict than a shared type label, so they weigh double.
        return 2 * len(self.shared_goals) + (1 if self.same_type else 0)


_WORKED_ORDER = {"yes": 0, "partly": 1, "no": 2}


def similar_conflicts(
    new_conflict: Conflict,
    register: Sequence[RegisterEntry],
    *,
    limit: int = 10,
    exclude: tuple[str, str] | None = None,
) -> list[SimilarConflict]:
    """Earlier conflicts involving one of the same goals or of the same type, best matches first.

    Among equal matches, conflicts with a recorded outcome come first (they teach the most), then
    handled ones, then the most recent follow-up. ``exclude`` is ``(assessment, conflict id)`` of
    the conflict being edited, so it does not match itself; the assessment may be given by its
    portfolio key or its source (the store id the app has at hand).
    """
    goals = set(conflict_goals(new_conflict))
    found: list[SimilarConflict] = []
    for entry in register:
        if (
            exclude is not None
            and entry.conflict.id == exclude[1]
            and exclude[0] in (entry.assessment, entry.source)
        ):
            continue
        shared = tuple(g for g in entry.goals if g in goals)
        same_type = bool(new_conflict.type) and entry.conflict.type == new_conflict.type
        if shared or same_type:
            found.append(SimilarConflict(entry, shared, same_type))

    def order(s: SimilarConflict) -> tuple[int, int, int, int, str]:
        c = s.entry.conflict
        has_outcome = 0 if (c.worked or c.outcome.strip()) else 1
        due = c.due.toordinal() if c.due else 0
        return (-s.score, has_outcome, 0 if c.handled else 1, -due, s.entry.assessment)

    found.sort(key=order)
    return found[:limit] if limit > 0 else found


def similar_frame(similar: Sequence[SimilarConflict]) -> pd.DataFrame:
    rows = []
    for s in similar:
        row = s.entry.row()
        row["shared_goals"] = ", ".join(s.shared_goals)
        row["same_type"] = s.same_type
        row["score"] = s.score
        rows.append(row)
    return pd.DataFrame(rows, columns=[*REGISTER_COLUMNS, "shared_goals", "same_type", "score"])


@dataclass
class _TypeTally:
    conflicts: int = 0
    proactive: int = 0
    reactive: int = 0
    handled: int = 0
    worked: dict[str, int] = field(default_factory=dict)
    assessments: set[str] = field(default_factory=set)


def conflicts_by_type(entries: Sequence[RegisterEntry]) -> pd.DataFrame:
    """Per conflict type: count, assessments, proactive/reactive, handled, and follow-up results."""
    # One pass: per type the counts and the assessments (9 passes over each group were a third
    # of a second at 20,000 conflicts).
    tallies: dict[str, _TypeTally] = {}
    for e in entries:
        c = e.conflict
        ctype = c.type or ""
        tally = tallies.get(ctype)
        if tally is None:
            tally = tallies[ctype] = _TypeTally()
        tally.conflicts += 1
        tally.assessments.add(e.assessment)
        if c.origin == "proactive":
            tally.proactive += 1
        elif c.origin == "reactive":
            tally.reactive += 1
        if c.handled:
            tally.handled += 1
        if c.worked is not None:
            tally.worked[c.worked] = tally.worked.get(c.worked, 0) + 1
    rows = [
        {
            "type": ctype,
            "conflicts": t.conflicts,
            "assessments": len(t.assessments),
            "proactive": t.proactive,
            "reactive": t.reactive,
            "handled": t.handled,
            "worked_yes": t.worked.get("yes", 0),
            "worked_partly": t.worked.get("partly", 0),
            "worked_no": t.worked.get("no", 0),
        }
        for ctype, t in sorted(tallies.items(), key=lambda kv: (-kv[1].conflicts, kv[0]))
    ]
    return pd.DataFrame(
        rows,
        columns=[
            "type",
            "conflicts",
            "assessments",
            "proactive",
            "reactive",
            "handled",
            "worked_yes",
            "worked_partly",
            "worked_no",
        ],
    )


def conflicts_by_goal_pair(entries: Sequence[RegisterEntry]) -> pd.DataFrame:
    """Per unordered pair of goals a conflict is between: how often, where, and which types.

    A conflict between three goals counts once for each of its pairs.
    """
    pairs: dict[tuple[str, str], list[RegisterEntry]] = {}
    for e in entries:
        goals = sorted(e.goals, key=_goal_sort_key)
        for i, a in enumerate(goals):
            for b in goals[i + 1 :]:
                pairs.setdefault((a, b), []).append(e)
    rows = []
    for (a, b), group in sorted(pairs.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        rows.append(
            {
                "goal_a": a,
                "goal_b": b,
                "conflicts": len(group),
                "assessments": ", ".join(dict.fromkeys(e.assessment for e in group)),
                "types": ", ".join(dict.fromkeys(e.conflict.type for e in group if e.conflict.type)),
            }
        )
    return pd.DataFrame(rows, columns=["goal_a", "goal_b", "conflicts", "assessments", "types"])


@lru_cache(maxsize=4096)
def _goal_sort_key(ref: str) -> tuple[int, int, str]:
    prefix, _, code = ref.partition(":")
    if prefix == "sdg" and code.isdigit():
        return (0, int(code), "")
    return (1 if prefix == "rus" else 2, 0, ref)


FOLLOW_UP_COLUMNS = [
    "kind",
    "assessment",
    "title",
    "id",
    "text",
    "owner",
    "due",
    "status",
    "days_left",
    "overdue",
]


def follow_up_list(portfolio: Portfolio, today: dt.date, horizon_days: int = 30) -> pd.DataFrame:
    """Measures not done and conflict follow-ups without a recorded result that are due within
    ``horizon_days`` of ``today`` or already overdue, soonest first."""
    limit = today + dt.timedelta(days=horizon_days)
    # Rows as tuples in FOLLOW_UP_COLUMNS order (not dicts), ordered by `sort_order`.
    rows: list[tuple[object, ...]] = []
    for item in portfolio:
        a = item.projection
        key, title = item.key, a.title
        for m in a.measures:
            due = m.due
            if due is not None and m.status != "done" and due <= limit:
                days = (due - today).days
                rows.append(("measure", key, title, m.id, m.text, m.owner, due, m.status, days, days < 0))
        for c in a.conflicts:
            due = c.due
            if due is not None and c.worked is None and due <= limit:
                days = (due - today).days
                rows.append(
                    (
                        "conflict",
                        key,
                        title,
                        c.id,
                        c.plan or c.description,
                        "",
                        due,
                        c.stage or "",
                        days,
                        days < 0,
                    )
                )
    # Soonest first, then assessment and id.
    order = sort_order([r[6] for r in rows], [r[1] for r in rows], [r[3] for r in rows])
    return pd.DataFrame([rows[j] for j in order], columns=FOLLOW_UP_COLUMNS)
