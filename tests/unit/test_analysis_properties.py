"""Property checks: metrics against a plain double loop, matrix CSV round trip, message keys."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from assessment.analysis import metric_arrays, parse_matrix
from assessment.i18n import catalogue

GOALS = [f"sdg:{n}" for n in range(1, 18)]


@st.composite
def matrices(draw: st.DrawFn) -> np.ndarray:
    n = draw(st.integers(1, 9))
    cells = draw(st.lists(st.integers(-3, 3), min_size=n * n, max_size=n * n))
    matrix = np.array(cells, dtype=np.float64).reshape(n, n)
    np.fill_diagonal(matrix, 0)
    return matrix


@settings(max_examples=60, deadline=None)
@given(matrices())
def test_metrics_equal_the_definitions(matrix: np.ndarray) -> None:
    n = len(matrix)
    rows = [sum(matrix[i][j] for j in range(n)) for i in range(n)]
    arrays = metric_arrays(matrix)
    for i in range(n):
        column = sum(matrix[k][i] for k in range(n))
        second = 0.5 * sum(matrix[i][j] * rows[j] for j in range(n))
        assert arrays["out_strength"][i] == rows[i]
        assert arrays["in_strength"][i] == column
        assert arrays["out_positive"][i] + arrays["out_negative"][i] == rows[i]
        assert arrays["in_positive"][i] + arrays["in_negative"][i] == column
        assert arrays["second_order"][i] == second
        assert arrays["ranking_score"][i] == rows[i] + second
        assert arrays["net_influence"][i] == rows[i] - column


@settings(max_examples=40, deadline=None)
@given(matrices(), st.sampled_from([",", ";", "\t"]))
def test_matrix_csv_round_trip(matrix: np.ndarray, separator: str) -> None:
    codes = GOALS[: len(matrix)]
    lines = [separator.join(["", *codes])]
    for code, row in zip(codes, matrix, strict=True):
        cells = ["" if c == codes.index(code) else f"{int(v):+d}" for c, v in enumerate(row)]
        lines.append(separator.join([code, *cells]))
    parsed = parse_matrix("\n".join(lines))
    assert parsed.codes == tuple(codes)
    assert np.array_equal(parsed.values, matrix)


def test_every_analysis_message_key_used_in_code_exists() -> None:
    root = Path(__file__).resolve().parents[2] / "assessment"
    sources = [
        *(root / "analysis").glob("*.py"),
        root / "knowledge" / "interactions.py",
        root / "cli" / "analyse_cmd.py",
    ]
    used: set[str] = set()
    for path in sources:
        used |= set(re.findall(r'"analysis\.([a-z_]+)"', path.read_text(encoding="utf-8")))
    used |= {
        f"scale_{name}"
        for name in (
            "indivisible",
            "reinforcing",
            "enabling",
            "consistent",
            "constraining",
            "counteracting",
            "cancelling",
        )
    }
    used |= {
        "basis_literature",
        "basis_project_judgement",
        "kind_negative_impact",
        "kind_direct_conflict",
        "kind_latent_conflict",
        "kb_not_goal",
        "kb_not_target",
    }
    missing = {key for key in used if f"analysis.{key}" not in catalogue()}
    assert not missing
    assert len(used) > 40


@st.composite
def assessments(draw: st.DrawFn) -> dict[str, object]:
    from assessment.knowledge.sdg import sdg_catalog

    codes = [f"sdg:{n}" for n in range(1, 18)] + list(sdg_catalog().targets)
    chosen = draw(st.lists(st.sampled_from(codes), max_size=12, unique=True))
    ratings = []
    for code in chosen:
        impact = draw(st.one_of(st.none(), st.integers(-3, 3)))
        rating: dict[str, object] = {"goal": int(code[4:])} if code.startswith("sdg:") else {"target": code}
        ratings.append({**rating, "impact": impact})
    pairs = draw(
        st.lists(st.tuples(st.sampled_from(codes), st.sampled_from(codes), st.integers(-3, 3)), max_size=4)
    )
    interactions = [{"from": a, "to": b, "score": s} for a, b, s in pairs if a != b]
    return {"title": "prop", "sdg": ratings, "interactions": interactions}


@settings(max_examples=60, deadline=None)
@given(assessments())
def test_findings_invariants_on_random_assessments(data: dict[str, object]) -> None:
    from assessment.analysis import findings
    from assessment.analysis.refs import covers
    from assessment.domain import Assessment

    assessment = Assessment.model_validate(data)
    result = findings(assessment, "en")
    impacts = {r.ref: r.impact for r in assessment.sdg if r.impact}
    negatives = [ref for ref, i in impacts.items() if i < 0]
    for f in result.latent_conflicts:
        assert f.score is not None and f.score <= -1 and impacts[f.source] > 0
        assert not any(covers(n, f.target) for n in negatives)
        assert f.severity == round(impacts[f.source] * -f.score / 3, 3)
    for f in result.synergies:
        assert f.score is not None and f.score >= 2 and impacts[f.source] > 0
    for f in result.second_order_risks:
        assert f.via is not None and f.score is not None and f.score <= -1
        assert 0 < f.severity <= 1.5
    for f in result.direct_conflicts:
        assert impacts[f.source] > 0 > impacts[f.target]
    threshold_latent = [f for f in result.latent_conflicts if f.severity >= 1.0]
    assert result.coverage.total == (len(negatives) + len(result.direct_conflicts) + len(threshold_latent))
    assert len(result.unaddressed) == result.coverage.total - result.coverage.addressed
    for f in (*result.warnings, *result.synergies, *result.unaddressed):
        assert f.explanation and f.source_text and "{" not in f.explanation
