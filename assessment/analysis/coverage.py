"""Which issues of an assessment are handled: every negative impact (SDG, RUS and other goals),
direct conflict, recorded conflict and latent conflict at or above a severity threshold, each with
status measure | position | open. The app's step 4, its summary, the PDF and the CLI all count this
one list."""

from __future__ import annotations

from collections.abc import Callable

from assessment.analysis.detect import Context, direct_conflicts, latent_conflicts
from assessment.analysis.model import Coverage, CoverageItem, Finding, IssueKind, Status
from assessment.analysis.refs import canonical_sdg, covers, signed
from assessment.domain import Assessment, Conflict, parse_ref
from assessment.domain.titles import rus_goal_title
from assessment.errors import UserError
from assessment.i18n import catalogue, normalise_lang, t
from assessment.knowledge.frameworks import frameworks
from assessment.knowledge.interactions import InteractionBase

LATENT_THRESHOLD = 1.0  # e.g. impact +3 on a −1 edge, +2 on −2, +1 on −3


def _refs_cover(recorded: list[str], ref: str) -> bool:
    for raw in recorded:
        canonical = canonical_sdg(raw)
        if canonical is not None and covers(canonical, ref):
            return True
    return False


def _same_ref(raw: str, ref: str) -> bool:
    return parse_ref(raw) == parse_ref(ref)


def _conflict_matches(conflict: Conflict, source: str | None, target: str) -> bool:
    """A recorded conflict is about this issue if it names the harmed goal (and, for a pair, the
    goal that does the harm as another member)."""
    refs = [r for r in (canonical_sdg(raw) for raw in conflict.between) if r is not None]
    if source is None:
        return any(covers(r, target) for r in refs)
    return any(
        covers(refs[i], target) and covers(refs[j], source)
        for i in range(len(refs))
        for j in range(len(refs))
        if i != j
    )


def _status(
    assessment: Assessment,
    about_conflict: Callable[[Conflict], bool],
    about_ref: Callable[[list[str]], bool],
) -> tuple[Status, tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """Measure if a measure addresses the issue (its ref or a recorded conflict about it);
    position if such a conflict has a position/decision or a recorded position refers to it."""
    conflicts = [c for c in assessment.conflicts if about_conflict(c)]
    conflict_ids = {c.id for c in conflicts}
    measures = tuple(
        m.id
        for m in assessment.measures
        if about_ref(m.addresses) or any(a.strip() in conflict_ids for a in m.addresses)
    )
    with_position = tuple(c.id for c in conflicts if c.position.strip() or c.decision.strip())
    positions = tuple(
        p.id
        for p in assessment.positions
        if p.text.strip() and (about_ref(p.refs) or any(r.strip() in conflict_ids for r in p.refs))
    )
    status: Status = "measure" if measures else "position" if with_position or positions else "open"
    return status, measures, tuple(sorted(conflict_ids)), (*with_position, *positions)


def _item(
    ctx: Context, kind: IssueKind, source: str, target: str, severity: float, explanation: str, pair: bool
) -> CoverageItem:
    harm_source = source if pair else None
    status, measures, conflicts, positions = _status(
        ctx.assessment,
        lambda c: _conflict_matches(c, harm_source, target),
        lambda refs: _refs_cover(refs, target),
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
    """A readable name for any ref an issue can be about (SDG, RUS goal, other goal, conflict)."""
    canonical = canonical_sdg(ref)
    if canonical is not None:
        return ctx.label(canonical)
    parsed = parse_ref(ref)
    if parsed.kind == "rus":
        title = rus_goal_title(parsed.code, ctx.lang)
        return t("analysis.rus_label", ctx.lang, code=title or parsed.code)
    if parsed.kind == "other":
        framework_id, _, goal_id = parsed.code.partition(":")
        try:
            known = frameworks().get(framework_id)
        except UserError:
            known = None
        goal = known.goals.get(goal_id) if known is not None else None
        if known is not None and goal is not None:
            # A short, natural prefix ("miljökvalitetsmålet X") where the catalogue has one.
            key = f"analysis.framework_goal_{framework_id}"
            if key in catalogue():
                return t(key, ctx.lang, title=goal.title.get(ctx.lang))
            return f"{known.title.get(ctx.lang)}: {goal.title.get(ctx.lang)}"
        return f"{framework_id}: {goal_id}"
    return parsed.code


def _own_negative(ctx: Context, ref: str, impact: int) -> CoverageItem:
    """A negative RUS or other-goal rating: handled through its own ref or a conflict naming it."""
    status, measures, conflicts, positions = _status(
        ctx.assessment,
        lambda c: any(_same_ref(raw, ref) for raw in c.between),
        lambda refs: any(_same_ref(raw, ref) for raw in refs),
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


def _recorded(ctx: Context, conflict: Conflict) -> CoverageItem:
    """A conflict the group recorded; a position or decision on it counts as position-addressed."""
    status, measures, conflicts, positions = _status(
        ctx.assessment,
        lambda c: c.id == conflict.id,
        lambda refs: any(raw.strip() == conflict.id for raw in refs),
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
    items: list[CoverageItem] = []
    for ref, impact in ctx.negatives():
        text = t("analysis.issue_negative", ctx.lang, target=ctx.label(ref), b=signed(impact))
        items.append(_item(ctx, "negative_impact", ref, ref, float(-impact), text, pair=False))
    own = [(r.ref, r.impact) for r in ctx.assessment.rus]
    own += [(r.ref, r.impact) for r in ctx.assessment.other_goals]
    seen: set[str] = set()
    for ref, own_impact in own:
        if own_impact is not None and own_impact < 0 and str(parse_ref(ref)) not in seen:
            seen.add(str(parse_ref(ref)))
            items.append(_own_negative(ctx, ref, own_impact))
    pairs = [
        _item(ctx, "direct_conflict", f.source, f.target, f.severity, f.explanation, True) for f in direct
    ]
    pairs += [
        _item(ctx, "latent_conflict", f.source, f.target, f.severity, f.explanation, True)
        for f in latent
        if f.severity >= threshold
    ]
    # A recorded conflict the analysis already lists as a goal pair is not counted twice.
    listed = {cid for item in pairs for cid in item.conflicts}
    recorded = [_recorded(ctx, c) for c in ctx.assessment.conflicts if c.id not in listed]
    items += [p for p in pairs if p.kind == "direct_conflict"]
    items += recorded
    items += [p for p in pairs if p.kind == "latent_conflict"]
    return Coverage(items=tuple(items), threshold=threshold)


def unaddressed_findings(ctx: Context, cov: Coverage) -> tuple[Finding, ...]:
    """The open coverage items as findings (for `Findings.unaddressed` and the CLI)."""
    found: list[Finding] = []
    for item in cov.open_items:
        if item.kind == "negative_impact":
            text = t("analysis.unaddressed_negative", ctx.lang, target=label(ctx, item.target))
        elif item.kind == "recorded_conflict":
            text = t("analysis.unaddressed_recorded", ctx.lang, id=item.target)
        else:
            kind = t(f"analysis.kind_{item.kind}", ctx.lang)
            text = t(
                "analysis.unaddressed_conflict",
                ctx.lang,
                source=ctx.label(item.source),
                target=ctx.label(item.target),
                kind=kind[:1].upper() + kind[1:],
            )
        found.append(
            Finding(
                kind="unaddressed",
                source=item.source,
                target=item.target,
                severity=item.severity,
                explanation=text,
                source_text=t("analysis.source_coverage", ctx.lang),
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
