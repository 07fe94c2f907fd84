"""Measures across the portfolio: who owns what, when it is due, and what is overdue."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from assessment.portfolio.order import sort_order
from assessment.portfolio.selection import Portfolio

MEASURE_COLUMNS = [
    "assessment",
    "municipalities",
    "id",
    "text",
    "owner",
    "due",
    "status",
    "addresses",
    "overdue",
    "days_left",
]


def measures_table(portfolio: Portfolio, today: dt.date) -> pd.DataFrame:
    """Every measure, ordered by due date (undated last). ``overdue`` = due before ``today`` and
    not done; ``today`` is a parameter so the view is reproducible and testable."""
    # Tuples in column order, not dicts: 35,000 measures in a 10,000-assessment portfolio.
    rows = []
    for item in portfolio:
        key, places = item.key, item.municipality_text
        for m in item.projection.measures:
            days = (m.due - today).days if m.due is not None else None
            overdue = days is not None and days < 0 and m.status != "done"
            rows.append(
                (
                    key,
                    places,
                    m.id,
                    m.text,
                    m.owner.strip(),
                    m.due,
                    m.status,
                    ", ".join(m.addresses),
                    overdue,
                    days,
                )
            )
    # Due date (undated last), then assessment and measure id.
    order = sort_order([r[5] for r in rows], [r[0] for r in rows], [r[2] for r in rows])
    frame = pd.DataFrame([rows[j] for j in order], columns=MEASURE_COLUMNS)
    frame["days_left"] = frame["days_left"].astype("Int64")
    frame["overdue"] = frame["overdue"].astype(bool)
    return frame


def measures_by_owner(
    portfolio: Portfolio, today: dt.date, table: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Per owner (blank owner = "" so unowned measures stay visible): counts by status, overdue,
    and the next open due date. ``table``: `measures_table` of the same portfolio and day, if
    already built."""
    if table is None:
        table = measures_table(portfolio, today)
    # One pass over the table's columns (as lists: iterating the frame's string columns goes
    # through pyarrow one value at a time), owners in the order they first appear, as
    # ``groupby(sort=False)`` gave them.
    tallies: dict[str, _OwnerTally] = {}
    for owner, key, due, status, overdue in zip(
        table["owner"].tolist(),
        table["assessment"].tolist(),
        table["due"].tolist(),
        table["status"].tolist(),
        table["overdue"].tolist(),
        strict=True,
    ):
        tally = tallies.get(owner)
        if tally is None:
            tally = tallies[owner] = _OwnerTally()
        tally.measures += 1
        if status == "planned":
            tally.planned += 1
        elif status == "in_progress":
            tally.in_progress += 1
        elif status == "done":
            tally.done += 1
        if overdue:
            tally.overdue += 1
        if due is not None and status != "done" and (tally.next_due is None or due < tally.next_due):
            tally.next_due = due
        tally.assessments.add(key)
    rows: list[dict[str, object]] = [
        {
            "owner": owner,
            "measures": t.measures,
            "planned": t.planned,
            "in_progress": t.in_progress,
            "done": t.done,
            "overdue": t.overdue,
            "next_due": t.next_due,
            "assessments": len(t.assessments),
        }
        for owner, t in tallies.items()
    ]
    rows.sort(key=_owner_order)
    return pd.DataFrame(
        rows,
        columns=["owner", "measures", "planned", "in_progress", "done", "overdue", "next_due", "assessments"],
    )


@dataclass
class _OwnerTally:
    measures: int = 0
    planned: int = 0
    in_progress: int = 0
    done: int = 0
    overdue: int = 0
    next_due: dt.date | None = None
    assessments: set[str] = field(default_factory=set)


def _owner_order(row: dict[str, object]) -> tuple[int, int, str]:
    # Owners with overdue measures first, then the busiest.
    overdue, count = row["overdue"], row["measures"]
    assert isinstance(overdue, int) and isinstance(count, int)
    return (-overdue, -count, str(row["owner"]).casefold())
