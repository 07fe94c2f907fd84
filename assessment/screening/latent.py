"""Latent goal conflicts for a claim, from the interaction engine (`assessment.analysis`), memoised.

"Claims +2 on SDG 9: has SDG 15 been considered?" — a positive claim on A where the knowledge base
says progress on A counteracts B. The engine's latent conflicts for a lone claim depend only on
(claimed ref, impact), so they are computed once per pair — in both languages — and reused for
every application: screening 10,000 rows costs a dict lookup per claim, not a graph per row.
Whether B has already been rated negatively is checked per application by the screener.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from assessment.i18n.text import LocalText


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
        if self.target.startswith("sdg:"):
            return int(self.target[4:])
        return int(self.target.split(".")[0])


# (claimed ref, claimed impact) -> hints, strongest first.
LatentLookup = Callable[[str, int], tuple[LatentHint, ...]]


def engine_lookup() -> LatentLookup:
    """Latent conflicts as the interaction engine finds them for a one-claim assessment."""
    from assessment.analysis import findings
    from assessment.domain.assessment import Assessment, Kind, SdgRating

    @lru_cache(maxsize=4096)
    def hints(ref: str, impact: int) -> tuple[LatentHint, ...]:
        if impact <= 0:
            return ()
        if ref.startswith("sdg:"):
            rating = SdgRating(goal=int(ref[4:]), impact=impact)
        else:
            rating = SdgRating(target=ref, impact=impact)
        probe = Assessment(title="screening", kind=Kind.application, sdg=[rating])
        sv = findings(probe, "sv").latent_conflicts
        en = {(f.source, f.target): f for f in findings(probe, "en").latent_conflicts}
        found = []
        for f in sv:
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

    return hints


@dataclass(frozen=True, slots=True)
class Edge:
    source: str
    target: str
    score: int
    explanation: LocalText
    citation: LocalText


def lookup_from_edges(edges: Iterable[Edge]) -> LatentLookup:
    """A lookup over hand-given edges (tests, what-if tables), with the engine's severity formula."""
    by_source: dict[str, list[Edge]] = {}
    for edge in edges:
        if edge.score <= -1:
            by_source.setdefault(edge.source, []).append(edge)

    @lru_cache(maxsize=4096)
    def hints(ref: str, impact: int) -> tuple[LatentHint, ...]:
        if impact <= 0:
            return ()
        found = [
            LatentHint(ref, e.target, impact, e.score, impact * -e.score / 3, e.explanation, e.citation)
            for e in by_source.get(ref, ())
        ]
        return tuple(sorted(found, key=lambda h: (-h.severity, h.target)))

    return hints


@lru_cache(maxsize=1)
def default_lookup() -> LatentLookup:
    return engine_lookup()
