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


class _Node:
    def __init__(self) -> None:
        self.me = self  # a reference cycle: only the collector can free it


def test_a_large_section_leaves_its_objects_in_the_oldest_generation() -> None:
    """The objects a large section built are not all walked by the next young collection: they
    are in the oldest generation at once; cycles among them are still freed by a full collection."""
    import weakref

    from assessment.domain.projection import PROMOTE_AT

    with gc_paused():
        kept = [[n] for n in range(PROMOTE_AT + 1)]
        cycle = _Node()
    gone = weakref.ref(cycle)
    del cycle
    oldest = {id(o) for o in gc.get_objects(generation=2)}
    assert id(kept) in oldest and id(kept[-1]) in oldest
    assert gc.get_count()[0] < 100
    assert gc.get_freeze_count() == 0
    assert gone() is not None  # not collected yet: it is in the oldest generation
    gc.collect()
    assert gone() is None


def test_a_small_section_leaves_the_collector_as_it_is() -> None:
    gc.collect()
    with gc_paused():
        kept = [[n] for n in range(100)]
    assert id(kept) not in {id(o) for o in gc.get_objects(generation=2)}


def test_objects_someone_else_froze_stay_frozen() -> None:
    from assessment.domain.projection import PROMOTE_AT

    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with gc_paused():
            kept = [[n] for n in range(PROMOTE_AT + 1)]
        assert gc.get_freeze_count() == frozen
        assert id(kept) not in {id(o) for o in gc.get_objects(generation=2)}
    finally:
        gc.unfreeze()
