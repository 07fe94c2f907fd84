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

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from assessment.screening.fields import DIMENSIONS, Dimension
from assessment.screening.screen import ScreeningResult

if TYPE_CHECKING:
    import pandas as pd

GOAL_DIMENSION: dict[int, Dimension] = {
    **{g: "ecological" for g in (6, 13, 14, 15)},
    **{g: "social" for g in (1, 2, 3, 4, 5, 7, 11, 16)},
    **{g: "economic" for g in (8, 9, 10, 12)},
}
DIMENSION_SOURCE = "Rockström & Sukhdev 2016, Stockholm Resilience Centre (SDG 'wedding cake')"
SHARES = ("described", "claimed_positive", "claimed_negative")


@dataclass(frozen=True)
class GoalRow:
    goal: int
    dimension: str  # a `Dimension`, or "-" for goal 17
    applications: int
    positive: int
    negative: int
    mean_impact: float


@dataclass(frozen=True)
class Portfolio:
    """Tables for the app, the output file and the PDF; shares are fractions 0..1.

    The figures the output file needs are plain data (``shares``, ``goal_rows``); the tables the
    app and the PDF show are pandas frames built on first use, so the ``screen`` command never
    imports pandas (0.6 s of CPU, a tenth of a 10,000-row run)."""

    count: int
    flagged: int
    shares: Mapping[str, Mapping[str, float]]  # dimension -> described, claimed_positive, claimed_negative
    goal_rows: tuple[GoalRow, ...]  # goals 1..17
    flag_totals: Mapping[str, int]  # flag code -> number of applications with it (first-seen order)
    results: Sequence[ScreeningResult] = field(default=(), repr=False, compare=False)

    @property
    def flagged_share(self) -> float:
        return self.flagged / self.count if self.count else 0.0

    def dimension_shares(self) -> dict[str, dict[str, float]]:
        """``{"social": {"described": 0.9, "claimed_positive": 0.6, ...}, ...}``."""
        return {dim: dict(values) for dim, values in self.shares.items()}

    def weakest_dimensions(self) -> list[Dimension]:
        """Dimensions from least to most integrated: by share described, then share claimed."""
        if not self.count:
            return []
        shares = self.dimension_shares()
        return sorted(DIMENSIONS, key=lambda d: (shares[d]["described"], shares[d]["claimed_positive"]))

    @cached_property
    def dimensions(self) -> pd.DataFrame:
        """index: dimension; columns described, claimed_positive, claimed_negative."""
        import pandas as pd

        return pd.DataFrame(
            {key: [float(self.shares[d][key]) for d in DIMENSIONS] for key in SHARES}, index=list(DIMENSIONS)
        )

    @cached_property
    def goals(self) -> pd.DataFrame:
        """index: goal 1..17; dimension, applications, positive, negative, mean_impact."""
        import pandas as pd

        return pd.DataFrame([vars(row) for row in self.goal_rows]).set_index("goal")

    @cached_property
    def by_municipality(self) -> pd.DataFrame:
        return _group(self._frame, "municipality")

    @cached_property
    def by_support_type(self) -> pd.DataFrame:
        return _group(self._frame, "support_type")

    @cached_property
    def flag_counts(self) -> pd.Series:
        """flag code -> number of applications with it, most frequent first."""
        import pandas as pd

        return pd.Series(dict(self.flag_totals), dtype=int).sort_values(ascending=False)

    @cached_property
    def _frame(self) -> pd.DataFrame:
        import pandas as pd

        return _rows(self.results) if self.results else pd.DataFrame()


def _claimed(result: ScreeningResult) -> tuple[set[str], set[str]]:
    """The dimensions the application claims a positive and a negative impact in."""
    dims_pos: set[str] = set()
    dims_neg: set[str] = set()
    for claim in result.application.claims:
        dim = GOAL_DIMENSION.get(claim.goal)
        if dim is not None and claim.impact:
            (dims_pos if claim.impact > 0 else dims_neg).add(dim)
    return dims_pos, dims_neg


def _rows(results: Sequence[ScreeningResult]) -> pd.DataFrame:
    """One row per application, built column-wise (cheaper than a dict per row)."""
    import pandas as pd

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
        dims_pos, dims_neg = _claimed(r)
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
    if frame.empty:
        return frame
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
    goal_rows = tuple(
        GoalRow(
            goal=goal,
            dimension=GOAL_DIMENSION.get(goal, "-"),
            applications=len(impacts),
            positive=sum(1 for i in impacts if i > 0),
            negative=sum(1 for i in impacts if i < 0),
            mean_impact=sum(impacts) / len(impacts) if impacts else 0.0,
        )
        for goal, impacts in per_goal.items()
    )
    tallies = {f"{key}_{d}": 0 for key in SHARES for d in DIMENSIONS}
    flagged = 0
    for r in results:
        flagged += bool(r.flags)
        dims_pos, dims_neg = _claimed(r)
        for dim in DIMENSIONS:
            tallies[f"described_{dim}"] += dim in r.dimensions_described
            tallies[f"claimed_positive_{dim}"] += dim in dims_pos
            tallies[f"claimed_negative_{dim}"] += dim in dims_neg
    shares: dict[str, dict[str, float]] = {
        dim: {key: tallies[f"{key}_{dim}"] / count if count else 0.0 for key in SHARES} for dim in DIMENSIONS
    }
    return Portfolio(count, flagged, shares, goal_rows, flag_counts, tuple(results))
