"""Latent goal conflicts for a claim, from the SDG interaction knowledge base, precomputed.

"Claims +2 on SDG 9: has SDG 15 been considered?" — a positive claim on A, and the knowledge base
says progress on A counteracts B (score ≤ −1). Severity = claimed impact × |score|, as in the
interaction engine. Hints depend only on (claimed ref, impact), so they are computed once per pair
and reused for every application: screening 10,000 rows costs a dict lookup per claim.
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
    score: int  # knowledge-base interaction score source -> target (negative)
    severity: float
    rationale: LocalText
    citation: str

    @property
    def target_goal(self) -> int:
        return int(self.target[4:]) if self.target.startswith("sdg:") else int(self.target.split(".")[0])


# (claimed ref, claimed impact) -> hints, strongest first.
LatentLookup = Callable[[str, int], tuple[LatentHint, ...]]


@dataclass(frozen=True, slots=True)
class Edge:
    source: str
    target: str
    score: int
    rationale: LocalText
    citation: str


def lookup_from_edges(edges: Iterable[Edge]) -> LatentLookup:
    """A memoised lookup over the given negative and positive edges (positive ones are ignored)."""
    by_source: dict[str, list[Edge]] = {}
    for edge in edges:
        if edge.score <= -1:
            by_source.setdefault(edge.source, []).append(edge)

    @lru_cache(maxsize=4096)
    def hints(ref: str, impact: int) -> tuple[LatentHint, ...]:
        if impact <= 0:
            return ()
        sources = [ref]
        if not ref.startswith("sdg:"):
            # A target claim also carries its goal's interactions (the goal table is the denser one).
            sources.append(f"sdg:{ref.split('.')[0]}")
        found: dict[str, LatentHint] = {}
        for source in sources:
            for edge in by_source.get(source, ()):
                hint = LatentHint(
                    ref, edge.target, impact, edge.score, float(impact * -edge.score),
                    edge.rationale, edge.citation,
                )
                if edge.target not in found or found[edge.target].severity < hint.severity:
                    found[edge.target] = hint
        return tuple(sorted(found.values(), key=lambda h: (-h.severity, h.target)))

    return hints


@lru_cache(maxsize=1)
def default_lookup() -> LatentLookup:
    """The lookup over the shipped knowledge base (`sdg_data/interactions_*.csv`)."""
    from assessment.knowledge.interactions import interaction_base

    return lookup_from_edges(
        Edge(i.source, i.target, i.score, i.rationale, i.citation) for i in interaction_base()
    )
