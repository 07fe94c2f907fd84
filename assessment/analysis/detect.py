"""The finding types computed from an assessment's interaction graph.

Severities (all on roughly the 0–3 scale of the impacts, so they can be compared):

* direct conflict A(+a) / B(−b), linked by an interaction A→B ≤ −1 or a recorded conflict:
  ``a · b / 3``, halved for each end rated indirect (``direct: false``) or of low certainty
* mixed effects: B(−b) beside positives A₁(+a₁)…, none of them linked as a conflict:
  ``max(a) · b / 6`` (one finding per shared negative B)
* latent conflict A(+a), edge A→B = s ≤ −1, no negative recorded on B: ``a · |s| / 3``
* second-order risk A(+a), A→B = s₁ ≥ +1, B→C = s₂ ≤ −1: ``DISCOUNT · a · (s₁/3) · (|s₂|/3)``,
  the strongest path per (A, C), left out when A→C is already a latent conflict, when A→C is a
  positive link (A's direct support of C outweighs the detour), or when the case rates B itself
  (B's own rating speaks to B→C; the chain would count it twice or contradict the rating). A
  path of two goal-level cells has the evidence level "general" and is never in the default view
* synergy A(+a), A→B = s ≥ +2: ``a · s / 3``

Edges follow `graph.effective_out_edges`: a goal-level cell speaks for a rated target only where
the cell's ``applies_to`` names it (or the cell is the assessment's own).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Literal

import networkx as nx
import numpy as np
import numpy.typing as npt

from assessment.analysis.graph import Edge, effective_out_edges, ratings_by_ref
from assessment.analysis.model import Evidence, Finding, Origin
from assessment.analysis.refs import CoverSet, covers
from assessment.domain import Assessment, Conflict, SdgRating
from assessment.domain.refs import canonical_sdg, goal_number, goal_ref, is_goal, ref_label, signed, sort_key
from assessment.i18n import t
from assessment.knowledge.interactions import SCALE

SECOND_ORDER_DISCOUNT = 0.5  # the ½ of SEI's second-order influence
SYNERGY_MIN_SCORE = 2
CONFLICT_MAX_SCORE = -1
WEAK_RATING_FACTOR = 0.5  # an indirect or low-certainty rating halves a conflict's severity

# Whose ratings the findings are about: an assessment's ("bedömningen anger …") or, in screening,
# an application's, whose claims are the applicant's ("ansökan anger …", "the application …").
Subject = Literal["assessment", "application"]
# The texts that name it; each has a variant "<key>_application" in the catalogue.
SUBJECT_KEYS: frozenset[str] = frozenset(
    {
        "analysis.direct",
        "analysis.direct_indirect",
        "analysis.source_ratings",
        "analysis.evidence_trigger",
        "analysis.evidence_trigger_recorded",
    }
)


def subject_key(key: str, subject: Subject) -> str:
    """The catalogue key of ``key`` worded for ``subject``."""
    return f"{key}_application" if subject == "application" and key in SUBJECT_KEYS else key


@dataclass
class Context:
    """What every detector needs, computed once per analysis."""

    assessment: Assessment
    graph: nx.DiGraph
    lang: str
    subject: Subject = "assessment"
    impacts: dict[str, int] = field(default_factory=dict)
    ratings: dict[str, SdgRating] = field(default_factory=dict)
    _out: dict[str, list[Edge]] = field(default_factory=dict)
    _out_index: dict[str, dict[str, Edge]] = field(default_factory=dict)
    _negatives: CoverSet = field(default_factory=lambda: CoverSet(()))
    # Memos for texts that many findings share (one edge is the reason of many findings). Keyed
    # by id with the object kept beside its text, so an id is never reused while cached.
    _reasons: dict[tuple[int, bool], tuple[Edge, str]] = field(default_factory=dict)
    _sources: dict[int, tuple[Edge, str]] = field(default_factory=dict)
    _rated_by_goal: dict[int, list[str]] = field(default_factory=dict)
    _rated_covering: dict[str, list[str]] = field(default_factory=dict)
    _directs: dict[tuple[str, str], Finding | None] = field(default_factory=dict)
    _questions: dict[str, str] = field(default_factory=dict)
    _members: list[tuple[Conflict, list[str]]] | None = None
    # Goal number -> positions in `_members` of the conflicts with a member in that goal.
    _members_by_goal: dict[int, list[int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.ratings = ratings_by_ref(self.assessment)
        self.impacts = {
            ref: r.impact for ref, r in self.ratings.items() if r.impact is not None and r.impact != 0
        }
        negatives = {ref for ref, impact in self.impacts.items() if impact < 0}
        # A harm recorded on one of two overlapping targets (6.6 / 15.1) covers the other.
        for pair in self.graph.graph.get("overlaps", frozenset()):
            if pair & negatives:
                negatives |= pair
        self._negatives = CoverSet(negatives)
        for ref, rating in self.ratings.items():
            if rating.impact is not None:
                self._rated_by_goal.setdefault(goal_number(ref), []).append(ref)

    def reason(self, edge: Edge, brief: bool = False) -> str:
        """`edge_reason`, computed once per edge."""
        hit = self._reasons.get((id(edge), brief))
        if hit is None or hit[0] is not edge:
            hit = self._reasons[(id(edge), brief)] = (edge, edge_reason(edge, self.lang, brief))
        return hit[1]

    def source_text(self, edge: Edge) -> str:
        """`edge_source_text`, computed once per edge."""
        hit = self._sources.get(id(edge))
        if hit is None or hit[0] is not edge:
            hit = self._sources[id(edge)] = (edge, edge_source_text(edge, self.lang, self.subject))
        return hit[1]

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

    def rated_covering(self, ref: str) -> list[str]:
        """The rated refs (non-zero or zero impact) that speak to ``ref``: itself, its goal, its targets."""
        found = self._rated_covering.get(ref)
        if found is None:
            # Only refs of the same goal can cover ``ref``.
            same_goal = self._rated_by_goal.get(goal_number(ref), [])
            found = self._rated_covering[ref] = sorted((r for r in same_goal if covers(r, ref)), key=sort_key)
        return list(found)

    def edge(self, source: str, target: str) -> Edge | None:
        """The edge towards ``target``; for a target, else its goal's edge if that speaks for it;
        for a goal, else the source's strongest target-level cell towards one of its targets (a
        cell about 13.2 is evidence about a rating of goal 13 as a whole)."""
        index = self._out_index.get(source)
        if index is None:
            self.out_edges(source)
            index = self._out_index[source]
        found = index.get(target)
        if found is not None:  # the common case: the pair's own cell
            return found
        if is_goal(target):
            number = goal_number(target)
            inside = [
                e for e in self._out[source] if not is_goal(e.target) and goal_number(e.target) == number
            ]
            if inside:
                found = min(inside, key=lambda e: (e.score, sort_key(e.target)))
                if found.score > 0:
                    found = max(inside, key=lambda e: (e.score, sort_key(e.target)))
        else:
            goal_edge = index.get(goal_ref(target))
            if goal_edge is not None and goal_edge.speaks_for(target):
                applied = ", ".join(r for r in (goal_edge.applied, target) if r)
                found = replace(goal_edge, inherited=True, applied=applied)
        return found

    def recorded(self, a: str, b: str) -> list[Conflict]:
        """`recorded_between` with the conflicts' members canonicalised once per analysis."""
        if self._members is None:
            self._members = conflict_members(self.assessment)
            for position, (_, refs) in enumerate(self._members):
                for goal in dict.fromkeys(goal_number(ref) for ref in refs):
                    self._members_by_goal.setdefault(goal, []).append(position)
        if not self._members:  # most assessments record no conflict; asked for every rated pair
            return []
        # `covers` needs the same goal, so only conflicts with members in both goals can match
        # (a combined portfolio has hundreds of conflicts and asks this for every rated pair).
        # Kept in recorded order: the first one names the finding's link.
        ga, gb = goal_number(a), goal_number(b)
        if ga == gb:
            candidates = self._members_by_goal.get(ga, [])
        else:
            in_b = set(self._members_by_goal.get(gb, ()))
            candidates = [p for p in self._members_by_goal.get(ga, ()) if p in in_b]
        return _recorded([self._members[p] for p in candidates], a, b)

    def weak(self, ref: str) -> bool:
        """The rating is indirect or of low certainty (the group said so; respect it)."""
        rating = self.ratings.get(ref)
        return rating is not None and (not rating.direct or rating.certainty == "low")

    def factor(self, ref: str) -> float:
        """Severity factor of a finding that starts from this rating (halved when weak)."""
        return WEAK_RATING_FACTOR if self.weak(ref) else 1.0

    def label(self, ref: str) -> str:
        return ref_label(ref, self.lang)

    def text(self, key: str, **params: object) -> str:
        """A catalogue text worded for the context's subject (`subject_key`)."""
        return t(subject_key(key, self.subject), self.lang, **params)


def edge_origin(edge: Edge) -> Origin:
    return "assessment_interaction" if edge.origin == "assessment" else "knowledge_base"


def edge_evidence(edge: Edge) -> Evidence:
    if edge.origin == "assessment":
        return "workshop"
    if edge.level == "target":
        return "target_cell"
    if edge.applies_to and not edge.inherited:
        # The cell's source locates the interaction at the targets of ``applies_to`` (8 -> 12:
        # consumption-driven growth, 8.1); a goal rating does not say it is about them, so between
        # two goal ratings the cell holds for any case rating those goals: "general".
        return "general"
    return "goal_cell"


def weakest(*levels: Evidence) -> Evidence:
    """The least specific of several evidence levels (a chain is as specific as its weakest link)."""
    order: tuple[Evidence, ...] = (
        "target_cell",
        "workshop",
        "recorded_conflict",
        "goal_cell",
        "general",
        "ratings",
    )
    return max(levels, key=order.index)


def chain_evidence(first: Edge, second: Edge) -> Evidence:
    """A second-order path is "general" when both steps are goal-level cells of the knowledge
    base: such a chain (e.g. 11 → 8 → 12, consumption-driven growth) holds for any case rating
    those goals, so it is no case-specific risk."""
    levels = (edge_evidence(first), edge_evidence(second))
    if levels == ("goal_cell", "goal_cell"):
        return "general"
    return weakest(*levels)


def edge_source_text(edge: Edge, lang: str, subject: Subject = "assessment") -> str:
    """Where a score comes from, for people: citation + literature/own judgement and the cell's
    level, or the workshop."""
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
        level = t("analysis.evidence_goal_cell_applied", lang, code=edge.applied)
    elif edge_evidence(edge) == "general":
        codes = ", ".join(sorted(edge.applies_to, key=sort_key))
        level = t("analysis.evidence_goal_cell_general", lang, codes=codes)
    else:
        level = t(f"analysis.evidence_{edge_evidence(edge)}", lang)
    if edge.trigger:
        level += "; " + t(subject_key("analysis.evidence_trigger", subject), lang, word=edge.trigger)
    elif edge.recorded:
        level += "; " + t(subject_key("analysis.evidence_trigger_recorded", subject), lang, id=edge.recorded)
    return f"{text} ({level})"


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


def _sorted(found: list[Finding]) -> tuple[Finding, ...]:
    return tuple(sorted(found, key=lambda f: (-f.severity, sort_key(f.source), sort_key(f.target))))


def recorded_between(assessment: Assessment, a: str, b: str) -> list[Conflict]:
    """Recorded conflicts naming both ``a`` and ``b`` (or their goal/targets) as members."""
    return _recorded(conflict_members(assessment), a, b)


def conflict_members(assessment: Assessment) -> list[tuple[Conflict, list[str]]]:
    """Each recorded conflict with its members as canonical SDG refs (other refs left out)."""
    return [
        (conflict, [r for r in (canonical_sdg(raw) for raw in conflict.between) if r is not None])
        for conflict in assessment.conflicts
    ]


def _recorded(members: list[tuple[Conflict, list[str]]], a: str, b: str) -> list[Conflict]:
    found = []
    for conflict, refs in members:
        if len(refs) > 1 and any(
            covers(refs[i], a) and covers(refs[j], b)
            for i in range(len(refs))
            for j in range(len(refs))
            if i != j
        ):
            found.append(conflict)
    return found


def _specific(edge: Edge, a: str, b: str) -> bool:
    """Evidence specific enough to question two ratings: a target cell, the workshop's own
    interaction, or a goal cell between two goal ratings (or targets its ``applies_to`` names)."""
    if edge.origin == "assessment" or edge.level == "target":
        return True
    if edge_evidence(edge) == "general":
        return False
    return all(is_goal(ref) or ref in edge.applies_to for ref in (a, b))


def _direct(ctx: Context, a: str, ia: int, b: str, ib: int, edge: Edge | None) -> Finding | None:
    recorded = ctx.recorded(a, b)
    # A "general" cell (one its source locates at targets the ratings do not name) links nothing:
    # the pair is mixed effects unless the group recorded the conflict.
    linked = edge is not None and edge.score <= CONFLICT_MAX_SCORE and edge_evidence(edge) != "general"
    if not linked and not recorded:
        return None
    weak = [ref for ref in (a, b) if ctx.weak(ref)]
    indirect = any(not ctx.ratings[ref].direct for ref in (a, b) if ref in ctx.ratings)
    link = edge if linked else None
    evidence: Evidence = "recorded_conflict" if link is None else edge_evidence(link)
    # The first recorded conflict names the link (a portfolio may record the same one often).
    first = recorded[0].id if recorded else None
    return Finding(
        kind="direct_conflict",
        source=a,
        target=b,
        severity=round(ia * -ib / 3 * WEAK_RATING_FACTOR ** len(weak), 3),
        explanation=partial(_direct_text, ctx, a, ia, b, ib, link, first, weak, indirect),
        source_text=partial(_direct_source, ctx, link, first),
        origin="assessment_ratings",
        score=edge.score if linked and edge is not None else None,
        basis=edge.basis if linked and edge is not None else "",
        source_impact=ia,
        target_impact=ib,
        evidence=evidence,
        cell=edge.cell if linked and edge is not None else "",
    )


def _direct_text(
    ctx: Context,
    a: str,
    ia: int,
    b: str,
    ib: int,
    edge: Edge | None,
    first: str | None,
    weak: list[str],
    indirect: bool,
) -> str:
    text = ctx.text(
        "analysis.direct_indirect" if indirect else "analysis.direct",
        source=ctx.label(a),
        target=ctx.label(b),
        a=signed(ia),
        b=signed(ib),
    )
    if edge is not None:
        key = (
            "analysis.direct_confirmed_override"
            if edge.origin == "assessment"
            else "analysis.direct_confirmed"
        )
        text += " " + t(key, ctx.lang, reason=ctx.reason(edge))
    if first is not None:
        text += " " + t("analysis.direct_recorded", ctx.lang, ids=first)
    for ref in weak:
        text += " " + t("analysis.direct_weak", ctx.lang, ref=ctx.label(ref))
    return text


def _direct_source(ctx: Context, edge: Edge | None, first: str | None) -> str:
    source_text = ctx.text("analysis.source_ratings")
    if edge is not None:
        source_text += "; " + ctx.source_text(edge)
    if first is not None:
        source_text += "; " + t("analysis.evidence_recorded_conflict", ctx.lang) + f" {first}"
    return source_text


def direct_conflict(ctx: Context, a: str, ia: int, b: str, ib: int) -> Finding | None:
    """The direct conflict between a positive rating ``a`` (+ia) and a negative ``b`` (−ib), or
    None: the one rule (the link as `Context.edge` finds it, with the cells bound to the case's
    activities, ``applies_to`` and the recorded conflicts) that the analysis and the screening of
    applications both use."""
    return _direct(ctx, a, ia, b, ib, ctx.edge(a, b))


def _direct_pair(ctx: Context, a: str, ia: int, b: str, ib: int) -> Finding | None:
    """`direct_conflict` of a rated pair, once per analysis (direct conflicts and mixed effects ask)."""
    key = (a, b)
    if key not in ctx._directs:
        ctx._directs[key] = direct_conflict(ctx, a, ia, b, ib)
    return ctx._directs[key]


def direct_conflicts(ctx: Context) -> tuple[Finding, ...]:
    """Positive/negative rating pairs that an interaction (≤ −1) or a recorded conflict links."""
    found: list[Finding] = []
    for a, ia in ctx.positives():
        for b, ib in ctx.negatives():
            finding = _direct_pair(ctx, a, ia, b, ib)
            if finding is not None:
                found.append(finding)
    return _sorted(found)


def mixed_effects(ctx: Context) -> tuple[Finding, ...]:
    """Per negative rating B, the positive ratings beside it that nothing links as a conflict:
    "samtidiga positiva och negativa effekter", not goal conflicts. Where specific evidence says
    progress on A usually supports B, the finding asks whether the ratings hold, naming the source.
    """
    found: list[Finding] = []
    for b, ib in ctx.negatives():
        others: list[tuple[str, int]] = []
        checks: list[tuple[str, Edge]] = []
        for a, ia in ctx.positives():
            if _direct_pair(ctx, a, ia, b, ib) is not None:
                continue
            edge = ctx.edge(a, b)
            others.append((a, ia))
            if edge is not None and edge.score > 0 and _specific(edge, a, b) and not ctx.weak(b):
                checks.append((a, edge))
        if not others:
            continue
        others.sort(key=lambda item: (-item[1], sort_key(item[0])))
        found.append(
            Finding(
                kind="mixed_effects",
                source=others[0][0],
                target=b,
                severity=round(others[0][1] * -ib / 6, 3),
                explanation=partial(_mixed_text, ctx, b, ib, others, checks),
                source_text=partial(ctx.text, "analysis.source_ratings"),
                origin="assessment_ratings",
                source_impact=others[0][1],
                target_impact=ib,
                evidence="ratings",
                related=tuple(a for a, _ in others),
            )
        )
    return _sorted(found)


def _mixed_text(
    ctx: Context, b: str, ib: int, others: list[tuple[str, int]], checks: list[tuple[str, Edge]]
) -> str:
    names = ", ".join(f"{ctx.label(a)} ({signed(ia)})" for a, ia in others)
    text = t("analysis.mixed", ctx.lang, target=ctx.label(b), b=signed(ib), sources=names)
    questions = []
    for a, edge in checks:
        where = (
            t("analysis.check_source_override", ctx.lang)
            if edge.origin == "assessment"
            else t("analysis.check_source_kb", ctx.lang, source=ctx.source_text(edge))
        )
        questions.append(
            t(
                "analysis.mixed_check",
                ctx.lang,
                where=where,
                source=ctx.label(a),
                target=ctx.label(b),
                reason=ctx.reason(edge),
            )
        )
    if questions:
        text += " " + " ".join(questions)
    return text


def _latent_question(ctx: Context, b: str) -> str:
    """Never ask "have you assessed X?" about a rated X: say what the rating may be missing.
    Asked once per ``b`` (many positives can point at one goal)."""
    if b not in ctx._questions:
        ctx._questions[b] = _question(ctx, b)
    return ctx._questions[b]


def _question(ctx: Context, b: str) -> str:
    rated = ctx.rated_covering(b)
    if not rated:
        return t("analysis.latent_question", ctx.lang, target=ctx.label(b))
    names = ", ".join(f"{ctx.label(r)} ({signed(ctx.ratings[r].impact or 0)})" for r in rated)
    return t("analysis.latent_rated", ctx.lang, rated=names)


def latent_conflicts(ctx: Context) -> tuple[Finding, ...]:
    found: list[Finding] = []
    for a, ia in ctx.positives():
        for edge in ctx.out_edges(a):
            b = edge.target
            if edge.score > CONFLICT_MAX_SCORE or ctx.negative_recorded(b):
                continue
            recorded = ctx.recorded(a, b)
            # The group named this pair itself: the finding says so and is never hidden.
            first = recorded[0].id if recorded else None
            found.append(
                Finding(
                    kind="latent_conflict",
                    source=a,
                    target=b,
                    severity=round(ia * -edge.score / 3 * ctx.factor(a), 3),
                    explanation=partial(_latent_text, ctx, a, ia, edge, first),
                    source_text=partial(_latent_source, ctx, edge, first),
                    origin=edge_origin(edge),
                    score=edge.score,
                    basis=edge.basis,
                    source_impact=ia,
                    target_impact=ctx.impacts.get(b),
                    evidence="recorded_conflict" if first is not None else edge_evidence(edge),
                    cell=edge.cell,
                )
            )
    return _sorted(found)


def _latent_text(ctx: Context, a: str, ia: int, edge: Edge, first: str | None) -> str:
    text = t(
        "analysis.latent",
        ctx.lang,
        source=ctx.label(a),
        target=ctx.label(edge.target),
        a=signed(ia),
        reason=ctx.reason(edge),
        question=_latent_question(ctx, edge.target),
    )
    if first is not None:
        text += " " + t("analysis.direct_recorded", ctx.lang, ids=first)
    return text


def _latent_source(ctx: Context, edge: Edge, first: str | None) -> str:
    source_text = ctx.source_text(edge)
    if first is not None:
        source_text += "; " + t("analysis.evidence_recorded_conflict", ctx.lang) + f" {first}"
    return source_text


class _SecondHops:
    """Every negative second hop B→C (score ≤ −1) from the nodes a first positive hop reaches, as
    a dense matrix (rows: B, columns: C) with what the filters need per column."""

    def __init__(self, ctx: Context, firsts: set[str]) -> None:
        self.row = {b: n for n, b in enumerate(sorted(firsts, key=sort_key))}
        seconds = {b: [e for e in ctx.out_edges(b) if e.score <= CONFLICT_MAX_SCORE] for b in self.row}
        refs = dict.fromkeys([*self.row, *(e.target for edges in seconds.values() for e in edges)])
        self.col = {c: n for n, c in enumerate(refs)}
        self.refs = list(refs)
        self.scores = np.zeros((len(self.row), len(self.col)))
        self.edges: dict[tuple[int, int], Edge] = {}
        for b, edges in seconds.items():
            for e in edges:
                self.scores[self.row[b], self.col[e.target]] = e.score
                self.edges[(self.row[b], self.col[e.target])] = e
        self.goal = np.array([goal_number(c) for c in self.refs])
        self.is_goal = np.array([is_goal(c) for c in self.refs], dtype=bool)
        self.negative = np.array([ctx.negative_recorded(c) for c in self.refs], dtype=bool)
        self.row_col = np.array([self.col[b] for b in self.row])
        self.rated = np.array([bool(ctx.rated_covering(b)) for b in self.row], dtype=bool)

    def covered(self, refs: CoverSet) -> npt.NDArray[np.bool_]:
        """`CoverSet.covers` for every column at once."""
        mask: npt.NDArray[np.bool_] = np.isin(self.goal, list(refs._goals_of_targets)) & self.is_goal
        mask |= np.isin(self.goal, list(refs._whole_goals)) & ~self.is_goal
        for ref in refs.refs:
            if ref in self.col:
                mask[self.col[ref]] = True
        return mask


def second_order_risks(
    ctx: Context,
    discount: float = SECOND_ORDER_DISCOUNT,
) -> tuple[Finding, ...]:
    """The strongest A →(+) B →(−) C path per (A, C), as array operations over all B and C at
    once; ties go to the first B in A's edge order, as a loop over the edges would choose."""
    positives = ctx.positives()
    # A first hop to a B the case rates never yields a risk (B's own rating speaks for B→C):
    # leaving it out here keeps the arrays small and changes no choice (it is never valid).
    firsts = {
        a: [e for e in ctx.out_edges(a) if e.score >= 1 and not ctx.rated_covering(e.target)]
        for a, _ in positives
    }
    hops = _SecondHops(ctx, {e.target for edges in firsts.values() for e in edges})
    best: dict[tuple[str, str], tuple[float, Edge, Edge]] = {}
    for a, ia in positives:
        if not firsts[a]:
            continue
        rows = np.array([hops.row[e.target] for e in firsts[a]])
        second = hops.scores[rows]
        valid = second <= CONFLICT_MAX_SCORE
        valid &= hops.row_col[rows][:, None] != np.arange(len(hops.refs))[None, :]  # C ≠ B
        # Left out: C already a latent conflict of A, or A's direct link to C positive (the
        # direct support outweighs a detour through B), C ≠ A.
        linked = CoverSet(e.target for e in ctx.out_edges(a) if e.score <= CONFLICT_MAX_SCORE or e.score > 0)
        excluded = hops.negative | hops.covered(linked)
        if a in hops.col:
            excluded[hops.col[a]] = True  # C ≠ A
        valid &= ~excluded[None, :]
        valid &= ~hops.rated[rows][:, None]  # B rated by the case: its own findings speak
        # The same operations, in the same order, as
        # ``discount * ia * (s1 / 3) * (-s2 / 3) * factor``.
        s1 = np.array([e.score for e in firsts[a]], dtype=float)
        severity = ((discount * ia) * (s1 / 3))[:, None] * ((-second) / 3) * ctx.factor(a)
        severity[~valid] = -np.inf
        choice = severity.argmax(axis=0)  # the first maximum: the first B in edge order
        columns = np.flatnonzero(valid.any(axis=0))
        for col in columns:
            pick = int(choice[col])
            first = firsts[a][pick]
            best[(a, hops.refs[col])] = (
                float(severity[pick, col]),
                first,
                hops.edges[(int(rows[pick]), int(col))],
            )
    found: list[Finding] = []
    for (a, c), (severity, first, second) in best.items():
        ia = ctx.impacts[a]
        via = first.target
        evidence = chain_evidence(first, second)
        general = evidence == "general"
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
                explanation=partial(_second_text, ctx, a, ia, c, first, second, general),
                source_text=partial(_second_source, ctx, first, second, general),
                origin=origin,
                score=second.score,
                basis=second.basis,
                source_impact=ia,
                target_impact=ctx.impacts.get(c),
                evidence=evidence,
                cell=second.cell,
                first_cell=first.cell,
                first_score=first.score,
            )
        )
    return _sorted(found)


def _second_text(ctx: Context, a: str, ia: int, c: str, first: Edge, second: Edge, general: bool) -> str:
    text = t(
        "analysis.second_order",
        ctx.lang,
        source=ctx.label(a),
        via=ctx.label(first.target),
        target=ctx.label(c),
        a=signed(ia),
        first=ctx.reason(first, brief=True),
        second=ctx.reason(second),
    )
    if general:
        text += " " + t("analysis.second_order_general", ctx.lang)
    return text


def _second_source(ctx: Context, first: Edge, second: Edge, general: bool) -> str:
    source_text = f"{ctx.source_text(first)} | {ctx.source_text(second)}"
    if general:
        source_text += "; " + t("analysis.evidence_general", ctx.lang)
    return source_text


def synergies(ctx: Context) -> tuple[Finding, ...]:
    found: list[Finding] = []
    for a, ia in ctx.positives():
        for edge in ctx.out_edges(a):
            if edge.score < SYNERGY_MIN_SCORE:
                continue
            b = edge.target
            found.append(
                Finding(
                    kind="synergy",
                    source=a,
                    target=b,
                    severity=round(ia * edge.score / 3 * ctx.factor(a), 3),
                    explanation=partial(_synergy_text, ctx, a, ia, edge),
                    source_text=partial(ctx.source_text, edge),
                    origin=edge_origin(edge),
                    score=edge.score,
                    basis=edge.basis,
                    source_impact=ia,
                    target_impact=ctx.impacts.get(b),
                    evidence=edge_evidence(edge),
                    cell=edge.cell,
                )
            )
    return _sorted(found)


def _synergy_text(ctx: Context, a: str, ia: int, edge: Edge) -> str:
    ib = ctx.impacts.get(edge.target)
    # The case says B gets worse: "make use of the synergy" would contradict its own rating.
    against = ib is not None and ib < 0
    extra = {"b": signed(ib)} if against and ib is not None else {}
    return t(
        "analysis.synergy_against_rating" if against else "analysis.synergy",
        ctx.lang,
        source=ctx.label(a),
        target=ctx.label(edge.target),
        a=signed(ia),
        reason=ctx.reason(edge),
        **extra,
    )
