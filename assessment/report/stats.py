"""Key figures of an assessment for the cover and the summary page."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from assessment.domain.assessment import Assessment
from assessment.domain.refs import parse_ref
from assessment.report.charts import GoalBar
from assessment.report.context import ReportContext

if TYPE_CHECKING:
    from assessment.analysis.tally import ConflictTally


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
    synergies: int
    measures: int
    missing_groups: int
    # Conflicts and issues: the analysis' tally, printed with its own sentences (as in the app/CLI).
    tally: ConflictTally


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


def fallback_tally(assessment: Assessment) -> ConflictTally:
    """Without the analysis (its knowledge base failed to load): the recorded conflicts, and the
    negative ratings and recorded conflicts that some measure addresses, marked not analysed."""
    from assessment.analysis.tally import ConflictTally

    negatives = negative_refs(assessment)
    addressed = addressed_refs(assessment)
    return ConflictTally(
        direct=0,
        recorded=len(assessment.conflicts),
        decided=sum(1 for c in assessment.conflicts if c.handled),
        latent=0,
        issues=len(negatives),
        addressed=sum(1 for ref in negatives if ref in addressed),
        analysed=False,
    )


def key_figures(ctx: ReportContext) -> KeyFigures:
    a = ctx.assessment
    findings = ctx.findings
    goals = {r.goal_number for r in a.sdg if r.impact}
    tally = findings.tally if findings is not None and findings.tally is not None else None
    return KeyFigures(
        rus_rated=sum(1 for r in a.rus if r.impact is not None),
        rus_positive=sum(1 for r in a.rus if (r.impact or 0) > 0),
        rus_negative=sum(1 for r in a.rus if (r.impact or 0) < 0),
        sdg_rated=sum(1 for r in a.sdg if r.impact is not None),
        sdg_positive=sum(1 for r in a.sdg if (r.impact or 0) > 0),
        sdg_negative=sum(1 for r in a.sdg if (r.impact or 0) < 0),
        goals_touched=len(goals),
        synergies=len(findings.synergies) if findings else 0,
        measures=len(a.measures),
        missing_groups=len(missing_group_ids(a)),
        tally=tally if tally is not None else fallback_tally(a),
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
