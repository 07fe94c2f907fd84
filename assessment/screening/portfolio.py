"""Portfolio view of a screened set: balance across the three dimensions and the 17 goals, by
municipality and support type, and the share of applications with flags.

Goals are grouped into dimensions by the "wedding cake" of Rockström & Sukhdev (Stockholm
Resilience Centre, 2016): biosphere (ecological) 6, 13, 14, 15; society (social) 1, 2, 3, 4, 5, 7,
11, 16; economy (economic) 8, 9, 10, 12; goal 17 (partnerships) binds the layers and belongs to
none. The WSP finding that business support integrated social goals better than ecological and
economic ones (004 part 3 §5.1) shows up here as a higher "described" and "claimed" share for the
social dimension.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from assessment.screening.fields import DIMENSIONS, Dimension
from assessment.screening.screen import ScreeningResult

GOAL_DIMENSION: dict[int, Dimension] = {
    **{g: "ecological" for g in (6, 13, 14, 15)},
    **{g: "social" for g in (1, 2, 3, 4, 5, 7, 11, 16)},
    **{g: "economic" for g in (8, 9, 10, 12)},
}
DIMENSION_SOURCE = "Rockström & Sukhdev 2016, Stockholm Resilience Centre (SDG 'wedding cake')"


@dataclass(frozen=True)
class Portfolio:
    """Tables for the app, the output file and the PDF; shares are fractions 0..1."""

    count: int
    flagged: int
    dimensions: pd.DataFrame  # index: dimension; described, claimed_positive, claimed_negative
    goals: pd.DataFrame  # index: goal 1..17; positive, negative, applications, mean_impact
    by_municipality: pd.DataFrame
    by_support_type: pd.DataFrame
    flag_counts: pd.Series  # flag code -> number of applications with it

    @property
    def flagged_share(self) -> float:
        return self.flagged / self.count if self.count else 0.0

    def dimension_shares(self) -> dict[str, dict[str, float]]:
        """``{"social": {"described": 0.9, "claimed_positive": 0.6, ...}, ...}``."""
        return {
            str(dim): {str(k): float(v) for k, v in row.items()}
            for dim, row in self.dimensions.to_dict(orient="index").items()
        }

    def weakest_dimensions(self) -> list[Dimension]:
        """Dimensions from least to most integrated: by share described, then share claimed."""
        if not self.count:
            return []
        shares = self.dimension_shares()
        return sorted(DIMENSIONS, key=lambda d: (shares[d]["described"], shares[d]["claimed_positive"]))


def _rows(results: Sequence[ScreeningResult]) -> pd.DataFrame:
    """One row per application, built column-wise (cheaper than a dict per row)."""
    columns: dict[str, list[object]] = {
        "municipality": [],
        "support_type": [],
        "amount": [],
        "flagged": [],
        "completeness": [],
        **{f"{kind}_{d}": [] for kind in ("described", "positive", "negative") for d in DIMENSIONS},
    }
    for r in results:
        app = r.application
        dims_pos: set[str] = set()
        dims_neg: set[str] = set()
        for claim in app.claims:
            dim = GOAL_DIMENSION.get(claim.goal)
            if dim is not None and claim.impact:
                (dims_pos if claim.impact > 0 else dims_neg).add(dim)
        columns["municipality"].append(app.municipality)
        columns["support_type"].append(app.support_type)
        columns["amount"].append(app.amount)
        columns["flagged"].append(bool(r.flags))
        columns["completeness"].append(r.completeness)
        for dim in DIMENSIONS:
            columns[f"described_{dim}"].append(dim in r.dimensions_described)
            columns[f"positive_{dim}"].append(dim in dims_pos)
            columns[f"negative_{dim}"].append(dim in dims_neg)
    return pd.DataFrame(columns)


def _group(frame: pd.DataFrame, key: str) -> pd.DataFrame:
    columns = {
        "applications": ("flagged", "size"),
        "amount": ("amount", "sum"),
        "flagged_share": ("flagged", "mean"),
        "completeness": ("completeness", "mean"),
        **{f"described_{d}": (f"described_{d}", "mean") for d in DIMENSIONS},
    }
    return frame.groupby(key, sort=True).agg(**columns)


def build_portfolio(results: Sequence[ScreeningResult]) -> Portfolio:
    count = len(results)
    flag_counts: dict[str, int] = {}
    for r in results:
        for code in {f.code for f in r.flags}:
            flag_counts[code] = flag_counts.get(code, 0) + 1
    per_goal: dict[int, list[int]] = {g: [] for g in range(1, 18)}
    for r in results:
        for c in r.application.claims:
            per_goal[c.goal].append(c.impact)
    goal_rows = []
    for goal, impacts in per_goal.items():
        goal_rows.append(
            {
                "goal": goal,
                "dimension": GOAL_DIMENSION.get(goal, "-"),
                "applications": len(impacts),
                "positive": sum(1 for i in impacts if i > 0),
                "negative": sum(1 for i in impacts if i < 0),
                "mean_impact": sum(impacts) / len(impacts) if impacts else 0.0,
            }
        )
    goals = pd.DataFrame(goal_rows).set_index("goal")
    if count == 0:
        empty = pd.DataFrame()
        dims = pd.DataFrame(
            0.0, index=list(DIMENSIONS), columns=["described", "claimed_positive", "claimed_negative"]
        )
        return Portfolio(0, 0, dims, goals, empty, empty, pd.Series(flag_counts, dtype=int))
    frame = _rows(results)
    dims = pd.DataFrame(
        {
            "described": [frame[f"described_{d}"].mean() for d in DIMENSIONS],
            "claimed_positive": [frame[f"positive_{d}"].mean() for d in DIMENSIONS],
            "claimed_negative": [frame[f"negative_{d}"].mean() for d in DIMENSIONS],
        },
        index=list(DIMENSIONS),
    )
    return Portfolio(
        count=count,
        flagged=int(frame["flagged"].sum()),
        dimensions=dims,
        goals=goals,
        by_municipality=_group(frame, "municipality"),
        by_support_type=_group(frame, "support_type"),
        flag_counts=pd.Series(flag_counts, dtype=int).sort_values(ascending=False),
    )
