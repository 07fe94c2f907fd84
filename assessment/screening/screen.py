"""Screen each application against its call: question battery, required goals, dimensions,
claims without a description, only-positive claims, and latent conflicts from the interaction
knowledge base. Pure work over precomputed lookups; no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from assessment.i18n import t
from assessment.i18n.text import LocalText
from assessment.screening.calls import BatteryQuestion, CallProfile
from assessment.screening.fields import DIMENSIONS, Dimension
from assessment.screening.flags import Flag, Severity, make_flag
from assessment.screening.latent import LatentHint, LatentLookup, default_lookup
from assessment.screening.model import Application
from assessment.screening.progress import CancelSignal, ProgressCallback, Ticker
from assessment.screening.sdg_codes import goal_label, ref_label

# Engine severity impact·|score|/3: from 4/3 (e.g. +2 on a −2 edge) a latent conflict is "high".
HIGH_SEVERITY = 4 / 3


@lru_cache(maxsize=64)
def goal_text(goal: int) -> LocalText:
    return LocalText(sv=goal_label(goal, "sv"), en=goal_label(goal, "en"))


@lru_cache(maxsize=512)
def ref_text(ref: str) -> LocalText:
    return LocalText(sv=ref_label(ref, "sv"), en=ref_label(ref, "en"))


@lru_cache(maxsize=8)
def dimension_text(dimension: str) -> LocalText:
    return LocalText(sv=t(f"screening.dim_{dimension}", "sv"), en=t(f"screening.dim_{dimension}", "en"))


def _join(parts: list[str], last: str) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + f" {last} " + parts[-1]


def join_texts(items: Sequence[LocalText]) -> LocalText:
    """``a, b och c`` / ``a, b and c``."""
    return LocalText(sv=_join([i.sv for i in items], "och"), en=_join([i.en for i in items], "and"))


@dataclass(frozen=True, slots=True)
class ScreeningResult:
    application: Application
    flags: tuple[Flag, ...]
    goals_addressed: tuple[int, ...]
    goals_missing: tuple[int, ...]
    dimensions_described: tuple[Dimension, ...]  # all three checked, not only the required ones
    dimensions_missing: tuple[Dimension, ...]  # required by the call but not described
    questions_open: tuple[BatteryQuestion, ...]
    latent: tuple[LatentHint, ...]
    goals_score: float
    dimensions_score: float
    questions_score: float
    negatives_considered: bool

    @property
    def completeness(self) -> int:
        """0–100: the mean of the goal, dimension and question coverage."""
        return round(100 * (self.goals_score + self.dimensions_score + self.questions_score) / 3)

    @property
    def flagged(self) -> bool:
        return bool(self.flags)


class Screener:
    """Screens applications against one call; holds the call's precomputed lookups."""

    def __init__(self, call: CallProfile, latent: LatentLookup | None = None) -> None:
        self.call = call
        self.latent = latent if latent is not None else default_lookup()
        self.required_goals = tuple(call.required_goals)
        self.needed = call.goals_needed
        self.required_dims = tuple(call.required_dimensions)
        # Flags that do not depend on the application are built once per call.
        self.no_claims = make_flag("no_claims", "high", {})
        self.only_positive = make_flag("only_positive", "medium", {})
        self.dimension_flags = {
            d: make_flag(
                "dimension_missing",
                "medium",
                {
                    "dimension": dimension_text(d),
                    "min": call.dimension_min_chars,
                },
            )
            for d in DIMENSIONS
        }
        self.question_flags = {
            q.id: make_flag("question_unanswered", "medium", {"question": q.text, "field": q.field})
            for q in call.questions
        }
        self._goal_flags: dict[tuple[int, ...], Flag] = {}
        self._claim_flags: dict[tuple[str, int], Flag] = {}
        self._latent_flags: dict[tuple[str, str, int], Flag] = {}

    def _missing_goals_flag(self, missing: tuple[int, ...], addressed: int) -> Flag:
        key = (*missing, -addressed)
        flag = self._goal_flags.get(key)
        if flag is None:
            flag = self._goal_flags[key] = make_flag(
                "required_goals_missing",
                "high",
                {
                    "goals": join_texts([goal_text(g) for g in missing]),
                    "needed": self.needed,
                    "addressed": addressed,
                },
            )
        return flag

    def _claim_flag(self, ref: str, impact: int) -> Flag:
        flag = self._claim_flags.get((ref, impact))
        if flag is None:
            flag = self._claim_flags[(ref, impact)] = make_flag(
                "claim_undescribed",
                "medium",
                {
                    "claim": ref_text(ref),
                    "impact": f"{impact:+d}",
                },
            )
        return flag

    def _latent_flag(self, hint: LatentHint) -> Flag:
        key = (hint.source, hint.target, hint.impact)
        flag = self._latent_flags.get(key)
        if flag is None:
            severity: Severity = "high" if hint.severity >= HIGH_SEVERITY else "low"
            flag = self._latent_flags[key] = make_flag(
                "latent_conflict",
                severity,
                {
                    "explanation": hint.explanation,
                    "citation": hint.citation,
                },
            )
        return flag

    def answered(self, app: Application, question: BatteryQuestion) -> bool:
        if question.field == "sdg_claims":
            text = app.claims_text()
        elif question.field == "title":
            text = app.title
        else:
            text = app.text(question.field)
        return len(text.strip()) >= question.min_chars

    def screen(self, app: Application) -> ScreeningResult:
        call = self.call
        flags: list[Flag] = []
        claims = app.claims

        if not claims:
            flags.append(self.no_claims)

        claimed_goals = {c.goal for c in claims}
        addressed = tuple(g for g in self.required_goals if g in claimed_goals)
        missing = tuple(g for g in self.required_goals if g not in claimed_goals)
        if len(addressed) < self.needed:
            flags.append(self._missing_goals_flag(missing, len(addressed)))

        described = tuple(d for d in DIMENSIONS if len(app.text(d)) >= call.dimension_min_chars)
        dims_missing = tuple(d for d in self.required_dims if d not in described)
        flags.extend(self.dimension_flags[d] for d in dims_missing)

        questions_open = tuple(q for q in call.questions if not self.answered(app, q))
        flags.extend(self.question_flags[q.id] for q in questions_open)

        for claim in claims:
            if len(claim.text) < call.claim_min_chars:
                flags.append(self._claim_flag(claim.ref, claim.impact))

        negatives_considered = any(c.impact < 0 for c in claims) or (
            len(app.text("negative_impacts")) >= call.claim_min_chars
        )
        if claims and not negatives_considered:
            flags.append(self.only_positive)

        latent = self._latent(app)
        flags.extend(self._latent_flag(h) for h in latent)

        goals_score = min(1.0, len(addressed) / self.needed) if self.needed else 1.0
        dims_score = 1 - len(dims_missing) / len(self.required_dims) if self.required_dims else 1.0
        questions_score = 1 - len(questions_open) / len(call.questions) if call.questions else 1.0
        return ScreeningResult(
            application=app,
            flags=tuple(flags),
            goals_addressed=addressed,
            goals_missing=missing,
            dimensions_described=described,
            dimensions_missing=dims_missing,
            questions_open=questions_open,
            latent=latent,
            goals_score=goals_score,
            dimensions_score=dims_score,
            questions_score=questions_score,
            negatives_considered=negatives_considered,
        )

    def _latent(self, app: Application) -> tuple[LatentHint, ...]:
        # A goal the applicant already rates negatively has been considered; no hint for it.
        considered: set[str] = set()
        for claim in app.claims:
            if claim.impact < 0:
                considered.add(claim.ref)
                considered.add(f"sdg:{claim.goal}")
        best: dict[str, LatentHint] = {}
        threshold = self.call.latent_min_severity
        for claim in app.claims:
            if claim.impact <= 0:
                continue
            for hint in self.latent(claim.ref, claim.impact):
                if hint.severity < threshold:
                    break  # hints come strongest first
                if hint.target in considered or f"sdg:{hint.target_goal}" in considered:
                    continue
                if hint.target not in best or best[hint.target].severity < hint.severity:
                    best[hint.target] = hint
        return tuple(sorted(best.values(), key=lambda h: (-h.severity, h.source, h.target)))


def screen_all(
    applications: Sequence[Application],
    call: CallProfile,
    *,
    latent: LatentLookup | None = None,
    progress: ProgressCallback | None = None,
    cancel: CancelSignal | None = None,
) -> list[ScreeningResult]:
    screener = Screener(call, latent)
    ticker = Ticker("screen", len(applications), progress, cancel)
    results: list[ScreeningResult] = []
    for done, app in enumerate(applications, start=1):
        results.append(screener.screen(app))
        ticker.tick(done)
    ticker.check()
    ticker.report(len(applications))
    return results
