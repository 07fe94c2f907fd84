"""Benchmark: server time of a click in the app (issues 16 and 12), through Streamlit's AppTest.

Each figure is the CPU time of one ``AppTest.run()`` (the script runs in a thread of this
process, so `time.process_time` is its server time), best and median of ``REPS``; the floor is a
rerun of a one-line Streamlit script measured in the same run.

* reruns with no change of the graph, portfolio (8 RSP examples), measures and summary pages
  for the largest example with all 17 goals rated — target < 150 ms;
* step 2: set an impact (save + analysis) — target < 100 ms;
* screening with 500 applications on the page: edit a motivation — target < 200 ms. AppTest
  reruns the whole page (it cannot rerun only the fragment the edit lives in, as the real server
  does), so this is an upper bound; the store's share alone is printed too.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from streamlit.testing.v1 import AppTest  # noqa: E402

REPS = int(os.environ.get("REPS", "7"))
APP = str(ROOT / "streamlit_app.py")
EXAMPLE = "landbaserad_fiskodling.yaml"
PAGE_TARGET_MS = 150.0
IMPACT_TARGET_MS = 100.0
EDIT_TARGET_MS = 200.0


def _cpu_ms(step: Callable[[int], object]) -> tuple[float, float]:
    """(best, median) CPU ms of ``REPS`` calls of ``step(n)``."""
    times = []
    for n in range(REPS):
        start = time.process_time()
        step(n)
        times.append(1000 * (time.process_time() - start))
    return min(times), statistics.median(times)


def _clean(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def _goto(at: AppTest, page: str) -> None:
    radio = next(r for r in at.sidebar.radio if str(r.key).startswith("nav:"))
    radio.set_value(page).run()
    _clean(at)


def _line(label: str, best: float, median: float, floor: float, target: float) -> bool:
    met = best < target
    print(
        f"  {label:<44} best {best:7.1f} ms, median {median:7.1f} ms   floor {floor:5.1f} ms "
        f"({best / floor:4.1f}×)   target {target:.0f} ms: {'met' if met else 'NOT met'}"
    )
    return met


def floor_ms() -> float:
    bare = AppTest.from_string("import streamlit as st\nst.write('x')")
    bare.run()
    return _cpu_ms(lambda _: bare.run())[0]


def _rate_every_goal(assessment_id: str) -> Any:
    """Rate the goals the example leaves out, as a workshop would by the end (saved in the store)."""
    from assessment.domain.assessment import SdgRating
    from assessment.storage import open_store

    store = open_store()
    user = store.local_user()
    stored = store.get(user, assessment_id)
    assessment = stored.assessment.model_copy(deep=True)
    have = {r.goal for r in assessment.sdg if r.goal is not None}
    assessment.sdg += [
        SdgRating(goal=g, impact=(g % 5) - 2 or 1, comment=f"Mål {g}") for g in range(1, 18) if g not in have
    ]
    return store.save(user, assessment_id, assessment, stored.version).stored


def workshop(floor: float) -> None:
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.button(key=f"example:{EXAMPLE}").click().run()
    _clean(at)
    stored = _rate_every_goal(at.session_state["_assessment_id"])
    # What `ui.state` does when it adopts a stored version.
    at.session_state["_assessment"] = stored.assessment
    at.session_state["_assessment_version"] = stored.version
    at.session_state["_gen"] = at.session_state["_gen"] + 1
    at.run()
    _clean(at)
    rated = len(at.session_state["_assessment"].sdg)
    print(f"workshop pages, {EXAMPLE} + all 17 goals rated ({rated} SDG ratings), reruns with no change,")
    print(f"best/median of {REPS} (CPU):")
    for page in ("graph", "measures", "summary", "actors", "sdg"):
        _goto(at, page)
        _line(page, *_cpu_ms(lambda _: at.run()), floor, PAGE_TARGET_MS)
    _goto(at, "portfolio")
    radio = next(r for r in at.radio if r.key == "pf_source")
    radio.set_value("examples").run()
    _clean(at)
    _line("portfolio (8 RSP examples)", *_cpu_ms(lambda _: at.run()), floor, PAGE_TARGET_MS)

    _goto(at, "sdg")
    at.button(key="sdgtile13").click().run()
    _clean(at)
    gen = at.session_state["_gen"]

    def set_impact(n: int) -> None:
        at.segmented_control(key=f"w{gen}:sdg:sdg:13:impact").set_value((-2, -1)[n % 2]).run()

    _line("step 2: set an impact (save + analysis)", *_cpu_ms(set_impact), floor, IMPACT_TARGET_MS)
    _clean(at)


def screening(floor: float, rows: int = 500) -> None:
    from tests.unit.test_screening_helpers import csv_bytes, good_row

    at = AppTest.from_file(APP, default_timeout=300)
    at.run()
    _goto(at, "screening")
    at.selectbox(key="screening_call:sv").set_value("eruf_project").run()
    data = csv_bytes([good_row(f"A{i}") for i in range(rows)])
    at.session_state["_screening_source"] = ("ansokningar.csv", data, None)
    at.run()
    _clean(at)
    saved: Any = at.session_state["_screening_run"]
    assert saved.run.rows_out == rows
    app_id = "A7"
    at.selectbox(key=f"screening_pick:{saved.run_id}").set_value(app_id).run()
    key = f"scr:{saved.run_id}:{saved.version}:{app_id}:sv:motivation"

    def edit(n: int) -> None:
        at.text_area(key=key).input(f"Projektet bedöms bidra till mål 9 genom fiber, version {n}.").run()

    print(f"screening, {rows} applications on the page, best/median of {REPS} (CPU):")
    _line("edit a motivation (whole-page rerun)", *_cpu_ms(edit), floor, EDIT_TARGET_MS)
    _clean(at)
    from assessment.storage import open_store

    store = open_store()
    user = store.local_user()

    def note(n: int) -> None:
        store.save_screening_note(user, saved.run_id, "A9", motivation=f"Text {n}.", base_revision=n)

    best, median = _cpu_ms(note)
    print(f"  of which the store's save of the note      best {best:7.1f} ms, median {median:7.1f} ms")
    assert store.open_screening(user, saved.run_id).notes[app_id].motivation.endswith(f"{REPS - 1}.")


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        os.environ["ASSESSMENT_DATA_DIR"] = folder
        os.environ.pop("DATABASE_URL", None)
        # The app refuses to serve without a login mode (fail closed); embedded, as the tests.
        os.environ["ASSESSMENT_AUTH"] = "none"
        floor = floor_ms()
        print(f"floor: rerun of a one-line Streamlit script {floor:.1f} ms CPU")
        workshop(floor)
        screening(floor)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
