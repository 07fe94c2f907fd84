"""The four finding types computed from an assessment's interaction graph.

Severities (all on roughly the 0–3 scale of the impacts, so they can be compared):

* direct conflict A(+a) / B(−b): ``a · b / 3``
* latent conflict A(+a), edge A→B = s ≤ −1, no negative recorded on B: ``a · |s| / 3``
* second-order risk A(+a), A→B = s₁ ≥ +1, B→C = s₂ ≤ −1: ``DISCOUNT · a · (s₁/3) · (|s₂|/3)``,
  the strongest path per (A, C), left out when A→C is already a latent conflict
* synergy A(+a), A→B = s ≥ +2: ``a · s / 3``
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import networkx as nx

from assessment.analysis.graph import Edge, effective_out_edges, ratings_by_ref
from assessment.analysis.model import Finding, Origin
from assessment.analysis.refs import CoverSet, goal_ref, is_goal, ref_label, signed, sort_key
from assessment.domain import Assessment
from assessment.i18n import t
from assessment.knowledge.interactions import SCALE

SECOND_ORDER_DISCOUNT = 0.5  # the ½ of SEI's second-order influence
SYNERGY_MIN_SCORE = 2
CONFLICT_MAX_SCORE = -1


@dataclass
class Context:
    """What every detector needs, computed once per analysis."""

    assessment: Assessment
    graph: nx.DiGraph
    lang: str
    impacts: dict[str, int] = field(default_factory=dict)
    _out: dict[str, list[Edge]] = field(default_factory=dict)
    _out_index: dict[str, dict[str, Edge]] = field(default_factory=dict)
    _negatives: CoverSet = field(default_factory=lambda: CoverSet(()))

    def __post_init__(self) -> None:
        self.impacts = {
            ref: r.impact
            for ref, r in ratings_by_ref(self.assessment).items()
            if r.impact is not None and r.impact != 0
        }
        self._negatives = CoverSet(ref for ref, impact in self.impacts.items() if impact < 0)

    def out_edges(self, ref: str) -> list[Edge]:
        if ref not in self._out:
            self._out[ref] = effective_out_edges(self.graph, ref)
            self._out_index[ref] = {edge.target: edge for edge in self._out[ref]}
        return self._out[ref]

    def positives(self) -> list[tuple[str, int]]:
        return sorted(((r, i) for r, i in self.impacts.items() if i > 0), key=lambda item: sort_key(item[0]))

    def negatives(self) -> list[tuple[str, int]]:
        return sorted(((r, i) for r, i in self.impacts.items() if i < 0), key=lambda item: sort_key(item[0]))

    def negative_recorded(self, ref: str) -> bool:
        """A negative impact is recorded on ``ref``, its goal, or (for a goal) one of its targets."""
        return self._negatives.covers(ref)

    def edge(self, source: str, target: str) -> Edge | None:
        """The edge towards ``target``, else towards its goal (a goal score speaks to targets)."""
        self.out_edges(source)
        index = self._out_index[source]
        found = index.get(target)
        if found is None and not is_goal(target):
            found = index.get(goal_ref(target))
        return found

    def label(self, ref: str) -> str:
        return ref_label(ref, self.lang)


def edge_origin(edge: Edge) -> Origin:
    return "assessment_interaction" if edge.origin == "assessment" else "knowledge_base"


def edge_source_text(edge: Edge, lang: str) -> str:
    """Where a score comes from, for people: citation + literature/own judgement, or the workshop."""
    if edge.origin == "assessment":
        if edge.replaced_score is None:
            return t("analysis.source_override_new", lang)
        return t("analysis.source_override", lang, replaced=signed(edge.replaced_score))
    cf = t("analysis.cf", lang)
    cites = [
        re.sub(r"^cf\.\s*", f"{cf} ", c.strip())
        for c in edge.citation.split(";")
        if c.strip() and c.strip().lower() != "project judgement"
    ]
    text = t(f"analysis.basis_{edge.basis}", lang)
    if cites:
        text = f"{text}: {'; '.join(cites)}"
    if edge.inherited:
        text = f"{text} ({t('analysis.inherited', lang)})"
    return text


def edge_reason(edge: Edge, lang: str, brief: bool = False) -> str:
    """ "counteracting, −2: <rationale>" — the scale name, score and (unless brief) why."""
    scale = t(f"analysis.scale_{SCALE[edge.score]}", lang)
    reason = f"{scale}, {signed(edge.score)}"
    if brief:
        return reason
    # The sentence is wrapped in parentheses by the messages: drop its own full stop.
    if edge.note.strip():
        return f"{reason}: {edge.note.strip().rstrip('.')}"
    if edge.rationale is not None:
        return f"{reason}: {edge.rationale.get(lang).rstrip('.')}"
    return reason


def _evidence_rank(score: int | None) -> int:
    """Among equally severe direct conflicts, those the interaction data confirms come first and
    those it expects to go together last."""
    return 1 if score is None or score == 0 else 0 if score < 0 else 2


def _sorted(found: list[Finding]) -> tuple[Finding, ...]:
    return tuple(
        sorted(
            found,
            key=lambda f: (-f.severity, _evidence_rank(f.score), sort_key(f.source), sort_key(f.target)),
        )
    )


def direct_conflicts(ctx: Context) -> tuple[Finding, ...]:
    found: list[Finding] = []
    for a, ia in ctx.positives():
        for b, ib in ctx.negatives():
            edge = ctx.edge(a, b)
            text = t(
                "analysis.direct",
                ctx.lang,
                source=ctx.label(a),
                target=ctx.label(b),
                a=signed(ia),
                b=signed(ib),
            )
            source_text = t("analysis.source_ratings", ctx.lang)
            if edge is not None and edge.score != 0:
                # A negative edge confirms the conflict; a positive one means the two usually go
                # together, so the ratings deserve a second look.
                key = (
                    "analysis.direct_expected_synergy"
                    if edge.score > 0
                    else "analysis.direct_confirmed_override"
                    if edge.origin == "assessment"
                    else "analysis.direct_confirmed"
                )
                text += " " + t(key, ctx.lang, reason=edge_reason(edge, ctx.lang))
                source_text += "; " + edge_source_text(edge, ctx.lang)
            found.append(
                Finding(
                    kind="direct_conflict",
                    source=a,
                    target=b,
                    severity=round(ia * -ib / 3, 3),
                    explanation=text,
                    source_text=source_text,
                    origin="assessment_ratings",
                    score=edge.score if edge is not None else None,
                    basis=edge.basis if edge is not None else "",
                    source_impact=ia,
                    target_impact=ib,
                )
            )
    return _sorted(found)


def latent_conflicts(ctx: Context) -> tuple[Finding, ...]:
    found: list[Finding] = []
    for a, ia in ctx.positives():
        for edge in ctx.out_edges(a):
            b = edge.target
            if edge.score > CONFLICT_MAX_SCORE or ctx.negative_recorded(b):
                continue
            ib = ctx.impacts.get(b)
            question = (
                t("analysis.latent_question", ctx.lang, target=ctx.label(b))
                if ib is None
                else t("analysis.latent_check", ctx.lang, target=ctx.label(b), b=signed(ib))
            )
            text = t(
                "analysis.latent",
                ctx.lang,
                source=ctx.label(a),
                target=ctx.label(b),
                a=signed(ia),
                reason=edge_reason(edge, ctx.lang),
                question=question,
            )
            found.append(
                Finding(
                    kind="latent_conflict",
                    source=a,
                    target=b,
                    severity=round(ia * -edge.score / 3, 3),
                    explanation=text,
                    source_text=edge_source_text(edge, ctx.lang),
                    origin=edge_origin(edge),
                    score=edge.score,
                    basis=edge.basis,
                    source_impact=ia,
                    target_impact=ib,
                )
            )
    return _sorted(found)


def second_order_risks(
    ctx: Context,
    discount: float = SECOND_ORDER_DISCOUNT,
) -> tuple[Finding, ...]:
    best: dict[tuple[str, str], tuple[float, Edge, Edge]] = {}
    for a, ia in ctx.positives():
        direct = CoverSet(e.target for e in ctx.out_edges(a) if e.score <= CONFLICT_MAX_SCORE)
        for first in ctx.out_edges(a):
            if first.score < 1:
                continue
            for second in ctx.out_edges(first.target):
                c = second.target
                if (
                    second.score > CONFLICT_MAX_SCORE
                    or c in (a, first.target)
                    or direct.covers(c)
                    or ctx.negative_recorded(c)
                ):
                    continue
                severity = discount * ia * (first.score / 3) * (-second.score / 3)
                key = (a, c)
                if key not in best or severity > best[key][0]:
                    best[key] = (severity, first, second)
    found: list[Finding] = []
    for (a, c), (severity, first, second) in best.items():
        ia = ctx.impacts[a]
        via = first.target
        text = t(
            "analysis.second_order",
            ctx.lang,
            source=ctx.label(a),
            via=ctx.label(via),
            target=ctx.label(c),
            a=signed(ia),
            first=edge_reason(first, ctx.lang, brief=True),
            second=edge_reason(second, ctx.lang),
        )
        source_text = f"{edge_source_text(first, ctx.lang)} | {edge_source_text(second, ctx.lang)}"
        origin: Origin = (
            "assessment_interaction" if "assessment" in (first.origin, second.origin) else "knowledge_base"
        )
        found.append(
            Finding(
                kind="second_order_risk",
                source=a,
                target=c,
                via=via,
                severity=round(severity, 3),
                explanation=text,
                source_text=source_text,
                origin=origin,
                score=second.score,
                basis=second.basis,
                source_impact=ia,
                target_impact=ctx.impacts.get(c),
            )
        )
    return _sorted(found)


def synergies(ctx: Context) -> tuple[Finding, ...]:
    found: list[Finding] = []
    for a, ia in ctx.positives():
        for edge in ctx.out_edges(a):
            if edge.score < SYNERGY_MIN_SCORE:
                continue
            b = edge.target
            text = t(
                "analysis.synergy",
                ctx.lang,
                source=ctx.label(a),
                target=ctx.label(b),
                a=signed(ia),
                reason=edge_reason(edge, ctx.lang),
            )
            found.append(
                Finding(
                    kind="synergy",
                    source=a,
                    target=b,
                    severity=round(ia * edge.score / 3, 3),
                    explanation=text,
                    source_text=edge_source_text(edge, ctx.lang),
                    origin=edge_origin(edge),
                    score=edge.score,
                    basis=edge.basis,
                    source_impact=ia,
                    target_impact=ctx.impacts.get(b),
                )
            )
    return _sorted(found)
