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
def target_codes() -> frozenset[str]:
    return frozenset(code.lower() for code in sdg_catalog().targets)


def goal_label(goal: int, lang: str) -> str:
    """``"mål 9 (Hållbar industri, …)"`` / ``"SDG 9 (Industry, …)"``."""
    title = goal_titles().get(goal)
    prefix = "SDG" if lang == "en" else "mål"
    return f"{prefix} {goal} ({title.get(lang)})" if title else f"{prefix} {goal}"


def ref_label(ref: str, lang: str) -> str:
    """A goal ref (``sdg:9``) or target code (``7.2``) as readable text."""
    if ref.startswith("sdg:"):
        return goal_label(int(ref[4:]), lang)
    return f"{'target' if lang == 'en' else 'delmål'} {ref}"
