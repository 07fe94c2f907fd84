"""Portfolio views on a small hand-made set of three assessments whose every expected figure is
worked out by hand in the comments (``SET``), and on the regional-service-programme example set
(examples/rsp/) only for what can be counted from the files themselves."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pandas as pd
import pytest

from assessment.domain.assessment import Assessment
from assessment.domain.projection import project
from assessment.portfolio.combined import combined_assessment, combined_impact, push_pull
from assessment.portfolio.compare import compare, compare_summary
from assessment.portfolio.gaps import absent_actors, actor_group_gaps, group_gaps
from assessment.portfolio.goals import goal_impacts, impact_heatmap, rus_coverage
from assessment.portfolio.measures import measures_by_owner, measures_table
from assessment.portfolio.selection import Portfolio
from assessment.portfolio.sources import from_files
from assessment.portfolio.views import VIEW_NAMES, compute, figures, frame_records

EXAMPLES = sorted((Path(__file__).parents[2] / "examples" / "rsp").glob("*.yaml"))
TODAY = dt.date(2026, 3, 1)
NAN = math.nan


def make(title: str, **fields: object) -> Assessment:
    return Assessment.model_validate({"title": title, **fields})


def hand_made() -> list[Assessment]:
    """Three municipalities' measures. A: Bräcke, B: Krokom, C: Ragunda."""
    a = make(
        "Kälarne",
        id="a",
        municipalities=["Bräcke"],
        date="2026-01-10",
        sdg=[{"goal": 11, "impact": 2}, {"goal": 13, "impact": -2}, {"target": "7.2", "impact": 1}],
        rus=[{"goal": "p1", "impact": 2}, {"goal": "v_climate", "impact": -1}],
        actors=[
            {"name": "Sametinget", "present": False, "groups": ["sami_villages"], "influence": 4},
            {"name": "Handlaren", "present": True, "groups": ["business"], "influence": 3},
        ],
        checklists={
            "intersectional": {
                "rural_urban": {"checked": True},
                "women_men": {"checked": False, "comment": "Inte analyserat ännu"},
            },
            "missing_actors": {"sami_villages": {"checked": True}},
        },
        conflicts=[
            {
                "id": "k1",
                "between": ["sdg:11", "sdg:13"],
                "type": "time",
                "decision": "Stöd med villkor",
                "follow_up": {"due": "2026-01-31", "worked": "partly", "outcome": "Laddpunkt byggd"},
            }
        ],
        measures=[
            {"id": "m1", "owner": "Bräcke kommun", "due": "2026-02-01", "status": "done"},
            {
                "id": "m2",
                "owner": "Service-Z",
                "due": "2026-02-15",
                "status": "planned",
                "addresses": ["k1", "sdg:13"],
            },
            {"id": "m3", "owner": " "},
        ],
    )
    b = make(
        "Valsjöbyn",
        id="b",
        municipalities=["Krokom"],
        date="2026-02-01",
        # Goal 13 only through targets, tied in strength: the negative one stands for the goal.
        # Goal 12 has its own rating: it wins over its target 12.5.
        sdg=[
            {"goal": 11, "impact": 3},
            {"target": "13.1", "impact": -1},
            {"target": "13.2", "impact": 1},
            {"goal": 12, "impact": 1},
            {"target": "12.5", "impact": -1},
        ],
        rus=[{"goal": "p1", "impact": 1}],
        actors=[{"name": "sametinget ", "present": False, "groups": ["sami_villages"], "influence": 2}],
        checklists={"intersectional": {"rural_urban": {"checked": True}}},
        conflicts=[
            {"id": "k1", "between": ["sdg:11", "sdg:13"], "type": "time", "position": "Klimatet först"},
            {"id": "k2", "between": ["sdg:8", "sdg:15"], "type": "land_use"},
        ],
        measures=[
            {"id": "m1", "owner": "Service-Z", "due": "2026-03-20", "status": "in_progress"},
            {"id": "m2", "owner": "Krokoms kommun", "due": "2026-02-20", "status": "planned"},
        ],
    )
    c = make(
        "Hammarstrand",
        id="c",
        municipalities=["Ragunda"],
        date="2025-11-05",
        sdg=[{"goal": 11, "impact": 1}, {"goal": 13, "impact": 1}, {"goal": 8, "impact": -1}],
        rus=[{"goal": "v_climate", "impact": -2}, {"goal": "p1", "impact": 0}],
        actors=[
            {"name": "Jijnjevaerie sameby", "present": True, "groups": ["sami_villages", "sami"]},
            {"name": "Ica Nära", "present": True, "groups": ["business"], "influence": 1},
        ],
        # Business is ticked as missing although a shop takes part: the tick wins.
        checklists={"missing_actors": {"business": {"checked": True}}},
        measures=[{"id": "m1", "owner": "Bräcke kommun", "due": "2026-06-01", "status": "planned"}],
    )
    return [a, b, c]


@pytest.fixture(scope="module")
def hand() -> Portfolio:
    return Portfolio.of(hand_made())


@pytest.fixture(scope="module")
def rsp() -> Portfolio:
    portfolio, problems = from_files(EXAMPLES)
    assert problems == []
    return portfolio


def test_example_set_has_one_assessment_per_county_municipality(rsp: Portfolio) -> None:
    municipalities = sorted(m for i in rsp for m in i.assessment.municipalities)
    assert municipalities == sorted(
        ["Berg", "Bräcke", "Härjedalen", "Krokom", "Ragunda", "Strömsund", "Åre", "Östersund"]
    )
    assert all("RSP 2023–2030" in i.assessment.tags for i in rsp)
    assert {str(i.assessment.kind) for i in rsp} == {"rsp_measure"}


def test_heatmap_goal_cells_are_the_goal_rating_else_the_strongest_target(hand: Portfolio) -> None:
    heat = impact_heatmap(hand)
    assert list(heat.index) == list(range(1, 18))
    assert list(heat.columns) == ["a", "b", "c"]
    rows = {g: heat.loc[g].tolist() for g in (7, 8, 11, 12, 13)}
    assert rows[11] == [2, 3, 1]
    assert rows[13][0] == -2 and rows[13][1:] == [-1, 1]  # B: 13.1 −1 and 13.2 +1 tie: −1
    assert rows[12][1] == 1 and all(pd.isna(rows[12][i]) for i in (0, 2))  # B's own +1, not 12.5's −1
    assert rows[7][0] == 1 and pd.isna(rows[7][1])  # A: from target 7.2
    assert rows[8][2] == -1
    assert heat.drop(index=[7, 8, 11, 12, 13]).isna().all().all()


def test_heatmap_of_the_example_set_matches_each_files_goal_ratings(rsp: Portfolio) -> None:
    """Derived from the files, not written down from the view: every goal rated in a file is
    its cell, the rest of its column is empty."""
    heat = impact_heatmap(rsp)
    assert list(heat.columns) == rsp.keys()
    for item in rsp:
        own = {r.goal: r.impact for r in item.assessment.sdg if r.goal is not None and r.impact is not None}
        for goal in range(1, 18):
            cell = heat.at[goal, item.key]
            if goal in own:
                assert cell == own[goal], (item.key, goal)
            elif not any(r.target and r.target.split(".")[0] == str(goal) for r in item.assessment.sdg):
                assert pd.isna(cell), (item.key, goal)


def test_heatmap_target_level_lists_assessed_targets_in_numeric_order(hand: Portfolio) -> None:
    heat = impact_heatmap(hand, level="target")
    assert list(heat.index) == ["7.2", "12.5", "13.1", "13.2"]
    assert heat.at["12.5", "b"] == -1 and heat.at["7.2", "a"] == 1
    assert heat.at["13.2", "b"] == 1 and pd.isna(heat.at["13.2", "a"])
    assert list(impact_heatmap(hand, level="target", goals=[13]).index) == ["13.1", "13.2"]


def test_goal_impact_from_targets_keeps_the_strongest_and_negative_on_ties() -> None:
    a = make(
        "x",
        sdg=[
            {"target": "13.1", "impact": 1},
            {"target": "13.2", "impact": -1},
            {"target": "8.2", "impact": 2},
            {"target": "8.3", "impact": -1},
        ],
    )
    assert goal_impacts(project(a)) == {13: -1, 8: 2}


def test_push_pull_counts_and_sums(hand: Portfolio) -> None:
    pp = push_pull(hand)
    columns = ["assessed", "pushing", "pulling", "push_sum", "pull_sum", "net", "combined_impact"]
    # Goal 11: +2, +3, +1 -> mean 2.
    assert pp.loc[11, columns].tolist() == [3, 3, 0, 6, 0, 6, 2]
    # Goal 13: −2, −1, +1 -> mean −2/3, rounded −1.
    assert pp.loc[13, columns].tolist() == [3, 1, 2, 1, -3, -2, -1]
    assert pp.loc[8, columns].tolist() == [1, 0, 1, 0, -1, -1, -1]
    assert pp.at[1, "assessed"] == 0 and pd.isna(pp.at[1, "combined_impact"])


def test_combined_impact_never_rounds_a_lean_away() -> None:
    assert combined_impact([1, 0, 0, 0]) == 1
    assert combined_impact([-1, 0, 0]) == -1
    assert combined_impact([3, 3, 2]) == 3
    assert combined_impact([2, -2]) == 0
    assert combined_impact([]) == 0


def test_combined_assessment_keeps_conflicts_apart_and_links_measures(hand: Portfolio) -> None:
    combined = combined_assessment(hand)
    assert [c.id for c in combined.conflicts] == ["a/k1", "b/k1", "b/k2"]
    measure = next(m for m in combined.measures if m.id == "a/m2")
    assert measure.addresses == ["a/k1", "sdg:13"]
    ratings = {r.ref: r.impact for r in combined.sdg}
    # Goal ratings only: 11 (+2, +3, +1) -> 2; 13 (A −2, C +1) -> mean −0.5: never rounded to 0.
    assert (ratings["sdg:11"], ratings["sdg:13"], ratings["sdg:8"], ratings["13.1"]) == (2, -1, -1, -1)
    assert set(combined.municipalities) == {"Bräcke", "Krokom", "Ragunda"}
    assert combined.date == dt.date(2026, 2, 1)


def test_rus_coverage_counts_ratings_and_appends_unknown_goals(hand: Portfolio) -> None:
    cov = rus_coverage(hand, ["p1", "p2", "v_climate"])
    assert list(cov.index) == ["p1", "p2", "v_climate"]
    # p1: +2, +1, 0.
    assert cov.loc["p1", ["rated", "positive", "negative", "neutral"]].tolist() == [3, 2, 0, 1]
    assert cov.at["p1", "mean_impact"] == 1.0 and cov.at["p1", "coverage"] == 1.0
    assert cov.at["p2", "rated"] == 0 and pd.isna(cov.at["p2", "mean_impact"])
    assert cov.loc["v_climate", ["rated", "negative", "mean_impact"]].tolist() == [2, 2, -1.5]
    assert cov.at["v_climate", "coverage"] == 0.667  # 2 of 3
    small = Portfolio.of([make("a", rus=[{"goal": "x_own", "impact": -2}])])
    own = rus_coverage(small, ["p1"])
    assert list(own.index) == ["p1", "x_own"]
    assert own.at["x_own", "mean_impact"] == -2.0


def test_measures_overdue_relative_to_today(hand: Portfolio) -> None:
    table = measures_table(hand, TODAY)
    # By due date, undated last.
    assert list(zip(table["assessment"], table["id"], strict=True)) == [
        ("a", "m1"),
        ("a", "m2"),
        ("b", "m2"),
        ("b", "m1"),
        ("c", "m1"),
        ("a", "m3"),
    ]
    # Done measures are never overdue, even with a past due date (A m1).
    assert table["overdue"].tolist() == [False, True, True, False, False, False]
    assert table["days_left"].tolist()[:5] == [-28, -14, -9, 19, 92]
    assert pd.isna(table["days_left"].iloc[5])
    # A year earlier nothing is overdue.
    assert not measures_table(hand, dt.date(2025, 1, 1))["overdue"].any()


def test_measures_by_owner(hand: Portfolio) -> None:
    owners = measures_by_owner(hand, TODAY)
    # Most overdue first, then the busiest; the measure without an owner stays, under "".
    assert owners["owner"].tolist() == ["Service-Z", "Krokoms kommun", "Bräcke kommun", ""]
    z = owners.set_index("owner").loc["Service-Z"]
    assert (z["measures"], z["planned"], z["in_progress"], z["overdue"], z["assessments"]) == (2, 1, 1, 1, 2)
    assert z["next_due"] == dt.date(2026, 2, 15)
    bracke = owners.set_index("owner").loc["Bräcke kommun"]
    assert (bracke["measures"], bracke["done"], bracke["planned"], bracke["overdue"]) == (2, 1, 1, 0)
    assert bracke["next_due"] == dt.date(2026, 6, 1)  # the open one; the done one is not next


def test_group_gaps_marks_blind_spots_of_the_whole_set(hand: Portfolio) -> None:
    items = ["rural_urban", "women_men", "lgbtq", "sami"]
    gaps = group_gaps(hand, {"intersectional": items, "missing_actors": ["business"]})
    assert gaps["item"].tolist() == items  # missing_actors is not a group checklist
    # rural_urban ticked in A and B; women_men only commented in A (still considered);
    # sami through C's present sameby; lgbtq nowhere.
    assert gaps["considered_in"].tolist() == [2, 1, 0, 1]
    assert gaps["not_considered_in"].tolist() == [1, 2, 3, 2]
    assert gaps["coverage"].tolist() == [0.667, 0.333, 0.0, 0.333]
    assert gaps["missing_everywhere"].tolist() == [False, False, True, False]


def test_group_gaps_counts_groups_of_present_actors() -> None:
    a = make("a", actors=[{"name": "Sametinget", "present": True, "groups": ["sami"]}])
    b = make("b", actors=[{"name": "Sametinget", "present": False, "groups": ["sami"]}])
    gaps = group_gaps(Portfolio.of([a, b]), {"intersectional": ["sami", "young"]})
    assert gaps["considered_in"].tolist() == [1, 0]
    assert gaps["missing_everywhere"].tolist() == [False, True]


def test_actor_group_gaps(hand: Portfolio) -> None:
    gaps = actor_group_gaps(hand, ["business", "sami_villages", "academia"])
    # sami_villages: ticked in A, only absent in B, present in C. business: ticked in C (the tick
    # wins over C's shop), present in A and C.
    assert gaps.values.tolist() == [
        ["sami_villages", 2, 1, "a, b"],
        ["business", 1, 2, "c"],
        ["academia", 0, 0, ""],
    ]


def test_absent_actors_merge_names_without_case() -> None:
    a = make("a", actors=[{"name": "Länsstyrelsen", "present": False, "influence": 4}])
    b = make(
        "b",
        actors=[
            {"name": "länsstyrelsen", "present": False, "influence": 2},
            {"name": "Byalaget", "present": True},
        ],
    )
    table = absent_actors(Portfolio.of([a, b]))
    assert table["actor"].tolist() == ["Länsstyrelsen"]
    assert table.iloc[0]["absent_in"] == 2
    assert table.iloc[0]["max_influence"] == 4
    assert table.iloc[0]["assessments"] == "a, b"


def test_compare_two_municipalities(hand: Portfolio) -> None:
    table = compare(hand.get("a").assessment, hand.get("b").assessment)
    sdg = table[table["section"] == "sdg"]
    assert sdg["item"].tolist() == ["7.2", "sdg:11", "sdg:12", "12.5", "sdg:13", "13.1", "13.2"]
    rows = sdg.set_index("item")
    assert (rows.at["sdg:11", "a"], rows.at["sdg:11", "b"], rows.at["sdg:11", "changed"]) == (2, 3, True)
    assert rows.at["7.2", "a"] == 1 and pd.isna(rows.at["7.2", "b"])
    summary = compare_summary(table).set_index("section")
    # k1 in both (recorded differently), k2 only in B: both count as changed.
    assert summary.loc["conflicts", ["only_a", "only_b", "both", "changed"]].tolist() == [0, 1, 1, 2]
    assert summary.loc["measures", ["only_a", "only_b", "both"]].tolist() == [1, 0, 2]


def test_compare_before_and_after_a_workshop() -> None:
    before = make("Kälarne", sdg=[{"goal": 13, "impact": -2}])
    after = make(
        "Kälarne",
        sdg=[{"goal": 13, "impact": -1}, {"goal": 7, "impact": 1}],
        measures=[{"id": "m1", "owner": "Bräcke kommun"}],
    )
    table = compare(before, after)
    changed = table[table["changed"]]
    assert set(changed["item"]) == {"sdg:13", "sdg:7", "m1"}
    assert compare(before, before)["changed"].sum() == 0


def test_compute_gives_every_view_and_consistent_figures(hand: Portfolio) -> None:
    views = compute(hand, TODAY, rus_goal_ids=["p1"], checklists={"intersectional": ["lgbtq"]})
    assert set(views.frames) == set(VIEW_NAMES)
    figs = figures(views)
    assert (figs["assessments"], figs["conflicts"], figs["measures"]) == (3, 3, 6)
    assert (figs["conflicts_handled"], figs["conflicts_with_outcome"]) == (2, 1)  # A k1, B k1; A k1
    assert figs["measures_overdue"] == 2  # A m2, B m2
    # Due within 30 days or overdue, not done: A m2, B m2, B m1 (A k1 has its result; C m1 is
    # 92 days away).
    assert (figs["follow_ups_due"], figs["follow_ups_overdue"]) == (3, 2)
    assert (figs["goals_pushed"], figs["goals_pulled"]) == (4, 2)  # 7, 11, 12, 13; 8, 13
    records = frame_records(views["push_pull"])
    assert records[10]["goal"] == 11 and records[10]["combined_impact"] == 2
    assert records[0]["combined_impact"] is None


def test_figures_of_the_example_set_agree_with_counts_taken_from_the_files(rsp: Portfolio) -> None:
    figs = figures(compute(rsp, TODAY))
    files = [i.assessment for i in rsp]
    assert figs["assessments"] == len(EXAMPLES)
    assert figs["conflicts"] == sum(len(a.conflicts) for a in files)
    assert figs["conflicts_handled"] == sum(1 for a in files for c in a.conflicts if c.handled)
    assert figs["measures"] == sum(len(a.measures) for a in files)
    overdue = [m for a in files for m in a.measures if m.due and m.due < TODAY and m.status != "done"]
    assert figs["measures_overdue"] == len(overdue)


def test_empty_portfolio_gives_empty_views() -> None:
    views = compute(Portfolio(), TODAY)
    figs = figures(views)
    assert figs["assessments"] == 0 and figs["conflicts"] == 0
    assert len(views["measures"]) == 0
    assert views["heatmap"].shape == (17, 0)


def test_combined_findings_show_where_the_set_pushes_and_pulls(hand: Portfolio) -> None:
    from assessment.portfolio.combined import combined_findings

    table = combined_findings(hand, "sv")
    direct = table[table["kind"] == "direct_conflict"]
    # Access to service (SDG 11, +2 combined) against climate (SDG 13, −1 combined): the
    # knowledge base has 11 -> 13 as a trade-off, so the set's push on 11 pulls 13.
    assert ((direct["from"] == "sdg:11") & (direct["to"] == "sdg:13")).any()
    assert table["explanation"].str.len().min() > 20
    assert table["source"].notna().all()


def test_compact_combination_gives_the_same_findings(rsp: Portfolio) -> None:
    from assessment.analysis import findings

    full = findings(combined_assessment(rsp), "sv")
    compact = findings(combined_assessment(rsp, compact=True), "sv")
    kinds = ("direct_conflicts", "mixed_effects", "latent_conflicts", "second_order_risks", "synergies")
    for kind in (*kinds, "unaddressed"):
        assert [f.to_dict() for f in getattr(full, kind)] == [f.to_dict() for f in getattr(compact, kind)]
    assert len(combined_assessment(rsp, compact=True).conflicts) < sum(
        len(i.assessment.conflicts) for i in rsp
    )
