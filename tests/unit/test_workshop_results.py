"""Workshop results: consensus classes, the exact robustness badge, clusters, triage, coverage."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from assessment.analysis import network_metrics
from assessment.workshop import (
    cell_coverage,
    clusters,
    prefill,
    results,
    robustness,
    spread,
    triage,
    values,
)


def test_spread_classes_and_measures() -> None:
    same = spread([2, 2, 2, 2])
    assert (same.kind, same.consensus, same.iqr, same.median) == ("agreement", 1.0, 0.0, 2.0)
    assert same.count(2) == 4 and same.count(-3) == 0
    polarised = spread([-2, -2, 2, 2, 1])
    assert polarised.kind == "polarised"
    split = spread([0, 1, 3, 3])  # same direction, IQR 2.25
    assert split.kind == "split" and split.iqr == pytest.approx(2.25)
    # Seven votes on seven different steps: the most even spread there can be.
    even = spread([-3, -2, -1, 0, 1, 2, 3])
    assert even.consensus == pytest.approx(0.0) and even.kind == "polarised"
    assert spread([]).kind == "none" and spread([]).consensus is None
    with pytest.raises(ValueError):
        spread([4])


def _brute_force_flips(codes: list[str], a: np.ndarray, k: int) -> set[tuple[tuple[str, str], int]]:
    top = {m.code for m in network_metrics(a, codes)[:k]}
    found = set()
    for i, j in itertools.permutations(range(len(codes)), 2):
        for d in (-1, 1):
            if not -3 <= a[i, j] + d <= 3:
                continue
            b = a.copy()
            b[i, j] += d
            if {m.code for m in network_metrics(b, codes)[:k]} != top:
                found.add(((codes[i], codes[j]), d))
    return found


@pytest.mark.parametrize("seed", range(6))
def test_robustness_closed_form_equals_recomputing_every_change(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n = 9
    codes = [f"sdg:{i}" for i in range(1, n + 1)]
    a = rng.integers(-3, 4, size=(n, n)).astype(float)
    np.fill_diagonal(a, 0)
    badge = robustness(codes, a, k=5)
    assert badge.top == tuple(m.code for m in network_metrics(a, codes)[:5])
    assert {(f.cell, f.delta) for f in badge.flips} == _brute_force_flips(codes, a, 5)
    assert badge.checked == sum(
        1 for i, j in itertools.permutations(range(n), 2) for d in (-1, 1) if -3 <= a[i, j] + d <= 3
    )


def test_a_clear_ranking_is_stable_and_a_tie_is_not() -> None:
    codes = [f"sdg:{i}" for i in range(1, 8)]
    clear = np.zeros((7, 7))
    clear[:5, :] = 3  # five strong influencers, two that influence nothing
    np.fill_diagonal(clear, 0)
    assert robustness(codes, clear).stable
    tie = clear.copy()
    tie[4, :] = 0  # goal 5 now ties with 6 and 7 at zero: one +1 anywhere in their rows reorders
    badge = robustness(codes, tie)
    assert not badge.stable
    assert {f.cell[0] for f in badge.flips} >= {"sdg:6", "sdg:7"}
    assert all(f.left == ("sdg:5",) and f.delta in (-1, 1) for f in badge.flips)


def test_clusters_are_the_mutually_reinforcing_groups() -> None:
    codes = ["sdg:1", "sdg:2", "sdg:3", "sdg:7", "sdg:13", "sdg:15"]
    a = np.zeros((6, 6))
    for group in ((0, 1, 2), (3, 4, 5)):
        for i, j in itertools.permutations(group, 2):
            a[i, j] = 2
    a[0, 3] = -3  # a trade-off between the groups does not join them
    a[2, 4] = 1  # one weak positive link does not either
    assert clusters(codes, a) == [("sdg:1", "sdg:2", "sdg:3"), ("sdg:7", "sdg:13", "sdg:15")]
    assert clusters(codes, np.zeros((6, 6))) == []
    assert results(codes, a).clusters == clusters(codes, a)


def test_triage_puts_disagreement_first_and_explains_each_place() -> None:
    codes = ["sdg:7", "sdg:8", "sdg:9", "sdg:12", "sdg:13"]
    pre = prefill(codes)
    a = values(codes, {}, pre)
    polarised = ("sdg:12", "sdg:9")
    order = triage(codes, a, pre, {polarised: spread([-3, -2, 2, 3])})
    assert len(order) == 20
    assert order[0].cell == polarised and order[0].reasons[0] == "disagreement"
    assert [i.priority for i in order] == sorted((i.priority for i in order), reverse=True)
    for item in order:
        fill = pre.get(item.cell)
        assert ("knowledge_base" in item.reasons) == (fill is not None and abs(fill.score) >= 2)
        assert ("uncertain" in item.reasons) == (fill is None or not fill.literature)
    # Agreement lowers a cell: the same cell with unanimous votes drops below the polarised one.
    calm = triage(codes, a, pre, {polarised: spread([2, 2, 2, 2])})
    assert [i.cell for i in calm].index(polarised) > 0
    assert polarised not in [i.cell for i in triage(codes, a, pre, {}, {polarised})]


def test_cell_coverage_counts_off_diagonal_cells() -> None:
    codes = [str(n) for n in range(34)]
    done = {("1", "2"), ("2", "1"), ("3", "3"), ("x", "1")}
    assert cell_coverage(codes, done) == cell_coverage(codes, {("1", "2"), ("2", "1")})
    assert cell_coverage(codes, done).total == 1122 and cell_coverage(codes, done).discussed == 2


def test_the_badge_looks_at_the_top_half_of_a_small_matrix() -> None:
    codes = [f"sdg:{i}" for i in range(1, 6)]
    a = np.zeros((5, 5))
    a[0, 1:] = 3
    assert len(results(codes, a).robustness.top) == 2
    many = [f"sdg:{i}" for i in range(1, 13)]
    assert len(results(many, np.zeros((12, 12))).robustness.top) == 5


def test_the_driver_names_the_measure_behind_the_class() -> None:
    from assessment.workshop.consensus import explain

    polarised = spread([2, 2, -1, 3])
    driver = polarised.driver()
    assert driver is not None and driver.measure == "direction"
    assert driver.figures == {
        "positive": 3, "negative": 1, "n": 4, "positive_pct": 75, "negative_pct": 25, "limit_pct": 25,
    }  # fmt: skip
    assert explain(polarised, "sv") == (
        "polariserad: 3 positiva och 1 negativ av 4 röster (75 % och 25 %; "
        "polariserad när minst 25 % går åt vardera hållet)"
    )
    split = spread([0, 3, 0, 2])
    assert split.kind == "split" and split.driver() == type(driver)("iqr", {"iqr": split.iqr, "limit": 1.0})
    assert explain(split, "sv").startswith("spridd: samma riktning, kvartilavstånd ")
    assert explain(spread([1, 1, 1]), "en") == "agreement: interquartile range 0.0, at most 1.0"
    assert spread([]).driver() is None and explain(spread([]), "sv") == "inga röster"
    assert (polarised.positive, polarised.negative) == (3, 1)
