"""Screening flags and hints, each with a plain-language reason in both languages.

A *flag* is a requirement of the call the application does not meet (a required goal missing or
harmed, a dimension not described, an unanswered question, an unmotivated claim, only positive
impacts, a declared goal conflict, claims that cannot be read). A *hint* is something to
consider that the interaction engine suggests (a latent goal conflict): it is never a flag, does
not count in "with flags", and the officer can dismiss it with a reason.

Reasons are rendered once per distinct flag: the same flag recurs in thousands of applications.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal, get_args

from assessment.errors import Problem
from assessment.i18n import LANGUAGES, t
from assessment.i18n.text import LocalText

FlagCode = Literal[
    "no_claims",
    "claims_unreadable",
    "required_goals_missing",
    "required_goal_harmed",
    "direct_conflict",
    "dimension_missing",
    "question_unanswered",
    "claim_undescribed",
    "only_positive",
    "negatives_denied",
    "claims_uniform",
    "sami_informed_only",
    "latent_conflict",
]
FLAG_CODES: tuple[FlagCode, ...] = get_args(FlagCode)  # one list: the type is the source
# "info" is for hints only: shown apart from the flags, never as an error.
Severity = Literal["high", "medium", "low", "info"]


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


@dataclass(frozen=True, slots=True)
class Hint:
    """Something to consider (a latent goal conflict); ``key`` identifies it for dismissal."""

    key: str
    source: str
    target: str
    severity: float  # the engine's severity (0..3), for ordering
    text: LocalText
    score: int | None = None  # the knowledge-base cell's score behind it (a dismissal records it)

    def reason(self, lang: str) -> str:
        return self.text.get(lang)


def make_flag(code: FlagCode, severity: Severity, params: Mapping[str, object]) -> Flag:
    """Render the reason in both languages; params may be LocalText (goal names, questions)."""
    texts = {}
    for lang in LANGUAGES:
        resolved = {k: (v.get(lang) if isinstance(v, LocalText) else v) for k, v in params.items()}
        texts[lang] = t(f"screening.flag_{code}", lang, **resolved)
    return Flag(code, severity, LocalText(**texts))


def problem_text(problem: Problem, lang: str) -> str:
    """A problem's message in ``lang``; parameters may be `LocalText` (call titles, labels)."""
    params = {k: (v.get(lang) if isinstance(v, LocalText) else v) for k, v in problem.params.items()}
    return t(problem.key, lang, **params)
