"""Readable names for references (``sdg:8``, ``7.2``, ``rus:p1``, ``actor:…``, conflict ids)."""

from __future__ import annotations

from assessment.domain import Assessment, refs
from assessment.ui import state


def ref_label(raw: str, assessment: Assessment | None = None, *, titled: bool = True) -> str:
    """`assessment.domain.refs.ref_label` in the session language; conflict ids of ``assessment``
    are named with their description."""
    items = {c.id: c.description for c in assessment.conflicts} if assessment is not None else None
    return refs.ref_label(raw, state.lang(), titled=titled, items=items)


def rated_refs(assessment: Assessment) -> list[str]:
    """Every goal the assessment has rated, in step order (the things conflicts can be between)."""
    refs = [f"rus:{r.goal}" for r in assessment.rus if r.impact is not None]
    refs += [r.ref for r in assessment.sdg if r.impact is not None]
    refs += [o.ref for o in assessment.other_goals if o.impact is not None]
    return refs


def all_refs(assessment: Assessment) -> list[str]:
    """Rated goals, actors and conflicts: what positions and measures can refer to."""
    refs = rated_refs(assessment)
    refs += [a.ref for a in assessment.actors]
    refs += [c.id for c in assessment.conflicts]
    return list(dict.fromkeys(refs))
