"""The portfolio as one combined assessment, so the interaction analysis can show where the
municipalities' measures together push and pull the goals."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Mapping
from itertools import chain
from typing import Any

import numpy as np
import pandas as pd

from assessment.domain.assessment import (
    Assessment,
    Conflict,
    Interaction,
    Kind,
    Measure,
    SdgRating,
)
from assessment.domain.refs import sort_key
from assessment.portfolio.goals import impact_heatmap
from assessment.portfolio.selection import Portfolio


def combined_impact(impacts: list[int]) -> int:
    """The portfolio's impact on one goal: the mean, but never rounded away to 0 when the set
    does lean one way (a weak common push is still a push)."""
    if not impacts:
        return 0
    mean = sum(impacts) / len(impacts)
    value = round(mean)
    if value == 0 and mean != 0:
        value = 1 if mean > 0 else -1
    return max(-3, min(3, value))


def push_pull(portfolio: Portfolio, heatmap: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per SDG goal: how many assessments push (+) and pull (−), the sums of each, the net, and
    the combined impact used for the combined graph. Pass the goal-level ``heatmap`` if it is
    already computed."""
    heat = impact_heatmap(portfolio) if heatmap is None or heatmap.index.name != "goal" else heatmap
    matrix = heat.to_numpy(dtype=float, na_value=np.nan)
    rows = []
    for i, goal in enumerate(heat.index):
        row = matrix[i]
        values = [int(v) for v in row[~np.isnan(row)]]
        rows.append(
            {
                "goal": int(goal),
                "assessed": len(values),
                "pushing": sum(1 for v in values if v > 0),
                "pulling": sum(1 for v in values if v < 0),
                "push_sum": sum(v for v in values if v > 0),
                "pull_sum": sum(v for v in values if v < 0),
                "net": sum(values),
                "combined_impact": combined_impact(values) if values else None,
            }
        )
    frame = pd.DataFrame(
        rows,
        columns=["goal", "assessed", "pushing", "pulling", "push_sum", "pull_sum", "net", "combined_impact"],
    )
    frame["combined_impact"] = frame["combined_impact"].astype("Int64")
    return frame.set_index("goal")


def combined_assessment(
    portfolio: Portfolio, title: str = "Portfölj", *, compact: bool = False
) -> Assessment:
    """One assessment standing for the whole portfolio.

    SDG goals and targets get the combined impact of every assessment that rated them; context
    interactions, conflicts and measures are kept, with ids prefixed by the item key
    (``berg/k1``) so two municipalities' ``k1`` stay apart and measures still point at their own
    conflicts.

    ``compact=True`` keeps only what the interaction analysis needs to tell handled from open
    issues: one conflict per set of goals and handled/not, and one measure per set of addressed
    items (conflict ids pointing at the conflict kept in their place). The findings are the
    same; a thousand assessments then analyse nearly as fast as a few.
    """
    goal_values: dict[int, list[int]] = defaultdict(list)
    target_values: dict[str, list[int]] = defaultdict(list)
    interactions: dict[tuple[str, str], Mapping[str, Any]] = {}
    conflicts: list[Conflict] = []
    measures: list[Measure] = []
    municipalities: dict[str, None] = {}
    dates: list[dt.date] = []
    canonical: dict[tuple[frozenset[str], bool], str] = {}
    measure_keys: set[frozenset[str]] = set()
    # Each distinct rating once, with how often it was given (the mean needs no more): 135,000
    # ratings of a 10,000 portfolio are a few hundred distinct ones (shared objects, see
    # `assessment.domain.projection`).
    for r, n in Counter(chain.from_iterable(item.projection.sdg for item in portfolio)).items():
        if r.goal is not None:
            goal_values[r.goal].extend([r.impact] * n)
        elif r.target is not None:
            target_values[r.target].extend([r.impact] * n)
    for item in portfolio:
        a = item.projection
        municipalities.update(dict.fromkeys(a.municipalities))
        if a.date:
            dates.append(a.date)
        for i in a.interactions:
            # The first workshop to score a pair wins; later ones rarely disagree and a mean of
            # context scores would be a score nobody gave.
            interactions.setdefault((i["from"], i["to"]), i)
        # Local conflict id -> id in the combined assessment (in compact mode, the id of the
        # first conflict between the same goals with the same handled/not state).
        renamed: dict[str, str] = {}
        for c in a.conflicts:
            new_id = f"{item.key}/{c.id}"
            if compact:
                kept = canonical.setdefault((frozenset(c.between), c.handled), new_id)
                renamed[c.id] = kept
                if kept != new_id:
                    continue
            else:
                renamed[c.id] = new_id
            # Models only for what is kept: compact mode keeps a few hundred of 20,000.
            conflicts.append(c.model().model_copy(update={"id": new_id}))
        for m in a.measures:
            addresses = [renamed.get(x, x) for x in m.addresses]
            if compact:
                key = frozenset(addresses)
                if key in measure_keys:
                    continue
                measure_keys.add(key)
            measures.append(m.model().model_copy(update={"id": f"{item.key}/{m.id}", "addresses": addresses}))
    sdg = [SdgRating(goal=g, impact=combined_impact(v)) for g, v in sorted(goal_values.items())] + [
        SdgRating(target=t, impact=combined_impact(target_values[t]))
        for t in sorted(target_values, key=sort_key)
    ]
    return Assessment(
        id="portfolio",
        title=title,
        kind=Kind.other,
        municipalities=list(municipalities),
        date=max(dates) if dates else None,
        sdg=sdg,
        interactions=[Interaction.model_validate(i) for i in interactions.values()],
        conflicts=conflicts,
        measures=measures,
    )


FINDING_COLUMNS = ["kind", "from", "to", "via", "score", "severity", "explanation", "source"]
FINDING_KINDS = (
    "direct_conflicts",
    "mixed_effects",
    "latent_conflicts",
    "second_order_risks",
    "synergies",
    "unaddressed",
)


def combined_findings(portfolio: Portfolio, lang: str = "sv") -> pd.DataFrame:
    """The interaction analysis of the combined portfolio, one row per finding: the direct and
    latent conflicts, second-order risks and synergies of the municipalities' measures taken
    together, and what none of them addresses."""
    from assessment.analysis import findings

    result = findings(combined_assessment(portfolio, compact=True), lang)
    rows = []
    for kind in FINDING_KINDS:
        for finding in getattr(result, kind):
            data = finding.to_dict()
            rows.append({column: data.get(column) for column in FINDING_COLUMNS})
    return pd.DataFrame(rows, columns=FINDING_COLUMNS)
