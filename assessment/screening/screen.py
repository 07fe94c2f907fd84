"""Screen each application against its call. Pure work over precomputed lookups; no I/O.

Flags are the call's requirements the application does not meet:

- *required goals*: only a positive claim addresses a goal the call names. A zero says "no
  effect" and a negative claim is a harm — flagged on its own (`required_goal_harmed`), never
  counted as addressed (review finding B6);
- *declared goal conflict*: +a on A and −b on B where an interaction links them (`direct_conflict`);
- *dimensions* and the *question battery*: answered by a text that is long enough and is not a
  placeholder ("Ej relevant.");
- *claims without a motivation*, *claims that cannot be read*;
- *only positive impacts*: no negative claim and no described negative impact; a text that says
  there is none ("Ingen negativ påverkan bedöms uppstå.") is that statement, not a description
  (`negatives_denied`).

A check whose column is not in the file is *not checked* (and said so once for the whole file by
the importer), never a flag on every row. Hints are the interaction engine's latent conflicts: few
(the call's ``max_hints``, strongest first), never about a goal the applicant already rated, and
never flags.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import lru_cache

from assessment.domain.refs import goal_label, goal_number, ref_label
from assessment.formats import signed
from assessment.i18n import LANGUAGES, t
from assessment.i18n.text import LocalText
from assessment.screening.answers import answers
from assessment.screening.calls import BatteryQuestion, CallProfile
from assessment.screening.fields import DIMENSIONS, FIELDS, Dimension
from assessment.screening.flags import Flag, FlagCode, Hint, Severity, make_flag, problem_text
from assessment.screening.latent import (
    Activities,
    DirectConflict,
    Interactions,
    LatentHint,
    activities,
    default_interactions,
)
from assessment.screening.model import Application, Claim
from assessment.screening.progress import CancelSignal, ProgressCallback, Ticker

ALL_FIELDS: frozenset[str] = frozenset(f.name for f in FIELDS)
# From this many positive claims, all at the top of the scale (+3) reads as a claim of everything
# rather than an assessment (the review's greenwashing application 0107).
UNIFORM_MIN_CLAIMS = 5


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


def join_alternatives(items: Sequence[LocalText]) -> LocalText:
    """``a, b eller c`` / ``a, b or c``: after a negation ("behandlar inte …")."""
    return LocalText(sv=_join([i.sv for i in items], "eller"), en=_join([i.en for i in items], "or"))


@dataclass(frozen=True, slots=True)
class ScreeningResult:
    application: Application
    flags: tuple[Flag, ...]
    hints: tuple[Hint, ...]
    goals_addressed: tuple[int, ...]  # required goals with a positive claim
    goals_missing: tuple[int, ...]  # required goals without one
    goals_harmed: tuple[tuple[int, int], ...]  # (required goal, negative impact claimed)
    dimensions_described: tuple[Dimension, ...]  # all three checked, not only the required ones
    dimensions_missing: tuple[Dimension, ...]  # required by the call but not described
    questions_open: tuple[BatteryQuestion, ...]
    latent: tuple[LatentHint, ...]  # the hints' engine findings
    direct: tuple[DirectConflict, ...]
    goals_score: float
    dimensions_score: float
    questions_score: float
    negatives_considered: bool  # a negative claim, or a described negative impact
    negatives_denied: bool  # the negative-impact text says there is none
    unchecked: tuple[str, ...] = ()  # fields the call checks that the file has no column for

    @property
    def completeness(self) -> int:
        """0–100: the mean of the goal, dimension and question coverage (checked items only)."""
        return round(100 * (self.goals_score + self.dimensions_score + self.questions_score) / 3)

    @property
    def flagged(self) -> bool:
        return bool(self.flags)


class Screener:
    """Screens applications against one call; holds the call's precomputed lookups."""

    def __init__(
        self,
        call: CallProfile,
        interactions: Interactions | None = None,
        available: Collection[str] | None = None,
    ) -> None:
        self.call = call
        self.interactions = interactions if interactions is not None else default_interactions()
        self.available = frozenset(available) if available is not None else ALL_FIELDS
        self.answers = answers()
        self.required_goals = tuple(call.required_goals)
        self.required_set = frozenset(call.required_goals)
        self.needed = call.goals_needed
        self.required_dims = tuple(d for d in call.required_dimensions if d in self.available)
        self.questions = tuple(q for q in call.questions if q.field in self.available)
        self.unchecked = tuple(
            dict.fromkeys(
                [d for d in call.required_dimensions if d not in self.available]
                + [q.field for q in call.questions if q.field not in self.available]
            )
        )
        self.check_claims = "sdg_claims" in self.available
        self.check_negatives = "negative_impacts" in self.available
        # Flags that do not depend on the application are built once per call.
        self.no_claims = make_flag("no_claims", "high", {})
        self.only_positive = make_flag("only_positive", "medium", {})
        self.dimension_flags = {
            d: make_flag(
                "dimension_missing",
                "medium",
                {"dimension": dimension_text(d), "min": call.dimension_min_chars},
            )
            for d in DIMENSIONS
        }
        self.question_flags = {
            q.id: make_flag(
                "question_unanswered", "medium", {"question": q.text, "field": _field_label(q.field)}
            )
            for q in call.questions
        }
        self._goal_flags: dict[tuple[object, ...], Flag] = {}
        self._harm_flags: dict[tuple[int, int], Flag] = {}
        self._claim_flags: dict[tuple[str, int], Flag] = {}
        self._hints: dict[tuple[str, str, int], Hint] = {}
        self._direct_flags: dict[tuple[str, int, str, int, str, str], Flag] = {}

    # -- flag factories (memoised: the same flag recurs across thousands of rows) -----------

    def _missing_goals_flag(self, missing: tuple[int, ...], addressed: int, zeros: tuple[int, ...]) -> Flag:
        key = (*missing, -addressed, "z", *zeros)
        flag = self._goal_flags.get(key)
        if flag is None:
            params: dict[str, object] = {
                "goals": join_texts([goal_text(g) for g in missing]),
                "needed": self.needed,
                "addressed": addressed,
            }
            if zeros:
                params["zeros"] = join_texts([goal_text(g) for g in zeros])
                flag = _flag_with_key(
                    "required_goals_missing", "flag_required_goals_missing_zero", "high", params
                )
            else:
                flag = make_flag("required_goals_missing", "high", params)
            self._goal_flags[key] = flag
        return flag

    def _harm_flag(self, goal: int, impact: int) -> Flag:
        flag = self._harm_flags.get((goal, impact))
        if flag is None:
            flag = self._harm_flags[(goal, impact)] = make_flag(
                "required_goal_harmed", "high", {"goal": goal_text(goal), "impact": _signed(impact)}
            )
        return flag

    def _claim_flag(self, ref: str, impact: int) -> Flag:
        flag = self._claim_flags.get((ref, impact))
        if flag is None:
            flag = self._claim_flags[(ref, impact)] = make_flag(
                "claim_undescribed", "medium", {"claim": ref_text(ref), "impact": _signed(impact)}
            )
        return flag

    def _direct_flag(self, conflict: DirectConflict) -> Flag:
        # The texts are in the key: the same pair reads differently for another activity (the
        # word that made an activity-bound cell apply is named).
        key = (
            conflict.source,
            conflict.source_impact,
            conflict.target,
            conflict.target_impact,
            conflict.explanation.sv,
            conflict.citation.sv,
        )
        flag = self._direct_flags.get(key)
        if flag is None:
            flag = self._direct_flags[key] = make_flag(
                "direct_conflict",
                "high",
                # The explanation names the claims ("Ansökan anger positiv påverkan på …").
                {"explanation": conflict.explanation, "citation": conflict.citation},
            )
        return flag

    def _hint(self, hint: LatentHint) -> Hint:
        key = (hint.source, hint.target, hint.impact)
        found = self._hints.get(key)
        if found is None:
            texts = {
                lang: t(
                    "screening.flag_latent_conflict",
                    lang,
                    explanation=hint.explanation.get(lang),
                    citation=hint.citation.get(lang),
                )
                for lang in LANGUAGES
            }
            found = self._hints[key] = Hint(
                hint.key, hint.source, hint.target, hint.severity, LocalText(**texts), hint.score
            )
        return found

    # -- checks ------------------------------------------------------------------------------

    def answered(self, app: Application, question: BatteryQuestion) -> bool:
        if question.field == "sdg_claims":
            # Any readable claim answers "how does it contribute"; "9:+1" alone is 4 characters.
            return bool(app.claims) and sum(len(c.text) + 5 for c in app.claims) >= question.min_chars
        text = app.title if question.field == "title" else app.text(question.field)
        return self.answers.substantive(text, question.min_chars)

    def screen(self, app: Application) -> ScreeningResult:
        call = self.call
        flags: list[Flag] = []
        claims = app.claims

        if self.check_claims:
            if app.claim_problems:
                flags.append(_unreadable_flag(app))
            elif not claims:
                flags.append(self.no_claims)

        positive_goals = {c.goal for c in claims if c.impact > 0}
        addressed = tuple(g for g in self.required_goals if g in positive_goals)
        missing = tuple(g for g in self.required_goals if g not in positive_goals)
        harmed = tuple(
            sorted({(c.goal, c.impact) for c in claims if c.impact < 0 and c.goal in self.required_set})
        )
        zeros = tuple(
            g for g in missing if any(c.goal == g and c.impact == 0 for c in claims) and g not in dict(harmed)
        )
        if self.check_claims and self.required_goals and len(addressed) < self.needed:
            flags.append(self._missing_goals_flag(missing, len(addressed), zeros))
        flags.extend(self._harm_flag(g, i) for g, i in harmed)

        named = activities(app.title, app.description, *(c.text for c in claims))
        direct = self._direct(claims, named)
        flags.extend(self._direct_flag(d) for d in direct)

        described = tuple(
            d
            for d in DIMENSIONS
            if d in self.available and self.answers.substantive(app.text(d), call.dimension_min_chars)
        )
        dims_missing = tuple(d for d in self.required_dims if d not in described)
        flags.extend(self.dimension_flags[d] for d in dims_missing)

        questions_open = tuple(q for q in self.questions if not self.answered(app, q))
        flags.extend(self.question_flags[q.id] for q in questions_open)

        for claim in claims:
            if claim.impact != 0 and not self.answers.substantive(claim.text, call.claim_min_chars):
                flags.append(self._claim_flag(claim.ref, claim.impact))
        positives = [c for c in claims if c.impact > 0]
        if len(positives) >= UNIFORM_MIN_CLAIMS and all(c.impact == 3 for c in positives):
            flags.append(make_flag("claims_uniform", "medium", {"count": len(positives)}))

        negative_text = app.text("negative_impacts")
        denied = bool(negative_text) and self.answers.is_denial(negative_text)
        negatives_considered = any(c.impact < 0 for c in claims) or (
            not denied and self.answers.substantive(negative_text, call.claim_min_chars)
        )
        if claims and not negatives_considered and self.check_negatives:
            flags.append(_denied_flag(negative_text) if denied else self.only_positive)

        if "sami_considerations" in self.available and (
            quote := informed_only(app.text("sami_considerations"))
        ):
            flags.append(make_flag("sami_informed_only", "medium", {"quote": quote}))

        latent = self._latent(app, named)
        hints = tuple(self._hint(h) for h in latent)

        goals_score = min(1.0, len(addressed) / self.needed) if self.needed else 1.0
        dims_score = 1 - len(dims_missing) / len(self.required_dims) if self.required_dims else 1.0
        questions_score = 1 - len(questions_open) / len(self.questions) if self.questions else 1.0
        return ScreeningResult(
            application=app,
            flags=tuple(flags),
            hints=hints,
            goals_addressed=addressed,
            goals_missing=missing,
            goals_harmed=harmed,
            dimensions_described=described,
            dimensions_missing=dims_missing,
            questions_open=questions_open,
            latent=latent,
            direct=direct,
            goals_score=goals_score,
            dimensions_score=dims_score,
            questions_score=questions_score,
            negatives_considered=negatives_considered,
            negatives_denied=denied and not any(c.impact < 0 for c in claims),
            unchecked=self.unchecked,
        )

    def _direct(self, claims: Sequence[Claim], named: Activities) -> tuple[DirectConflict, ...]:
        found: list[DirectConflict] = []
        positives = [c for c in claims if c.impact > 0]
        negatives = [c for c in claims if c.impact < 0]
        for a in positives:
            for b in negatives:
                conflict = self.interactions.direct(a.ref, a.impact, b.ref, b.impact, named)
                if conflict is not None:
                    found.append(conflict)
        return tuple(sorted(found, key=lambda d: (-d.severity, d.source, d.target)))

    def _latent(self, app: Application, named: Activities) -> tuple[LatentHint, ...]:
        # A goal the applicant rated at all (either sign, or zero) has been considered: asking
        # "have you assessed it?" would be noise (review finding B5).
        rated_goals = {c.goal for c in app.claims}
        rated_refs = {c.ref for c in app.claims}
        best: dict[str, LatentHint] = {}
        threshold = self.call.latent_min_severity
        for claim in app.claims:
            if claim.impact <= 0:
                continue
            for hint in self.interactions.latent(claim.ref, claim.impact, named):
                if hint.severity < threshold:
                    break  # hints come strongest first
                if hint.target in rated_refs or goal_number(hint.target) in rated_goals:
                    continue
                if hint.target not in best or best[hint.target].severity < hint.severity:
                    best[hint.target] = hint
        ranked = sorted(best.values(), key=lambda h: (-h.severity, h.source, h.target))
        return tuple(ranked[: self.call.max_hints])


def _signed(value: int) -> str:
    return signed(value)


def _field_label(name: str) -> LocalText:
    from assessment.screening.fields import FIELD_BY_NAME

    return FIELD_BY_NAME[name].label if name in FIELD_BY_NAME else LocalText(sv=name, en=name)


def _flag_with_key(code: FlagCode, key: str, severity: Severity, params: dict[str, object]) -> Flag:
    """A flag of ``code`` whose reason uses another message (a variant of the same flag)."""
    texts = {}
    for lang in LANGUAGES:
        resolved = {k: (v.get(lang) if isinstance(v, LocalText) else v) for k, v in params.items()}
        texts[lang] = t(f"screening.{key}", lang, **resolved)
    return Flag(code, severity, LocalText(**texts))


def _unreadable_flag(app: Application) -> Flag:
    texts = {lang: "; ".join(problem_text(p, lang) for p in app.claim_problems) for lang in LANGUAGES}
    return make_flag(
        "claims_unreadable", "medium", {"problems": LocalText(**texts), "count": len(app.claim_problems)}
    )


# "Samebyn har informerats" is information, not the consultation lag (2022:66) requires; a text
# that also speaks of consulting (konsult-) or of Sametinget's answer is not flagged.
_INFORMED = re.compile(r"\binform\w*|\bunderrätta\w*|\bmeddela\w*", re.IGNORECASE)
_CONSULTED = re.compile(r"\bkonsult\w*|\bconsult\w*", re.IGNORECASE)


def informed_only(text: str) -> str:
    """The sentence saying Sami parties were only informed, or "" (a short quote for the flag)."""
    if not text or _CONSULTED.search(text) or not _INFORMED.search(text):
        return ""
    first = " ".join(text.split())
    return first if len(first) <= 80 else first[:79] + "…"


def _denied_flag(text: str) -> Flag:
    first = " ".join(text.split())
    quote = first if len(first) <= 80 else first[:79] + "…"
    return make_flag("negatives_denied", "medium", {"quote": quote})


def screen_all(
    applications: Sequence[Application],
    call: CallProfile,
    *,
    interactions: Interactions | None = None,
    available: Collection[str] | None = None,
    progress: ProgressCallback | None = None,
    cancel: CancelSignal | None = None,
) -> list[ScreeningResult]:
    screener = Screener(call, interactions, available)
    ticker = Ticker("screen", len(applications), progress, cancel)
    results: list[ScreeningResult] = []
    for done, app in enumerate(applications, start=1):
        results.append(screener.screen(app))
        ticker.tick(done)
    ticker.check()
    ticker.report(len(applications))
    return results
