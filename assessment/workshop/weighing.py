"""Robustness of a Tyréns weighing: the smallest change of one criterion's weight that gives
another option the best weighted mean, and what the scores still missing could change.

A missing score is missing, not 0 (`Weighing.weighted_score`): the flip is computed among the
fully scored options; an option still missing scores is reported with the range its weighted
mean can take (every missing score 0 … every missing score 10) and whether that range reaches
the leader, i.e. whether the missing scores can still change the winner.

With total weight T and option sums Aₒ = Σ wc·sₒc, changing one weight wc by Δ gives
Sₒ(Δ) = (Aₒ + Δ·sₒc) / (T + Δ). The winner w keeps winning against o while
Aw − Aₒ + Δ·(swc − sₒc) > 0 (T + Δ > 0), so the flip point is exact:
Δ = −(Aw − Aₒ) / (swc − sₒc), kept when the new weight stays within 0..100.
"""

from __future__ import annotations

from dataclasses import dataclass

from assessment.domain.assessment import Weighing

MAX_WEIGHT = 100.0


@dataclass(frozen=True)
class WeightFlip:
    criterion: str
    old_weight: float
    new_weight: float
    winner: str
    new_winner: str

    @property
    def change(self) -> float:
        return self.new_weight - self.old_weight


def weight_flip(weighing: Weighing) -> WeightFlip | None:
    """The smallest single-weight change that changes the winner; None when no change of one
    weight within 0..100 does (or there is no clear winner to flip)."""
    options = [o for o in weighing.options if weighing.weighted_score(o) is not None]
    # Only criteria every compared option has scored can move (a 0-weight one may be unscored).
    criteria = [c for c in weighing.criteria if all(c.name in o.scores for o in options)]
    total = sum(c.weight for c in weighing.criteria)
    if total <= 0 or len(options) < 2:
        return None
    sums = [sum(c.weight * o.scores[c.name] for c in criteria) for o in options]
    best = max(range(len(options)), key=lambda i: sums[i])
    if sum(1 for s in sums if s == sums[best]) > 1:
        return None  # already a tie: nothing to flip
    found: WeightFlip | None = None
    for c in criteria:
        for o, option in enumerate(options):
            if o == best:
                continue
            slope = options[best].scores[c.name] - option.scores[c.name]
            if slope == 0:
                continue
            delta = -(sums[best] - sums[o]) / slope
            new = c.weight + delta
            if not 0 <= new <= MAX_WEIGHT or total + delta <= 0:
                continue
            if found is None or abs(delta) < abs(found.change):
                found = WeightFlip(c.name, c.weight, round(new, 6), options[best].name, option.name)
    return found


@dataclass(frozen=True)
class Pending:
    """An option still missing scores: which, and the range its weighted mean can still take."""

    name: str
    missing: tuple[str, ...]
    low: float
    high: float
    could_win: bool  # with the missing scores it could reach the leader (or there is no leader)


@dataclass(frozen=True)
class WeighingResult:
    ranking: tuple[tuple[str, float], ...]  # fully scored options, best first
    pending: tuple[Pending, ...]
    flip: WeightFlip | None  # among the fully scored options

    @property
    def leader(self) -> str | None:
        return self.ranking[0][0] if self.ranking else None

    @property
    def settled(self) -> bool:
        """A leader exists and no missing score can change it."""
        return bool(self.ranking) and not any(p.could_win for p in self.pending)


def weighing_result(weighing: Weighing) -> WeighingResult:
    """The ranking, the options still missing scores (with their range) and the weight flip."""
    ranking = tuple(weighing.ranking())
    best = ranking[0][1] if ranking else None
    pending = []
    for option in weighing.options:
        missing = weighing.missing(option)
        span = weighing.score_range(option)
        if not missing or span is None:
            continue
        low, high = span
        pending.append(Pending(option.name, tuple(missing), low, high, best is None or high >= best))
    return WeighingResult(ranking, tuple(pending), weight_flip(weighing))
