"""The interaction graph of one assessment: SDG goals/targets as nodes carrying the assessment's
impacts, scored edges from the knowledge base overridden by the assessment's own interactions."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

import networkx as nx

from assessment.domain import Assessment, SdgRating
from assessment.domain.refs import canonical_sdg, goal_number, is_goal
from assessment.i18n.text import LocalText
from assessment.knowledge.interactions import InteractionBase, interaction_base
from assessment.knowledge.region import case_triggers

Origin = Literal["knowledge_base", "assessment"]
CellLevel = Literal["goal", "target"]


@dataclass(frozen=True)
class Edge:
    """One effective interaction ``source -> target`` as the analysis uses it.

    ``origin`` says where the score comes from: the generic knowledge base or the assessment's own
    ``interactions`` (a workshop's context beats the table). ``level`` is the level of the cell
    ("goal": both ends are goals; "target": at least one end is a target). ``inherited`` marks a
    goal-level cell used for a rated target; the knowledge base allows that only for the targets
    in the cell's ``applies_to`` (the assessment's own goal-level interactions speak for its own
    targets).
    """

    source: str
    target: str
    score: int
    origin: Origin
    citation: str = ""
    basis: str = ""
    rationale: LocalText | None = None
    note: str = ""
    replaced_score: int | None = None
    inherited: bool = False
    level: CellLevel = "goal"
    applies_to: frozenset[str] = frozenset()
    applied: str = ""  # the rated target this goal-level edge is used for (when inherited)
    case: tuple[str, ...] = ()  # activity triggers the cell is bound to (any of them)
    trigger: str = ""  # the word in the assessment that set the cell's activity off
    recorded: str = ""  # or: the recorded conflict between the cell's goals that did

    @property
    def cell(self) -> str:
        """The knowledge-base cell this edge comes from ("" for the assessment's own)."""
        if self.origin == "assessment":
            return ""
        source = f"sdg:{goal_number(self.source)}" if self.inherited and self.level == "goal" else self.source
        return f"{source}>{self.target}"

    def speaks_for(self, ref: str) -> bool:
        """Whether this goal-level edge may be used for the target ``ref`` at one of its ends."""
        return self.origin == "assessment" or ref in self.applies_to


def ratings_by_ref(assessment: Assessment) -> dict[str, SdgRating]:
    """Canonical ref -> rating (the first one if a file repeats a code; checks report repeats)."""
    found: dict[str, SdgRating] = {}
    for rating in assessment.sdg:
        ref = canonical_sdg(rating.ref)
        if ref is not None and ref not in found:
            found[ref] = rating
    return found


# The knowledge-base part of the graph is the same for every assessment: build it once per base
# (keyed by identity; the base is immutable) and copy it, which is several times faster.
_BASE_GRAPHS: dict[int, tuple[InteractionBase, nx.DiGraph]] = {}


def base_graph(kb: InteractionBase) -> nx.DiGraph:
    """The knowledge base alone as a graph (shared and cached: do not modify; copy first)."""
    cached = _BASE_GRAPHS.get(id(kb))
    if cached is not None and cached[0] is kb:
        return cached[1]
    graph = nx.DiGraph(overlaps=kb.overlaps)
    for number in range(1, 18):
        graph.add_node(f"sdg:{number}", kind="goal", goal=number, impact=None)
    for known in kb:
        for ref in (known.source, known.target):
            if ref not in graph:
                graph.add_node(ref, kind="target", goal=goal_number(ref), impact=None)
        edge = Edge(
            known.source,
            known.target,
            known.score,
            "knowledge_base",
            citation=known.citation,
            basis=known.basis,
            rationale=known.rationale,
            level=known.level,
            applies_to=frozenset(known.applies_to),
            case=known.case,
        )
        graph.add_edge(known.source, known.target, edge=edge, score=edge.score)
    if len(_BASE_GRAPHS) >= 8:
        _BASE_GRAPHS.clear()
    _BASE_GRAPHS[id(kb)] = (kb, graph)
    return graph


def interaction_graph(assessment: Assessment, kb: InteractionBase | None = None) -> nx.DiGraph:
    """Build the directed graph for one assessment.

    Nodes: the 17 goals, every target of the knowledge base and every rated target; attributes
    ``kind`` ("goal"/"target"), ``goal`` (number) and ``impact`` (int, or None when not rated).
    Edges: attribute ``edge`` holds an `Edge`; ``score`` mirrors its score for networkx users.
    An override with score 0 stays as an edge with score 0 so the record of it is not lost.
    """
    graph = base_graph(interaction_base() if kb is None else kb).copy()
    graph.graph["case"] = case_triggers().found_in(case_text(assessment))
    graph.graph["recorded"] = recorded_goal_pairs(assessment)

    def ensure(ref: str) -> None:
        if ref not in graph:
            graph.add_node(ref, kind="goal" if is_goal(ref) else "target", goal=goal_number(ref), impact=None)

    for ref, rating in ratings_by_ref(assessment).items():
        ensure(ref)
        graph.nodes[ref]["impact"] = rating.impact
    for item in assessment.interactions:
        source, target = canonical_sdg(item.source), canonical_sdg(item.to)
        if source is None or target is None or source == target:
            continue  # not an SDG pair; `domain.checks` reports unknown refs to the user
        ensure(source)
        ensure(target)
        previous = graph.edges[source, target]["edge"] if graph.has_edge(source, target) else None
        edge = Edge(
            source,
            target,
            item.score,
            "assessment",
            note=item.note,
            replaced_score=previous.score if previous is not None else None,
            citation=previous.citation if previous is not None else "",
            basis=previous.basis if previous is not None else "",
            rationale=previous.rationale if previous is not None else None,
            level="goal" if is_goal(source) and is_goal(target) else "target",
        )
        graph.add_edge(source, target, edge=edge, score=edge.score)
    return graph


def case_text(assessment: Assessment) -> str:
    """The text activity triggers are looked for in: what the case is, not the free answers."""
    parts = [assessment.title, assessment.description, *assessment.tags]
    parts += [r.comment for r in assessment.sdg]
    parts += [c.description for c in assessment.conflicts]
    return "\n".join(parts)


def recorded_goal_pairs(assessment: Assessment) -> dict[tuple[int, int], str]:
    """(goal, goal) -> id of the first recorded conflict naming both goals (or their targets), in
    both directions: a group that recorded the conflict has said the pair is at stake here."""
    pairs: dict[tuple[int, int], str] = {}
    for conflict in assessment.conflicts:
        goals = {goal_number(r) for r in (canonical_sdg(raw) for raw in conflict.between) if r is not None}
        for a in goals:
            for b in goals - {a}:
                pairs.setdefault((a, b), conflict.id)
    return pairs


def _active(edge: Edge, found: dict[str, str], recorded: dict[tuple[int, int], str]) -> Edge | None:
    """The edge as it applies to this case: None if bound to an activity the case neither names
    nor records a conflict about (between the cell's two goals)."""
    if not edge.case:
        return edge
    wanted = [c for c in edge.case if not c.startswith("!")]
    if any(c[1:] in found for c in edge.case if c.startswith("!")):
        return None  # "!fuel_station": not for a case about that activity
    if not wanted:
        return edge
    for trigger in wanted:
        if trigger in found:
            return replace(edge, trigger=found[trigger])
    conflict = recorded.get((goal_number(edge.source), goal_number(edge.target)))
    if conflict is not None:
        return replace(edge, recorded=conflict)
    return None


def effective_out_edges(graph: nx.DiGraph, ref: str) -> list[Edge]:
    """What progress on ``ref`` influences: its own edges, and for a target also those goal-level
    edges of its goal that speak for it (`Edge.speaks_for`) towards goals it has no own edge to.
    There is no blanket fallback from a target to its goal's cells. A target that is no node of
    the graph (no cell of its own, not rated in this graph: screening asks about a claim against
    the knowledge base alone) has only the goal-level edges that speak for it."""
    successors = graph.succ  # plain adjacency dicts: much faster than edge views
    found: dict[str, str] = graph.graph.get("case", {})
    recorded: dict[tuple[int, int], str] = graph.graph.get("recorded", {})
    own = (
        [
            e
            for e in (_active(data["edge"], found, recorded) for data in successors[ref].values())
            if e is not None
        ]
        if ref in graph
        else []
    )
    if is_goal(ref) or f"sdg:{goal_number(ref)}" not in graph:
        return own
    reached = {goal_number(edge.target) for edge in own}
    number = goal_number(ref)
    reached.add(number)
    inherited = [
        _active(_inherit(data["edge"], ref), found, recorded)
        for target, data in successors[f"sdg:{number}"].items()
        if is_goal(target) and goal_number(target) not in reached and data["edge"].speaks_for(ref)
    ]
    return own + [e for e in inherited if e is not None]


def _inherit(edge: Edge, source: str) -> Edge:
    return Edge(
        source,
        edge.target,
        edge.score,
        edge.origin,
        edge.citation,
        edge.basis,
        edge.rationale,
        edge.note,
        edge.replaced_score,
        inherited=True,
        level=edge.level,
        applies_to=edge.applies_to,
        applied=source,
        case=edge.case,
    )
