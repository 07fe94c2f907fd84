"""One call from an assessment to everything the analysis says about it."""

from __future__ import annotations

import networkx as nx
import numpy as np
import numpy.typing as npt

from assessment.analysis.coverage import LATENT_THRESHOLD, coverage_from, unaddressed_findings
from assessment.analysis.detect import (
    SECOND_ORDER_DISCOUNT,
    Context,
    direct_conflicts,
    latent_conflicts,
    second_order_risks,
    synergies,
)
from assessment.analysis.graph import interaction_graph
from assessment.analysis.metrics import network_metrics
from assessment.analysis.model import Findings
from assessment.domain import Assessment
from assessment.i18n import normalise_lang
from assessment.knowledge.interactions import InteractionBase

GOAL_REFS = tuple(f"sdg:{n}" for n in range(1, 18))


def goal_matrix(graph: nx.DiGraph) -> npt.NDArray[np.float64]:
    """The 17×17 goal-level cross-impact matrix of a graph (knowledge base + goal overrides)."""
    matrix = np.zeros((17, 17))
    successors = graph.succ
    for row, source in enumerate(GOAL_REFS):
        for target, data in successors[source].items():
            if target.startswith("sdg:"):
                matrix[row, int(target[4:]) - 1] = data["score"]
    return matrix


def findings(
    assessment: Assessment,
    lang: str = "sv",
    *,
    kb: InteractionBase | None = None,
    latent_threshold: float = LATENT_THRESHOLD,
    discount: float = SECOND_ORDER_DISCOUNT,
) -> Findings:
    """Analyse one assessment (see the package docstring of `assessment.analysis`)."""
    lang = normalise_lang(lang)
    graph = interaction_graph(assessment, kb)
    ctx = Context(assessment, graph, lang)
    direct = direct_conflicts(ctx)
    latent = latent_conflicts(ctx)
    cov = coverage_from(ctx, direct, latent, latent_threshold)
    return Findings(
        lang=lang,
        direct_conflicts=direct,
        latent_conflicts=latent,
        second_order_risks=second_order_risks(ctx, discount),
        synergies=synergies(ctx),
        unaddressed=unaddressed_findings(ctx, cov),
        coverage=cov,
        metrics=tuple(network_metrics(goal_matrix(graph), GOAL_REFS)),
    )
