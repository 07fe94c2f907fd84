"""The app's view of the SDG catalogue and the other goal frameworks (`assessment.knowledge`)."""

from __future__ import annotations

import re

from assessment.knowledge.frameworks import frameworks
from assessment.knowledge.sdg import sdg_catalog

_HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")
# UN goal colours, used if a catalogue entry's colour is not a plain hex code (it ends up in CSS).
_UN_COLOURS = (
    "#E5243B", "#DDA63A", "#4C9F38", "#C5192D", "#FF3A21", "#26BDE2", "#FCC30B", "#A21942",
    "#FD6925", "#DD1367", "#FD9D24", "#BF8B2E", "#3F7E44", "#0A97D9", "#56C02B", "#00689D",
    "#19486A",
)


def goal_numbers() -> list[int]:
    return sorted(int(n) for n in sdg_catalog().goals)


def goal_title(number: int, lang: str) -> str:
    goal = sdg_catalog().goals.get(number)
    return goal.title.get(lang) if goal is not None else ""


def goal_long_title(number: int, lang: str) -> str:
    goal = sdg_catalog().goals.get(number)
    if goal is None:
        return ""
    long_title = getattr(goal, "long_title", None)
    return long_title.get(lang) if long_title is not None else goal.title.get(lang)


def goal_colour(number: int) -> str:
    goal = sdg_catalog().goals.get(number)
    colour = str(getattr(goal, "colour", "")) if goal is not None else ""
    return colour if _HEX.match(colour) else _UN_COLOURS[(number - 1) % len(_UN_COLOURS)]


def targets_of(number: int) -> list[str]:
    return [code for code in sdg_catalog().targets if code.split(".")[0] == str(number)]


def target_title(code: str, lang: str) -> str:
    target = sdg_catalog().targets.get(code)
    return target.title.get(lang) if target is not None else ""


def target_short(code: str, lang: str) -> str:
    """The target's short title where the catalogue has one, else its full title."""
    target = sdg_catalog().targets.get(code)
    if target is None:
        return ""
    short = getattr(target, "short_title", None)
    return short.get(lang) if short is not None else target.title.get(lang)


def framework_ids() -> list[str]:
    return list(frameworks())


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


def other_goal_label(framework_id: str, goal_id: str, lang: str) -> str:
    return f"{other_goal_title(framework_id, goal_id, lang)} ({framework_title(framework_id, lang)})"
