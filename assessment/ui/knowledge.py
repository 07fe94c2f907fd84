"""The app's view of the SDG catalogue and the other goal frameworks (`assessment.knowledge`)."""

from __future__ import annotations

from assessment.knowledge.frameworks import frameworks
from assessment.knowledge.sdg import sdg_catalog

# For a number that is no goal; catalogue colours are validated as #RRGGBB on load, which is what
# lets the tile CSS be built from them without any user text.
_NEUTRAL = "#6B7280"


def goal_numbers() -> list[int]:
    return sorted(int(n) for n in sdg_catalog().goals)


def goal_title(number: int, lang: str) -> str:
    goal = sdg_catalog().goals.get(number)
    return goal.title.get(lang) if goal is not None else ""


def goal_long_title(number: int, lang: str) -> str:
    goal = sdg_catalog().goals.get(number)
    return goal.long_title.get(lang) if goal is not None else ""


def goal_colour(number: int) -> str:
    goal = sdg_catalog().goals.get(number)
    return goal.colour if goal is not None else _NEUTRAL


def targets_of(number: int) -> list[str]:
    return [t.code for t in sdg_catalog().targets_of(number)]


def target_title(code: str, lang: str) -> str:
    target = sdg_catalog().targets.get(code)
    return target.title.get(lang) if target is not None else ""


def target_short(code: str, lang: str) -> str:
    """The target's short title where the catalogue has one, else its full title."""
    target = sdg_catalog().targets.get(code)
    if target is None:
        return ""
    short = target.short_title
    return short.get(lang) if short is not None else target.title.get(lang)


def framework_ids() -> list[str]:
    """Frameworks whose goals are rated −3..+3 (a screening such as DNSH has its own tab)."""
    return [f.id for f in frameworks().values() if f.kind == "rating"]


def framework_title(framework_id: str, lang: str) -> str:
    framework = frameworks().get(framework_id)
    return framework.title.get(lang) if framework is not None else framework_id


def framework_goals(framework_id: str) -> list[str]:
    framework = frameworks().get(framework_id)
    return list(framework.goals) if framework is not None else []


def other_goal_title(framework_id: str, goal_id: str, lang: str) -> str:
    framework = frameworks().get(framework_id)
    goal = framework.goals.get(goal_id) if framework is not None else None
    return goal.title.get(lang) if goal is not None else goal_id
