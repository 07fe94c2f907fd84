"""What the room sees as soon as cells change: SEI metrics, clusters, a robustness badge on the
ranking, the triage order of cells worth discussing, and coverage.

* Metrics are `assessment.analysis.network_metrics` (SEI SDG Synergies conventions) on the
  workshop matrix — one implementation for the CLI, the findings and the workshop.
* Clusters of mutually reinforcing targets: community detection on the *positive* subgraph made
  undirected (edge weight = positive part of aᵢⱼ + positive part of aⱼᵢ), with networkx's Louvain
  modularity maximisation (fixed seed, so the same matrix always gives the same clusters).
  Singletons are not clusters.
* Robustness: would the top-k of the ranking (as a set) stay the same if any single off-diagonal
  cell moved by ±1 (staying on the scale)? Computed exactly in closed form: moving aᵢⱼ by d
  changes the ranking-score vector r = s + ½·A·s (s = row sums) by
  Δr = d·(1 + ½·sⱼ)·eᵢ + ½·d·A[:, i]   (i ≠ j, so sⱼ itself does not change).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import networkx as nx
import numpy as np
import numpy.typing as npt

from assessment.analysis import NodeMetrics, metric_arrays, network_metrics
from assessment.workshop.codes import Cell
from assessment.workshop.consensus import Spread
from assessment.workshop.matrix import Prefill

CLUSTER_METHOD = "louvain"
CLUSTER_SEED = 0
TOP_K = 5


@dataclass(frozen=True)
class Flip:
    """One single-cell change of ±1 that changes the top-k set."""

    cell: Cell
    delta: int
    entered: tuple[str, ...]
    left: tuple[str, ...]


@dataclass(frozen=True)
class Robustness:
    top: tuple[str, ...]
    checked: int  # how many single-cell changes were tried
    flips: tuple[Flip, ...]  # every change that alters the top-k set

    @property
    def stable(self) -> bool:
        return not self.flips


@dataclass(frozen=True)
class Results:
    codes: tuple[str, ...]
    metrics: list[NodeMetrics]
    clusters: list[tuple[str, ...]]
    robustness: Robustness
    cluster_method: str = CLUSTER_METHOD


def clusters(codes: Sequence[str], matrix: npt.ArrayLike) -> list[tuple[str, ...]]:
    """Clusters of mutually reinforcing codes (see the module docstring), largest first."""
    a = np.asarray(matrix, dtype=np.float64)
    positive = np.where(a > 0, a, 0.0)
    weights = positive + positive.T
    graph = nx.Graph()
    graph.add_nodes_from(range(len(codes)))
    for i, j in zip(*np.nonzero(np.triu(weights, k=1)), strict=True):
        graph.add_edge(int(i), int(j), weight=float(weights[i, j]))
    if graph.number_of_edges() == 0:
        return []
    found = nx.community.louvain_communities(graph, weight="weight", seed=CLUSTER_SEED)
    groups = [tuple(codes[i] for i in sorted(group)) for group in found if len(group) > 1]
    return sorted(groups, key=lambda g: (-len(g), codes.index(g[0])))


def _top(scores: npt.NDArray[np.float64], k: int) -> npt.NDArray[np.intp]:
    """Indices of the top k by ranking score, ties in the given order (as `network_metrics`)."""
    return np.argsort(-scores, kind="stable")[:k]


def robustness(codes: Sequence[str], matrix: npt.ArrayLike, k: int = TOP_K) -> Robustness:
    """Exact single-cell ±1 sensitivity of the top-k set (see the module docstring).

    For a change of row i only the ranking score of i depends on the column j, so per (i, d) the
    other nodes' order is sorted once and i's new place is found by counting who beats it
    (ties broken by position, as `network_metrics` does).
    """
    a = np.asarray(matrix, dtype=np.float64)
    n = len(codes)
    k = min(k, n)
    arrays = metric_arrays(a)
    r, s = arrays["ranking_score"], arrays["out_strength"]
    top = _top(r, k)
    top_set = frozenset(int(i) for i in top)
    positions = np.arange(n)
    flips: list[Flip] = []
    checked = 0
    for i in range(n):
        others = positions[positions != i]
        for d in (-1, 1):
            allowed = others[(a[i, others] + d >= -3) & (a[i, others] + d <= 3)]
            if not len(allowed):
                continue
            checked += len(allowed)
            base = r + 0.5 * d * a[:, i]
            rest = others[np.argsort(-base[others], kind="stable")]
            x = base[i] + d * (1.0 + 0.5 * s[allowed])  # i's new score for each changed cell (i, j)
            rest_scores = base[rest]
            beaten_by = (rest_scores[None, :] > x[:, None]) | (
                (rest_scores[None, :] == x[:, None]) & (rest[None, :] < i)
            )
            inside = beaten_by.sum(axis=1) < k
            with_i = frozenset(int(m) for m in rest[: k - 1]) | {i}
            without_i = frozenset(int(m) for m in rest[:k])
            for j, is_in in zip(allowed, inside, strict=True):
                now = with_i if is_in else without_i
                if now != top_set:
                    flips.append(
                        Flip(
                            (codes[i], codes[int(j)]),
                            d,
                            tuple(codes[m] for m in sorted(now - top_set)),
                            tuple(codes[m] for m in sorted(top_set - now)),
                        )
                    )
    return Robustness(tuple(codes[int(i)] for i in top), checked, tuple(flips))


def results(codes: Sequence[str], matrix: npt.ArrayLike, k: int = TOP_K) -> Results:
    """Metrics, clusters and robustness of one matrix state. The badge looks at the top
    ``min(k, n // 2)``: in a small matrix "the top 5" would be (nearly) everyone."""
    a = np.asarray(matrix, dtype=np.float64)
    top = max(1, min(k, len(codes) // 2))
    return Results(tuple(codes), network_metrics(a, codes), clusters(codes, a), robustness(codes, a, top))


# -- what to discuss first ----------------------------------------------------------------------

# The weights are the project's own judgement (no literature ranks these); reasons are shown so
# the room can see why a cell comes first.
TRIAGE_WEIGHTS = {"disagreement": 0.4, "effect": 0.25, "knowledge_base": 0.2, "uncertain": 0.15}


@dataclass(frozen=True)
class TriageItem:
    cell: Cell
    priority: float
    reasons: tuple[str, ...]  # keys of TRIAGE_WEIGHTS that apply, strongest first


def triage(
    codes: Sequence[str],
    matrix: npt.ArrayLike,
    pre: Mapping[Cell, Prefill],
    spreads: Mapping[Cell, Spread],
    discussed: frozenset[Cell] | set[Cell] = frozenset(),
) -> list[TriageItem]:
    """Cells not yet discussed, the most worth discussing first.

    Parts (each 0..1): disagreement (1 − consensus index with ≥ 2 votes, 1 if polarised), effect
    on the ranking (L1 size of Δr for a +1 change, relative to the largest), knowledge-base score
    (|score|/3) and uncertainty (no literature score for the cell).
    """
    a = np.asarray(matrix, dtype=np.float64)
    n = len(codes)
    s = a.sum(axis=1)
    column_mass = np.abs(a).sum(axis=0)
    effect = np.abs(1.0 + 0.5 * s)[None, :] + 0.5 * column_mass[:, None]  # [i, j] for cell (i, j)
    parts = {name: np.zeros((n, n)) for name in TRIAGE_WEIGHTS}
    parts["effect"] = effect / (float(effect.max()) or 1.0)
    parts["uncertain"][:] = 1.0
    index = {code: i for i, code in enumerate(codes)}
    for (src, dst), fill in pre.items():
        if src in index and dst in index:
            parts["knowledge_base"][index[src], index[dst]] = abs(fill.score) / 3
            parts["uncertain"][index[src], index[dst]] = 0.0 if fill.literature else 1.0
    for (src, dst), sp in spreads.items():
        if src in index and dst in index and sp.n >= 2:
            value = 1.0 if sp.kind == "polarised" else 1.0 - (sp.consensus or 0.0)
            parts["disagreement"][index[src], index[dst]] = value
    open_cells = np.ones((n, n), dtype=bool)
    np.fill_diagonal(open_cells, False)
    for src, dst in discussed:
        if src in index and dst in index:
            open_cells[index[src], index[dst]] = False
    names = list(TRIAGE_WEIGHTS)
    stack = np.stack([parts[name] for name in names])  # (part, i, j)
    weighted = stack * np.array([TRIAGE_WEIGHTS[name] for name in names])[:, None, None]
    priority = weighted.sum(axis=0)
    rows, cols = np.nonzero(open_cells)
    order = np.argsort(-priority[rows, cols], kind="stable")
    ranked = np.argsort(-weighted, axis=0, kind="stable")  # strongest part first, per cell
    applies = stack >= 0.5
    items: list[TriageItem] = []
    for m in order.tolist():
        i, j = int(rows[m]), int(cols[m])
        reasons = tuple(names[p] for p in ranked[:, i, j].tolist() if applies[p, i, j])
        items.append(TriageItem((codes[i], codes[j]), round(float(priority[i, j]), 6), reasons))
    return items


@dataclass(frozen=True)
class CellCoverage:
    discussed: int
    total: int


def cell_coverage(codes: Sequence[str], discussed: frozenset[Cell] | set[Cell]) -> CellCoverage:
    """How many off-diagonal cells have an agreed (locked) score: "148 of 1 122"."""
    known = set(codes)
    n = len(codes)
    return CellCoverage(sum(1 for a, b in discussed if a in known and b in known and a != b), n * (n - 1))
