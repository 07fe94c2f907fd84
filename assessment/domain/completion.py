"""How far each workshop step has come, computed from the assessment (never stored separately).

These are the model's completeness rules (e.g. step 2 is done with at least three SDGs rated, step
3 with three actors and the "who is missing?" checklist ticked; the model's optional parts, the
checkpoint and the overall judgement, never hold a step back), so the app's sidebar, the summary
page, the CLI and reports all count a step as done the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from assessment.domain.assessment import Assessment
from assessment.process_models import rus_model

Status = Literal["done", "partial", "open"]


def _rus(a: Assessment) -> Status:
    """Step 1 is complete once goals are rated and, where the model's checkpoint is not optional,
    the group has decided at it."""
    model = rus_model()
    known = {g.id for g in model.rus_goals}
    rated = {r.goal for r in a.rus if r.impact is not None and r.goal in known}
    if rated and (a.checkpoint.decision or model.checkpoint.optional):
        return "done"
    return "partial" if rated or a.positions or a.checkpoint.answers else "open"


def _sdg(a: Assessment) -> Status:
    rated = [r for r in a.sdg if r.impact is not None]
    if len({r.goal_number for r in rated}) >= 3:
        return "done"
    return "partial" if rated or a.other_goals else "open"


def _actors(a: Assessment) -> Status:
    if not a.actors:
        return "open"
    missing = a.checklists.get("missing_actors", {})
    return "done" if len(a.actors) >= 3 and any(c.checked for c in missing.values()) else "partial"


def _measures(a: Assessment) -> Status:
    if not a.measures:
        return "open"
    linked = all(m.addresses for m in a.measures)
    return "done" if linked else "partial"


def _conflicts(a: Assessment) -> Status:
    if not a.conflicts:
        return "open"
    decided = all(c.decision or c.position for c in a.conflicts)
    return "done" if decided else "partial"


def _summary(a: Assessment) -> Status:
    """The closing step: a verdict with its reasoning. Where the model makes the overall judgement
    optional (the region's simplified Kronoberg model), an untouched judgement does not hold the
    step back: it is done once the steps before it are, and follows them until then. A judgement
    that was begun and left half-written stays partial either way."""
    judgement = a.judgement
    if judgement.verdict and judgement.text.strip():
        return "done"
    if judgement.verdict or judgement.text.strip():
        return "partial"
    if not rus_model().judgement.optional:
        return "open"
    before = {check(a) for step, check in _CHECKS.items() if step != "summary"}
    if before == {"done"}:
        return "done"
    return "open" if before == {"open"} else "partial"


_CHECKS: dict[str, Callable[[Assessment], Status]] = {
    "rus": _rus,
    "sdg": _sdg,
    "actors": _actors,
    "measures": _measures,
    "conflicts": _conflicts,
    "summary": _summary,
}


STEPS = tuple(_CHECKS)


def step_status(step_id: str, assessment: Assessment | None) -> Status | None:
    """Progress of a workshop step, or None for anything that is not a step."""
    check = _CHECKS.get(step_id)
    if check is None or assessment is None:
        return None
    return check(assessment)
