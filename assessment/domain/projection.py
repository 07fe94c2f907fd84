"""The part of an assessment the portfolio views read, kept beside the document in the store.

A portfolio of 10,000 assessments cannot afford to validate 10,000 full documents on every
visit (0.5 ms each in pydantic, before any view is computed). The store therefore keeps this
projection up to date on every write (`projection_data` of the validated model, plain JSON), and
`Projection.from_data` reads it back into tuples without validation: the data was validated
when it was written.

Files take the same road (`project`), so a portfolio of files and the same assessments from the
store are computed from identical projections. Conflicts, measures and interactions keep their
whole document form as well, so the combined analysis can rebuild exactly the models it used to
take from the full assessment (`ConflictFacts.model`).

``PROJECTION_VERSION`` goes up whenever the data changes shape; the store recomputes a
projection of another version from the document instead of misreading it.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import starmap
from typing import Any, NamedTuple

from assessment.domain.assessment import Assessment, Conflict, Interaction, Measure, is_handled

PROJECTION_VERSION = 1


class SdgImpact(NamedTuple):
    """A rated SDG goal (``goal``) or target (``target``); unrated ratings are left out."""

    goal: int | None
    target: str | None
    impact: int

    @property
    def goal_number(self) -> int:
        if self.goal is not None:
            return self.goal
        assert self.target is not None
        return int(self.target.split(".")[0])


class RusImpact(NamedTuple):
    goal: str
    impact: int


class ActorFacts(NamedTuple):
    name: str
    present: bool
    groups: tuple[str, ...]
    influence: int


class ChecklistFacts(NamedTuple):
    """Items ticked, and items answered with a comment only (both count as considered)."""

    checked: frozenset[str]
    commented: frozenset[str]


class ConflictFacts(NamedTuple):
    """A recorded conflict as the portfolio views and the conflict register read it (the register
    adds only where it was recorded: `assessment.portfolio.register.RegisterEntry`)."""

    id: str
    between: tuple[str, ...]
    description: str
    type: str | None
    origin: str | None
    stage: str | None
    method: str | None
    decision: str
    position: str
    due: dt.date | None
    plan: str
    outcome: str
    worked: str | None
    document: Mapping[str, Any]

    @property
    def handled(self) -> bool:
        return is_handled(self.decision, self.position)

    def model(self) -> Conflict:
        return Conflict.model_validate(self.document)


class MeasureFacts(NamedTuple):
    id: str
    text: str
    owner: str
    due: dt.date | None
    status: str
    addresses: tuple[str, ...]
    document: Mapping[str, Any]

    def model(self) -> Measure:
        return Measure.model_validate(self.document)


@dataclass(frozen=True, eq=False)
class Projection:
    """What portfolios, filters and the conflict register need of one assessment.

    Compared by identity (like the models it stands for are cached by): two projections of one
    revision are equal as data (`data`), not as objects.

    ``source`` is what it was read from: the stored JSON text, or the data itself (files).
    Keeping the text rather than the parsed data lets the parsed lists go (a portfolio of
    10,000 kept ~300,000 of them alive, each one more object for every garbage collection
    to walk); `data` parses it again when asked, which only tests and tools do.
    """

    id: str | None
    title: str
    kind: str
    organisation: str
    description: str
    municipalities: tuple[str, ...]
    date: dt.date | None
    tags: tuple[str, ...]
    sdg: tuple[SdgImpact, ...]
    rus: tuple[RusImpact, ...]
    actors: tuple[ActorFacts, ...]
    checklists: Mapping[str, ChecklistFacts]
    conflicts: tuple[ConflictFacts, ...]
    measures: tuple[MeasureFacts, ...]
    interactions: tuple[Mapping[str, Any], ...]
    source: str | Mapping[str, Any]

    @property
    def data(self) -> Mapping[str, Any]:
        """The `projection_data` this was read from."""
        if isinstance(self.source, str):
            parsed: Mapping[str, Any] = json.loads(self.source)
            return parsed
        return self.source

    @classmethod
    def from_data(cls, data: Mapping[str, Any], source: str | None = None) -> Projection:
        """Read `projection_data` back (from the store's JSON or straight from a model);
        ``source``: the JSON text ``data`` was parsed from, kept instead of ``data``."""
        return cls(
            id=data["id"],
            title=data["title"],
            kind=data["kind"],
            organisation=data["organisation"],
            description=data["description"],
            municipalities=tuple(data["municipalities"]),
            date=_date(data["date"]),
            tags=tuple(data["tags"]),
            sdg=tuple(starmap(_new_sdg, data["sdg"])),
            rus=tuple(starmap(_new_rus, data["rus"])),
            actors=tuple(map(_actor, data["actors"])),
            checklists={
                cid: _tuple_new(ChecklistFacts, (frozenset(checked), frozenset(commented)))
                for cid, (checked, commented) in data["checklists"].items()
            },
            conflicts=tuple(map(_conflict, data["conflicts"])),
            measures=tuple(map(_measure, data["measures"])),
            interactions=tuple(data["interactions"]),
            source=data if source is None else source,
        )

    def interaction_models(self) -> list[Interaction]:
        return [Interaction.model_validate(i) for i in self.interactions]

    # Facts several portfolio views share (group gaps, actor-group gaps), worked out once per
    # projection: the views of one portfolio, and the app's reruns over its cached projections.
    @cached_property
    def present_groups(self) -> frozenset[str]:
        """The groups of the actors who take part."""
        return frozenset(g for actor in self.actors if actor.present for g in actor.groups)

    @cached_property
    def absent_groups(self) -> frozenset[str]:
        """The groups of the actors named but not present."""
        return frozenset(g for actor in self.actors if not actor.present for g in actor.groups)


def projection_data(model: Assessment, document: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The projection of a validated assessment as plain JSON data (what the store keeps).
    ``document``: ``model.to_document()`` when the caller has it already."""
    if document is None:
        document = model.to_document()
    return {
        "v": PROJECTION_VERSION,
        "id": model.id,
        "title": model.title,
        "kind": model.kind.value,
        "organisation": model.organisation,
        "description": model.description,
        "municipalities": list(model.municipalities),
        "date": model.date.isoformat() if model.date else None,
        "tags": list(model.tags),
        "sdg": [[r.goal, r.target, r.impact] for r in model.sdg if r.impact is not None],
        "rus": [[r.goal, r.impact] for r in model.rus if r.impact is not None],
        "actors": [[a.name, a.present, list(a.groups), a.influence] for a in model.actors],
        "checklists": {
            cid: [
                [item for item, a in answers.items() if a.checked],
                [item for item, a in answers.items() if not a.checked and a.comment.strip()],
            ]
            for cid, answers in model.checklists.items()
        },
        "conflicts": list(document.get("conflicts", [])),
        "measures": list(document.get("measures", [])),
        "interactions": list(document.get("interactions", [])),
    }


def is_current(data: Mapping[str, Any] | None) -> bool:
    """A stored projection written in this version's shape (None: not computed yet)."""
    return data is not None and data.get("v") == PROJECTION_VERSION


def project(model: Assessment) -> Projection:
    return Projection.from_data(projection_data(model))


# One shared object per distinct rating (the stored rows are [goal, target, impact] and
# [goal, impact], validated when written): 10,000 assessments rate ~135,000 goals but only a
# few hundred distinct (goal, impact) pairs exist, and each object saved is one less for every
# garbage collection to walk. Bounded, as the app runs for weeks; typed, so 1 and True differ.
_new_sdg = lru_cache(maxsize=8192, typed=True)(SdgImpact)
_new_rus = lru_cache(maxsize=8192, typed=True)(RusImpact)


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


# Built positionally with tuple.__new__ (in field order) and a bound ``get``: half the time of
# keyword construction, for ~55,000 conflicts and measures in 10,000 assessments (and ~30,000
# actors).
_tuple_new = tuple.__new__


def _actor(row: Sequence[Any]) -> ActorFacts:
    name, present, groups, influence = row
    return _tuple_new(ActorFacts, (name, present, tuple(groups), influence))


def _conflict(c: Mapping[str, Any]) -> ConflictFacts:
    get = c.get
    follow = get("follow_up") or {}
    fget = follow.get
    return _tuple_new(
        ConflictFacts,
        (
            c["id"],  # id
            tuple(get("between", ())),  # between
            get("description", ""),  # description
            get("type"),  # type
            get("origin"),  # origin
            get("stage"),  # stage
            get("method"),  # method
            get("decision", ""),  # decision
            get("position", ""),  # position
            _date(fget("due")),  # due
            fget("plan", ""),  # plan
            fget("outcome", ""),  # outcome
            fget("worked"),  # worked
            c,  # document
        ),
    )


def _measure(m: Mapping[str, Any]) -> MeasureFacts:
    get = m.get
    return _tuple_new(
        MeasureFacts,
        (
            m["id"],  # id
            get("text", ""),  # text
            get("owner", ""),  # owner
            _date(get("due")),  # due
            get("status", "planned"),  # status
            tuple(get("addresses", ())),  # addresses
            m,  # document
        ),
    )


_gc_lock = threading.Lock()
_gc_depth = 0
_gc_was_enabled = False


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while many small objects are built (a portfolio's
    projections, its views, the findings of a large target table): each full collection walks
    every object built so far, which was half the CPU time of loading 10,000 projections and a
    third of `findings()` on 169 rated targets. Reference counting still frees everything; the
    collector runs again afterwards.

    Thread-safe (the app's sessions run in threads): the collector is switched back on when the
    last overlapping section ends, and only if it was on when the first began. Each section
    restoring what it saw would leave it off for good when two overlap (A off, B sees off, A
    on, B off)."""
    global _gc_depth, _gc_was_enabled
    with _gc_lock:
        if _gc_depth == 0:
            _gc_was_enabled = gc.isenabled()
            gc.disable()
        _gc_depth += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_depth -= 1
            if _gc_depth == 0 and _gc_was_enabled:
                _promote_survivors()
                gc.enable()


# Net new tracked objects left by a section above which they go straight to the oldest
# generation: a young collection of a few thousand objects costs well under a millisecond, so
# small sections (one assessment's findings) leave the collector to do as it always does.
PROMOTE_AT = 20_000


def _promote_survivors() -> None:
    """Move the objects a long section built into the oldest generation without walking them.

    Paused, every object built stays in the youngest generation, so the first collection after
    the section walks all of them at once (a 10,000 portfolio: ~400,000 objects, a quarter of a
    second) and the next older one walks them again. They are built to be kept (the portfolio
    lives in the session cache), which is what surviving those walks would show; `gc.freeze` +
    `gc.unfreeze` moves them there directly. Cycles among them are not lost: every full
    collection still walks the oldest generation. Skipped when something else froze objects
    (its frozen set is not ours to give back)."""
    if gc.get_count()[0] >= PROMOTE_AT and gc.get_freeze_count() == 0:
        gc.freeze()
        gc.unfreeze()
