"""One screening run end to end: import a file, screen every good row, keep the accounting."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from assessment.errors import Problem, ValidationFailed
from assessment.screening.calls import CallProfile
from assessment.screening.importer import ImportResult, RejectedRow, import_applications
from assessment.screening.latent import LatentLookup
from assessment.screening.portfolio import Portfolio, build_portfolio
from assessment.screening.progress import CancelSignal, ProgressCallback
from assessment.screening.screen import ScreeningResult, screen_all


@dataclass
class ScreeningRun:
    call: CallProfile
    imported: ImportResult
    results: list[ScreeningResult]
    # The officer's own motivation texts, by application id; they replace the drafts in outputs.
    edited: dict[str, str] = field(default_factory=dict)
    _portfolio: Portfolio | None = field(default=None, init=False, repr=False)

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

    def portfolio(self) -> Portfolio:
        """Built once per run (the results do not change after screening)."""
        if self._portfolio is None:
            self._portfolio = build_portfolio(self.results)
        return self._portfolio

    def result(self, app_id: str) -> ScreeningResult | None:
        return next((r for r in self.results if r.application.id == app_id), None)


def run_screening(
    data: bytes,
    name: str,
    call: CallProfile,
    *,
    latent: LatentLookup | None = None,
    progress: ProgressCallback | None = None,
    cancel: CancelSignal | None = None,
) -> ScreeningRun:
    imported = import_applications(data, name, call, progress=progress, cancel=cancel)
    results = screen_all(imported.applications, call, latent=latent, progress=progress, cancel=cancel)
    return ScreeningRun(call, imported, results)


def run_file(
    path: Path | str,
    call: CallProfile,
    *,
    latent: LatentLookup | None = None,
    progress: ProgressCallback | None = None,
    cancel: CancelSignal | None = None,
) -> ScreeningRun:
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ValidationFailed(Problem("core.file_not_found", file=str(path))) from None
    except IsADirectoryError:
        raise ValidationFailed(Problem("core.file_not_found", file=str(path))) from None
    return run_screening(data, str(path), call, latent=latent, progress=progress, cancel=cancel)
