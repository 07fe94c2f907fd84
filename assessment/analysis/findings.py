"""One call from an assessment to everything the analysis says about it."""

from __future__ import annotations

import datetime as dt

import networkx as nx
import numpy as np
import numpy.typing as npt

from assessment.analysis.coverage import LATENT_THRESHOLD, coverage_from, unaddressed_findings
from assessment.analysis.detect import (
    SECOND_ORDER_DISCOUNT,
    Context,
    Subject,
    direct_conflicts,
    latent_conflicts,
    mixed_effects,
    second_order_risks,
    synergies,
)
from assessment.analysis.graph import base_graph, interaction_graph
from assessment.analysis.metrics import NodeMetrics, network_metrics
from assessment.analysis.model import ChangedDismissal, Dismissed, Finding, Findings, StaleDismissal
from assessment.analysis.tally import conflict_tally
from assessment.domain import Assessment, Dismissal
from assessment.domain.projection import gc_paused
from assessment.domain.refs import goal_number, is_goal, sort_key
from assessment.i18n import normalise_lang
from assessment.knowledge.interactions import InteractionBase, interaction_base

GOAL_REFS = tuple(f"sdg:{n}" for n in range(1, 18))


def goal_matrix(graph: nx.DiGraph) -> npt.NDArray[np.float64]:
    """The 17×17 goal-level cross-impact matrix of a graph (knowledge base + goal overrides)."""
    matrix = np.zeros((17, 17))
    successors = graph.succ
    for row, source in enumerate(GOAL_REFS):
        for target, data in successors[source].items():
            if is_goal(target):
                matrix[row, goal_number(target) - 1] = data["score"]
    return matrix


def case_matrix(ctx: Context) -> tuple[npt.NDArray[np.float64], tuple[str, ...]]:
    """The cross-impact matrix of the case's own subgraph: its rated goals/targets (impact given,
    0 included) and the links the analysis uses between them (`Context.edge`, so the same
    no-fallback rule as the findings). A goal and its own targets are not linked to each other."""
    codes = tuple(sorted((ref for ref, r in ctx.ratings.items() if r.impact is not None), key=sort_key))
    matrix = np.zeros((len(codes), len(codes)))
    goals = [goal_number(code) for code in codes]
    # `Context.edge` finds no edge towards a target whose own edge and goal's edge are both
    # missing from the source's edges: only the other pairs need its rules (all rated: 28,000).
    fallback = [is_goal(code) for code in codes]
    goal_refs = [f"sdg:{goal}" for goal in goals]
    for i, source in enumerate(codes):
        ctx.out_edges(source)
        index = ctx._out_index[source]
        for j, target in enumerate(codes):
            if goals[i] == goals[j]:
                continue
            edge = index.get(target)
            if edge is None and (fallback[j] or goal_refs[j] in index):
                edge = ctx.edge(source, target)
            if edge is not None:
                matrix[i, j] = edge.score
    return matrix, codes


def case_metrics(ctx: Context) -> tuple[NodeMetrics, ...]:
    matrix, codes = case_matrix(ctx)
    return tuple(network_metrics(matrix, codes)) if codes else ()


def kb_metrics(kb: InteractionBase | None = None) -> tuple[NodeMetrics, ...]:
    """The knowledge base's own goal ranking: general, the same for every case (label it so)."""
    graph = base_graph(interaction_base() if kb is None else kb)
    return tuple(network_metrics(goal_matrix(graph), GOAL_REFS))


def evidence_changed(dismissal: Dismissal, finding: Finding) -> bool:
    """The dismissal answered other evidence than the finding now has: it recorded a score, and
    the score or the cell behind the finding differs. Without a recorded score (files before
    version 4, findings without a score) nothing is known, so nothing is taken as changed.

    A second-order chain rests on two cells: ``cell``/``score`` are its second step, and a
    recorded ``first_score`` makes its first step count the same way, so a change of either step
    brings the finding back (a chain dismissed before version 5 knows only its second step)."""
    second = dismissal.score is not None and (
        dismissal.score != finding.score or dismissal.cell != finding.cell
    )
    first = dismissal.first_score is not None and (
        dismissal.first_score != finding.first_score or dismissal.first_cell != finding.first_cell
    )
    return second or first


def dismissal_for(finding: Finding, reason: str, by: str = "", date: dt.date | None = None) -> Dismissal:
    """A dismissal of ``finding`` that records the evidence it answers (its cell and score; for a
    second-order chain also its first step's)."""
    return Dismissal(
        finding=finding.key,
        reason=reason,
        by=by,
        date=date,
        cell=finding.cell,
        score=finding.score,
        first_cell=finding.first_cell,
        first_score=finding.first_score,
    )


def findings(
    assessment: Assessment,
    lang: str = "sv",
    *,
    kb: InteractionBase | None = None,
    latent_threshold: float = LATENT_THRESHOLD,
    discount: float = SECOND_ORDER_DISCOUNT,
    subject: Subject = "assessment",
) -> Findings:
    """Analyse one assessment (see the package docstring of `assessment.analysis`); ``subject``
    "application" words the texts for an application's own claims (screening)."""
    with gc_paused():
        return _findings(assessment, normalise_lang(lang), kb, latent_threshold, discount, subject)


def _findings(
    assessment: Assessment,
    lang: str,
    kb: InteractionBase | None,
    latent_threshold: float,
    discount: float,
    subject: Subject,
) -> Findings:
    graph = interaction_graph(assessment, kb)
    ctx = Context(assessment, graph, lang, subject=subject)
    reasons = {d.finding: d for d in assessment.dismissals}
    dismissed: list[Dismissed] = []
    changed: list[ChangedDismissal] = []

    def kept(found: tuple[Finding, ...]) -> tuple[Finding, ...]:
        """Findings the group dismissed leave the lists (and so coverage), kept with the reason;
        one whose evidence changed since (`evidence_changed`) stays, with the old reason."""
        if not reasons:
            return found
        out = []
        for f in found:
            d = reasons.get(f.key)
            if d is None:
                out.append(f)
                continue
            date = d.date.isoformat() if d.date else ""
            if evidence_changed(d, f):
                out.append(f)
                changed.append(
                    ChangedDismissal(f, d.reason, d.by, date, d.score, d.cell, d.first_score, d.first_cell)
                )
            else:
                dismissed.append(Dismissed(f, d.reason, d.by, date))
        return tuple(out)

    direct = kept(direct_conflicts(ctx))
    latent = kept(latent_conflicts(ctx))
    mixed = kept(mixed_effects(ctx))
    second = kept(second_order_risks(ctx, discount))
    synergy = kept(synergies(ctx))
    cov = coverage_from(ctx, direct, latent, latent_threshold)
    found_keys = {d.finding.key for d in dismissed} | {c.finding.key for c in changed}
    stale = tuple(
        StaleDismissal(d.finding, d.reason, d.by, d.date.isoformat() if d.date else "")
        for d in assessment.dismissals
        if d.finding not in found_keys
    )
    found = Findings(
        lang=lang,
        direct_conflicts=direct,
        mixed_effects=mixed,
        latent_conflicts=latent,
        second_order_risks=second,
        synergies=synergy,
        unaddressed=unaddressed_findings(ctx, cov),
        coverage=cov,
        metrics=case_metrics(ctx),
        kb_metrics=kb_metrics(kb),
        dismissed=tuple(dismissed),
        stale_dismissals=stale,
        changed_dismissals=tuple(changed),
        tally=conflict_tally(assessment, direct=len(direct), latent=len(latent), coverage=cov),
    )
    # The findings' text recipes refer to the context: its memo of findings would make a cycle.
    ctx._directs.clear()
    return found
