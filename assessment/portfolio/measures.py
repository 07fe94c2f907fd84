"""Measures across the portfolio: who owns what, when it is due, and what is overdue."""

from __future__ import annotations

import datetime as dt

import pandas as pd

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
    rows = []
    for item in portfolio:
        for m in item.projection.measures:
            days = (m.due - today).days if m.due is not None else None
            rows.append(
                {
                    "assessment": item.key,
                    "municipalities": item.municipality_text,
                    "id": m.id,
                    "text": m.text,
                    "owner": m.owner.strip(),
                    "due": m.due,
                    "status": m.status,
                    "addresses": ", ".join(m.addresses),
                    "overdue": days is not None and days < 0 and m.status != "done",
                    "days_left": days,
                }
            )
    rows.sort(key=lambda r: (r["due"] is None, r["due"] or dt.date.min, r["assessment"], r["id"]))
    frame = pd.DataFrame(rows, columns=MEASURE_COLUMNS)
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
    rows = []
    for owner, group in table.groupby("owner", sort=False):
        open_due = [
            d for d, s in zip(group["due"], group["status"], strict=True) if d is not None and s != "done"
        ]
        rows.append(
            {
                "owner": owner,
                "measures": len(group),
                "planned": int((group["status"] == "planned").sum()),
                "in_progress": int((group["status"] == "in_progress").sum()),
                "done": int((group["status"] == "done").sum()),
                "overdue": int(group["overdue"].sum()),
                "next_due": min(open_due) if open_due else None,
                "assessments": len(set(group["assessment"])),
            }
        )
    rows.sort(key=_owner_order)
    return pd.DataFrame(
        rows,
        columns=["owner", "measures", "planned", "in_progress", "done", "overdue", "next_due", "assessments"],
    )


def _owner_order(row: dict[str, object]) -> tuple[int, int, str]:
    # Owners with overdue measures first, then the busiest.
    overdue, count = row["overdue"], row["measures"]
    assert isinstance(overdue, int) and isinstance(count, int)
    return (-overdue, -count, str(row["owner"]).casefold())
