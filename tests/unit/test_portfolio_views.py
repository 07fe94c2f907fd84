"""Portfolio views on the regional-service-programme example set (examples/rsp/, 8 municipalities)
and on small hand-made assessments whose results are computed by hand."""

from __future__ import annotations

import datetime as dt
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


@pytest.fixture(scope="module")
def rsp() -> Portfolio:
    portfolio, problems = from_files(EXAMPLES)
    assert problems == []
    return portfolio


def make(title: str, **fields: object) -> Assessment:
    return Assessment.model_validate({"title": title, **fields})


def test_example_set_has_one_assessment_per_county_municipality(rsp: Portfolio) -> None:
    municipalities = sorted(m for i in rsp for m in i.assessment.municipalities)
    assert municipalities == sorted(
        ["Berg", "Bräcke", "Härjedalen", "Krokom", "Ragunda", "Strömsund", "Åre", "Östersund"]
    )
    assert all("RSP 2023–2030" in i.assessment.tags for i in rsp)
    assert {str(i.assessment.kind) for i in rsp} == {"rsp_measure"}


def test_heatmap_has_17_goals_and_one_column_per_assessment(rsp: Portfolio) -> None:
    heat = impact_heatmap(rsp)
    assert list(heat.index) == list(range(1, 18))
    assert list(heat.columns) == rsp.keys()
    # Every municipality pushes access to service (SDG 11); Kälarne and Valsjöbyn most.
    assert heat.loc[11].tolist() == [2, 2, 3, 2, 3, 2, 2, 3]
    assert heat.at[13, "rsp-bracke"] == -2
    assert pd.isna(heat.at[1, "rsp-bracke"])
    # Ragunda rates goal 12 (+1) and target 12.5 (−1): the goal's own rating is the goal cell.
    assert heat.at[12, "rsp-ragunda"] == 1


def test_heatmap_target_level_lists_assessed_targets_in_numeric_order(rsp: Portfolio) -> None:
    heat = impact_heatmap(rsp, level="target")
    assert list(heat.index) == ["7.2", "9.1", "9.c", "10.2", "11.2", "12.5"]
    assert heat.at["12.5", "rsp-ragunda"] == -1
    assert heat.at["7.2", "rsp-krokom"] == 1
    only_7 = impact_heatmap(rsp, level="target", goals=[7])
    assert list(only_7.index) == ["7.2"]


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


def test_push_pull_counts_and_sums(rsp: Portfolio) -> None:
    pp = push_pull(rsp)
    assert pp.loc[11].tolist()[:6] == [8, 8, 0, 19, 0, 19]
    # Climate: Bräcke −2, Berg −1, Krokom −2, Strömsund −1, Åre −1; Härjedalen and Östersund +1.
    row = pp.loc[13]
    assert (row["assessed"], row["pushing"], row["pulling"]) == (7, 2, 5)
    assert (row["push_sum"], row["pull_sum"], row["net"]) == (2, -7, -5)
    assert row["combined_impact"] == -1
    assert pd.isna(pp.at[1, "combined_impact"])


def test_combined_impact_never_rounds_a_lean_away() -> None:
    assert combined_impact([1, 0, 0, 0]) == 1
    assert combined_impact([-1, 0, 0]) == -1
    assert combined_impact([3, 3, 2]) == 3
    assert combined_impact([2, -2]) == 0
    assert combined_impact([]) == 0


def test_combined_assessment_keeps_conflicts_apart_and_links_measures(rsp: Portfolio) -> None:
    combined = combined_assessment(rsp)
    ids = {c.id for c in combined.conflicts}
    assert {"rsp-bracke/k1", "rsp-krokom/k1"} <= ids
    assert len(combined.conflicts) == 12
    measure = next(m for m in combined.measures if m.id == "rsp-bracke/m1")
    assert measure.addresses == ["rsp-bracke/k1", "sdg:13"]
    assert combined.sdg_rating("sdg:13") is not None
    assert combined.sdg_rating("sdg:13").impact == -1  # type: ignore[union-attr]
    assert set(combined.municipalities) == {m for i in rsp for m in i.assessment.municipalities}


def test_rus_coverage_counts_ratings_and_appends_unknown_goals(rsp: Portfolio) -> None:
    cov = rus_coverage(rsp)
    assert cov.at["p1", "rated"] == 8
    assert cov.at["p1", "coverage"] == 1.0
    assert cov.at["v_climate", "negative"] == 3
    assert cov.at["v_climate", "positive"] == 1
    assert cov.at["p2", "rated"] == 0
    assert pd.isna(cov.at["p2", "mean_impact"])
    small = Portfolio.of([make("a", rus=[{"goal": "x_own", "impact": -2}])])
    own = rus_coverage(small, ["p1"])
    assert list(own.index) == ["p1", "x_own"]
    assert own.at["x_own", "mean_impact"] == -2.0


def test_measures_overdue_relative_to_today(rsp: Portfolio) -> None:
    table = measures_table(rsp, TODAY)
    assert len(table) == 23
    overdue = table[table["overdue"]]
    assert set(zip(overdue["assessment"], overdue["id"], strict=True)) == {
        ("rsp-krokom", "m2"),
        ("rsp-krokom", "m3"),
        ("rsp-berg", "m2"),
        ("rsp-stromsund", "m2"),
        ("rsp-are", "m2"),
        ("rsp-bracke", "m3"),
        ("rsp-ostersund", "m3"),
        ("rsp-ragunda", "m1"),
    }
    # Done measures are never overdue, even with a past due date.
    done = table[(table["assessment"] == "rsp-bracke") & (table["id"] == "m1")].iloc[0]
    assert done["status"] == "done" and not done["overdue"]
    # A year earlier nothing is overdue.
    assert not measures_table(rsp, dt.date(2025, 1, 1))["overdue"].any()
    assert table["due"].tolist() == sorted(table["due"].tolist())


def test_measures_by_owner(rsp: Portfolio) -> None:
    owners = measures_by_owner(rsp, TODAY).set_index("owner")
    assert owners.at["Service-Z", "measures"] == 3
    assert owners.at["Service-Z", "assessments"] == 3
    assert owners.at["Krokoms kommun", "overdue"] == 2
    assert owners.at["Region Jämtland Härjedalen", "done"] == 1
    # The measure without an owner stays visible under a blank owner.
    assert owners.at["", "measures"] == 1
    assert owners.index[0] == "Krokoms kommun"  # most overdue first


def test_group_gaps_marks_blind_spots_of_the_whole_set(rsp: Portfolio) -> None:
    gaps = group_gaps(rsp).set_index(["checklist", "item"])
    assert gaps.loc[("intersectional", "rural_urban"), "considered_in"] == 8
    assert bool(gaps.loc[("intersectional", "lgbtq"), "missing_everywhere"])
    assert bool(gaps.loc[("sami_areas", "sami_way"), "missing_everywhere"])
    # An unticked item with a comment was considered ("not analysed yet: …").
    assert gaps.loc[("intersectional", "women_men"), "considered_in"] == 2
    assert "missing_actors" not in gaps.index.get_level_values(0)


def test_group_gaps_counts_groups_of_present_actors() -> None:
    a = make("a", actors=[{"name": "Sametinget", "present": True, "groups": ["sami"]}])
    b = make("b", actors=[{"name": "Sametinget", "present": False, "groups": ["sami"]}])
    gaps = group_gaps(Portfolio.of([a, b]), {"intersectional": ["sami", "young"]})
    assert gaps["considered_in"].tolist() == [1, 0]
    assert gaps["missing_everywhere"].tolist() == [False, True]


def test_actor_group_gaps(rsp: Portfolio) -> None:
    gaps = actor_group_gaps(rsp).set_index("item")
    assert gaps.at["sami_villages", "missing_in"] == 4  # three ticks + Härjedalen's absent sameby
    assert gaps.at["sami_villages", "present_in"] == 0
    assert gaps.at["business", "missing_in"] == 2  # ticked in Åre and Östersund
    assert gaps.at["business", "present_in"] == 8
    assert gaps.at["academia", "missing_in"] == 0


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


def test_compare_two_municipalities(rsp: Portfolio) -> None:
    table = compare(rsp.get("rsp-bracke").assessment, rsp.get("rsp-krokom").assessment)
    sdg = table[table["section"] == "sdg"].set_index("item")
    assert sdg.at["sdg:11", "a"] == 3 and sdg.at["sdg:11", "b"] == 3
    assert not sdg.at["sdg:11", "changed"]
    assert sdg.at["sdg:10", "a"] == 2 and pd.isna(sdg.at["sdg:10", "b"])
    assert list(sdg.index[:4]) == ["7.2", "sdg:8", "sdg:9", "9.1"]  # goal, then its targets
    summary = compare_summary(table).set_index("section")
    assert summary.at["conflicts", "both"] == 2
    assert summary.at["measures", "only_a"] == 1  # Bräcke has m4, Krokom not


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


def test_compute_gives_every_view_and_consistent_figures(rsp: Portfolio) -> None:
    views = compute(rsp, TODAY)
    assert set(views.frames) == set(VIEW_NAMES)
    figs = figures(views)
    assert figs["assessments"] == 8
    assert figs["conflicts"] == 12
    assert figs["measures"] == 23
    assert figs["measures_overdue"] == 8
    assert figs["conflicts_with_outcome"] == 3
    assert figs["goals_pulled"] == 3  # SDG 8 (Östersund), 13, 15
    records = frame_records(views["push_pull"])
    assert records[10]["goal"] == 11 and records[0]["combined_impact"] is None


def test_empty_portfolio_gives_empty_views() -> None:
    views = compute(Portfolio(), TODAY)
    figs = figures(views)
    assert figs["assessments"] == 0 and figs["conflicts"] == 0
    assert len(views["measures"]) == 0
    assert views["heatmap"].shape == (17, 0)


def test_combined_findings_show_where_the_set_pushes_and_pulls(rsp: Portfolio) -> None:
    from assessment.analysis import findings
    from assessment.portfolio.combined import combined_findings

    table = combined_findings(rsp, "sv")
    direct = table[table["kind"] == "direct_conflict"]
    # Access to service (SDG 11, +2 combined) against climate (SDG 13, −1 combined).
    assert ((direct["from"] == "sdg:11") & (direct["to"] == "sdg:13")).any()
    assert (table["kind"] == "synergy").any()
    assert table["explanation"].str.len().min() > 20
    assert table["source"].notna().all()
    # The compact combination used for speed gives exactly the same findings.
    full = findings(combined_assessment(rsp), "sv")
    compact = findings(combined_assessment(rsp, compact=True), "sv")
    kinds = ("direct_conflicts", "mixed_effects", "latent_conflicts", "second_order_risks", "synergies")
    for kind in (*kinds, "unaddressed"):
        assert [f.to_dict() for f in getattr(full, kind)] == [f.to_dict() for f in getattr(compact, kind)]
    assert len(combined_assessment(rsp, compact=True).conflicts) < 12
