"""Pause Python's cyclic garbage collector while an analysis allocates its results.

`findings()` on a large target table allocates tens of thousands of small objects (findings and
their text recipes); each 700 allocations trigger a collection that walks the young objects and,
every so often, the whole heap (the knowledge base, the app's session state): a third of the
stress case's CPU time went to collections that freed nothing. Reference counting still frees
everything as usual while paused; cycles wait for the next collection after the pause.

Thread-safe: the app analyses in several session threads; the collector is re-enabled when the
last paused section ends, and only if it was enabled when the first began.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0
_was_enabled = False


@contextmanager
def gc_paused() -> Iterator[None]:
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()
