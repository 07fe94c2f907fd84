"""Goal-level views: the goals × assessments impact heatmap and RUS-goal coverage."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from assessment.domain.projection import Projection
from assessment.domain.refs import parse_ref, sort_key
from assessment.portfolio.selection import Portfolio

SDG_GOALS = tuple(range(1, 18))


@lru_cache(maxsize=4096)
def goal_of_ref(ref: str) -> str | None:
    """The goal a reference points at: ``"7.2"`` -> ``"sdg:7"``, ``"rus:x"`` -> ``"rus:x"``.

    Actors and item ids are not goals and give None.
    """
    parsed = parse_ref(ref)
    if parsed.kind == "sdg":
        return str(parsed)
    if parsed.kind == "target":
        return f"sdg:{int(parsed.code.split('.')[0])}"
    if parsed.kind in ("rus", "other"):
        return str(parsed)
    return None


def goal_impacts(assessment: Projection) -> dict[int, int]:
    """One impact per SDG goal: the goal's own rating, else its strongest target rating.

    When targets pull both ways with equal strength the negative one is kept, so a conflict is
    never hidden by averaging.
    """
    own: dict[int, int] = {}
    from_targets: dict[int, int] = {}
    for rating in assessment.sdg:
        goal = rating.goal_number
        if rating.goal is not None:
            own[goal] = rating.impact
            continue
        current = from_targets.get(goal)
        if current is None or (abs(rating.impact), -rating.impact) > (abs(current), -current):
            from_targets[goal] = rating.impact
    return {**from_targets, **own}


def impact_heatmap(
    portfolio: Portfolio, level: str = "goal", goals: Sequence[int] | None = None
) -> pd.DataFrame:
    """Rows: SDG goals 1–17 (``level="goal"``) or every assessed target (``level="target"``);
    columns: the portfolio's item keys; cells: impact −3..+3 as floats, NaN where not assessed.

    Floats, not a nullable integer type: one float block stays fast at a thousand columns, while
    a nullable column per assessment made the view 20 times slower. `as_int` converts for display.

    ``goals`` limits the rows (target level: targets of those goals).
    """
    keep = set(goals) if goals else set(SDG_GOALS)
    columns: list[dict[Any, int]] = []
    index: list[Any]
    if level == "target":
        rows: set[str] = set()
        for item in portfolio:
            column = {
                r.target: r.impact
                for r in item.projection.sdg
                if r.target is not None and r.goal_number in keep
            }
            rows.update(column)
            columns.append(column)
        index = sorted(rows, key=sort_key)
        name = "target"
    else:
        index = [g for g in SDG_GOALS if g in keep]
        columns = [goal_impacts(item.projection) for item in portfolio]
        name = "goal"
    # One 2-D array, converted once: a column-by-column nullable frame was 20x slower at 1,000.
    position = {row: i for i, row in enumerate(index)}
    values = np.full((len(index), len(columns)), np.nan)
    for j, column in enumerate(columns):
        for row, impact in column.items():
            i = position.get(row)
            if i is not None:
                values[i, j] = impact
    return pd.DataFrame(values, index=pd.Index(index, name=name), columns=portfolio.keys())


def as_int(frame: pd.DataFrame) -> pd.DataFrame:
    """The heatmap with nullable integers (for exports and tables people read)."""
    return frame.astype("Int64")


def heatmap_summary(heatmap: pd.DataFrame) -> pd.DataFrame:
    """Per row: how many assessments push (>0), pull (<0), are neutral (0), and the net sum."""
    return pd.DataFrame(
        {
            "positive": (heatmap > 0).sum(axis=1).astype(int),
            "negative": (heatmap < 0).sum(axis=1).astype(int),
            "neutral": (heatmap == 0).sum(axis=1).astype(int),
            "net": heatmap.sum(axis=1, skipna=True).astype(int),
        },
        index=heatmap.index,
    )


def rus_coverage(portfolio: Portfolio, goal_ids: Sequence[str] | None = None) -> pd.DataFrame:
    """Per RUS goal: how many assessments rated it, positive/negative/neutral, mean impact, and
    the share of the portfolio that covered it.

    ``goal_ids`` is the RUS goal list in display order (the model's current goals by default);
    ids used in the assessments but missing from the list are appended so nothing is dropped.
    """
    if goal_ids is None:
        goal_ids = default_rus_goal_ids()
    order = list(dict.fromkeys(goal_ids))
    counts: dict[str, list[int]] = {g: [] for g in order}
    for item in portfolio:
        seen: dict[str, int] = {}
        for rating in item.projection.rus:
            seen[rating.goal] = rating.impact
        for goal, impact in seen.items():
            counts.setdefault(goal, []).append(impact)
    total = len(portfolio)
    rows = []
    for goal, impacts in counts.items():
        rated = len(impacts)
        rows.append(
            {
                "rus_goal": goal,
                "rated": rated,
                "positive": sum(1 for v in impacts if v > 0),
                "negative": sum(1 for v in impacts if v < 0),
                "neutral": sum(1 for v in impacts if v == 0),
                "mean_impact": round(sum(impacts) / rated, 2) if rated else None,
                "coverage": round(rated / total, 3) if total else 0.0,
            }
        )
    frame = pd.DataFrame(
        rows,
        columns=["rus_goal", "rated", "positive", "negative", "neutral", "mean_impact", "coverage"],
    )
    frame["mean_impact"] = frame["mean_impact"].astype("Float64")
    return frame.set_index("rus_goal")


def default_rus_goal_ids() -> list[str]:
    """The current RUS goals of the region's model, in model order."""
    from assessment.process_models import rus_model

    return [g.id for g in rus_model().current_goals()]
