"""The projection the portfolio views read agrees, field by field, with the full assessment."""

from __future__ import annotations

from pathlib import Path

import pytest

from assessment.domain.assessment import Assessment
from assessment.domain.projection import PROJECTION_VERSION, Projection, is_current, project, projection_data
from assessment.fileio import load_assessment

EXAMPLES = sorted((Path(__file__).parents[2] / "examples").rglob("*.yaml"))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_projection_holds_what_the_views_read_of_the_model(path: Path) -> None:
    a = load_assessment(path)
    p = project(a)
    assert (p.id, p.title, p.kind, p.organisation, p.description) == (
        a.id,
        a.title,
        a.kind.value,
        a.organisation,
        a.description,
    )
    assert (p.municipalities, p.date, p.tags) == (tuple(a.municipalities), a.date, tuple(a.tags))
    assert [(r.goal, r.target, r.impact, r.goal_number) for r in p.sdg] == [
        (r.goal, r.target, r.impact, r.goal_number) for r in a.sdg if r.impact is not None
    ]
    assert list(p.rus) == [(r.goal, r.impact) for r in a.rus if r.impact is not None]
    assert [tuple(x) for x in p.actors] == [
        (x.name, x.present, tuple(x.groups), x.influence) for x in a.actors
    ]
    for cid, answers in a.checklists.items():
        facts = p.checklists[cid]
        assert facts.checked == {i for i, x in answers.items() if x.checked}
        assert facts.commented == {i for i, x in answers.items() if not x.checked and x.comment.strip()}
    assert set(p.checklists) == set(a.checklists)
    assert len(p.conflicts) == len(a.conflicts) and len(p.measures) == len(a.measures)
    for facts, c in zip(p.conflicts, a.conflicts, strict=True):
        assert facts.model() == c
        assert (facts.id, facts.between, facts.description, facts.type, facts.origin) == (
            c.id,
            tuple(c.between),
            c.description,
            c.type,
            c.origin,
        )
        assert (facts.stage, facts.method, facts.decision, facts.position) == (
            c.stage,
            c.method,
            c.decision,
            c.position,
        )
        f = c.follow_up
        assert (facts.due, facts.plan, facts.outcome, facts.worked) == (f.due, f.plan, f.outcome, f.worked)
        assert facts.handled == bool(c.decision.strip() or c.position.strip())
    for facts, m in zip(p.measures, a.measures, strict=True):
        assert facts.model() == m
        assert (facts.id, facts.text, facts.owner, facts.due, facts.status, facts.addresses) == (
            m.id,
            m.text,
            m.owner,
            m.due,
            m.status,
            tuple(m.addresses),
        )
    assert p.interaction_models() == a.interactions


def test_unrated_items_are_left_out_and_the_shape_is_versioned() -> None:
    a = Assessment.model_validate(
        {
            "title": "Delvis bedömd",
            "sdg": [{"goal": 7}, {"goal": 13, "impact": -2}, {"target": "7.2"}],
            "rus": [{"goal": "p1"}, {"goal": "p2", "impact": 0}],
        }
    )
    data = projection_data(a)
    assert data["sdg"] == [[13, None, -2]] and data["rus"] == [["p2", 0]]
    assert data["v"] == PROJECTION_VERSION and is_current(data)
    assert not is_current({**data, "v": PROJECTION_VERSION + 1}) and not is_current(None)
    assert Projection.from_data(data).sdg[0].goal_number == 13


def test_gc_pause_restores_the_collector_even_after_an_error() -> None:
    import gc

    from assessment.domain.projection import gc_paused

    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(KeyError), gc_paused():
        raise KeyError("x")
    assert gc.isenabled()
    gc.disable()  # a caller that paused it already keeps it paused
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
