"""Which issues of an assessment are handled: every negative impact (SDG, RUS and other goals),
direct conflict, recorded conflict and latent conflict at or above a severity threshold, each with
status measure | position | open. The app's step 4, its summary, the PDF and the CLI all count this
one list."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import partial

from assessment.analysis.detect import Context, direct_conflicts, latent_conflicts
from assessment.analysis.model import Coverage, CoverageItem, Finding, IssueKind, Status
from assessment.analysis.refs import covers
from assessment.domain import Assessment, Conflict, parse_ref
from assessment.domain.refs import Ref, canonical_sdg, goal_number, is_goal, ref_label, signed
from assessment.i18n import normalise_lang, t
from assessment.knowledge.interactions import InteractionBase

LATENT_THRESHOLD = 1.0  # e.g. impact +3 on a −1 edge, +2 on −2, +1 on −3


class _Addressed:
    """Which measures (by ``addresses``) or positions (by ``refs``) speak to a ref, indexed once
    per analysis: each issue then looks its measures up instead of parsing every measure's refs
    again (the scan was O(issues × measures × refs), seconds at a few thousand measures)."""

    def __init__(self, entries: list[tuple[str, list[str]]]) -> None:
        self.ids = [entry_id for entry_id, _ in entries]
        self._sdg: dict[str, set[int]] = defaultdict(set)
        self._whole_goal: dict[int, set[int]] = defaultdict(set)  # entries naming goal g itself
        self._target_of: dict[int, set[int]] = defaultdict(set)  # entries naming a target of g
        self._parsed: dict[Ref, set[int]] = defaultdict(set)
        self._text: dict[str, set[int]] = defaultdict(set)
        for n, (_, refs) in enumerate(entries):
            for raw in refs:
                self._text[raw.strip()].add(n)
                self._parsed[parse_ref(raw)].add(n)
                canonical = canonical_sdg(raw)
                if canonical is not None:
                    self._sdg[canonical].add(n)
                    goals = self._whole_goal if is_goal(canonical) else self._target_of
                    goals[goal_number(canonical)].add(n)

    def covering(self, ref: str) -> set[int]:
        """Entries with a ref that `covers` the canonical SDG ``ref``."""
        found = self._sdg.get(ref, set())
        goals = self._target_of if is_goal(ref) else self._whole_goal
        if goals:
            found = found | goals.get(goal_number(ref), set())
        return found

    def same(self, ref: str) -> set[int]:
        return self._parsed.get(parse_ref(ref), set())

    def naming(self, texts: Iterable[str]) -> set[int]:
        """Entries with a ref that is (after trimming) one of ``texts`` — a conflict id."""
        found: set[int] = set()
        for text in texts:
            found |= self._text.get(text, set())
        return found

    def pick(self, found: set[int]) -> tuple[str, ...]:
        return tuple(self.ids[n] for n in sorted(found))


class _Index:
    def __init__(self, assessment: Assessment) -> None:
        self.assessment = assessment
        self.measures = _Addressed([(m.id, m.addresses) for m in assessment.measures])
        self.positions = _Addressed([(p.id, p.refs) for p in assessment.positions if p.text.strip()])
        self.conflict_refs = [
            [r for r in (canonical_sdg(raw) for raw in c.between) if r is not None]
            for c in assessment.conflicts
        ]
        # Conflicts by the goals their SDG refs belong to, by parsed ref and by id: an issue looks
        # up its candidates instead of testing every conflict (a combined portfolio has thousands).
        self._by_goal: dict[int, list[int]] = defaultdict(list)
        self._by_ref: dict[Ref, list[int]] = defaultdict(list)
        self._by_id: dict[str, list[int]] = defaultdict(list)
        for n, (conflict, refs) in enumerate(zip(assessment.conflicts, self.conflict_refs, strict=True)):
            for goal in dict.fromkeys(goal_number(r) for r in refs):
                self._by_goal[goal].append(n)
            for parsed in dict.fromkeys(parse_ref(raw) for raw in conflict.between):
                self._by_ref[parsed].append(n)
            self._by_id[conflict.id].append(n)
        self.empty = not (self.measures.ids or self.positions.ids or assessment.conflicts)

    def conflicts_about(self, source: str | None, target: str) -> list[int]:
        """Conflicts about the issue (see `_conflict_matches`): only those with a ref of the
        target's goal can cover it."""
        if not self._by_goal:  # no SDG refs in any conflict
            return []
        return [
            n
            for n in self._by_goal.get(goal_number(target), [])
            if _conflict_matches(self.conflict_refs[n], source, target)
        ]

    def conflicts_naming(self, ref: str) -> list[int]:
        return self._by_ref.get(parse_ref(ref), [])

    def conflicts_with_id(self, conflict_id: str) -> list[int]:
        return self._by_id.get(conflict_id, [])


def _conflict_matches(refs: list[str], source: str | None, target: str) -> bool:
    """A recorded conflict (its canonical SDG ``refs``) is about this issue if it names the harmed
    goal (and, for a pair, the goal that does the harm as another member)."""
    if source is None:
        return any(covers(r, target) for r in refs)
    return any(
        covers(refs[i], target) and covers(refs[j], source)
        for i in range(len(refs))
        for j in range(len(refs))
        if i != j
    )


def _status(
    index: _Index,
    about_conflicts: list[int],
    about_ref: Callable[[_Addressed], set[int]],
) -> tuple[Status, tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """Measure if a measure addresses the issue (its ref or a recorded conflict about it);
    position if such a conflict has a position/decision or a recorded position refers to it.
    ``about_conflicts``: indices of the recorded conflicts about the issue, in order."""
    conflicts = [index.assessment.conflicts[n] for n in about_conflicts]
    conflict_ids = {c.id for c in conflicts}
    measures = index.measures.pick(about_ref(index.measures) | index.measures.naming(conflict_ids))
    with_position = tuple(c.id for c in conflicts if c.handled)
    positions = index.positions.pick(about_ref(index.positions) | index.positions.naming(conflict_ids))
    status: Status = "measure" if measures else "position" if with_position or positions else "open"
    return status, measures, tuple(sorted(conflict_ids)), (*with_position, *positions)


def _item(
    index: _Index,
    kind: IssueKind,
    source: str,
    target: str,
    severity: float,
    explanation: str | Callable[[], str],
    pair: bool,
) -> CoverageItem:
    if index.empty:  # nothing recorded that could address it (a case early on, a large table)
        return CoverageItem(
            kind=kind, source=source, target=target, severity=severity, status="open", explanation=explanation
        )
    harm_source = source if pair else None
    status, measures, conflicts, positions = _status(
        index,
        index.conflicts_about(harm_source, target),
        lambda addressed: addressed.covering(target),
    )
    return CoverageItem(
        kind=kind,
        source=source,
        target=target,
        severity=severity,
        status=status,
        explanation=explanation,
        measures=measures,
        conflicts=conflicts,
        positions=positions,
    )


def label(ctx: Context, ref: str) -> str:
    """A readable name, inside a sentence, for any ref an issue can be about (SDG, RUS goal,
    other goal, conflict id)."""
    canonical = canonical_sdg(ref)
    return ctx.label(canonical) if canonical is not None else ref_label(ref, ctx.lang, sentence=True)


def _own_negative(ctx: Context, index: _Index, ref: str, impact: int) -> CoverageItem:
    """A negative RUS or other-goal rating: handled through its own ref or a conflict naming it."""
    status, measures, conflicts, positions = _status(
        index, index.conflicts_naming(ref), lambda addressed: addressed.same(ref)
    )
    text = t("analysis.issue_negative", ctx.lang, target=label(ctx, ref), b=signed(impact))
    return CoverageItem(
        kind="negative_impact",
        source=ref,
        target=ref,
        severity=float(-impact),
        status=status,
        explanation=text,
        measures=measures,
        conflicts=conflicts,
        positions=positions,
    )


def _recorded(ctx: Context, index: _Index, conflict: Conflict) -> CoverageItem:
    """A conflict the group recorded; a position or decision on it counts as position-addressed."""
    status, measures, conflicts, positions = _status(
        index,
        index.conflicts_with_id(conflict.id),
        lambda addressed: addressed.naming([conflict.id]),
    )
    between = " ↔ ".join(label(ctx, raw) for raw in conflict.between)
    text = t("analysis.issue_recorded", ctx.lang, id=conflict.id, between=between or "–")
    # No computed severity: the group's own conflict is ranked by the group, not by a formula.
    return CoverageItem(
        kind="recorded_conflict",
        source=conflict.id,
        target=conflict.id,
        severity=0.0,
        status=status,
        explanation=text,
        measures=measures,
        conflicts=conflicts,
        positions=positions,
    )


def coverage_from(
    ctx: Context,
    direct: tuple[Finding, ...],
    latent: tuple[Finding, ...],
    threshold: float = LATENT_THRESHOLD,
) -> Coverage:
    """Negative SDG, RUS and other-goal ratings, direct conflicts, recorded conflicts the analysis
    does not already list, and latent conflicts at or above ``threshold``."""
    index = _Index(ctx.assessment)
    items: list[CoverageItem] = []
    for ref, impact in ctx.negatives():
        text = partial(_negative_text, ctx, ref, impact)
        items.append(_item(index, "negative_impact", ref, ref, float(-impact), text, pair=False))
    own = [(r.ref, r.impact) for r in ctx.assessment.rus]
    own += [(r.ref, r.impact) for r in ctx.assessment.other_goals]
    seen: set[str] = set()
    for ref, own_impact in own:
        if own_impact is not None and own_impact < 0 and str(parse_ref(ref)) not in seen:
            seen.add(str(parse_ref(ref)))
            items.append(_own_negative(ctx, index, ref, own_impact))
    # The finding's own text, read when the item's is (see `LazyText`).
    pairs = [
        _item(
            index, "direct_conflict", f.source, f.target, f.severity, partial(getattr, f, "explanation"), True
        )
        for f in direct
    ]
    pairs += [
        _item(
            index, "latent_conflict", f.source, f.target, f.severity, partial(getattr, f, "explanation"), True
        )
        for f in latent
        if f.severity >= threshold
    ]
    # A recorded conflict the analysis already lists as a goal pair is not counted twice.
    listed = {cid for item in pairs for cid in item.conflicts}
    recorded = [_recorded(ctx, index, c) for c in ctx.assessment.conflicts if c.id not in listed]
    items += [p for p in pairs if p.kind == "direct_conflict"]
    items += recorded
    items += [p for p in pairs if p.kind == "latent_conflict"]
    return Coverage(items=tuple(items), threshold=threshold)


def _negative_text(ctx: Context, ref: str, impact: int) -> str:
    return t("analysis.issue_negative", ctx.lang, target=ctx.label(ref), b=signed(impact))


def _unaddressed_text(ctx: Context, item: CoverageItem) -> str:
    if item.kind == "negative_impact":
        return t("analysis.unaddressed_negative", ctx.lang, target=label(ctx, item.target))
    if item.kind == "recorded_conflict":
        return t("analysis.unaddressed_recorded", ctx.lang, id=item.target)
    kind = t(f"analysis.kind_{item.kind}", ctx.lang)
    return t(
        "analysis.unaddressed_conflict",
        ctx.lang,
        source=ctx.label(item.source),
        target=ctx.label(item.target),
        kind=kind[:1].upper() + kind[1:],
    )


def unaddressed_findings(ctx: Context, cov: Coverage) -> tuple[Finding, ...]:
    """The open coverage items as findings (for `Findings.unaddressed` and the CLI)."""
    found: list[Finding] = []
    source_text = t("analysis.source_coverage", ctx.lang)
    for item in cov.open_items:
        found.append(
            Finding(
                kind="unaddressed",
                source=item.source,
                target=item.target,
                severity=item.severity,
                explanation=partial(_unaddressed_text, ctx, item),
                source_text=source_text,
                origin="assessment_ratings",
                status="open",
                source_impact=ctx.impacts.get(item.source),
                target_impact=ctx.impacts.get(item.target),
            )
        )
    return tuple(found)


def coverage(
    assessment: Assessment,
    lang: str = "sv",
    threshold: float = LATENT_THRESHOLD,
    *,
    kb: InteractionBase | None = None,
) -> Coverage:
    """Issues needing handling and their status; ``.summary(lang)`` -> "7 av 9 hanterade"."""
    from assessment.analysis.graph import interaction_graph

    ctx = Context(assessment, interaction_graph(assessment, kb), normalise_lang(lang))
    return coverage_from(ctx, direct_conflicts(ctx), latent_conflicts(ctx), threshold)
