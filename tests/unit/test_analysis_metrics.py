"""SEI network metrics on a hand-computed 3×3 matrix, and the 17×17 goal matrix of a graph."""

from __future__ import annotations

import numpy as np
import pytest

from assessment.analysis import findings, goal_matrix, interaction_graph, metric_arrays, network_metrics
from assessment.domain import Assessment

#      a   b   c          row sums: a 1, b 4, c −2;  column sums: a 1, b 0, c 2
M = [
    [0, 2, -1],  # a
    [1, 0, 3],  # b
    [0, -2, 0],
]  # c


def test_every_metric_exactly() -> None:
    result = {m.code: m for m in network_metrics(M, ["a", "b", "c"])}
    a, b, c = result["a"], result["b"], result["c"]
    assert (a.out_strength, b.out_strength, c.out_strength) == (1, 4, -2)
    assert (a.out_positive, b.out_positive, c.out_positive) == (2, 4, 0)
    assert (a.out_negative, b.out_negative, c.out_negative) == (-1, 0, -2)
    assert (a.in_strength, b.in_strength, c.in_strength) == (1, 0, 2)
    assert (a.in_positive, b.in_positive, c.in_positive) == (1, 2, 3)
    assert (a.in_negative, b.in_negative, c.in_negative) == (0, -2, -1)
    # second order = ½ Σⱼ aᵢⱼ · rowsum(j):  a: ½(2·4 + (−1)(−2)) = 5;  b: ½(1·1 + 3·(−2)) = −2.5;
    # c: ½((−2)·4) = −4
    assert (a.second_order, b.second_order, c.second_order) == (5, -2.5, -4)
    assert (a.ranking_score, b.ranking_score, c.ranking_score) == (6, 1.5, -6)
    assert (a.net_influence, b.net_influence, c.net_influence) == (0, 4, -4)


def test_ranked_by_ranking_score_ties_keep_order() -> None:
    assert [(m.rank, m.code) for m in network_metrics(M, ["a", "b", "c"])] == [(1, "a"), (2, "b"), (3, "c")]
    tied = network_metrics([[0, 1], [1, 0]], ["x", "y"])
    assert [m.code for m in tied] == ["x", "y"]
    assert tied[0].ranking_score == tied[1].ranking_score == 1.5


def test_arrays_match_and_shape_is_checked() -> None:
    arrays = metric_arrays(np.array(M))
    assert arrays["second_order"].tolist() == [5, -2.5, -4]
    with pytest.raises(ValueError, match="square"):
        metric_arrays([[1, 2, 3]])
    with pytest.raises(ValueError, match="one code per"):
        network_metrics(M, ["a"])


def test_goal_matrix_of_the_shipped_base_with_an_override() -> None:
    assessment = Assessment.model_validate(
        {"title": "t", "interactions": [{"from": "sdg:8", "to": "sdg:13", "score": 1}]}
    )
    matrix = goal_matrix(interaction_graph(assessment))
    assert matrix.shape == (17, 17)
    assert matrix[7, 12] == 1  # override beats the knowledge base's −2
    assert matrix[6, 12] == 3  # 7 -> 13 from the table
    assert np.all(np.diag(matrix) == 0)
    result = findings(assessment)
    # No ratings: the case has no subgraph; the knowledge base's general ranking is separate.
    assert result.metrics == ()
    assert [m.rank for m in result.kb_metrics] == list(range(1, 18))
