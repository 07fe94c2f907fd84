"""Figures: deterministic circular layout, colours by sign, impacts on nodes, offline output."""

from __future__ import annotations

import json
import math

import pytest

from assessment.analysis import figures, interactive_figure
from assessment.analysis.figures import (
    LABEL_FONT,
    NEUTRAL_COLOUR,
    NODE_RADIUS,
    SYNERGY_COLOUR,
    TRADEOFF_COLOUR,
    Box,
    figure_model,
    goal_position,
    text_width,
)
from assessment.domain import Assessment

RATED = Assessment.model_validate(
    {
        "title": "t",
        "sdg": [
            {"goal": 8, "impact": 2},
            {"target": "8.9", "impact": 3},
            {"goal": 2, "impact": 1},
            {"target": "2.3", "impact": -1},
            {"goal": 13, "impact": -2},
        ],
    }
)


def test_goals_clockwise_from_the_top() -> None:
    assert goal_position(1) == pytest.approx((0.0, 1.0))
    x, _ = goal_position(5)
    assert x > 0  # goal 5 is on the right: clockwise
    assert math.hypot(*goal_position(9)) == pytest.approx(1.0)


def test_model_shows_impacts_and_signed_edges() -> None:
    model = figure_model(RATED, "en")
    impacts = {n.number: (n.impact_text, n.impact_sign) for n in model.nodes}
    assert impacts[8] == ("+3", 1) and impacts[13] == ("−2", -1) and impacts[2] == ("+1/−1", 0)
    assert impacts[4] == ("", 0)
    edges = {(e.source, e.target): e.score for e in model.edges}
    assert edges[(8, 13)] == -2  # 8.9 -> 13.2 and 8 -> 13 both −2
    assert edges[(8, 1)] == 2
    assert all(e.source in (2, 8) for e in model.edges)  # only goals pushed forward
    assert model == figure_model(RATED, "en")  # deterministic


def test_plotly_figure_is_self_contained() -> None:
    fig = interactive_figure(RATED, "sv")
    nodes = fig.data[0]
    assert list(nodes.text) == [f"<b>{n}</b>" for n in range(1, 18)]
    arrows = [a for a in fig.layout.annotations if a.showarrow]
    assert {a.arrowcolor for a in arrows} == {SYNERGY_COLOUR, TRADEOFF_COLOUR}
    assert max(a.arrowwidth for a in arrows) == 1 + 1.5 * 2
    assert "http" not in json.dumps(fig.to_plotly_json(), default=str)


def test_an_unrated_assessment_has_no_arrows_and_says_so() -> None:
    assert figure_model(Assessment(title="tom"), "sv").edges == ()
    assert figure_model(Assessment(title="tom"), "sv").subtitle == "Inga påverkansbedömningar ännu"


def _circle_box(x: float, y: float) -> Box:
    return Box(x - NODE_RADIUS, y - NODE_RADIUS, x + NODE_RADIUS, y + NODE_RADIUS)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_labels_badges_and_nodes_never_overlap(lang: str) -> None:
    # Every goal rated with the widest badge text ("+3/−3") is the most crowded case.
    crowded = Assessment.model_validate(
        {
            "title": "t",
            "sdg": [
                item
                for goal in range(1, 18)
                for item in ({"goal": goal, "impact": 3}, {"target": f"{goal}.1", "impact": -3})
            ],
        }
    )
    model = figure_model(crowded, lang)
    assert all(n.impact_text == "+3/−3" and n.badge for n in model.nodes)
    labels = [n.label.box for n in model.nodes]
    badges = [n.badge.box for n in model.nodes if n.badge]
    for i, box in enumerate(labels):
        assert all(not box.overlaps(other) for other in labels[i + 1 :]), model.nodes[i].title
        assert all(not box.overlaps(badge) for badge in badges)
        assert all(not box.hits_circle(n.x, n.y, NODE_RADIUS) for n in model.nodes)
        assert len(model.nodes[i].label.lines) <= 3
    for i, badge in enumerate(badges):
        assert all(not badge.overlaps(other) for other in badges[i + 1 :])
        assert all(not badge.hits_circle(n.x, n.y, NODE_RADIUS) for n in model.nodes)
    # Nothing is clipped: every box lies inside the drawn area.
    b = model.bounds
    for box in labels + badges + [_circle_box(n.x, n.y) for n in model.nodes]:
        assert b.left <= box.left and box.right <= b.right
        assert b.bottom <= box.bottom and box.top <= b.top


def test_labels_grow_away_from_the_circle() -> None:
    model = figure_model(RATED, "sv")
    for node in model.nodes:
        label = node.label
        assert math.hypot(label.x, label.y) > 1 + NODE_RADIUS
        if node.x > 0.2:
            assert label.halign == "left" and label.box.left >= label.x - 1e-9
        if node.x < -0.2:
            assert label.halign == "right" and label.box.right <= label.x + 1e-9
    # The text width estimate is what keeps them apart: a longer title makes a wider box.
    assert text_width("klimatförändringarna", LABEL_FONT) > text_width("Jämställdhet", LABEL_FONT)


def test_plotly_figure_has_fixed_size_matching_the_layout() -> None:
    fig = interactive_figure(RATED, "sv")
    bounds = figure_model(RATED, "sv").bounds
    assert fig.layout.autosize is False
    assert 600 <= fig.layout.width <= 900  # fits the app's ~800 px figure
    assert list(fig.layout.xaxis.range) == [bounds.left, bounds.right]
    labels = [a for a in fig.layout.annotations if not a.showarrow and a.bgcolor is None]
    assert len(labels) == 17
    assert {a.xanchor for a in labels} == {"left", "center", "right"}
    badges = [a for a in fig.layout.annotations if a.bgcolor is not None]
    assert {a.bgcolor for a in badges} == {SYNERGY_COLOUR, TRADEOFF_COLOUR, NEUTRAL_COLOUR}


def test_zoom_enlarges_everything_alike() -> None:
    small, large = figures.interactive_figure(RATED, "sv"), figures.interactive_figure(RATED, "sv", 1.12)
    assert large.layout.width > small.layout.width
    ratio = large.data[0].marker.size / small.data[0].marker.size
    label_sizes = [
        (a.font.size, b.font.size)
        for a, b in zip(small.layout.annotations, large.layout.annotations, strict=True)
        if a.font.size
    ]
    assert ratio == pytest.approx(1.12)
    assert all(b / a == pytest.approx(ratio) for a, b in label_sizes)


@pytest.mark.parametrize("zoom", [1.0, 1.12])
def test_annotations_in_one_call_give_the_figure_one_by_one_calls_give(zoom: float) -> None:
    # The figure sets every annotation in one layout update (add_annotation per item is
    # quadratic); the JSON the browser gets must be exactly what the one-by-one build gave.
    import plotly.graph_objects as go

    fig = figures.interactive_figure(RATED, "en", zoom)
    reference = go.Figure()
    for annotation in figures._annotations(figure_model(RATED, "en"), figures.PX_PER_UNIT * zoom):
        reference.add_annotation(**annotation)
    for trace in fig.data:
        reference.add_trace(trace)
    layout = fig.layout.to_plotly_json()
    del layout["annotations"], layout["template"]
    reference.update_layout(layout)
    assert len(fig.layout.annotations) > 17
    assert reference.to_json() == fig.to_json()
