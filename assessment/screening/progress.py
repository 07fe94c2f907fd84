"""Progress reports and cancellation shared by the app (st.progress) and the CLI (rows/s)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from assessment.errors import Problem, UserError

Stage = Literal["read", "screen", "write"]


@dataclass(frozen=True, slots=True)
class Progress:
    stage: Stage
    done: int
    total: int | None  # None while the total is not known yet (streaming an XLSX sheet)
    elapsed: float

    @property
    def rate(self) -> float:
        """Rows per second so far."""
        return self.done / self.elapsed if self.elapsed > 0 else 0.0

    @property
    def fraction(self) -> float:
        if not self.total:
            return 0.0
        return min(1.0, self.done / self.total)


def format_count(value: float, lang: str) -> str:
    """A whole number the way the reader writes it: ``1 287`` (no-break space) / ``1,287``.

    Kept here until the shared vocabulary module offers number formatting."""
    text = f"{round(value):,}"
    return text.replace(",", "\u00a0") if lang != "en" else text


ProgressCallback = Callable[[Progress], None]
# Either an Event (set it to cancel) or a function returning True when the run should stop.
CancelSignal = threading.Event | Callable[[], bool]

# Checking for cancellation and reporting progress every row would cost more than the work.
REPORT_EVERY = 250


class Cancelled(UserError):
    """The user stopped the run; nothing half-written is left behind."""

    def __init__(self) -> None:
        super().__init__(Problem("screening.cancelled"))


def is_cancelled(cancel: CancelSignal | None) -> bool:
    if cancel is None:
        return False
    if isinstance(cancel, threading.Event):
        return cancel.is_set()
    return bool(cancel())


class Ticker:
    """Reports progress of one stage every `REPORT_EVERY` rows and raises `Cancelled` on request."""

    def __init__(
        self,
        stage: Stage,
        total: int | None,
        progress: ProgressCallback | None,
        cancel: CancelSignal | None,
    ) -> None:
        self.stage: Stage = stage
        self.total = total
        self.progress = progress
        self.cancel = cancel
        self.start = time.perf_counter()

    def tick(self, done: int) -> None:
        if done % REPORT_EVERY:
            return
        self.check()
        self.report(done)

    def check(self) -> None:
        if is_cancelled(self.cancel):
            raise Cancelled()

    def report(self, done: int) -> None:
        if self.progress is not None:
            self.progress(Progress(self.stage, done, self.total, time.perf_counter() - self.start))
