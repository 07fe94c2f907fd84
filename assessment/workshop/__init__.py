"""Workshop mode: a group scores a cross-impact matrix together — privately first, then revealed,
discussed, locked — and sees the SEI SDG Synergies results at once. A plain library (no UI).

Pure parts (no database):

``codes`` / ``matrix``
    ``canonical_codes(codes)`` (5–40 known codes, SDG order), ``suggested_codes(assessment)``
    (rated in step 2 plus their strongest knowledge-base links), ``prefill(codes)`` (the knowledge
    base's score, basis and source per cell), ``values(codes, agreed, prefill)`` (the matrix the
    results use), ``to_csv`` / ``to_xlsx`` / ``read_upload`` in the layout ``graph --matrix`` reads.
``consensus``
    ``spread(scores) -> Spread``: counts, median, IQR, consensus index (1 − normalised entropy) and
    the class agreement / split / polarised.
``scoring``
    ``results(codes, matrix) -> Results``: SEI metrics (`assessment.analysis.network_metrics`),
    clusters of mutually reinforcing codes (greedy modularity on the positive subgraph) and a
    robustness badge (does the top 5 survive any single cell moving ±1; exact, closed form);
    ``triage(...)`` the cells worth discussing first; ``cell_coverage`` "148 of 1 122 discussed".
``interactions``
    ``agreed_interactions(board, lang) -> list[Interaction]``: the locked, agreed cells as the
    assessment's own interactions (for the findings engine, the graph and the PDF);
    ``with_interactions(assessment, interactions)`` merges them into a copy of the assessment.

Stored sessions (votes, reveal/lock decisions, dot votes, who may see what) are methods of
`assessment.storage.Store`: ``create_workshop``, ``workshops``, ``join_workshop``, ``cast_vote``,
``place_dots``, ``reveal_cells``, ``lock_cell``, ``unlock_cell``, ``workshop_board``,
``workshop_version``, ``set_workshop_codes``, ``delete_workshop`` (see `assessment.storage.workshops`).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from assessment.workshop.codes import (
        MAX_CODES,
        MIN_CODES,
        Cell,
        canonical_codes,
        sorted_codes,
    )
    from assessment.workshop.consensus import (
        SCALE,
        Spread,
        spread,
    )
    from assessment.workshop.interactions import (
        agreed_interactions,
        with_interactions,
    )
    from assessment.workshop.matrix import (
        Prefill,
        prefill,
        read_upload,
        suggested_codes,
        to_csv,
        to_xlsx,
        values,
    )
    from assessment.workshop.model import (
        Board,
        CellState,
        Vote,
        WorkshopInfo,
    )
    from assessment.workshop.scoring import (
        CellCoverage,
        Flip,
        Results,
        Robustness,
        TriageItem,
        cell_coverage,
        clusters,
        results,
        robustness,
        triage,
    )

# Loaded on first use: the store imports the pure submodules (codes, consensus, model) and
# must not pull in the analysis package through this __init__.
_WHERE = {
    "SCALE": "consensus",
    "Spread": "consensus",
    "spread": "consensus",
    "agreed_interactions": "interactions",
    "with_interactions": "interactions",
    "MAX_CODES": "codes",
    "MIN_CODES": "codes",
    "Cell": "codes",
    "canonical_codes": "codes",
    "sorted_codes": "codes",
    "Prefill": "matrix",
    "prefill": "matrix",
    "read_upload": "matrix",
    "suggested_codes": "matrix",
    "to_csv": "matrix",
    "to_xlsx": "matrix",
    "values": "matrix",
    "Board": "model",
    "CellState": "model",
    "Vote": "model",
    "WorkshopInfo": "model",
    "CellCoverage": "scoring",
    "Flip": "scoring",
    "Results": "scoring",
    "Robustness": "scoring",
    "TriageItem": "scoring",
    "cell_coverage": "scoring",
    "clusters": "scoring",
    "results": "scoring",
    "robustness": "scoring",
    "triage": "scoring",
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"assessment.workshop.{module}"), name)


__all__ = [
    "MAX_CODES",
    "MIN_CODES",
    "SCALE",
    "Board",
    "Cell",
    "CellCoverage",
    "CellState",
    "Flip",
    "Prefill",
    "Results",
    "Robustness",
    "Spread",
    "TriageItem",
    "Vote",
    "WorkshopInfo",
    "agreed_interactions",
    "canonical_codes",
    "cell_coverage",
    "clusters",
    "prefill",
    "read_upload",
    "results",
    "robustness",
    "sorted_codes",
    "spread",
    "suggested_codes",
    "to_csv",
    "to_xlsx",
    "triage",
    "values",
    "with_interactions",
]
