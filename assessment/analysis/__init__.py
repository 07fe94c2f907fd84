"""SDG interaction analysis: from an assessment to warned goal conflicts, synergies and pictures.

This is the stable public surface the app, the PDF report, the CLI and case-officer screening use.
Everything else in the package is internal and may change.

Findings
--------
``findings(assessment, lang="sv", *, kb=None, latent_threshold=1.0, discount=0.5) -> Findings``
    Builds the interaction graph (`interaction_graph`) and returns a frozen `Findings` with:

    * ``direct_conflicts`` — the assessment rates A positive (+a) and B negative (−b) *and*
      something links them: an interaction A→B ≤ −1 (knowledge base or the assessment's own) or a
      recorded conflict naming both; severity ``a·b/3``, halved for each end rated
      ``direct: false`` or ``certainty: low`` (the text says "via indirekt påverkan"/uncertain).
    * ``mixed_effects`` — the other +/− pairs, one finding per shared negative B ("samtidiga
      positiva och negativa effekter", ``related`` = the positives); severity ``max(a)·b/6``.
      Where specific evidence (a target cell, the assessment's own interaction, or a goal cell
      between goal ratings) says A usually supports B, it asks "stämmer bedömningarna?" and names
      that source.
    * ``latent_conflicts`` — A positive, the edge A→B scores ≤ −1, and no negative impact is
      recorded on B (or on its goal/targets): "progress on A may counteract B"; it asks "have you
      assessed B?" only when nothing covering B is rated, else says what the rating may miss;
      severity ``a·|s|/3``.
    * ``second_order_risks`` — A positive, A→B ≥ +1, B→C ≤ −1 (paths of length two), strongest path
      per (A, C), ``via`` = B; severity ``discount·a·(s₁/3)·(|s₂|/3)``. Left out when A→C is
      already a latent conflict or C already has a negative impact.
    * ``synergies`` — A positive and A→B ≥ +2; severity ``a·s/3``.
    * ``unaddressed`` — the open items of ``coverage`` as findings.
    * ``coverage`` — a `Coverage` (see below).
    * ``dismissed`` — the findings the assessment's ``dismissals`` mark "not relevant here
      because …" (`Dismissed`: finding + reason): out of every list above and of coverage.
    * ``stale_dismissals`` — dismissals whose finding no longer occurs (`StaleDismissal`).
    * ``changed_dismissals`` — dismissals whose evidence changed (`ChangedDismissal`): the
      knowledge-base cell behind the finding has another score or is another cell than the
      dismissal recorded; the finding is back in its list, to be reviewed again. A dismissal that
      recorded no score (older files) is unknown and holds. `dismissal_for(finding, reason)`
      makes a dismissal that records the finding's cell and score.
    * ``metrics`` — SEI network metrics (`NodeMetrics`) of the case's own subgraph: its rated
      goals/targets and the links the analysis uses between them. ``kb_metrics`` is the general
      goal ranking of the knowledge base alone (the same for every case; label it so).

    Each `Finding` has ``kind``, ``key``, ``source``/``target`` (canonical refs ``"sdg:8"`` or
    ``"7.2"``), ``via``, ``related``, ``evidence`` ("target_cell", "workshop",
    "recorded_conflict", "goal_cell", "general", "ratings"), ``score`` (interaction −3..3 or None),
    ``severity``, ``explanation`` (Swedish or English per ``lang``), ``source_text`` (the
    citation, whether it is literature or the project's own judgement and the cell's level, or
    the workshop's own score), ``origin``, ``basis``, the impacts of
    both ends, and ``to_dict()`` (keys ``from``, ``to``, ``score``, ``severity``, ``explanation``,
    ``source`` …) for JSON. Lists are sorted by severity, most severe first.

``coverage(assessment, lang="sv", threshold=1.0, *, kb=None) -> Coverage``
    Every issue needing handling — each negative SDG impact, negative RUS rating and negative
    other-goal rating (kind "negative_impact"), each direct conflict, each recorded conflict the
    direct/latent items do not already link to ("recorded_conflict") and each latent conflict with
    severity ≥ ``threshold`` — as a `CoverageItem` with ``status``: "measure" (a measure's
    ``addresses`` names the harmed goal/target or a recorded conflict about it), "position" (a
    recorded conflict about it has a ``position``/``decision``, or a recorded position refers to
    it) or "open". This is the one list the app (step 4, summary), the PDF and the CLI count.
    ``Coverage.summary(lang)`` -> "7 av 9 hanterade" /
    "7 of 9 addressed"; ``.addressed``, ``.total``, ``.open_items``.

Counts
------
``Findings.tally`` -> `ConflictTally`: direct conflicts found, conflicts recorded (and decided),
latent conflicts, issues and how many are addressed, with one sentence per number
(``direct_text``, ``recorded_text``, ``issues_text``, ``open_text`` …). The app, both PDFs and the
CLI print these, so a number has one name and one value everywhere.

Default view
------------
``default_view(result, *, total=10, show_all=False) -> View``: the few findings shown
by default (at most 10 per case, conflicts first, per-kind quotas, weak findings behind "show
all"); ``View.groups`` per kind with ``shown``, ``total``, ``hidden`` and ``dismissed`` counts.

Edges and overrides
-------------------
``interaction_graph(assessment, kb=None) -> networkx.DiGraph``: nodes are the 17 goals and the
targets in use (attribute ``impact``); edges carry ``score`` and ``edge`` (an `Edge` with its
provenance). The assessment's own ``interactions`` override the knowledge base for the same pair
(a score of 0 there removes the warning). There is no blanket goal→target fallback: a goal-level
cell speaks for a rated target (at either end) only where its ``applies_to`` lists that target;
the assessment's own goal-level interactions speak for its own targets.

Network metrics (SEI SDG Synergies conventions)
-----------------------------------------------
``network_metrics(matrix, codes) -> list[NodeMetrics]`` ranked by ranking score; ``metric_arrays``
gives the vectors. out-strength = row sum, in-strength = column sum (each also split into positive
and negative parts, negatives as negative numbers), second-order = ½·Σⱼ aᵢⱼ·(row sum of j),
ranking score = out-strength + second-order, net influence = out − in.
``read_matrix(path)`` / ``parse_matrix(text)`` read a workshop's cross-impact CSV (header row of
codes, first column the influencing code) into a `CrossImpactMatrix`, rejecting bad input with
`assessment.errors.ValidationFailed` naming row and column.

Figures
-------
``interactive_figure(assessment, lang="sv") -> plotly.graph_objects.Figure`` for the app
(``st.plotly_chart``; no CDN). Deterministic layout: goals in SDG order clockwise from the top, UN
colours, green synergy / red trade-off arrows with width by |score|, assessed impacts on the nodes.
``figures.figure_model(assessment, lang)`` gives that content (nodes with position, colour, title
and impact badge; arrows with score and end points) for other renderers: the PDF draws it as
reportlab vector graphics (`assessment.report.charts.interaction_graph_drawing`). Arrows start
at goals with a positive impact (on the goal or a target); +1 links are left out and at
most 24 arrows (the strongest by impact × |score|) are drawn, for readability.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from assessment.analysis.coverage import LATENT_THRESHOLD, coverage
from assessment.analysis.detect import SECOND_ORDER_DISCOUNT
from assessment.analysis.findings import dismissal_for, findings, goal_matrix
from assessment.analysis.graph import Edge, effective_out_edges, interaction_graph
from assessment.analysis.matrix import CrossImpactMatrix, parse_matrix, read_matrix
from assessment.analysis.metrics import NodeMetrics, metric_arrays, network_metrics
from assessment.analysis.model import (
    ChangedDismissal,
    Coverage,
    CoverageItem,
    Dismissed,
    Finding,
    Findings,
    StaleDismissal,
)
from assessment.analysis.tally import ConflictTally
from assessment.analysis.view import KindView, View, default_view

if TYPE_CHECKING:
    from assessment.domain import Assessment


def interactive_figure(assessment: Assessment, lang: str = "sv") -> Any:
    """Plotly figure of the assessment's interactions (imported lazily: plotly is heavy)."""
    from assessment.analysis.figures import interactive_figure as build

    return build(assessment, lang)


__all__ = [
    "LATENT_THRESHOLD",
    "SECOND_ORDER_DISCOUNT",
    "ChangedDismissal",
    "ConflictTally",
    "Coverage",
    "CoverageItem",
    "CrossImpactMatrix",
    "Dismissed",
    "Edge",
    "Finding",
    "Findings",
    "KindView",
    "NodeMetrics",
    "StaleDismissal",
    "View",
    "coverage",
    "default_view",
    "dismissal_for",
    "effective_out_edges",
    "findings",
    "goal_matrix",
    "interaction_graph",
    "interactive_figure",
    "metric_arrays",
    "network_metrics",
    "parse_matrix",
    "read_matrix",
]
