"""Benchmark: portfolio views and the goal-conflict register over 1,000 assessments.

Builds 1,000 distinct, valid assessments (seeded random variations of the RSP example set:
impacts, targets, RUS ratings, actors, checklists, conflicts, measures and dates), then prints
the median of repeated runs and the ratio to the target (ratio < 1 = faster than target):

* all views at once (`compute`: heatmap, push/pull, RUS coverage, conflicts by type and by goal
  pair, measures by owner and due date, follow-up list, group/actor gaps, register) — target 1 s;
* `similar_conflicts` for one new conflict against the whole register — target 1 s;
* the combined interaction analysis of the whole portfolio (`combined_findings`) — target 1 s;
* the portfolio as the app gets it from the store (SQLite, cold session cache): load
  (`from_store`, which reads the projections) plus all views, best of ``RUNS`` by CPU time,
  against the floors of a raw ``SELECT document`` / ``SELECT projection`` + ``json.loads`` of
  the same rows in the same run — target 1 s for 1,000;
  ``STORE_N=10000`` for the 10,000 case (target 2 s and under 500 MB peak RSS).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import resource
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assessment.domain.assessment import Assessment, Conflict  # noqa: E402
from assessment.fileio import load_assessment  # noqa: E402
from assessment.portfolio.combined import combined_findings  # noqa: E402
from assessment.portfolio.register import similar_conflicts  # noqa: E402
from assessment.portfolio.selection import Portfolio  # noqa: E402
from assessment.portfolio.views import compute, figures  # noqa: E402

N = 1_000
TARGET_S = 1.0
RUNS = 5
TODAY = dt.date(2026, 3, 1)
TARGETS = ["7.2", "9.1", "9.c", "10.2", "11.2", "12.5", "13.2", "15.1", "8.9", "5.5"]
TYPES = ["resources", "land_use", "levels", "time", "distribution", "values"]
METHODS = ["dialogue", "weighing", "mitigation", "escalation", "synergies"]


def variant(base: dict[str, Any], n: int, rng: random.Random) -> dict[str, Any]:
    doc = dict(base)
    doc["id"] = f"{base['id']}-{n}"
    doc["date"] = (dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(900))).isoformat()
    goals = rng.sample(range(1, 18), rng.randint(4, 9))
    doc["sdg"] = [{"goal": g, "impact": rng.randint(-3, 3)} for g in goals] + [
        {"target": t, "impact": rng.randint(-3, 3)} for t in rng.sample(TARGETS, 3)
    ]
    doc["rus"] = [
        {"goal": g, "impact": rng.randint(-3, 3)}
        for g in rng.sample(
            ["p1", "p2", "p3", "v_climate", "v_population", "s3_digital", "s3_land", "v_sami"], 4
        )
    ]
    doc["conflicts"] = [
        {
            "id": f"k{i}",
            "between": [f"sdg:{a}", f"sdg:{b}"],
            "type": rng.choice(TYPES),
            "origin": rng.choice(["proactive", "reactive"]),
            "method": rng.choice(METHODS),
            "decision": rng.choice(["", "Beslut enligt dialog."]),
            "follow_up": {
                "due": (TODAY + dt.timedelta(days=rng.randint(-200, 200))).isoformat(),
                "worked": rng.choice([None, "yes", "partly", "no"]),
            },
        }
        for i, (a, b) in enumerate(tuple(rng.sample(goals, 2)) for _ in range(rng.randint(1, 3)))
    ]
    for c in doc["conflicts"]:
        if c["follow_up"]["worked"] is None:
            del c["follow_up"]["worked"]
    doc["measures"] = [
        {
            "id": f"m{i}",
            "text": f"Åtgärd {i} för kommersiell service",
            "addresses": [rng.choice(doc["conflicts"])["id"]],
            "owner": rng.choice(["Region Jämtland Härjedalen", "Service-Z", f"{base['organisation']}"]),
            "due": (TODAY + dt.timedelta(days=rng.randint(-300, 400))).isoformat(),
            "status": rng.choice(["planned", "in_progress", "done"]),
        }
        for i in range(rng.randint(2, 5))
    ]
    return doc


def build() -> Portfolio:
    rng = random.Random(2026)
    bases = [load_assessment(p).to_document() for p in sorted((ROOT / "examples" / "rsp").glob("*.yaml"))]
    docs = [variant(bases[i % len(bases)], i, rng) for i in range(N)]
    return Portfolio.of([Assessment.model_validate(d) for d in docs])


def median_s(fn: Callable[[], object]) -> float:
    fn()  # warm caches (models, knowledge base) outside the measurement
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def report(name: str, seconds: float) -> None:
    print(
        f"{name:<46} {seconds * 1000:8.1f} ms   target {TARGET_S * 1000:.0f} ms   "
        f"ratio {seconds / TARGET_S:.2f}"
    )


STORE_N = int(os.environ.get("STORE_N", str(N)))


def best_cpu(fn: Callable[[], object], runs: int = RUNS) -> tuple[float, float]:
    """(best CPU seconds, best wall seconds) of ``runs`` calls."""
    cpus, walls = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        fn()
        cpus.append(time.process_time() - cpu)
        walls.append(time.perf_counter() - wall)
    return min(cpus), min(walls)


def from_the_store(portfolio: Portfolio) -> None:
    from assessment.portfolio.sources import from_store
    from assessment.storage import open_store

    items = list(portfolio)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.db"
        store = open_store(f"sqlite:///{path}")
        admin = store.local_user()
        for n in range(STORE_N):
            store.create(admin, items[n % len(items)].assessment)

        def raw() -> object:
            with sqlite3.connect(path) as db:
                return [json.loads(d) for (d,) in db.execute("SELECT document FROM assessments")]

        def raw_projection() -> object:
            with sqlite3.connect(path) as db:
                return [json.loads(d) for (d,) in db.execute("SELECT projection FROM assessments")]

        def app() -> object:
            return compute(from_store(store, admin), TODAY)

        raw_cpu, _ = best_cpu(raw)
        raw_projection_cpu, _ = best_cpu(raw_projection)
        load_cpu, _ = best_cpu(lambda: from_store(store, admin))
        app_cpu, app_wall = best_cpu(app)
        assert len(from_store(store, admin)) == STORE_N
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    target = 1.0 if STORE_N <= 1_000 else 2.0
    print(f"from the store (SQLite, {STORE_N} assessments, cold cache, best of {RUNS}, CPU):")
    print(f"  floor: SELECT document + json.loads        {raw_cpu * 1000:8.1f} ms")
    print(f"  floor: SELECT projection + json.loads      {raw_projection_cpu * 1000:8.1f} ms")
    print(
        f"  from_store (projections)                  {load_cpu * 1000:8.1f} ms "
        f"({load_cpu / raw_projection_cpu:.1f}× the projection floor)"
    )
    print(
        f"  from_store + all views                    {app_cpu * 1000:8.1f} ms CPU, "
        f"{app_wall * 1000:.0f} ms wall"
        f"   target {target * 1000:.0f} ms   ratio {app_cpu / target:.2f}"
        f" ({'met' if app_cpu < target else 'NOT met'})"
    )
    print(f"  peak RSS of this process {peak_mb:.0f} MB (target < 500 MB at 10,000)")


def main() -> None:
    portfolio = build()
    views = compute(portfolio, TODAY)
    figs = figures(views)
    print(
        f"portfolio: {figs['assessments']} assessments, {figs['conflicts']} conflicts, "
        f"{figs['measures']} measures (median of {RUNS} runs)"
    )
    report("all views (compute)", median_s(lambda: compute(portfolio, TODAY)))
    register = views.register_entries
    new = Conflict(id="ny", between=["sdg:11", "sdg:13"], type="time")
    report("similar_conflicts (whole register)", median_s(lambda: similar_conflicts(new, register)))
    report("combined interaction analysis", median_s(lambda: combined_findings(portfolio)))
    from_the_store(portfolio)


if __name__ == "__main__":
    main()
