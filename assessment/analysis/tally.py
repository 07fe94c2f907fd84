"""The counts of conflicts and issues every surface prints: one type, one set of sentences.

The app's pages, the full PDF, the short decision report and ``analyse`` all print these numbers
from a `ConflictTally` and its sentences, so "2 målkonflikter" in one place and "3 direct
conflicts" in another cannot happen: each number has one name everywhere.

* ``direct`` — direct goal conflicts the analysis finds in the ratings (not dismissed).
* ``recorded`` / ``decided`` — goal conflicts the group recorded (the Tyréns register) and how
  many of them have a decision or a position. One recorded conflict may cover several direct ones.
* ``latent`` — possible (latent) goal conflicts the analysis finds.
* ``issues`` / ``addressed`` — the analysis' coverage: every issue that needs a measure or a
  position (negative impacts, direct and recorded conflicts, strong latent ones) and how many have
  one. ``open`` = ``issues − addressed``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from assessment.i18n import t

if TYPE_CHECKING:
    from assessment.analysis.model import Coverage
    from assessment.domain import Assessment


@dataclass(frozen=True)
class ConflictTally:
    direct: int
    recorded: int
    decided: int
    latent: int
    issues: int
    addressed: int
    # False when the analysis could not run (the PDF's fallback): then only the recorded
    # conflicts and the negative ratings a measure addresses are counted.
    analysed: bool = True

    @property
    def open(self) -> int:
        return self.issues - self.addressed

    @property
    def undecided(self) -> int:
        return self.recorded - self.decided

    @property
    def percent(self) -> int | None:
        """Share of issues addressed, or None when nothing needs handling."""
        return round(100 * self.addressed / self.issues) if self.issues else None

    # The sentences: each number with its one name, plural forms by the count.
    def direct_text(self, lang: str) -> str:
        return t("analysis.tally_direct", lang, count=self.direct)

    def recorded_text(self, lang: str) -> str:
        return t("analysis.tally_recorded", lang, count=self.recorded, decided=self.decided)

    def latent_text(self, lang: str) -> str:
        return t("analysis.tally_latent", lang, count=self.latent)

    def issues_text(self, lang: str) -> str:
        return t("analysis.tally_issues", lang, count=self.issues, addressed=self.addressed)

    def open_text(self, lang: str) -> str:
        return t("analysis.tally_open", lang, count=self.open)

    def conflicts_text(self, lang: str) -> str:
        """ "3 direkta målkonflikter i bedömningen; 2 registrerade målkonflikter (2 med beslut …)"."""
        if not self.analysed:
            return self.recorded_text(lang)
        return f"{self.direct_text(lang)}; {self.recorded_text(lang)}"

    def to_dict(self) -> dict[str, int]:
        return {
            "direct": self.direct,
            "recorded": self.recorded,
            "decided": self.decided,
            "latent": self.latent,
            "issues": self.issues,
            "addressed": self.addressed,
            "open": self.open,
        }


def conflict_tally(assessment: Assessment, *, direct: int, latent: int, coverage: Coverage) -> ConflictTally:
    """The tally of an analysed assessment (`assessment.analysis.findings` builds it once; every
    surface reads ``Findings.tally``)."""
    return ConflictTally(
        direct=direct,
        recorded=len(assessment.conflicts),
        decided=sum(1 for c in assessment.conflicts if c.handled),
        latent=latent,
        issues=coverage.total,
        addressed=coverage.addressed,
    )
