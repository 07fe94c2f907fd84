"""The goal-conflict register, similar conflicts (learning) and the follow-up list."""

from __future__ import annotations

import datetime as dt

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

TODAY = dt.date(2026, 3, 1)


def hand_made() -> list[Assessment]:
    """Three assessments, five conflicts; every expected figure below is counted from here.

    a (Bräcke)  k1  11 ↔ 13           time          proactive  decision   follow-up 2026-01-31, worked partly
    a           k2  8 ↔ 15.1 ↔ actor  land_use      reactive   (nothing)  follow-up 2026-02-28, open
    b (Krokom)  k1  11 ↔ 13.2         time                     position   follow-up 2026-03-20, open
    b           k2  8 ↔ 13 ↔ 15       distribution             decision   follow-up 2026-01-15, worked no
    c (Ragunda) k1  rus:p1 ↔ 11       distribution             position   follow-up 2026-04-10, open
    b's measures: m1 due 2026-02-15 planned, m2 due 2026-05-01, m3 due 2026-02-01 done.
    """
    a = Assessment.model_validate(
        {
            "id": "a",
            "title": "Drivmedel i Kälarne",
            "municipalities": ["Bräcke"],
            "date": "2026-01-10",
            "conflicts": [
                {
                    "id": "k1",
                    "between": ["sdg:11", "sdg:13"],
                    "type": "time",
                    "origin": "proactive",
                    "method": "mitigation",
                    "decision": "Stöd med villkor",
                    "position": "Service nu, fossilfritt till 2030",
                    "follow_up": {"due": "2026-01-31", "worked": "partly", "outcome": "Laddpunkten byggd"},
                },
                {
                    "id": "k2",
                    "between": ["sdg:8", "15.1", "actor:Sameby X"],
                    "type": "land_use",
                    "origin": "reactive",
                    "follow_up": {"due": "2026-02-28", "plan": "Samråd med samebyn"},
                },
            ],
        }
    )
    b = Assessment.model_validate(
        {
            "id": "b",
            "title": "Butik i Föllinge",
            "municipalities": ["Krokom"],
            "conflicts": [
                {
                    "id": "k1",
                    "between": ["sdg:11", "13.2"],
                    "type": "time",
                    "position": "Vänta på laddinfrastruktur",
                    "follow_up": {"due": "2026-03-20", "plan": "Ny kontroll i mars"},
                },
                {
                    "id": "k2",
                    "between": ["sdg:8", "sdg:13", "sdg:15"],
                    "type": "distribution",
                    "decision": "Avslag",
                    "follow_up": {"due": "2026-01-15", "worked": "no"},
                },
            ],
            "measures": [
                {"id": "m1", "text": "Hemleverans", "owner": "Kommunen", "due": "2026-02-15"},
                {"id": "m2", "text": "Laddstolpe", "due": "2026-05-01"},
                {"id": "m3", "text": "Avtal", "due": "2026-02-01", "status": "done"},
            ],
        }
    )
    c = Assessment.model_validate(
        {
            "id": "c",
            "title": "Service i Ragunda",
            "municipalities": ["Ragunda"],
            "conflicts": [
                {
                    "id": "k1",
                    "between": ["rus:p1", "sdg:11"],
                    "type": "distribution",
                    "position": "Service först",
                    "follow_up": {"due": "2026-04-10"},
                }
            ],
        }
    )
    return [a, b, c]


@pytest.fixture(scope="module")
def rsp() -> Portfolio:
    return Portfolio.of(hand_made())


def test_register_lists_every_conflict_with_handling_and_outcome(rsp: Portfolio) -> None:
    entries = conflict_register(rsp)
    assert [(e.assessment, e.conflict.id) for e in entries] == [
        ("a", "k1"),
        ("a", "k2"),
        ("b", "k1"),
        ("b", "k2"),
        ("c", "k1"),
    ]
    first = entries[0]
    assert first.goals == ("sdg:11", "sdg:13")
    assert first.conflict.type == "time" and first.conflict.origin == "proactive"
    assert first.conflict.method == "mitigation"
    assert first.conflict.decision == "Stöd med villkor"
    assert first.conflict.position == "Service nu, fossilfritt till 2030"
    assert first.conflict.due == dt.date(2026, 1, 31)
    assert first.conflict.worked == "partly" and first.conflict.outcome == "Laddpunkten byggd"
    assert first.municipalities == ("Bräcke",) and first.date == dt.date(2026, 1, 10)
    assert entries[2].goals == ("sdg:11", "sdg:13")  # 13.2 counts as goal 13
    frame = register_frame(entries)
    assert len(frame) == 5
    assert frame.iloc[0][["assessment", "title", "municipalities", "goals", "worked"]].tolist() == [
        "a",
        "Drivmedel i Kälarne",
        "Bräcke",
        "sdg:11, sdg:13",
        "partly",
    ]


def test_register_separates_goals_and_actors(rsp: Portfolio) -> None:
    land = conflict_register(rsp)[1]
    assert land.goals == ("sdg:8", "sdg:15")
    assert land.actors == ("Sameby X",)


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
    table = conflicts_by_type(conflict_register(rsp))
    # Two each of distribution and time (ties by name), then land use.
    assert table["type"].tolist() == ["distribution", "time", "land_use"]
    rows = table.set_index("type")
    columns = ["conflicts", "assessments", "proactive", "reactive", "handled", "worked_yes", "worked_partly"]
    assert rows.loc["distribution", [*columns, "worked_no"]].tolist() == [2, 2, 0, 0, 2, 0, 0, 1]
    assert rows.loc["time", [*columns, "worked_no"]].tolist() == [2, 2, 1, 0, 2, 0, 1, 0]
    assert rows.loc["land_use", [*columns, "worked_no"]].tolist() == [1, 1, 0, 1, 0, 0, 0, 0]


def test_conflicts_by_goal_pair(rsp: Portfolio) -> None:
    table = conflicts_by_goal_pair(conflict_register(rsp))
    pairs = [tuple(row) for row in table[["goal_a", "goal_b", "conflicts"]].itertuples(index=False)]
    # a k1 + b k1 (11-13); a k2 + b k2 (8-15); b k2's other pairs; c k1 with the SDG first.
    assert pairs == [
        ("sdg:11", "sdg:13", 2),
        ("sdg:8", "sdg:15", 2),
        ("sdg:11", "rus:p1", 1),
        ("sdg:13", "sdg:15", 1),
        ("sdg:8", "sdg:13", 1),
    ]
    assert table.iloc[0][["assessments", "types"]].tolist() == ["a, b", "time"]
    assert table.iloc[1][["assessments", "types"]].tolist() == ["a, b", "land_use, distribution"]
    # A conflict between three goals counts once for each of its pairs.
    a = Assessment.model_validate(
        {"title": "a", "conflicts": [{"id": "k", "between": ["sdg:8", "sdg:13", "sdg:15"]}]}
    )
    assert len(conflicts_by_goal_pair(conflict_register(Portfolio.of([a])))) == 3


def test_similar_conflicts_same_goals_ranked_first_with_outcome(rsp: Portfolio) -> None:
    register = conflict_register(rsp)
    new = Conflict(id="ny", between=["sdg:11", "sdg:13"], type="time")
    found = similar_conflicts(new, register)
    # Both goals and the type: 2*2+1 = 5 for a k1 and b k1, a k1 first (it has an outcome);
    # one goal, another type: 2 for b k2 and c k1, both handled; b k2 first because "worked: no"
    # is an outcome (c k1's later follow-up date would put it first otherwise); a k2 shares nothing.
    assert [(s.entry.assessment, s.entry.conflict.id, s.score) for s in found] == [
        ("a", "k1", 5),
        ("b", "k1", 5),
        ("b", "k2", 2),
        ("c", "k1", 2),
    ]
    assert found[0].shared_goals == ("sdg:11", "sdg:13") and found[0].same_type
    assert found[2].shared_goals == ("sdg:13",) and not found[2].same_type


def test_similar_conflicts_by_type_only_and_exclude_self(rsp: Portfolio) -> None:
    register = conflict_register(rsp)
    new = Conflict(id="x", between=["sdg:4"], type="land_use")
    found = similar_conflicts(new, register)
    assert [(s.entry.assessment, s.entry.conflict.id) for s in found] == [("a", "k2")]
    assert found[0].same_type and not found[0].shared_goals
    again = similar_conflicts(
        Conflict(id="k1", between=["sdg:11", "sdg:13"], type="time"), register, exclude=("a", "k1")
    )
    assert [(s.entry.assessment, s.entry.conflict.id) for s in again][:2] == [("b", "k1"), ("b", "k2")]
    assert similar_conflicts(Conflict(id="z"), register) == []
    assert len(similar_conflicts(Conflict(id="ny", between=["sdg:11"]), register, limit=1)) == 1
    assert list(similar_frame(found)["score"]) == [1]


def test_follow_up_list_due_and_overdue(rsp: Portfolio) -> None:
    table = follow_up_list(rsp, TODAY, horizon_days=30)
    # b m1 (overdue by 14 days), a k2 (by 1), b k1 (in 19 days). Not listed: a k1 and b k2 (a result
    # is recorded), m2 and c k1 (after the 30 days), m3 (done).
    assert table[["kind", "assessment", "id", "days_left", "overdue"]].values.tolist() == [
        ["measure", "b", "m1", -14, True],
        ["conflict", "a", "k2", -1, True],
        ["conflict", "b", "k1", 19, False],
    ]
    assert table["text"].tolist() == ["Hemleverans", "Samråd med samebyn", "Ny kontroll i mars"]
    assert table["owner"].tolist()[0] == "Kommunen"
    assert follow_up_list(rsp, TODAY, horizon_days=0)["id"].tolist() == ["m1", "k2"]


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
