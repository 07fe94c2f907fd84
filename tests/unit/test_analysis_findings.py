"""Findings on small hand-computed graphs: every finding type, overrides, coverage, no impacts."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from assessment.analysis import coverage, default_view, findings, interaction_graph
from assessment.analysis.view import MIN_SEVERITY
from assessment.domain import Assessment
from assessment.i18n.text import LocalText
from assessment.knowledge.interactions import InteractionBase, KnownInteraction


def _cell(
    source: str, target: str, score: int, basis: str = "literature", applies_to: tuple[str, ...] = ()
) -> KnownInteraction:
    level = "goal" if source.startswith("sdg:") else "target"
    return KnownInteraction(
        source,
        target,
        score,
        basis,  # type: ignore[arg-type]
        "Test et al. 2020",
        LocalText(sv=f"sv {source}->{target}", en=f"en {source}->{target}"),
        level,  # type: ignore[arg-type]
        applies_to,
    )


# Hand-built knowledge base:  8 -(-2)-> 13,  8 -(+2)-> 9 -(-1)-> 15,  8 -(+3)-> 1 -(-1)-> 13,
# and a target-level cell 8.9 -(-2)-> 13.2.
KB = InteractionBase(
    goals=(
        _cell("sdg:8", "sdg:13", -2),
        _cell("sdg:8", "sdg:9", 2, "project_judgement"),
        _cell("sdg:9", "sdg:15", -1),
        _cell("sdg:8", "sdg:1", 3),
        _cell("sdg:1", "sdg:13", -1),
    ),
    targets=(_cell("8.9", "13.2", -2),),
)


def _assessment(**data: Any) -> Assessment:
    return Assessment.model_validate({"title": "Test", **data})


BASE = {"sdg": [{"goal": 8, "impact": 3}, {"goal": 10, "impact": -1}]}


def test_unlinked_positive_and_negative_are_mixed_effects_not_a_conflict() -> None:
    result = findings(_assessment(**BASE), "en", kb=KB)
    assert result.direct_conflicts == ()  # nothing links 8 and 10
    (found,) = result.mixed_effects
    assert (found.kind, found.source, found.target, found.related) == (
        "mixed_effects",
        "sdg:8",
        "sdg:10",
        ("sdg:8",),
    )
    assert found.severity == 0.5  # 3 · 1 / 6: below a linked conflict of the same ratings
    assert "simultaneous positive and negative effects" in found.explanation
    assert "Note:" not in found.explanation and found.evidence == "ratings"


def test_mixed_effects_are_grouped_around_the_shared_negative() -> None:
    data = {"sdg": [{"goal": 8, "impact": 2}, {"goal": 4, "impact": 3}, {"goal": 10, "impact": -1}]}
    (found,) = findings(_assessment(**data), "en", kb=KB).mixed_effects
    assert found.target == "sdg:10" and found.related == ("sdg:4", "sdg:8")  # strongest first
    assert found.explanation.index("SDG 4") < found.explanation.index("SDG 8")


def test_a_pair_linked_by_a_negative_cell_is_a_direct_conflict() -> None:
    data = {"sdg": [{"goal": 8, "impact": 3}, {"goal": 13, "impact": -1}]}
    result = findings(_assessment(**data), "en", kb=KB)
    (found,) = result.direct_conflicts
    assert (found.source, found.target, found.severity, found.score) == ("sdg:8", "sdg:13", 1.0, -2)
    assert (found.source_impact, found.target_impact, found.evidence) == (3, -1, "goal_cell")
    assert "positive impact on SDG 8" in found.explanation and "(−1)" in found.explanation
    assert "knowledge base confirms" in found.explanation and "goal-level cell" in found.source_text
    assert found.origin == "assessment_ratings" and result.mixed_effects == ()


def test_a_pair_linked_by_a_recorded_conflict_is_a_direct_conflict() -> None:
    data = {**BASE, "conflicts": [{"id": "k1", "between": ["sdg:8", "sdg:10"]}]}
    result = findings(_assessment(**data), "en", kb=KB)
    (found,) = result.direct_conflicts
    assert (found.target, found.score, found.evidence, found.severity) == (
        "sdg:10",
        None,
        "recorded_conflict",
        1.0,
    )
    assert "You recorded this goal conflict yourselves (k1)" in found.explanation
    assert result.mixed_effects == ()


def test_indirect_and_low_certainty_ratings_are_respected() -> None:
    data = {
        "sdg": [
            {"goal": 8, "impact": 3},
            {"goal": 13, "impact": -3, "direct": False},
            {"goal": 1, "impact": 2},
        ],
        "interactions": [{"from": "sdg:1", "to": "sdg:13", "score": 2}],
    }
    result = findings(_assessment(**data), "en", kb=KB)
    (found,) = result.direct_conflicts
    assert found.severity == 1.5  # 3 · 3 / 3, halved for the indirect rating
    assert "a goal conflict through an indirect impact" in found.explanation
    assert "direct goal conflict" not in found.explanation
    assert "marked indirect or uncertain" in found.explanation
    # 1 → 13 is a synergy, but the −3 is indirect: the ratings are not questioned.
    (mixed,) = result.mixed_effects
    assert mixed.related == ("sdg:1",) and "Note:" not in mixed.explanation
    low = {**data, "sdg": [{"goal": 8, "impact": 3, "certainty": "low"}, {"goal": 13, "impact": -3}]}
    (found,) = findings(_assessment(**low), "en", kb=KB).direct_conflicts
    assert found.severity == 1.5 and "direct goal conflict" in found.explanation


def test_latent_conflict_with_severity_and_provenance() -> None:
    (found,) = findings(_assessment(**BASE), "en", kb=KB).latent_conflicts
    assert (found.source, found.target, found.score) == ("sdg:8", "sdg:13", -2)
    assert found.severity == 2.0  # 3 · |−2| / 3
    assert "counteracting, −2: en sdg:8->sdg:13" in found.explanation
    assert "Have you assessed SDG 13" in found.explanation
    assert found.source_text == "Literature: Test et al. 2020 (goal-level cell)"
    assert found.basis == "literature" and found.origin == "knowledge_base"
    assert found.evidence == "goal_cell"


def test_second_order_risk_is_discounted_and_skips_paths_already_latent() -> None:
    (found,) = findings(_assessment(**BASE), "en", kb=KB).second_order_risks
    # 8 -(+2)-> 9 -(-1)-> 15;  8 -> 1 -> 13 is left out because 8 -> 13 is already latent.
    assert (found.source, found.via, found.target, found.score) == ("sdg:8", "sdg:9", "sdg:15", -1)
    assert found.severity == round(0.5 * 3 * (2 / 3) * (1 / 3), 3)
    assert found.source_text == (
        "The project's own judgement: Test et al. 2020 (goal-level cell) | "
        "Literature: Test et al. 2020 (goal-level cell); "
        "a general chain of two goal-level cells, not specific to the case"
    )
    # Two goal-level cells: a general chain, said so, and never in the default view.
    assert found.evidence == "general"
    assert "read it as a reminder, not as a risk of this case" in found.explanation


def test_no_second_order_risk_through_a_goal_the_case_rates_itself() -> None:
    # 8 -> 9 -> 15 again, but the group rated 9: 9 -> 15 is then 9's own latent conflict, and
    # a chain 8 -> 9 -> 15 would say it a second time.
    data = {"sdg": [{"goal": 8, "impact": 3}, {"goal": 9, "impact": 1}]}
    result = findings(_assessment(**data), "en", kb=KB)
    assert result.second_order_risks == ()
    assert [(f.source, f.target) for f in result.latent_conflicts] == [
        ("sdg:8", "sdg:13"),
        ("sdg:9", "sdg:15"),
    ]
    # A target of the middle goal rated (even at 0) counts as rating it.
    data = {"sdg": [{"goal": 8, "impact": 3}, {"target": "9.4", "impact": 0}]}
    assert findings(_assessment(**data), "en", kb=KB).second_order_risks == ()


def test_no_second_order_risk_where_a_positive_does_not_reach_the_target_directly() -> None:
    # A positive direct link 8 -> 15 outweighs the detour 8 -> 9 -> 15: no "risk".
    kb = InteractionBase(goals=(*KB.goals, _cell("sdg:8", "sdg:15", 1)), targets=KB.targets)
    assert findings(_assessment(**BASE), "en", kb=kb).second_order_risks == ()


def test_a_chain_with_a_target_level_step_is_not_general_and_may_be_shown() -> None:
    # 8.9 -(+2)-> 9.4 (target cell) -(-2)-> 15.1 (target cell): case-specific evidence.
    kb = InteractionBase(
        goals=KB.goals, targets=(*KB.targets, _cell("8.9", "9.4", 2), _cell("9.4", "15.1", -2))
    )
    result = findings(_assessment(sdg=[{"target": "8.9", "impact": 3}]), "en", kb=kb)
    (found,) = result.second_order_risks
    assert (found.via, found.target, found.evidence) == ("9.4", "15.1", "target_cell")
    assert "not as a risk of this case" not in found.explanation
    assert found in default_view(result).shown


def test_a_general_chain_waits_behind_show_all() -> None:
    result = findings(_assessment(**BASE), "en", kb=KB)
    (found,) = result.second_order_risks
    assert found.evidence == "general" and found.severity >= MIN_SEVERITY["second_order_risk"]
    assert found not in default_view(result).shown
    assert found in default_view(result, show_all=True).shown


def test_second_order_discount_is_a_parameter() -> None:
    (found,) = findings(_assessment(**BASE), "en", kb=KB, discount=1.0).second_order_risks
    assert found.severity == round(3 * (2 / 3) * (1 / 3), 3)


def test_synergies_need_score_two_and_are_sorted() -> None:
    result = findings(_assessment(**BASE), "en", kb=KB)
    assert [(f.target, f.score, f.severity) for f in result.synergies] == [
        ("sdg:1", 3, 3.0),
        ("sdg:9", 2, 2.0),
    ]
    assert "Make use of the synergy" in result.synergies[0].explanation


def test_negative_impact_recorded_on_b_silences_the_latent_warning() -> None:
    data = {"sdg": [{"goal": 8, "impact": 3}, {"target": "13.2", "impact": -1}]}
    result = findings(_assessment(**data), "en", kb=KB)
    assert result.latent_conflicts == ()
    # The goal-level 8 → 13 does not speak for target 13.2: no conflict without applies_to.
    assert result.direct_conflicts == ()
    assert [f.target for f in result.mixed_effects] == ["13.2"]


def test_a_goal_cell_links_a_target_only_where_applies_to_names_it() -> None:
    kb = InteractionBase(goals=(_cell("sdg:8", "sdg:13", -2, applies_to=("13.2",)),), targets=())
    data = {
        "sdg": [{"goal": 8, "impact": 3}, {"target": "13.2", "impact": -1}, {"target": "13.3", "impact": -1}]
    }
    result = findings(_assessment(**data), "en", kb=kb)
    (direct,) = result.direct_conflicts
    assert (direct.target, direct.score, direct.evidence) == ("13.2", -2, "goal_cell")
    assert "goal-level cell the data applies to target 13.2" in direct.source_text
    assert [f.target for f in result.mixed_effects] == ["13.3"]


def test_a_goal_cell_with_applies_to_is_general_between_goal_ratings() -> None:
    # Its source locates the interaction at 8.1; "goal 8 +2" does not say it is about 8.1.
    kb = InteractionBase(
        goals=(
            _cell("sdg:8", "sdg:13", -2, applies_to=("8.1",)),
            _cell("sdg:8", "sdg:12", -2, applies_to=("8.1",)),
            _cell("sdg:8", "sdg:1", 2, applies_to=("8.1",)),
        ),
        targets=(),
    )
    data = {"sdg": [{"goal": 8, "impact": 2}, {"goal": 13, "impact": -1}, {"goal": 1, "impact": -1}]}
    result = findings(_assessment(**data), "en", kb=kb)
    assert result.direct_conflicts == ()
    mixed = {f.target: f for f in result.mixed_effects}
    assert set(mixed) == {"sdg:13", "sdg:1"}
    assert "do the ratings hold" not in mixed["sdg:1"].explanation  # a general cell asks nothing
    (latent,) = result.latent_conflicts
    assert (latent.target, latent.evidence) == ("sdg:12", "general")
    assert "goal-level cell its source ties to targets 8.1" in latent.source_text
    assert set(default_view(result).shown) == set(mixed.values())  # "show all" has the latent one
    # The target the cell names still gets it as a goal cell, and a conflict with it.
    named = {"sdg": [{"target": "8.1", "impact": 2}, {"goal": 13, "impact": -1}]}
    (direct,) = findings(_assessment(**named), "en", kb=kb).direct_conflicts
    assert (direct.source, direct.evidence) == ("8.1", "goal_cell")
    # A recorded conflict still makes the goal pair a direct conflict.
    recorded = {**data, "conflicts": [{"id": "K1", "between": ["sdg:8", "sdg:13"]}]}
    (kept,) = findings(_assessment(**recorded), "en", kb=kb).direct_conflicts
    assert (kept.target, kept.evidence) == ("sdg:13", "recorded_conflict")


def test_rated_positive_b_still_warns_and_asks_to_check() -> None:
    data = {"sdg": [{"goal": 8, "impact": 3}, {"goal": 13, "impact": 1}]}
    (found,) = findings(_assessment(**data), "en", kb=KB).latent_conflicts
    assert "You rated SDG 13 (Climate action) (+1); the rating may be missing this negative effect" in (
        found.explanation
    )
    assert "Have you assessed" not in found.explanation and found.target_impact == 1


def test_never_asks_whether_a_rated_target_of_the_goal_was_assessed() -> None:
    data = {"sdg": [{"goal": 8, "impact": 3}, {"target": "13.3", "impact": 1}]}
    (found,) = findings(_assessment(**data), "en", kb=KB).latent_conflicts
    assert found.target == "sdg:13" and "Have you assessed" not in found.explanation
    assert "You rated target 13.3" in found.explanation


def test_assessment_interaction_overrides_the_knowledge_base() -> None:
    data = {
        **BASE,
        "interactions": [
            {"from": "sdg:8", "to": "13", "score": -3, "note": "flyg"},
            {"from": "8", "to": "sdg:6", "score": -1},
        ],
    }
    result = findings(_assessment(**data), "en", kb=KB)
    by_target = {f.target: f for f in result.latent_conflicts}
    assert by_target["sdg:13"].score == -3 and by_target["sdg:13"].severity == 3.0
    assert by_target["sdg:13"].origin == "assessment_interaction"
    assert "replaces the knowledge base's −2" in by_target["sdg:13"].source_text
    assert "cancelling, −3: flyg" in by_target["sdg:13"].explanation
    assert "not in the knowledge base" in by_target["sdg:6"].source_text


def test_override_with_zero_removes_the_warning_but_keeps_the_record() -> None:
    data = {**BASE, "interactions": [{"from": "sdg:8", "to": "sdg:13", "score": 0}]}
    assessment = _assessment(**data)
    assert findings(assessment, "en", kb=KB).latent_conflicts == ()
    edge = interaction_graph(assessment, KB).edges["sdg:8", "sdg:13"]["edge"]
    assert (edge.score, edge.replaced_score, edge.origin) == (0, -2, "assessment")


def test_target_uses_own_cells_and_no_goal_cells_without_applies_to() -> None:
    result = findings(_assessment(sdg=[{"target": "8.9", "impact": 3}]), "en", kb=KB)
    (latent,) = result.latent_conflicts  # own 8.9 -> 13.2; the goal-level 8 -> 13 is not used
    assert (latent.source, latent.target, latent.score, latent.evidence) == ("8.9", "13.2", -2, "target_cell")
    assert "(target-level cell)" in latent.source_text
    assert result.synergies == () and result.second_order_risks == ()  # 8 -> 1, 8 -> 9 are goal cells
    kb = InteractionBase(
        goals=(*KB.goals[:3], _cell("sdg:8", "sdg:1", 3, applies_to=("8.9",))), targets=KB.targets
    )
    (synergy,) = findings(_assessment(sdg=[{"target": "8.9", "impact": 3}]), "en", kb=kb).synergies
    assert (synergy.target, synergy.evidence) == ("sdg:1", "goal_cell")
    assert "goal-level cell the data applies to target 8.9" in synergy.source_text


def test_the_assessments_own_goal_level_interaction_speaks_for_its_targets() -> None:
    data = {
        "sdg": [{"target": "8.3", "impact": 2}],
        "interactions": [{"from": "sdg:8", "to": "sdg:15", "score": -2}],
    }
    (latent,) = findings(_assessment(**data), "en", kb=KB).latent_conflicts
    assert (latent.source, latent.target, latent.evidence) == ("8.3", "sdg:15", "workshop")


def test_no_impacts_gives_empty_findings() -> None:
    for data in ({}, {"sdg": [{"goal": 8}, {"goal": 13, "impact": 0}]}):
        result = findings(_assessment(**data), "sv", kb=KB)
        assert result.warnings == () and result.synergies == () and result.unaddressed == ()
        assert result.coverage.total == 0
        assert result.coverage.summary("sv") == "0 av 0 hanterade"
        assert len(result.kb_metrics) == 17
    assert findings(_assessment(), "sv", kb=KB).metrics == ()


def test_metrics_are_the_cases_own_subgraph_and_the_kb_ranking_is_separate() -> None:
    data = {
        "sdg": [
            {"goal": 8, "impact": 3},
            {"goal": 13, "impact": -1},
            {"target": "8.9", "impact": 2},
            {"goal": 9, "impact": 0},
        ]
    }
    result = findings(_assessment(**data), "en", kb=KB)
    by_code = {m.code: m for m in result.metrics}
    assert set(by_code) == {"sdg:8", "sdg:9", "sdg:13", "8.9"}  # rated refs only (0 included)
    # 8 -> 13 (−2) and 8 -> 9 (+2) are case links; 8.9's own cell towards 13.2 speaks to the
    # rating of goal 13 (not the goal-level 8 -> 13); 8 and its own target are not linked.
    assert (by_code["sdg:8"].out_strength, by_code["8.9"].out_strength) == (0.0, -2.0)
    assert (by_code["sdg:13"].in_strength, by_code["sdg:9"].in_strength) == (-4.0, 2.0)
    other = findings(_assessment(sdg=[{"goal": 1, "impact": 1}, {"goal": 13, "impact": 1}]), "en", kb=KB)
    assert [m.code for m in other.metrics] != [m.code for m in result.metrics]
    assert other.kb_metrics == result.kb_metrics and len(result.kb_metrics) == 17


def test_coverage_statuses_measure_position_open() -> None:
    open_result = findings(_assessment(**BASE), "en", kb=KB)
    assert [(i.kind, i.status) for i in open_result.coverage.items] == [
        ("negative_impact", "open"),
        ("latent_conflict", "open"),
    ]  # 8 / 10 are mixed effects, not a conflict: the −1 on 10 is counted once
    assert open_result.coverage.summary("en") == "0 of 2 addressed"
    assert len(open_result.unaddressed) == 2
    handled = {
        **BASE,
        "conflicts": [{"id": "c1", "between": ["sdg:8", "sdg:10"], "position": "Jobb först."}],
        "measures": [{"id": "m1", "addresses": ["13.2"]}],
    }
    result = findings(_assessment(**handled), "en", kb=KB)
    statuses = {(i.kind, i.target): (i.status, i.measures, i.positions) for i in result.coverage.items}
    assert statuses == {
        ("negative_impact", "sdg:10"): ("position", (), ("c1",)),
        ("direct_conflict", "sdg:10"): ("position", (), ("c1",)),
        ("latent_conflict", "sdg:13"): ("measure", ("m1",), ()),
    }
    assert result.coverage.summary("sv") == "3 av 3 hanterade"
    assert result.unaddressed == ()


def test_measure_on_a_conflict_id_and_threshold() -> None:
    data = {
        **BASE,
        "conflicts": [{"id": "c1", "between": ["8", "10"]}],
        "measures": [{"id": "m1", "addresses": ["c1"]}],
    }
    cov = coverage(_assessment(**data), "en", threshold=2.5, kb=KB)
    assert [(i.kind, i.status) for i in cov.items] == [
        ("negative_impact", "measure"),
        ("direct_conflict", "measure"),
    ]  # latent 2.0 < 2.5
    assert cov.addressed == 2


def test_conflict_without_position_does_not_count() -> None:
    data = {**BASE, "conflicts": [{"id": "c1", "between": ["sdg:8", "sdg:10"]}]}
    result = findings(_assessment(**data), "en", kb=KB)
    assert {i.status for i in result.coverage.items} == {"open"}


def test_json_shape_and_languages() -> None:
    data = {
        "sdg": [*BASE["sdg"], {"goal": 4, "impact": -1}],
        "conflicts": [{"id": "k", "between": ["8", "10"]}],
    }
    sv = findings(_assessment(**data), "sv", kb=KB).to_dict()
    en = findings(_assessment(**data), "en", kb=KB).to_dict()
    for key in (
        "direct_conflicts",
        "mixed_effects",
        "latent_conflicts",
        "second_order_risks",
        "synergies",
        "unaddressed",
    ):
        assert sv[key], key
        for item in sv[key]:  # type: ignore[attr-defined]
            assert {"from", "to", "score", "severity", "explanation", "source"} <= set(item)
    assert sv["latent_conflicts"][0]["explanation"].startswith("Framsteg för mål 8")  # type: ignore[index]
    assert en["latent_conflicts"][0]["explanation"].startswith("Progress on SDG 8")  # type: ignore[index]


def test_hostile_text_in_a_note_passes_through_as_plain_text() -> None:
    note = "<script>alert(1)</script> & ŋ đ č ŧ ï " + "x" * 10_000
    data = {**BASE, "interactions": [{"from": "sdg:8", "to": "sdg:13", "score": -1, "note": note}]}
    (found,) = findings(_assessment(**data), "en", kb=KB).latent_conflicts
    assert note in found.explanation


@pytest.mark.parametrize("bad", ["rus:p1", "actor:Bräcke kommun", "99"])
def test_non_sdg_or_unknown_interaction_refs_are_ignored(bad: str) -> None:
    data = {**BASE, "interactions": [{"from": bad, "to": "sdg:13", "score": -3}]}
    assert findings(_assessment(**data), "en", kb=KB).latent_conflicts[0].score == -2


def test_ratings_against_a_known_synergy_are_questioned_naming_the_real_source() -> None:
    data = {"sdg": [{"goal": 8, "impact": 3}, {"goal": 9, "impact": -3}]}
    result = findings(_assessment(**data), "en", kb=KB)
    assert result.direct_conflicts == ()
    (found,) = result.mixed_effects
    assert (
        "according to the knowledge base (The project's own judgement: Test et al. 2020 (goal-level cell))"
        in (found.explanation)
    )
    assert "usually supports SDG 9" in found.explanation and "(reinforcing, +2" in found.explanation
    own = {**data, "interactions": [{"from": "8", "to": "9", "score": 1, "note": "lokalt"}]}
    (found,) = findings(_assessment(**own), "en", kb=KB).mixed_effects
    assert "according to the assessment's own interaction progress on SDG 8" in found.explanation
    assert "according to the knowledge base" not in found.explanation


def test_no_nudge_from_a_goal_cell_pushed_down_to_targets() -> None:
    kb = InteractionBase(goals=(_cell("sdg:8", "sdg:9", 2),), targets=())
    data = {"sdg": [{"target": "8.9", "impact": 3}, {"target": "9.1", "impact": -3}]}
    (found,) = findings(_assessment(**data), "en", kb=kb).mixed_effects
    assert "Note:" not in found.explanation


def test_recorded_position_referring_to_the_harmed_goal_counts() -> None:
    data = {
        **BASE,
        "positions": [{"id": "p1", "step": "step2", "text": "Vi accepterar.", "refs": ["sdg:10"]}],
    }
    cov = coverage(_assessment(**data), "en", kb=KB)
    statuses = {(i.kind, i.target): (i.status, i.positions) for i in cov.items}
    assert len(statuses) == 2
    assert statuses[("negative_impact", "sdg:10")] == ("position", ("p1",))
    assert statuses[("latent_conflict", "sdg:13")] == ("open", ())


def test_negative_rus_and_other_goal_ratings_are_issues() -> None:
    data = {
        "rus": [{"goal": "v_climate", "impact": -2}, {"goal": "p1", "impact": 3}],
        "other_goals": [
            {"framework": "miljokvalitetsmal", "goal": "begransad_klimatpaverkan", "impact": -1},
            {"framework": "x", "goal": "y", "impact": -3},
        ],
        "conflicts": [{"id": "c9", "between": ["rus:p1", "rus:v_climate"]}],
        "measures": [{"id": "m1", "addresses": ["c9"]}],
        "positions": [{"id": "p1", "step": "rus", "text": "Vi accepterar.", "refs": ["other:x:y"]}],
    }
    cov = coverage(_assessment(**data), "en", kb=KB)
    by_target = {i.target: (i.kind, i.status, i.measures, i.positions) for i in cov.items}
    assert by_target == {
        # m1 addresses c9, the recorded conflict that names v_climate.
        "rus:v_climate": ("negative_impact", "measure", ("m1",), ()),
        # Nothing names this objective.
        "other:miljokvalitetsmal:begransad_klimatpaverkan": ("negative_impact", "open", (), ()),
        "other:x:y": ("negative_impact", "position", (), ("p1",)),
        # c9 links to no SDG pair, so it is an issue of its own; m1 addresses it.
        "c9": ("recorded_conflict", "measure", ("m1",), ()),
    }
    assert cov.summary("en") == "3 of 4 addressed"
    (open_item,) = cov.open_items
    # A short, natural title: not the framework's long name as a prefix.
    assert (
        open_item.explanation
        == "Negative impact on the environmental quality objective Reduced climate impact (−1)."
    )


def test_recorded_conflict_with_a_position_counts_and_is_not_counted_twice() -> None:
    data = {
        **BASE,
        "conflicts": [
            {"id": "c1", "between": ["sdg:8", "sdg:10"]},  # the direct conflict 8 → 10 links to it
            {"id": "c2", "between": ["rus:p1", "actor:Bräcke kommun"], "decision": "Beviljas."},
            {"id": "c3", "between": ["rus:p2"], "description": "<b>ŋ đ</b>"},
        ],
    }
    result = findings(_assessment(**data), "en", kb=KB)
    kinds = [(i.kind, i.target, i.status) for i in result.coverage.items]
    assert kinds == [
        ("negative_impact", "sdg:10", "open"),
        ("direct_conflict", "sdg:10", "open"),
        ("recorded_conflict", "c2", "position"),
        ("recorded_conflict", "c3", "open"),
        ("latent_conflict", "sdg:13", "open"),
    ]
    assert result.coverage.summary("en") == "1 of 5 addressed"
    texts = [f.explanation for f in result.unaddressed]
    assert "The recorded goal conflict c3 has neither a measure nor a position." in texts
    assert len(result.unaddressed) == 4


def test_weak_source_ratings_halve_latent_findings() -> None:
    data = {"sdg": [{"goal": 8, "impact": 3, "certainty": "low"}]}
    (found,) = findings(_assessment(**data), "en", kb=KB).latent_conflicts
    assert found.severity == 1.0  # 3 · 2 / 3, halved


def test_a_latent_conflict_the_group_recorded_says_so() -> None:
    data = {**BASE, "conflicts": [{"id": "k2", "between": ["sdg:8", "sdg:13"]}]}
    (found,) = findings(_assessment(**data), "en", kb=KB).latent_conflicts
    assert found.evidence == "recorded_conflict" and "(k2)" in found.explanation
    assert "recorded goal conflict k2" in found.source_text


def test_a_harm_on_one_of_two_overlapping_targets_covers_the_other() -> None:
    kb = InteractionBase(
        goals=(),
        targets=(_cell("7.2", "6.6", -1),),
        overlaps=frozenset({frozenset(("6.6", "15.1"))}),
    )
    data = {"sdg": [{"target": "7.2", "impact": 2}, {"target": "15.1", "impact": -1}]}
    assert findings(_assessment(**data), "en", kb=kb).latent_conflicts == ()


def test_cells_bound_to_an_activity_apply_only_when_the_case_names_it() -> None:
    cell = KnownInteraction(
        "7.2",
        "2.3",
        -2,
        "project_judgement",
        "Fosen",
        LocalText(sv="renbete", en="reindeer"),
        "target",
        case=("energy_on_land",),
    )
    kb = InteractionBase(goals=(), targets=(cell,))
    solar = {"title": "Solceller på ladugården", "sdg": [{"target": "7.2", "impact": 2}]}
    assert findings(_assessment(**solar), "en", kb=kb).latent_conflicts == ()
    wind = {**solar, "title": "Vindkraftspark vid Gäddede"}
    (found,) = findings(_assessment(**wind), "en", kb=kb).latent_conflicts
    assert "applies here because the assessment mentions “Vindkraftspark”" in found.source_text
    excluded = InteractionBase(goals=(), targets=(replace(cell, case=("!fuel_station",)),))
    station = {**solar, "description": "Ny drivmedelsstation"}
    assert findings(_assessment(**station), "en", kb=excluded).latent_conflicts == ()
    assert len(findings(_assessment(**solar), "en", kb=excluded).latent_conflicts) == 1


def test_a_conflict_the_group_recorded_between_two_goals_activates_a_cell_bound_to_an_activity() -> None:
    cell = KnownInteraction(
        "sdg:9",
        "sdg:15",
        -1,
        "project_judgement",
        "project judgement",
        LocalText(sv="mark", en="land"),
        "goal",
        case=("land_take",),
    )
    kb = InteractionBase(goals=(cell,), targets=())
    tank = {"title": "Ny tank i byn", "sdg": [{"goal": 9, "impact": 1}, {"goal": 15, "impact": 0}]}
    assert findings(_assessment(**tank), "en", kb=kb).latent_conflicts == ()
    # Another goal in the conflict does not do: it must name both of the cell's goals.
    other = {**tank, "conflicts": [{"id": "k1", "between": ["sdg:9", "sdg:13"]}]}
    assert findings(_assessment(**other), "en", kb=kb).latent_conflicts == ()
    recorded = {**tank, "conflicts": [{"id": "k2", "between": ["sdg:15", "9.1", "actor:Sameby"]}]}
    (found,) = findings(_assessment(**recorded), "en", kb=kb).latent_conflicts
    assert (found.source, found.target) == ("sdg:9", "sdg:15")
    assert (
        "applies here because the assessment records goal conflict k2 between these goals"
        in found.source_text
    )
    # A case that names the activity says so, not the conflict.
    named = {**recorded, "description": "Markanspråk vid flyttleden"}
    (found,) = findings(_assessment(**named), "en", kb=kb).latent_conflicts
    assert "mentions “Markanspråk”" in found.source_text


def test_a_synergy_towards_a_negative_rating_asks_instead_of_prompting_to_use_it() -> None:
    kb = InteractionBase(goals=(_cell("sdg:9", "sdg:8", 2),), targets=())
    data = {"sdg": [{"goal": 9, "impact": 2}, {"goal": 8, "impact": -1}]}
    (found,) = findings(_assessment(**data), "en", kb=kb).synergies
    assert found.target_impact == -1
    assert "but you rated SDG 8" in found.explanation and "(−1)" not in found.explanation
    assert "Make use of the synergy" not in found.explanation
    (plain,) = findings(_assessment(sdg=[{"goal": 9, "impact": 2}]), "en", kb=kb).synergies
    assert plain.explanation.endswith("Make use of the synergy.")


def test_open_issues_use_titles_not_ids() -> None:
    data = {"rus": [{"goal": "v_ecosystems", "impact": -1}]}
    (item,) = coverage(_assessment(**data), "sv", kb=KB).items
    assert "v_ecosystems" not in item.explanation and item.explanation.startswith(
        "Negativ påverkan på RUS-målet "
    )
