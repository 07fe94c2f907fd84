"""Findings on small hand-computed graphs: every finding type, overrides, coverage, no impacts."""

from __future__ import annotations

from typing import Any

import pytest

from assessment.analysis import coverage, findings, interaction_graph
from assessment.domain import Assessment
from assessment.i18n.text import LocalText
from assessment.knowledge.interactions import InteractionBase, KnownInteraction


def _cell(source: str, target: str, score: int, basis: str = "literature") -> KnownInteraction:
    level = "goal" if source.startswith("sdg:") else "target"
    return KnownInteraction(
        source,
        target,
        score,
        basis,
        "Test et al. 2020",  # type: ignore[arg-type]
        LocalText(sv=f"sv {source}->{target}", en=f"en {source}->{target}"),
        level,
    )  # type: ignore[arg-type]


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


def test_direct_conflict() -> None:
    (found,) = findings(_assessment(**BASE), "en", kb=KB).direct_conflicts
    assert (found.source, found.target, found.severity, found.score) == ("sdg:8", "sdg:10", 1.0, None)
    assert (found.source_impact, found.target_impact) == (3, -1)
    assert "positive impact on SDG 8" in found.explanation and "(−1)" in found.explanation
    assert found.origin == "assessment_ratings"


def test_latent_conflict_with_severity_and_provenance() -> None:
    (found,) = findings(_assessment(**BASE), "en", kb=KB).latent_conflicts
    assert (found.source, found.target, found.score) == ("sdg:8", "sdg:13", -2)
    assert found.severity == 2.0  # 3 · |−2| / 3
    assert "counteracting, −2: en sdg:8->sdg:13" in found.explanation
    assert "Have you assessed SDG 13" in found.explanation
    assert found.source_text == "Literature: Test et al. 2020"
    assert found.basis == "literature" and found.origin == "knowledge_base"


def test_second_order_risk_is_discounted_and_skips_paths_already_latent() -> None:
    (found,) = findings(_assessment(**BASE), "en", kb=KB).second_order_risks
    # 8 -(+2)-> 9 -(-1)-> 15;  8 -> 1 -> 13 is left out because 8 -> 13 is already latent.
    assert (found.source, found.via, found.target, found.score) == ("sdg:8", "sdg:9", "sdg:15", -1)
    assert found.severity == round(0.5 * 3 * (2 / 3) * (1 / 3), 3)
    assert found.source_text == (
        "The project's own judgement: Test et al. 2020 | Literature: Test et al. 2020"
    )


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
    (direct,) = result.direct_conflicts
    assert (direct.target, direct.score) == ("13.2", -2)  # the goal-level score speaks to 13.2
    assert "knowledge base confirms" in direct.explanation
    assert direct.severity == 1.0


def test_rated_positive_b_still_warns_and_asks_to_check() -> None:
    data = {"sdg": [{"goal": 8, "impact": 3}, {"goal": 13, "impact": 1}]}
    (found,) = findings(_assessment(**data), "en", kb=KB).latent_conflicts
    assert "You rated SDG 13 Climate action +1 – does that hold?" in found.explanation
    assert found.target_impact == 1


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


def test_target_uses_own_cells_and_inherits_goal_cells_for_other_goals() -> None:
    result = findings(_assessment(sdg=[{"target": "8.9", "impact": 3}]), "en", kb=KB)
    (latent,) = result.latent_conflicts  # own 8.9 -> 13.2 replaces the goal-level 8 -> 13
    assert (latent.source, latent.target, latent.score) == ("8.9", "13.2", -2)
    synergy = {f.target: f for f in result.synergies}["sdg:1"]
    assert "scored at goal level" in synergy.source_text


def test_no_impacts_gives_empty_findings() -> None:
    for data in ({}, {"sdg": [{"goal": 8}, {"goal": 13, "impact": 0}]}):
        result = findings(_assessment(**data), "sv", kb=KB)
        assert result.warnings == () and result.synergies == () and result.unaddressed == ()
        assert result.coverage.total == 0
        assert result.coverage.summary("sv") == "0 av 0 hanterade"
        assert len(result.metrics) == 17


def test_coverage_statuses_measure_position_open() -> None:
    open_result = findings(_assessment(**BASE), "en", kb=KB)
    assert [(i.kind, i.status) for i in open_result.coverage.items] == [
        ("negative_impact", "open"),
        ("direct_conflict", "open"),
        ("latent_conflict", "open"),
    ]
    assert open_result.coverage.summary("en") == "0 of 3 addressed"
    assert len(open_result.unaddressed) == 3
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
    sv = findings(_assessment(**BASE), "sv", kb=KB).to_dict()
    en = findings(_assessment(**BASE), "en", kb=KB).to_dict()
    for key in ("direct_conflicts", "latent_conflicts", "second_order_risks", "synergies", "unaddressed"):
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


def test_direct_conflict_against_a_known_synergy_asks_to_check_the_ratings() -> None:
    data = {"sdg": [{"goal": 8, "impact": 3}, {"goal": 9, "impact": -3}]}
    (found,) = findings(_assessment(**data), "en", kb=KB).direct_conflicts
    assert found.score == 2 and found.severity == 3.0
    assert "usually goes together (reinforcing, +2" in found.explanation


def test_recorded_position_referring_to_the_harmed_goal_counts() -> None:
    data = {
        **BASE,
        "positions": [{"id": "p1", "step": "step2", "text": "Vi accepterar.", "refs": ["sdg:10"]}],
    }
    cov = coverage(_assessment(**data), "en", kb=KB)
    statuses = {(i.kind, i.target): (i.status, i.positions) for i in cov.items}
    assert len(statuses) == 3
    assert statuses[("negative_impact", "sdg:10")] == ("position", ("p1",))
    assert statuses[("direct_conflict", "sdg:10")] == ("position", ("p1",))
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
    assert open_item.explanation.endswith(": Reduced climate impact (−1).")


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
