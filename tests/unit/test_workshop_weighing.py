"""The weighing robustness badge: the exact smallest single-weight change that flips the winner."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from assessment.domain.assessment import Criterion, Option, Weighing
from assessment.workshop.weighing import weighing_result, weight_flip


def mean(weighing: Weighing, weights: dict[str, float]) -> list[float]:
    total = sum(weights.values())
    return [
        sum(weights[c.name] * o.scores.get(c.name, 0.0) for c in weighing.criteria) / total
        for o in weighing.options
    ]


def test_the_flip_point_is_where_the_winner_changes() -> None:
    w = Weighing(
        criteria=[Criterion(name="Klimat", weight=3), Criterion(name="Jobb", weight=2)],
        options=[
            Option(name="Flyg", scores={"Klimat": 2, "Jobb": 9}),
            Option(name="Tåg", scores={"Klimat": 8, "Jobb": 4}),
        ],
    )
    flip = weight_flip(w)
    assert flip is not None and flip.winner == "Tåg" and flip.new_winner == "Flyg"
    weights = {c.name: c.weight for c in w.criteria}
    at = dict(weights, **{flip.criterion: flip.new_weight})
    a, b = mean(w, at)
    assert a == pytest.approx(b)  # exactly the tie
    beyond = dict(weights, **{flip.criterion: flip.new_weight + np.sign(flip.change) * 0.01})
    scores = mean(w, beyond)
    assert scores[0] > scores[1]  # just past it, the other option wins


@pytest.mark.parametrize("seed", range(5))
def test_no_smaller_single_weight_change_flips_the_winner(seed: int) -> None:
    rng = np.random.default_rng(seed)
    names = ["a", "b", "c"]
    w = Weighing(
        criteria=[Criterion(name=n, weight=float(rng.integers(1, 10))) for n in names],
        options=[
            Option(name=f"o{i}", scores={n: float(rng.integers(0, 11)) for n in names}) for i in range(3)
        ],
    )
    flip = weight_flip(w)
    weights = {c.name: c.weight for c in w.criteria}
    winner = int(np.argmax(mean(w, weights)))
    limit = abs(flip.change) if flip else 100.0
    for name, step in itertools.product(names, np.linspace(-limit, limit, 201)[1:-1]):
        new = weights[name] + step
        if 0 <= new <= 100 and abs(step) < limit * 0.999 and sum(weights.values()) + step > 0:
            assert int(np.argmax(mean(w, dict(weights, **{name: new})))) == winner


def test_nothing_to_flip() -> None:
    assert weight_flip(Weighing()) is None
    one = Weighing(criteria=[Criterion(name="x", weight=1)], options=[Option(name="a", scores={"x": 3})])
    assert weight_flip(one) is None
    dominant = Weighing(
        criteria=[Criterion(name="x", weight=1), Criterion(name="y", weight=1)],
        options=[Option(name="a", scores={"x": 9, "y": 9}), Option(name="b", scores={"x": 1, "y": 1})],
    )
    assert weight_flip(dominant) is None  # better on every criterion: no weight change helps b


def test_missing_scores_do_not_count_as_zero_and_can_still_change_the_winner() -> None:
    w = Weighing(
        criteria=[Criterion(name="Klimat", weight=3), Criterion(name="Jobb", weight=1)],
        options=[
            Option(name="Som tidigare", scores={"Klimat": 2, "Jobb": 6}),  # (6 + 6) / 4 = 3
            Option(name="Ny linje", scores={"Klimat": 5, "Jobb": 5}),  # 5
            Option(name="Anropsstyrt", scores={"Jobb": 4}),  # Klimat missing: 1 … 8.5
        ],
    )
    result = weighing_result(w)
    assert result.ranking == (("Ny linje", pytest.approx(5.0)), ("Som tidigare", pytest.approx(3.0)))
    (pending,) = result.pending
    assert (pending.name, pending.missing) == ("Anropsstyrt", ("Klimat",))
    assert (pending.low, pending.high) == (pytest.approx(1.0), pytest.approx(8.5))
    assert pending.could_win and not result.settled and result.leader == "Ny linje"
    # The weight flip is among the fully scored options only: Klimat's weight falling from 3 to
    # 1/3 ties them, (2k + 6)/(k + 1) = (5k + 5)/(k + 1) -> k = 1/3 (smaller than Jobb 1 -> 9).
    assert result.flip is not None
    flip = result.flip
    assert (flip.criterion, flip.new_weight, flip.new_winner) == (
        "Klimat",
        pytest.approx(1 / 3),
        "Som tidigare",
    )
    # Once scored, the third option is in the ranking and the result is settled.
    scored = [*w.options[:2], Option(name="Anropsstyrt", scores={"Klimat": 0, "Jobb": 1})]
    done = weighing_result(Weighing(criteria=w.criteria, options=scored))
    assert done.pending == () and done.settled and done.ranking[-1][0] == "Anropsstyrt"
    # Still missing, but even ten on Klimat cannot reach the leader: settled, and said so.
    capped = Weighing(
        criteria=[Criterion(name="Klimat", weight=1), Criterion(name="Jobb", weight=4)],
        options=[*w.options[:2], Option(name="Anropsstyrt", scores={"Jobb": 0})],  # at most 2 < 5.2
    )
    (p,) = weighing_result(capped).pending
    assert p.high == pytest.approx(2.0) and not p.could_win and weighing_result(capped).settled
