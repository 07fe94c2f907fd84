"""SDG references as the analysis sees them: canonical form, goal number, coverage, labels."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from assessment.domain.refs import parse_ref
from assessment.domain.refs import signed as signed  # re-exported: one sign format for the whole tool
from assessment.errors import UnknownCode
from assessment.i18n import t


@lru_cache(maxsize=4096)
def canonical_sdg(raw: str | int) -> str | None:
    """``"sdg:13"`` / ``"7.2"`` for an existing SDG goal or target, else None (RUS refs, ids…)."""
    ref = parse_ref(raw)
    if ref.kind not in ("sdg", "target"):
        return None
    from assessment.knowledge.sdg import sdg_catalog

    try:
        return sdg_catalog().canonical(str(ref))
    except UnknownCode:
        return None


@lru_cache(maxsize=4096)
def goal_number(ref: str) -> int:
    """The goal a canonical ref belongs to: ``"sdg:7"`` -> 7, ``"7.2"`` -> 7."""
    return int(ref.removeprefix("sdg:").split(".")[0])


def goal_ref(ref: str) -> str:
    return f"sdg:{goal_number(ref)}"


def is_goal(ref: str) -> bool:
    return ref.startswith("sdg:")


def covers(recorded: str, ref: str) -> bool:
    """Whether something recorded about ``recorded`` speaks to ``ref``.

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


@lru_cache(maxsize=4096)
def sort_key(ref: str) -> tuple[int, int, str]:
    """SDG order: goal 7 before its targets 7.1, 7.2 … 7.10, 7.a."""
    if is_goal(ref):
        return (goal_number(ref), -1, "")
    minor = ref.split(".")[1]
    return (goal_number(ref), int(minor) if minor.isdigit() else 100, minor)


@lru_cache(maxsize=4096)
def ref_label(ref: str, lang: str) -> str:
    """A short human label: "mål 13 Bekämpa klimatförändringarna", "delmål 7.2 (Öka andelen
    förnybar energi)"."""
    from assessment.knowledge.sdg import sdg_catalog

    if is_goal(ref):
        number = goal_number(ref)
        title = sdg_catalog().goals[number].title.get(lang)
        return t("analysis.goal_label", lang, number=number, title=title)
    catalog = sdg_catalog()
    target = catalog.targets.get(ref)
    title = target.label(lang) if target is not None else ref
    if title == ref:  # no short label: name the goal instead
        title = catalog.goals[goal_number(ref)].title.get(lang)
    return t("analysis.target_label", lang, code=ref, title=title)
