"""How much a room agrees on one cell: the spread of private scores on the −3..+3 scale.

Two standard consensus measures are reported side by side, because each misses what the other
sees:

* **consensus index** = 1 − normalised Shannon entropy of the score distribution over the seven
  scale steps (1 = everybody chose the same score, 0 = the scores are spread as evenly as the
  number of votes allows; normalised by ``log(min(n, 7))`` so small groups are comparable);
* **interquartile range** (IQR, Q3 − Q1, linear interpolation) — robust to one outlier.

The class shown to the facilitator:

* ``polarised``: at least a quarter of the votes are positive (≥ +1) *and* at least a quarter are
  negative (≤ −1): the room disagrees on the *direction*, so talk first;
* ``agreement``: not polarised and IQR ≤ 1 (the middle half is within one scale step);
* ``split``: everything else (same direction, different strength);
* ``none``: no votes yet.

`Spread.driver` names the measure behind the class, so a label can say why: for ``polarised``
the shares of positive and negative votes (each at least a quarter), for ``agreement`` and
``split`` the interquartile range against its limit of one step.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

import numpy as np

from assessment.formats import decimal
from assessment.i18n import t

SCALE = (-3, -2, -1, 0, 1, 2, 3)
SpreadKind = Literal["none", "agreement", "split", "polarised"]
POLARISED_SHARE = 0.25
AGREEMENT_IQR = 1.0


@dataclass(frozen=True)
class Spread:
    """The distribution of the scores given to one cell."""

    n: int
    counts: tuple[int, ...]  # votes per scale step, in `SCALE` order (−3 first)
    median: float | None
    mean: float | None
    iqr: float | None
    consensus: float | None  # 1 − normalised entropy; None without votes
    kind: SpreadKind

    def count(self, score: int) -> int:
        return self.counts[SCALE.index(score)]

    @property
    def positive(self) -> int:
        """Votes of +1 or more."""
        return sum(self.counts[SCALE.index(1) :])

    @property
    def negative(self) -> int:
        """Votes of −1 or less."""
        return sum(self.counts[: SCALE.index(0)])

    def driver(self) -> Driver | None:
        """The measure that decided the class (None without votes)."""
        if self.kind == "none" or self.n == 0:
            return None
        if self.kind == "polarised":
            return Driver(
                "direction",
                {
                    "positive": self.positive,
                    "negative": self.negative,
                    "n": self.n,
                    "positive_pct": round(100 * self.positive / self.n),
                    "negative_pct": round(100 * self.negative / self.n),
                    "limit_pct": round(100 * POLARISED_SHARE),
                },
            )
        return Driver("iqr", {"iqr": self.iqr, "limit": AGREEMENT_IQR})


@dataclass(frozen=True)
class Driver:
    """Why a cell got its class: ``direction`` (the shares of positive and negative votes behind
    ``polarised``) or ``iqr`` (the interquartile range behind ``agreement`` / ``split``), with the
    figures a message needs (counts, percentages, the limits)."""

    measure: Literal["direction", "iqr"]
    figures: dict[str, float | int | None]


def spread(scores: Iterable[int]) -> Spread:
    """The spread of ``scores`` (each −3..3; anything else is a programming error)."""
    values = list(scores)
    for value in values:
        if value not in SCALE:
            raise ValueError(f"score {value!r} is outside −3..3")
    tally = Counter(values)
    counts = tuple(tally.get(step, 0) for step in SCALE)
    n = len(values)
    if n == 0:
        return Spread(0, counts, None, None, None, None, "none")
    q1, median, q3 = (float(q) for q in np.percentile(values, [25, 50, 75]))
    iqr = q3 - q1
    consensus = 1.0 - _normalised_entropy(counts, n)
    positive = sum(1 for v in values if v > 0) / n
    negative = sum(1 for v in values if v < 0) / n
    kind: SpreadKind
    if positive >= POLARISED_SHARE and negative >= POLARISED_SHARE:
        kind = "polarised"
    elif iqr <= AGREEMENT_IQR:
        kind = "agreement"
    else:
        kind = "split"
    return Spread(n, counts, median, sum(values) / n, iqr, round(consensus, 6), kind)


def _normalised_entropy(counts: tuple[int, ...], n: int) -> float:
    levels = min(n, len(SCALE))
    if levels <= 1:
        return 0.0
    entropy = -sum((c / n) * math.log(c / n) for c in counts if c)
    return entropy / math.log(levels)


def explain(value: Spread, lang: str) -> str:
    """The class with the measure that decided it, e.g. "polariserad: 2 positiva och 1 negativ av
    3 röster (67 % och 33 %; …)" — what a label on the projector or in the minutes says."""
    kind = t(f"workshop.kind.{value.kind}", lang)
    driver = value.driver()
    if driver is None:
        return kind
    if driver.measure == "direction":
        return f"{kind}: {t('workshop.why.direction', lang, **driver.figures)}"
    figures = {k: decimal(float(v or 0), lang) for k, v in driver.figures.items()}
    return f"{kind}: {t(f'workshop.why.{value.kind}', lang, **figures)}"
