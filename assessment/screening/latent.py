"""What the interaction engine (`assessment.analysis`) says about an application's claims, memoised.

Two questions, both answered by the engine on a probe assessment holding only the claims in
question, so the screening follows the engine's rules (and its knowledge base) exactly:

- *latent conflicts* — "claims +2 on SDG 9: has SDG 15 been considered?", a positive claim on A
  where the knowledge base says progress on A counteracts B. These become the application's
  *hints* (things to consider), never flags.
- *direct conflicts* — the application's own claims +a on A and −b on B, where an interaction
  links them (A counteracts B). These are flags: the applicant declares a goal conflict. A claim
  pair without such a link is not a conflict (the engine calls it simultaneous effects). The
  engine's own rule decides (`assessment.analysis.detect.direct_conflict`), not a copy of it.

A goal-level cell speaks for a claimed target only where the knowledge base's ``applies_to``
names it, exactly as in the engine, so a claim on 11.4 is not told about goal 11's cells; a goal
cell whose source ties it to targets the claims do not name is "general" evidence, which links
no direct conflict and gives no hint (it is out of the engine's default view too). A cell bound
to an activity (``case`` in the knowledge base: wind power, a solar park, a fuel station …)
speaks — for hints and direct conflicts alike — when the application names that activity
(`activities`: its title, description and claim texts, as the engine reads an assessment's
title, description and rating comments), so a wind farm in reindeer pasture gets the reindeer
hint (and a flag if it claims a harm to reindeer husbandry) and a rooftop solar roof does not.

The answers depend only on (ref, impact, activities named) or (ref, impact, ref, impact,
activities named), so they are computed once per distinct key — in both languages — and reused
for every application: screening 10,000 rows costs a few pattern searches and dict lookups, not a
graph per row.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Protocol

from assessment.domain.refs import goal_number, is_goal, ref_label, signed
from assessment.i18n import LANGUAGES, t
from assessment.i18n.text import LocalText

if TYPE_CHECKING:
    from assessment.domain.assessment import Assessment


@dataclass(frozen=True, slots=True)
class LatentHint:
    source: str  # the claimed ref, "sdg:9" or "9.4"
    target: str  # the ref that may suffer
    impact: int  # the applicant's claimed impact on ``source``
    score: int  # interaction score source -> target (negative)
    severity: float  # the engine's scale: impact·|score|/3 (0..3)
    explanation: LocalText
    citation: LocalText

    @property
    def target_goal(self) -> int:
        return goal_number(self.target)

    @property
    def key(self) -> str:
        """Stable id of the hint within an application (for dismissals)."""
        return f"{self.source}>{self.target}"


@dataclass(frozen=True, slots=True)
class DirectConflict:
    source: str  # positively claimed ref
    target: str  # negatively claimed ref
    source_impact: int
    target_impact: int
    score: int  # the linking interaction (≤ −1)
    severity: float
    explanation: LocalText
    citation: LocalText


# The activities an application names: trigger id -> the word that names it (`activities`).
Activities = tuple[tuple[str, str], ...]


def activities(*texts: str) -> Activities:
    """The knowledge base's activity triggers the texts name, in a stable order (a cache key)."""
    from assessment.knowledge.region import case_triggers

    return tuple(sorted(case_triggers().found_in("\n".join(texts)).items()))


class Interactions(Protocol):
    def latent(self, ref: str, impact: int, named: Activities = ()) -> tuple[LatentHint, ...]:
        """Latent conflicts of one positive claim, strongest first, with the cells bound to the
        ``named`` activities active."""

    def direct(
        self, source: str, source_impact: int, target: str, target_impact: int, named: Activities = ()
    ) -> DirectConflict | None:
        """The conflict between a positive and a negative claim, if an interaction links them
        (with the cells bound to the ``named`` activities active)."""


class EngineInteractions:
    """The interaction engine's answers, as it gives them for a one- or two-claim assessment."""

    def __init__(self) -> None:
        self._latent_cache: dict[tuple[str, int, Activities], tuple[LatentHint, ...]] = {}
        self._direct_cache: dict[tuple[str, int, str, int, Activities], DirectConflict | None] = {}
        self._ctx: dict[Activities, dict[str, Any]] = {}

    def latent(self, ref: str, impact: int, named: Activities = ()) -> tuple[LatentHint, ...]:
        key = (ref, impact, named)
        if key not in self._latent_cache:
            self._latent_cache[key] = self._latent(ref, impact, named)
        return self._latent_cache[key]

    def direct(
        self, source: str, source_impact: int, target: str, target_impact: int, named: Activities = ()
    ) -> DirectConflict | None:
        key = (source, source_impact, target, target_impact, named)
        if key not in self._direct_cache:
            self._direct_cache[key] = self._direct(*key)
        return self._direct_cache[key]

    @staticmethod
    def _probe(*claims: tuple[str, int], named: Activities = ()) -> Assessment:
        from assessment.domain.assessment import Assessment, Kind, SdgRating

        ratings = [
            SdgRating(goal=goal_number(ref), impact=impact)
            if is_goal(ref)
            else SdgRating(target=ref, impact=impact)
            for ref, impact in claims
        ]
        # The words that named the activities, as the probe's description: the engine finds the
        # same activities in it and names the same word in its source text.
        description = "\n".join(word for _, word in named)
        return Assessment(title="screening", description=description, kind=Kind.application, sdg=ratings)

    def _latent(self, ref: str, impact: int, named: Activities) -> tuple[LatentHint, ...]:
        from assessment.analysis import findings
        from assessment.analysis.view import specific

        if impact <= 0:
            return ()
        probe = self._probe((ref, impact), named=named)
        sv = findings(probe, "sv", subject="application").latent_conflicts
        en = {(f.source, f.target): f for f in findings(probe, "en", subject="application").latent_conflicts}
        found = []
        for f in sv:
            if not specific(f):
                continue  # "general" evidence: true of any application claiming these goals
            other = en.get((f.source, f.target), f)
            found.append(
                LatentHint(
                    ref,
                    f.target,
                    impact,
                    f.score or 0,
                    f.severity,
                    LocalText(sv=f.explanation, en=other.explanation),
                    LocalText(sv=f.source_text, en=other.source_text),
                )
            )
        return tuple(sorted(found, key=lambda h: (-h.severity, h.target)))

    def _contexts(self, named: Activities) -> dict[str, Any]:
        """One analysis context per language over the knowledge base alone (no claims), with the
        ``named`` activities' cells active: the link between two refs does not depend on the rest
        of the application, so it is looked up, not recomputed per pair."""
        if named not in self._ctx:
            from assessment.analysis.detect import Context
            from assessment.analysis.graph import interaction_graph

            empty = self._probe(named=named)
            graph = interaction_graph(empty)
            self._ctx[named] = {
                lang: Context(empty, graph, lang, subject="application") for lang in LANGUAGES
            }
        return self._ctx[named]

    def _direct(
        self, source: str, source_impact: int, target: str, target_impact: int, named: Activities
    ) -> DirectConflict | None:
        """The engine's direct-conflict rule and wording (`detect.direct_conflict`), per language."""
        from assessment.analysis.detect import direct_conflict

        if source_impact <= 0 or target_impact >= 0:
            return None
        found = {
            lang: direct_conflict(ctx, source, source_impact, target, target_impact)
            for lang, ctx in self._contexts(named).items()
        }
        first = found["sv"]
        if first is None or first.score is None:
            return None
        texts = {lang: f.explanation for lang, f in found.items() if f is not None}
        sources = {lang: f.source_text for lang, f in found.items() if f is not None}
        return DirectConflict(
            source,
            target,
            source_impact,
            target_impact,
            first.score,
            first.severity,
            LocalText(**texts),
            LocalText(**sources),
        )


@dataclass(frozen=True, slots=True)
class Edge:
    source: str
    target: str
    score: int
    explanation: LocalText
    citation: LocalText


class EdgeInteractions:
    """Interactions over hand-given edges (tests, what-if tables), with the engine's formulas."""

    def __init__(self, edges: Iterable[Edge]) -> None:
        self.by_source: dict[str, list[Edge]] = {}
        for edge in edges:
            if edge.score <= -1:
                self.by_source.setdefault(edge.source, []).append(edge)

    def latent(self, ref: str, impact: int, named: Activities = ()) -> tuple[LatentHint, ...]:
        if impact <= 0:
            return ()
        found = [
            LatentHint(ref, e.target, impact, e.score, impact * -e.score / 3, e.explanation, e.citation)
            for e in self.by_source.get(ref, ())
        ]
        return tuple(sorted(found, key=lambda h: (-h.severity, h.target)))

    def direct(
        self, source: str, source_impact: int, target: str, target_impact: int, named: Activities = ()
    ) -> DirectConflict | None:
        if source_impact <= 0 or target_impact >= 0:
            return None
        for e in self.by_source.get(source, ()):
            if e.target == target:  # as the engine: no goal-level cell pushed down to a target
                from assessment.analysis.detect import subject_key

                # Worded as the engine words it (the claims, then the link's explanation).
                claims = {
                    lang: t(
                        subject_key("analysis.direct", "application"),
                        lang,
                        source=ref_label(source, lang),
                        target=ref_label(target, lang),
                        a=signed(source_impact),
                        b=signed(target_impact),
                    )
                    for lang in LANGUAGES
                }
                return DirectConflict(
                    source,
                    target,
                    source_impact,
                    target_impact,
                    e.score,
                    round(source_impact * -target_impact / 3, 3),
                    LocalText(**{lang: f"{claims[lang]} {e.explanation.get(lang)}" for lang in LANGUAGES}),
                    e.citation,
                )
        return None


@lru_cache(maxsize=1)
def default_interactions() -> Interactions:
    return EngineInteractions()
