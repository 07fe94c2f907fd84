"""Figures: deterministic circular layout, colours by sign, impacts on nodes, offline output."""

from __future__ import annotations

import json
import math

import pytest

from assessment.analysis import interactive_figure, static_figure_png
from assessment.analysis.figures import (
    SYNERGY_COLOUR,
    TRADEOFF_COLOUR,
    figure_model,
    goal_position,
)
from assessment.domain import Assessment

RATED = Assessment.model_validate({"title": "t", "sdg": [
    {"goal": 8, "impact": 2}, {"target": "8.9", "impact": 3}, {"goal": 2, "impact": 1},
    {"target": "2.3", "impact": -1}, {"goal": 13, "impact": -2}]})


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


def test_png_for_rated_and_empty_assessments() -> None:
    png = static_figure_png(RATED, "en")
    assert png.startswith(b"\x89PNG") and len(png) > 20_000
    empty = static_figure_png(Assessment(title="tom"), "sv")
    assert empty.startswith(b"\x89PNG")
    assert figure_model(Assessment(title="tom"), "sv").edges == ()
    assert figure_model(Assessment(title="tom"), "sv").subtitle == "Inga påverkansbedömningar ännu"
