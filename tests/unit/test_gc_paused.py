"""`gc_paused` (findings(), portfolio loads, store listings) always gives the garbage collector back
as it found it, also when sections overlap in threads."""

from __future__ import annotations

import gc
import threading
from pathlib import Path

from assessment.analysis import findings
from assessment.domain.projection import gc_paused
from assessment.fileio import load_assessment

ROOT = Path(__file__).resolve().parents[2]


def test_the_collector_is_off_inside_and_on_again_after() -> None:
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer section still runs
    assert gc.isenabled()
    findings(load_assessment(ROOT / "examples" / "kalarne_drivmedel.yaml"))
    assert gc.isenabled()


def test_a_collector_switched_off_by_the_caller_stays_off() -> None:
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_overlapping_sections_in_threads_end_with_the_collector_on() -> None:
    inside = threading.Barrier(2)
    first_left = threading.Event()
    seen: list[bool] = []

    def first() -> None:
        with gc_paused():
            inside.wait()
        first_left.set()

    def second() -> None:
        with gc_paused():
            inside.wait()
            first_left.wait(5)
            seen.append(gc.isenabled())

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert seen == [False]  # the first thread's exit did not switch it on under the second
    assert gc.isenabled()


def test_an_error_inside_gives_the_collector_back() -> None:
    try:
        with gc_paused():
            raise ValueError
    except ValueError:
        pass
    assert gc.isenabled()
