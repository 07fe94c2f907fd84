"""Benchmark: SDG interaction analysis.

Prints medians of repeated runs and the ratio to the targets (ratio < 1 = faster than target):

* ``findings()`` for each example assessment under ``examples/`` (knowledge base already loaded),
  against the goal-level target of 5 ms;
* the full cross-impact analysis of a random dense matrix — all 169 targets with ~50 % non-zero
  cells (target 50 ms) and the 17 goals (target 5 ms): reading and validating the CSV a workshop
  fills in, then every network metric including second-order influence (``graph --matrix``);
  the metrics step alone is printed too;
* the stress case: the random 169-target matrix as knowledge base and an assessment rating every
  target, i.e. graph + all findings with their texts + coverage + metrics, best CPU time of
  ``REPS``, against a floor measured in the same run: the same detection as array operations
  (latent conflicts, synergies, direct conflicts, second-order risks: masks and a max over every
  A→B→C) plus one ``str.format`` per finding — target ≤ 3× the floor. The floor's counts are
  checked against the findings' counts.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from assessment.analysis import findings, metric_arrays, parse_matrix  # noqa: E402
from assessment.analysis.detect import SECOND_ORDER_DISCOUNT, Context  # noqa: E402
from assessment.analysis.graph import interaction_graph  # noqa: E402
from assessment.domain import Assessment  # noqa: E402
from assessment.fileio import load_assessment  # noqa: E402
from assessment.i18n.text import LocalText  # noqa: E402
from assessment.knowledge.interactions import (  # noqa: E402
    InteractionBase,
    KnownInteraction,
    interaction_base,
)
from assessment.knowledge.sdg import sdg_catalog  # noqa: E402

TARGET_FULL_MS = 50.0
TARGET_GOAL_MS = 5.0
TARGET_FLOOR_RATIO = 3.0
REPS = int(os.environ.get("REPS", "5"))


def best_cpu_ms(run: Callable[[], object], repeats: int = REPS) -> float:
    run()
    best = float("inf")
    for _ in range(repeats):
        start = time.process_time()
        run()
        best = min(best, time.process_time() - start)
    return best * 1000


def vectorised_floor(ctx: object) -> dict[str, int]:
    """The detection as array operations over the prepared context (edges already listed), and
    one formatted line per finding; returns the counts per kind."""
    from assessment.analysis.refs import CoverSet

    c: Any = ctx
    positives = c.positives()
    negatives = c.negatives()
    nodes = list(c.graph.nodes)
    col = {ref: n for n, ref in enumerate(nodes)}
    size = len(nodes)
    matrix = np.zeros((size, size))
    for ref in nodes:
        for edge in c.out_edges(ref):
            matrix[col[ref], col[edge.target]] = edge.score
    negative = np.array([c.negative_recorded(ref) for ref in nodes])
    pos = np.array([col[a] for a, _ in positives])
    impact = np.array([ia for _, ia in positives], dtype=float)
    rows = matrix[pos]
    lines: list[str] = []
    latent = (rows <= -1) & ~negative[None, :]
    for i, j in zip(*np.nonzero(latent), strict=True):
        lines.append(f"{nodes[pos[i]]} → {nodes[j]}: {impact[i] * -rows[i, j] / 3:.3f}")
    synergy = rows >= 2
    for i, j in zip(*np.nonzero(synergy), strict=True):
        lines.append(f"{nodes[pos[i]]} → {nodes[j]}: {impact[i] * rows[i, j] / 3:.3f}")
    neg = np.array([col[b] for b, _ in negatives])
    direct = rows[:, neg] <= -1
    for i, j in zip(*np.nonzero(direct), strict=True):
        lines.append(f"{nodes[pos[i]]} / {nodes[neg[j]]}")
    # Second order: A →(≥ +1) B →(≤ −1) C, strongest B per (A, C); not through a B the case
    # rates (its own rating speaks), nor to a C that A links to directly (either sign).
    rated = np.array([bool(c.rated_covering(ref)) for ref in nodes])
    first = np.where((rows >= 1) & ~rated[None, :], rows, 0.0) / 3 * (SECOND_ORDER_DISCOUNT * impact)[:, None]
    second = np.where(matrix <= -1, -matrix, 0.0) / 3
    severity = first[:, :, None] * second[None, :, :]
    excluded = np.zeros((len(pos), size), dtype=bool)
    for i, (a, _) in enumerate(positives):
        cover = CoverSet(e.target for e in c.out_edges(a) if e.score <= -1 or e.score > 0)
        excluded[i] = [cover.covers(ref) for ref in nodes]
    excluded |= negative[None, :]
    excluded[np.arange(len(pos)), pos] = True
    severity[:, np.arange(size), np.arange(size)] = 0.0  # C ≠ B
    best = severity.max(axis=1)
    best[excluded] = 0.0
    via = severity.argmax(axis=1)
    for i, j in zip(*np.nonzero(best > 0), strict=True):
        lines.append(f"{nodes[pos[i]]} → {nodes[via[i, j]]} → {nodes[j]}: {best[i, j]:.3f}")
    return {
        "latent": int(latent.sum()),
        "synergies": int(synergy.sum()),
        "direct": int(direct.sum()),
        "second_order": int((best > 0).sum()),
        "lines": len(lines),
    }


def median_ms(run: Callable[[], object], repeats: int) -> tuple[float, float]:
    """Median and best wall time in ms (the best shows what an idle machine does)."""
    run()  # warm-up: caches, imports
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), min(times)


def report(label: str, timing: tuple[float, float], target_ms: float | None) -> None:
    ms, best = timing
    ratio = f"  ratio {ms / target_ms:5.2f} of {target_ms:g} ms target" if target_ms else ""
    print(f"{label:<58} {ms:9.3f} ms (best {best:8.3f}){ratio}")


def random_matrix(codes: list[str], seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    n = len(codes)
    values = rng.choice([-3.0, -2.0, -1.0, 1.0, 2.0, 3.0], size=(n, n))
    values[rng.random((n, n)) < 0.5] = 0.0  # ~50 % non-zero
    np.fill_diagonal(values, 0.0)
    return values


def as_knowledge_base(codes: list[str], matrix: np.ndarray) -> InteractionBase:
    text = LocalText(sv="slump", en="random")
    level = "goal" if codes[0].startswith("sdg:") else "target"
    cells = tuple(
        KnownInteraction(codes[i], codes[j], int(matrix[i, j]), "project_judgement", "bench", text, level)  # type: ignore[arg-type]
        for i, j in zip(*np.nonzero(matrix), strict=True)
    )
    return (
        InteractionBase(goals=cells, targets=())
        if level == "goal"
        else InteractionBase(goals=(), targets=cells)
    )


def as_csv(codes: list[str], matrix: np.ndarray) -> str:
    lines = [";".join(["från/till", *codes])]
    for code, row in zip(codes, matrix, strict=True):
        lines.append(";".join([code, *(str(int(v)) for v in row)]))
    return "\n".join(lines) + "\n"


def rate_everything(codes: list[str], seed: int) -> Assessment:
    rng = random.Random(seed)
    ratings = []
    for code in codes:
        impact = rng.choice((-2, -1, 1, 2, 3))
        ratings.append({"goal": int(code[4:])} if code.startswith("sdg:") else {"target": code})
        ratings[-1]["impact"] = impact
    return Assessment.model_validate({"title": "bench", "sdg": ratings})


def main() -> int:
    interaction_base()
    catalog = sdg_catalog()
    if hasattr(os, "getloadavg"):
        load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
        print(f"load average {load} on {os.cpu_count()} CPUs (medians grow with load)")
    print("== findings() per example assessment (median of 21 runs)")
    for path in sorted((ROOT / "examples").rglob("*.yaml")):
        assessment = load_assessment(path)
        ms = median_ms(lambda a=assessment: findings(a), 21)  # type: ignore[misc]
        report(str(path.relative_to(ROOT)), ms, TARGET_GOAL_MS)

    targets = list(catalog.targets)
    goals = [f"sdg:{n}" for n in range(1, 18)]
    for label, codes, target_ms, repeats in (
        ("169 targets", targets, TARGET_FULL_MS, 31),
        ("17 goals", goals, TARGET_GOAL_MS, 201),
    ):
        matrix = random_matrix(codes, 169)
        nonzero = np.count_nonzero(matrix) / (len(codes) * (len(codes) - 1))
        print(f"== {label}: random matrix, {nonzero:.0%} of off-diagonal cells non-zero")
        text = as_csv(codes, matrix)
        assert np.array_equal(parse_matrix(text).values, matrix)
        report(
            f"full analysis: CSV + validation + metrics ({label})",
            median_ms(lambda t=text: parse_matrix(t).metrics(), repeats),  # type: ignore[misc]
            target_ms,
        )
        report(
            f"  of which metrics incl. second order ({label})",
            median_ms(lambda m=matrix: metric_arrays(m), repeats),
            target_ms,
        )  # type: ignore[misc]
        kb = as_knowledge_base(codes, matrix)
        assessment = rate_everything(codes, 169)
        result = findings(assessment, kb=kb)
        runs = 3 if len(codes) > 17 else 51
        report(
            f"stress: findings with every node rated ({label})",
            median_ms(lambda a=assessment, k=kb: findings(a, kb=k), runs),  # type: ignore[misc]
            None,
        )
        print(
            f"   ({len(result.direct_conflicts)} direct, {len(result.latent_conflicts)} latent, "
            f"{len(result.second_order_risks)} second-order, {len(result.synergies)} "
            "synergies, each with its explanation)"
        )
        ctx = Context(assessment, interaction_graph(assessment, kb), "sv")
        counts = vectorised_floor(ctx)  # also lists every node's edges once, outside the timing
        same = (
            counts["latent"] == len(result.latent_conflicts)
            and counts["synergies"] == len(result.synergies)
            and counts["direct"] == len(result.direct_conflicts)
            and counts["second_order"] == len(result.second_order_risks)
        )
        cpu = best_cpu_ms(lambda a=assessment, k=kb: findings(a, kb=k))  # type: ignore[misc]
        floor = best_cpu_ms(lambda x=ctx: vectorised_floor(x))  # type: ignore[misc]
        ratio = cpu / floor
        print(
            f"   findings() {cpu:.1f} ms CPU (best of {REPS}); floor: the same detection as array "
            f"operations + one str.format per finding {floor:.1f} ms; ratio {ratio:.1f}× "
            f"(target ≤ {TARGET_FLOOR_RATIO:g}×: {'met' if ratio <= TARGET_FLOOR_RATIO else 'NOT met'}); "
            f"floor counts {'equal' if same else 'DIFFER: ' + str(counts)}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
