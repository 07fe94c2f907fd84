"""Benchmark: SDG interaction analysis.

Prints medians of repeated runs and the ratio to the targets (ratio < 1 = faster than target):

* ``findings()`` for each example assessment under ``examples/`` (knowledge base already loaded),
  against the goal-level target of 5 ms;
* the full cross-impact analysis of a random dense matrix — all 169 targets with ~50 % non-zero
  cells (target 50 ms) and the 17 goals (target 5 ms): reading and validating the CSV a workshop
  fills in, then every network metric including second-order influence (``graph --matrix``);
  the metrics step alone is printed too;
* a stress case without a target: the random matrix as knowledge base and an assessment rating
  every node, i.e. graph + all findings with their texts + coverage + metrics.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from assessment.analysis import findings, metric_arrays, parse_matrix  # noqa: E402
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
