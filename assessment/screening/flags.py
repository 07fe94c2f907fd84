"""Screening flags: what the case officer should look at, each with a plain-language reason.

A flag carries its reason already rendered in both languages: the same flag (e.g. "question X
unanswered") recurs in thousands of applications, so factories build each distinct flag once.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from assessment.i18n import LANGUAGES, t
from assessment.i18n.text import LocalText

FlagCode = Literal[
    "no_claims",
    "required_goals_missing",
    "dimension_missing",
    "question_unanswered",
    "claim_undescribed",
    "only_positive",
    "latent_conflict",
]
FLAG_CODES: tuple[FlagCode, ...] = (
    "no_claims",
    "required_goals_missing",
    "dimension_missing",
    "question_unanswered",
    "claim_undescribed",
    "only_positive",
    "latent_conflict",
)
Severity = Literal["high", "medium", "low"]


@dataclass(frozen=True, slots=True)
class Flag:
    code: FlagCode
    severity: Severity
    text: LocalText

    def reason(self, lang: str) -> str:
        return self.text.get(lang)

    def label(self, lang: str) -> str:
        return flag_label(self.code, lang)


@lru_cache(maxsize=64)
def flag_label(code: str, lang: str) -> str:
    return t(f"screening.flag_label_{code}", lang)


def make_flag(code: FlagCode, severity: Severity, params: Mapping[str, object]) -> Flag:
    """Render the reason in both languages; params may be LocalText (goal names, questions)."""
    texts = {}
    for lang in LANGUAGES:
        resolved = {k: (v.get(lang) if isinstance(v, LocalText) else v) for k, v in params.items()}
        texts[lang] = t(f"screening.flag_{code}", lang, **resolved)
    return Flag(code, severity, LocalText(**texts))
