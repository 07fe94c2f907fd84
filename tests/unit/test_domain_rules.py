"""Domain rules that used to live in UI pages: ids of new conflicts and measures, one actor per
name whatever its capitalisation, and when a workshop step counts as done."""

from __future__ import annotations

from typing import Any

import pytest

from assessment.domain.assessment import Assessment
from assessment.domain.checks import check_assessment
from assessment.domain.completion import STEPS, step_status
from assessment.fileio import parse_assessment_text
from assessment.process_models import rus_model


def make(**data: Any) -> Assessment:
    return Assessment.model_validate({"title": "Regler", **data})


def test_new_ids_follow_the_count_and_skip_used_ones() -> None:
    assert make().new_conflict_id() == "K1"
    assert make().new_measure_id() == "M1"
    gaps = make(conflicts=[{"id": "K2"}, {"id": "egen"}], measures=[{"id": "M1"}, {"id": "M3"}])
    assert gaps.new_conflict_id() == "K3"  # two conflicts -> K3 (free)
    assert gaps.new_measure_id() == "M4"  # M3 is taken


def test_actor_names_are_unique_regardless_of_case() -> None:
    text = "title: x\nactors: [{name: Krokoms kommun}, {name: ' krokoms KOMMUN'}]\n"
    with pytest.raises(Exception, match=r"Dubblett|Duplicate"):
        parse_assessment_text(text)
    a = make(actors=[{"name": "Krokoms kommun"}, {"name": "Sametinget"}])
    assert not check_assessment(a)
    found = a.actor_named("  KROKOMS kommun")
    assert found is not None and found.name == "Krokoms kommun"
    assert a.actor_named("Krokom") is None


def test_steps_are_the_workshop_pages() -> None:
    assert STEPS == ("rus", "sdg", "actors", "measures", "conflicts", "summary")
    assert step_status("start", make()) is None and step_status("rus", None) is None
    assert {step_status(s, make()) for s in STEPS} == {"open"}


def test_step_one_needs_a_rated_known_goal_and_the_checkpoint_decision() -> None:
    # The shipped model may make the checkpoint optional (Kronoberg's addition): then rated goals
    # complete the step; otherwise the group's decision at the checkpoint is needed too.
    rated_only = "done" if rus_model().checkpoint.optional else "partial"
    assert step_status("rus", make(rus=[{"goal": "p2", "impact": 1}])) == rated_only
    assert step_status("rus", make(rus=[{"goal": "no_such_goal", "impact": 1}])) == "open"  # not counted
    assert step_status("rus", make(rus=[{"goal": "p2"}], checkpoint={"decision": "continue"})) == "open"
    done = make(rus=[{"goal": "p2", "impact": 1}], checkpoint={"decision": "continue"})
    assert step_status("rus", done) == "done"


def test_step_two_needs_three_distinct_goals() -> None:
    two = make(sdg=[{"goal": 8, "impact": 1}, {"target": "8.2", "impact": 2}, {"goal": 13, "impact": -1}])
    assert step_status("sdg", two) == "partial"  # 8.2 is goal 8 again
    three = make(sdg=[{"goal": 8, "impact": 1}, {"goal": 13, "impact": -1}, {"target": "7.2", "impact": 2}])
    assert step_status("sdg", three) == "done"


def test_step_three_needs_three_actors_and_a_missing_group_ticked() -> None:
    actors = [{"name": n} for n in ("Krokoms kommun", "Sametinget", "Trafikverket")]
    assert step_status("actors", make(actors=actors[:2])) == "partial"
    assert step_status("actors", make(actors=actors)) == "partial"
    ticked = make(actors=actors, checklists={"missing_actors": {"youth": {"checked": True}}})
    assert step_status("actors", ticked) == "done"


def test_measures_conflicts_and_summary() -> None:
    assert step_status("measures", make(measures=[{"id": "M1"}])) == "partial"
    assert step_status("measures", make(measures=[{"id": "M1", "addresses": ["K1"]}])) == "done"
    assert step_status("conflicts", make(conflicts=[{"id": "K1"}])) == "partial"
    assert step_status("conflicts", make(conflicts=[{"id": "K1", "position": "Klimat först"}])) == "done"
    assert step_status("summary", make(judgement={"verdict": "go"})) == "partial"


def _all_steps_done(**extra: Any) -> Assessment:
    return make(
        rus=[{"goal": "p2", "impact": 1}],
        checkpoint={"decision": "continue"},
        sdg=[{"goal": 8, "impact": 1}, {"goal": 13, "impact": -1}, {"target": "7.2", "impact": 2}],
        actors=[{"name": n} for n in ("Krokoms kommun", "Sametinget", "Trafikverket")],
        checklists={"missing_actors": {"youth": {"checked": True}}},
        measures=[{"id": "M1", "addresses": ["K1"]}],
        conflicts=[{"id": "K1", "position": "Klimat först"}],
        **extra,
    )


def test_optional_judgement_does_not_hold_the_summary_back() -> None:
    # The shipped model makes the overall judgement optional (a simplified Kronoberg model).
    assert rus_model().judgement.optional
    assert step_status("summary", _all_steps_done()) == "done"
    # Until the steps before it are done, the summary follows them.
    assert step_status("summary", make(rus=[{"goal": "p2", "impact": 1}])) == "partial"
    assert step_status("summary", make()) == "open"
    # A judgement once begun needs a verdict and its reasoning, optional or not.
    assert step_status("summary", _all_steps_done(judgement={"verdict": "proceed"})) == "partial"
    assert step_status("summary", _all_steps_done(judgement={"text": "   "})) == "done"  # blank = untouched
    full = {"verdict": "proceed", "text": "Bidraget väger upp."}
    assert step_status("summary", make(judgement=full)) == "done"


def test_a_required_judgement_is_needed_for_the_summary(monkeypatch: pytest.MonkeyPatch) -> None:
    model = rus_model()
    strict = model.model_copy(update={"judgement": model.judgement.model_copy(update={"optional": False})})
    monkeypatch.setattr("assessment.domain.completion.rus_model", lambda: strict)
    assert step_status("summary", _all_steps_done()) == "open"
    full = {"verdict": "proceed", "text": "Bidraget väger upp."}
    assert step_status("summary", _all_steps_done(judgement=full)) == "done"
