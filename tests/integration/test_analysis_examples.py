"""The example assessments produce sensible findings, in both languages and as figures."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.graphics.shapes import Drawing, Polygon

from assessment.analysis import Findings, default_view, findings, interactive_figure
from assessment.analysis.figures import figure_model
from assessment.domain.refs import canonical_sdg, goal_number
from assessment.fileio import load_assessment
from assessment.report.context import ReportContext
from assessment.report.sections.graph import graph

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _findings(name: str, lang: str = "sv") -> Findings:
    return findings(load_assessment(EXAMPLES / name), lang)


def _warned_goals(result: Findings) -> set[int]:
    return {goal_number(f.target) for f in (*result.direct_conflicts, *result.latent_conflicts)}


def test_international_visitors_warn_about_climate() -> None:
    result = _findings("internationella_besokare.yaml", "en")
    top = result.direct_conflicts[0]
    assert (top.source, goal_number(top.target)) == ("8.9", 13)  # tourism growth vs. climate
    assert "target 13.2 (Climate measures in policies and planning)" in top.explanation
    assert 13 in _warned_goals(result)
    # Visitor pressure in the mountains (a target-level cell) is asked about ...
    assert any(f.source == "8.9" and f.target == "15.5" for f in result.latent_conflicts)
    # ... but goal-level cells of goal 8 are no longer pushed down to the rated target 8.9.
    assert not any(f.source == "8.9" and f.target == "sdg:12" for f in result.latent_conflicts)
    _no_goal_cells_pushed_down(result)


def _no_goal_cells_pushed_down(result: Findings) -> None:
    """Findings from a rated target rest on target-level cells, the workshop's own interactions
    or a goal cell whose applies_to names the target (the source text says so)."""
    for f in (*result.latent_conflicts, *result.second_order_risks, *result.synergies):
        if "." in f.source and f.evidence == "goal_cell":
            assert "applies to target" in f.source_text, f.explanation


def test_fish_farming_warns_about_water_and_land() -> None:
    result = _findings("landbaserad_fiskodling.yaml", "en")
    assert {6, 15} <= _warned_goals(result)
    # Nutrients to the recipient: the workshop's own 2.4 -> 6.3 confirms the rated conflict.
    assert any((f.source, f.target) == ("2.4", "6.3") for f in result.direct_conflicts)
    # An inland RAS plant is not told that goal 8/9/2 cells harm the oceans (goal 14).
    assert 14 not in _warned_goals(result)
    _no_goal_cells_pushed_down(result)
    land = [i for i in result.coverage.items if i.target == "15.1"]
    assert land and land[0].kind == "negative_impact"  # the harm to land ecosystems is tracked
    assert land[0].status in ("measure", "position", "open")


def test_kalarne_fuel_station_conflict_with_climate_is_handled() -> None:
    result = _findings("kalarne_drivmedel.yaml", "en")
    assert all(goal_number(f.target) == 13 for f in result.direct_conflicts)
    sdg = [i for i in result.coverage.items if canonical_sdg(i.target) is not None]
    climate = [i for i in sdg if goal_number(i.target) == 13]
    assert climate and all(i.status == "measure" for i in climate)  # m1 conditions the support
    # 4 SDG issues: the −2 on 13.2 and the three conflicts with it that something links (11 via
    # the recorded k1, 9.1 by a target cell, 11.2 by the workshop's own score), all handled by m1
    # (it addresses sdg:13). 10.2 and 7.2 beside the −2 are simultaneous effects, not conflicts.
    # The SEI-summary cells 11 → 6 / 11 → 15 that used to add two open issues are gone.
    # 3 more: the RUS −2 on v_climate (named in k1, which m1 addresses), the −1 on the
    # environmental objective "Begränsad klimatpåverkan" (no measure, conflict or position names
    # it) and the recorded resource conflict k2 (no SDG pair links to it; m3 addresses it).
    # k1 is not counted again: the direct conflict 11 → 13.2 already links to it.
    by_target = {i.target: i for i in result.coverage.items if canonical_sdg(i.target) is None}
    assert {ref: (i.kind, i.status) for ref, i in by_target.items()} == {
        "rus:v_climate": ("negative_impact", "measure"),
        "other:miljokvalitetsmal:begransad_klimatpaverkan": ("negative_impact", "open"),
        "k2": ("recorded_conflict", "measure"),
    }
    assert len(sdg) == 4 and sum(i.addressed for i in sdg) == 4
    assert result.coverage.summary("en") == "6 of 7 addressed"
    assert _findings("kalarne_drivmedel.yaml").coverage.summary("sv") == "6 av 7 hanterade"
    # The fuel station's groundwater risk is raised (a target cell bound to the activity).
    water = next(f for f in result.latent_conflicts if (f.source, f.target) == ("9.1", "6.3"))
    assert "mentions “drivmedel" in water.source_text
    assert [f.target for f in result.mixed_effects] == ["13.2"]
    # The workshop's own score 11.2 -> 13.2 (−1) replaces the table's +1.
    override = next(f for f in result.direct_conflicts if f.source == "11.2")
    assert override.score == -1 and "own interaction" in override.source_text


def test_business_support_flags_ecological_goals() -> None:
    result = _findings("foretagsstod_ansokan.yaml", "en")
    assert {13, 15} <= _warned_goals(result)
    _no_goal_cells_pushed_down(result)
    assert any(f.target == "13.2" and f.score == 3 for f in result.synergies)  # 7.2 → 13.2


@pytest.mark.parametrize("path", sorted(EXAMPLES.rglob("*.yaml")), ids=lambda p: p.name)
def test_every_example_analyses_in_both_languages(path: Path) -> None:
    assessment = load_assessment(path)
    sv, en = findings(assessment, "sv"), findings(assessment, "en")
    assert sv.to_dict().keys() == en.to_dict().keys()
    for finding in (*sv.warnings, *sv.synergies):
        assert finding.explanation and finding.source_text
    assert [f.target for f in sv.warnings] == [f.target for f in en.warnings]
    assert 0 <= sv.coverage.addressed <= sv.coverage.total


def test_example_figure_has_the_same_arrows_in_the_app_and_the_pdf() -> None:
    assessment = load_assessment(EXAMPLES / "internationella_besokare.yaml")
    edges = figure_model(assessment, "sv").edges
    assert edges
    app_arrows = [a for a in interactive_figure(assessment, "sv").layout.annotations if a.showarrow]
    story = graph(ReportContext(assessment, "sv"))
    drawings = [f for part in story for f in getattr(part, "_content", [part]) if isinstance(f, Drawing)]
    assert len(drawings) == 1
    pdf_heads = [shape for shape in drawings[0].contents if isinstance(shape, Polygon)]
    assert len(app_arrows) == len(pdf_heads) == len(edges)


def test_kalarne_gets_no_generic_growth_chain_as_a_case_risk() -> None:
    """A rural fuel station is not at risk of consumption-driven growth: 11 -> 8 -> 12 runs
    through goal 8, which the group rated itself (indirect, low certainty), and every chain left
    of two goal-level cells is marked general and kept out of the default view."""
    result = _findings("kalarne_drivmedel.yaml", "en")
    chains = {(f.source, f.via, f.target): f for f in result.second_order_risks}
    assert ("sdg:11", "sdg:8", "sdg:12") not in chains
    assert not any(f.via == "sdg:8" for f in result.second_order_risks)
    general = [f for f in chains.values() if f.evidence == "general"]
    assert general, "the goal-level chain 11 -> 1 -> 12 is still listed under show all"
    for f in general:
        assert f.via is not None and f.via.startswith("sdg:") and f.target.startswith("sdg:")
        assert "not as a risk of this case" in f.explanation
    assert not any(f.evidence == "general" for f in default_view(result).shown)
