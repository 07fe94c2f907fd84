"""Benchmark: workshop results for a 40×40 matrix, as recomputed after every changed cell.

Prints medians of repeated runs and the ratio to the 100 ms server-time target (ratio < 1 =
faster than target) for: the matrix values from knowledge-base pre-fill plus agreed cells, the
SEI metrics, the clusters (greedy modularity on the positive subgraph), the robustness badge
(every single cell ±1: 3,120 changes) and the triage order — each alone and all together.
The 30-participant correctness check is a test (tests/integration/test_workshop_store.py); how
soon the facilitator's screen shows a vote (2 s) is bench/bench_live_vote.py, in a real browser.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from assessment.analysis import network_metrics  # noqa: E402
from assessment.knowledge.sdg import sdg_catalog  # noqa: E402
from assessment.workshop import clusters, prefill, robustness, spread, triage, values  # noqa: E402

TARGET_MS = 100.0
REPEATS = 15


def median_ms(run: Callable[[], object]) -> float:
    run()  # warm caches (knowledge base, networkx imports)
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    catalog = sdg_catalog()
    codes = [f"sdg:{n}" for n in range(1, 18)] + sorted(catalog.targets)[:23]
    pre = prefill(codes)
    rng = np.random.default_rng(1)
    cells = [(a, b) for a in codes for b in codes if a != b]
    picked = rng.choice(len(cells), size=400, replace=False)
    agreed = {cells[i]: int(rng.integers(-3, 4)) for i in picked}
    spreads = {cells[i]: spread(rng.integers(-3, 4, size=12).tolist()) for i in picked[:200]}
    discussed = frozenset(cells[i] for i in picked[:150])
    matrix = values(codes, agreed, pre)
    size = f"{len(codes)}×{len(codes)}"
    print(f"matrix {size}, {np.count_nonzero(matrix)} non-zero cells, {len(pre)} pre-filled")
    parts = {
        "values": lambda: values(codes, agreed, pre),
        "metrics": lambda: network_metrics(matrix, codes),
        "clusters": lambda: clusters(codes, matrix),
        "robustness": lambda: robustness(codes, matrix),
        "triage": lambda: triage(codes, matrix, pre, spreads, discussed),
    }

    def everything() -> None:
        m = values(codes, agreed, pre)
        network_metrics(m, codes)
        clusters(codes, m)
        robustness(codes, m)
        triage(codes, m, pre, spreads, discussed)

    for name, run in parts.items():
        print(f"{name:<11} {median_ms(run):8.2f} ms")
    total = median_ms(everything)
    print(f"{'all':<11} {total:8.2f} ms   target {TARGET_MS:.0f} ms   ratio {total / TARGET_MS:.2f}")


if __name__ == "__main__":
    main()
