"""The default view of an analysis: few findings, grouped by kind, most severe first.

An experienced facilitator raises 5–10 points per case; users stop reading after the third
irrelevant prompt. So the app, the CLI and the PDF show by default at most ``DEFAULT_TOTAL``
findings: each kind has a quota (conflicts first), a quota a kind does not use passes to the next
kind, and weak findings (below a kind's severity floor) wait behind "show all". Dismissed findings
(the user said "not relevant here because …") are already out of the lists; each group counts
them.
"""

from __future__ import annotations

from dataclasses import dataclass

from assessment.analysis.model import Finding, FindingKind, Findings

# Kinds in the order a facilitator raises them, with the default quota of each.
QUOTAS: tuple[tuple[FindingKind, int], ...] = (
    ("direct_conflict", 4),
    ("latent_conflict", 3),
    ("mixed_effects", 1),
    ("second_order_risk", 1),
    ("synergy", 1),
)
PER_KIND_MAX = 5  # never more of one kind by default, even when other kinds leave room
DEFAULT_TOTAL = 10
# Below these severities a finding waits behind "show all": a +1 rating on a −1 cell (0.33) or a
# chained second-order path is worth a look, not a prompt.
MIN_SEVERITY: dict[str, float] = {
    "direct_conflict": 0.0,
    "latent_conflict": 0.6,
    "mixed_effects": 0.3,
    "second_order_risk": 0.3,
    "synergy": 1.0,
}
FIELDS: dict[str, str] = {
    "direct_conflict": "direct_conflicts",
    "latent_conflict": "latent_conflicts",
    "mixed_effects": "mixed_effects",
    "second_order_risk": "second_order_risks",
    "synergy": "synergies",
}


@dataclass(frozen=True)
class KindView:
    kind: FindingKind
    shown: tuple[Finding, ...]
    total: int  # all findings of this kind (not dismissed)
    dismissed: int

    @property
    def hidden(self) -> int:
        return self.total - len(self.shown)


@dataclass(frozen=True)
class View:
    groups: tuple[KindView, ...]

    @property
    def shown(self) -> tuple[Finding, ...]:
        return tuple(f for group in self.groups for f in group.shown)

    @property
    def hidden(self) -> int:
        return sum(group.hidden for group in self.groups)

    def group(self, kind: str) -> KindView:
        return next(g for g in self.groups if g.kind == kind)


def _kind_items(result: Findings, kind: str) -> tuple[tuple[Finding, ...], int]:
    items: tuple[Finding, ...] = getattr(result, FIELDS[kind])
    return items, sum(1 for d in result.dismissed if d.finding.kind == kind)


def specific(f: Finding) -> bool:
    """Not "general" evidence (a chain of two goal-level cells, or a goal cell whose source names
    targets the ratings do not): such a finding is true of any case rating those goals, so it is
    never shown by default (nor as a screening hint)."""
    return f.evidence != "general"


def _eligible(f: Finding) -> bool:
    """Above its kind's floor, or about a pair the group recorded as a conflict itself; never
    "general" (`specific`), nor a synergy towards a goal the case rates negative (the case's own
    knowledge says the usual reinforcement does not show here: a question, not a prompt to use it)."""
    if not specific(f):
        return False
    if f.kind == "synergy" and f.target_impact is not None and f.target_impact < 0:
        return False
    return f.severity >= MIN_SEVERITY[f.kind] or f.evidence == "recorded_conflict"


def _one_per_pair(synergies: list[Finding]) -> list[Finding]:
    """A synergy and its reverse (7.2 → 13.2 and 13.2 → 7.2, both rated) say one thing: keep the
    more severe one (the lists are sorted most severe first); the other stays under "show all"."""
    seen: set[frozenset[str]] = set()
    kept = []
    for f in synergies:
        pair = frozenset((f.source, f.target))
        if pair not in seen:
            seen.add(pair)
            kept.append(f)
    return kept


def default_view(
    result: Findings,
    *,
    total: int = DEFAULT_TOTAL,
    show_all: bool = False,
) -> View:
    """The findings to show by default (``show_all``: every finding that is not dismissed).

    Lists are already sorted most severe first; quotas are filled kind by kind in `QUOTAS`
    order, then room left over goes to the kinds in the same order, up to `PER_KIND_MAX` each.
    """
    items = {kind: _kind_items(result, kind) for kind, _ in QUOTAS}
    if show_all:
        return View(
            tuple(KindView(kind, items[kind][0], len(items[kind][0]), items[kind][1]) for kind, _ in QUOTAS)
        )
    eligible = {kind: [f for f in items[kind][0] if _eligible(f)] for kind, _ in QUOTAS}
    eligible["synergy"] = _one_per_pair(eligible["synergy"])
    chosen: dict[str, int] = {}
    room = total
    for kind, quota in QUOTAS:
        chosen[kind] = min(quota, len(eligible[kind]), room)
        room -= chosen[kind]
    for kind, _ in QUOTAS:
        extra = min(PER_KIND_MAX - chosen[kind], len(eligible[kind]) - chosen[kind], room)
        if extra > 0:
            chosen[kind] += extra
            room -= extra
    return View(
        tuple(
            KindView(kind, tuple(eligible[kind][: chosen[kind]]), len(items[kind][0]), items[kind][1])
            for kind, _ in QUOTAS
        )
    )
