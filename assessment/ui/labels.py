"""Readable names for references (``sdg:8``, ``7.2``, ``rus:p1``, ``actor:…``, conflict ids)."""

from __future__ import annotations

from assessment.domain import Assessment, parse_ref
from assessment.process_models import rus_model
from assessment.ui import knowledge, state


def ref_label(raw: str, assessment: Assessment | None = None) -> str:
    lang = state.lang()
    ref = parse_ref(raw)
    if ref.kind == "sdg":
        title = knowledge.goal_title(int(ref.code), lang)
        return f"SDG {ref.code} · {title}" if title else f"SDG {ref.code}"
    if ref.kind == "target":
        title = knowledge.target_short(ref.code, lang)
        return f"{ref.code} · {_clip(title)}" if title else ref.code
    if ref.kind == "rus":
        goal = rus_model().rus_goal(ref.code)
        return f"RUS · {goal.title.get(lang)}" if goal else f"RUS · {ref.code}"
    if ref.kind == "actor":
        return f"{state.tr('actor')} · {ref.code}"
    if ref.kind == "other":
        framework_id, _, goal_id = ref.code.partition(":")
        return knowledge.other_goal_label(framework_id, goal_id, lang)
    if assessment is not None:
        conflict = next((c for c in assessment.conflicts if c.id == ref.code), None)
        if conflict is not None:
            return f"{state.tr('conflict')} {conflict.id} · {_clip(conflict.description)}"
    return ref.code


def _clip(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


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
