"""The PDF's interaction graph: a reportlab vector drawing of the analysis' figure model.

It is the only rendering of the graph in the PDF (there is no raster fallback), so these tests read
the drawing's shapes: one arrowhead per arrow in the sign's colour, the goal numbers, the impact
badges, the legend and what an unrated or unanalysable assessment gets instead.
"""

from __future__ import annotations

import pytest
from reportlab.graphics.shapes import Drawing, Polygon, String
from reportlab.platypus import Flowable, KeepTogether

from assessment.analysis import figures
from assessment.analysis.figures import figure_model
from assessment.domain import Assessment
from assessment.errors import Problem, UserError
from assessment.report.charts import SYNERGY, TRADEOFF
from assessment.report.context import ReportContext
from assessment.report.sections.graph import graph
from assessment.report.styles import CONTENT_WIDTH

# Goal 8 is rated +2 and its target 8.9 +3 (badge "+3"), goal 2 +1 and target 2.3 −1 (badge
# "+1/−1"), goal 13 −2. Arrows start only at goals pushed forward: 2 and 8. The knowledge base's
# 8 -> 13 cell is a trade-off (−2) and 8 -> 1 a synergy (+2), so both colours are drawn.
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


def _drawing(assessment: Assessment, lang: str = "sv") -> Drawing:
    story = graph(ReportContext(assessment, lang))  # type: ignore[arg-type]
    drawings = [f for part in story for f in _flat(part) if isinstance(f, Drawing)]
    assert len(drawings) == 1
    return drawings[0]


def _flat(part: Flowable) -> list[Flowable]:
    return list(part._content) if isinstance(part, KeepTogether) else [part]  # type: ignore[attr-defined]


def _texts(drawing: Drawing) -> list[str]:
    return [shape.text for shape in drawing.contents if isinstance(shape, String)]


def test_one_arrowhead_per_arrow_in_the_colour_of_its_sign() -> None:
    drawing = _drawing(RATED)
    heads = [shape for shape in drawing.contents if isinstance(shape, Polygon)]
    scores = [edge.score for edge in figure_model(RATED, "sv").edges]
    assert len(heads) == len(scores) >= 2
    expected = [SYNERGY if score > 0 else TRADEOFF for score in scores]
    assert [head.fillColor for head in heads] == expected
    assert SYNERGY in expected and TRADEOFF in expected


def test_goal_numbers_badges_and_legend_are_text_in_the_pdf() -> None:
    texts = _texts(_drawing(RATED))
    for number in range(1, 18):
        assert str(number) in texts
    assert {"+3", "+1/−1", "−2"} <= set(texts)  # the typographic minus, as elsewhere in the PDF
    assert "-2" not in texts
    assert {"synergi (+)", "målkonflikt (−)", "siffran vid målet = bedömd påverkan"} <= set(texts)
    assert "trade-off (−)" in _texts(_drawing(RATED, "en"))


def test_the_drawing_fits_the_text_width() -> None:
    drawing = _drawing(RATED)
    assert drawing.width == pytest.approx(CONTENT_WIDTH)
    assert 0 < drawing.height < 1.2 * CONTENT_WIDTH


def test_an_unrated_assessment_gets_no_arrows_and_says_why() -> None:
    drawing = _drawing(Assessment(title="tom"))
    assert not [shape for shape in drawing.contents if isinstance(shape, Polygon)]
    texts = _texts(drawing)
    assert "Inga påverkansbedömningar ännu" in texts
    assert not {"+1", "+2", "+3", "−1", "−2", "−3"} & set(texts)


def test_a_graph_the_analysis_cannot_give_is_named_not_drawn(monkeypatch: pytest.MonkeyPatch) -> None:
    # What a region's damaged knowledge base gives: the figure model cannot be built.
    def refuse(assessment: Assessment, lang: str = "sv") -> figures.FigureModel:
        raise UserError(Problem("core.file_not_found", file="sdg_data/interactions.yaml"))

    monkeypatch.setattr(figures, "figure_model", refuse)
    story = graph(ReportContext(RATED, "sv"))
    assert not [f for part in story for f in _flat(part) if isinstance(f, Drawing)]
    text = " ".join(p.getPlainText() for p in story if hasattr(p, "getPlainText"))
    assert "Samspelsgrafen kunde inte ritas." in text
