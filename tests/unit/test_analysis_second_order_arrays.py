"""Second-order risks are searched with array operations; they must be exactly the risks the
plain loop over every A →(+) B →(−) C path finds (same pairs, via, edges and severities)."""

from __future__ import annotations

import random

import pytest

from assessment.analysis.detect import (
    CONFLICT_MAX_SCORE,
    SECOND_ORDER_DISCOUNT,
    Context,
    second_order_risks,
)
from assessment.analysis.graph import interaction_graph
from assessment.analysis.refs import CoverSet
from assessment.domain import Assessment
from assessment.i18n.text import LocalText
from assessment.knowledge.interactions import InteractionBase, KnownInteraction
from assessment.knowledge.sdg import sdg_catalog


def _reference(ctx: Context, discount: float) -> dict[tuple[str, str], tuple[float, str, int, int]]:
    """The loop the arrays replace: strongest path per (A, C), the first B on a tie."""
    best: dict[tuple[str, str], tuple[float, str, int, int]] = {}
    for a, ia in ctx.positives():
        linked = CoverSet(e.target for e in ctx.out_edges(a) if e.score <= CONFLICT_MAX_SCORE or e.score > 0)
        for first in ctx.out_edges(a):
            if first.score < 1 or ctx.rated_covering(first.target):
                continue
            for second in ctx.out_edges(first.target):
                c = second.target
                if (
                    second.score > CONFLICT_MAX_SCORE
                    or c in (a, first.target)
                    or linked.covers(c)
                    or ctx.negative_recorded(c)
                ):
                    continue
                severity = discount * ia * (first.score / 3) * (-second.score / 3) * ctx.factor(a)
                if (a, c) not in best or severity > best[(a, c)][0]:
                    best[(a, c)] = (severity, first.target, first.score, second.score)
    return best


def _case(seed: int) -> tuple[Assessment, InteractionBase]:
    rng = random.Random(seed)
    targets = list(sdg_catalog().targets)
    nodes = [f"sdg:{n}" for n in range(1, 18)] + rng.sample(targets, 40)
    text = LocalText(sv="t", en="t")
    cells = []
    for source in nodes:
        for target in rng.sample(nodes, 12):
            if source != target:
                level = "goal" if source.startswith("sdg:") and target.startswith("sdg:") else "target"
                # Ties on purpose: few distinct scores, so many paths share a severity.
                score = rng.choice((-3, -1, -1, 1, 1, 3))
                applies = tuple(rng.sample(targets, 3)) if level == "goal" else ()
                cells.append(
                    KnownInteraction(source, target, score, "project_judgement", "t", text, level, applies)  # type: ignore[arg-type]
                )
    goal_cells = tuple(c for c in cells if c.level == "goal")
    kb = InteractionBase(goals=goal_cells, targets=tuple(c for c in cells if c.level != "goal"))
    rated = rng.sample(nodes, 12)
    sdg = [
        ({"goal": int(r[4:])} if r.startswith("sdg:") else {"target": r})
        | {"impact": rng.choice((-2, -1, 1, 2, 3)), "certainty": rng.choice(("low", "medium", "high"))}
        for r in rated
    ]
    interactions = [
        {"source": rng.choice(rated), "to": rng.choice(nodes), "score": rng.choice((-2, 2))} for _ in range(6)
    ]
    interactions = [i for i in interactions if i["source"] != i["to"]]
    return Assessment.model_validate({"title": "t", "sdg": sdg, "interactions": interactions}), kb


@pytest.mark.parametrize("seed", range(12))
def test_array_search_finds_exactly_what_the_loop_finds(seed: int) -> None:
    assessment, kb = _case(seed)
    for discount in (SECOND_ORDER_DISCOUNT, 1.0):
        ctx = Context(assessment, interaction_graph(assessment, kb), "en")
        expected = _reference(ctx, discount)
        found = second_order_risks(ctx, discount)
        assert len(expected) > 20
        got = {(f.source, f.target): (f.severity, f.via, f.score, ctx.impacts[f.source]) for f in found}
        assert set(got) == set(expected)
        for key, (severity, via, _first_score, second_score) in expected.items():
            assert got[key][0] == round(severity, 3)
            assert got[key][1] == via  # the same B, also on ties
            assert got[key][2] == second_score
