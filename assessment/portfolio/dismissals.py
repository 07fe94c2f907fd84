"""How often each knowledge-base cell's findings are dismissed across a set of assessments.

A cell whose findings groups keep marking "not relevant here because …" (dismissed in 7 of 9
cases) is a cell the region should fix or bind to a context; the reasons say why. A second-order
chain A → B → C is counted under both its cells (A → B and B → C).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import pandas as pd

from assessment.i18n import t
from assessment.portfolio.selection import Portfolio

DISMISSAL_COLUMNS = ["cell", "from", "to", "dismissed", "cases", "summary", "reasons"]


@dataclass(frozen=True)
class CellDismissals:
    cell: str  # "7.2>6.6" / "sdg:8>sdg:13"
    dismissed: int  # assessments that dismissed a finding of this cell
    cases: int  # assessments where the cell produced a finding (dismissed or not)
    reasons: tuple[str, ...]

    def summary(self, lang: str) -> str:
        return t("portfolio.dismissed_in", lang, dismissed=self.dismissed, cases=self.cases)


def cell_dismissals(portfolio: Portfolio, lang: str = "sv") -> list[CellDismissals]:
    """Every cell with at least one dismissal, most dismissed (then highest share) first."""
    from assessment.analysis import findings

    cases: dict[str, set[str]] = defaultdict(set)
    dismissed: dict[str, set[str]] = defaultdict(set)
    reasons: dict[str, list[str]] = defaultdict(list)
    for item in portfolio:
        result = findings(item.assessment, lang)
        active = (
            *result.direct_conflicts,
            *result.latent_conflicts,
            *result.second_order_risks,
            *result.synergies,
        )
        # A second-order chain rests on two cells: it counts under both (`Finding.cells`).
        for f in active:
            for cell in f.cells:
                cases[cell].add(item.key)
        for d in result.dismissed:
            for cell in d.finding.cells:
                cases[cell].add(item.key)
                dismissed[cell].add(item.key)
                reasons[cell].append(d.reason)
    found = [
        CellDismissals(cell, len(keys), len(cases[cell]), tuple(dict.fromkeys(reasons[cell])))
        for cell, keys in dismissed.items()
    ]
    return sorted(found, key=lambda c: (-c.dismissed, -c.dismissed / c.cases, c.cell))


def dismissals_frame(portfolio: Portfolio, lang: str = "sv") -> pd.DataFrame:
    rows = [
        {
            "cell": c.cell,
            "from": c.cell.split(">")[0],
            "to": c.cell.split(">")[1],
            "dismissed": c.dismissed,
            "cases": c.cases,
            "summary": c.summary(lang),
            "reasons": " | ".join(c.reasons[:5]),
        }
        for c in cell_dismissals(portfolio, lang)
    ]
    return pd.DataFrame(rows, columns=DISMISSAL_COLUMNS)
