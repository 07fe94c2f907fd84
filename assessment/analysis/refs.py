"""Coverage of SDG refs as the analysis sees it: whether something recorded about one ref speaks
to another. Parsing, canonical spelling, order and labels are `assessment.domain.refs`."""

from __future__ import annotations

from collections.abc import Iterable

from assessment.domain.refs import goal_number, is_goal


def covers(recorded: str, ref: str) -> bool:
    """Whether something recorded about ``recorded`` speaks to ``ref`` (both canonical SDG refs).

    Equal refs cover each other, and a goal and any of its targets cover each other (a measure for
    target 15.5 speaks to a warning about goal 15, and vice versa); two different targets do not.
    """
    if recorded == ref:
        return True
    if goal_number(recorded) != goal_number(ref):
        return False
    return is_goal(recorded) or is_goal(ref)


class CoverSet:
    """A set of refs answering "does any member `covers` this ref?" in constant time."""

    def __init__(self, refs: Iterable[str]) -> None:
        self.refs = set(refs)
        self._whole_goals = {goal_number(r) for r in self.refs if is_goal(r)}
        self._goals_of_targets = {goal_number(r) for r in self.refs if not is_goal(r)}

    def covers(self, ref: str) -> bool:
        if ref in self.refs:
            return True
        if is_goal(ref):
            return goal_number(ref) in self._goals_of_targets
        return goal_number(ref) in self._whole_goals
