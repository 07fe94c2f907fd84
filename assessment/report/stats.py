"""Key figures of an assessment for the cover and the summary page."""

from __future__ import annotations

from dataclasses import dataclass

from assessment.domain.assessment import Assessment
from assessment.domain.refs import parse_ref
from assessment.report.charts import GoalBar
from assessment.report.context import ReportContext


def _norm(raw: str) -> str:
    return str(parse_ref(raw))


@dataclass(frozen=True)
class KeyFigures:
    rus_rated: int
    rus_positive: int
    rus_negative: int
    sdg_rated: int
    sdg_positive: int
    sdg_negative: int
    goals_touched: int
    conflicts: int
    conflicts_decided: int
    latent: int
    synergies: int
    unaddressed: int
    measures: int
    negatives: int
    negatives_covered: int
    missing_groups: int

    @property
    def coverage_percent(self) -> int | None:
        if not self.negatives:
            return None
        return round(100 * self.negatives_covered / self.negatives)


def negative_refs(assessment: Assessment) -> list[str]:
    """What a measure should address: negative ratings and the goal conflicts (normalised refs)."""
    refs = [r.ref for r in assessment.rus if (r.impact or 0) < 0]
    refs += [r.ref for r in assessment.sdg if (r.impact or 0) < 0]
    refs += [r.ref for r in assessment.other_goals if (r.impact or 0) < 0]
    refs += [c.id for c in assessment.conflicts]
    return [_norm(r) for r in refs]


def addressed_refs(assessment: Assessment) -> set[str]:
    return {_norm(ref) for m in assessment.measures for ref in m.addresses}


def missing_group_ids(assessment: Assessment) -> list[str]:
    """Ticked items of the "who is missing?" checklist (a tick means: concerned but absent)."""
    answers = assessment.checklists.get("missing_actors", {})
    return [item for item, answer in answers.items() if answer.checked]


def key_figures(ctx: ReportContext) -> KeyFigures:
    a = ctx.assessment
    findings = ctx.findings
    negatives = negative_refs(a)
    addressed = addressed_refs(a)
    covered = [ref for ref in negatives if ref in addressed]
    goals = {r.goal_number for r in a.sdg if r.impact}
    unaddressed = len(findings.unaddressed) if findings is not None else len(negatives) - len(covered)
    # The analysis' coverage (measure or position, incl. latent conflicts) is what the app shows;
    # without it, count negative ratings and recorded conflicts that some measure addresses.
    if findings is not None:
        total, addressed_count = findings.coverage_total, findings.coverage_addressed
    else:
        total, addressed_count = len(negatives), len(covered)
    return KeyFigures(
        rus_rated=sum(1 for r in a.rus if r.impact is not None),
        rus_positive=sum(1 for r in a.rus if (r.impact or 0) > 0),
        rus_negative=sum(1 for r in a.rus if (r.impact or 0) < 0),
        sdg_rated=sum(1 for r in a.sdg if r.impact is not None),
        sdg_positive=sum(1 for r in a.sdg if (r.impact or 0) > 0),
        sdg_negative=sum(1 for r in a.sdg if (r.impact or 0) < 0),
        goals_touched=len(goals),
        conflicts=len(a.conflicts),
        conflicts_decided=sum(1 for c in a.conflicts if c.decision.strip() or c.position.strip()),
        latent=len(findings.latent) if findings else 0,
        synergies=len(findings.synergies) if findings else 0,
        unaddressed=unaddressed,
        measures=len(a.measures),
        negatives=total,
        negatives_covered=addressed_count,
        missing_groups=len(missing_group_ids(a)),
    )


def goal_bars(ctx: ReportContext) -> list[GoalBar]:
    """Per goal: the strongest positive and negative rating of the goal or any of its targets."""
    bars: list[GoalBar] = []
    for number in range(1, 18):
        ratings = [r for r in ctx.assessment.sdg if r.goal_number == number and r.impact]
        direct = [r.impact or 0 for r in ratings if r.direct]
        indirect = [r.impact or 0 for r in ratings if not r.direct]
        bars.append(
            GoalBar(
                number=number,
                title=ctx.goal_title(number) or f"{ctx.t('sdg_short')} {number}",
                colour=ctx.goal_colour(number),
                direct_pos=max([0, *direct]),
                direct_neg=min([0, *direct]),
                indirect_pos=max([0, *indirect]),
                indirect_neg=min([0, *indirect]),
            )
        )
    return bars
