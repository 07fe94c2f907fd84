"""Who is missing across the whole set: groups nobody considered, actor groups flagged as missing,
and named actors who were not present.

The RUS model's checklists mean two different things: in ``intersectional`` and ``sami_areas`` a
tick says "this group/area is affected and was considered"; in ``missing_actors`` a tick says
"this group is concerned but *not here*". The views keep the two apart.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import chain

import pandas as pd

from assessment.domain.projection import Projection
from assessment.portfolio.selection import Portfolio

MISSING_ACTORS = "missing_actors"

GROUP_GAP_COLUMNS = [
    "checklist",
    "item",
    "considered_in",
    "not_considered_in",
    "coverage",
    "missing_everywhere",
]
ACTOR_GAP_COLUMNS = ["item", "missing_in", "present_in", "assessments"]


def considered_items(assessment: Projection, checklist: str) -> frozenset[str]:
    """Items of a checklist the assessment took into account: ticked, answered with a comment
    (e.g. "not affected, because …"), or the group of an actor who takes part."""
    answers = assessment.checklists.get(checklist)
    if answers is None:
        return assessment.present_groups
    return assessment.present_groups | answers.checked | answers.commented


def group_gaps(portfolio: Portfolio, checklists: Mapping[str, Sequence[str]] | None = None) -> pd.DataFrame:
    """Per item of the group checklists (all but ``missing_actors``): in how many assessments it
    was considered; ``missing_everywhere`` marks the blind spots of the whole set.

    ``checklists`` maps checklist id to its item ids in order (the RUS model's by default).
    """
    if checklists is None:
        checklists = default_checklists()
    total = len(portfolio)
    rows = []
    for checklist, items in checklists.items():
        if checklist == MISSING_ACTORS:
            continue
        # Each assessment's considered items counted once (a set), for every item at once.
        considered = Counter(
            chain.from_iterable(considered_items(i.projection, checklist) for i in portfolio)
        )
        for item_id in items:
            n = considered[item_id]
            rows.append(
                {
                    "checklist": checklist,
                    "item": item_id,
                    "considered_in": n,
                    "not_considered_in": total - n,
                    "coverage": round(n / total, 3) if total else 0.0,
                    "missing_everywhere": n == 0,
                }
            )
    return pd.DataFrame(rows, columns=GROUP_GAP_COLUMNS)


def actor_group_gaps(portfolio: Portfolio, items: Sequence[str] | None = None) -> pd.DataFrame:
    """Per actor group of the "who is missing?" checklist: in how many assessments it is missing
    and in how many an actor of that group took part.

    A group is missing where the checklist ticks it, or where an actor of the group was named but
    not present and no present actor speaks for it. The tick wins over a present actor: the group
    knows best that, say, one retailer at the table does not speak for the destination company.
    """
    if items is None:
        items = default_checklists().get(MISSING_ACTORS, [])
    # One pass over the assessments (not one per item): per group, where it is missing (in
    # portfolio order) and in how many assessments it took part.
    missing_in: dict[str, list[str]] = {}
    present = Counter[str]()
    for entry in portfolio:
        a = entry.projection
        here = a.present_groups
        present.update(here)
        for group in _ticked(a, MISSING_ACTORS) | (a.absent_groups - here):
            missing_in.setdefault(group, []).append(entry.key)
    rows = []
    for item_id in items:
        missing = missing_in.get(item_id, [])
        rows.append(
            {
                "item": item_id,
                "missing_in": len(missing),
                "present_in": present[item_id],
                "assessments": ", ".join(missing),
            }
        )
    rows.sort(key=lambda r: -int(str(r["missing_in"])))
    return pd.DataFrame(rows, columns=ACTOR_GAP_COLUMNS)


def _ticked(assessment: Projection, checklist: str) -> frozenset[str]:
    answers = assessment.checklists.get(checklist)
    return answers.checked if answers is not None else frozenset()


@dataclass
class _ActorTally:
    actor: str
    absent_in: int = 0
    present_in: int = 0
    max_influence: int = 0
    assessments: list[str] = field(default_factory=list)


def absent_actors(portfolio: Portfolio) -> pd.DataFrame:
    """Named actors who were not present ("who is not here who should be?"), across the set.

    Names are compared without case so "Länsstyrelsen" and "länsstyrelsen" are one actor.
    """
    stats: dict[str, _ActorTally] = {}
    keys: dict[str, str] = {}  # name as written -> compared form (names repeat across a set)
    for item in portfolio:
        for actor in item.projection.actors:
            key = keys.get(actor.name)
            if key is None:
                key = keys[actor.name] = " ".join(actor.name.split()).casefold()
            tally = stats.get(key)
            if tally is None:
                tally = stats[key] = _ActorTally(actor.name)
            tally.max_influence = max(tally.max_influence, actor.influence)
            if actor.present:
                tally.present_in += 1
            else:
                tally.absent_in += 1
                tally.assessments.append(item.key)
    tallies = sorted(
        (t for t in stats.values() if t.absent_in),
        key=lambda t: (-t.absent_in, -t.max_influence, t.actor.casefold()),
    )
    rows = [
        {
            "actor": t.actor,
            "absent_in": t.absent_in,
            "present_in": t.present_in,
            "max_influence": t.max_influence,
            "assessments": ", ".join(t.assessments),
        }
        for t in tallies
    ]
    return pd.DataFrame(rows, columns=["actor", "absent_in", "present_in", "max_influence", "assessments"])


def default_checklists() -> dict[str, list[str]]:
    from assessment.process_models import rus_model

    return {cid: [i.id for i in cl.items] for cid, cl in rus_model().checklists.items()}
