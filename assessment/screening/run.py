"""One screening run end to end: import a file, screen every good row, keep the accounting, and
carry the officer's work (edited motivations, notes, dismissed hints) by application id."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from assessment.domain.projection import gc_paused
from assessment.errors import Problem, ValidationFailed
from assessment.screening.calls import CallProfile
from assessment.screening.flags import Hint
from assessment.screening.importer import ImportResult, RejectedRow, import_applications
from assessment.screening.latent import Interactions
from assessment.screening.portfolio import Portfolio, build_portfolio
from assessment.screening.progress import CancelSignal, ProgressCallback
from assessment.screening.screen import ScreeningResult, screen_all


@dataclass(frozen=True)
class Dismissal:
    """A hint the officer marked "not relevant here", with why, by whom and when, and the score of
    the knowledge-base cell behind the hint then (None: dismissed before scores were recorded)."""

    reason: str
    by: str
    at: dt.datetime
    score: int | None = None


def dismissal_holds(dismissal: Dismissal, hint: Hint) -> bool:
    """A dismissed hint stays dismissed while its evidence is what the officer answered: the cell
    scores as it did then. Without a score on either side (dismissed, or the run saved, before
    scores were recorded) nothing is known, and the dismissal holds."""
    return dismissal.score is None or hint.score is None or dismissal.score == hint.score


@dataclass(frozen=True)
class HintState:
    """An application's hints as the officer left them: open (``changed`` among them: dismissed
    once, but the cell's score changed since, so to be reviewed again) and dismissed."""

    open: tuple[Hint, ...]
    dismissed: tuple[Hint, ...]
    changed: Mapping[str, Dismissal]  # hint key -> the dismissal that no longer holds


@dataclass(frozen=True)
class OfficerWork:
    """What an officer wrote for one application. ``fingerprint`` is the application's content
    when it was written: a re-screened file with other content marks the work as to be checked."""

    motivation: str | None = None  # None = the machine draft is used
    notes: str = ""
    dismissed: Mapping[str, Dismissal] = field(default_factory=dict)
    fingerprint: str = ""
    updated_by: str = ""
    updated_at: dt.datetime | None = None
    revision: int = 0

    @property
    def empty(self) -> bool:
        return self.motivation is None and not self.notes and not self.dismissed


@dataclass
class ScreeningRun:
    call: CallProfile
    imported: ImportResult
    results: list[ScreeningResult]
    # The officer's work, by application id; edited motivations replace the drafts in outputs.
    work: dict[str, OfficerWork] = field(default_factory=dict)
    file_sha256: str = ""
    file_size: int = 0
    screened_at: dt.datetime | None = None
    _portfolio: Portfolio | None = field(default=None, init=False, repr=False)
    _by_id: dict[str, ScreeningResult] | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        # rows in = rows out + rows rejected, checked on every run, not only in tests.
        assert self.rows_in == self.rows_out + self.rows_rejected, "row accounting broken"

    @property
    def rows_in(self) -> int:
        return self.imported.rows_in

    @property
    def rows_out(self) -> int:
        return len(self.results)

    @property
    def rows_rejected(self) -> int:
        return len(self.imported.rejected)

    @property
    def rejected(self) -> list[RejectedRow]:
        return self.imported.rejected

    @property
    def file_name(self) -> str:
        return Path(self.imported.file).name

    def portfolio(self) -> Portfolio:
        """Built once per run (the results do not change after screening)."""
        if self._portfolio is None:
            self._portfolio = build_portfolio(self.results)
        return self._portfolio

    def result(self, app_id: str) -> ScreeningResult | None:
        if self._by_id is None:
            self._by_id = {r.application.id: r for r in self.results}
        return self._by_id.get(app_id)

    def motivation(self, app_id: str) -> str | None:
        """The officer's own motivation text, if they wrote one."""
        work = self.work.get(app_id)
        return work.motivation if work is not None else None

    def changed_since_edit(self, app_id: str) -> bool:
        """The officer worked on this application, and the file now says something else."""
        work = self.work.get(app_id)
        result = self.result(app_id)
        if work is None or work.empty or result is None or not work.fingerprint:
            return False
        return work.fingerprint != result.application.fingerprint

    def dismissed(self, app_id: str) -> Mapping[str, Dismissal]:
        work = self.work.get(app_id)
        return work.dismissed if work is not None else {}

    def hint_state(self, result: ScreeningResult) -> HintState:
        """The hints of ``result`` split by the officer's dismissals (`dismissal_holds`)."""
        dismissed = self.dismissed(result.application.id)
        if not dismissed:
            return HintState(result.hints, (), {})
        held = tuple(h for h in result.hints if h.key in dismissed and dismissal_holds(dismissed[h.key], h))
        changed = {h.key: dismissed[h.key] for h in result.hints if h.key in dismissed and h not in held}
        return HintState(tuple(h for h in result.hints if h not in held), held, changed)

    def orphaned_work(self) -> list[str]:
        """Ids with officer work that are not in this file (kept in the store, listed to the user)."""
        present = {r.application.id for r in self.results}
        return sorted(app_id for app_id, w in self.work.items() if app_id not in present and not w.empty)


def file_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def run_screening(
    data: bytes,
    name: str,
    call: CallProfile,
    *,
    mapping: Mapping[str, str] | None = None,
    other_calls: Sequence[CallProfile] | None = None,
    interactions: Interactions | None = None,
    progress: ProgressCallback | None = None,
    cancel: CancelSignal | None = None,
) -> ScreeningRun:
    """Import and screen one file. ``other_calls`` (default: the built-in ones) are used to
    suggest the right call when the support types fit another one."""
    if other_calls is None:
        from assessment.screening.calls import builtin_calls

        try:
            other_calls = list(builtin_calls().values())
        except ValidationFailed:
            other_calls = []
    # Tens of thousands of small acyclic objects (rows, claims, results): a cyclic collection
    # walking all of them again and again was a fifth of the run's CPU; reference counting frees
    # them, the collector runs again afterwards.
    with gc_paused():
        imported = import_applications(
            data, name, call, mapping=mapping, other_calls=other_calls, progress=progress, cancel=cancel
        )
        results = screen_all(
            imported.applications,
            call,
            interactions=interactions,
            available=imported.available_fields,
            progress=progress,
            cancel=cancel,
        )
    return ScreeningRun(
        call,
        imported,
        results,
        file_sha256=file_digest(data),
        file_size=len(data),
        screened_at=dt.datetime.now(dt.UTC),
    )


def run_file(
    path: Path | str,
    call: CallProfile,
    *,
    mapping: Mapping[str, str] | None = None,
    interactions: Interactions | None = None,
    progress: ProgressCallback | None = None,
    cancel: CancelSignal | None = None,
) -> ScreeningRun:
    path = Path(path)
    try:
        data = path.read_bytes()
    except (FileNotFoundError, IsADirectoryError):
        raise ValidationFailed(Problem("core.file_not_found", file=str(path))) from None
    return run_screening(
        data, str(path), call, mapping=mapping, interactions=interactions, progress=progress, cancel=cancel
    )
