"""SDG goal names and valid target codes for the screening, precomputed from the knowledge base
(`assessment.knowledge.sdg_catalog`) so the per-row work is a dict/set lookup.
"""

from __future__ import annotations

from functools import lru_cache

from assessment.i18n.text import LocalText
from assessment.knowledge import sdg_catalog


@lru_cache(maxsize=1)
def goal_titles() -> dict[int, LocalText]:
    return {number: goal.title for number, goal in sdg_catalog().goals.items()}


@lru_cache(maxsize=1)
def target_titles() -> dict[str, LocalText]:
    return {
        code.lower(): target.short_title or target.title for code, target in sdg_catalog().targets.items()
    }


@lru_cache(maxsize=1)
def target_codes() -> frozenset[str]:
    return frozenset(code.lower() for code in sdg_catalog().targets)


def goal_label(goal: int, lang: str) -> str:
    """``"mål 9 (Hållbar industri, …)"`` / ``"SDG 9 (Industry, …)"``."""
    title = goal_titles().get(goal)
    prefix = "SDG" if lang == "en" else "mål"
    return f"{prefix} {goal} ({title.get(lang)})" if title else f"{prefix} {goal}"


def ref_label(ref: str, lang: str) -> str:
    """A goal ref (``sdg:9``) or target code (``7.2``) with its name: ``delmål 7.2 (Öka …)``."""
    if ref.startswith("sdg:"):
        return goal_label(int(ref[4:]), lang)
    prefix = "target" if lang == "en" else "delmål"
    title = target_titles().get(ref.lower())
    return f"{prefix} {ref} ({title.get(lang)})" if title else f"{prefix} {ref}"


def ref_code(ref: str, lang: str) -> str:
    """A ref without its name: ``mål 9`` / ``SDG 9``, ``delmål 7.2`` / ``target 7.2``."""
    if ref.startswith("sdg:"):
        return f"{'SDG' if lang == 'en' else 'mål'} {ref[4:]}"
    return f"{'target' if lang == 'en' else 'delmål'} {ref}"
