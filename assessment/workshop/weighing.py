"""Robustness of a Tyréns weighing: the smallest change of one criterion's weight that gives
another option the best weighted mean (missing scores count as 0, as in the weighing helper).

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
    criteria, options = weighing.criteria, weighing.options
    total = sum(c.weight for c in criteria)
    if total <= 0 or len(options) < 2:
        return None
    sums = [sum(c.weight * o.scores.get(c.name, 0.0) for c in criteria) for o in options]
    best = max(range(len(options)), key=lambda i: sums[i])
    if sum(1 for s in sums if s == sums[best]) > 1:
        return None  # already a tie: nothing to flip
    found: WeightFlip | None = None
    for c in criteria:
        for o, option in enumerate(options):
            if o == best:
                continue
            slope = options[best].scores.get(c.name, 0.0) - option.scores.get(c.name, 0.0)
            if slope == 0:
                continue
            delta = -(sums[best] - sums[o]) / slope
            new = c.weight + delta
            if not 0 <= new <= MAX_WEIGHT or total + delta <= 0:
                continue
            if found is None or abs(delta) < abs(found.change):
                found = WeightFlip(c.name, c.weight, round(new, 6), options[best].name, option.name)
    return found
