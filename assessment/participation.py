"""Who is in the room: the state of each group of the "Vem saknas?" checklist.

Three states per group, so the list never contradicts the actor table:

- ``present``: an actor taking part (``present: true``) belongs to the group (its ``groups`` tags);
  derived from the actor table, never typed twice;
- ``missing``: concerned but not here, should be invited (stored as a ticked item, as before);
- ``not_relevant``: the group is not concerned (stored as an answered, unticked item).

``None`` means nobody has said yet: only those are open questions.
"""

from __future__ import annotations

from typing import Literal

from assessment.domain.assessment import Assessment, ChecklistAnswer

CHECKLIST = "missing_actors"
GroupState = Literal["present", "missing", "not_relevant"]


def present_actors(assessment: Assessment, group_id: str) -> list[str]:
    """Names of the actors taking part who belong to ``group_id``."""
    return [a.name for a in assessment.actors if a.present and group_id in a.groups]


def group_state(assessment: Assessment, group_id: str) -> GroupState | None:
    answer = assessment.checklists.get(CHECKLIST, {}).get(group_id)
    if answer is not None and answer.checked:
        return "missing"
    if present_actors(assessment, group_id):
        return "present"
    if answer is not None:
        return "not_relevant"
    return None


def set_group_state(assessment: Assessment, group_id: str, state: GroupState | None) -> None:
    """Record a choice. ``present`` only clears a "missing" mark: presence comes from the actors."""
    answers = assessment.checklists.setdefault(CHECKLIST, {})
    entry = answers.get(group_id)
    if state == "missing":
        answers.setdefault(group_id, ChecklistAnswer()).checked = True
    elif state == "not_relevant":
        answers.setdefault(group_id, ChecklistAnswer()).checked = False
    elif entry is not None:
        entry.checked = False
        if state is None and not entry.comment.strip():
            del answers[group_id]  # back to "not answered"
        elif state == "present" and not entry.comment.strip():
            del answers[group_id]


def unanswered(assessment: Assessment, group_ids: list[str]) -> list[str]:
    """The groups nobody has placed yet (the open questions)."""
    return [g for g in group_ids if group_state(assessment, g) is None]


def rename_actor(assessment: Assessment, old: str, new: str) -> None:
    """Rename an actor and every reference to it (``actor:<name>`` in conflicts and positions), so
    a recorded conflict between actors still names them after the rename."""
    old_ref, new_ref = f"actor:{old}", f"actor:{new.strip()}"
    for actor in assessment.actors:
        if actor.name == old:
            actor.name = new.strip()
    for conflict in assessment.conflicts:
        conflict.between = [new_ref if ref == old_ref else ref for ref in conflict.between]
    for position in assessment.positions:
        position.refs = [new_ref if ref == old_ref else ref for ref in position.refs]


def remove_actor(assessment: Assessment, name: str) -> None:
    """Remove an actor (references to it stay, and validation reports them as drift to fix)."""
    assessment.actors = [a for a in assessment.actors if a.name != name]
