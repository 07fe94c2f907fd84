"""Views over many assessments (a portfolio) and the goal-conflict register.

A portfolio is an ordered set of assessments picked by filters, from files or from the store.
Every view is a plain function returning a pandas DataFrame (or typed dataclasses) with stable,
English column ids; `labels.localise` turns the headings into the user's language for display and
export. The app, the CLI and the PDF all call the same functions, so they show the same figures.
"""

from __future__ import annotations

from assessment.portfolio.selection import Filters, Item, Portfolio, matches, select

__all__ = ["Filters", "Item", "Portfolio", "matches", "select"]
