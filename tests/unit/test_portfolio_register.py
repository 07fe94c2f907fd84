"""The goal-conflict register, similar conflicts (learning) and the follow-up list."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from assessment.domain.assessment import Assessment, Conflict
from assessment.portfolio.register import (
    conflict_register,
    conflicts_by_goal_pair,
    conflicts_by_type,
    follow_up_list,
    register_frame,
    similar_conflicts,
    similar_frame,
)
from assessment.portfolio.selection import Portfolio
from assessment.portfolio.sources import from_files

EXAMPLES = sorted((Path(__file__).parents[2] / "examples" / "rsp").glob("*.yaml"))
TODAY = dt.date(2026, 3, 1)


@pytest.fixture(scope="module")
def rsp() -> Portfolio:
    return from_files(EXAMPLES)[0]


def test_register_lists_every_conflict_with_handling_and_outcome(rsp: Portfolio) -> None:
    entries = conflict_register(rsp)
    assert len(entries) == 12
    kalarne = next(e for e in entries if (e.assessment, e.conflict.id) == ("rsp-bracke", "k1"))
    assert kalarne.goals == ("sdg:11", "sdg:13")
    assert kalarne.conflict.type == "time" and kalarne.conflict.origin == "proactive"
    assert kalarne.conflict.method == "mitigation"
    assert kalarne.conflict.decision.startswith("Stödet beviljas med villkor")
    assert kalarne.conflict.position.startswith("Tillgång till drivmedel")
    assert kalarne.conflict.due == dt.date(2026, 1, 31)
    assert kalarne.conflict.worked == "partly"
    assert "laddpunkten" in kalarne.conflict.outcome
    assert kalarne.municipalities == ("Bräcke",)
    frame = register_frame(entries)
    assert len(frame) == 12 and frame.iloc[0]["goals"]


def test_register_separates_goals_and_actors(rsp: Portfolio) -> None:
    berg = next(e for e in conflict_register(rsp) if e.assessment == "rsp-berg")
    assert berg.goals == ("sdg:8", "sdg:15")
    assert berg.actors == ("Handölsdalens sameby",)


def test_targets_count_as_their_goal() -> None:
    a = Assessment.model_validate(
        {
            "title": "a",
            "conflicts": [{"id": "k", "between": ["7.2", "sdg:7", "15.1", "rus:p1"]}],
        }
    )
    (entry,) = conflict_register(Portfolio.of([a]))
    assert entry.goals == ("sdg:7", "sdg:15", "rus:p1")


def test_conflicts_by_type(rsp: Portfolio) -> None:
    table = conflicts_by_type(conflict_register(rsp)).set_index("type")
    assert table.at["distribution", "conflicts"] == 4
    assert table.at["distribution", "worked_yes"] == 1
    assert table.at["distribution", "worked_no"] == 1
    assert table.at["time", "conflicts"] == 3
    assert table.at["time", "handled"] == 3
    assert table.index[0] == "distribution"  # most frequent first


def test_conflicts_by_goal_pair(rsp: Portfolio) -> None:
    table = conflicts_by_goal_pair(conflict_register(rsp))
    top = table.iloc[0]
    assert (top["goal_a"], top["goal_b"], top["conflicts"]) == ("sdg:11", "sdg:13", 3)
    assert top["assessments"] == "rsp-bracke, rsp-krokom, rsp-stromsund"
    assert top["types"] == "time"
    # A conflict between three goals counts once for each of its pairs.
    a = Assessment.model_validate(
        {"title": "a", "conflicts": [{"id": "k", "between": ["sdg:8", "sdg:13", "sdg:15"]}]}
    )
    assert len(conflicts_by_goal_pair(conflict_register(Portfolio.of([a])))) == 3


def test_similar_conflicts_same_goals_ranked_first_with_outcome(rsp: Portfolio) -> None:
    register = conflict_register(rsp)
    new = Conflict(id="ny", between=["sdg:11", "sdg:13"], type="time")
    found = similar_conflicts(new, register)
    top = found[0]
    # Same goals and same type; Bräcke's has a recorded outcome, so it teaches most.
    assert (top.entry.assessment, top.entry.conflict.id) == ("rsp-bracke", "k1")
    assert top.shared_goals == ("sdg:11", "sdg:13") and top.same_type
    assert top.score == 5
    keys = [(s.entry.assessment, s.entry.conflict.id) for s in found]
    assert ("rsp-krokom", "k1") in keys and ("rsp-stromsund", "k1") in keys
    # Conflicts sharing neither a goal nor the type are not suggested.
    assert ("rsp-berg", "k1") not in keys
    scores = [s.score for s in found]
    assert scores == sorted(scores, reverse=True)


def test_similar_conflicts_by_type_only_and_exclude_self(rsp: Portfolio) -> None:
    register = conflict_register(rsp)
    new = Conflict(id="x", between=["sdg:4"], type="land_use")
    found = similar_conflicts(new, register)
    assert {(s.entry.assessment, s.entry.conflict.id) for s in found} == {
        ("rsp-berg", "k1"),
        ("rsp-krokom", "k2"),
    }
    assert all(s.same_type and not s.shared_goals for s in found)
    itself = next(e for e in register if e.assessment == "rsp-berg")
    again = similar_conflicts(
        Conflict(id="k1", between=["sdg:8", "sdg:15"]), register, exclude=("rsp-berg", "k1")
    )
    assert all(s.entry is not itself for s in again)
    assert similar_conflicts(Conflict(id="z"), register) == []
    assert len(similar_conflicts(new, register, limit=1)) == 1
    assert list(similar_frame(found)["score"]) == [1, 1]


def test_follow_up_list_due_and_overdue(rsp: Portfolio) -> None:
    table = follow_up_list(rsp, TODAY, horizon_days=30)
    assert len(table) == 12
    assert table["due"].tolist() == sorted(table["due"].tolist())
    assert int(table["overdue"].sum()) == 9
    conflicts = table[table["kind"] == "conflict"]
    assert set(zip(conflicts["assessment"], conflicts["id"], strict=True)) == {
        ("rsp-krokom", "k1"),
        ("rsp-ostersund", "k1"),
    }
    # Follow-ups with a recorded result (Bräcke k1, worked: partly) are not listed again.
    assert not ((table["assessment"] == "rsp-bracke") & (table["id"] == "k1")).any()
    krokom = conflicts[conflicts["assessment"] == "rsp-krokom"].iloc[0]
    assert krokom["days_left"] == -1 and krokom["overdue"]
    assert len(follow_up_list(rsp, TODAY, horizon_days=0)) == 9


def test_handled_is_a_decision_or_a_position_wherever_conflicts_are_counted() -> None:
    """Hand-made: k1 has only blanks, k2 a position, k3 a decision and a result (no)."""
    from assessment.portfolio.views import compute, figures
    from assessment.report.stats import fallback_tally

    a = Assessment.model_validate(
        {
            "title": "Handläggning",
            "conflicts": [
                {"id": "k1", "between": ["sdg:8", "sdg:13"], "type": "time", "decision": " \n"},
                {"id": "k2", "between": ["sdg:8", "sdg:13"], "type": "time", "position": "Klimat först"},
                {
                    "id": "k3",
                    "between": ["sdg:8", "sdg:15"],
                    "type": "land_use",
                    "decision": "Avslag",
                    "follow_up": {"worked": "no", "due": "2026-02-01"},
                },
            ],
        }
    )
    assert [c.handled for c in a.conflicts] == [False, True, True]
    portfolio = Portfolio.of([a])
    entries = conflict_register(portfolio)
    assert [(e.conflict.id, e.conflict.handled) for e in entries] == [
        ("k1", False),
        ("k2", True),
        ("k3", True),
    ]
    by_type = conflicts_by_type(entries).set_index("type")
    assert by_type.loc["time", ["conflicts", "handled"]].tolist() == [2, 1]
    assert by_type.loc["land_use", ["conflicts", "handled", "worked_no"]].tolist() == [1, 1, 1]
    assert fallback_tally(a).decided == 2
    counts = figures(compute(portfolio, TODAY))
    assert (counts["conflicts"], counts["conflicts_handled"], counts["conflicts_with_outcome"]) == (3, 2, 1)
    # One row, whichever table shows it: the register and the similar-conflicts list.
    (k3,) = [s for s in similar_conflicts(Conflict(id="ny", between=["sdg:15"]), entries)]
    register_row = register_frame(entries).iloc[2].to_dict()
    similar_row = similar_frame([k3]).iloc[0].to_dict()
    assert {c: similar_row[c] for c in register_row} == register_row
    assert (register_row["conflict"], register_row["goals"], register_row["decision"]) == (
        "k3",
        "sdg:8, sdg:15",
        "Avslag",
    )
    assert register_row["follow_up_due"] == dt.date(2026, 2, 1) and register_row["worked"] == "no"
