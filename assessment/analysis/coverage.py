"""Which issues of an assessment are handled: every negative impact, direct conflict and latent
conflict at or above a severity threshold, each with status measure | position | open."""

from __future__ import annotations

from assessment.analysis.detect import Context, direct_conflicts, latent_conflicts
from assessment.analysis.model import Coverage, CoverageItem, Finding, IssueKind, Status
from assessment.analysis.refs import canonical_sdg, covers, signed
from assessment.domain import Assessment, Conflict
from assessment.i18n import normalise_lang, t
from assessment.knowledge.interactions import InteractionBase

LATENT_THRESHOLD = 1.0  # e.g. impact +3 on a −1 edge, +2 on −2, +1 on −3


def _refs_cover(recorded: list[str], ref: str) -> bool:
    for raw in recorded:
        canonical = canonical_sdg(raw)
        if canonical is not None and covers(canonical, ref):
            return True
    return False


def _conflict_matches(conflict: Conflict, source: str | None, target: str) -> bool:
    """A recorded conflict is about this issue if it names the harmed goal (and, for a pair, the
    goal that does the harm as another member)."""
    refs = [r for r in (canonical_sdg(raw) for raw in conflict.between) if r is not None]
    if source is None:
        return any(covers(r, target) for r in refs)
    return any(covers(refs[i], target) and covers(refs[j], source)
               for i in range(len(refs)) for j in range(len(refs)) if i != j)


def _status(assessment: Assessment, source: str | None, target: str,
            ) -> tuple[Status, tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    conflicts = [c for c in assessment.conflicts if _conflict_matches(c, source, target)]
    conflict_ids = {c.id for c in conflicts}
    measures = tuple(m.id for m in assessment.measures
                     if _refs_cover(m.addresses, target)
                     or any(a.strip() in conflict_ids for a in m.addresses))
    with_position = tuple(c.id for c in conflicts if c.position.strip() or c.decision.strip())
    positions = tuple(p.id for p in assessment.positions if p.text.strip() and (
        _refs_cover(p.refs, target) or any(r.strip() in conflict_ids for r in p.refs)))
    status: Status = ("measure" if measures else
                      "position" if with_position or positions else "open")
    return status, measures, tuple(sorted(conflict_ids)), (*with_position, *positions)


def _item(ctx: Context, kind: IssueKind, source: str, target: str, severity: float,
          explanation: str, pair: bool) -> CoverageItem:
    status, measures, conflicts, positions = _status(ctx.assessment, source if pair else None,
                                                     target)
    return CoverageItem(kind=kind, source=source, target=target, severity=severity,
                        status=status, explanation=explanation, measures=measures,
                        conflicts=conflicts, positions=positions)


def coverage_from(ctx: Context, direct: tuple[Finding, ...], latent: tuple[Finding, ...],
                  threshold: float = LATENT_THRESHOLD) -> Coverage:
    items: list[CoverageItem] = []
    for ref, impact in ctx.negatives():
        text = t("analysis.issue_negative", ctx.lang, target=ctx.label(ref), b=signed(impact))
        items.append(_item(ctx, "negative_impact", ref, ref, float(-impact), text, pair=False))
    for finding in direct:
        items.append(_item(ctx, "direct_conflict", finding.source, finding.target,
                           finding.severity, finding.explanation, pair=True))
    for finding in latent:
        if finding.severity >= threshold:
            items.append(_item(ctx, "latent_conflict", finding.source, finding.target,
                               finding.severity, finding.explanation, pair=True))
    return Coverage(items=tuple(items), threshold=threshold)


def unaddressed_findings(ctx: Context, cov: Coverage) -> tuple[Finding, ...]:
    """The open coverage items as findings (for `Findings.unaddressed` and the CLI)."""
    found: list[Finding] = []
    for item in cov.open_items:
        if item.kind == "negative_impact":
            text = t("analysis.unaddressed_negative", ctx.lang, target=ctx.label(item.target))
        else:
            kind = t(f"analysis.kind_{item.kind}", ctx.lang)
            text = t("analysis.unaddressed_conflict", ctx.lang, source=ctx.label(item.source),
                     target=ctx.label(item.target), kind=kind[:1].upper() + kind[1:])
        found.append(Finding(
            kind="unaddressed", source=item.source, target=item.target, severity=item.severity,
            explanation=text, source_text=t("analysis.source_coverage", ctx.lang),
            origin="assessment_ratings", status="open",
            source_impact=ctx.impacts.get(item.source), target_impact=ctx.impacts.get(item.target)))
    return tuple(found)


def coverage(assessment: Assessment, lang: str = "sv", threshold: float = LATENT_THRESHOLD,
             *, kb: InteractionBase | None = None) -> Coverage:
    """Issues needing handling and their status; ``.summary(lang)`` -> "7 av 9 hanterade"."""
    from assessment.analysis.graph import interaction_graph

    ctx = Context(assessment, interaction_graph(assessment, kb), normalise_lang(lang))
    return coverage_from(ctx, direct_conflicts(ctx), latent_conflicts(ctx), threshold)
