"""Screening flags: what the case officer should look at, each with a plain-language reason."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from assessment.i18n import t
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
    # Values may be LocalText (goal names, question texts); they are resolved per language.
    params: Mapping[str, object]

    def reason(self, lang: str) -> str:
        params = {k: (v.get(lang) if isinstance(v, LocalText) else v) for k, v in self.params.items()}
        return t(f"screening.flag_{self.code}", lang, **params)

    def label(self, lang: str) -> str:
        return t(f"screening.flag_label_{self.code}", lang)
