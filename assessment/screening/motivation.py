"""Draft the sustainability part of the decision motivation (beslutsmotivering) from the call's
templates. Always marked as a draft: the officer edits it and makes the judgement.
"""

from __future__ import annotations

from functools import lru_cache

from assessment.i18n import normalise_lang, t
from assessment.screening.calls import CallProfile
from assessment.screening.fields import Dimension
from assessment.screening.screen import ScreeningResult, dimension_text, goal_text, join_texts, ref_text

# At most this many conflicts are named in the draft; the output file lists them all.
MAX_CONFLICTS_NAMED = 3


@lru_cache(maxsize=4096)
def _goals(goals: tuple[int, ...], lang: str) -> str:
    return join_texts([goal_text(g) for g in goals]).get(lang)


@lru_cache(maxsize=64)
def _dimensions(dims: tuple[Dimension, ...], lang: str) -> str:
    return join_texts([dimension_text(d) for d in dims]).get(lang)


@lru_cache(maxsize=4096)
def _conflict(source: str, target: str, lang: str) -> str:
    return t(
        "screening.motivation_conflict",
        lang,
        source=ref_text(source).get(lang),
        target=ref_text(target).get(lang),
    )


class Drafter:
    """Drafts motivations for one call in one language; the templates are resolved once."""

    def __init__(self, call: CallProfile, lang: str = "sv") -> None:
        self.lang = lang = normalise_lang(lang)
        self.call = call
        self.templates = {name: text.get(lang) for name, text in call.motivation}
        self.call_name = call.name.get(lang)
        self.support = {s.id: s.label.get(lang) for s in call.support_types}
        self.marker = t("screening.draft_marker", lang)
        self.questions = {q.id: q.text.get(lang) for q in call.questions}

    def draft(self, result: ScreeningResult) -> str:
        lang = self.lang
        app = result.application
        tpl = self.templates
        positive_goals = tuple(sorted({c.goal for c in app.claims if c.impact > 0}))
        params: dict[str, object] = {
            "id": app.id,
            "title": app.title,
            "applicant": app.applicant,
            "call": self.call_name,
            "support_type": self.support.get(app.support_type, app.support_type),
            "municipality": app.municipality,
            "goals": _goals(positive_goals, lang),
            "missing_goals": _goals(result.goals_missing, lang),
            "dimensions": _dimensions(result.dimensions_described, lang),
            "missing_dimensions": _dimensions(result.dimensions_missing, lang),
            "conflicts": "; ".join(
                _conflict(h.source, h.target, lang) for h in result.latent[:MAX_CONFLICTS_NAMED]
            ),
            "questions": " ".join(self.questions[q.id] for q in result.questions_open),
            "count": len(result.questions_open),
        }
        parts = ["intro"]
        if positive_goals:
            parts.append("goals_addressed")
        if result.goals_missing and len(result.goals_addressed) < self.call.goals_needed:
            parts.append("goals_missing")
        if result.dimensions_described:
            parts.append("dimensions_described")
        if result.dimensions_missing:
            parts.append("dimensions_missing")
        if app.claims:
            parts.append("negatives_considered" if result.negatives_considered else "negatives_missing")
        if result.latent:
            parts.append("conflicts")
        if result.questions_open:
            parts.append("questions_open")
        parts.append("closing")
        # Only the call's (validated) templates are formatted; user text is a value, never a format.
        return f"{self.marker}\n" + " ".join(tpl[p].format(**params) for p in parts)


def draft_motivation(result: ScreeningResult, call: CallProfile, lang: str = "sv") -> str:
    """The draft motivation of one application (see `Drafter` for many)."""
    return Drafter(call, lang).draft(result)
