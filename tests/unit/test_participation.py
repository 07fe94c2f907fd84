"""The three states of "Vem saknas?" (assessment.participation)."""

from __future__ import annotations

from assessment.domain import Actor, Assessment
from assessment.domain.assessment import ChecklistAnswer, name_problem
from assessment.participation import (
    group_state,
    present_actors,
    remove_actor,
    rename_actor,
    set_group_state,
    unanswered,
)


def case() -> Assessment:
    return Assessment(
        title="Fall",
        actors=[
            Actor(name="Mittuniversitetet", present=True, groups=["academia"]),
            Actor(name="Jijnjevaerie sameby", present=False, groups=["sami_villages"]),
        ],
    )


def test_presence_comes_from_the_actors_taking_part() -> None:
    a = case()
    assert group_state(a, "academia") == "present"
    assert present_actors(a, "academia") == ["Mittuniversitetet"]
    # An actor of the group who is not taking part does not make the group present.
    assert group_state(a, "sami_villages") is None
    assert unanswered(a, ["academia", "sami_villages", "youth"]) == ["sami_villages", "youth"]


def test_missing_and_not_relevant_are_stored_as_checklist_answers() -> None:
    a = case()
    set_group_state(a, "sami_villages", "missing")
    set_group_state(a, "youth", "not_relevant")
    answers = a.checklists["missing_actors"]
    assert answers["sami_villages"].checked is True  # the old meaning of a tick: concerned, absent
    assert answers["youth"] == ChecklistAnswer(checked=False)
    assert group_state(a, "sami_villages") == "missing" and group_state(a, "youth") == "not_relevant"


def test_a_present_group_can_still_be_marked_missing_and_back() -> None:
    a = case()
    set_group_state(a, "academia", "missing")
    assert group_state(a, "academia") == "missing"
    set_group_state(a, "academia", "present")
    assert group_state(a, "academia") == "present" and "academia" not in a.checklists["missing_actors"]


def test_clearing_keeps_a_comment() -> None:
    a = case()
    set_group_state(a, "youth", "missing")
    a.checklists["missing_actors"]["youth"].comment = "Ungdomsrådet"
    set_group_state(a, "youth", None)
    assert a.checklists["missing_actors"]["youth"] == ChecklistAnswer(checked=False, comment="Ungdomsrådet")
    set_group_state(a, "business", "missing")
    set_group_state(a, "business", None)
    assert "business" not in a.checklists["missing_actors"]


def test_renaming_an_actor_keeps_the_conflicts_and_positions_that_name_it() -> None:
    a = Assessment.model_validate(
        {
            "title": "x",
            "actors": [{"name": "Kommunen"}, {"name": "Samebyn"}],
            "conflicts": [{"id": "K1", "between": ["actor:Kommunen", "actor:Samebyn"]}],
            "positions": [{"id": "p1", "step": "actors", "text": "t", "refs": ["actor:Kommunen", "sdg:8"]}],
        }
    )
    rename_actor(a, "Kommunen", "  Krokoms kommun ")
    assert [x.name for x in a.actors] == ["Krokoms kommun", "Samebyn"]
    assert a.conflicts[0].between == ["actor:Krokoms kommun", "actor:Samebyn"]
    assert a.positions[0].refs == ["actor:Krokoms kommun", "sdg:8"]
    remove_actor(a, "Samebyn")
    assert [x.name for x in a.actors] == ["Krokoms kommun"]


def test_a_new_name_must_be_given_and_new() -> None:
    assert name_problem("  ", ["A"]) == "missing"
    assert name_problem(" krokoms KOMMUN", ["Krokoms kommun"]) == "duplicate"
    assert name_problem("Bräcke kommun", ["Krokoms kommun"]) is None
