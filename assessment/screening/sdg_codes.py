"""SDG goal names and valid target codes for the screening, looked up once per process.

Names come from `sdg_data/goals.yaml` and codes from `sdg_data/targets.yaml` (the knowledge base
the rest of the library validates); screening only needs these two lookups, precomputed so the
per-row work is a dict/set lookup.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from assessment.i18n.text import LocalText

_DATA = Path(__file__).resolve().parents[2] / "sdg_data"


@lru_cache(maxsize=1)
def goal_titles() -> dict[int, LocalText]:
    data = yaml.safe_load((_DATA / "goals.yaml").read_text(encoding="utf-8"))
    return {int(g["number"]): LocalText(**g["title"]) for g in data["goals"]}


@lru_cache(maxsize=1)
def target_codes() -> frozenset[str]:
    data = yaml.safe_load((_DATA / "targets.yaml").read_text(encoding="utf-8"))
    return frozenset(str(t["code"]).lower() for t in data["targets"])


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
