"""Save latency under a 30-participant workshop load, on SQLite and on a real PostgreSQL.

Each participant (a thread using the library calls the UI uses) reads the assessment, changes
one thing (adds an actor, edits their own actor, or the shared description) and saves from that
version, then waits. Two loads:

- workshop: a save every 0.5–1.5 s per participant (far busier than people typing), the target
  load: p95 save latency under 100 ms;
- stress: no waiting at all, every participant saves back to back (reported, no target).

On PostgreSQL the workshop load also runs with the participants spread over 3 processes, the
shape of the nginx deployment (docs/deployment.md). It also prints what one live-view poll
(`Store.version`) costs compared with loading the document.

Usage: ``python bench/bench_storage.py [--seconds 10] [--strict]``. Starts its own PostgreSQL
server. Figures depend on the machine and on its load; run it on an otherwise idle host.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assessment.domain.assessment import Actor, Assessment
from assessment.storage import Role, Store, open_store
from tests.support.postgres import PostgresServer

PARTICIPANTS = 30
TARGET_P95_MS = 100.0


PASSWORD = "bench-lösen"


def setup(store: Store) -> tuple[str, list[str]]:
    """A fresh workshop assessment and 30 participant accounts (editors)."""
    root = store.local_user()
    stored = store.create(root, Assessment(title="Workshop", description="start"))
    names = []
    for i in range(PARTICIPANTS):
        name = f"bench{i}-{stored.id[:6]}"
        store.add_user(root, name, f"Deltagare {i}", password=PASSWORD)
        store.grant(root, "default", name, Role.editor)
        names.append(name)
    return stored.id, names


def participants(
    store: Store,
    names: list[str],
    first: int,
    assessment_id: str,
    seconds: float,
    think: tuple[float, float],
    start_at: float | None = None,
) -> tuple[list[float], int]:
    """Run one thread per name for ``seconds``; returns save latencies (ms) and conflict count."""
    users = [store.authenticate_local(name, PASSWORD) for name in names]
    if start_at is not None:
        time.sleep(max(0.0, start_at - time.time()))
    latencies: list[float] = []
    conflicts = 0
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def participant(offset: int) -> None:
        nonlocal conflicts
        index = first + offset
        rng = random.Random(index)
        user = users[offset]
        n = 0
        time.sleep(rng.uniform(*think))  # people do not all start in the same millisecond
        while time.monotonic() < stop:
            n += 1
            current = store.get(user, assessment_id)
            doc = current.assessment.model_copy(deep=True)
            if n % 3 == 0:
                doc.actors.append(Actor(name=f"p{index}-{n}"))
            elif n % 3 == 1:
                own = next((a for a in doc.actors if a.name == f"own{index}"), None)
                if own is None:
                    doc.actors.append(Actor(name=f"own{index}", comment=str(n)))
                else:
                    own.comment = str(n)
            else:
                doc.description = f"p{index}-{n}"
            started = time.perf_counter()
            result = store.save(user, assessment_id, doc, current.version)
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                latencies.append(elapsed)
                conflicts += bool(result.conflicts)
            time.sleep(rng.uniform(*think))

    threads = [threading.Thread(target=participant, args=(i,)) for i in range(len(users))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, conflicts


def figures(latencies: list[float], conflicts: int, seconds: float) -> dict[str, float]:
    latencies = sorted(latencies)
    return {
        "saves": len(latencies),
        "per_s": len(latencies) / seconds,
        "median": statistics.median(latencies),
        "p95": latencies[int(0.95 * (len(latencies) - 1))],
        "max": latencies[-1],
        "conflicts": conflicts,
    }


def run_load(store: Store, seconds: float, think: tuple[float, float]) -> dict[str, float]:
    """30 participants as threads of one process (one Streamlit process serving everyone)."""
    assessment_id, names = setup(store)
    latencies, conflicts = participants(store, names, 0, assessment_id, seconds, think)
    return figures(latencies, conflicts, seconds)


def run_processes(
    store: Store, url: str, processes: int, seconds: float, think: tuple[float, float]
) -> dict[str, float]:
    """30 participants spread over several processes (Streamlit processes behind nginx)."""
    assessment_id, names = setup(store)
    per = len(names) // processes
    # Start together, after every worker has imported the code and logged its users in.
    start_at = time.time() + 10
    children = [
        subprocess.Popen(
            [
                sys.executable,
                __file__,
                "--worker",
                url,
                assessment_id,
                str(k * per),
                ",".join(names[k * per : (k + 1) * per]),
                str(seconds),
                str(think[0]),
                str(think[1]),
                str(start_at),
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        for k in range(processes)
    ]
    latencies: list[float] = []
    conflicts = 0
    for child in children:
        out, _ = child.communicate(timeout=seconds + 300)
        result = json.loads(out.strip().splitlines()[-1])
        latencies += result["latencies"]
        conflicts += result["conflicts"]
    return figures(latencies, conflicts, seconds)


def worker(argv: list[str]) -> None:
    url, assessment_id, first, names, seconds, low, high, start_at = argv
    store = open_store(url)
    latencies, conflicts = participants(
        store,
        names.split(","),
        int(first),
        assessment_id,
        float(seconds),
        (float(low), float(high)),
        start_at=float(start_at),
    )
    print(json.dumps({"latencies": latencies, "conflicts": conflicts}))


def poll_cost(store: Store) -> tuple[float, float]:
    """Median ms of the live view's `version()` poll versus loading the whole assessment."""
    root = store.local_user()
    stored = store.create(
        root,
        Assessment(title="Polled", actors=[Actor(name=f"aktör {i}", comment="x" * 200) for i in range(200)]),
    )
    polls, loads = [], []
    for _ in range(300):
        started = time.perf_counter()
        store.version(root, stored.id)
        polls.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        store.get(root, stored.id)
        loads.append((time.perf_counter() - started) * 1000)
    return statistics.median(polls), statistics.median(loads)


def report(backend: str, load: str, result: dict[str, float], shape: str = "1 process") -> bool:
    ok = result["p95"] < TARGET_P95_MS
    target = (
        (
            f"target p95 < {TARGET_P95_MS:.0f} ms, ratio {result['p95'] / TARGET_P95_MS:.2f} "
            f"{'OK' if ok else 'MISSED'}"
        )
        if load == "workshop"
        else "no target"
    )
    print(
        f"{backend:10} {load:8} {PARTICIPANTS} participants, {shape}: {result['saves']:.0f} saves "
        f"({result['per_s']:.0f}/s), median {result['median']:.1f} ms, p95 {result['p95']:.1f} ms, "
        f"max {result['max']:.0f} ms, {result['conflicts']:.0f} saves with conflicts; {target}"
    )
    return ok or load != "workshop"


def main() -> int:
    if sys.argv[1:2] == ["--worker"]:
        worker(sys.argv[2:])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--strict", action="store_true", help="exit 1 when the target is missed")
    args = parser.parse_args()
    loads = {"workshop": (0.5, 1.5), "stress": (0.0, 0.0)}
    ok = True
    with tempfile.TemporaryDirectory() as tmp, PostgresServer() as pg:
        backends = {"sqlite": f"sqlite:///{tmp}/bench.db", "postgresql": pg.create_database()}
        for backend, url in backends.items():
            store = open_store(url)
            poll, load_ms = poll_cost(store)
            print(
                f"{backend:10} live-view poll (version only) median {poll:.2f} ms vs loading the "
                f"assessment {load_ms:.2f} ms (200 actors)"
            )
            for load, think in loads.items():
                ok &= report(backend, load, run_load(store, args.seconds, think))
            if backend == "postgresql":
                spread = run_processes(store, url, 3, args.seconds, loads["workshop"])
                ok &= report(backend, "workshop", spread, "3 processes")
            store.close()
    return 1 if args.strict and not ok else 0


if __name__ == "__main__":
    sys.exit(main())
