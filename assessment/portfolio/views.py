"""All portfolio views at once, and the headline figures the app, the CLI and the PDF share."""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from assessment.domain.projection import gc_paused
from assessment.portfolio.combined import combined_findings, push_pull
from assessment.portfolio.gaps import absent_actors, actor_group_gaps, group_gaps
from assessment.portfolio.goals import as_int, impact_heatmap, rus_coverage
from assessment.portfolio.measures import measures_by_owner, measures_table
from assessment.portfolio.register import (
    RegisterEntry,
    conflict_register,
    conflicts_by_goal_pair,
    conflicts_by_type,
    follow_up_list,
    register_frame,
)
from assessment.portfolio.selection import Portfolio

# Order in which views appear in exports, the PDF and the CLI.
VIEW_NAMES = (
    "assessments",
    "heatmap",
    "push_pull",
    "combined_findings",
    "rus_coverage",
    "conflicts_by_type",
    "conflicts_by_goal_pair",
    "measures",
    "measures_by_owner",
    "follow_up",
    "group_gaps",
    "actor_group_gaps",
    "absent_actors",
    "register",
)


@dataclass(frozen=True)
class PortfolioViews:
    today: dt.date
    register_entries: tuple[RegisterEntry, ...]
    frames: Mapping[str, pd.DataFrame]

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.frames[name]

    def table(self, name: str) -> pd.DataFrame:
        """The view as people read it (the float heatmap with whole numbers)."""
        frame = self.frames[name]
        return as_int(frame) if name == "heatmap" else frame


ASSESSMENT_COLUMNS = [
    "assessment",
    "title",
    "kind",
    "municipalities",
    "date",
    "tags",
    "conflicts",
    "measures",
]


def assessments_frame(portfolio: Portfolio) -> pd.DataFrame:
    rows = [
        (
            i.key,
            i.title,
            i.projection.kind,
            i.municipality_text,
            i.projection.date,
            ", ".join(i.projection.tags),
            len(i.projection.conflicts),
            len(i.projection.measures),
        )
        for i in portfolio
    ]
    return pd.DataFrame(rows, columns=ASSESSMENT_COLUMNS)


def compute(
    portfolio: Portfolio,
    today: dt.date,
    *,
    level: str = "goal",
    horizon_days: int = 30,
    rus_goal_ids: list[str] | None = None,
    checklists: Mapping[str, list[str]] | None = None,
    lang: str = "sv",
) -> PortfolioViews:
    """Every view of the portfolio. ``lang`` is the language of the interaction findings'
    explanations (the only view with prose)."""
    with gc_paused():  # 10,000 assessments: 20,000 register entries, frames (see `gc_paused`)
        return _compute(portfolio, today, level, horizon_days, rus_goal_ids, checklists, lang)


def _compute(
    portfolio: Portfolio,
    today: dt.date,
    level: str,
    horizon_days: int,
    rus_goal_ids: list[str] | None,
    checklists: Mapping[str, list[str]] | None,
    lang: str,
) -> PortfolioViews:
    entries = tuple(conflict_register(portfolio))
    heatmap = impact_heatmap(portfolio, level)
    measures = measures_table(portfolio, today)
    frames = {
        "assessments": assessments_frame(portfolio),
        "heatmap": heatmap,
        "push_pull": push_pull(portfolio, heatmap),
        "combined_findings": combined_findings(portfolio, lang),
        "rus_coverage": rus_coverage(portfolio, rus_goal_ids),
        "conflicts_by_type": conflicts_by_type(entries),
        "conflicts_by_goal_pair": conflicts_by_goal_pair(entries),
        "measures": measures,
        "measures_by_owner": measures_by_owner(portfolio, today, measures),
        "follow_up": follow_up_list(portfolio, today, horizon_days),
        "group_gaps": group_gaps(portfolio, checklists),
        "actor_group_gaps": actor_group_gaps(
            portfolio, None if checklists is None else checklists.get("missing_actors", [])
        ),
        "absent_actors": absent_actors(portfolio),
        "register": register_frame(entries),
    }
    return PortfolioViews(today, entries, frames)


def figures(views: PortfolioViews) -> dict[str, int]:
    """The headline numbers shown at the top of the app page and printed by the CLI."""
    measures = views["measures"]
    follow = views["follow_up"]
    gaps = views["group_gaps"]
    coverage = views["rus_coverage"]
    return {
        "assessments": len(views["assessments"]),
        "conflicts": len(views.register_entries),
        "conflicts_handled": sum(1 for e in views.register_entries if e.conflict.handled),
        "conflicts_with_outcome": sum(1 for e in views.register_entries if e.conflict.worked),
        "measures": len(measures),
        "measures_overdue": int(measures["overdue"].sum()),
        "follow_ups_due": len(follow),
        "follow_ups_overdue": int(follow["overdue"].sum()) if len(follow) else 0,
        "goals_pushed": int((views["push_pull"]["pushing"] > 0).sum()),
        "goals_pulled": int((views["push_pull"]["pulling"] > 0).sum()),
        "combined_direct_conflicts": _count(views["combined_findings"], "direct_conflict"),
        "combined_latent_conflicts": _count(views["combined_findings"], "latent_conflict"),
        "combined_unaddressed": _count(views["combined_findings"], "unaddressed"),
        "rus_goals_covered": int((coverage["rated"] > 0).sum()),
        "rus_goals": len(coverage),
        "groups_missing_everywhere": int(gaps["missing_everywhere"].sum()),
        "actor_groups_flagged_missing": int((views["actor_group_gaps"]["missing_in"] > 0).sum()),
        "actors_absent": len(views["absent_actors"]),
    }


def _count(frame: pd.DataFrame, kind: str) -> int:
    return int((frame["kind"] == kind).sum())


def _plain(value: object) -> object:
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if hasattr(value, "item"):
        return _plain(value.item())
    return value


def frame_records(frame: pd.DataFrame) -> list[dict[str, object]]:
    """JSON-ready rows; the index (if named) becomes the first field."""
    data = frame.reset_index() if frame.index.name is not None else frame
    return [
        {str(k): _plain(v) for k, v in zip(data.columns, row, strict=True)}
        for row in data.itertuples(index=False, name=None)
    ]


def to_json_data(views: PortfolioViews) -> dict[str, object]:
    return {
        "today": views.today.isoformat(),
        "figures": figures(views),
        "views": {name: frame_records(views.table(name)) for name in VIEW_NAMES},
    }


def to_json(views: PortfolioViews) -> str:
    return json.dumps(to_json_data(views), ensure_ascii=False, indent=2)
